/** The CI workflow: valid YAML, the README's test command, the three triggers, secrets only from secrets. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectDir } from "../../lib/build.ts";

const file = path.join(projectDir, ".github", "workflows", "ci.yml");
const text = readFileSync(file, "utf8");
interface Step {
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, string>;
}
const workflow = parse(text, { prettyErrors: true }) as {
  on: { pull_request: unknown; push: { branches: string[] }; schedule: { cron: string }[] };
  jobs: Record<string, { steps: Step[]; env: Record<string, string> }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = steps.map((s) => s.run ?? "");

describe("the CI workflow", () => {
  it("runs on pull requests, on pushes to main and every day just after midnight in Vietnam", () => {
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.on.push.branches).toEqual(["main"]);
    const [minute, hour] = (workflow.on.schedule[0]?.cron ?? "").split(" ").map(Number);
    // Vietnam is UTC+7: the run must fall in the first hour of the Vietnamese day.
    expect(((hour ?? 0) + 7) % 24).toBe(0);
    expect(minute).toBeLessThan(60);
  });

  it("runs the same test command as the README: .ci/run, which is npm ci and npm test", () => {
    expect(runs).toContain("bash .ci/run");
    const ci = readFileSync(path.join(projectDir, ".ci", "run"), "utf8");
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    const readme = path.join(projectDir, "README.md");
    if (existsSync(readme)) expect(readFileSync(readme, "utf8")).toMatch(/npm test|\.ci\/run/);
  });

  it("builds, then deploys a preview for pull requests and production for main, with the Netlify CLI", () => {
    expect(runs).toContain("npm run build");
    const preview = steps.find((s) => s.run?.includes("deploy") && !s.run.includes("--prod"));
    const prod = steps.find((s) => s.run?.includes("--prod"));
    expect(preview?.run).toContain("--dir=_site");
    expect(preview?.if).toContain("pull_request");
    expect(prod?.run).toContain("--dir=_site");
    expect(prod?.if).toContain("refs/heads/main");
    // Only when the secrets exist (forks and fresh clones have none).
    // And checks that the live deploy sends netlify.toml's headers.
    for (const step of [preview, prod]) expect(step?.run).toMatch(/npm run check:deploy -- --url/);
    for (const step of [preview, prod])
      expect(step?.if).toMatch(/NETLIFY_AUTH_TOKEN != ''.*NETLIFY_SITE_ID != ''/);
  });

  it("takes the Netlify token and site id from repository secrets, and holds no secret itself", () => {
    const env = Object.values(workflow.jobs)[0]?.env ?? {};
    expect(env.NETLIFY_AUTH_TOKEN).toBe("${{ secrets.NETLIFY_AUTH_TOKEN }}");
    expect(env.NETLIFY_SITE_ID).toBe("${{ secrets.NETLIFY_SITE_ID }}");
    expect(text).not.toMatch(
      /nfp_[A-Za-z0-9]{20,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    );
  });

  it("caches npm and the image cache between runs", () => {
    const cached = steps.filter((s) => s.uses?.startsWith("actions/cache@")).map((s) => s.with?.path);
    expect(cached).toEqual(expect.arrayContaining(["~/.npm", ".cache"]));
  });
});
