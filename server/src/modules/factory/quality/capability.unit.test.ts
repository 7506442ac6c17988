import { describe, expect, it } from 'vitest';
import { capability, capabilityIndices, histogram, withinSigmaOf } from './capability';
import { QualityInputError } from './errors';
import { imrLimits, pLimits, xbarRLimits } from './spc';

describe('capability indices', () => {
  it('follow the NIST/SEMATECH e-Handbook §6.1.6 example', () => {
    // https://www.itl.nist.gov/div898/handbook/pmc/section1/pmc16.htm (inputs as the handbook gives them; the page
    // is not in the search store, so not re-read here) — USL = 20, LSL = 8, μ = 16, σ = 2:
    // Cp = (20 − 8)/(6·2) = 1.0; Cpu = (20 − 16)/(3·2) = 0.6667; Cpl = (16 − 8)/(3·2) = 1.3333; Cpk = 0.6667.
    const c = capabilityIndices(16, 2, { lsl: 8, usl: 20 });
    expect(c.cp).toBeCloseTo(1.0, 4);
    expect(c.cpu).toBeCloseTo(0.6667, 4);
    expect(c.cpl).toBeCloseTo(1.3333, 4);
    expect(c.cpk).toBeCloseTo(0.6667, 4);
  });

  it('give only the side that exists for a one-sided specification', () => {
    // Leak rate with only an upper limit 20: Cpu = (20 − 16)/6 = 0.6667 = Cpk, no Cp, no Cpl.
    expect(capabilityIndices(16, 2, { lsl: null, usl: 20 })).toEqual({ cp: null, cpl: null, cpu: expect.closeTo(0.6667, 4), cpk: expect.closeTo(0.6667, 4) });
    // Wall thickness with only a lower limit 8: Cpl = 1.3333 = Cpk.
    expect(capabilityIndices(16, 2, { lsl: 8, usl: null })).toEqual({ cp: null, cpl: expect.closeTo(1.3333, 4), cpu: null, cpk: expect.closeTo(1.3333, 4) });
    expect(capabilityIndices(16, 2, { lsl: null, usl: null })).toEqual({ cp: null, cpl: null, cpu: null, cpk: null });
  });

  it('are negative when the mean is outside the specification', () => {
    expect(capabilityIndices(21, 1, { lsl: 8, usl: 20 }).cpk).toBeCloseTo(-1 / 3, 10);
  });
});

describe('capability study', () => {
  // The tires data of spc.unit.test.ts (SAS/QC, within σ by MR̄/d2 = 0.050423 printed) against a hypothetical
  // specification 24.00 ± 0.20 mm.
  const TIRES = [
    24.05, 23.99, 23.95, 23.93, 23.97, 24.02, 24.06, 24.1, 23.98, 24.03, 23.91, 24.06, 24.06, 23.96, 23.98, 24.06, 24.01, 24.0, 23.93, 23.92, 24.09, 24.11, 24.05, 23.98, 23.98,
    24.06, 24.02, 24.06, 23.97, 23.96,
  ];

  it('names the within-σ estimate and computes the overall σ as the sample standard deviation', () => {
    const limits = imrLimits(TIRES);
    const c = capability(TIRES, { lsl: 23.8, usl: 24.2 }, withinSigmaOf(limits));
    expect(c.n).toBe(30);
    expect(c.mean).toBeCloseTo(24.008333, 6);
    expect(c.withinMethod).toBe('mrbar_d2');
    expect(c.withinSigma).toBeCloseTo(0.050423, 4);
    // Overall σ (computed apart, in double precision): Σ(x − x̄)² = 0.0900167 over 29 → s = 0.0557138.
    expect(c.overallSigma).toBeCloseTo(0.0557138, 6);
    // Cp = 0.4/(6·σw); Cpk = (24.2 − 24.008333)/(3·σw); Pp, Ppk the same with σ overall.
    expect(c.cp).toBeCloseTo(0.4 / (6 * c.withinSigma), 12);
    expect(c.cpk).toBeCloseTo((24.2 - c.mean) / (3 * c.withinSigma), 12);
    expect(c.cpk).toBe(c.cpu);
    expect(c.pp).toBeCloseTo(0.4 / (6 * 0.0557138), 5);
    expect(c.ppk).toBeCloseTo(Math.min(24.2 - c.mean, c.mean - 23.8) / (3 * 0.0557138), 5);
    // A drifting process (overall σ above within σ) has Ppk below Cpk.
    expect(c.ppk!).toBeLessThan(c.cpk!);
  });

  it('takes the within σ of an X̄-R study (R̄/d2)', () => {
    // Ranges 2 and 2 → R̄ = 2, σ̂ = 2/1.693.
    const limits = xbarRLimits([
      [1, 2, 3],
      [2, 4, 3],
    ]);
    expect(withinSigmaOf(limits)).toEqual({ sigma: 2 / 1.693, method: 'rbar_d2' });
  });

  it('refuses p and u studies, too few values, crossed specifications and no variation', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(QualityInputError);
        return (e as QualityInputError).key;
      }
      return 'no error';
    };
    const p = pLimits([
      { count: 1, size: 10 },
      { count: 2, size: 10 },
    ]);
    expect(code(() => withinSigmaOf(p))).toBe('factory.spc.no_within_sigma');
    expect(code(() => capability([1], { lsl: 0, usl: 2 }, { sigma: 1, method: 'mrbar_d2' }))).toBe('factory.spc.too_few_values');
    expect(code(() => capability([1, 2], { lsl: 2, usl: 2 }, { sigma: 1, method: 'mrbar_d2' }))).toBe('factory.spc.spec_order');
    expect(code(() => capability([1, 1, 1], { lsl: 0, usl: 2 }, { sigma: 1, method: 'mrbar_d2' }))).toBe('factory.spc.no_variation');
  });
});

describe('histogram', () => {
  it('bins the values and the specification range together', () => {
    // Values 1..10, LSL 0, USL 12, 4 bins over 0..12: [0,3) [3,6) [6,9) [9,12] → 2, 3, 3, 2.
    const h = histogram([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { lsl: 0, usl: 12 }, 4);
    expect(h.edges).toEqual([0, 3, 6, 9, 12]);
    expect(h.counts).toEqual([2, 3, 3, 2]);
    expect([h.below, h.above]).toEqual([0, 0]);
  });

  it('counts values outside the specification; the last bin holds its upper edge', () => {
    const h = histogram([-1, 0, 5, 10, 11], { lsl: 0, usl: 10 }, 2);
    expect(h.edges).toEqual([-1, 5, 11]);
    expect(h.counts).toEqual([2, 3]);
    expect(h.below).toBe(1);
    expect(h.above).toBe(1);
  });

  it('chooses ⌈√n⌉ bins between 5 and 50 and keeps one value visible', () => {
    expect(histogram(Array.from({ length: 100 }, (_, i) => i)).counts).toHaveLength(10);
    expect(histogram([1, 2, 3]).counts).toHaveLength(5);
    expect(histogram([7]).edges).toEqual([6.5, 6.7, 6.9, 7.1, 7.3, 7.5].map((x, i) => (i === 5 ? 7.5 : expect.closeTo(x, 12))));
    expect(() => histogram([1, 2], undefined, 0)).toThrow(QualityInputError);
    expect(() => histogram([1, 2], undefined, 201)).toThrow(QualityInputError);
  });
});
