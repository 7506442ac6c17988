import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { FONT, mm, PAGE, type PdfDoc, renderPdf } from './document';
import { pdfFonts, readPdf } from '../../test/pdf';

describe('a PDF from the platform factory', () => {
  it('embeds a subset of Noto Sans SC as TrueType (/FontFile2), uses no other font, and gives its Chinese back as text', async () => {
    const pdf = await renderPdf({ size: PAGE.A4, margin: mm(15), title: '班次报告' }, (doc) => {
      doc.fontSize(16).font(FONT.bold).text('班次报告 Shift report');
      doc.fontSize(11).font(FONT.regular).text('变速器壳体 A — Gearbox housing A：产出 76 件，目标 70–80 件。');
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const fonts = pdfFonts(pdf);
    expect(fonts.map((f) => [f.subtype, f.fontFile])).toEqual([
      ['Type0', 'FontFile2'],
      ['Type0', 'FontFile2'],
    ]);
    // Subset fonts carry a six-letter tag before their name (ISO 32000-1 §9.6.4).
    expect(fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
    for (const f of fonts) {
      expect(f.baseFont).toMatch(/^[A-Z]{6}\+/);
      // The whole font is about 10 MB; the subset holds the few dozen glyphs used.
      expect(f.fontFileBytes).toBeGreaterThan(1000);
      expect(f.fontFileBytes).toBeLessThan(100_000);
    }
    expect(pdf.length).toBeLessThan(60_000);

    const read = await readPdf(pdf);
    expect(read.pages).toBe(1);
    expect(read.sizes[0]![0]).toBeCloseTo(595.28, 1);
    expect(read.text[0]).toContain('班次报告 Shift report');
    expect(read.text[0]).toContain('变速器壳体 A — Gearbox housing A：产出 76 件，目标 70–80 件。');
  });

  it('stops at its page bound with a message key, and gives no PDF', async () => {
    const render = renderPdf({ size: PAGE.A6, title: 't', maxPages: 3 }, (doc) => {
      for (let i = 0; i < 10; i++) doc.addPage();
    });
    const err = await render.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('unprocessable');
    expect((err as DomainError).key).toBe('platform.pdf.too_many_pages');
    expect((err as DomainError).params).toEqual({ max: 3 });
  });

  it('bounds pages that text wrapping adds too, and allows exactly the bound', async () => {
    const long = '綦江齿轮传动有限公司。'.repeat(2000);
    const err = await renderPdf({ size: PAGE.A6, margin: mm(8), title: 't', maxPages: 2 }, (doc) => {
      doc.text(long);
    }).catch((e: unknown) => e);
    expect((err as DomainError).key).toBe('platform.pdf.too_many_pages');

    const ok = await renderPdf({ size: PAGE.A6, title: 't', maxPages: 2 }, (doc) => {
      doc.text('一');
      doc.addPage().text('二');
    });
    expect((await readPdf(ok)).text).toEqual(['一', '二']);
  });

  it('refuses a document larger than its byte bound with a message key', async () => {
    const draw = (doc: PdfDoc) => {
      for (let i = 0; i < 40; i++) doc.text(`第 ${i} 行 line ${i}`);
    };
    const size = (await renderPdf({ size: PAGE.A4, title: 't' }, draw)).length;
    const err = await renderPdf({ size: PAGE.A4, title: 't', maxBytes: size - 1 }, draw).catch((e: unknown) => e);
    expect((err as DomainError).code).toBe('unprocessable');
    expect((err as DomainError).key).toBe('platform.pdf.too_large');
    await expect(renderPdf({ size: PAGE.A4, title: 't', maxBytes: size + 100 }, draw)).resolves.toBeInstanceOf(Buffer);
  });

  it("passes a drawing's own error on", async () => {
    await expect(
      renderPdf({ size: PAGE.A6, title: 't' }, () => {
        throw new Error('drawing failed');
      }),
    ).rejects.toThrow('drawing failed');
  });
});
