/**
 * Top-k candidates for an opening: the mirror of opening-index.ts. A candidate may want several occupations and
 * hold several skills, so it is listed under every prefix of each of them (once per prefix); candidates who want
 * any occupation are kept apart and visited as soon as the level bound falls to their fixed occupation points.
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
import { buildLists, buildRows, Interner, type Lists, OccupationVocab, sharedLevel, TopK } from './structures';
import type { Candidate, Opening } from './types';

export class CandidateIndex {
  /** Sorted by id: a candidate's position here is its index everywhere below. */
  readonly candidates: readonly Candidate[];
  readonly size: number;
  readonly vocab = new OccupationVocab();
  readonly wanted: Lists;
  readonly skills: Lists;
  readonly regions = new Interner();
  readonly wantedRegions: Lists;
  readonly minWage: Float64Array;
  readonly firm: Uint8Array;
  readonly needsHousing: Uint8Array;
  readonly available: Float64Array;
  /** ageNumber per candidate: -1 unknown. */
  readonly age: Int32Array;
  /** 1: cannot work (never matched). */
  readonly cannotWork: Uint8Array;
  /** Demands each candidate cannot meet (Candidate.limits), interned. */
  readonly limitCodes = new Interner();
  readonly limits: Lists;
  readonly certificates = new Interner();
  readonly held: Lists;
  /** Per level 1–4: candidates per occupation prefix id (of a wanted or a skill code). */
  readonly byPrefix: Lists[];
  /** Candidates who named no occupation. */
  readonly anyOccupation: Int32Array;
  private stamp = 0;
  readonly seen: Int32Array;
  readonly codeStamp: Int32Array;
  readonly codeLevel: Int32Array;
  readonly regionStamp: Int32Array;
  readonly regionPts: Int32Array;
  readonly heap = new TopK();

  constructor(candidates: readonly Candidate[]) {
    const sorted = [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) if (sorted[i].id === sorted[i - 1].id) throw new RangeError(`duplicate candidate id: ${sorted[i].id}`);
    const n = (this.size = sorted.length);
    this.candidates = sorted;
    this.minWage = new Float64Array(n);
    this.firm = new Uint8Array(n);
    this.needsHousing = new Uint8Array(n);
    this.available = new Float64Array(n);
    this.age = new Int32Array(n);
    this.cannotWork = new Uint8Array(n);
    const limits: number[][] = [];
    const wanted: number[][] = [];
    const skills: number[][] = [];
    const regions: number[][] = [];
    const held: number[][] = [];
    const any: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = sorted[i];
      wanted.push(c.occupations.map((code) => this.vocab.add(code)));
      skills.push((c.skills ?? []).map((code) => this.vocab.add(code)));
      regions.push((c.regions ?? []).map((r) => this.regions.add(normaliseRegion(r))));
      held.push([...new Set((c.certificates ?? []).map((cert) => this.certificates.add(cert)))]);
      if (c.occupations.length === 0) any.push(i);
      this.minWage[i] = wageNumber(c.minWage);
      this.firm[i] = c.minWageFirm ? 1 : 0;
      this.needsHousing[i] = c.needsHousing ? 1 : 0;
      this.available[i] = earliest(dayNumber(c.availableFrom));
      this.age[i] = ageNumber(c.age);
      this.cannotWork[i] = c.canWork === false ? 1 : 0;
      limits.push([...new Set((c.limits ?? []).map((l) => this.limitCodes.add(l)))]);
    }
    this.limits = buildRows(limits);
    this.vocab.freeze();
    this.wanted = buildRows(wanted);
    this.skills = buildRows(skills);
    this.wantedRegions = buildRows(regions);
    this.held = buildRows(held);
    this.anyOccupation = Int32Array.from(any);
    const p = this.vocab.prefixes;
    this.byPrefix = [1, 2, 3, 4].map((level) =>
      buildLists(this.vocab.count(level), n, (i, emit) => {
        for (const code of wanted[i]) if (p[4 * code + level - 1] >= 0) emit(p[4 * code + level - 1]);
        for (const code of skills[i]) if (p[4 * code + level - 1] >= 0) emit(p[4 * code + level - 1]);
      }),
    );
    this.seen = new Int32Array(n);
    this.codeStamp = new Int32Array(p.length / 4);
    this.codeLevel = new Int32Array(p.length / 4);
    this.regionStamp = new Int32Array(this.regions.values.length);
    this.regionPts = new Int32Array(this.regions.values.length);
  }

  nextStamp() {
    if (++this.stamp === 0x7fffffff) {
      this.stamp = 1;
      this.seen.fill(0);
      this.codeStamp.fill(0);
      this.regionStamp.fill(0);
    }
    return this.stamp;
  }
}

