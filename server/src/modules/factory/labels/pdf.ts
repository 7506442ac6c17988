/**
 * Printable labels as PDF, one label a page: the unit label (60 × 40 mm, a thermal label printer's common stock)
 * with the product's names, part number and revision, serial, production date, GTIN, the GS1 DataMatrix of
 * (01)(21)(11) and its human-readable element string; and the pallet label (A6) with the SSCC as GS1-128 and its
 * human-readable form, product, quantity, work order or delivery and date — the layout of the GS1 Logistic Label
 * Guideline (free text on top, the SSCC symbol at the bottom). Symbols are drawn as vector rectangles from their
 * module geometry, so they print sharp at 203 or 300 dpi.
 */
import { FONT, mm, PAGE, type PdfDoc, renderPdf } from '../../../platform/pdf/document';
import { invalid } from '../../../platform/errors';
import { m } from '../messages';
import { gs1Date, humanReadable, palletElements, toGtin14, unitElements } from './gs1';
import { gs1Linear, gs1Matrix, type LinearSymbol, type MatrixSymbol, QUIET_ZONE } from './symbols';

/** The most labels one PDF holds (one page each). */
export const MAX_LABELS_PER_PDF = 500;
/** A label takes about 3 ms to draw: let other requests in between batches of this many. */
const YIELD_EVERY = 25;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Text fields are cut to this many characters before they are fitted. */
const MAX_TEXT = 80;

export const UNIT_LABEL_SIZE = [mm(60), mm(40)] as const;
export const PALLET_LABEL_SIZE = PAGE.A6;

export interface LabelProduct {
  partNo: string;
  revision: string;
  nameZh: string;
  nameEn: string;
  /** GTIN-14 (or 8/12/13, padded). */
  gtin: string;
}

export interface UnitLabel {
  product: LabelProduct;
  serial: string;
  /** Production day, YYYY-MM-DD. */
  productionDate: string;
}

export interface PalletLabel {
  sscc: string;
  product: LabelProduct;
  /** Units on the pallet, 1–99,999. */
  quantity: number;
  workOrder?: string;
  delivery?: string;
  /** Packing day, YYYY-MM-DD. */
  date: string;
  /** The shipper's name for the label's "from" line. */
  shipper?: string;
}

function checkCount(n: number): void {
  if (n < 1 || n > MAX_LABELS_PER_PDF) throw invalid(m('factory.labels.count', { max: MAX_LABELS_PER_PDF }));
}

const cut = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/**
 * Writes one line at (x, y), in `size` or smaller (down to `min`, or 70 % of `size` if that is larger) so that it
 * fits `width`; what still does not fit is cut with an ellipsis. Never wraps onto the next field.
 */
function fitText(doc: PdfDoc, text: string, x: number, y: number, width: number, size: number, font = FONT.regular, align: 'left' | 'center' = 'left', min = 4.5) {
  let s = cut(text);
  doc.font(font);
  const floor = Math.max(min, size * 0.7);
  let fs = size;
  while (fs > floor && doc.fontSize(fs).widthOfString(s) > width) fs -= 0.25;
  doc.fontSize(fs);
  if (doc.widthOfString(s) > width) {
    while (s.length > 1 && doc.widthOfString(`${s}…`) > width) s = s.slice(0, -1);
    s = `${s.trimEnd()}…`;
  }
  doc.text(s, x, y, { width, align, lineBreak: false });
}

