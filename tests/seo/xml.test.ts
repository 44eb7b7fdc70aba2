import { describe, expect, it } from "vitest";
import { escapeXml, toRfc822Vietnam } from "../../lib/seo/xml.ts";

describe("escapeXml", () => {
  it("escapes markup characters and drops control characters XML forbids", () => {
    expect(escapeXml(`Hòa & "giải" <b>'x'</b>\u0007`)).toBe(
      "Hòa &amp; &quot;giải&quot; &lt;b&gt;&apos;x&apos;&lt;/b&gt;",
    );
  });
});

describe("toRfc822Vietnam", () => {
  it("gives RSS dates in Vietnam time with +0700", () => {
    expect(toRfc822Vietnam(new Date("2018-05-31T17:00:00Z"))).toBe("Fri, 01 Jun 2018 00:00:00 +0700");
  });
});
