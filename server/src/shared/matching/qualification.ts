/**
 * Qualification matching: people with specialties, a grade and a record of past assignments against a need for a
 * term (docs/matching.md, "Qualification score"). Module-neutral like the rest of the engine: the talent module maps
 * its experts and a host's demand-list items onto these shapes; nothing here knows either.
 *
 *   factor        max  rule
 *   specialty      50  each specialty asked: held exactly 1, related (one name contains the other, 内科 ⊂ 心血管内科) ½;
 *                      50 × the sum ÷ the number asked, rounded; none asked 50
 *   level          25  grade at or above the minimum 25; no minimum asked 25
 *   availability   15  free from the term's start 15; free within 30 days of it 8
 *   history        10  past assignments: two or more 10, one 7, none 4
 *   total = the sum of the items' points (0–100)
 *
 * Hard exclusions: no specialty asked is held or related (`specialty.none`); the grade is below the minimum or
 * unknown while one is asked (`level.below_minimum`); the person is marked unavailable (`candidate.unavailable`); a
 * term of theirs overlaps the need's (`availability.busy`); free only more than 30 days after the start
 * (`availability.too_late`); the need has nothing open (`need.filled`).
 */
import type { DetailParams } from './types';

export interface QualifiedCandidate {
  id: string;
  /** Specialties held, as free names ('微生物检验'); compared after trimming, case-insensitively. */
  specialties: readonly string[];
  /** Grade on an ordered scale (e.g. 1 初级 … 4 正高级); null: none. */
  level: number | null;
  /** false: marked unavailable and never ranked. */
  available?: boolean;
  /** First free day, 'YYYY-MM-DD'; absent: free now. */
  availableFrom?: string | null;
  /** Terms already held or promised ('YYYY-MM-DD' inclusive): one overlapping the need's term excludes the pair. */
  busy?: readonly { from: string; to: string }[];
  /** Assignments served before (dispatches, terms). */
  pastAssignments?: number;
}

export interface QualifiedNeed {
  id: string;
  specialties: readonly string[];
  minLevel?: number | null;
  /** The term, 'YYYY-MM-DD' inclusive. */
  startsOn: string;
  endsOn: string;
  /** Places still open; 0 or less: the need is filled. */
  open: number;
}

export type QualificationFactor = 'specialty' | 'level' | 'availability' | 'history';
export type QualificationDetail =
  | 'specialty.all'
  | 'specialty.some'
  | 'specialty.none'
  | 'specialty.any'
  | 'level.meets'
  | 'level.below'
  | 'level.none_asked'
  | 'availability.free'
  | 'availability.soon'
  | 'availability.late'
  | 'history.repeat'
  | 'history.once'
  | 'history.new';
export type QualificationExclusion = 'specialty.none' | 'level.below_minimum' | 'candidate.unavailable' | 'availability.busy' | 'availability.too_late' | 'need.filled';

export interface QualificationItem {
  factor: QualificationFactor;
  points: number;
  max: number;
  detail: QualificationDetail;
  params: DetailParams;
}
export interface QualificationScore {
  total: number;
  excluded: boolean;
  exclusions: { code: QualificationExclusion; params: DetailParams }[];
  items: QualificationItem[];
}
export interface RankedCandidate {
  candidate: QualifiedCandidate;
  score: number;
  explanation: QualificationScore;
}

