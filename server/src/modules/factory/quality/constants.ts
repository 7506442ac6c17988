/**
 * Control chart constants for subgroup sizes n = 2..25.
 *
 * d2, d3 and c4 are the tabulated factors of ASTM Manual on Presentation of Data and Control Chart Analysis (MNL 7)
 * as reprinted in Montgomery, Introduction to Statistical Quality Control, Appendix VI ("Factors for constructing
 * variables control charts"): d2 = E(R/σ), d3 = sd(R/σ) for n normal observations, c4 = E(s/σ). The other factors
 * are the textbook's definitions of them, for 3σ limits:
 *   A2 = 3/(d2·√n)    X̄ chart from R̄        D3 = max(0, 1 − 3·d3/d2), D4 = 1 + 3·d3/d2   R chart
 *   A3 = 3/(c4·√n)    X̄ chart from S̄        B3 = max(0, 1 − 3·√(1−c4²)/c4), B4 = 1 + 3·√(1−c4²)/c4   S chart
 *   E2 = 3/d2         individuals chart from the average moving range of span n (span 2: 2.660)
 * Tabulated values of these (e.g. n = 5: A2 0.577, A3 1.427, B4 2.089, D4 2.114, E2 1.290) agree with these
 * formulas to the table's last digit; constants.unit.test.ts checks the base factors against their integrals and
 * the derived ones against a printed table.
 */

export interface ChartConstants {
  n: number;
  d2: number;
  d3: number;
  c4: number;
  A2: number;
  A3: number;
  B3: number;
  B4: number;
  D3: number;
  D4: number;
  E2: number;
}

/** [n, d2, d3, c4] from the cited table. */
const BASE: readonly (readonly [number, number, number, number])[] = [
  [2, 1.128, 0.853, 0.7979],
  [3, 1.693, 0.888, 0.8862],
  [4, 2.059, 0.88, 0.9213],
  [5, 2.326, 0.864, 0.94],
  [6, 2.534, 0.848, 0.9515],
  [7, 2.704, 0.833, 0.9594],
  [8, 2.847, 0.82, 0.965],
  [9, 2.97, 0.808, 0.9693],
  [10, 3.078, 0.797, 0.9727],
  [11, 3.173, 0.787, 0.9754],
  [12, 3.258, 0.778, 0.9776],
  [13, 3.336, 0.77, 0.9794],
  [14, 3.407, 0.763, 0.981],
  [15, 3.472, 0.756, 0.9823],
  [16, 3.532, 0.75, 0.9835],
  [17, 3.588, 0.744, 0.9845],
  [18, 3.64, 0.739, 0.9854],
  [19, 3.689, 0.734, 0.9862],
  [20, 3.735, 0.729, 0.9869],
  [21, 3.778, 0.724, 0.9876],
  [22, 3.819, 0.72, 0.9882],
  [23, 3.858, 0.716, 0.9887],
  [24, 3.895, 0.712, 0.9892],
  [25, 3.931, 0.708, 0.9896],
];

export const MIN_SUBGROUP = 2;
export const MAX_SUBGROUP = 25;

function derive([n, d2, d3, c4]: readonly [number, number, number, number]): ChartConstants {
  const sb = (3 * Math.sqrt(1 - c4 * c4)) / c4;
  return Object.freeze({
    n,
    d2,
    d3,
    c4,
    A2: 3 / (d2 * Math.sqrt(n)),
    A3: 3 / (c4 * Math.sqrt(n)),
    B3: Math.max(0, 1 - sb),
    B4: 1 + sb,
    D3: Math.max(0, 1 - (3 * d3) / d2),
    D4: 1 + (3 * d3) / d2,
    E2: 3 / d2,
  });
}

/** The constants of every tabulated n, in order (index 0 is n = 2). */
export const CHART_CONSTANTS: readonly ChartConstants[] = Object.freeze(BASE.map(derive));

/** The constants for subgroup size n; throws a RangeError outside 2..25 (callers validate n first). */
export function constantsFor(n: number): ChartConstants {
  if (!Number.isInteger(n) || n < MIN_SUBGROUP || n > MAX_SUBGROUP) throw new RangeError(`no control chart constants for n = ${n}`);
  return CHART_CONSTANTS[n - MIN_SUBGROUP]!;
}
