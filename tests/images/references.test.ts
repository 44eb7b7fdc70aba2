import { describe, expect, it } from "vitest";
import { decodeSource, listBodyImages } from "../../lib/images/references.ts";

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

  it("gives an image inside a paragraph, a list or a table the line it is written on", () => {
    const body =
      "Dòng một\ndòng hai ![a](a.jpg)\ndòng ba ![b](b.jpg)\n\n- mục\n  ![c](c.jpg)\n\n| Ảnh |\n|---|\n| ![d](d.jpg) |\n";
    expect(listBodyImages(body, 5).map((i) => [i.src, i.line])).toEqual([
      ["a.jpg", 6],
      ["b.jpg", 7],
      ["c.jpg", 10],
      ["d.jpg", 14],
    ]);
  });

  it("leaves out what a reader sees as text: code, raw <img> and an image inside another's alt", () => {
    const body =
      '```\n![mã](ma.jpg)\n```\n\n`![x](x.jpg)`\n\n<img src="b.jpg" alt="b">\n\n![ngoài ![trong](trong.jpg)](ngoai.jpg)';
    expect(listBodyImages(body).map((i) => i.src)).toEqual(["ngoai.jpg"]);
  });
});