/** An opening as the candidate index needs it. `hopeless`: no candidate can take it (closed, no headcount, a required certificate nobody holds). */
export interface OpeningQuery {
  code: Int32Array;
  region: string;
  /** Pay range ends (wageEnds). */
  bottom: number;
  top: number;
  housing: boolean;
  from: number;
  to: number;
  today: number;
  /** Per certificate id of the index: bit 0 required, bit 1 preferred (a certificate may be both). */
  certKind: Uint8Array;
  nRequired: number;
  nPreferred: number;
  hopeless: boolean;
  /** packAges of the opening's range. */
  ages: number;
  /** Per limit id of the index: 1 when the opening demands it. */
  demanded: Uint8Array;
}

export function openingQuery(x: CandidateIndex, o: Opening, today?: string): OpeningQuery {
  const certKind = new Uint8Array(x.certificates.values.length);
  const required = [...new Set(o.requiredCertificates ?? [])];
  const preferred = [...new Set(o.preferredCertificates ?? [])];
  let hopeless = !(o.openHeadcount > 0);
  for (const c of required) {
    const id = x.certificates.get(c);
    if (id < 0) hopeless = true;
    else certKind[id] |= 1;
  }
  for (const c of preferred) {
    const id = x.certificates.get(c);
    if (id >= 0) certKind[id] |= 2;
  }
  const q: OpeningQuery = {
    code: x.vocab.lookup(o.occupation),
    region: normaliseRegion(o.region),
    ...wageEnds(wageNumber(o.wageMin), wageNumber(o.wageMax)),
    housing: o.housing === true,
    from: earliest(dayNumber(o.validFrom)),
    to: latest(dayNumber(o.validTo)),
    today: earliest(dayNumber(today)),
    certKind,
    nRequired: required.length,
    nPreferred: preferred.length,
    hopeless,
    ages: packAges(o.ageMin, o.ageMax),
    demanded: new Uint8Array(x.limitCodes.values.length),
  };
  for (const d of o.demands ?? []) {
    const id = x.limitCodes.get(d);
    if (id >= 0) q.demanded[id] = 1;
  }
  if (q.to < q.today) q.hopeless = true;
  return q;
}

