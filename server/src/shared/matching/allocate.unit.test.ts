import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byId, candidatesArb, openingsArb, TODAY } from './test/arbitraries';
import { allocateStable, deferredAcceptance, type PreferenceList } from './allocate';
import { allocateOptimal } from './assign';
import { score } from './score';
import type { Allocation, Candidate, Opening } from './types';

/**
 * An abstract market: score[w][o] (one number both sides rank by), acceptable when ≥ 2. Workers prefer a higher
 * score, then the smaller opening; openings a higher score, then the smaller worker — as the engine does.
 */
interface Market {
  score: number[][];
  capacity: number[];
}
const ACCEPT = 2;
const marketArb = (maxW: number, maxO: number): fc.Arbitrary<Market> =>
  fc.record({ w: fc.integer({ min: 1, max: maxW }), o: fc.integer({ min: 1, max: maxO }) }).chain(({ w, o }) =>
    fc.record({
      score: fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: o, maxLength: o }), { minLength: w, maxLength: w }),
      capacity: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: o, maxLength: o }),
    }),
  );

function fullList(m: Market, w: number): PreferenceList {
  const os = m.score[w]
    .map((s, o) => ({ s, o }))
    .filter((x) => x.s >= ACCEPT)
    .sort((a, b) => b.s - a.s || a.o - b.o);
  return { openings: Int32Array.from(os, (x) => x.o), scores: Uint8Array.from(os, (x) => x.s), complete: true };
}

/** Rank of opening o for worker w (lower is better); unmatched is worst. */
const rankOf = (m: Market, w: number, o: number) => (o < 0 ? Infinity : fullList(m, w).openings.indexOf(o));
/** Opening o prefers worker a to worker b. */
const openingPrefers = (m: Market, o: number, a: number, b: number) => m.score[a][o] > m.score[b][o] || (m.score[a][o] === m.score[b][o] && a < b);

function blockingPairs(m: Market, match: ArrayLike<number>): string[] {
  const out: string[] = [];
  for (let w = 0; w < m.score.length; w++) {
    for (const o of fullList(m, w).openings) {
      if (rankOf(m, w, o) >= rankOf(m, w, match[w])) continue;
      const held = Array.from(match).flatMap((x, v) => (x === o ? [v] : []));
      if (held.length < m.capacity[o] || held.some((v) => openingPrefers(m, o, w, v))) out.push(`${w}-${o}`);
    }
  }
  return out;
}

function feasible(m: Market, match: ArrayLike<number>) {
  const load = new Array(m.capacity.length).fill(0);
  for (let w = 0; w < match.length; w++) {
    if (match[w] < 0) continue;
    load[match[w]]++;
    if (m.score[w][match[w]] < ACCEPT) return false;
  }
  return load.every((l, o) => l <= m.capacity[o]);
}

/** Every matching of a tiny market (each worker to an acceptable opening or nobody, within capacities). */
function allMatchings(m: Market): number[][] {
  const out: number[][] = [];
  const cur: number[] = [];
  const rec = (w: number) => {
    if (w === m.score.length) {
      if (feasible(m, cur)) out.push([...cur]);
      return;
    }
    for (const o of [-1, ...fullList(m, w).openings]) {
      cur[w] = o;
      rec(w + 1);
    }
  };
  rec(0);
  return out;
}

