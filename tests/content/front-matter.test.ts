import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../lib/content/front-matter.ts";

/** A "billion laughs": nine levels of nine aliases, 9^9 strings once expanded. */
function aliasBomb(): string {
  let yaml = 'a: &a ["cười", "cười", "cười", "cười", "cười", "cười", "cười", "cười", "cười"]\n';
  let previous = "a";
  for (const name of "bcdefghi") {
    yaml += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]\n`;
    previous = name;
  }
  return `---\ntitle: Bom\n${yaml}---\n\nNội dung.\n`;
}

describe("splitFrontMatter", () => {
  it("reads fields, their lines and where the body starts", () => {
    const split = splitFrontMatter("---\ntitle: Đập Phú Ninh\ndate: 2025-11-26\n---\n\nNội dung.\n");
    expect(split.data).toEqual({ title: "Đập Phú Ninh", date: "2025-11-26" });
    expect(split.lines.get("date")).toBe(3);
    expect(split.bodyLine).toBe(5);
    expect(split.body).toBe("\nNội dung.\n");
    expect(split.yamlErrors).toEqual([]);
  });

  it("accepts empty front matter", () => {
    expect(splitFrontMatter("---\n---\nNội dung").yamlErrors).toEqual([]);
  });

  it("refuses an alias bomb in well under a second, without expanding it", () => {
    const started = performance.now();
    const split = splitFrontMatter(aliasBomb());
    expect(performance.now() - started).toBeLessThan(500);
    expect(split.data).toEqual({});
    expect(split.yamlErrors).toEqual([
      { line: 3, message: expect.stringMatching(/neo YAML \(&a và 8 chỗ khác\)/) },
      { line: 4, message: expect.stringMatching(/tham chiếu YAML \(\*a và 71 chỗ khác\)/) },
    ]);
  });

  it("refuses a single alias and an explicit tag too: front matter is plain data", () => {
    expect(splitFrontMatter("---\na: &x 1\nb: *x\n---\n").yamlErrors.map((e) => e.line)).toEqual([2, 3]);
    const [tagged] = splitFrontMatter("---\ntitle: !!binary aGVsbG8=\n---\n").yamlErrors;
    expect(tagged).toEqual({ line: 2, message: expect.stringMatching(/thẻ kiểu YAML/) });
  });

  it("says how to close front matter left open", () => {
    const [error] = splitFrontMatter("---\ntitle: Tin\ndate: 2025-11-26\n\nNội dung bài.\n").yamlErrors;
    expect(error?.line).toBe(1);
    expect(error?.message).toMatch(/không có dòng --- đóng/);
  });

  it("says how a file must begin when it has no front matter", () => {
    expect(splitFrontMatter("title: Tin\n\nNội dung").yamlErrors[0]?.message).toMatch(
      /bắt đầu bằng một dòng chỉ có ---/,
    );
  });

  it("refuses a field written twice, on the second line", () => {
    const [error] = splitFrontMatter("---\ntitle: Một\nauthor: A\ntitle: Hai\n---\n").yamlErrors;
    expect(error).toEqual({ line: 4, message: expect.stringMatching(/trường title đã có ở trên/) });
  });
});
