/**
 * Batch allocation for job fairs, stable mode: worker-proposing deferred acceptance (Gale–Shapley) with opening
 * capacities. Both sides rank by the pair's score (one number, seen from either side); a worker breaks ties by the
 * smaller opening id, an opening by the smaller worker id. Only acceptable pairs take part: not excluded by a hard
 * constraint and scoring at least minScore.
 *
 * Guarantees, on the preference lists the workers actually propose down:
 *   - every opening holds at most its open headcount, every pair is acceptable;
 *   - no blocking pair (a worker and an opening on its list that both prefer each other to what they got);
 *   - the result is the worker-optimal stable matching (each worker gets the best opening of any stable matching)
 *     and does not depend on the order of proposals.
 * Lists are top-L from the opening index (listLength, default 50). A worker rejected by all L stays unmatched even
 * if a worse acceptable opening has room, so stability is w.r.t. the truncated lists; `stats.truncated` counts the
 * workers that could be affected. listLength: Infinity gives exact stability w.r.t. all acceptable pairs: each
 * worker's list is computed once, when it first proposes, with every acceptable opening except those that already
 * reject it (their cutoff only rises, so they would reject it later too) — one index query per worker, about twice
 * the cost of lists of 50 in the benchmark.
 */
import { candidateQuery, createIndex, OpeningIndex, topOpeningsInto } from './opening-index';
import { TIE_SPAN } from './structures';
import type { Allocation, Candidate, Opening } from './types';

export interface PreferenceList {
  /** Openings, best first. */
  openings: Int32Array;
  /** The pair's score for each (0–100): both sides rank by it. */
  scores: Uint8Array;
  /** Nothing acceptable beyond the list: do not ask for a longer one. */
  complete: boolean;
}

export interface DeferredAcceptanceResult {
  /** Opening of each worker, -1 unmatched. */
  match: Int32Array;
  /** The lists the workers proposed down (undefined: never asked, which cannot happen for a worker who proposed). */
  lists: (PreferenceList | undefined)[];
  proposals: number;
}

/**
 * Worker-proposing deferred acceptance. listOf(w, have) gives worker w's list, longer than `have` entries unless it
 * is complete; it is asked first with have = 0 and again whenever the worker runs out of an incomplete list. A
 * longer list must start with the shorter one. Openings rank workers by the list's score, then the smaller index.
 *
 * `cutoff`, when given, is kept up to date with the key score·2^32 − worker a worker must beat to be held by each
 * opening now (−Infinity while it has room). listOf may then leave out the openings a worker does not beat: they
 * would reject it, and cutoffs only rise, so they would reject it later too — the result is the same.
 */
export function deferredAcceptance(nWorkers: number, capacity: Int32Array, listOf: (w: number, have: number) => PreferenceList, cutoff?: Float64Array): DeferredAcceptanceResult {
  const nOpenings = capacity.length;
  const offset = new Int32Array(nOpenings + 1);
  for (let o = 0; o < nOpenings; o++) offset[o + 1] = offset[o] + Math.max(0, Math.min(capacity[o], nWorkers));
  // Each opening's held workers form a min-heap in its own slice: the root is the one it would drop first.
  const keys = new Float64Array(offset[nOpenings]);
  const held = new Int32Array(offset[nOpenings]);
  const size = new Int32Array(nOpenings);
  for (let o = 0; o < nOpenings && cutoff; o++) cutoff[o] = offset[o + 1] > offset[o] ? -Infinity : Infinity;
  const match = new Int32Array(nWorkers).fill(-1);
  const lists: (PreferenceList | undefined)[] = new Array(nWorkers);
  // The lists are copied into one pair of buffers, where the proposals read them: worker w's list is
  // [begin[w], end[w]) and its next proposal next[w] (a list object per worker, read 3 M times, cost more).
  let openingAt = new Int32Array(1024);
  let scoreAt = new Uint8Array(1024);
  let used = 0;
  const begin = new Int32Array(nWorkers);
  const end = new Int32Array(nWorkers);
  const next = new Int32Array(nWorkers);
  const complete = new Uint8Array(nWorkers);
  const store = (w: number, list: PreferenceList) => {
    const len = list.openings.length;
    if (used + len > openingAt.length) {
      const size = Math.max(2 * openingAt.length, used + len);
      const o = new Int32Array(size);
      o.set(openingAt.subarray(0, used));
      openingAt = o;
      const sc = new Uint8Array(size);
      sc.set(scoreAt.subarray(0, used));
      scoreAt = sc;
    }
    openingAt.set(list.openings, used);
    scoreAt.set(list.scores, used);
    next[w] = used + (next[w] - begin[w]);
    begin[w] = used;
    end[w] = used += len;
    complete[w] = list.complete ? 1 : 0;
    lists[w] = list;
  };
  const stack = new Int32Array(nWorkers);
  let top = 0;
  for (let w = nWorkers - 1; w >= 0; w--) stack[top++] = w;
  let proposals = 0;
  while (top > 0) {
    const w = stack[--top];
    if (lists[w] === undefined) store(w, listOf(w, 0));
    for (;;) {
      if (next[w] >= end[w]) {
        if (complete[w]) break;
        const have = end[w] - begin[w];
        const longer = listOf(w, have);
        if (longer.openings.length <= have) break;
        store(w, longer);
      }
      const o = openingAt[next[w]];
      // An opening ranks its proposers by score, then the smaller worker: one number, score·2^32 − worker.
      const key = scoreAt[next[w]++] * TIE_SPAN - w;
      proposals++;
      const base = offset[o];
      const cap = offset[o + 1] - base;
      if (size[o] < cap) {
        let i = size[o]++;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (keys[base + p] <= key) break;
          keys[base + i] = keys[base + p];
          held[base + i] = held[base + p];
          i = p;
        }
        keys[base + i] = key;
        held[base + i] = w;
        match[w] = o;
        if (cutoff && size[o] === cap) cutoff[o] = keys[base];
        break;
      }
      if (cap > 0 && key > keys[base]) {
        const dropped = held[base];
        match[dropped] = -1;
        stack[top++] = dropped;
        const n = size[o];
        let i = 0;
        for (;;) {
          let c = 2 * i + 1;
          if (c >= n) break;
          if (c + 1 < n && keys[base + c + 1] < keys[base + c]) c++;
          if (keys[base + c] >= key) break;
          keys[base + i] = keys[base + c];
          held[base + i] = held[base + c];
          i = c;
        }
        keys[base + i] = key;
        held[base + i] = w;
        match[w] = o;
        if (cutoff) cutoff[o] = keys[base];
        break;
      }
    }
  }
  return { match, lists, proposals };
}

