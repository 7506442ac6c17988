import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateArb, openingArb, TODAY } from './test/arbitraries';
import { FACTORS, score } from './score';
import type { Candidate, Opening, ScoreItem } from './types';

const worker: Candidate = {
  id: 'w1',
  occupations: ['6-18-01-01'],
  skills: ['6-18-01-01'],
  regions: ['371300'],
  minWage: 4500,
  minWageFirm: true,
  needsHousing: true,
  availableFrom: '2026-03-05',
  certificates: ['weld'],
};
const posting: Opening = {
  id: 'p1',
  occupation: '6-18-01-01',
  region: '371302',
  wageMin: 5000,
  wageMax: 6000,
  housing: true,
  validFrom: '2026-03-01',
  validTo: '2026-06-30',
  requiredCertificates: ['weld'],
  openHeadcount: 3,
};
const item = (c: Candidate, o: Opening, factor: string, today = TODAY) => score(c, o, { today }).items.find((i) => i.factor === factor)!;
const brief = (i: ScoreItem) => [i.points, i.detail];

describe('score: hand-computed examples', () => {
  it('gives a worker the full 100 for a posting that fits on every factor, and explains each', () => {
    const r = score(worker, posting, { today: TODAY });
    expect(r).toEqual({
      total: 100,
      excluded: false,
      exclusions: [],
      items: [
        { factor: 'occupation', points: 40, max: 40, detail: 'occupation.same', params: { code: '6-18-01-01', wanted: '6-18-01-01' } },
        { factor: 'skill', points: 10, max: 10, detail: 'skill.same', params: { code: '6-18-01-01', skill: '6-18-01-01' } },
        { factor: 'region', points: 20, max: 20, detail: 'region.inside', params: { region: '371302', wanted: '371300' } },
        { factor: 'wage', points: 15, max: 15, detail: 'wage.meets', params: { minWage: 4500, wageMin: 5000, wageMax: 6000 } },
        { factor: 'housing', points: 5, max: 5, detail: 'housing.provided', params: {} },
        // available 03-05, the post starts 03-01: it waits 4 days (≤ 14: ready)
        { factor: 'start', points: 5, max: 5, detail: 'start.ready', params: { availableFrom: '2026-03-05', validFrom: '2026-03-01', validTo: '2026-06-30', days: 4 } },
        { factor: 'certificates', points: 5, max: 5, detail: 'certificates.required_held', params: {} },
      ],
    });
  });

  it('adds up a partial fit: 28 + 0 + 10 + 10 + 0 + 3 + 3 = 54', () => {
    const c: Candidate = {
      id: 'w2',
      occupations: ['6-18-01-02'],
      skills: ['4-01-01-01'],
      regions: ['371311'],
      minWage: 5500,
      needsHousing: true,
      availableFrom: '2026-04-15',
      certificates: ['forklift'],
    };
    const o: Opening = { ...posting, housing: false, validFrom: '2026-03-10', requiredCertificates: [], preferredCertificates: ['forklift', 'electric'] };
    const r = score(c, o, { today: TODAY });
    expect(r.items.map((i) => [i.factor, i.points, i.detail])).toEqual([
      ['occupation', 28, 'occupation.same_minor_group'], // 6-18-01-02 vs 6-18-01-01: same minor group 6-18-01
      ['skill', 0, 'skill.none'], // 4-01-01-01 shares nothing with 6-18-01-01
      ['region', 10, 'region.same_city'], // 罗庄区 371311 vs 兰山区 371302: both in 临沂市 3713
      ['wage', 10, 'wage.range_reaches'], // 5000–6000 vs 5500: only the top of the range reaches it
      ['housing', 0, 'housing.missing'],
      ['start', 3, 'start.soon'], // 03-10 → 04-15: 36 days (≤ 60)
      ['certificates', 3, 'certificates.preferred_held'], // 1 of 2 preferred: round(5 × 1/2) = round(2.5) = 3
    ]);
    expect(r.items[5].params.days).toBe(36);
    expect(r.items[6].params).toEqual({ held: 1, of: 2 });
    expect(r.total).toBe(54);
    expect(r.excluded).toBe(false);
  });

  it('penalises pay below a soft minimum by 20, never below 0, and the items still add up to the total', () => {
    const c: Candidate = { id: 'w3', occupations: ['4-01-01-01'], regions: ['500229'], minWage: 7000, needsHousing: true, availableFrom: '2026-07-01' };
    const o: Opening = { ...posting, housing: false, requiredCertificates: [], preferredCertificates: ['electric'] };
    const r = score(c, o, { today: TODAY });
    // Nothing else gave a point, so the penalty takes nothing: 0, not −20 beside a total of 0.
    expect(r.items.map(brief)).toEqual([
      [0, 'occupation.different'],
      [0, 'skill.none'],
      [0, 'region.elsewhere'],
      [0, 'wage.below_minimum'],
      [0, 'housing.missing'],
      [0, 'start.after_close'],
      [0, 'certificates.preferred_held'],
    ]);
    expect(r.total).toBe(0);
    // Another occupation and another province than the ones named: not a match for this person.
    expect(r.exclusions.map((e) => e.code)).toEqual(['occupation.not_wanted', 'region.not_wanted']);
    // Some points elsewhere: the penalty takes those (12), not 20.
    const near = score({ ...c, occupations: ['6-18-01-05'], regions: ['371300'] }, o, { today: TODAY });
    expect(near.items.map(brief).slice(0, 4)).toEqual([
      [28, 'occupation.same_minor_group'],
      [0, 'skill.none'],
      [20, 'region.inside'],
      [-20, 'wage.below_minimum'],
    ]);
    expect(near.total).toBe(28);
    // The same shortfall with a good fit elsewhere: 40 + 10 + 20 − 20 + 5 + 5 + 5 = 65.
    expect(score({ ...worker, minWage: 7000, minWageFirm: false }, posting, { today: TODAY }).total).toBe(65);
  });

  it('excludes a pair on every hard constraint, and still explains the points', () => {
    const c: Candidate = { ...worker, minWage: 6500, minWageFirm: true, certificates: [] };
    const o: Opening = { ...posting, openHeadcount: 0 };
    const r = score(c, o, { today: '2026-07-10' });
    expect(r.excluded).toBe(true);
    expect(r.exclusions).toEqual([
      { code: 'opening.no_headcount', params: { openHeadcount: 0 } },
      { code: 'opening.closed', params: { availableFrom: '2026-03-05', validFrom: '2026-03-01', validTo: '2026-06-30' } },
      { code: 'certificates.missing', params: { missing: ['weld'] } },
      { code: 'wage.below_minimum', params: { minWage: 6500, wageMin: 5000, wageMax: 6000 } },
    ]);
    expect(r.items.map(brief)).toEqual([
      [40, 'occupation.same'],
      [10, 'skill.same'],
      [20, 'region.inside'],
      [-20, 'wage.below_minimum'],
      [5, 'housing.provided'],
      [0, 'start.after_close'],
      [0, 'certificates.missing'],
    ]);
    expect(r.total).toBe(55);
  });

  it('treats a soft minimum that is not met as a penalty, not an exclusion', () => {
    expect(score({ ...worker, minWage: 6500, minWageFirm: false }, posting, { today: TODAY }).excluded).toBe(false);
    expect(score({ ...worker, minWage: 6500, minWageFirm: true }, posting, { today: TODAY }).exclusions.map((e) => e.code)).toEqual(['wage.below_minimum']);
  });
});