export const QUALIFICATION_MAX = { specialty: 50, level: 25, availability: 15, history: 10 } as const;
/** Days after the term's start a person may still arrive. */
const LATE_DAYS = 30;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const norm = (s: string) => s.trim().toLowerCase();
function day(s: string, what: string): number {
  const t = DAY.test(s) ? Date.parse(`${s}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError(`${what}: not a date: ${s}`);
  return t / 86_400_000;
}

function specialtyItem(c: QualifiedCandidate, n: QualifiedNeed): QualificationItem {
  const asked = [...new Set(n.specialties.map(norm).filter(Boolean))];
  const max = QUALIFICATION_MAX.specialty;
  if (!asked.length) return { factor: 'specialty', points: max, max, detail: 'specialty.any', params: {} };
  const held = c.specialties.map(norm).filter(Boolean);
  let sum = 0;
  const matched: string[] = [];
  const related: string[] = [];
  for (const a of asked) {
    if (held.includes(a)) {
      sum += 2;
      matched.push(a);
    } else if (held.some((h) => h.includes(a) || a.includes(h))) {
      sum += 1;
      related.push(a);
    }
  }
  // Half points in whole steps: 2 per exact, 1 per related, over 2 per asked.
  const points = Math.round((max * sum) / (2 * asked.length));
  const detail = matched.length === asked.length ? 'specialty.all' : sum > 0 ? 'specialty.some' : 'specialty.none';
  return { factor: 'specialty', points, max, detail, params: { matched, related, of: asked.length } };
}

function levelItem(c: QualifiedCandidate, n: QualifiedNeed): QualificationItem {
  const max = QUALIFICATION_MAX.level;
  if (n.minLevel == null) return { factor: 'level', points: max, max, detail: 'level.none_asked', params: c.level == null ? {} : { level: c.level } };
  const params: DetailParams = { minLevel: n.minLevel };
  if (c.level != null) params.level = c.level;
  return c.level != null && c.level >= n.minLevel
    ? { factor: 'level', points: max, max, detail: 'level.meets', params }
    : { factor: 'level', points: 0, max, detail: 'level.below', params };
}

function availabilityItem(c: QualifiedCandidate, n: QualifiedNeed): QualificationItem {
  const max = QUALIFICATION_MAX.availability;
  const start = day(n.startsOn, 'need.startsOn');
  const from = c.availableFrom ? day(c.availableFrom, 'candidate.availableFrom') : Number.NEGATIVE_INFINITY;
  const params: DetailParams = c.availableFrom ? { availableFrom: c.availableFrom, startsOn: n.startsOn } : { startsOn: n.startsOn };
  if (from <= start) return { factor: 'availability', points: max, max, detail: 'availability.free', params };
  params.days = from - start;
  return from - start <= LATE_DAYS
    ? { factor: 'availability', points: 8, max, detail: 'availability.soon', params }
    : { factor: 'availability', points: 0, max, detail: 'availability.late', params };
}

function historyItem(c: QualifiedCandidate): QualificationItem {
  const k = Math.max(0, Math.floor(c.pastAssignments ?? 0));
  const max = QUALIFICATION_MAX.history;
  return k >= 2
    ? { factor: 'history', points: max, max, detail: 'history.repeat', params: { count: k } }
    : k === 1
      ? { factor: 'history', points: 7, max, detail: 'history.once', params: { count: k } }
      : { factor: 'history', points: 4, max, detail: 'history.new', params: { count: k } };
}

/** The score of one candidate for one need, with one item per factor (always in this order) and the exclusions. */
export function scoreQualification(c: QualifiedCandidate, n: QualifiedNeed): QualificationScore {
  const start = day(n.startsOn, 'need.startsOn');
  const end = day(n.endsOn, 'need.endsOn');
  if (end < start) throw new RangeError(`need ${n.id}: ends before it starts`);
  const items = [specialtyItem(c, n), levelItem(c, n), availabilityItem(c, n), historyItem(c)];
  const [specialty, level, availability] = items;
  const exclusions: QualificationScore['exclusions'] = [];
  if (!(n.open > 0)) exclusions.push({ code: 'need.filled', params: { open: n.open } });
  if (specialty.detail === 'specialty.none') exclusions.push({ code: 'specialty.none', params: { asked: [...n.specialties] } });
  if (level.detail === 'level.below') exclusions.push({ code: 'level.below_minimum', params: level.params });
  if (c.available === false) exclusions.push({ code: 'candidate.unavailable', params: {} });
  if (availability.detail === 'availability.late') exclusions.push({ code: 'availability.too_late', params: availability.params });
  const clash = (c.busy ?? []).find((b) => day(b.from, 'busy.from') <= end && day(b.to, 'busy.to') >= start);
  if (clash) exclusions.push({ code: 'availability.busy', params: { from: clash.from, to: clash.to } });
  const total = items.reduce((s, i) => s + i.points, 0);
  return { total, excluded: exclusions.length > 0, exclusions, items };
}

/**
 * The candidates for a need, best first (score descending, then the smaller id): the first `k` not excluded and
 * scoring at least `minScore`. Scores every candidate: a demand list is matched against a pool of hundreds.
 */
export function rankQualified(candidates: readonly QualifiedCandidate[], need: QualifiedNeed, k: number, options: { minScore?: number } = {}): RankedCandidate[] {
  if (!(k >= 0)) throw new RangeError(`k must be ≥ 0: ${k}`);
  const ids = new Set<string>();
  const out: RankedCandidate[] = [];
  for (const c of candidates) {
    if (ids.has(c.id)) throw new RangeError(`duplicate candidate id ${c.id}`);
    ids.add(c.id);
    const explanation = scoreQualification(c, need);
    if (!explanation.excluded && explanation.total >= (options.minScore ?? 0)) out.push({ candidate: c, score: explanation.total, explanation });
  }
  out.sort((a, b) => b.score - a.score || (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0));
  return out.slice(0, k);
}
