import { describe, expect, it } from "vitest";
import { excerpt } from "../../lib/text/excerpt.ts";

describe("excerpt", () => {
  it("cuts at a word boundary with an ellipsis", () => {
    expect(excerpt("Tập trung thực hiện quyết liệt", 20)).toBe("Tập trung thực hiện…");
  });
  it("leaves short text whole", () => {
    expect(excerpt("Phú Ninh", 20)).toBe("Phú Ninh");
  });
});
