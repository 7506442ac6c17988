import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPercent, parsePercent, splitByPercents } from './terms';
import { formatYuan, parseYuan } from './money';

describe('payment-term percentages', () => {
  it('reads percent with at most two decimals into basis points, above 0 and at most 100', () => {
    expect(parsePercent('30')).toBe(3000);
    expect(parsePercent('12.5')).toBe(1250);
    expect(parsePercent('0.01')).toBe(1);
    expect(parsePercent('100')).toBe(10_000);
    for (const bad of ['0', '100.01', '-5', '12.345', '', 'abc', '1e2']) expect(parsePercent(bad)).toBeNull();
    expect(formatPercent(1250)).toBe('12.5');
    expect(formatPercent(3000)).toBe('30');
    expect(formatPercent(1)).toBe('0.01');
  });
});

describe('the splitting rule (largest remainder)', () => {
  it('splits 30 / 60 / 10 exactly when the shares are whole 分', () => {
    // 22,713,056.50 × 30 % = 6,813,916.95; × 60 % = 13,627,833.90; × 10 % = 2,271,305.65.
    expect(splitByPercents(parseYuan('22713056.50')!, [3000, 6000, 1000]).map(formatYuan)).toEqual(['6813916.95', '13627833.90', '2271305.65']);
  });
  it('gives the 分 left over to the largest remainders, the earlier term first on a tie', () => {
    // 1.00 元 in thirds: 33.33… each; the one 分 left goes to the first.
    expect(splitByPercents(100n, [3334, 3333, 3333])).toEqual([34n, 33n, 33n]);
    // 0.01 元 at 50/50: one 分, a tie, the first term takes it.
    expect(splitByPercents(1n, [5000, 5000])).toEqual([1n, 0n]);
    // 1,000.05 元 at 30/60/10: 300.015, 600.03, 100.005 → rounded down 300.01, 600.03, 100.00; the one 分 left goes
    // to a remainder of half, the earlier of the two: 300.02 (half-up on each would give 1,000.06).
    expect(splitByPercents(100005n, [3000, 6000, 1000])).toEqual([30002n, 60003n, 10000n]);
    // Where rounding each half-up would give more than the total (3 分 in six near-equal shares), the rule never does.
    const six = splitByPercents(3n, [1667, 1667, 1667, 1667, 1667, 1665]);
    expect(six.reduce((a, b) => a + b, 0n)).toBe(3n);
    expect(six.every((a) => a >= 0n)).toBe(true);
  });
  it('refuses shares that do not add up to 100 %', () => {
    expect(() => splitByPercents(100n, [3000, 6000])).toThrow(RangeError);
    expect(() => splitByPercents(100n, [])).toThrow(RangeError);
    expect(() => splitByPercents(-1n, [10_000])).toThrow(RangeError);
  });
  it('always sums to the total, each amount within one 分 of its exact share, an exact share kept (property)', () => {
    const shares = fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 6 }).map((cuts) => {
      // Cut points in 1..9,999 make 1–6 positive shares adding up to 10,000.
      const points = [...new Set(cuts.map((c) => c % 10_000).filter((c) => c > 0))].sort((a, b) => a - b);
      return [...points, 10_000].map((p, i, all) => p - (i ? all[i - 1] : 0));
    });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), shares, (total, bps) => {
        const amounts = splitByPercents(total, bps);
        if (amounts.reduce((a, b) => a + b, 0n) !== total) return false;
        return amounts.every((a, i) => {
          const exact = total * BigInt(bps[i]); // × 10,000
          const scaled = a * 10_000n;
          if (exact % 10_000n === 0n && scaled !== exact) return false;
          return a >= 0n && scaled > exact - 10_000n && scaled < exact + 10_000n;
        });
      }),
      { numRuns: 2000 },
    );
  });
});
