import { describe, expect, it } from "vitest";
import { sortVietnamese } from "../../lib/text/collate.ts";

describe("sortVietnamese", () => {
  it("orders a ă â and d đ as the Vietnamese alphabet does", () => {
    const names = ["Đạt", "Ân", "Bình", "Dũng", "Ăn", "An"];
    expect(sortVietnamese(names, (n) => n)).toEqual(["An", "Ăn", "Ân", "Bình", "Dũng", "Đạt"]);
  });
});
