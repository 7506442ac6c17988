import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byId, candidatesArb, openingsArb, TODAY } from './test/arbitraries';
import { createCandidateIndex } from './candidate-index';
import { createIndex } from './opening-index';
import { recommend, recommendCandidates } from './recommend';
import { score } from './score';
import type { Candidate, Opening } from './types';

/** What the indexes must return: every pair scored by score(), filtered and sorted by score, then id. */
function bruteForce<T extends { id: string }>(items: T[], scoreOf: (t: T) => ReturnType<typeof score>, k: number, minScore: number) {
  return items
    .map((t) => ({ id: t.id, r: scoreOf(t) }))
    .filter((x) => !x.r.excluded && x.r.total >= minScore)
    .sort((a, b) => b.r.total - a.r.total || byId(a, b))
    .slice(0, k)
    .map((x) => `${x.id}:${x.r.total}`);
}

const settings = fc.record({
  k: fc.integer({ min: 0, max: 12 }),
  minScore: fc.constantFrom(0, 30, 50, 60, 75, 90),
  today: fc.constantFrom(TODAY, '2026-04-20', undefined),
});

describe('recommend: the index returns exactly the brute-force ranking', () => {
  it('top-k openings for a candidate', () => {
    fc.assert(
      fc.property(openingsArb(30), candidatesArb(6), settings, (openings, candidates, { k, minScore, today }) => {
        const index = createIndex(openings);
        for (const c of candidates) {
          const got = recommend(index, c, k, { minScore, today });
          expect(got.map((r) => `${r.opening.id}:${r.score}`)).toEqual(bruteForce(openings, (o) => score(c, o, { today }), k, minScore));
          for (const r of got) expect(r.explanation).toEqual(score(c, r.opening, { today }));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('top-k candidates for an opening', () => {
    fc.assert(
      fc.property(candidatesArb(30), openingsArb(6), settings, (candidates, openings, { k, minScore, today }) => {
        const index = createCandidateIndex(candidates);
        for (const o of openings) {
          const got = recommendCandidates(index, o, k, { minScore, today });
          expect(got.map((r) => `${r.candidate.id}:${r.score}`)).toEqual(bruteForce(candidates, (c) => score(c, o, { today }), k, minScore));
          for (const r of got) expect(r.explanation.total).toBe(r.score);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('recommend: certificates past the bit masks of the index', () => {
  // 80 certificate names: the first 31 ids an index gives out are tested as bit masks, later ones by lists, and an
  // opening with both kinds goes by its lists.
  const many = Array.from({ length: 80 }, (_, i) => `cert-${String(i).padStart(2, '0')}`);
  const some = (n: number) => fc.subarray(many, { maxLength: n });
  it('top-k openings agree with score() whichever way an opening is tested', () => {
    fc.assert(
      fc.property(
        openingsArb(40).chain((os) =>
          fc.tuple(
            ...os.map((o) =>
              fc.record({ required: some(3), preferred: some(8) }).map(({ required, preferred }) => ({ ...o, requiredCertificates: required, preferredCertificates: preferred })),
            ),
          ),
        ),
        candidatesArb(4).chain((cs) => fc.tuple(...cs.map((c) => some(70).map((certificates) => ({ ...c, certificates }))))),
        settings,
        (openings, candidates, { k, minScore, today }) => {
          const index = createIndex(openings);
          for (const c of candidates) {
            const got = recommend(index, c, k, { minScore, today });
            expect(got.map((r) => `${r.opening.id}:${r.score}`)).toEqual(bruteForce(openings, (o) => score(c, o, { today }), k, minScore));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('recommend: examples', () => {
  const base: Opening = { id: '', occupation: '6-18-01-01', region: '371302', wageMin: 5000, wageMax: 6000, openHeadcount: 1 };
  const openings: Opening[] = [
    { ...base, id: 'p-c' },
    { ...base, id: 'p-a' },
    { ...base, id: 'p-b', occupation: '6-18-01-02' },
    { ...base, id: 'p-d', openHeadcount: 0 },
    { ...base, id: 'p-e', region: '370300' },
    { ...base, id: 'p-f', region: '500229' },
  ];
  const welder: Candidate = { id: 'w', occupations: ['6-18-01-01'], regions: ['371300'] };

  it('ranks by score, breaks ties by the smaller id, and leaves out excluded openings', () => {
    const got = recommend(createIndex(openings), welder, 10);
    // p-a and p-c tie at 40 + 0 + 20 + 15 + 5 + 5 + 5 = 90; p-e is elsewhere in the province (74); p-b is the minor
    // group (78); p-d has no headcount; p-f is in another province than the one wanted (region.not_wanted).
    expect(got.map((r) => [r.opening.id, r.score])).toEqual([
      ['p-a', 90],
      ['p-c', 90],
      ['p-b', 78],
      ['p-e', 74],
    ]);
    expect(recommend(createIndex(openings), welder, 2).map((r) => r.opening.id)).toEqual(['p-a', 'p-c']);
    expect(recommend(createIndex(openings), welder, 10, { minScore: 80 }).map((r) => r.opening.id)).toEqual(['p-a', 'p-c']);
  });

  it('finds the fitting candidates for an opening the same way', () => {
    const candidates: Candidate[] = [
      { id: 'w2', occupations: ['6-18-01-01'], regions: ['371300'] },
      { id: 'w1', occupations: ['6-18-01-01'], regions: ['371302'] },
      { id: 'w3', occupations: [], regions: [] },
      { id: 'w4', occupations: ['6-18-01-01'], minWage: 7000, minWageFirm: true },
    ];
    const got = recommendCandidates(createCandidateIndex(candidates), base, 10);
    // w1 and w2 tie at 90; w3 wants any occupation: 20 + 0 + 20 + 15 + 5 + 5 + 5 = 70; w4's firm minimum excludes it.
    expect(got.map((r) => [r.candidate.id, r.score])).toEqual([
      ['w1', 90],
      ['w2', 90],
      ['w3', 70],
    ]);
    expect(recommendCandidates(createCandidateIndex(candidates), { ...base, openHeadcount: 0 }, 10)).toEqual([]);
    expect(recommendCandidates(createCandidateIndex(candidates), { ...base, requiredCertificates: ['nobody-has-it'] }, 10)).toEqual([]);
  });

  it('refuses a k that is not a count', () => {
    expect(() => recommend(createIndex(openings), welder, -1)).toThrow(RangeError);
    expect(() => recommendCandidates(createCandidateIndex([welder]), base, Number.NaN)).toThrow(RangeError);
  });

  it('refuses duplicate ids', () => {
    expect(() => createIndex([openings[0], openings[0]])).toThrow(/duplicate opening id: p-c/);
    expect(() => createCandidateIndex([welder, welder])).toThrow(/duplicate candidate id: w/);
  });

  it('serves many queries from one index without one leaking into the next', () => {
    const index = createIndex(openings);
    const far: Candidate = { id: 'f', occupations: ['4-01-01-01'], regions: ['500229'] };
    const first = recommend(index, welder, 3);
    recommend(index, far, 3);
    expect(recommend(index, welder, 3)).toEqual(first);
  });
});
