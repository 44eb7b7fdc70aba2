import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { missingFileMessage } from "../../lib/content/file-names.ts";

function folderWith(...names: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "phuninh-names-"));
  for (const name of names) writeFileSync(path.join(dir, name), "x");
  return dir;
}

describe("missingFileMessage", () => {
  it("accepts a name spelled exactly, spaces and marks included", () => {
    expect(missingFileMessage(folderWith("Ảnh Hội Nghị.JPG"), "Ảnh Hội Nghị.JPG")).toBeUndefined();
  });

  it("asks 'did you mean' for a case, mark, separator or .jpeg/.jpg near miss", () => {
    const dir = folderWith("Ảnh Hội Nghị.JPG", "cau-tam-ky.jpeg");
    expect(missingFileMessage(dir, "anh hoi nghi.jpg", "tệp ảnh")).toBe(
      'không tìm thấy tệp ảnh "anh hoi nghi.jpg" trong thư mục bài viết; có phải ý bạn là "Ảnh Hội Nghị.JPG" ? (tên tệp phải viết đúng từng chữ hoa, chữ thường và dấu)',
    );
    expect(missingFileMessage(dir, "Cau_Tam_Ky.jpg")).toMatch(/có phải ý bạn là "cau-tam-ky\.jpeg" \?/);
  });

  it("names a file whose marks are stored in another Unicode form (NFD, as macOS may save)", () => {
    const dir = folderWith("Ảnh.jpg".normalize("NFD"));
    expect(missingFileMessage(dir, "Ảnh.jpg")).toMatch(/Unicode khác \(NFD\).*đổi tên tệp/);
  });

  it("says plainly when nothing is close", () => {
    expect(missingFileMessage(folderWith("a.jpg"), "b.jpg")).toBe(
      'không tìm thấy tệp "b.jpg" trong thư mục bài viết',
    );
  });
});
