/**
 * Top-k openings for a candidate without scoring every opening.
 *
 * Layout: the openings live in typed arrays sorted by (occupation code, place, id). Codes are digits and '-', so in
 * string order every code prefix (code, minor, middle, major group) is one contiguous range of positions, and
 * within one code the places are sorted too (place ids are given in string order, so "everything inside 3713" is a
 * run of ids).
 *
 * Query: visit the ranges of the candidate's wanted and skill codes from the exact level outwards. Everything not
 * visited before level ℓ shares at most ℓ segments with any of the candidate's codes, so it scores at most
 * occupation(ℓ) + skill(ℓ) + the other factors' maxima. Stop as soon as that bound is below the threshold (the
 * minimum score, or the k-th best kept once k are kept). Where the bound leaves too little room for a place
 * that gives few region points, scan only the places that give enough (binary search inside each code's block).
 * Each opening visited is scored exactly (fit.ts, as score.ts applies it) into a bounded top k (TopK) by score and id
 * rank, so ties go to the smaller id whatever the layout.
 *
 * Hard limits cost nothing to skip: a candidate who named occupations never visits level 0 (nothing shared with a
 * wanted code is excluded), the places outside every wanted province are no tier of the region table, and the age
 * range and the work's demands (bit masks) are two integer tests in the scan.
 */
import {
  ageNumber,
  clampScore,
  dayNumber,
  earliest,
  HOUSING_MISSING,
  HOUSING_NOT_NEEDED,
  HOUSING_POINTS,
  HOUSING_PROVIDED,
  latest,
  MAX,
  MAX_DEMANDS,
  normaliseRegion,
  OCCUPATION_ANY,
  OCCUPATION_POINTS,
  outsideAges,
  packAges,
  preferredPoints,
  REGION_ANY,
  REGION_ELSEWHERE,
  REGION_POINTS,
  regionRelation,
  REST_MAX,
  SKILL_POINTS,
  START_CLOSED,
  START_POINTS,
  startCase,
  WAGE_BELOW,
  WAGE_POINTS,
  wageCase,
  wageEnds,
  wageNumber,
} from './fit';
import { buildRows, Interner, type Lists, OccupationVocab, sharedLevel, TIE_SPAN, TopK } from './structures';
import type { Candidate, Opening } from './types';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Certificates: the first MASK_BITS certificate ids of an index fit in one int, so most openings test a candidate's
// certificates with two mask operations instead of walking lists.
const CERTS_NONE = 0;
const CERTS_MASKED = 1;
const CERTS_LISTED = 2;
const MASK_BITS = 31;
/** preferredPoints(held, of) at [of · 32 + held], for of < 32. */
const PREFERRED_POINTS = Uint8Array.from({ length: 32 * 32 }, (_, k) => (k % 32 <= k >> 5 ? preferredPoints(k % 32, k >> 5) : 0));

const NO_CERTIFICATES = new Uint8Array(0);

