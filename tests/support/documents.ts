/**
 * Document fixtures made in the test itself: the attachments Vietnamese portals publish (PDF, Word,
 * Excel, PowerPoint, OpenDocument), small but structurally real (a ZIP with its central directory,
 * an OOXML package with its content types, an ODF package with its stored `mimetype` first).
 */
import { crc32 } from "node:zlib";

/** A ZIP of stored (uncompressed) entries, in order, with its central directory. */
export function zipOf(entries: readonly [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = (main: string, type: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="${type}"/></Types>`;

/** A Word document package (`.docx`). */
export const docx = (): Buffer =>
  zipOf([
    [
      "[Content_Types].xml",
      CONTENT_TYPES(
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
      ),
    ],
    [
      "word/document.xml",
      "<w:document><w:body><w:p><w:r><w:t>Quyết định</w:t></w:r></w:p></w:body></w:document>",
    ],
  ]);

/** An Excel workbook package (`.xlsx`). */
export const xlsx = (): Buffer =>
  zipOf([
    [
      "[Content_Types].xml",
      CONTENT_TYPES(
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
      ),
    ],
    ["xl/workbook.xml", "<workbook/>"],
  ]);

/** An OpenDocument text (`.odt`) or spreadsheet (`.ods`): `mimetype` stored first. */
export const openDocument = (type: "text" | "spreadsheet"): Buffer =>
  zipOf([
    ["mimetype", `application/vnd.oasis.opendocument.${type}`],
    ["content.xml", "<office:document-content/>"],
  ]);

/** A one-page PDF. */
export const pdf = (): Buffer =>
  Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
      "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  );

/** The header sector of an Office 97–2003 compound file (`.doc`, `.xls`, `.ppt`). */
export const compoundFile = (): Buffer => {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  return header;
};
