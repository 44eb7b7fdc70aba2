import { describe, expect, it } from "vitest";
import { decodeSource, isExternalSource, listBodyImages } from "../../lib/images/references.ts";

describe("listBodyImages", () => {
  it("lists every image of a body with its file line, title and alt", () => {
    const body = 'Mở đầu.\n\n![Cầu Tam Kỳ](cau.jpg "Cầu mới")\n\nChữ và ![](hoi-nghi.jpg) giữa đoạn.\n';
    expect(listBodyImages(body, 12)).toEqual([
      { src: "cau.jpg", alt: "Cầu Tam Kỳ", title: "Cầu mới", line: 14 },
      { src: "hoi-nghi.jpg", alt: "", title: "", line: 16 },
    ]);
  });

  it("gives back Vietnamese file names as written, not percent-encoded", () => {
    expect(listBodyImages("![Đập](<đập phú ninh.jpg>)")[0]?.src).toBe("đập phú ninh.jpg");
    expect(decodeSource("%C4%91%E1%BA%ADp.jpg")).toBe("đập.jpg");
  });

  it("tells files beside the article from external sources", () => {
    expect(isExternalSource("anh/cau.jpg")).toBe(false);
    expect(isExternalSource("https://example.org/a.jpg")).toBe(true);
    expect(isExternalSource("/assets/images/banner.png")).toBe(true);
  });
});
