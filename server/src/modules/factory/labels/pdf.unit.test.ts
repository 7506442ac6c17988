import { factoryMessages } from '@gearbridge/contracts/messages';
import { PRODUCTS } from '@gearbridge/plant';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors';
import { mm } from '../../../platform/pdf/document';
import { decodeBarcode } from '../../../test/barcode';
import { pdfFonts, readPdf, renderPdfPage } from '../../../test/pdf';
import { GS, parseGs1Scan } from './gs1';
import { MAX_LABELS_PER_PDF, type PalletLabel, palletLabelsPdf, type UnitLabel, unitLabelsPdf } from './pdf';

const housingA = PRODUCTS.find((p) => p.partNo === 'QJ-HSG-A01')!;
const axle = PRODUCTS.find((p) => p.partNo === 'QJ-AXH-F01')!;
const unit = (serial: string, product = housingA): UnitLabel => ({ product, serial, productionDate: '2026-12-07' });
const pallet: PalletLabel = {
  sscc: '069754300000000019',
  product: housingA,
  quantity: 48,
  workOrder: 'WO-20261207-L1-01',
  delivery: 'DN-2026-0412',
  date: '2026-12-07',
  shipper: '綦江齿轮传动有限公司',
};

/** The invalid error's key and parameters; fails when the promise resolves. */
async function refusal(p: Promise<unknown>): Promise<{ key: string; params?: unknown }> {
  const err = await p.then(
    () => {
      throw new Error('accepted');
    },
    (e: unknown) => e,
  );
  if (!(err instanceof DomainError)) throw err;
  expect(err.code).toBe('invalid');
  expect(err.key in factoryMessages, err.key).toBe(true);
  return { key: err.key, params: err.params };
}

describe('unit labels (60 × 40 mm)', () => {
  it('puts one label a page, each with its names, part number, serial, GTIN, date and element string, in embedded fonts', async () => {
    const pdf = await unitLabelsPdf([unit('L1-2612070001'), unit('L7-2612070123', axle)]);
    const read = await readPdf(pdf);
    expect(read.pages).toBe(2);
    for (const [w, h] of read.sizes) {
      expect(w).toBeCloseTo(mm(60), 2);
      expect(h).toBeCloseTo(mm(40), 2);
    }
    expect(read.text[0]).toBe(
      '变速器壳体 A Gearbox housing A QJ-HSG-A01 Rev C S/N L1-2612070001 GTIN 06975432100014 生产日期 Prod. date 2026-12-07 (01)06975432100014(21)L1-2612070001(11)261207',
    );
    expect(read.text[1]).toContain('后桥主减壳 Rear axle final-drive housing QJ-AXH-F01 Rev A S/N L7-2612070123 GTIN 06975432100076');
    expect(pdfFonts(pdf).every((f) => f.fontFile === 'FontFile2')).toBe(true);
  });

  it("carries a GS1 DataMatrix that reads back, from the page as pdf.js draws it, as the label's identifier", async () => {
    const pdf = await unitLabelsPdf([unit('L1-2612070001'), unit('L7-2612070123', axle)]);
    for (const [page, serial, gtin] of [
      [1, 'L1-2612070001', housingA.gtin],
      [2, 'L7-2612070123', axle.gtin],
    ] as const) {
      // As a 203 dpi (8 dots a mm) and a 300 dpi print head would place it.
      for (const dotsPerMm of [8, 300 / 25.4]) {
        const img = await renderPdfPage(pdf, page, dotsPerMm);
        // The symbol sits in the top right corner, right of every text line (which end 41 mm from the left).
        const x = Math.round(42 * dotsPerMm);
        const text = decodeBarcode(img, 'datamatrix', { x, y: 0, width: img.width - x, height: Math.round(18.5 * dotsPerMm) });
        expect(text).toBe(`${GS}01${gtin}21${serial}${GS}11261207`);
        expect(parseGs1Scan(text, 2026)).toMatchObject({ gtin, serial, date: '2026-12-07' });
      }
    }
  });

  it('refuses the whole batch for one bad identifier, none or too many labels', async () => {
    expect(await refusal(unitLabelsPdf([unit('L1-1'), unit('L1 2')]))).toEqual({ key: 'factory.gs1.characters', params: { ai: '21' } });
    expect(await refusal(unitLabelsPdf([{ ...unit('L1-1'), product: { ...housingA, gtin: '06975432100015' } }]))).toEqual({
      key: 'factory.gs1.check_digit',
      params: { ai: '01' },
    });
    expect(await refusal(unitLabelsPdf([{ ...unit('L1-1'), productionDate: '2026-02-30' }]))).toMatchObject({ key: 'factory.gs1.date' });
    expect(await refusal(unitLabelsPdf([]))).toEqual({ key: 'factory.labels.count', params: { max: MAX_LABELS_PER_PDF } });
    const many = Array.from({ length: MAX_LABELS_PER_PDF + 1 }, (_, i) => unit(`L1-${i}`));
    expect(await refusal(unitLabelsPdf(many))).toEqual({ key: 'factory.labels.count', params: { max: MAX_LABELS_PER_PDF } });
  });

  it('shrinks a long name to fit its line, cuts what still does not fit with an ellipsis, and never wraps onto the next field', async () => {
    const longer = { ...housingA, nameEn: 'Gearbox housing, heavy-duty 12-speed' };
    const longest = { ...housingA, nameEn: 'Gearbox housing for the heavy-duty twelve-speed transmission, machined and leak tested' };
    const read = await readPdf(await unitLabelsPdf([unit('L1-1', longer), unit('L1-2', longest)]));
    expect(read.pages).toBe(2);
    expect(read.text[0]).toContain('变速器壳体 A Gearbox housing, heavy-duty 12-speed QJ-HSG-A01 Rev C');
    expect(read.text[1]).toMatch(/^变速器壳体 A Gearbox housing for the heavy-duty[\w ,-]*… QJ-HSG-A01 Rev C S\/N L1-2 GTIN/);
  });
});

