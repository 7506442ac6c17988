import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divHalfUp, formatQuantity, formatYuan, lineAmounts, lineNet, parseQuantity, parseYuan, tierFor, totals, vatOf } from './money';

describe('parsing and formatting', () => {
  it('reads 元 with at most two decimals into 分, and writes them back', () => {
    expect(parseYuan('0.1')).toBe(10n);
    expect(parseYuan('1234.5')).toBe(123450n);
    expect(parseYuan('19650.00')).toBe(1965000n);
    expect(formatYuan(123450n)).toBe('1234.50');
    expect(formatYuan(5n)).toBe('0.05');
    expect(formatYuan(-5n)).toBe('-0.05');
    for (const bad of ['', '1.234', '-1', '01', '1e3', '1,000', 'NaN', ' .5', '1.']) expect(parseYuan(bad)).toBeNull();
  });
  it('reads quantities with at most three decimals', () => {
    expect(parseQuantity('12.5')).toBe(12500n);
    expect(formatQuantity(12500n)).toBe('12.5');
    expect(formatQuantity(3000000n)).toBe('3000');
    expect(parseQuantity('0.0005')).toBeNull();
  });
  it('round-trips every amount exactly (property)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), (fen) => parseYuan(formatYuan(fen)) === fen));
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (milli) => parseQuantity(formatQuantity(milli)) === milli));
  });
});

describe('rounding half-up to the 分', () => {
  it('rounds exactly half away from zero, where binary floating point rounds down', () => {
    // 1.005 元 × 1 is 100.5 分: half-up gives 101; Math.round(1.005 * 100) gives 100 (1.005 is 1.00499… as a double).
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(lineNet(1005n, 100n)).toBe(101n); // 10.05 元 × 0.1 t = 1.005 元
    // 0.1 + 0.2 in floats is 0.30000000000000004; in 分 it is 30.
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(parseYuan('0.1')! + parseYuan('0.2')!).toBe(30n);
    expect(divHalfUp(5n, 10n)).toBe(1n);
    expect(divHalfUp(4n, 10n)).toBe(0n);
    expect(divHalfUp(-5n, 10n)).toBe(-1n);
  });
  it('takes 13 % VAT per line on the rounded net', () => {
    // 19,650.00 元/t × 1,500 t = 29,475,000.00; VAT 3,831,750.00.
    expect(lineAmounts({ unitFen: 1965000n, qtyMilli: 1500000n })).toEqual({ net: 2947500000n, vat: 383175000n, gross: 3330675000n });
    // 0.05 元: VAT 0.0065 元 → 0.01 (half-up).
    expect(vatOf(5n)).toBe(1n);
    expect(vatOf(3n)).toBe(0n); // 0.39 分 → 0
    // 4.50 元 × 13 % = 0.585 → 0.59; in floats 4.5 * 0.13 is 0.5849999999999999 and toFixed(2) gives '0.58'.
    expect((4.5 * 0.13).toFixed(2)).toBe('0.58');
    expect(formatYuan(vatOf(450n))).toBe('0.59');
  });
  it('makes totals the sum of the rounded lines', () => {
    // Three lines of 0.05 元 net each: VAT per line 0.0065 → 0.01, so 0.03; VAT on the 0.15 sum would be 0.02.
    const t = totals([
      { unitFen: 5n, qtyMilli: 1000n },
      { unitFen: 5n, qtyMilli: 1000n },
      { unitFen: 5n, qtyMilli: 1000n },
    ]);
    expect(t).toMatchObject({ net: 15n, vat: 3n, gross: 18n });
    expect(vatOf(15n)).toBe(2n);
  });
  it('stays within half a 分 of the exact product, and totals add up (property)', () => {
    const line = fc.record({ unitFen: fc.bigInt({ min: 1n, max: 10n ** 9n }), qtyMilli: fc.bigInt({ min: 1n, max: 10n ** 9n }) });
    fc.assert(
      fc.property(line, ({ unitFen, qtyMilli }) => {
        const net = lineNet(unitFen, qtyMilli);
        const exact2000 = unitFen * qtyMilli * 2n; // the exact product in 1/2000 分
        return net * 2000n - exact2000 <= 1000n && exact2000 - net * 2000n < 1000n;
      }),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), (lines) => {
        const t = totals(lines);
        return t.gross === t.net + t.vat && t.net === t.lines.reduce((a, l) => a + l.net, 0n) && t.vat === t.lines.reduce((a, l) => a + l.vat, 0n);
      }),
    );
  });
});

describe('price tiers', () => {
  it('applies the tier with the largest minimum quantity not above the quantity', () => {
    const tiers = [
      { minQtyMilli: 0n, fen: 1970000n },
      { minQtyMilli: 1000000n, fen: 1965000n },
    ];
    expect(tierFor(tiers, 999999n)?.fen).toBe(1970000n);
    expect(tierFor(tiers, 1000000n)?.fen).toBe(1965000n);
    expect(tierFor([{ minQtyMilli: 5000n }], 1000n)).toBeNull();
  });
});
