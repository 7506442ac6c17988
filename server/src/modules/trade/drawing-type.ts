import { ATTACHMENT_EXTENSIONS, type AttachmentKind } from '@gearbridge/contracts/trade';

/**
 * What a drawing file is, by its content — never by its name or the type the browser claims. Formats with magic
 * bytes are recognised by them (PDF `%PDF-`, PNG, JPEG, WebP, DWG `AC10xx`, binary DXF, STEP `ISO-10303-21;`);
 * an ASCII DXF has none and is recognised by its structure: text without NUL bytes whose first group is code 0
 * `SECTION` (after optional 999 comments). Anything else is null.
 */
export function drawingKind(buf: Buffer): AttachmentKind | null {
  const head = buf.subarray(0, 32);
  const ascii = head.toString('latin1');
  if (ascii.startsWith('%PDF-')) return 'pdf';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'webp';
  if (/^AC10\d\d/.test(ascii)) return 'dwg';
  if (ascii.startsWith('AutoCAD Binary DXF\r\n\x1a\0')) return 'dxf';
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

/** The name's ending agrees with the kind its content is (`drawing.STP` is a STEP file). */
export function extensionMatches(fileName: string, kind: AttachmentKind): boolean {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return !!ext && ATTACHMENT_EXTENSIONS[kind].includes(ext);
}

/** The content type a download is sent with. */
export const ATTACHMENT_MIME: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  dwg: 'image/vnd.dwg',
  dxf: 'image/vnd.dxf',
  step: 'model/step',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
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
