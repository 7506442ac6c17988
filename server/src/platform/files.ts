import { FILE_EXTENSIONS, type FileKind } from '@gearbridge/contracts/files';

/**
 * Files that users upload and download (trade's RFQ drawings, park's certification documents): what a file is by its
 * content — never by its name or the type the browser claims —, its name cleaned, and the headers it is sent with.
 * Each module keeps its own table, bounds and readers; what a file is and how it is named are the same everywhere.
 */

/** The file name as given, without a path, control characters or surrounding blanks. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is taken out
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * What a file is by its content, or null. Formats with magic bytes are recognised by them (PDF `%PDF-`, PNG, JPEG,
 * WebP, DWG `AC10xx`, binary DXF, STEP `ISO-10303-21;`); an ASCII DXF has none and is recognised by its structure:
 * text without NUL bytes whose first group is code 0 `SECTION` (after optional 999 comments). Office files: a ZIP
 * whose central directory lists `[Content_Types].xml` and the part folder of Word (`word/`), Excel (`xl/`) or
 * PowerPoint (`ppt/`) is docx, xlsx or pptx; an OLE compound file (the 97–2003 formats) is doc, xls or ppt by the
 * stream it holds (`WordDocument`, `Workbook`/`Book`, `PowerPoint Document`); an encrypted Office file is none.
 * With `allowed`, a kind outside it is null too.
 */
export function sniffFileKind(buf: Buffer, allowed?: readonly FileKind[]): FileKind | null {
  const kind = sniff(buf);
  return kind && (!allowed || allowed.includes(kind)) ? kind : null;
}

function sniff(buf: Buffer): FileKind | null {
  const head = buf.subarray(0, 32);
  const ascii = head.toString('latin1');
  if (ascii.startsWith('%PDF-')) return 'pdf';
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG)) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'webp';
  if (/^AC10\d\d/.test(ascii)) return 'dwg';
  if (ascii.startsWith('AutoCAD Binary DXF\r\n\x1a\0')) return 'dxf';
  if (ascii.startsWith('PK\x03\x04')) return officeZipKind(buf);
  if (head.length >= 8 && head.subarray(0, 8).equals(CFB)) return compoundFileKind(buf);
  const text = buf
    .subarray(0, 4096)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (/^\s*ISO-10303-21;/.test(text)) return 'step';
  if (!text.includes('\0') && isAsciiDxf(text)) return 'dxf';
  return null;
}

/** Group code / value line pairs: 999 comments may come first, then `0` and `SECTION`. */
function isAsciiDxf(text: string): boolean {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  let i = 0;
  while (i + 1 < lines.length && lines[i] === '999') i += 2;
  return lines[i] === '0' && lines[i + 1] === 'SECTION';
}

/** The names in a ZIP's central directory (found from its end record), or null when it has none readable. */
export function zipEntryNames(buf: Buffer, max = 10_000): string[] | null {
  // The end of central directory record: 22 bytes and a comment of at most 65535.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (offset + size > eocd) return null;
  const names: string[] = [];
  let p = offset;
  for (let n = 0; n < Math.min(count, max); n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen > eocd) return null;
    names.push(buf.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function officeZipKind(buf: Buffer): FileKind | null {
  const names = zipEntryNames(buf);
  if (!names?.includes('[Content_Types].xml')) return null;
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  return null;
}

/** A stream name as a compound file's directory holds it (UTF-16LE, NUL-terminated). */
const streamName = (name: string) => Buffer.from(`${name}\0`, 'utf16le');
function compoundFileKind(buf: Buffer): FileKind | null {
  const has = (name: string) => buf.indexOf(streamName(name), 512) >= 0;
  if (has('EncryptedPackage')) return null;
  if (has('WordDocument')) return 'doc';
  if (has('PowerPoint Document')) return 'ppt';
  if (has('Workbook') || has('Book')) return 'xls';
  return null;
}

/** The name's ending agrees with the kind its content is (`drawing.STP` is a STEP file). */
export function extensionMatches(fileName: string, kind: FileKind): boolean {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return !!ext && FILE_EXTENSIONS[kind].includes(ext);
}

/** The content type a download is sent with. */
export const FILE_MIME: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  dwg: 'image/vnd.dwg',
  dxf: 'image/vnd.dxf',
  step: 'model/step',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/**
 * `Content-Disposition: attachment` with the name as it was (RFC 6266 / 5987 `filename*`, UTF-8) and an ASCII
 * stand-in for old clients (non-ASCII, quotes, backslashes and controls replaced).
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The headers of a download: its type, the name, no sniffing by the browser, no shared cache. */
export const downloadHeaders = (kind: FileKind, fileName: string) => ({
  'content-type': FILE_MIME[kind],
  'content-disposition': contentDisposition(fileName),
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-store',
});
