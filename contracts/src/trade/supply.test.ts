import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { indexAverage, savingPerTonne, savingPerTonneOver, settleMonth, ticketNet, type SupplyTerms } from './supply';
import { formatYuan } from './money';

/** The supply agreement's arithmetic and its rounding rules (docs/trade.md, "Supply agreements"). */
const terms: SupplyTerms = { processingFeeFen: 15_000n, ingotPremiumFen: 15_000n, remeltEnergyFen: 23_000n, remeltLabourFen: 7_000n };

describe('supply arithmetic', () => {
  it('averages the index half-up to the 分', () => {
    expect(indexAverage([1_893_000n, 1_895_000n, 1_897_500n])).toBe(1_895_167n); // 18,951.666… → 18,951.67
    expect(indexAverage([100n, 101n])).toBe(101n); // 1.005 元 → 1.01: exactly half goes up
    expect(indexAverage([100n, 100n, 101n])).toBe(100n); // 1.0033… → 1.00
    expect(indexAverage([])).toBeNull();
  });

  it('takes net = gross − tare exactly, and nothing at or below zero', () => {
    expect(ticketNet(38_517n, 16_204n)).toBe(22_313n);
    expect(ticketNet(16_000n, 16_000n)).toBeNull();
  });

  it('settles a month as one line rounded once, VAT on the rounded net, and the saving per tonne × tonnes', () => {
    const s = settleMonth(1_895_167n, terms, 66_923n);
    expect(formatYuan(s.unitFen)).toBe('19101.67');
    expect(formatYuan(s.net)).toBe('1278341.06');
    expect(formatYuan(s.vat)).toBe('166184.34');
    expect(formatYuan(s.gross)).toBe('1444525.40');
    expect(formatYuan(s.ingotRouteFen)).toBe('1298417.96');
    expect(formatYuan(s.savingFen)).toBe('20076.90');
    expect(savingPerTonne(terms)).toBe(30_000n);
  });

  it('a saving per tonne over a period is the rounded sum ÷ tonnes, half-up', () => {
    expect(savingPerTonneOver(1_500_000_000n, 50_000_000n)).toBe(30_000n);
    expect(savingPerTonneOver(1n, 3_000n)).toBe(0n); // 0.003333 分 a tonne
    expect(savingPerTonneOver(5n, 0n)).toBeNull();
  });

  it('properties: gross = net + VAT; the saving is the ingot route minus the molten one within a 分; months add up', () => {
    fc.assert(
      fc.property(fc.bigInt(1_000_000n, 3_000_000n), fc.bigInt(1n, 10_000_000n), (avg, milli) => {
        const s = settleMonth(avg, terms, milli);
        expect(s.gross).toBe(s.net + s.vat);
        const diff = s.ingotRouteFen - s.net - s.savingFen;
        expect(diff >= -1n && diff <= 1n).toBe(true);
      }),
    );
    // Whole tonnes at a saving of whole 元: every month's saving is exact, so a year is the sum of its months.
    fc.assert(
      fc.property(fc.array(fc.bigInt(0n, 6_000n), { minLength: 12, maxLength: 12 }), (tonnes) => {
        const months = tonnes.map((t) => settleMonth(1_900_000n, terms, t * 1000n).savingFen);
        expect(months.reduce((a, b) => a + b, 0n)).toBe(tonnes.reduce((a, b) => a + b, 0n) * 30_000n);
      }),
    );
  });
});
