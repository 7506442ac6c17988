import type { SpcChart, SpcChartKind, SpcLimits, SpcLine, SpcPoint, SpcRuleId } from '@gearbridge/contracts/factory';
import { constantsFor, MAX_SUBGROUP, MIN_SUBGROUP } from './constants';
import { qualityError } from './errors';
import { checkRules } from './rules';

/**
 * Shewhart control charts as pure functions (docs/spc.md):
 * 1. `studyLimits(study)` — phase I: limits from a study, returned frozen; the caller stores them (with who and when).
 * 2. `chartWindow(limits, data, rules)` — phase II: a window of new data against those stored limits, with the
 *    violations of the characteristic's rule set. Limits are never recomputed from the window.
 *
 * Formulas (Montgomery, Introduction to SQC, ch. 6–7; NIST/SEMATECH e-Handbook §6.3.2, §6.3.3):
 *   X̄-R:  σ̂ = R̄/d2;  X̄: x̄̄ ± A2·R̄ (= x̄̄ ± 3σ̂/√n);  R: D3·R̄, R̄, D4·R̄
 *   X̄-S:  σ̂ = S̄/c4;  X̄: x̄̄ ± A3·S̄;  S: B3·S̄, S̄, B4·S̄
 *   I-MR: σ̂ = MR̄/d2(2);  I: x̄ ± E2·MR̄ (E2 = 2.660);  MR: 0, MR̄, D4(2)·MR̄
 *   p:    p̄ = Σd/Σn;  each point p̄ ± 3·√(p̄(1−p̄)/nᵢ), clamped to [0, 1]
 *   u:    ū = Σc/Σn;  each point ū ± 3·√(ū/nᵢ), LCL clamped to 0
 * A charted X̄ subgroup may have another size than the study's (a short subgroup): its limits come from σ̂ and its
 * own n, which for the study's n is exactly the formula above.
 */

/** Bounds on what one call reads: a study or chart window of at most this many subgroups / samples. */
export const MAX_POINTS = 10_000;
/** Fewest subgroups a study may have (a service should ask for 20–25, the usual phase-I size). */
export const MIN_STUDY_SUBGROUPS = 2;

export interface AttributeSample {
  /** Nonconforming units (p) or defects (u) in the sample. */
  count: number;
  /** Units inspected (p: whole units; u: inspection units, may be fractional). */
  size: number;
}

export type SpcData =
  | { kind: 'xbar_r' | 'xbar_s'; subgroups: readonly (readonly number[])[] }
  | { kind: 'i_mr'; values: readonly number[] }
  | { kind: 'p' | 'u'; samples: readonly AttributeSample[] };

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const range = (xs: readonly number[]) => Math.max(...xs) - Math.min(...xs);
/** Sample standard deviation (n − 1). */
export function sampleSd(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) * (x - m), 0) / (xs.length - 1));
}
const line = (centre: number, ucl: number, lcl: number): SpcLine => Object.freeze({ centre, ucl, lcl });

function checkCount(count: number) {
  if (count > MAX_POINTS) throw qualityError('factory.spc.too_many_points', { max: MAX_POINTS, count });
}

function checkSubgroups(subgroups: readonly (readonly number[])[], study: boolean): void {
  checkCount(subgroups.length);
  if (study && subgroups.length < MIN_STUDY_SUBGROUPS) throw qualityError('factory.spc.too_few_subgroups', { min: MIN_STUDY_SUBGROUPS, count: subgroups.length });
  subgroups.forEach((g, i) => {
    if (g.length < MIN_SUBGROUP || g.length > MAX_SUBGROUP) throw qualityError('factory.spc.subgroup_size', { index: i + 1, size: g.length, min: MIN_SUBGROUP, max: MAX_SUBGROUP });
    if (!g.every(Number.isFinite)) throw qualityError('factory.spc.not_finite', { index: i + 1 });
    if (study && g.length !== subgroups[0]!.length) throw qualityError('factory.spc.unequal_subgroups', { index: i + 1, size: g.length, expected: subgroups[0]!.length });
  });
}

function checkValues(values: readonly number[], study: boolean): void {
  checkCount(values.length);
  if (study && values.length < MIN_STUDY_SUBGROUPS) throw qualityError('factory.spc.too_few_subgroups', { min: MIN_STUDY_SUBGROUPS, count: values.length });
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw qualityError('factory.spc.not_finite', { index: i + 1 });
  });
}

