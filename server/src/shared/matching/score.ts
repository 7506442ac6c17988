/**
 * The score of one candidate for one opening, with its explanation: 0–100 from seven factors.
 *
 *   factor        max  rule
 *   occupation     40  best wanted occupation vs the post's: same code 40, same minor group (6-18-01) 28,
 *                      same middle group (6-18) 16, same major group (6) 6, else 0; none wanted: 20
 *   skill          10  best held skill vs the post's occupation: same 10, minor group 6, middle group 3, else 0
 *   region         20  post inside a wanted region 20; post's region holds a wanted one 14; same city 10;
 *                      same province 4; else 0; no wanted region: 20
 *   wage           15  whole range ≥ minimum 15; top of range ≥ minimum 10; no pay given 8; no minimum 15;
 *                      below the minimum −20 (soft) or excluded (firm minimum)
 *   housing         5  not needed 5; needed and provided 5; needed and not provided 0
 *   start           5  post waits ≤ 14 days for the candidate 5, ≤ 60 days 3, longer 1; can only come after
 *                      the posting closes 0
 *   certificates    5  all preferred held 5, in proportion (rounded) otherwise; none preferred 5
 *   total = clamp(sum, 0, 100)
 *
 * The items always add up to the total: a wage below a soft minimum takes at most what the other factors gave.
 *
 * Hard constraints (the pair is excluded, whatever the points): no open headcount; posting closed before `today`;
 * a required certificate not held; pay below a minimum the candidate marked firm; the candidate cannot work; a known
 * age outside the opening's age range; the work demands something the candidate's limits rule out; the candidate
 * named occupations and the post shares not even the major group with any of them; the candidate named regions and
 * the post is outside every one of their provinces. Everything else is soft.
 */
import {
  ageNumber,
  dayNumber,
  earliest,
  latest,
  HOUSING_DETAIL,
  HOUSING_MISSING,
  HOUSING_NOT_NEEDED,
  HOUSING_POINTS,
  HOUSING_PROVIDED,
  MAX,
  normaliseRegion,
  OCCUPATION_ANY,
  OCCUPATION_DETAIL,
  OCCUPATION_POINTS,
  occupationLevel,
  occupationSegments,
  preferredPoints,
  REGION_ANY,
  REGION_DETAIL,
  REGION_POINTS,
  regionRelation,
  SKILL_DETAIL,
  SKILL_POINTS,
  START_AFTER_CLOSE,
  START_CLOSED,
  START_DETAIL,
  START_POINTS,
  startCase,
  startWait,
  outsideAges,
  packAges,
  REGION_ELSEWHERE,
  WAGE_BELOW,
  WAGE_DETAIL,
  WAGE_POINTS,
  wageCase,
  wageEnds,
  wageNumber,
} from './fit';
import type { Candidate, DetailParams, Exclusion, Opening, ScoreItem, ScoreOptions, ScoreResult } from './types';

export const FACTORS = ['occupation', 'skill', 'region', 'wage', 'housing', 'start', 'certificates'] as const;

/** The best level any of `codes` reaches against `target`, and the code that reaches it. */
function bestLevel(codes: readonly string[], target: readonly string[]) {
  let level = 0;
  let code: string | undefined;
  for (const c of codes) {
    const l = occupationLevel(occupationSegments(c), target);
    if (l > level) [level, code] = [l, c];
  }
  return { level, code };
}

function occupationItems(c: Candidate, o: Opening): ScoreItem[] {
  const target = occupationSegments(o.occupation);
  const wanted = bestLevel(c.occupations, target);
  const occupation: ScoreItem =
    c.occupations.length === 0
      ? { factor: 'occupation', points: OCCUPATION_ANY, max: MAX.occupation, detail: 'occupation.any', params: { code: o.occupation } }
      : {
          factor: 'occupation',
          points: OCCUPATION_POINTS[wanted.level],
          max: MAX.occupation,
          detail: OCCUPATION_DETAIL[wanted.level],
          params: wanted.code ? { code: o.occupation, wanted: wanted.code } : { code: o.occupation },
        };
  const held = bestLevel(c.skills ?? [], target);
  const skill: ScoreItem = {
    factor: 'skill',
    points: SKILL_POINTS[held.level],
    max: MAX.skill,
    detail: SKILL_DETAIL[held.level],
    params: held.code ? { code: o.occupation, skill: held.code } : { code: o.occupation },
  };
  return [occupation, skill];
}

function regionItem(c: Candidate, o: Opening): ScoreItem {
  const wanted = c.regions ?? [];
  if (wanted.length === 0) return { factor: 'region', points: REGION_ANY, max: MAX.region, detail: 'region.any', params: { region: o.region } };
  const place = normaliseRegion(o.region);
  let best = -1;
  let bestCode = wanted[0];
  for (const w of wanted) {
    const r = regionRelation(normaliseRegion(w), place);
    if (r > best) [best, bestCode] = [r, w];
  }
  return { factor: 'region', points: REGION_POINTS[best], max: MAX.region, detail: REGION_DETAIL[best], params: { region: o.region, wanted: bestCode } };
}

function wageItem(c: Candidate, o: Opening): { item: ScoreItem; exclusion?: Exclusion } {
  const minWage = wageNumber(c.minWage);
  const lo = wageNumber(o.wageMin);
  const hi = wageNumber(o.wageMax);
  const { bottom, top } = wageEnds(lo, hi);
  const k = wageCase(minWage, bottom, top);
  const params: DetailParams = {};
  if (!Number.isNaN(minWage)) params.minWage = minWage;
  if (!Number.isNaN(lo)) params.wageMin = lo;
  if (!Number.isNaN(hi)) params.wageMax = hi;
  const item: ScoreItem = { factor: 'wage', points: WAGE_POINTS[k], max: MAX.wage, detail: WAGE_DETAIL[k], params };
  return k === WAGE_BELOW && c.minWageFirm ? { item, exclusion: { code: 'wage.below_minimum', params } } : { item };
}

