import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../lib/content/markdown.ts";

describe("createMarkdown", () => {
  const md = createMarkdown();
  it("turns a paragraph that is only a titled image into a figure with a caption", () => {
    const html = md.render('![Hồ Phú Ninh](ho.jpg "Hồ Phú Ninh mùa nước")', {
      article: { url: "/tin-tuc/x/" },
    });
    expect(html).toBe(
      '<figure class="photo"><img src="/tin-tuc/x/ho.jpg" alt="Hồ Phú Ninh"><figcaption>Hồ Phú Ninh mùa nước</figcaption></figure>\n',
    );
  });
  it("keeps the seed's quotes, dots and './.' word for word", () => {
    const text = 'Bác Hồ "... Cán bộ là cái gốc..." -- đô thị./.';
    expect(md.render(text)).toBe(`<p>Bác Hồ &quot;... Cán bộ là cái gốc...&quot; -- đô thị./.</p>\n`);
  });
});
