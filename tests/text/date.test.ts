import { describe, expect, it } from "vitest";
import {
  formatVietnameseDate,
  parsePortalDate,
  toVietnamISO,
  vietnamYear,
  type PortalDate,
} from "../../lib/text/date.ts";

const parse = (text: string): PortalDate => {
  const parsed = parsePortalDate(text);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
};

describe("parsePortalDate", () => {
  it("reads a date-time without offset as Vietnam time", () => {
    expect(parse("2025-11-26T23:30").instant.toISOString()).toBe("2025-11-26T16:30:00.000Z");
  });
  it("keeps an explicit offset", () => {
    expect(parse("2025-11-26T23:30:00Z").instant.toISOString()).toBe("2025-11-26T23:30:00.000Z");
  });
  it("knows whether a time was given", () => {
    expect(parse("2018-06-01").hasTime).toBe(false);
    expect(parse("2018-06-01T08:30").hasTime).toBe(true);
  });
  it("refuses an impossible day instead of rolling it over", () => {
    expect(parsePortalDate("2020-02-31")).toMatch(/không tồn tại/);
    expect(parsePortalDate("2021-02-29")).toMatch(/không tồn tại/);
    expect(typeof parsePortalDate("2024-02-29")).toBe("object");
  });
  it("refuses an offset no place on Earth uses, which would make the article vanish", () => {
    expect(parsePortalDate("2025-11-26T08:30+25:00")).toMatch(/múi giờ \+25:00 không tồn tại/);
    expect(parsePortalDate("2025-11-26T08:30+14:30")).toMatch(/không tồn tại/);
    expect(parsePortalDate("2025-11-26T08:30-13:00")).toMatch(/không tồn tại/);
    expect(parsePortalDate("2025-11-26T08:30+07:20")).toMatch(/không tồn tại/);
    expect(parse("2025-11-26T08:30+14:00").instant.toISOString()).toBe("2025-11-25T18:30:00.000Z");
    expect(parse("2025-11-26T08:30+05:45").instant.toISOString()).toBe("2025-11-26T02:45:00.000Z");
  });
  it("gives the ISO spelling of a day-first Vietnamese date", () => {
    expect(parsePortalDate("31/12/2025")).toMatch(/viết 2025-12-31 thay cho 31\/12\/2025/);
    expect(parsePortalDate("1/7/2025 08:30")).toMatch(/viết 2025-07-01T08:30/);
    expect(parsePortalDate("2025/7/1")).toMatch(/viết 2025-07-01 thay cho 2025\/7\/1/);
    expect(parsePortalDate("12/31/2025")).toMatch(/ví dụ 2025-11-26/);
  });
  it("refuses text that is not ISO 8601", () => {
    expect(parsePortalDate("26/11/2025")).toMatch(/ISO 8601/);
    expect(parsePortalDate("2025-11-26T25:00")).toMatch(/không hợp lệ/);
  });
});

describe("formatVietnameseDate", () => {
  it("formats a late-evening time on its Vietnamese day, not the UTC one", () => {
    expect(formatVietnameseDate(parse("2025-11-26T23:30"))).toBe("Thứ Tư, 26/11/2025, 23:30");
  });
  it("formats a Thursday in portal style without a time", () => {
    expect(formatVietnameseDate(parse("2026-11-26"))).toBe("Thứ Năm, 26/11/2026");
  });
  it("names Sunday Chủ Nhật", () => {
    expect(formatVietnameseDate(parse("2025-11-30"))).toBe("Chủ Nhật, 30/11/2025");
  });
  it("converts an instant given in UTC to the Vietnamese wall clock", () => {
    expect(formatVietnameseDate(parse("2025-12-31T20:00:00Z"))).toBe("Thứ Năm, 01/01/2026, 03:00");
  });
});

describe("toVietnamISO and vietnamYear", () => {
  it("writes +07:00 times", () => {
    expect(toVietnamISO(parse("2026-11-26T08:30").instant)).toBe("2026-11-26T08:30:00+07:00");
  });
  it("puts New Year's Eve 20:00 UTC into the next Vietnamese year", () => {
    expect(vietnamYear(parse("2025-12-31T20:00:00Z").instant)).toBe(2026);
  });
});