function bitCount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export class OpeningIndex {
  /** The openings sorted by id; results are positions in this array. */
  readonly openings: readonly Opening[];
  readonly size: number;
  readonly vocab = new OccupationVocab();
  /** Normalised places, sorted: a place's id is its position here. */
  readonly places: readonly string[];
  readonly certificates = new Interner();
  /** Demand codes (Opening.demands), at most MAX_DEMANDS: bit `id` of an opening's demand mask. */
  readonly demands = new Interner();
  // Per internal position:
  /** Position of the opening in `openings` (its id rank). */
  readonly rank: Int32Array;
  readonly codeOf: Int32Array;
  readonly placeOf: Int32Array;
  /**
   * What the scan reads, together per opening (two cache lines rather than a dozen arrays). In `packed`, 8 ints from
   * 8i: flags (open 1, housing 2, certificate kind << 2 — CERTS_NONE, CERTS_MASKED when every certificate id is
   * below MASK_BITS, else CERTS_LISTED —, number of preferred certificates << 4), code, place, rank, the required and
   * the preferred certificates as bit masks of ids (CERTS_MASKED), the age range (packAges), the demands as a bit
   * mask of ids (`demands`). In `spans`, 4 numbers from 4i: wage
   * bottom, wage top, valid from, valid to.
   */
  readonly packed: Int32Array;
  readonly spans: Float64Array;
  readonly required: Lists;
  readonly preferred: Lists;
  /** Per code id: its block of positions [codeFirst, codeEnd). */
  readonly codeFirst: Int32Array;
  readonly codeEnd: Int32Array;
  /** Per level 1–4 and prefix id: the range [first, end) of positions whose code has that prefix. */
  readonly first: Int32Array[];
  readonly end: Int32Array[];
  // Scratch of one query at a time (queries are synchronous), marked with the query's stamp.
  private stamp = 0;
  readonly seen: Int32Array;
  readonly codeStamp: Int32Array;
  readonly codePts: Int32Array;
  readonly heap = new TopK();
  readonly regionTables = new Map<string, RegionTable>();
  /** The gate of the current query (see topOpeningsInto), or null. */
  gate: Gate | null = null;

  constructor(openings: readonly Opening[]) {
    const byId = [...openings].sort((a, b) => byString(a.id, b.id));
    for (let i = 1; i < byId.length; i++) if (byId[i].id === byId[i - 1].id) throw new RangeError(`duplicate opening id: ${byId[i].id}`);
    const n = (this.size = byId.length);
    this.openings = byId;
    const codes = byId.map((o) => o.occupation.trim());
    const places = byId.map((o) => normaliseRegion(o.region));
    this.places = [...new Set(places)].sort(byString);
    const placeId = new Map(this.places.map((p, id) => [p, id]));
    this.rank = Int32Array.from(byId.keys()).sort((a, b) => byString(codes[a], codes[b]) || byString(places[a], places[b]) || a - b);
    this.codeOf = new Int32Array(n);
    this.placeOf = new Int32Array(n);
    this.packed = new Int32Array(8 * n);
    this.spans = new Float64Array(4 * n);
    const req: number[][] = [];
    const pref: number[][] = [];
    for (let i = 0; i < n; i++) {
      const o = byId[this.rank[i]];
      this.codeOf[i] = this.vocab.add(o.occupation);
      this.placeOf[i] = placeId.get(places[this.rank[i]])!;
      const { bottom, top } = wageEnds(wageNumber(o.wageMin), wageNumber(o.wageMax));
      this.spans.set([bottom, top, earliest(dayNumber(o.validFrom)), latest(dayNumber(o.validTo))], 4 * i);
      req.push([...new Set((o.requiredCertificates ?? []).map((c) => this.certificates.add(c)))]);
      pref.push([...new Set((o.preferredCertificates ?? []).map((c) => this.certificates.add(c)))]);
      const all = [...req[i], ...pref[i]];
      const kind = all.length === 0 ? CERTS_NONE : all.every((id) => id < MASK_BITS) ? CERTS_MASKED : CERTS_LISTED;
      const mask = (ids: number[]) => (kind === CERTS_MASKED ? ids.reduce((m, id) => m | (1 << id), 0) : 0);
      const flags = (o.openHeadcount > 0 ? 1 : 0) | (o.housing ? 2 : 0) | (kind << 2) | (Math.min(pref[i].length, 31) << 4);
      let demands = 0;
      for (const d of o.demands ?? []) {
        const id = this.demands.add(d);
        if (id >= MAX_DEMANDS) throw new RangeError(`more than ${MAX_DEMANDS} distinct demands: ${d}`);
        demands |= 1 << id;
      }
      this.packed.set([flags, this.codeOf[i], this.placeOf[i], this.rank[i], mask(req[i]), mask(pref[i]), packAges(o.ageMin, o.ageMax), demands], 8 * i);
    }
    this.vocab.freeze();
    this.required = buildRows(req);
    this.preferred = buildRows(pref);
    const p = this.vocab.prefixes;
    const nCodes = p.length / 4;
    [this.codeFirst, this.codeEnd] = ranges(nCodes, n, (i) => this.codeOf[i]);
    this.first = [];
    this.end = [];
    for (let level = 1; level <= 4; level++) {
      const [first, end] = ranges(this.vocab.count(level), n, (i) => p[4 * this.codeOf[i] + level - 1]);
      this.first.push(first);
      this.end.push(end);
    }
    this.seen = new Int32Array(n);
    this.codeStamp = new Int32Array(nCodes);
    this.codePts = new Int32Array(nCodes);
  }

  nextStamp() {
    if (++this.stamp === 0x7fffffff) {
      this.stamp = 1;
      this.seen.fill(0);
      this.codeStamp.fill(0);
    }
    return this.stamp;
  }
}