function checkSamples(kind: 'p' | 'u', samples: readonly AttributeSample[], study: boolean): void {
  checkCount(samples.length);
  if (study && samples.length < MIN_STUDY_SUBGROUPS) throw qualityError('factory.spc.too_few_subgroups', { min: MIN_STUDY_SUBGROUPS, count: samples.length });
  samples.forEach((s, i) => {
    const ok =
      Number.isFinite(s.count) &&
      Number.isFinite(s.size) &&
      s.size > 0 &&
      s.count >= 0 &&
      Number.isInteger(s.count) &&
      (kind === 'u' || (Number.isInteger(s.size) && s.count <= s.size));
    if (!ok) throw qualityError('factory.spc.bad_count', { index: i + 1, count: s.count, size: s.size });
  });
}

function freeze(limits: SpcLimits): SpcLimits {
  return Object.freeze(limits);
}

/** X̄-R limits from equal subgroups of 2–25 (σ̂ = R̄/d2). */
export function xbarRLimits(subgroups: readonly (readonly number[])[]): SpcLimits {
  checkSubgroups(subgroups, true);
  const n = subgroups[0]!.length;
  const k = constantsFor(n);
  const xbb = mean(subgroups.map(mean));
  const rbar = mean(subgroups.map(range));
  if (rbar === 0) throw qualityError('factory.spc.no_variation');
  return freeze({
    kind: 'xbar_r',
    subgroupSize: n,
    location: line(xbb, xbb + k.A2 * rbar, xbb - k.A2 * rbar),
    spread: line(rbar, k.D4 * rbar, k.D3 * rbar),
    sigma: rbar / k.d2,
    sigmaMethod: 'rbar_d2',
    studySubgroups: subgroups.length,
    averageSize: n,
  });
}

/** X̄-S limits from equal subgroups of 2–25 (σ̂ = S̄/c4). */
export function xbarSLimits(subgroups: readonly (readonly number[])[]): SpcLimits {
  checkSubgroups(subgroups, true);
  const n = subgroups[0]!.length;
  const k = constantsFor(n);
  const xbb = mean(subgroups.map(mean));
  const sbar = mean(subgroups.map(sampleSd));
  if (sbar === 0) throw qualityError('factory.spc.no_variation');
  return freeze({
    kind: 'xbar_s',
    subgroupSize: n,
    location: line(xbb, xbb + k.A3 * sbar, xbb - k.A3 * sbar),
    spread: line(sbar, k.B4 * sbar, k.B3 * sbar),
    sigma: sbar / k.c4,
    sigmaMethod: 'sbar_c4',
    studySubgroups: subgroups.length,
    averageSize: n,
  });
}

const movingRanges = (xs: readonly number[]) => xs.slice(1).map((x, i) => Math.abs(x - xs[i]!));

/** Individuals and moving-range limits (moving ranges of span 2; σ̂ = MR̄/1.128). */
export function imrLimits(values: readonly number[]): SpcLimits {
  checkValues(values, true);
  const k = constantsFor(2);
  const xbar = mean(values);
  const mrbar = mean(movingRanges(values));
  if (mrbar === 0) throw qualityError('factory.spc.no_variation');
  return freeze({
    kind: 'i_mr',
    subgroupSize: 1,
    location: line(xbar, xbar + k.E2 * mrbar, xbar - k.E2 * mrbar),
    spread: line(mrbar, k.D4 * mrbar, k.D3 * mrbar),
    sigma: mrbar / k.d2,
    sigmaMethod: 'mrbar_d2',
    studySubgroups: values.length,
    averageSize: 1,
  });
}

/** The 3σ limits of one attribute point of size n around the centre p̄ or ū. */
function attributeLine(kind: 'p' | 'u', centre: number, size: number): SpcLine {
  const sd = kind === 'p' ? Math.sqrt((centre * (1 - centre)) / size) : Math.sqrt(centre / size);
  const ucl = kind === 'p' ? Math.min(1, centre + 3 * sd) : centre + 3 * sd;
  return line(centre, ucl, Math.max(0, centre - 3 * sd));
}

