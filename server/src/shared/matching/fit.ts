/**
 * The point tables and the per-factor rules, shared by the explained score (score.ts) and the indexes, so a
 * recommendation's score is always the score its explanation adds up to. Every factor is reduced to a small integer
 * "case" first; points and detail codes are looked up by case. All points are integers, so scores are integers in
 * 0–100 and ties are exact (the indexes break them by id).
 */
import type { DetailCode } from './types';

export const MAX = { occupation: 40, skill: 10, region: 20, wage: 15, housing: 5, start: 5, certificates: 5 } as const;
/** The most the factors other than occupation and skill can add: the indexes' pruning bound. */
export const REST_MAX = MAX.region + MAX.wage + MAX.housing + MAX.start + MAX.certificates;

// ---- occupation and skill: by the number of leading code segments shared (0 none … 4 the same code)
export const OCCUPATION_POINTS = [0, 6, 16, 28, 40] as const;
/** A candidate who named no occupation fits any, but less than one who named this one. */
export const OCCUPATION_ANY = 20;
export const SKILL_POINTS = [0, 0, 3, 6, 10] as const;
export const OCCUPATION_DETAIL: readonly DetailCode[] = [
  'occupation.different',
  'occupation.same_major_group',
  'occupation.same_middle_group',
  'occupation.same_minor_group',
  'occupation.same',
];
export const SKILL_DETAIL: readonly DetailCode[] = ['skill.none', 'skill.same_major_group', 'skill.same_middle_group', 'skill.same_minor_group', 'skill.same'];

/** The segments of an occupation code that count: major, middle, minor group and occupation ('6-18-01-01'). */
export function occupationSegments(code: string): string[] {
  const parts = code.trim().split('-');
  if (parts.some((p) => !/^\d{1,2}$/.test(p)) || parts.length > 4) throw new RangeError(`not an occupation code: ${code}`);
  return parts;
}

/** Leading segments two codes share: 4 same code, 3 same minor group ('6-18-01'), 2 middle, 1 major, 0 none. */
export function occupationLevel(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  let l = 0;
  while (l < n && a[l] === b[l]) l++;
  return l;
}

// ---- region: GB/T 2260 codes reduced to their significant digits (370000 → 37, 371300 → 3713, 371302001000 → 371302001)
export const REGION_ELSEWHERE = 0;
export const REGION_SAME_PROVINCE = 1;
export const REGION_SAME_CITY = 2;
/** The opening's region is larger than a wanted one and holds it (the post may be there, or not). */
export const REGION_CONTAINS = 3;
export const REGION_INSIDE = 4;
export const REGION_POINTS = [0, 4, 10, 14, 20] as const;
export const REGION_ANY = 20;
export const REGION_DETAIL: readonly DetailCode[] = ['region.elsewhere', 'region.same_province', 'region.same_city', 'region.contains', 'region.inside'];

export function normaliseRegion(code: string): string {
  let s = code.trim();
  if (!/^\d+$/.test(s) || ![2, 4, 6, 9, 12].includes(s.length)) throw new RangeError(`not a division code: ${code}`);
  if (s.length === 12 && s.endsWith('000')) s = s.slice(0, 9);
  if (s.length === 9 && s.endsWith('000')) s = s.slice(0, 6);
  if (s.length === 6 && s.endsWith('00')) s = s.slice(0, 4);
  if (s.length === 4 && s.endsWith('00')) s = s.slice(0, 2);
  return s;
}

/** How a place relates to a wanted region, both normalised. */
export function regionRelation(wanted: string, place: string): number {
  if (place.startsWith(wanted)) return REGION_INSIDE;
  if (wanted.startsWith(place)) return REGION_CONTAINS;
  if (wanted.length >= 4 && place.length >= 4 && wanted.slice(0, 4) === place.slice(0, 4)) return REGION_SAME_CITY;
  if (wanted.slice(0, 2) === place.slice(0, 2)) return REGION_SAME_PROVINCE;
  return REGION_ELSEWHERE;
}

// ---- wage: the opening's best pay against the candidate's minimum
export const WAGE_BELOW = 0;
export const WAGE_UNKNOWN = 1;
export const WAGE_REACHES = 2;
export const WAGE_MEETS = 3;
export const WAGE_NO_MINIMUM = 4;
/** Below a soft minimum is a strong penalty: it costs more than the factor can give. */
export const WAGE_POINTS = [-20, 8, 10, 15, 15] as const;
export const WAGE_DETAIL: readonly DetailCode[] = ['wage.below_minimum', 'wage.unknown', 'wage.range_reaches', 'wage.meets', 'wage.no_minimum'];

/** The pay range's ends, either standing for both when the other is missing (NaN: not given). */
export function wageEnds(lo: number, hi: number): { bottom: number; top: number } {
  return { bottom: Number.isNaN(lo) ? hi : lo, top: Number.isNaN(hi) ? lo : hi };
}