/** The DataMatrix with its top-left module at (x, y), modules of `module` points: dark runs of a row as one rectangle. */
function drawMatrix(doc: PdfDoc, sym: MatrixSymbol, x: number, y: number, module: number): void {
  for (let r = 0; r < sym.rows; r++) {
    let c = 0;
    while (c < sym.columns) {
      if (!sym.dark[r * sym.columns + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < sym.columns && sym.dark[r * sym.columns + c]) c++;
      doc.rect(x + start * module, y + r * module, (c - start) * module, module);
    }
  }
  doc.fillColor('black').fill();
}

/** The bars with the start character's left edge at x, X-dimension `module` points, `height` points tall. */
function drawBars(doc: PdfDoc, sym: LinearSymbol, x: number, y: number, module: number, height: number): void {
  for (const [start, width] of sym.bars) doc.rect(x + start * module, y, width * module, height);
  doc.fillColor('black').fill();
}

/**
 * Unit labels, 60 × 40 mm, one a page. Each label's identifier is checked first (GTIN check digit, serial in GS1
 * character set 82 without parentheses, a real date): a bad one refuses the whole batch with its message key.
 */
export async function unitLabelsPdf(labels: readonly UnitLabel[]): Promise<Buffer> {
  checkCount(labels.length);
  const prepared = labels.map((l) => {
    const elements = unitElements({ gtin: l.product.gtin, serial: l.serial, productionDate: l.productionDate });
    return { label: l, elements };
  });
  return renderPdf({ size: UNIT_LABEL_SIZE, title: '产品标签 Unit labels', maxPages: labels.length }, async (doc) => {
    for (const [i, { label, elements }] of prepared.entries()) {
      if (i > 0) doc.addPage();
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      const matrix = gs1Matrix(elements);
      const margin = mm(2);
      // The symbol at the right: at most 17 mm with its quiet zone, modules of 0.625 mm — 5 dots of a 203 dpi print
      // head (8 dots a mm), a whole number so that every module prints the same width — or less for a long serial.
      const side = mm(17);
      const q = QUIET_ZONE.gs1datamatrix;
      const module = Math.min(mm(0.625), side / (matrix.columns + 2 * q));
      const symSide = module * matrix.columns;
      const sx = UNIT_LABEL_SIZE[0] - margin - q * module - symSide;
      drawMatrix(doc, matrix, sx, margin + q * module, module);

      const textW = sx - q * module - margin - mm(1);
      const p = label.product;
      fitText(doc, p.nameZh, margin, mm(2), textW, 9.5, FONT.bold);
      fitText(doc, p.nameEn, margin, mm(6.6), textW, 6.5);
      fitText(doc, `${p.partNo}  Rev ${p.revision}`, margin, mm(10.2), textW, 7.5, FONT.bold);
      fitText(doc, `S/N ${label.serial}`, margin, mm(14.2), UNIT_LABEL_SIZE[0] - 2 * margin - side, 8.5, FONT.bold);
      const gtin = elements.find((e) => e.ai === '01')!.value;
      doc
        .lineWidth(0.4)
        .moveTo(margin, mm(19.4))
        .lineTo(UNIT_LABEL_SIZE[0] - margin, mm(19.4))
        .stroke('black');
      fitText(doc, `GTIN ${gtin}`, margin, mm(20.6), UNIT_LABEL_SIZE[0] - 2 * margin, 7.5);
      fitText(doc, `生产日期 Prod. date  ${label.productionDate}`, margin, mm(24.6), UNIT_LABEL_SIZE[0] - 2 * margin, 7.5);
      fitText(doc, humanReadable(elements), margin, mm(34), UNIT_LABEL_SIZE[0] - 2 * margin, 7, FONT.regular, 'center');
    }
  });
}

/** Pallet labels, A6, one a page; each SSCC is checked first (18 digits, check digit). */
export async function palletLabelsPdf(labels: readonly PalletLabel[]): Promise<Buffer> {
  checkCount(labels.length);
  const prepared = labels.map((l) => {
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > 99_999) throw invalid(m('factory.labels.quantity', { max: 99_999 }));
    const elements = palletElements(l.sscc);
    gs1Date(l.date); // a real day, or the invalid error naming it
    return { label: l, gtin: toGtin14(l.product.gtin), elements };
  });
  const [W, H] = PALLET_LABEL_SIZE;
  const margin = mm(6);
  const inner = W - 2 * margin;
  return renderPdf({ size: PALLET_LABEL_SIZE, title: '托盘标签 Pallet labels', maxPages: labels.length }, async (doc) => {
    for (const [i, { label, gtin, elements }] of prepared.entries()) {
      if (i > 0) doc.addPage();
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      const bars = gs1Linear(elements);
      const p = label.product;
      doc.lineWidth(0.8).strokeColor('black');
      fitText(doc, label.shipper ?? '', margin, mm(6), inner, 10, FONT.bold);
      fitText(doc, '托盘标签 Pallet label', margin, mm(11.5), inner, 8);
      doc
        .moveTo(margin, mm(17))
        .lineTo(W - margin, mm(17))
        .stroke();

      const rows: [string, string][] = [
        ['产品 Product', p.nameZh],
        ['', p.nameEn],
        ['零件号 Part no.', `${p.partNo}  Rev ${p.revision}`],
        ['GTIN', gtin],
        ['数量 Quantity', `${label.quantity} 件 pcs`],
        ...(label.workOrder ? [['工单 Work order', label.workOrder] as [string, string]] : []),
        ...(label.delivery ? [['交货单 Delivery', label.delivery] as [string, string]] : []),
        ['日期 Date', label.date],
      ];
      let y = mm(20);
      const labelW = mm(28);
      for (const [k, v] of rows) {
        if (k) fitText(doc, k, margin, y + 1.5, labelW, 8);
        fitText(doc, v, margin + labelW, y, inner - labelW, k === 'GTIN' || k.startsWith('数量') ? 12 : 11, k === '' ? FONT.regular : FONT.bold);
        y += mm(7);
      }

      // SSCC block at the foot: caption, GS1-128 at X = 0.5 mm with 10X quiet zones, 32 mm bars, then the HRI.
      const X = mm(0.5);
      const barH = mm(32);
      const hriY = H - margin - mm(6);
      const barY = hriY - mm(1.5) - barH;
      doc
        .moveTo(margin, barY - mm(8))
        .lineTo(W - margin, barY - mm(8))
        .stroke();
      fitText(doc, 'SSCC', margin, barY - mm(6.5), inner, 9, FONT.bold);
      const symW = bars.modules * X;
      drawBars(doc, bars, (W - symW) / 2, barY, X, barH);
      fitText(doc, humanReadable(elements), margin, hriY, inner, 13, FONT.bold, 'center');
    }
  });
}