export interface StableOptions {
  /** Pairs scoring below this are not acceptable (default 60: some occupation fit is needed to reach it). */
  minScore?: number;
  /** Openings each worker may propose to (default 50); Infinity for exact stability over all acceptable pairs. */
  listLength?: number;
  today?: string;
}

export function sortById<T extends { id: string }>(items: readonly T[], what: string): T[] {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) if (sorted[i].id === sorted[i - 1].id) throw new RangeError(`duplicate ${what} id: ${sorted[i].id}`);
  return sorted;
}

export function capacities(index: OpeningIndex): Int32Array {
  return Int32Array.from(index.openings, (o) => (o.openHeadcount > 0 ? Math.floor(o.openHeadcount) : 0));
}

/** Stable batch allocation of candidates to openings (see the file comment for the guarantees). */
export function allocateStable(candidates: readonly Candidate[], openings: OpeningIndex | readonly Opening[], options: StableOptions = {}): Allocation {
  const index = openings instanceof OpeningIndex ? openings : createIndex(openings);
  const workers = sortById(candidates, 'candidate');
  const minScore = options.minScore ?? 60;
  const L = options.listLength ?? 50;
  if (!(L >= 1)) throw new RangeError(`listLength must be at least 1, is ${L}`);
  const exact = L === Infinity;
  const cut = new Uint8Array(workers.length);
  // Cut lists live in one buffer (a typed array per worker would cost more to allocate than to fill), L + 1 wide:
  // the search writes in place and one more than the list holds tells whether the cut left anything acceptable out.
  // An exact list has no bound on its length and gets arrays of its own.
  const width = exact ? 0 : L + 1;
  const flatOpenings = new Int32Array(workers.length * width);
  const flatScores = new Uint8Array(workers.length * width);
  const cutoff = new Float64Array(exact ? index.size : 0);
  const exactOpenings = new Int32Array(exact ? index.size : 0);
  const exactScores = new Uint8Array(exact ? index.size : 0);
  // A finite list is computed whole at once: most workers go past their first few choices (a short first list and
  // a second full one cost more in total).
  const listOf = (w: number): PreferenceList => {
    const q = candidateQuery(index, workers[w], options.today);
    if (exact) {
      // Every acceptable opening that would not reject the worker right now, in one query: the rest never will
      // take it, so the list is complete.
      const got = topOpeningsInto(index, q, index.size, minScore, exactOpenings, exactScores, 0, { cutoff, worker: w });
      return { openings: exactOpenings.slice(0, got), scores: exactScores.slice(0, got), complete: true };
    }
    const at = w * width;
    const got = topOpeningsInto(index, q, L + 1, minScore, flatOpenings, flatScores, at);
    if (got > L) cut[w] = 1;
    const len = Math.min(got, L);
    return { openings: flatOpenings.subarray(at, at + len), scores: flatScores.subarray(at, at + len), complete: true };
  };
  const { match, lists, proposals } = deferredAcceptance(workers.length, capacities(index), listOf, exact ? cutoff : undefined);
  const result: Allocation = { pairs: [], unmatched: [], totalScore: 0, stats: { work: proposals, truncated: 0 } };
  for (let w = 0; w < workers.length; w++) {
    const o = match[w];
    if (o < 0) {
      result.unmatched.push(workers[w].id);
      if (cut[w]) result.stats.truncated++;
      continue;
    }
    const list = lists[w]!;
    const s = list.scores[list.openings.indexOf(o)];
    result.pairs.push({ candidateId: workers[w].id, openingId: index.openings[o].id, score: s });
    result.totalScore += s;
  }
  return result;
}