describe('deferred acceptance (abstract markets)', () => {
  it('gives a stable matching within capacities, over acceptable pairs only, and the worker-optimal one', () => {
    fc.assert(
      fc.property(marketArb(5, 4), (m) => {
        const { match } = deferredAcceptance(m.score.length, Int32Array.from(m.capacity), (w) => fullList(m, w));
        expect(feasible(m, match)).toBe(true);
        expect(blockingPairs(m, match)).toEqual([]);
        const stable = allMatchings(m).filter((x) => blockingPairs(m, x).length === 0);
        expect(stable.map((x) => x.join())).toContain(Array.from(match).join());
        for (const other of stable) for (let w = 0; w < match.length; w++) expect(rankOf(m, w, match[w])).toBeLessThanOrEqual(rankOf(m, w, other[w]));
      }),
      { numRuns: 400 },
    );
  });

  it('does not depend on how lists are handed out: whole, or one opening at a time', () => {
    fc.assert(
      fc.property(marketArb(8, 5), (m) => {
        const whole = deferredAcceptance(m.score.length, Int32Array.from(m.capacity), (w) => fullList(m, w)).match;
        const piecemeal = deferredAcceptance(m.score.length, Int32Array.from(m.capacity), (w, have) => {
          const l = fullList(m, w);
          const n = Math.min(have + 1, l.openings.length);
          return { openings: l.openings.subarray(0, n), scores: l.scores.subarray(0, n), complete: n === l.openings.length };
        }).match;
        expect(Array.from(piecemeal)).toEqual(Array.from(whole));
      }),
      { numRuns: 300 },
    );
  });

  it('solves a textbook market by hand', () => {
    // Scores: w0 likes o0 (5) over o1 (4); w1 likes o0 (5) over o1 (3); w2 likes o1 (5). o0 has one place, o1 one.
    // w0 and w1 tie at 5 for o0: the smaller index, w0, keeps it. w1 goes to o1 (3) but w2 (5) takes o1 from it.
    const m: Market = {
      score: [
        [5, 4],
        [5, 3],
        [0, 5],
      ],
      capacity: [1, 1],
    };
    const r = deferredAcceptance(3, Int32Array.from(m.capacity), (w) => fullList(m, w));
    expect(Array.from(r.match)).toEqual([0, -1, 1]);
    expect(r.proposals).toBe(4);
  });
});

// ---- the engine's allocations on generated candidates and openings

function acceptable(c: Candidate, o: Opening, minScore: number) {
  const r = score(c, o, { today: TODAY });
  return r.excluded || r.total < minScore ? null : r.total;
}

/** The same allocation as an abstract market, candidates and openings in id order. */
function asMarket(candidates: Candidate[], openings: Opening[], minScore: number): { m: Market; cs: Candidate[]; os: Opening[] } {
  const cs = [...candidates].sort(byId);
  const os = [...openings].sort(byId);
  const scoreMatrix = cs.map((c) => os.map((o) => acceptable(c, o, minScore) ?? -1));
  // Shift scores so that "acceptable" is exactly ≥ ACCEPT in the abstract market.
  return { m: { score: scoreMatrix.map((row) => row.map((s) => (s < 0 ? 0 : s + ACCEPT))), capacity: os.map((o) => Math.max(0, o.openHeadcount)) }, cs, os };
}

const matchOf = (a: Allocation, cs: Candidate[], os: Opening[]) =>
  cs.map((c) => {
    const p = a.pairs.find((x) => x.candidateId === c.id);
    return p ? os.findIndex((o) => o.id === p.openingId) : -1;
  });

