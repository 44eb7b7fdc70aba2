/**
 * The people, units and tags of the synthetic district: Vietnamese names, deterministic for a seed.
 */
import { slugify } from "../../lib/text/slug.ts";
import type { Random } from "./random.ts";

const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Huỳnh",
  "Hoàng",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Đoàn",
  "Trương",
];
const MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Đức", "Ngọc", "Thanh", "Quang", "Xuân", "Thu", "Công", "Đình"];
const GIVEN = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Đạt",
  "Hà",
  "Hải",
  "Hạnh",
  "Hòa",
  "Hùng",
  "Hương",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Nga",
  "Phúc",
  "Phương",
  "Quân",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
  "Trung",
  "Tuấn",
  "Việt",
  "Yến",
  "Đông",
  "Khánh",
];
const COMMUNES = [
  "Tam An",
  // "Tam Dân" is left out so the figures in docs/benchmark.md stay comparable over runs; the build
  // would give it /don-vi/…-tam-dan-2/ beside "Tam Đàn" (lib/content/collections.ts).
  "Tam Đại",
  "Tam Đàn",
  "Tam Lãnh",
  "Tam Lộc",
  "Tam Phước",
  "Tam Thái",
  "Tam Thành",
  "Tam Vinh",
];
const COMMUNE_BODIES = ["UBND xã", "Đảng ủy xã", "Hội Nông dân xã"];
const DISTRICT_UNITS = [
  "Văn phòng HĐND và UBND huyện",
  "Phòng Nông nghiệp và PTNT",
  "Phòng Văn hóa và Thông tin",
  "Phòng Tài chính - Kế hoạch",
  "Phòng Giáo dục và Đào tạo",
  "Phòng Tư pháp",
  "Phòng Nội vụ",
  "Trung tâm Văn hóa - Thể thao và Truyền thanh",
  "Trung tâm Bồi dưỡng chính trị huyện",
  "Ban Tuyên giáo Huyện ủy",
  "Ủy ban MTTQ Việt Nam huyện",
  "Huyện đoàn Phú Ninh",
  "Công an huyện",
  "Ban Chỉ huy Quân sự huyện",
  "UBND thị trấn Phú Thịnh",
];

/** `n` distinct full names, e.g. "Nguyễn Thị Hạnh". */
export function authors(random: Random, n = 200): string[] {
  const names = new Set<string>();
  while (names.size < n) names.add(`${random.pick(FAMILY)} ${random.pick(MIDDLE)} ${random.pick(GIVEN)}`);
  return [...names];
}

/** About 40 district departments and commune bodies. */
export function units(random: Random, n = 40): string[] {
  const all = [...DISTRICT_UNITS, ...COMMUNES.flatMap((c) => COMMUNE_BODIES.map((body) => `${body} ${c}`))];
  return random.sample(all, n);
}

/** `n` distinct tags: two-word phrases taken from the seed's own text. */
export function tags(random: Random, words: readonly string[], n = 300): string[] {
  // Keyed by slug: two tags that differ only in tone marks ("cán bộ", "cạn bộ") would share a
  // /the/ address, which the build rejects.
  const found = new Map<string, string>();
  const usable = words.map((w) => w.toLowerCase().replace(/[^\p{L}]/gu, "")).filter((w) => w.length > 1);
  for (let tries = 0; found.size < n && tries < n * 100; tries++) {
    const at = random.int(0, usable.length - 2);
    const tag = `${usable[at]} ${usable[at + 1]}`;
    if (!found.has(slugify(tag))) found.set(slugify(tag), tag);
  }
  return [...found.values()];
}
