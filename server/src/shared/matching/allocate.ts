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
import { ListSource } from './parallel-lists';
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

/** Complete lists written by the caller in one pair of buffers: worker w's list starts at w·width. */
export interface FlatLists {
  openings: Int32Array;
  scores: Uint8Array;
  width: number;
  /** Makes worker w's list ready (asked once per worker, in the order the workers first propose) and gives its length. */
  ready(w: number): number;
}

export interface DeferredAcceptanceResult {
  /** Opening of each worker, -1 unmatched. */
  match: Int32Array;
  /**
   * The lists the workers proposed down (undefined: never asked, which cannot happen for a worker who proposed);
   * empty with FlatLists, whose buffers hold them.
   */
  lists: (PreferenceList | undefined)[];
  proposals: number;
}

/**
 * Worker-proposing deferred acceptance. listOf is either FlatLists or a function: listOf(w, have) gives worker w's list, longer than `have` entries unless it
 * is complete; it is asked first with have = 0 and again whenever the worker runs out of an incomplete list. A
 * longer list must start with the shorter one. Openings rank workers by the list's score, then the smaller index.
 *
 * `cutoff`, when given, is kept up to date with the key score·2^32 − worker a worker must beat to be held by each
 * opening now (−Infinity while it has room). listOf may then leave out the openings a worker does not beat: they
 * would reject it, and cutoffs only rise, so they would reject it later too — the result is the same.
 */
export function deferredAcceptance(
  nWorkers: number,
  capacity: Int32Array,
  listOf: ((w: number, have: number) => PreferenceList) | FlatLists,
  cutoff?: Float64Array,
): DeferredAcceptanceResult {
  const flat = typeof listOf === 'function' ? null : listOf;
  const more = typeof listOf === 'function' ? listOf : null;
  const nOpenings = capacity.length;
  const offset = new Int32Array(nOpenings + 1);
  for (let o = 0; o < nOpenings; o++) offset[o + 1] = offset[o] + Math.max(0, Math.min(capacity[o], nWorkers));
  // Each opening's held workers form a min-heap in its own slice: the root is the one it would drop first.
  const keys = new Float64Array(offset[nOpenings]);
  const held = new Int32Array(offset[nOpenings]);
  const size = new Int32Array(nOpenings);
  for (let o = 0; o < nOpenings && cutoff; o++) cutoff[o] = offset[o + 1] > offset[o] ? -Infinity : Infinity;
  const match = new Int32Array(nWorkers).fill(-1);
  const lists: (PreferenceList | undefined)[] = new Array(flat ? 0 : nWorkers);
  // The lists are copied into one pair of buffers, where the proposals read them: worker w's list is
  // [begin[w], end[w]) and its next proposal next[w] (a list object per worker, read 3 M times, cost more).
  let openingAt = flat ? flat.openings : new Int32Array(1024);
  let scoreAt = flat ? flat.scores : new Uint8Array(1024);
  let used = 0;
  const begin = new Int32Array(nWorkers);
  const end = new Int32Array(nWorkers);
  const next = new Int32Array(nWorkers);
  const complete = new Uint8Array(nWorkers);
  const asked = new Uint8Array(nWorkers);
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
    if (asked[w] === 0) {
      asked[w] = 1;
      if (flat) {
        // Read in place: worker w's list is where the caller wrote it, complete.
        begin[w] = next[w] = w * flat.width;
        end[w] = begin[w] + flat.ready(w);
        complete[w] = 1;
      } else store(w, more!(w, 0));
    }
    for (;;) {
      if (next[w] >= end[w]) {
        if (complete[w]) break;
        const have = end[w] - begin[w];
        const longer = more!(w, have);
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
  /**
   * Compute the finite lists on a second thread as well (parallel-lists.ts; the result is the same). Default: with
   * at least PARALLEL_MIN_CANDIDATES (20,000) candidates and two cores or more.
   */
  parallel?: boolean;
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
  // Finite lists are computed whole, ahead of the proposals that read them, possibly on two threads (ListSource):
  // one buffer for all of them (a typed array per worker would cost more to allocate than to fill), L + 1 wide — the
  // search writes in place and one more than the list holds tells whether the cut left anything acceptable out.
  // Most workers go past their first few choices (a short first list and a second full one cost more in total).
  // An exact list has no bound on its length and gets arrays of its own.
  const source = exact ? null : new ListSource(index, workers, options.today, L + 1, minScore, options.parallel);
  const cutoff = new Float64Array(exact ? index.size : 0);
  const exactOpenings = new Int32Array(exact ? index.size : 0);
  const exactScores = new Uint8Array(exact ? index.size : 0);
  const width = L + 1;
  const flat: FlatLists | null = source && {
    openings: source.flatOpenings,
    scores: source.flatScores,
    width,
    ready: (w) => {
      source.ensure(w);
      if (source.got[w] > L) cut[w] = 1;
      return Math.min(source.got[w], L);
    },
  };
  // Every acceptable opening that would not reject the worker right now, in one query: the rest never will take
  // it, so the list is complete.
  const exactList = (w: number): PreferenceList => {
    const q = candidateQuery(index, workers[w], options.today);
    const got = topOpeningsInto(index, q, index.size, minScore, exactOpenings, exactScores, 0, { cutoff, worker: w });
    return { openings: exactOpenings.slice(0, got), scores: exactScores.slice(0, got), complete: true };
  };
  let da: DeferredAcceptanceResult;
  try {
    da = deferredAcceptance(workers.length, capacities(index), flat ?? exactList, exact ? cutoff : undefined);
  } finally {
    source?.close();
  }
  const { match, lists, proposals } = da;
  const result: Allocation = { pairs: [], unmatched: [], totalScore: 0, stats: { work: proposals, truncated: 0 } };
  for (let w = 0; w < workers.length; w++) {
    const o = match[w];
    if (o < 0) {
      result.unmatched.push(workers[w].id);
      if (cut[w]) result.stats.truncated++;
      continue;
    }
    let s: number;
    if (source) {
      let at = w * width;
      while (source.flatOpenings[at] !== o) at++;
      s = source.flatScores[at];
    } else {
      const list = lists[w]!;
      s = list.scores[list.openings.indexOf(o)];
    }
    result.pairs.push({ candidateId: workers[w].id, openingId: index.openings[o].id, score: s });
    result.totalScore += s;
  }
  return result;
}