function scoreAt(x: CandidateIndex, q: OpeningQuery, i: number, stamp: number): number {
  if (x.cannotWork[i] === 1 || outsideAges(x.age[i], q.ages)) return -1;
  for (let r = x.limits.start[i]; r < x.limits.start[i + 1]; r++) if (q.demanded[x.limits.items[r]] === 1) return -1;
  let certs: number;
  {
    const { start, items } = x.held;
    let req = 0;
    let pref = 0;
    for (let r = start[i]; r < start[i + 1]; r++) {
      const kind = q.certKind[items[r]];
      req += kind & 1;
      pref += kind >> 1;
    }
    if (req < q.nRequired) return -1;
    certs = preferredPoints(pref, q.nPreferred);
  }
  const wage = wageCase(x.minWage[i], q.bottom, q.top);
  if (wage === WAGE_BELOW && x.firm[i] === 1) return -1;
  const start = startCase(x.available[i], q.from, q.to, q.today);
  if (start === START_CLOSED) return -1;
  const p = x.vocab.prefixes;
  let w = 0;
  for (let r = x.wanted.start[i]; r < x.wanted.start[i + 1]; r++) w = Math.max(w, level(x, q, x.wanted.items[r], p, stamp));
  let s = 0;
  for (let r = x.skills.start[i]; r < x.skills.start[i + 1]; r++) s = Math.max(s, level(x, q, x.skills.items[r], p, stamp));
  const anyOccupation = x.wanted.start[i] === x.wanted.start[i + 1];
  // Shares nothing with the occupations the candidate named: occupation.not_wanted.
  if (!anyOccupation && w === 0) return -1;
  const occupation = anyOccupation ? OCCUPATION_ANY : OCCUPATION_POINTS[w];
  let region = REGION_ANY;
  if (x.wantedRegions.start[i] !== x.wantedRegions.start[i + 1]) {
    let relation = REGION_ELSEWHERE;
    for (let r = x.wantedRegions.start[i]; r < x.wantedRegions.start[i + 1]; r++) {
      const id = x.wantedRegions.items[r];
      if (x.regionStamp[id] !== stamp) {
        x.regionStamp[id] = stamp;
        x.regionPts[id] = regionRelation(x.regions.values[id], q.region);
      }
      relation = Math.max(relation, x.regionPts[id]);
    }
    // Outside every wanted region's province: region.not_wanted.
    if (relation === REGION_ELSEWHERE) return -1;
    region = REGION_POINTS[relation];
  }
  const housing = x.needsHousing[i] === 0 ? HOUSING_NOT_NEEDED : q.housing ? HOUSING_PROVIDED : HOUSING_MISSING;
  return clampScore(occupation + SKILL_POINTS[s] + region + WAGE_POINTS[wage] + HOUSING_POINTS[housing] + START_POINTS[start] + certs);
}

function level(x: CandidateIndex, q: OpeningQuery, code: number, p: Int32Array, stamp: number): number {
  if (x.codeStamp[code] !== stamp) {
    x.codeStamp[code] = stamp;
    x.codeLevel[code] = sharedLevel(q.code, p, 4 * code);
  }
  return x.codeLevel[code];
}

/** The k best candidates for a prepared opening with score ≥ minScore, best first (ties: smaller id first). */
export function topCandidates(x: CandidateIndex, q: OpeningQuery, k: number, minScore = 0): { index: Int32Array; score: Int32Array } {
  const heap = x.heap;
  heap.reset(Math.max(0, Math.min(k, x.size)));
  if (heap.k === 0 || q.hopeless) return heap.result();
  const stamp = x.nextStamp();
  const visit = (i: number) => {
    if (x.seen[i] === stamp) return;
    x.seen[i] = stamp;
    const s = scoreAt(x, q, i, stamp);
    if (s >= minScore) heap.push(s, i);
  };
  let anyPending = x.anyOccupation.length > 0;
  const done = (level: number) => {
    const bound = Math.max(OCCUPATION_POINTS[level], anyPending ? OCCUPATION_ANY : 0) + SKILL_POINTS[level] + REST_MAX;
    return bound < minScore || (heap.full && heap.minScore() > bound);
  };
  for (let level = 4; level >= 0; level--) {
    if (anyPending && OCCUPATION_POINTS[level] < OCCUPATION_ANY) {
      if (done(level)) return heap.result();
      for (const i of x.anyOccupation) visit(i);
      anyPending = false;
    }
    if (done(level)) return heap.result();
    if (level === 0) break;
    const p = q.code[level - 1];
    if (p < 0) continue;
    const { start, items } = x.byPrefix[level - 1];
    for (let r = start[p]; r < start[p + 1]; r++) visit(items[r]);
  }
  for (let i = 0; i < x.size; i++) visit(i);
  return heap.result();
}

export function createCandidateIndex(candidates: readonly Candidate[]): CandidateIndex {
  return new CandidateIndex(candidates);
}
