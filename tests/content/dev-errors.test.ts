import { describe, expect, it } from "vitest";
import { errorPage } from "../../lib/content/dev-errors.ts";

describe("errorPage", () => {
  it("lists each problem as text, markup in a message escaped", () => {
    const html = errorPage(["content/articles/a/index.md:3  [lỗi] title: <script>alert(1)</script> & co"]);
    expect(html).toContain(
      "<li><code>content/articles/a/index.md:3  [lỗi] title: &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</code></li>",
    );
    expect(html).toContain('<html lang="vi">');
  });
});
