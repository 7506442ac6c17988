import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allocateStable, sortById } from './allocate';
import { createIndex } from './opening-index';
import { ListSource, listsHelperReady, tuning } from './parallel-lists';
import { candidatesArb, openingsArb, TODAY } from './test/arbitraries';
import type { Candidate } from './types';

const defaults = { ...tuning };

describe('preference lists on two threads', () => {
  beforeAll(async () => {
    // The helper boots once per process (tsx's loader in a worker thread): it must, here as in the server.
    expect(await listsHelperReady()).toBe(true);
  });
  afterEach(() => Object.assign(tuning, defaults));

  it("the helper thread's lists are this thread's, chunk for chunk", () => {
    // Small chunks and no stealing: every chunk past the first quarter is the helper's.
    Object.assign(tuning, { chunk: 3, steal: false });
    fc.assert(
      fc.property(candidatesArb(40), openingsArb(12), fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 40, 60), (candidates, openings, k, minScore) => {
        const index = createIndex(openings);
        const workers = sortById(candidates, 'candidate');
        const one = new ListSource(index, workers, TODAY, k, minScore, false);
        const two = new ListSource(index, workers, TODAY, k, minScore, true);
        for (let w = 0; w < workers.length; w++) {
          one.ensure(w);
          two.ensure(w);
        }
        two.close();
        const n = workers.length;
        expect(two.helperChunks).toBe(Math.max(0, Math.ceil(n / 3) - Math.ceil(n / 4 / 3)));
        expect(Array.from(two.got)).toEqual(Array.from(one.got));
        for (let w = 0; w < n; w++) {
          const len = Math.min(one.got[w], k);
          expect(Array.from(two.flatOpenings.subarray(w * k, w * k + len))).toEqual(Array.from(one.flatOpenings.subarray(w * k, w * k + len)));
          expect(Array.from(two.flatScores.subarray(w * k, w * k + len))).toEqual(Array.from(one.flatScores.subarray(w * k, w * k + len)));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same allocation as one thread, whoever computes which chunk', () => {
    Object.assign(tuning, { chunk: 2 });
    fc.assert(
      fc.property(candidatesArb(40), openingsArb(10), fc.integer({ min: 1, max: 4 }), fc.boolean(), (candidates, openings, L, steal) => {
        tuning.steal = steal;
        const options = { minScore: 40, listLength: L, today: TODAY };
        expect(allocateStable(candidates, openings, { ...options, parallel: true })).toEqual(allocateStable(candidates, openings, { ...options, parallel: false }));
      }),
      { numRuns: 150 },
    );
  });

  it('takes over a chunk the helper sits on: a starved helper costs time, not the result', () => {
    Object.assign(tuning, { chunk: 2, helperStallMs: 1500 });
    const candidates: Candidate[] = Array.from({ length: 40 }, (_, i) => ({ id: `w${String(i).padStart(2, '0')}`, occupations: ['6-18-01-01'], minWage: 3000 + 100 * i }));
    const index = createIndex([{ id: 'o', occupation: '6-18-01-01', region: '371302', wageMin: 5000, openHeadcount: 3 }]);
    const one = new ListSource(index, candidates, TODAY, 2, 0, false);
    const two = new ListSource(index, candidates, TODAY, 2, 0, true);
    // Let the helper claim its first chunk (the first after the caller's quarter, 5) before this thread starts.
    const control = (two as unknown as { control: Int32Array }).control;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (let i = 0; i < 1000 && Atomics.load(control, 0) === 5; i++) Atomics.wait(pause, 0, 0, 5);
    expect(Atomics.load(control, 0)).toBe(6);
    const started = performance.now();
    for (let w = 0; w < candidates.length; w++) {
      one.ensure(w);
      two.ensure(w);
    }
    two.close();
    // The helper claimed one chunk and sat on it; this thread computed it after 200 ms instead of 1.5 s.
    expect(two.helperChunks).toBe(0);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(190);
    expect(took).toBeLessThan(1200);
    expect(Array.from(two.got)).toEqual(Array.from(one.got));
    expect(Array.from(two.flatScores)).toEqual(Array.from(one.flatScores));
    expect(Array.from(two.flatOpenings)).toEqual(Array.from(one.flatOpenings));
  });

  it('meets bad input in the helper with the same error as on one thread', () => {
    Object.assign(tuning, { chunk: 2, steal: false });
    const candidates: Candidate[] = Array.from({ length: 20 }, (_, i) => ({ id: `w${String(i).padStart(2, '0')}`, occupations: ['6-18-01-01'] }));
    candidates[17] = { ...candidates[17], availableFrom: '2026-02-30' };
    const openings = [{ id: 'o', occupation: '6-18-01-01', region: '371302', openHeadcount: 3 }];
    expect(() => allocateStable(candidates, openings, { parallel: false })).toThrow(new RangeError('not a date: 2026-02-30'));
    expect(() => allocateStable(candidates, openings, { parallel: true })).toThrow(new RangeError('not a date: 2026-02-30'));
    // …and the helper is still there for the next allocation.
    expect(allocateStable(candidates.slice(0, 17), openings, { parallel: true })).toEqual(allocateStable(candidates.slice(0, 17), openings, { parallel: false }));
  });
});
