import { describe, expect, it } from 'vitest';
import { CHART_CONSTANTS, constantsFor } from './constants';

// Standard normal CDF through erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7 — ample for 3-decimal factors).
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

const H = 0.01;
const GRID = Array.from({ length: Math.round(16 / H) + 1 }, (_, i) => -8 + i * H);
const PHI = GRID.map(phi);

// d2(n) = E(R/σ) = ∫ 1 − Φ(x)ⁿ − (1 − Φ(x))ⁿ dx (the expected range of n standard normals).
function d2(n: number): number {
  return PHI.reduce((a, F) => a + (1 - F ** n - (1 - F) ** n) * H, 0);
}

// E(R²) = 2 ∫∫_{x<y} 1 − Φ(y)ⁿ − (1 − Φ(x))ⁿ + (Φ(y) − Φ(x))ⁿ dx dy; d3 = √(E(R²) − d2²).
function d3(n: number, e: number): number {
  const G = PHI.filter((_, i) => i % 4 === 0); // 0.04 steps keep the double sum quick
  const h = H * 4;
  let s = 0;
  // The diagonal cells are half inside x < y: weight ½ (without it the sum is short by ~0.03).
  for (let i = 0; i < G.length; i++) for (let j = i; j < G.length; j++) s += (j === i ? 0.5 : 1) * (1 - G[j]! ** n - (1 - G[i]!) ** n + (G[j]! - G[i]!) ** n);
  return Math.sqrt(2 * s * h * h - e * e);
}

// c4(n) = √(2/(n−1)) · Γ(n/2) / Γ((n−1)/2), with Γ of halves from Γ(1/2) = √π, Γ(1) = 1 and Γ(x+1) = xΓ(x).
function gammaHalf(twice: number): number {
  let x = twice % 2 === 0 ? 1 : 0.5;
  let g = twice % 2 === 0 ? 1 : Math.sqrt(Math.PI);
  while (x < twice / 2) {
    g *= x;
    x += 1;
  }
  return g;
}
const c4 = (n: number) => Math.sqrt(2 / (n - 1)) * (gammaHalf(n) / gammaHalf(n - 1));

describe('control chart constants', () => {
  it('cover n = 2..25 and nothing else', () => {
    expect(CHART_CONSTANTS.map((k) => k.n)).toEqual(Array.from({ length: 24 }, (_, i) => i + 2));
    expect(() => constantsFor(1)).toThrow(RangeError);
    expect(() => constantsFor(26)).toThrow(RangeError);
    expect(() => constantsFor(2.5)).toThrow(RangeError);
  });

  it('d2, d3 and c4 of the table agree with their defining integrals to the last printed digit', () => {
    for (const k of CHART_CONSTANTS) {
      const e = d2(k.n);
      expect(Math.abs(k.d2 - e), `d2(${k.n})`).toBeLessThan(0.0006);
      expect(Math.abs(k.d3 - d3(k.n, e)), `d3(${k.n})`).toBeLessThan(0.0015);
      expect(Math.abs(k.c4 - c4(k.n)), `c4(${k.n})`).toBeLessThan(0.00006);
    }
  });

  it('the derived factors match a printed table (n = 2..10) within the rounding of d2 and d3', () => {
    // Factors for control chart limits as printed in Gygi, DeCarlo & Williams, "Six Sigma For Dummies", ch. 20
    // (table of A2, A3, B3, B4, D3, D4, E2), which reprints the ASTM MNL 7 values. D3/D4 are computed here from
    // d2 and d3 of three decimals, which moves them by up to 0.002 (n = 2: 1 + 3·0.853/1.128 = 3.2686 vs 3.267).
    const printed: Record<number, [number, number, number, number, number, number, number]> = {
      2: [1.88, 2.659, 0, 3.267, 0, 3.267, 2.659],
      3: [1.023, 1.954, 0, 2.568, 0, 2.574, 1.772],
      4: [0.729, 1.628, 0, 2.266, 0, 2.282, 1.457],
      5: [0.577, 1.427, 0, 2.089, 0, 2.114, 1.29],
      6: [0.483, 1.287, 0.03, 1.97, 0, 2.004, 1.184],
      7: [0.419, 1.182, 0.118, 1.882, 0.076, 1.924, 1.109],
      8: [0.373, 1.099, 0.185, 1.815, 0.136, 1.864, 1.054],
      9: [0.337, 1.032, 0.239, 1.761, 0.184, 1.816, 1.01],
      10: [0.308, 0.975, 0.284, 1.716, 0.223, 1.777, 0.975],
    };
    for (const [n, [A2, A3, B3, B4, D3, D4, E2]] of Object.entries(printed)) {
      const k = constantsFor(Number(n));
      const got = [k.A2, k.A3, k.B3, k.B4, k.D3, k.D4, k.E2];
      [A2, A3, B3, B4, D3, D4, E2].forEach((want, i) => {
        expect(Math.abs(got[i]! - want), `n=${n} factor ${['A2', 'A3', 'B3', 'B4', 'D3', 'D4', 'E2'][i]}`).toBeLessThanOrEqual(0.0021);
      });
    }
  });

  it('are frozen', () => {
    expect(Object.isFrozen(constantsFor(5))).toBe(true);
    expect(Object.isFrozen(CHART_CONSTANTS)).toBe(true);
  });
});
