import PDFDocument from 'pdfkit';
import { pm, unprocessable } from '../errors';
import { fontBytes, type PdfFont } from './fonts';

/**
 * The platform's PDF factory (pdfkit): a document whose only fonts are the embedded, subsetted Noto Sans SC
 * (`fonts.ts`), bounded in pages and bytes, rendered to one Buffer. Labels and the shift report draw on it with
 * pdfkit's API; lengths are in points (`mm()` converts).
 */
export type PdfDoc = PDFKit.PDFDocument;

export const PDF_MIME = 'application/pdf';
/** A document never has more pages than this, whatever a caller asks. */
export const PDF_MAX_PAGES = 1000;
/** Nor more bytes. */
export const PDF_MAX_BYTES = 32 * 1024 * 1024;

/** Millimetres to PDF points (1/72 inch). */
export const mm = (v: number): number => (v * 72) / 25.4;

/** Paper sizes in points, portrait. */
export const PAGE = {
  A4: [mm(210), mm(297)],
  A6: [mm(105), mm(148)],
} as const satisfies Record<string, readonly [number, number]>;

export interface PdfSpec {
  /** Page size in points [width, height]. */
  size: readonly [number, number];
  /** Margins in points (default 0: a label places everything itself). */
  margin?: number;
  /** The document's title (shown by viewers, and in the PDF's metadata with the language). */
  title: string;
  subject?: string;
  /** The most pages this document may have (at most PDF_MAX_PAGES); one more is a 422 naming the limit. */
  maxPages?: number;
  /** The most bytes (at most PDF_MAX_BYTES); more is a 422 naming the limit in MiB. */
  maxBytes?: number;
}

/** The font names a drawing sets with `doc.font(name)`. */
export const FONT: Record<PdfFont, string> = { regular: 'NotoSansSC', bold: 'NotoSansSC-Bold' };

/**
 * Renders a document: `draw` gets a pdfkit document with the first page added and the regular font selected, and
 * adds pages with `doc.addPage()`. An error in `draw` (or a page over the bound) rejects, and no PDF comes out.
 */
export async function renderPdf(spec: PdfSpec, draw: (doc: PdfDoc) => void | Promise<void>): Promise<Buffer> {
  const maxPages = Math.min(spec.maxPages ?? PDF_MAX_PAGES, PDF_MAX_PAGES);
  const maxBytes = Math.min(spec.maxBytes ?? PDF_MAX_BYTES, PDF_MAX_BYTES);
  const doc = new PDFDocument({
    size: [spec.size[0], spec.size[1]],
    margin: spec.margin ?? 0,
    compress: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: spec.title, ...(spec.subject ? { Subject: spec.subject } : {}), Creator: 'Gearbridge', Producer: 'Gearbridge (pdfkit)' },
  });
  doc.registerFont(FONT.regular, fontBytes('regular'));
  doc.registerFont(FONT.bold, fontBytes('bold'));
  doc.font(FONT.regular);

  let pages = 1;
  doc.on('pageAdded', () => {
    // Thrown out of doc.addPage() (or the text wrapping that called it), so drawing stops at the bound.
    if (++pages > maxPages) throw unprocessable(pm('platform.pdf.too_many_pages', { max: maxPages }));
  });

  const chunks: Buffer[] = [];
  let bytes = 0;
  let tooLarge = false;
  doc.on('data', (c: Buffer) => {
    bytes += c.length;
    if (bytes > maxBytes) tooLarge = true;
    else chunks.push(c);
  });
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  await draw(doc);
  doc.end();
  await ended;
  if (tooLarge) throw unprocessable(pm('platform.pdf.too_large', { max: Math.round((maxBytes / 1024 / 1024) * 100) / 100 }));
  return Buffer.concat(chunks);
}
