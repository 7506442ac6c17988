import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, cohortOf, followUpSchedule, MILESTONES, retention, retentionBy, standing, type Outcome, type Placement } from './retention';

describe("addMonths: calendar months, clamped to the month's last day", () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-01-31', 3, '2026-04-30'],
    ['2026-01-31', 6, '2026-07-31'],
    ['2026-01-31', 12, '2027-01-31'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-12-31', 12, '2027-12-31'],
    ['2026-03-10', 0, '2026-03-10'],
  ])('%s + %i months = %s', (day, m, want) => expect(addMonths(day, m)).toBe(want));

  it('refuses what is not a day', () => expect(() => addMonths('2026-3-1', 1)).toThrow(RangeError));

  it('always lands in the right month, never after the same day of the month, and later than the start', () => {
    const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 60 }), (d, m) => {
        const r = addMonths(d, m);
        const [y, mo, dd] = d.split('-').map(Number);
        const months = (Number(r.slice(0, 4)) - y) * 12 + (Number(r.slice(5, 7)) - mo);
        expect(months).toBe(m);
        expect(Number(r.slice(8))).toBeLessThanOrEqual(dd);
        expect(r > d).toBe(true);
      }),
    );
  });
});

describe('followUpSchedule', () => {
  it('gives the 1, 3, 6 and 12-month follow-ups of a start on the 31st', () => {
    expect(followUpSchedule('2026-01-31')).toEqual([
      { milestone: 1, dueOn: '2026-02-28' },
      { milestone: 3, dueOn: '2026-04-30' },
      { milestone: 6, dueOn: '2026-07-31' },
      { milestone: 12, dueOn: '2027-01-31' },
    ]);
  });
});

/**
 * A hand-computed cohort: 10 placements that started in March 2026, looked at on 2026-09-20 (docs/retention.md
 * works the same example). The 6-month follow-up of each:
 *
 *   #  start        due (6 months)  recorded         standing on 2026-09-20
 *   1  2026-03-01   2026-09-01      not employed     lost
 *   2  2026-03-02   2026-09-02      same employer    retained (same)
 *   3  2026-03-05   2026-09-05      other employer   retained
 *   4  2026-03-10   2026-09-10      not employed     lost
 *   5  2026-03-15   2026-09-15      same employer    retained (same)
 *   6  2026-03-18   2026-09-18      —                unknown
 *   7  2026-03-20   2026-09-20      same employer    retained (same): due that very day
 *   8  2026-03-21   2026-09-21      same employer    not due (recorded early: still outside)
 *   9  2026-03-25   2026-09-25      —                not due
 *  10  2026-03-31   2026-09-30      —                not due
 *
 * retained 4 (same employer 3), lost 2, unknown 1, not due 3: rate = 4 / (4 + 2) = 2/3.
 */
const six = (startedOn: string, o: Outcome | null): Placement => ({ startedOn, outcomes: { 1: 'same_employer', 6: o } });
const MARCH: Placement[] = [
  six('2026-03-01', 'not_employed'),
  six('2026-03-02', 'same_employer'),
  six('2026-03-05', 'other_employer'),
  six('2026-03-10', 'not_employed'),
  six('2026-03-15', 'same_employer'),
  six('2026-03-18', null),
  six('2026-03-20', 'same_employer'),
  six('2026-03-21', 'same_employer'),
  six('2026-03-25', null),
  six('2026-03-31', null),
];
const AS_OF = '2026-09-20';

describe('retention on a hand-computed cohort', () => {
  it('6 months: 4 retained of 6 recorded, 1 unknown and 3 not due left out of the rate', () => {
    expect(MARCH.map((p) => standing(p, 6, AS_OF))).toEqual([
      'lost',
      'same_employer',
      'other_employer',
      'lost',
      'same_employer',
      'unknown',
      'same_employer',
      'not_due',
      'not_due',
      'not_due',
    ]);
    expect(retention(MARCH, 6, AS_OF)).toEqual({ placements: 10, notDue: 3, unknown: 1, retained: 4, sameEmployer: 3, lost: 2, rate: 4 / 6 });
  });

  it('1 month: every milestone passed and recorded, all retained', () => {
    expect(retention(MARCH, 1, AS_OF)).toEqual({ placements: 10, notDue: 0, unknown: 0, retained: 10, sameEmployer: 10, lost: 0, rate: 1 });
  });

  it('3 months: passed for all, recorded for none: all unknown, no rate', () => {
    expect(retention(MARCH, 3, AS_OF)).toEqual({ placements: 10, notDue: 0, unknown: 10, retained: 0, sameEmployer: 0, lost: 0, rate: null });
  });

  it('12 months: nobody is due yet', () => {
    expect(retention(MARCH, 12, AS_OF)).toMatchObject({ placements: 10, notDue: 10, rate: null });
  });

  it('groups by cohort, in key order, each with its own rate', () => {
    const april = [six('2026-04-01', 'not_employed'), six('2026-04-02', 'other_employer')];
    const got = retentionBy([...april, ...MARCH], cohortOf, 6, '2026-10-31');
    expect([...got.keys()]).toEqual(['2026-03', '2026-04']);
    // By the end of October every March placement is due: 3 unknown now (#6, #9, #10), 7 recorded, 5 employed.
    expect(got.get('2026-03')).toEqual({ placements: 10, notDue: 0, unknown: 3, retained: 5, sameEmployer: 4, lost: 2, rate: 5 / 7 });
    expect(got.get('2026-04')).toEqual({ placements: 2, notDue: 0, unknown: 0, retained: 1, sameEmployer: 0, lost: 1, rate: 0.5 });
  });

  it('accounts for every placement exactly once, with a rate between 0 and 1', () => {
    const outcome = fc.option(fc.constantFrom<Outcome>('same_employer', 'other_employer', 'not_employed'), { nil: null });
    const placement = fc.record({
      startedOn: fc.date({ min: new Date('2024-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      outcomes: fc.record({ 1: outcome, 3: outcome, 6: outcome, 12: outcome }),
    });
    fc.assert(
      fc.property(fc.array(placement, { maxLength: 40 }), fc.constantFrom(...MILESTONES), (ps, m) => {
        const f = retention(ps, m, '2026-06-15');
        expect(f.notDue + f.unknown + f.retained + f.lost).toBe(ps.length);
        expect(f.sameEmployer).toBeLessThanOrEqual(f.retained);
        if (f.rate !== null) expect(f.rate).toBeGreaterThanOrEqual(0);
        if (f.rate !== null) expect(f.rate).toBeLessThanOrEqual(1);
        expect(f.rate === null).toBe(f.retained + f.lost === 0);
      }),
    );
  });
});
