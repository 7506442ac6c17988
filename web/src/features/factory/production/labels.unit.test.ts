import { describe, expect, it } from 'vitest';
import { fixed, outOfSpec, toleranceText } from './labels';

// The demo plant's characteristics (plant/src/production.ts): BORE_D1 Ø62H7 62.000–62.030 mm (two-sided), FLAT_JOINT
// at most 0.050 mm (upper limit only); H7 on Ø62 is +0/+0.030 mm (ISO 286-2, the 50–80 mm range).
const bore = { lsl: 62.0, usl: 62.03, decimals: 3 };
const flat = { lsl: null, usl: 0.05, decimals: 3 };
const minOnly = { lsl: 1, usl: null, decimals: 1 };

describe('tolerances as the station and genealogy pages show them', () => {
  it('writes two-sided, upper-only and lower-only limits the way they are read on a drawing', () => {
    expect(toleranceText(bore)).toBe('62.000 ~ 62.030');
    expect(toleranceText(flat)).toBe('≤ 0.050');
    expect(toleranceText(minOnly)).toBe('≥ 1.0');
    expect(toleranceText({ lsl: null, usl: null, decimals: 2 })).toBe('—');
  });

  it('marks a value out of spec only past a limit the characteristic has; the limits themselves are in', () => {
    expect(outOfSpec(62.0, bore)).toBe(false);
    expect(outOfSpec(62.03, bore)).toBe(false);
    expect(outOfSpec(62.031, bore)).toBe(true);
    expect(outOfSpec(61.999, bore)).toBe(true);
    // One-sided: any small value is in, however far below the nominal.
    expect(outOfSpec(-5, flat)).toBe(false);
    expect(outOfSpec(0.051, flat)).toBe(true);
    expect(outOfSpec(1e9, minOnly)).toBe(false);
    expect(outOfSpec(0.9, minOnly)).toBe(true);
  });

  it('shows a value with its characteristic’s decimals, and nothing as a dash', () => {
    expect(fixed(62.0154, 3)).toBe('62.015');
    expect(fixed(0.8, 2)).toBe('0.80');
    expect(fixed(null, 2)).toBe('—');
  });
});