describe('pallet labels (A6)', () => {
  it('puts the shipper, product, quantity, work order, delivery and date on an A6 page, with the SSCC in human-readable form', async () => {
    const pdf = await palletLabelsPdf([pallet, { ...pallet, sscc: '069754300000000026', quantity: 12, delivery: undefined }]);
    const read = await readPdf(pdf);
    expect(read.pages).toBe(2);
    expect(read.sizes[0]![0]).toBeCloseTo(mm(105), 2);
    expect(read.sizes[0]![1]).toBeCloseTo(mm(148), 2);
    expect(read.text[0]).toBe(
      '綦江齿轮传动有限公司 托盘标签 Pallet label 产品 Product 变速器壳体 A Gearbox housing A 零件号 Part no. QJ-HSG-A01 Rev C GTIN 06975432100014 数量 Quantity 48 件 pcs 工单 Work order WO-20261207-L1-01 交货单 Delivery DN-2026-0412 日期 Date 2026-12-07 SSCC (00)069754300000000019',
    );
    expect(read.text[1]).toContain('数量 Quantity 12 件 pcs');
    expect(read.text[1]).not.toContain('Delivery');
    expect(read.text[1]).toContain('(00)069754300000000026');
  });

  it('carries the SSCC as GS1-128 that reads back from the page as pdf.js draws it', async () => {
    const pdf = await palletLabelsPdf([pallet]);
    const img = await renderPdfPage(pdf, 1, 8);
    // A band across the bars (they span 102–134 mm from the top; nothing else is drawn there).
    const text = decodeBarcode(img, 'code128', { x: 0, y: 110 * 8, width: img.width, height: 16 * 8 });
    expect(text).toBe(']C100069754300000000019');
    expect(parseGs1Scan(text, 2026).sscc).toBe('069754300000000019');
  });

  it('refuses a bad SSCC, quantity or date before drawing', async () => {
    expect(await refusal(palletLabelsPdf([{ ...pallet, sscc: '069754300000000018' }]))).toEqual({ key: 'factory.gs1.check_digit', params: { ai: '00' } });
    expect(await refusal(palletLabelsPdf([{ ...pallet, quantity: 0 }]))).toEqual({ key: 'factory.labels.quantity', params: { max: 99_999 } });
    expect(await refusal(palletLabelsPdf([{ ...pallet, quantity: 1.5 }]))).toMatchObject({ key: 'factory.labels.quantity' });
    expect(await refusal(palletLabelsPdf([{ ...pallet, date: '2026-13-01' }]))).toMatchObject({ key: 'factory.gs1.date' });
  });
});