/** NaN: not given. bottom and top from wageEnds. */
export function wageCase(minWage: number, bottom: number, top: number): number {
  if (Number.isNaN(minWage)) return WAGE_NO_MINIMUM;
  if (Number.isNaN(top)) return WAGE_UNKNOWN;
  if (bottom >= minWage) return WAGE_MEETS;
  if (top >= minWage) return WAGE_REACHES;
  return WAGE_BELOW;
}

// ---- housing
export const HOUSING_MISSING = 0;
export const HOUSING_PROVIDED = 1;
export const HOUSING_NOT_NEEDED = 2;
export const HOUSING_POINTS = [0, 5, 5] as const;
export const HOUSING_DETAIL: readonly DetailCode[] = ['housing.missing', 'housing.provided', 'housing.not_needed'];

// ---- start date: days from the post's start (or today) to the day the candidate can come
export const START_CLOSED = -1;
export const START_AFTER_CLOSE = 0;
export const START_LATER = 1;
export const START_SOON = 2;
export const START_READY = 3;
export const START_POINTS = [0, 1, 3, 5] as const;
export const START_DETAIL: readonly DetailCode[] = ['start.after_close', 'start.later', 'start.soon', 'start.ready'];
export const READY_DAYS = 14;
export const SOON_DAYS = 60;

/*
 * Day numbers (days since 1970-01-01). An unknown availability, post start or today is -Infinity (as early as
 * can be), an unknown closing day +Infinity, so "the later of two" is Math.max and no case needs a NaN test.
 */
export const earliest = (day: number) => (Number.isNaN(day) ? -Infinity : day);
export const latest = (day: number) => (Number.isNaN(day) ? Infinity : day);

/** Days the post waits for the candidate; 0 when either date is unknown. */
export function startWait(available: number, from: number, today: number): number {
  const a = available > today ? available : today;
  const s = from > today ? from : today;
  return a === -Infinity || s === -Infinity ? 0 : a > s ? a - s : 0;
}

/** START_CLOSED (the posting closed before today) is a hard exclusion. */
export function startCase(available: number, from: number, to: number, today: number): number {
  if (to < today) return START_CLOSED;
  if ((available > today ? available : today) > to) return START_AFTER_CLOSE;
  const wait = startWait(available, from, today);
  return wait <= READY_DAYS ? START_READY : wait <= SOON_DAYS ? START_SOON : START_LATER;
}

// ---- certificates (required ones are a hard constraint; preferred ones count in proportion)
export function preferredPoints(held: number, of: number): number {
  return of === 0 ? MAX.certificates : Math.round((MAX.certificates * held) / of);
}

const parsedDays = new Map<string, number>();

/** 'YYYY-MM-DD' → days since 1970-01-01; absent → NaN. */
export function dayNumber(date: string | null | undefined): number {
  if (date === null || date === undefined || date === '') return NaN;
  // Batch allocation parses the same few hundred dates 100,000 times: remember them (bounded).
  const known = parsedDays.get(date);
  if (known !== undefined) return known;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).getUTCDate() !== Number(m[3])) throw new RangeError(`not a date: ${date}`);
  if (parsedDays.size >= 10_000) parsedDays.clear();
  parsedDays.set(date, t / 86_400_000);
  return t / 86_400_000;
}

export const clampScore = (s: number) => (s < 0 ? 0 : s > 100 ? 100 : s);

// ---- hard limits on the person: age range, ability to work, demands of the work
/** An age as the indexes hold it: a whole number of years, or -1 when unknown (never checked). */
export const ageNumber = (a: number | null | undefined) => (typeof a === 'number' && Number.isFinite(a) && a >= 0 ? Math.floor(a) : -1);
/** An opening's age range as one int: ageMin in bits 0–7 (0 when open), ageMax in bits 8–15 (255 when open). */
export function packAges(min: number | null | undefined, max: number | null | undefined): number {
  const lo = typeof min === 'number' && Number.isFinite(min) ? Math.max(0, Math.min(255, Math.ceil(min))) : 0;
  const hi = typeof max === 'number' && Number.isFinite(max) ? Math.max(0, Math.min(255, Math.floor(max))) : 255;
  return lo | (hi << 8);
}
/** A known age outside a packed range. */
export const outsideAges = (age: number, ages: number) => age >= 0 && (age < (ages & 255) || age > ages >>> 8);
/** Demand codes an index can tell apart (one bit each in an int). */
export const MAX_DEMANDS = 31;

/** A wage in the candidate/opening data: null, undefined and non-finite mean "not given". */
export const wageNumber = (w: number | null | undefined) => (typeof w === 'number' && Number.isFinite(w) ? w : NaN);
