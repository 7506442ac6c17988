import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmountYi, yiToYuan, yuanToYi } from './money';

/** Amounts in 亿元 are exact to the yuan: text ↔ whole yuan round-trips, and sums of many equal the decimal sum. */
describe('amounts in 亿元', () => {
  it('converts text to whole yuan and back', () => {
    expect(yiToYuan('242.15')).toBe(24_215_000_000n);
    expect(yiToYuan('0.00000001')).toBe(1n);
    expect(yiToYuan('100')).toBe(10_000_000_000n);
    expect(yuanToYi(24_215_000_000n)).toBe('242.15');
    expect(yuanToYi('1')).toBe('0.00000001');
    expect(yuanToYi(0n)).toBe('0');
    expect(yiToYuan('1.123456789')).toBeNull();
    expect(yiToYuan('-1')).toBeNull();
    expect(yiToYuan('1e3')).toBeNull();
  });

  it('refuses amounts that are not exact to the yuan, and zero', () => {
    expect(AmountYi.safeParse('10.5').success).toBe(true);
    for (const bad of ['0', '0.000000001', 'abc', '1,5', '']) expect(AmountYi.safeParse(bad).success, bad).toBe(false);
  });

  it('sums many random amounts exactly: the sum of the conversions is the conversion of the decimal sum', () => {
    // Amounts as (whole 亿, yuan fraction) pairs; the expected sum is computed digit-wise on the decimal text.
    const amount = fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 99_999_999 })).map(([w, f]) => `${w}.${String(f).padStart(8, '0')}`);
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 200 }), (amounts) => {
        const yuan = amounts.reduce((s, a) => s + yiToYuan(a)!, 0n);
        const whole = amounts.reduce((s, a) => s + BigInt(a.split('.')[0]), 0n);
        const frac = amounts.reduce((s, a) => s + BigInt(a.split('.')[1]), 0n);
        expect(yuan).toBe(whole * 100_000_000n + frac);
        expect(yiToYuan(yuanToYi(yuan))).toBe(yuan);
      }),
      { numRuns: 300 },
    );
  });
});
