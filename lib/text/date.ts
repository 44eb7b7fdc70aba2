/**
 * Dates as Vietnamese portals show them, always in Asia/Ho_Chi_Minh whatever the machine's zone.
 *
 * Why not Date#toLocaleString or Luxon defaults: builds run on UTC machines (CI, Netlify), where an
 * article dated 23:30 in Vietnam would otherwise show the previous day.
 */

export const VIETNAM_OFFSET = "+07:00";
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];

/** A moment in time plus whether the author gave a time of day. */
export interface PortalDate {
  readonly instant: Date;
  readonly hasTime: boolean;
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Parses an ISO 8601 date or date-time; no offset means Vietnam time. Returns an error text for
 * malformed or impossible dates (e.g. 2020-02-31) instead of rolling them over as Date does.
 */
export function parsePortalDate(text: string): PortalDate | string {
  const match = ISO_PATTERN.exec(text.trim());
  if (!match)
    return (
      isoSpellingHint(text.trim()) ??
      "cần dạng năm-tháng-ngày (ISO 8601), ví dụ 2025-11-26 hoặc 2025-11-26T08:30"
    );
  const [, y, mo, d, h = "00", mi = "00", s = "00", zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return `ngày ${text} không tồn tại`;
  }
  if (hour > 23 || minute > 59 || second > 59) return `giờ trong ${text} không hợp lệ`;
  const offset = zone === undefined ? VIETNAM_OFFSET : zone === "Z" ? "+00:00" : zone;
  if (!isRealOffset(offset)) {
    return `múi giờ ${offset} không tồn tại (từ -12:00 đến +14:00): bỏ múi giờ để dùng giờ Việt Nam, hoặc viết +07:00`;
  }
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return `ngày ${text} không hợp lệ`;
  return { instant, hasTime: match[4] !== undefined };
}

/**
 * The fix for a date written the Vietnamese way, day first (`31/12/2025`, `31-12-2025 08:30`), or
 * with slashes (`2025/12/31`).
 * @example isoSpellingHint("31/12/2025") // "… viết 2025-12-31 …"
 */
function isoSpellingHint(text: string): string | undefined {
  const time = "(?:[ T,]+(\\d{1,2})[:hg](\\d{2}))?$";
  const dayFirst = new RegExp(`^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})${time}`).exec(text);
  const yearFirst = new RegExp(`^(\\d{4})[/.-](\\d{1,2})[/.-](\\d{1,2})${time}`).exec(text);
  const m = dayFirst ?? yearFirst;
  if (!m) return undefined;
  const [d = "", mo = "", y = ""] = dayFirst ? [m[1], m[2], m[3]] : [m[3], m[2], m[1]];
  const [h, mi] = [m[4], m[5]];
  if (Number(mo) > 12) return undefined;
  const iso = `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}${h ? `T${h.padStart(2, "0")}:${mi}` : ""}`;
  return `ngày phải viết theo thứ tự năm-tháng-ngày (ISO 8601): viết ${iso} thay cho ${text}`;
}

/**
 * True for a UTC offset some place on Earth uses: -12:00 to +14:00, in whole, half or three-quarter
 * hours. Why: `new Date()` turns `+25:00` into an invalid date, which no comparison ever matches.
 */
function isRealOffset(offset: string): boolean {
  const [, sign, hh, mm] = /^([+-])(\d{2}):(\d{2})$/.exec(offset) ?? [];
  const minutes = Number(hh) * 60 + Number(mm);
  if (!["00", "30", "45"].includes(mm ?? "")) return false;
  return sign === "+" ? minutes <= 14 * 60 : minutes <= 12 * 60;
}

/** The wall-clock fields of an instant in Vietnam time. */
function vietnamFields(instant: Date): {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  wd: number;
} {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return {
    y: local.getUTCFullYear(),
    mo: local.getUTCMonth() + 1,
    d: local.getUTCDate(),
    h: local.getUTCHours(),
    mi: local.getUTCMinutes(),
    s: local.getUTCSeconds(),
    wd: local.getUTCDay(),
  };
}

const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * Portal-style date: "Thứ Năm, 26/11/2026", with ", 08:30" when the article has a time.
 * @example formatVietnameseDate({ instant: new Date("2025-11-26T16:30:00Z"), hasTime: true }) === "Thứ Tư, 26/11/2025, 23:30"
 */
export function formatVietnameseDate(date: PortalDate): string {
  const f = vietnamFields(date.instant);
  const day = `${WEEKDAYS[f.wd]}, ${pad(f.d)}/${pad(f.mo)}/${f.y}`;
  return date.hasTime ? `${day}, ${pad(f.h)}:${pad(f.mi)}` : day;
}

/** Machine-readable ISO 8601 with the +07:00 offset, for `<time datetime>`, feeds and JSON-LD. */
export function toVietnamISO(instant: Date): string {
  const f = vietnamFields(instant);
  return `${f.y}-${pad(f.mo)}-${pad(f.d)}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}${VIETNAM_OFFSET}`;
}

/** The calendar year in Vietnam (for yearly archives). */
export function vietnamYear(instant: Date): number {
  return vietnamFields(instant).y;
}