function attributeLimits(kind: 'p' | 'u', samples: readonly AttributeSample[]): SpcLimits {
  checkSamples(kind, samples, true);
  const count = samples.reduce((a, s) => a + s.count, 0);
  // p̄ = 0 (or ū = 0): the centre, UCL and LCL all 0 — every later nonconforming unit "out of control", nothing learnt.
  if (count === 0) throw qualityError('factory.spc.no_nonconforming', { kind, count: samples.length });
  const size = samples.reduce((a, s) => a + s.size, 0);
  const centre = count / size;
  const averageSize = size / samples.length;
  return freeze({
    kind,
    subgroupSize: null,
    location: attributeLine(kind, centre, averageSize),
    spread: null,
    sigma: null,
    sigmaMethod: null,
    studySubgroups: samples.length,
    averageSize,
  });
}

/** p chart: p̄ = total nonconforming / total inspected; sample sizes may vary (each point gets its own limits). */
export const pLimits = (samples: readonly AttributeSample[]) => attributeLimits('p', samples);
/** u chart: ū = total defects / total inspection units; sizes may vary. */
export const uLimits = (samples: readonly AttributeSample[]) => attributeLimits('u', samples);

/** Phase-I limits of any chart kind. */
export function studyLimits(study: SpcData): SpcLimits {
  switch (study.kind) {
    case 'xbar_r':
      return xbarRLimits(study.subgroups);
    case 'xbar_s':
      return xbarSLimits(study.subgroups);
    case 'i_mr':
      return imrLimits(study.values);
    default:
      return attributeLimits(study.kind, study.samples);
  }
}

export interface ChartOptions {
  /** Index of the window's first point (so indexes continue a longer series); default 0. */
  startIndex?: number;
}

const point = (index: number, value: number, l: SpcLine): SpcPoint => ({ index, value, centre: l.centre, ucl: l.ucl, lcl: l.lcl });

/** X̄ and R/S limits for a subgroup of size n from the frozen centre and σ̂. */
function subgroupLines(kind: 'xbar_r' | 'xbar_s', limits: SpcLimits, n: number): { location: SpcLine; spread: SpcLine } {
  const sigma = limits.sigma!;
  const k = constantsFor(n);
  const c = limits.location.centre;
  const h = (3 * sigma) / Math.sqrt(n);
  const location = line(c, c + h, c - h);
  if (n === limits.subgroupSize) return { location: limits.location, spread: limits.spread! };
  const spread =
    kind === 'xbar_r' ? line(k.d2 * sigma, (k.d2 + 3 * k.d3) * sigma, Math.max(0, (k.d2 - 3 * k.d3) * sigma)) : line(k.c4 * sigma, k.B4 * k.c4 * sigma, k.B3 * k.c4 * sigma);
  return { location, spread };
}

/**
 * Phase II: plots a window of data against stored limits and checks the selected rules on it (rules.ts). To catch
 * a run that began before the window, pass the preceding points too (and `startIndex` to keep their numbers).
 */
export function chartWindow(limits: SpcLimits, data: SpcData, rules: readonly SpcRuleId[], options: ChartOptions = {}): SpcChart {
  if (data.kind !== limits.kind) throw qualityError('factory.spc.kind_mismatch', { limits: limits.kind, kind: data.kind });
  // Stored limits come back from the database: a variables chart's without σ or its spread line is a defect there.
  if (data.kind !== 'p' && data.kind !== 'u' && !(limits.sigma !== null && limits.sigma > 0 && limits.spread !== null)) {
    throw new TypeError(`stored ${limits.kind} limits lack σ or the spread line`);
  }
  const start = options.startIndex ?? 0;
  const location: SpcPoint[] = [];
  const spread: SpcPoint[] = [];
  switch (data.kind) {
    case 'xbar_r':
    case 'xbar_s': {
      checkSubgroups(data.subgroups, false);
      data.subgroups.forEach((g, i) => {
        const lines = subgroupLines(data.kind, limits, g.length);
        location.push(point(start + i, mean(g), lines.location));
        spread.push(point(start + i, data.kind === 'xbar_r' ? range(g) : sampleSd(g), lines.spread));
      });
      break;
    }
    case 'i_mr': {
      checkValues(data.values, false);
      data.values.forEach((v, i) => {
        location.push(point(start + i, v, limits.location));
        if (i > 0) spread.push(point(start + i, Math.abs(v - data.values[i - 1]!), limits.spread!));
      });
      break;
    }
    default: {
      checkSamples(data.kind, data.samples, false);
      const kind = data.kind;
      data.samples.forEach((s, i) => {
        location.push(point(start + i, s.count / s.size, attributeLine(kind, limits.location.centre, s.size)));
      });
    }
  }
  return { kind: limits.kind as SpcChartKind, limits, location, spread, violations: checkRules(location, spread, rules) };
}