describe('allocateStable', () => {
  it('with unbounded lists: stable over all acceptable pairs, worker-optimal, scores as score() gives them', () => {
    fc.assert(
      fc.property(candidatesArb(6), openingsArb(4), fc.constantFrom(0, 40, 60), (candidates, openings, minScore) => {
        const a = allocateStable(candidates, openings, { minScore, listLength: Infinity, today: TODAY });
        const { m, cs, os } = asMarket(candidates, openings, minScore);
        const match = matchOf(a, cs, os);
        expect(feasible(m, match)).toBe(true);
        expect(blockingPairs(m, match)).toEqual([]);
        const best = deferredAcceptance(cs.length, Int32Array.from(m.capacity), (w) => fullList(m, w)).match;
        expect(match).toEqual(Array.from(best));
        for (const p of a.pairs) expect(p.score).toBe(acceptable(cs.find((c) => c.id === p.candidateId)!, os.find((o) => o.id === p.openingId)!, minScore));
        expect(a.unmatched).toEqual(cs.filter((_, w) => match[w] < 0).map((c) => c.id));
        expect(a.totalScore).toBe(a.pairs.reduce((s, p) => s + p.score, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('with lists cut at L: stable with respect to the cut lists, and says who might have lost out', () => {
    fc.assert(
      fc.property(candidatesArb(10), openingsArb(6), fc.integer({ min: 1, max: 3 }), (candidates, openings, L) => {
        const a = allocateStable(candidates, openings, { minScore: 40, listLength: L, today: TODAY });
        const { m, cs, os } = asMarket(candidates, openings, 40);
        const cut: Market = { ...m, score: m.score.map((row, w) => row.map((s, o) => (Array.from(fullList(m, w).openings).indexOf(o) < L ? s : 0))) };
        const match = matchOf(a, cs, os);
        expect(feasible(cut, match)).toBe(true);
        expect(blockingPairs(cut, match)).toEqual([]);
        expect(a.stats.truncated).toBe(cs.filter((_, w) => match[w] < 0 && fullList(m, w).openings.length > L).length);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same allocation whatever the input order, in both modes', () => {
    fc.assert(
      fc.property(candidatesArb(10), openingsArb(6), fc.boolean(), (candidates, openings, optimal) => {
        const run = optimal ? allocateOptimal : allocateStable;
        const a = run(candidates, openings, { today: TODAY, minScore: 40 });
        const b = run([...candidates].reverse(), [...openings].reverse(), { today: TODAY, minScore: 40 });
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

describe('allocateOptimal', () => {
  it('reaches the largest total score of any feasible allocation (brute force), within capacities', () => {
    fc.assert(
      fc.property(candidatesArb(5), openingsArb(4), fc.constantFrom(0, 40, 60), (candidates, openings, minScore) => {
        const a = allocateOptimal(candidates, openings, { minScore, today: TODAY });
        const { m, cs, os } = asMarket(candidates, openings, minScore);
        const match = matchOf(a, cs, os);
        expect(feasible(m, match)).toBe(true);
        const total = (x: number[]) => x.reduce((s, o, w) => s + (o < 0 ? 0 : m.score[w][o] - ACCEPT), 0);
        expect(a.totalScore).toBe(total(match));
        expect(a.totalScore).toBe(Math.max(...allMatchings(m).map(total)));
        expect(a.totalScore).toBeGreaterThanOrEqual(allocateStable(candidates, openings, { minScore, listLength: Infinity, today: TODAY }).totalScore);
      }),
      { numRuns: 300 },
    );
  });

  it('trades stability for the total when the two disagree', () => {
    // w1 fits o1 perfectly and o2 well; w2 fits only o1. Stable: w1 takes o1 (both prefer it), w2 gets nothing.
    // Optimal: w1 to o2, w2 to o1 — a larger sum, and w1–o1 is a blocking pair.
    const o1: Opening = { id: 'o1', occupation: '6-18-01-01', region: '371302', openHeadcount: 1 };
    const o2: Opening = { ...o1, id: 'o2', occupation: '6-18-01-02' };
    const w1: Candidate = { id: 'w1', occupations: ['6-18-01-01'], skills: ['6-18-01-01'] };
    const w2: Candidate = { id: 'w2', occupations: ['6-18-01-01'], regions: ['371300'] };
    const stable = allocateStable([w1, w2], [o1, o2], { minScore: 80 });
    const optimal = allocateOptimal([w1, w2], [o1, o2], { minScore: 80 });
    // w1: o1 40 + 10 + 20 + 15 + 5 + 5 + 5 = 100, o2 28 + 6 + 50 = 84; w2: o1 40 + 0 + 50 = 90, o2 28 + 0 + 50 = 78 (below 80)
    expect(stable.pairs).toEqual([{ candidateId: 'w1', openingId: 'o1', score: 100 }]);
    expect(optimal.pairs).toEqual([
      { candidateId: 'w1', openingId: 'o2', score: 84 },
      { candidateId: 'w2', openingId: 'o1', score: 90 },
    ]);
    expect(optimal.totalScore).toBe(174);
  });

  it('refuses a matrix above maxCells', () => {
    const o: Opening = { id: 'o', occupation: '6-18-01-01', region: '371302', openHeadcount: 50 };
    const ws: Candidate[] = Array.from({ length: 60 }, (_, i) => ({ id: `w${i}`, occupations: ['6-18-01-01'] }));
    expect(() => allocateOptimal(ws, [o], { maxCells: 1000 })).toThrow(/60 × 50 matrix, above maxCells 1000/);
  });
});
