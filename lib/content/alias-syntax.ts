/**
 * The syntax of an article's old address (`aliases`): what can become a redirect source.
 * Checked by the schema, so a bad alias is reported with its file and field like any other field.
 */

/**
 * Why an alias cannot be a redirect source, in Vietnamese, or undefined when it can.
 * Rules: a site-relative path (`/…`, not `//host`), no spaces or `#`, no Netlify pattern syntax
 * (`*`, `:name`) that would turn an old address into a wildcard, query parts written `key=value`.
 * @example aliasSyntaxError("/tin-tuc/bai-cu/") // undefined
 */
export function aliasSyntaxError(alias: string): string | undefined {
  if (!alias.startsWith("/") || alias.startsWith("//"))
    return `"${alias}" phải là đường dẫn trong trang, bắt đầu bằng "/" (ví dụ /tin-tuc/bai-cu/), không ghi tên miền`;
  if (/\s/.test(alias)) return `"${alias}" không được chứa khoảng trắng`;
  if (alias.includes("#")) return `"${alias}" không được chứa "#"`;
  const [path = "", query] = splitOnce(alias, "?");
  if (path.includes("*") || path.split("/").some((segment) => segment.startsWith(":")))
    return `"${alias}" không được chứa "*" hay đoạn bắt đầu bằng ":" (Netlify hiểu đó là mẫu, không phải địa chỉ)`;
  if (query !== undefined) {
    for (const pair of query.split("&")) {
      const [key = "", value] = splitOnce(pair, "=");
      if (!key || value === undefined || value === "" || value.startsWith(":"))
        return `"${alias}": mỗi tham số sau "?" phải có dạng khóa=giá trị (gặp "${pair}")`;
    }
  }
  return undefined;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
