/**
 * Synthetic but plausible labour-market data for the matching benchmark, the same for the same seed.
 * Occupations: ~280 codes shaped like the 2022 职业分类大典 (major groups 2 professional, 4 services, 5 farming,
 * 6 production; most demand in 6), popular ones far more common (Zipf-like). Places: the twelve counties of 临沂市,
 * 綦江区 and 城口县, at county or town level. Wages around the 2026 pay of factory and service work.
 */
import type { Candidate, Opening } from '../../server/src/shared/matching';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const LINYI = ['371302', '371311', '371312', '371321', '371322', '371323', '371324', '371325', '371326', '371327', '371328', '371329'];
const QIJIANG = '500110';
const CHENGKOU = '500229';
const BASE_DAY = Date.UTC(2026, 2, 1) / 86_400_000;
export const TODAY = '2026-03-01';
const date = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export interface Market {
  codes: string[];
  candidates: Candidate[];
  openings: Opening[];
}

export function occupationCodes(): string[] {
  const codes: string[] = [];
  for (const [major, middles] of [
    [2, 6],
    [4, 8],
    [5, 3],
    [6, 14],
  ] as const) {
    for (let m = 1; m <= middles; m++) for (let s = 1; s <= 3; s++) for (let u = 1; u <= 3; u++) codes.push(`${major}-${pad(m)}-${pad(s)}-${pad(u)}`);
  }
  return codes;
}

export function makeMarket(seed: number, nCandidates: number, nOpenings: number): Market {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const codes = occupationCodes();
  // Production work (major group 6) is most of the demand; within it a few trades dominate.
  const weights = codes.map((c, i) => (c.startsWith('6-') ? 3 : 1) / (1 + (i % 37)) ** 0.8);
  const cumulative = weights.map(
    (
      (s) => (w: number) =>
        (s += w)
    )(0),
  );
  const total = cumulative[cumulative.length - 1];
  const popularCode = () => {
    const x = r() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return codes[lo];
  };
  /** A code near another: same minor group, else same middle group. */
  const nearCode = (c: string) => {
    const near = codes.filter((d) => d.startsWith(c.slice(0, r() < 0.6 ? 7 : 4)) && d !== c);
    return near.length ? pick(near) : popularCode();
  };
  const certificateOf = (code: string) => `cert-${pad((code.charCodeAt(2) * 7 + Number(code.slice(2, 4)) * 3 + Number(code.slice(5, 7))) % 20)}`;
  const place = () => {
    const x = r();
    const county = x < 0.7 ? pick(LINYI) : x < 0.9 ? QIJIANG : CHENGKOU;
    return r() < 0.6 ? `${county}${String(1 + Math.floor(r() * 15)).padStart(3, '0')}` : county;
  };

  const openings: Opening[] = [];
  for (let i = 0; i < nOpenings; i++) {
    const occupation = popularCode();
    const wageMin = 3000 + Math.round((r() * 4000) / 100) * 100;
    const from = BASE_DAY - 30 + Math.floor(r() * 60);
    const required = r() < 0.15 ? [certificateOf(occupation)] : [];
    const preferred = r() < 0.3 ? [`cert-${pad(Math.floor(r() * 20))}`, ...(r() < 0.4 ? [certificateOf(nearCode(occupation))] : [])] : [];
    openings.push({
      id: `P${String(i).padStart(6, '0')}`,
      occupation,
      region: place(),
      wageMin: r() < 0.05 ? null : wageMin,
      wageMax: r() < 0.05 ? null : wageMin + 500 + Math.round((r() * 2500) / 100) * 100,
      housing: r() < 0.6,
      validFrom: date(from),
      validTo: date(from + 30 + Math.floor(r() * 150)),
      requiredCertificates: required,
      preferredCertificates: preferred,
      openHeadcount: Math.min(50, 1 + Math.floor(-Math.log(1 - r()) * 4)),
    });
  }

  const candidates: Candidate[] = [];
  for (let i = 0; i < nCandidates; i++) {
    const first = popularCode();
    const occupations = [first];
    if (r() < 0.5) occupations.push(nearCode(first));
    if (r() < 0.2) occupations.push(popularCode());
    const skills = r() < 0.6 ? [first, ...(r() < 0.3 ? [nearCode(first)] : [])] : [];
    const x = r();
    const regions = x < 0.1 ? [] : x < 0.45 ? ['371300'] : x < 0.7 ? [pick(LINYI)] : x < 0.9 ? [CHENGKOU, ...(r() < 0.5 ? ['371300'] : [])] : [r() < 0.5 ? QIJIANG : '500000'];
    const hasMinimum = r() < 0.6;
    const certificates = [...new Set([...(r() < 0.4 ? [certificateOf(first)] : []), ...(r() < 0.3 ? [`cert-${pad(Math.floor(r() * 20))}`] : [])])];
    candidates.push({
      id: `W${String(i).padStart(6, '0')}`,
      occupations: [...new Set(occupations)],
      skills,
      regions,
      minWage: hasMinimum ? 3000 + Math.round((r() * 3500) / 100) * 100 : null,
      minWageFirm: hasMinimum && r() < 0.3,
      needsHousing: r() < 0.4,
      availableFrom: r() < 0.7 ? date(BASE_DAY + Math.floor(r() * 90)) : null,
      certificates,
    });
  }
  return { codes, candidates, openings };
}

/** An n × n matrix of uniform random costs in [0, 1), row-major. */
export function randomCosts(seed: number, n: number): Float64Array {
  const r = rng(seed);
  const c = new Float64Array(n * n);
  for (let k = 0; k < c.length; k++) c[k] = r();
  return c;
}
