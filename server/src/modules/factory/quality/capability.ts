import type { SigmaMethod, SpcCapability, SpcHistogram, SpcLimits } from '@gearbridge/contracts/factory';
import { qualityError } from './errors';
import { MAX_POINTS, sampleSd } from './spc';

/**
 * Process capability (NIST/SEMATECH e-Handbook §6.1.6; Montgomery, Introduction to SQC ch. 8):
 *   Cp  = (USL − LSL) / 6σ_within        Pp  = (USL − LSL) / 6σ_overall
 *   Cpu = (USL − μ) / 3σ_within          Ppu = (USL − μ) / 3σ_overall
 *   Cpl = (μ − LSL) / 3σ_within          Ppl = (μ − LSL) / 3σ_overall
 *   Cpk = min(Cpu, Cpl)                  Ppk = min(Ppu, Ppl)
 * σ_within is the control chart's estimate, named by how it was made (R̄/d2, S̄/c4, MR̄/d2); σ_overall is the sample
 * standard deviation of all the values. A one-sided specification gives only its side: Cp and Pp need both limits,
 * Cpk is then the one side that exists.
 */

export interface WithinSigma {
  sigma: number;
  method: SigmaMethod;
}

/** The within σ a variables chart's frozen limits carry; p and u charts have none. */
export function withinSigmaOf(limits: SpcLimits): WithinSigma {
  if (limits.sigma === null || limits.sigmaMethod === null) throw qualityError('factory.spc.no_within_sigma', { kind: limits.kind });
  return { sigma: limits.sigma, method: limits.sigmaMethod };
}

export interface SpecLimits {
  lsl: number | null;
  usl: number | null;
}

function checkSpec({ lsl, usl }: SpecLimits): void {
  if (lsl !== null && usl !== null && !(lsl < usl)) throw qualityError('factory.spc.spec_order', { lsl, usl });
}

/** Cp, Cpl, Cpu, Cpk of a process with mean μ and standard deviation σ (or the P indices with σ overall). */
export function capabilityIndices(mu: number, sigma: number, spec: SpecLimits): { cp: number | null; cpl: number | null; cpu: number | null; cpk: number | null } {
  checkSpec(spec);
  if (!(sigma > 0)) throw qualityError('factory.spc.no_variation');
  const cpu = spec.usl === null ? null : (spec.usl - mu) / (3 * sigma);
  const cpl = spec.lsl === null ? null : (mu - spec.lsl) / (3 * sigma);
  const cp = spec.usl === null || spec.lsl === null ? null : (spec.usl - spec.lsl) / (6 * sigma);
  const sides = [cpu, cpl].filter((v): v is number => v !== null);
  return { cp, cpl, cpu, cpk: sides.length ? Math.min(...sides) : null };
}

/** A capability study of individual values against the specification, with the within σ of the chart's study. */
export function capability(values: readonly number[], spec: SpecLimits, within: WithinSigma): SpcCapability {
  if (values.length > MAX_POINTS * 25) throw qualityError('factory.spc.too_many_points', { max: MAX_POINTS * 25, count: values.length });
  if (values.length < 2) throw qualityError('factory.spc.too_few_values', { min: 2, count: values.length });
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw qualityError('factory.spc.not_finite', { index: i + 1 });
  });
  const mu = values.reduce((a, b) => a + b, 0) / values.length;
  const overall = sampleSd(values);
  const c = capabilityIndices(mu, within.sigma, spec);
  const p = capabilityIndices(mu, overall, spec);
  return {
    n: values.length,
    mean: mu,
    lsl: spec.lsl,
    usl: spec.usl,
    withinSigma: within.sigma,
    withinMethod: within.method,
    overallSigma: overall,
    ...c,
    pp: p.cp,
    ppl: p.cpl,
    ppu: p.cpu,
    ppk: p.cpk,
  };
}

export const MAX_BINS = 200;

/**
 * Equal-width bins over the values and the specification limits together (so both spec lines fall on the chart).
 * Default bin count: ⌈√n⌉ between 5 and 50. `below`/`above` count the values outside the specification.
 */
export function histogram(values: readonly number[], spec: SpecLimits = { lsl: null, usl: null }, bins?: number): SpcHistogram {
  checkSpec(spec);
  if (values.length === 0) throw qualityError('factory.spc.too_few_values', { min: 1, count: 0 });
  if (values.length > MAX_POINTS * 25) throw qualityError('factory.spc.too_many_points', { max: MAX_POINTS * 25, count: values.length });
  const k = bins ?? Math.min(50, Math.max(5, Math.ceil(Math.sqrt(values.length))));
  if (!Number.isInteger(k) || k < 1 || k > MAX_BINS) throw qualityError('factory.spc.bad_bins', { max: MAX_BINS });
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) throw qualityError('factory.spc.not_finite', { index: values.indexOf(v) + 1 });
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (spec.lsl !== null) lo = Math.min(lo, spec.lsl);
  if (spec.usl !== null) hi = Math.max(hi, spec.usl);
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / k;
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? hi : lo + i * width));
  const counts = new Array<number>(k).fill(0);
  let below = 0;
  let above = 0;
  for (const v of values) {
    counts[Math.min(k - 1, Math.floor((v - lo) / width))]! += 1;
    if (spec.lsl !== null && v < spec.lsl) below++;
    if (spec.usl !== null && v > spec.usl) above++;
  }
  return { edges, counts, below, above };
}