/** [first, end) of the positions with each key; the layout guarantees they are contiguous (checked). */
function ranges(nKeys: number, n: number, keyOf: (i: number) => number): [Int32Array, Int32Array] {
  const first = new Int32Array(nKeys).fill(n);
  const end = new Int32Array(nKeys);
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    if (k < 0) continue;
    if (first[k] === n) first[k] = i;
    else if (end[k] !== i) throw new Error(`index layout: key ${k} is not contiguous`);
    end[k] = i + 1;
  }
  return [first, end];
}

/** Points of a place outside every wanted region's province: excluded (region.not_wanted), in no tier. */
const REGION_EXCLUDED = 255;

/** Region points per place for one set of wanted regions, shared by every candidate who wants the same ones. */
interface RegionTable {
  /** REGION_EXCLUDED for a place the candidate did not want. */
  points: Uint8Array;
  /** The distinct points values present, highest first: the tiers a query walks through. */
  tiers: number[];
  /** Per tier: the runs [lo, hi) of place ids giving exactly those points, flattened. */
  runs: Map<number, Int32Array>;
  /** Visiting orders by shape of the candidate's codes (cellPlan). */
  plans: (Int32Array | undefined)[];
}

function regionTable(x: OpeningIndex, wanted: readonly string[]): RegionTable {
  // Looked up by the codes as given first: most candidates write theirs the same way, and normalising costs more.
  const given = `=${wanted.join(',')}`;
  let table = x.regionTables.get(given);
  if (table) return table;
  const normalised = wanted.map(normaliseRegion);
  const key = normalised.join(',');
  table = x.regionTables.get(key);
  if (table) {
    x.regionTables.set(given, table);
    return table;
  }
  const points = new Uint8Array(x.places.length);
  for (let r = 0; r < points.length; r++) {
    let best = 0;
    for (const w of normalised) best = Math.max(best, regionRelation(w, x.places[r]));
    points[r] = normalised.length === 0 ? REGION_ANY : best === REGION_ELSEWHERE ? REGION_EXCLUDED : REGION_POINTS[best];
  }
  const runs = new Map<number, number[]>();
  for (let r = 0; r < points.length; r++) {
    if (points[r] === REGION_EXCLUDED) continue;
    const out = runs.get(points[r]) ?? [];
    if (out.length > 0 && out[out.length - 1] === r) out[out.length - 1] = r + 1;
    else out.push(r, r + 1);
    runs.set(points[r], out);
  }
  table = { points, tiers: [...runs.keys()].sort((a, b) => b - a), runs: new Map([...runs].map(([t, out]) => [t, Int32Array.from(out)])), plans: [] };
  if (x.regionTables.size >= 10_000) x.regionTables.clear();
  x.regionTables.set(key, table);
  x.regionTables.set(given, table);
  return table;
}

/** A candidate as the opening index needs it: codes as prefix ids, region points per place, dates as day numbers. */
export interface CandidateQuery {
  wanted: Int32Array[];
  skills: Int32Array[];
  /** Wanted and skill codes together: the ranges to visit. */
  codes: Int32Array[];
  region: RegionTable;
  minWage: number;
  firm: boolean;
  needsHousing: boolean;
  available: number;
  today: number;
  /** Per certificate id of the index: held. */
  held: Uint8Array;
  /** The held ids below MASK_BITS as a bit mask. */
  heldMask: number;
  /** ageNumber: -1 unknown. */
  age: number;
  /** Demand ids of the index the candidate cannot meet, as a bit mask. */
  limitMask: number;
  canWork: boolean;
}

export function candidateQuery(index: OpeningIndex, c: Candidate, today?: string): CandidateQuery {
  // Only openings with certificate ids past the mask read the list (CERTS_LISTED: all of their ids).
  const held = index.certificates.values.length > MASK_BITS ? new Uint8Array(index.certificates.values.length) : NO_CERTIFICATES;
  let heldMask = 0;
  for (const cert of c.certificates ?? []) {
    const id = index.certificates.get(cert);
    if (id < 0) continue;
    if (held.length > 0) held[id] = 1;
    if (id < MASK_BITS) heldMask |= 1 << id;
  }
  const wanted = c.occupations.map((code) => index.vocab.lookup(code));
  const skills = (c.skills ?? []).map((code) => index.vocab.lookup(code));
  let limitMask = 0;
  for (const l of c.limits ?? []) {
    const id = index.demands.get(l);
    if (id >= 0) limitMask |= 1 << id;
  }
  return {
    wanted,
    skills,
    codes: [...wanted, ...skills],
    region: regionTable(index, c.regions ?? []),
    minWage: wageNumber(c.minWage),
    firm: c.minWageFirm === true,
    needsHousing: c.needsHousing === true,
    available: earliest(dayNumber(c.availableFrom)),
    today: earliest(dayNumber(today)),
    held,
    heldMask,
    age: ageNumber(c.age),
    limitMask,
    canWork: c.canWork !== false,
  };
}

