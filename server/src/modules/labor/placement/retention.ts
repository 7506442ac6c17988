/**
 * Follow-up schedule and retention rate (稳岗率): pure functions, no I/O. The formula is written out in
 * docs/retention.md; the unit test computes a cohort by hand against it.
 */

export const MILESTONES = [1, 3, 6, 12] as const;
export type Milestone = (typeof MILESTONES)[number];
export type Outcome = 'same_employer' | 'other_employer' | 'not_employed';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The day `months` calendar months after `day` (YYYY-MM-DD): the same day of the month, or the month's last day
 * when it has no such day (2026-01-31 + 1 → 2026-02-28; + 3 → 2026-04-30).
 */
export function addMonths(day: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(Number(m[3]), last))}`;
}

/** The day `days` days after (or, negative, before) `day`. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The follow-ups a placement gets: one per milestone, due that many months after the start date. */
export function followUpSchedule(startedOn: string): { milestone: Milestone; dueOn: string }[] {
  return MILESTONES.map((milestone) => ({ milestone, dueOn: addMonths(startedOn, milestone) }));
}

/** One placement (a referral that reached "started") and the outcomes recorded at its follow-ups. */
export interface Placement {
  startedOn: string;
  /** Recorded outcome per milestone; absent or null: not recorded. */
  outcomes: Partial<Record<Milestone, Outcome | null>>;
}

export type Standing = 'not_due' | 'unknown' | 'same_employer' | 'other_employer' | 'lost';

/**
 * Where a placement stands at milestone m on day asOf: not due while start + m months lies after asOf (even if a
 * follow-up was recorded early); then by the recorded outcome, or unknown when none is recorded.
 */
export function standing(p: Placement, m: Milestone, asOf: string): Standing {
  if (addMonths(p.startedOn, m) > asOf) return 'not_due';
  const o = p.outcomes[m];
  if (!o) return 'unknown';
  return o === 'not_employed' ? 'lost' : o;
}

export interface RetentionFigures {
  placements: number;
  notDue: number;
  unknown: number;
  retained: number;
  sameEmployer: number;
  lost: number;
  /** retained / (retained + lost); null when the denominator is 0. */
  rate: number | null;
}

const empty = (): RetentionFigures => ({ placements: 0, notDue: 0, unknown: 0, retained: 0, sameEmployer: 0, lost: 0, rate: null });

function add(f: RetentionFigures, s: Standing) {
  f.placements++;
  if (s === 'not_due') f.notDue++;
  else if (s === 'unknown') f.unknown++;
  else if (s === 'lost') f.lost++;
  else {
    f.retained++;
    if (s === 'same_employer') f.sameEmployer++;
  }
}

function finish(f: RetentionFigures): RetentionFigures {
  const known = f.retained + f.lost;
  return { ...f, rate: known === 0 ? null : f.retained / known };
}

/**
 * Retention at milestone m: retained = placements whose m-month follow-up says employed (at the same or another
 * employer); the rate divides them by the placements whose m-month follow-up is recorded and due. Placements not
 * due yet and those due but not recorded ("unknown") stay out of the rate and are counted beside it.
 */
export function retention(placements: Iterable<Placement>, m: Milestone, asOf: string): RetentionFigures {
  const f = empty();
  for (const p of placements) add(f, standing(p, m, asOf));
  return finish(f);
}

/** The same figures per group (cohort, region, enterprise …), groups in key order. */
export function retentionBy<P extends Placement>(placements: Iterable<P>, keyOf: (p: P) => string, m: Milestone, asOf: string): Map<string, RetentionFigures> {
  const groups = new Map<string, RetentionFigures>();
  for (const p of placements) {
    const k = keyOf(p);
    let f = groups.get(k);
    if (!f) groups.set(k, (f = empty()));
    add(f, standing(p, m, asOf));
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, f]) => [k, finish(f)]));
}

/** The cohort of a placement: its start month, YYYY-MM. */
export const cohortOf = (p: Placement) => p.startedOn.slice(0, 7);