describe('score: factor by factor', () => {
  it('scores occupation codes by the groups they share', () => {
    const at = (wanted: string[]) => brief(item({ ...worker, occupations: wanted, skills: [] }, posting, 'occupation'));
    expect(at(['6-18-01-01'])).toEqual([40, 'occupation.same']);
    expect(at(['6-18-01-02'])).toEqual([28, 'occupation.same_minor_group']);
    expect(at(['6-18-01'])).toEqual([28, 'occupation.same_minor_group']); // a group code matches at its group's level
    expect(at(['6-18-02-01'])).toEqual([16, 'occupation.same_middle_group']);
    expect(at(['6-19-01-01'])).toEqual([6, 'occupation.same_major_group']);
    expect(at(['4-01-01-01'])).toEqual([0, 'occupation.different']);
    expect(at(['4-01-01-01', '6-18-02-01'])).toEqual([16, 'occupation.same_middle_group']); // the best wanted code counts
    expect(at([])).toEqual([20, 'occupation.any']);
  });

  it('scores held skills against the post', () => {
    const at = (skills: string[]) => brief(item({ ...worker, skills }, posting, 'skill'));
    expect(at(['6-18-01-01'])).toEqual([10, 'skill.same']);
    expect(at(['6-18-01-09'])).toEqual([6, 'skill.same_minor_group']);
    expect(at(['6-18-07-01'])).toEqual([3, 'skill.same_middle_group']);
    expect(at(['6-02-01-01'])).toEqual([0, 'skill.same_major_group']);
    expect(at([])).toEqual([0, 'skill.none']);
  });

  it('relates GB/T 2260 places at province, city, county, town and village level', () => {
    const at = (wanted: string[], place: string) => item({ ...worker, regions: wanted }, { ...posting, region: place }, 'region');
    expect(brief(at(['370000'], '371302001'))).toEqual([20, 'region.inside']); // 山东省 holds a town of 兰山区
    expect(brief(at(['371300'], '371302'))).toEqual([20, 'region.inside']); // 临沂市 holds 兰山区
    expect(brief(at(['371302001'], '371302001001'))).toEqual([20, 'region.inside']); // a town holds its village
    expect(brief(at(['371302'], '371300'))).toEqual([14, 'region.contains']); // a post anywhere in 临沂市
    expect(brief(at(['371302001001'], '371302001'))).toEqual([14, 'region.contains']);
    expect(brief(at(['371302'], '371311'))).toEqual([10, 'region.same_city']);
    expect(brief(at(['500229'], '500110'))).toEqual([4, 'region.same_province']); // 城口县 and 綦江区, both 重庆
    expect(brief(at(['500229'], '371302'))).toEqual([0, 'region.elsewhere']);
    expect(brief(at([], '371302'))).toEqual([20, 'region.any']);
    expect(at(['500229', '371311', '371300'], '371302').params).toEqual({ region: '371302', wanted: '371300' });
  });

  it('compares pay ranges with the minimum, using either end when the other is missing', () => {
    const at = (minWage: number | null, wageMin: number | null, wageMax: number | null) => brief(item({ ...worker, minWage }, { ...posting, wageMin, wageMax }, 'wage'));
    expect(at(null, 3000, 4000)).toEqual([15, 'wage.no_minimum']);
    expect(at(5000, null, null)).toEqual([8, 'wage.unknown']);
    expect(at(5000, 5000, null)).toEqual([15, 'wage.meets']);
    expect(at(5000, null, 5000)).toEqual([15, 'wage.meets']);
    expect(at(5000, 4000, 5000)).toEqual([10, 'wage.range_reaches']);
    expect(at(5000, 4000, 4999)).toEqual([-20, 'wage.below_minimum']);
  });

  it('counts the days the post waits for the candidate: ≤ 14 ready, ≤ 60 soon, longer later', () => {
    const at = (availableFrom: string | null, validFrom: string | null, validTo: string | null, today?: string) => {
      const i = score({ ...worker, availableFrom }, { ...posting, validFrom, validTo }, today ? { today } : {}).items[5];
      return [i.points, i.detail, i.params.days];
    };
    expect(at('2026-03-15', '2026-03-01', null)).toEqual([5, 'start.ready', 14]);
    expect(at('2026-03-16', '2026-03-01', null)).toEqual([3, 'start.soon', 15]);
    expect(at('2026-04-30', '2026-03-01', null)).toEqual([3, 'start.soon', 60]);
    expect(at('2026-05-01', '2026-03-01', null)).toEqual([1, 'start.later', 61]);
    expect(at('2026-02-01', '2026-03-01', null)).toEqual([5, 'start.ready', 0]); // ready before the post starts
    expect(at(null, null, null)).toEqual([5, 'start.ready', 0]);
    // A post open since January waits from today, not from its first day.
    expect(at('2026-03-20', '2026-01-15', null, '2026-03-01')).toEqual([3, 'start.soon', 19]);
    expect(at('2026-03-20', '2026-01-15', null)).toEqual([1, 'start.later', 64]);
    expect(at('2026-07-01', '2026-03-01', '2026-06-30')).toEqual([0, 'start.after_close', undefined]);
  });

  it('rejects malformed dates, places and codes rather than guessing', () => {
    expect(() => score({ ...worker, availableFrom: '2026-02-30' }, posting)).toThrow(RangeError);
    expect(() => score(worker, { ...posting, region: '3713021' })).toThrow(RangeError);
    expect(() => score({ ...worker, occupations: ['6-18-x'] }, posting)).toThrow(RangeError);
  });
});

describe('score: invariants', () => {
  it('is an integer in 0–100, the clamped sum of one item per factor, excluded exactly when a hard constraint fails', () => {
    fc.assert(
      fc.property(candidateArb, openingArb, fc.constantFrom(TODAY, '2026-05-01', undefined), (c, o, today) => {
        const r = score({ ...c, id: 'c' }, { ...o, id: 'o' }, { today });
        expect(r.items.map((i) => i.factor)).toEqual([...FACTORS]);
        const sum = r.items.reduce((s, i) => s + i.points, 0);
        expect(r.total).toBe(Math.min(100, Math.max(0, sum)));
        expect(Number.isInteger(r.total)).toBe(true);
        for (const i of r.items) expect(i.points).toBeLessThanOrEqual(i.max);
        expect(r.excluded).toBe(r.exclusions.length > 0);
        expect(r.exclusions.some((e) => e.code === 'opening.no_headcount')).toBe(o.openHeadcount <= 0);
      }),
      { numRuns: 500 },
    );
  });
});