function codePoints(x: OpeningIndex, q: CandidateQuery, code: number): number {
  const p = x.vocab.prefixes;
  let w = 0;
  for (const ids of q.wanted) w = Math.max(w, sharedLevel(ids, p, 4 * code));
  let s = 0;
  for (const ids of q.skills) s = Math.max(s, sharedLevel(ids, p, 4 * code));
  // -1: shares nothing with the occupations the candidate named (occupation.not_wanted).
  if (q.wanted.length > 0 && w === 0) return -1;
  return (q.wanted.length === 0 ? OCCUPATION_ANY : OCCUPATION_POINTS[w]) + SKILL_POINTS[s];
}

/** Preferred-certificate points of the opening at position i, or -1 when it requires one the candidate lacks. */
function certificatePoints(x: OpeningIndex, q: CandidateQuery, i: number): number {
  const { start, items } = x.required;
  for (let r = start[i]; r < start[i + 1]; r++) if (q.held[items[r]] === 0) return -1;
  const pref = x.preferred;
  let held = 0;
  for (let r = pref.start[i]; r < pref.start[i + 1]; r++) held += q.held[pref.items[r]];
  return preferredPoints(held, pref.start[i + 1] - pref.start[i]);
}

/**
 * Batch allocation's filter: opening o is left out when it would reject the worker now — its cutoff (the key of
 * the worst worker it holds when full) is at least the worker's key score·2^32 − worker.
 */
export interface Gate {
  cutoff: Float64Array;
  worker: number;
}

/** Scores the positions [from, to) not seen yet in this query into the top k. The hot loop: everything in locals. */
function scan(x: OpeningIndex, q: CandidateQuery, from: number, to: number, stamp: number, minScore: number) {
  const { seen, packed, spans, codeStamp, codePts, heap, gate } = x;
  const { minWage, firm, available, today, heldMask, age, limitMask } = q;
  const regionPts = q.region.points;
  const withHousing = HOUSING_POINTS[q.needsHousing ? HOUSING_PROVIDED : HOUSING_NOT_NEEDED];
  const withoutHousing = HOUSING_POINTS[q.needsHousing ? HOUSING_MISSING : HOUSING_NOT_NEEDED];
  for (let i = from; i < to; i++) {
    if (seen[i] === stamp) continue;
    seen[i] = stamp;
    const p = 8 * i;
    const flags = packed[p];
    if ((flags & 1) === 0) continue;
    if ((packed[p + 7] & limitMask) !== 0 || outsideAges(age, packed[p + 6])) continue;
    const kind = (flags >> 2) & 3;
    let certs: number = MAX.certificates;
    if (kind === CERTS_MASKED) {
      if ((packed[p + 4] & ~heldMask) !== 0) continue;
      certs = PREFERRED_POINTS[(flags >> 4) * 32 + bitCount(packed[p + 5] & heldMask)];
    } else if (kind === CERTS_LISTED) {
      certs = certificatePoints(x, q, i);
      if (certs < 0) continue;
    }
    const f = 4 * i;
    const wage = wageCase(minWage, spans[f], spans[f + 1]);
    if (wage === WAGE_BELOW && firm) continue;
    const start = startCase(available, spans[f + 2], spans[f + 3], today);
    if (start === START_CLOSED) continue;
    const code = packed[p + 1];
    if (codeStamp[code] !== stamp) {
      codeStamp[code] = stamp;
      codePts[code] = codePoints(x, q, code);
    }
    const occupation = codePts[code];
    const region = regionPts[packed[p + 2]];
    if (occupation < 0 || region === REGION_EXCLUDED) continue;
    const s = clampScore(occupation + region + WAGE_POINTS[wage] + ((flags & 2) !== 0 ? withHousing : withoutHousing) + START_POINTS[start] + certs);
    const rank = packed[p + 3];
    if (s >= minScore && (gate === null || s * TIE_SPAN - gate.worker > gate.cutoff[rank])) heap.push(s, rank);
  }
}

