import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatesArb, openingsArb, TODAY } from './test/arbitraries';
import { allocateStable } from './allocate';
import { allocateOptimal } from './assign';
import { createCandidateIndex } from './candidate-index';
import { createIndex } from './opening-index';
import { recommend, recommendCandidates } from './recommend';
import { score } from './score';
import type { Candidate, Opening } from './types';

/**
 * The limits that respect the person, restated here from the rules (docs/matching.md, "Hard constraints") rather
 * than from the engine's code: what no recommendation and no allocation may ever break.
 */
function violated(c: Candidate, o: Opening): string[] {
  const out: string[] = [];
  if (c.canWork === false) out.push('cannot work');
  if (typeof c.age === 'number' && ((typeof o.ageMin === 'number' && c.age < o.ageMin) || (typeof o.ageMax === 'number' && c.age > o.ageMax))) out.push('age');
  if ((o.demands ?? []).some((d) => (c.limits ?? []).includes(d))) out.push('demands');
  const major = (code: string) => code.split('-')[0];
  if (c.occupations.length > 0 && !c.occupations.some((w) => major(w) === major(o.occupation))) out.push('occupation not wanted');
  const province = (code: string) => code.slice(0, 2);
  if ((c.regions ?? []).length > 0 && !(c.regions ?? []).some((r) => province(r) === province(o.region))) out.push('region not wanted');
  return out;
}

const settings = fc.record({ minScore: fc.constantFrom(0, 30, 50, 60), today: fc.constantFrom(TODAY, '2026-04-20', undefined) });

describe('hard limits: never recommended, never allocated', () => {
  it('score() excludes every pair that breaks one, and its items add up to its total', () => {
    fc.assert(
      fc.property(candidatesArb(8), openingsArb(8), settings, (candidates, openings, { today }) => {
        for (const c of candidates)
          for (const o of openings) {
            const r = score(c, o, { today });
            if (violated(c, o).length > 0) expect(r.excluded).toBe(true);
            expect(r.items.reduce((s, i) => s + i.points, 0)).toBe(r.total);
            expect(r.total).toBeGreaterThanOrEqual(0);
            expect(r.total).toBeLessThanOrEqual(100);
          }
      }),
      { numRuns: 300 },
    );
  });

  it('recommendations both ways', () => {
    fc.assert(
      fc.property(candidatesArb(12), openingsArb(20), settings, (candidates, openings, { minScore, today }) => {
        const oi = createIndex(openings);
        for (const c of candidates)
          for (const r of recommend(oi, c, 20, { minScore, today })) {
            expect(violated(c, r.opening)).toEqual([]);
            expect(r.explanation.items.reduce((s, i) => s + i.points, 0)).toBe(r.score);
          }
        const ci = createCandidateIndex(candidates);
        for (const o of openings)
          for (const r of recommendCandidates(ci, o, 20, { minScore, today })) {
            expect(violated(r.candidate, o)).toEqual([]);
            expect(r.explanation.items.reduce((s, i) => s + i.points, 0)).toBe(r.score);
          }
      }),
      { numRuns: 300 },
    );
  });

  it('both allocation modes (stable with short and unbounded lists, optimal)', () => {
    fc.assert(
      fc.property(candidatesArb(15), openingsArb(10), settings, fc.constantFrom(2, 50, Infinity), (candidates, openings, { minScore, today }, listLength) => {
        const byId = new Map(candidates.map((c) => [c.id, c]));
        const openingById = new Map(openings.map((o) => [o.id, o]));
        for (const a of [allocateStable(candidates, openings, { minScore, today, listLength, parallel: false }), allocateOptimal(candidates, openings, { minScore, today })])
          for (const p of a.pairs) {
            const c = byId.get(p.candidateId)!;
            const o = openingById.get(p.openingId)!;
            expect(violated(c, o)).toEqual([]);
            const r = score(c, o, { today });
            expect(r.excluded).toBe(false);
            expect(r.total).toBe(p.score);
            expect(r.items.reduce((s, i) => s + i.points, 0)).toBe(p.score);
          }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the two persons of issue #12', () => {
  // As the labour module maps them (placement/demands.ts): building construction demands heavy physical work and
  // hearing (signals on site); partial ability to work rules out heavy physical work, a hearing disability hearing.
  const construction = ['heavy_physical', 'hearing'];
  const base = { region: '371302', wageMin: 5000, wageMax: 7000, housing: true, validFrom: '2026-03-01', validTo: '2026-12-31', openHeadcount: 5 };
  const openings: Opening[] = [
    { ...base, id: 'p-bricklayer', occupation: '6-29-01-01', demands: construction, ageMin: 20, ageMax: 58 },
    { ...base, id: 'p-rebar', occupation: '6-29-01-04', demands: construction },
    { ...base, id: 'p-livestock', occupation: '5-03-02-01' },
    { ...base, id: 'p-poultry', occupation: '5-03-02-02', ageMax: 45 },
  ];
  const partial: Candidate = {
    id: 'w-48',
    age: 48,
    occupations: ['5-03-02-01'],
    skills: ['6-29-01-01'],
    regions: ['371300'],
    minWage: 4000,
    limits: ['heavy_physical', 'hearing'],
  };
  const old: Candidate = { id: 'w-59', age: 59, occupations: ['6-29-01-01'], skills: ['6-29-01-01'], regions: ['371300'], minWage: 4000 };

  it('the 48-year-old with partial ability and a hearing disability is offered livestock work, not bricklaying or rebar', () => {
    const got = recommend(createIndex(openings), partial, 10, { today: TODAY });
    // Poultry keeping takes people up to 45.
    expect(got.map((r) => r.opening.id)).toEqual(['p-livestock']);
    expect(score(partial, openings[3], { today: TODAY }).exclusions.map((e) => e.code)).toEqual(['age.outside_range']);
    const brick = score(partial, openings[0], { today: TODAY });
    expect(brick.exclusions.map((e) => e.code)).toEqual(['ability.demands', 'occupation.not_wanted']);
    expect(brick.exclusions[0].params).toEqual({ demands: construction });
  });

  it('the 59-year-old bricklayer is not allocated to a post for 20–58-year-olds, in either mode', () => {
    expect(score(old, openings[0], { today: TODAY }).exclusions).toEqual([{ code: 'age.outside_range', params: { age: 59, ageMin: 20, ageMax: 58 } }]);
    for (const a of [allocateStable([old, partial], openings, { today: TODAY, parallel: false }), allocateOptimal([old, partial], openings, { today: TODAY })]) {
      expect(a.pairs.map((p) => [p.candidateId, p.openingId])).toEqual([
        ['w-48', 'p-livestock'],
        ['w-59', 'p-rebar'],
      ]);
    }
    expect(recommendCandidates(createCandidateIndex([old, partial]), openings[0], 10, { today: TODAY })).toEqual([]);
  });
});