function housingItem(c: Candidate, o: Opening): ScoreItem {
  const k = !c.needsHousing ? HOUSING_NOT_NEEDED : o.housing ? HOUSING_PROVIDED : HOUSING_MISSING;
  return { factor: 'housing', points: HOUSING_POINTS[k], max: MAX.housing, detail: HOUSING_DETAIL[k], params: {} };
}

function startItem(c: Candidate, o: Opening, today: number): { item: ScoreItem; exclusion?: Exclusion } {
  const available = earliest(dayNumber(c.availableFrom));
  const from = earliest(dayNumber(o.validFrom));
  const to = latest(dayNumber(o.validTo));
  const k = startCase(available, from, to, today);
  const params: DetailParams = {};
  if (c.availableFrom) params.availableFrom = c.availableFrom;
  if (o.validFrom) params.validFrom = o.validFrom;
  if (o.validTo) params.validTo = o.validTo;
  if (k === START_CLOSED) {
    // Scored as "after close" so the explanation stays complete; the exclusion says why it does not count.
    return { item: { factor: 'start', points: 0, max: MAX.start, detail: 'start.after_close', params }, exclusion: { code: 'opening.closed', params } };
  }
  if (k !== START_AFTER_CLOSE) params.days = startWait(available, from, today);
  return { item: { factor: 'start', points: START_POINTS[k], max: MAX.start, detail: START_DETAIL[k], params } };
}

function certificateItem(c: Candidate, o: Opening): { item: ScoreItem; exclusion?: Exclusion } {
  const held = new Set(c.certificates ?? []);
  const required = [...new Set(o.requiredCertificates ?? [])];
  const preferred = [...new Set(o.preferredCertificates ?? [])];
  const missing = required.filter((r) => !held.has(r));
  if (missing.length > 0) {
    const params = { missing };
    return { item: { factor: 'certificates', points: 0, max: MAX.certificates, detail: 'certificates.missing', params }, exclusion: { code: 'certificates.missing', params } };
  }
  if (preferred.length === 0) {
    const detail = required.length > 0 ? 'certificates.required_held' : 'certificates.none_asked';
    return { item: { factor: 'certificates', points: MAX.certificates, max: MAX.certificates, detail, params: {} } };
  }
  const n = preferred.filter((p) => held.has(p)).length;
  return {
    item: {
      factor: 'certificates',
      points: preferredPoints(n, preferred.length),
      max: MAX.certificates,
      detail: 'certificates.preferred_held',
      params: { held: n, of: preferred.length },
    },
  };
}

/** The limits on the person: ability to work, age range, the demands of the work. */
function personExclusions(c: Candidate, o: Opening): Exclusion[] {
  const out: Exclusion[] = [];
  if (c.canWork === false) out.push({ code: 'candidate.cannot_work', params: {} });
  const age = ageNumber(c.age);
  if (outsideAges(age, packAges(o.ageMin, o.ageMax))) {
    const params: DetailParams = { age };
    if (typeof o.ageMin === 'number') params.ageMin = o.ageMin;
    if (typeof o.ageMax === 'number') params.ageMax = o.ageMax;
    out.push({ code: 'age.outside_range', params });
  }
  const limits = new Set(c.limits ?? []);
  const unmet = [...new Set(o.demands ?? [])].filter((d) => limits.has(d));
  if (unmet.length > 0) out.push({ code: 'ability.demands', params: { demands: unmet } });
  return out;
}

/** What the candidate said they want: an occupation or region sharing nothing with it is not a match (items: the factors' items). */
function wantExclusions(c: Candidate, o: Opening, occupation: ScoreItem, region: ScoreItem): Exclusion[] {
  const out: Exclusion[] = [];
  if (c.occupations.length > 0 && occupation.detail === 'occupation.different')
    out.push({ code: 'occupation.not_wanted', params: { code: o.occupation, wanted: [...c.occupations] } });
  if ((c.regions?.length ?? 0) > 0 && region.detail === REGION_DETAIL[REGION_ELSEWHERE])
    out.push({ code: 'region.not_wanted', params: { region: o.region, wanted: [...(c.regions ?? [])] } });
  return out;
}

/** The score of `candidate` for `opening`, with one explanation item per factor and the hard constraints that failed. */
export function score(candidate: Candidate, opening: Opening, options: ScoreOptions = {}): ScoreResult {
  const today = earliest(dayNumber(options.today));
  const wage = wageItem(candidate, opening);
  const start = startItem(candidate, opening, today);
  const certificates = certificateItem(candidate, opening);
  const [occupation, skill] = occupationItems(candidate, opening);
  const region = regionItem(candidate, opening);
  const items = [occupation, skill, region, wage.item, housingItem(candidate, opening), start.item, certificates.item];
  // The wage penalty takes at most what the others gave: the total is never below 0, and the items add up to it.
  const others = items.reduce((s, i) => (i === wage.item ? s : s + i.points), 0);
  if (wage.item.points < 0 && others + wage.item.points < 0) wage.item.points = 0 - others;
  const exclusions: Exclusion[] = [];
  if (!(opening.openHeadcount > 0)) exclusions.push({ code: 'opening.no_headcount', params: { openHeadcount: opening.openHeadcount } });
  for (const e of [start.exclusion, certificates.exclusion, wage.exclusion]) if (e) exclusions.push(e);
  exclusions.push(...personExclusions(candidate, opening), ...wantExclusions(candidate, opening, occupation, region));
  const total = items.reduce((s, i) => s + i.points, 0);
  return { total, excluded: exclusions.length > 0, exclusions, items };
}