/** First position in [lo, hi) whose place id is ≥ place (places are sorted inside a code's block). */
function lowerBound(placeOf: Int32Array, lo: number, hi: number, place: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (placeOf[mid] < place) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** scan() over [from, to), but in each code's block only the places inside the runs. */
function scanPlaces(x: OpeningIndex, q: CandidateQuery, from: number, to: number, runs: Int32Array, stamp: number, minScore: number) {
  if (runs.length === 2 && runs[0] === 0 && runs[1] === x.places.length) {
    scan(x, q, from, to, stamp, minScore);
    return;
  }
  for (let b = from; b < to; b = x.codeEnd[x.codeOf[b]]) {
    const blockEnd = x.codeEnd[x.codeOf[b]];
    for (let r = 0; r < runs.length; r += 2) {
      const lo = lowerBound(x.placeOf, b, blockEnd, runs[r]);
      scan(x, q, lo, lowerBound(x.placeOf, lo, blockEnd, runs[r + 1]), stamp, minScore);
    }
  }
}

/**
 * The cells (occupation level, region tier) in the order a query visits them: flattened [level, tier, bound, 0]
 * quadruples, highest bound first, deeper level first on ties. Shared by the candidates with the same region table
 * and the same shape of codes (any occupation or not, skills or not).
 */
function cellPlan(q: CandidateQuery): Int32Array {
  const shape = (q.wanted.length === 0 ? 1 : 0) + (q.skills.length === 0 ? 2 : 0);
  let plan = q.region.plans[shape];
  if (plan) return plan;
  const occupation = (level: number) => (shape & 1 ? OCCUPATION_ANY : OCCUPATION_POINTS[level]) + (shape & 2 ? 0 : SKILL_POINTS[level]);
  const cells: [number, number, number][] = [];
  for (let level = 4; level >= 0; level--) for (const tier of q.region.tiers) cells.push([level, tier, occupation(level) + tier + REST_MAX - MAX.region]);
  cells.sort((a, b) => b[2] - a[2] || b[0] - a[0]);
  plan = Int32Array.from(cells.flatMap((c) => [...c, 0]));
  q.region.plans[shape] = plan;
  return plan;
}

/**
 * The k best openings for a prepared candidate with score ≥ minScore, best first (ties: smaller id first), written
 * as positions in index.openings into index/score from `offset`. Returns how many; fewer than k means no more.
 *
 * Best-first over cells (occupation level ℓ, region tier t): the openings in a cell score at most
 * occupation(ℓ) + skill(ℓ) + t + the other factors' maxima, so cells are visited by that bound, highest first, and the
 * walk stops at the first cell whose bound is below the threshold. For one tier, deeper levels come first, so an
 * opening is scored in the deepest cell that holds it (the others skip it as seen). A gate leaves out openings that
 * would reject the worker in batch allocation.
 */
export function topOpeningsInto(
  x: OpeningIndex,
  q: CandidateQuery,
  k: number,
  minScore: number,
  index: Int32Array,
  score: Int32Array | Uint8Array,
  offset = 0,
  gate: Gate | null = null,
): number {
  const heap = x.heap;
  x.gate = gate;
  heap.reset(Math.max(0, Math.min(k, x.size)));
  if (heap.k === 0 || !q.canWork) return 0;
  const stamp = x.nextStamp();
  const plan = cellPlan(q);
  const visited: number[] = [];
  for (let c = 0; c < plan.length; c += 4) {
    const level = plan[c];
    const bound = plan[c + 2];
    if (bound < minScore || (heap.full && bound < heap.minScore())) break;
    const runs = q.region.runs.get(plan[c + 1])!;
    if (level === 0) {
      // Nothing there shares a segment with a wanted code: all excluded for a candidate who named occupations.
      if (q.wanted.length > 0) continue;
      scanPlaces(x, q, 0, x.size, runs, stamp, minScore);
      continue;
    }
    visited.length = 0;
    for (const ids of q.codes) {
      const p = ids[level - 1];
      if (p < 0 || visited.includes(p)) continue;
      visited.push(p);
      scanPlaces(x, q, x.first[level - 1][p], x.end[level - 1][p], runs, stamp, minScore);
    }
  }
  return heap.drain(index, score, offset);
}

export function topOpenings(x: OpeningIndex, q: CandidateQuery, k: number, minScore = 0): { index: Int32Array; score: Int32Array } {
  const n = Math.max(0, Math.min(k, x.size));
  const index = new Int32Array(n);
  const score = new Int32Array(n);
  const got = topOpeningsInto(x, q, k, minScore, index, score);
  return { index: index.subarray(0, got), score: score.subarray(0, got) };
}

export function createIndex(openings: readonly Opening[]): OpeningIndex {
  return new OpeningIndex(openings);
}
