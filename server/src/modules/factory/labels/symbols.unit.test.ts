import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors';
import { decodePng } from '../../../test/barcode';
import { GS, palletElements, parseGs1Scan, unitElements } from './gs1';
import { gs1Linear, gs1Matrix, gs1SymbolPng, gs1SymbolSvg } from './symbols';

describe('GS1 DataMatrix', () => {
  const unit = unitElements({ gtin: '06975432100014', serial: 'L1-2612070001', productionDate: '2026-12-07' });

  it('encodes (01)(21)(11) so that another decoder reads it back as a GS1 DataMatrix with the same element string', async () => {
    const text = decodePng(await gs1SymbolPng('gs1datamatrix', unit, { scale: 2 }), 'datamatrix');
    // ZXing gives every FNC1 as GS: the first one (what makes a DataMatrix a GS1 DataMatrix, ISO/IEC 16022) and the one
    // after the serial, which is variable-length and not last.
    expect(text).toBe(`${GS}010697543210001421L1-2612070001${GS}11261207`);
    const scan = parseGs1Scan(text, 2026);
    expect([scan.gtin, scan.serial, scan.date]).toEqual(['06975432100014', 'L1-2612070001', '2026-12-07']);
  });

  it('gives the same modules in the vector geometry the PDF draws as in the PNG', async () => {
    const m = gs1Matrix(unit);
    expect([m.columns, m.rows]).toEqual([22, 22]); // ECC 200 square size for 34 data characters
    // Finder pattern: solid left column and bottom row, alternating top row and right column.
    for (let i = 0; i < 22; i++) {
      expect(m.dark[i * 22], `left ${i}`).toBe(1);
      expect(m.dark[21 * 22 + i], `bottom ${i}`).toBe(1);
      expect(m.dark[i], `top ${i}`).toBe(i % 2 === 0 ? 1 : 0);
    }
    const img = PNG.sync.read(await gs1SymbolPng('gs1datamatrix', unit, { scale: 2 }));
    const px = 4; // 2 × scale pixels a module
    const quiet = 2 * px;
    expect(img.width).toBe(22 * px + 2 * quiet);
    for (let r = 0; r < 22; r++)
      for (let c = 0; c < 22; c++) {
        const at = 4 * ((quiet + r * px + px / 2) * img.width + quiet + c * px + px / 2);
        expect(img.data[at]! < 128 ? 1 : 0, `module ${r},${c}`).toBe(m.dark[r * 22 + c]);
      }
  });

  it('gives an SVG of the symbol', () => {
    const svg = gs1SymbolSvg('gs1datamatrix', unit, { scale: 1 });
    // 22 modules of 2 units and a 2-module quiet zone each side.
    expect(svg).toMatch(/^<svg viewBox="0 0 52 52"/);
    expect(svg).toContain('fill-rule="evenodd"');
  });

  it('refuses elements that are not valid GS1 before drawing anything', () => {
    expect(() => gs1Matrix([{ ai: '01', value: '06975432100015' }])).toThrow(DomainError);
    expect(() => gs1SymbolSvg('gs1datamatrix', unit, { scale: 11 })).toThrow(RangeError);
  });
});

describe('GS1-128', () => {
  const pallet = palletElements('069754300000000019');

  it('encodes (00) SSCC so that another decoder reads it back as GS1-128', async () => {
    const text = decodePng(await gs1SymbolPng('gs1-128', pallet, { scale: 2, barHeight: 30 }), 'code128');
    expect(text).toBe(']C100069754300000000019');
    expect(parseGs1Scan(text, 2026).sscc).toBe('069754300000000019');
  });

  it('gives bars for Start C, FNC1, ten digit pairs, the check character and Stop: 156 modules', () => {
    const l = gs1Linear(pallet);
    // Code 128: 11 modules a character (start, FNC1, 10 pairs of digits, check) and 13 for stop: 13 × 11 + 13.
    expect(l.modules).toBe(156);
    expect(l.bars.length).toBe(3 * 13 + 4); // three bars a character, four in stop
    expect(l.bars.slice(0, 3)).toEqual([
      [0, 2],
      [3, 1],
      [6, 3],
    ]); // Start C is 2 1 1 2 3 2
    const [lastStart, lastWidth] = l.bars.at(-1)!;
    expect(lastStart + lastWidth).toBe(156);
  });
});
