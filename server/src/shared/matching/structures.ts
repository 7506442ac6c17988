/**
 * Building blocks of the indexes: interned occupation codes (so "same minor group" is one integer comparison),
 * posting lists per code prefix, and a bounded heap for top-k without sorting everything.
 */
import { occupationSegments } from './fit';

/** Occupation codes interned by level: prefix ids of '6', '6-18', '6-18-01', '6-18-01-01' in four dictionaries. */
export class OccupationVocab {
  private readonly levels = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
  private readonly codes = new Map<string, number>();
  private readonly prefixList: number[] = [];
  /** Prefix ids of code c at levels 1–4 in slots 4c … 4c+3; -1 where the code is shorter. Valid after freeze(). */
  prefixes = new Int32Array(0);

  /** The id of a code, adding it and its prefixes. */
  add(code: string): number {
    const key = code.trim();
    const known = this.codes.get(key);
    if (known !== undefined) return known;
    const seg = occupationSegments(key);
    for (let l = 0; l < 4; l++) {
      if (l >= seg.length) {
        this.prefixList.push(-1);
        continue;
      }
      const p = seg.slice(0, l + 1).join('-');
      const map = this.levels[l];
      let id = map.get(p);
      if (id === undefined) map.set(p, (id = map.size));
      this.prefixList.push(id);
    }
    this.codes.set(key, this.codes.size);
    return this.codes.size - 1;
  }

  freeze() {
    this.prefixes = Int32Array.from(this.prefixList);
  }

  /** Number of distinct prefixes at level 1–4. */
  count(level: number) {
    return this.levels[level - 1].size;
  }

  private readonly looked = new Map<string, Int32Array>();

  /** Prefix ids of any code (known or not) at levels 1–4; -1 where this vocabulary has no such prefix. Do not modify. */
  lookup(code: string): Int32Array {
    const cached = this.looked.get(code);
    if (cached) return cached;
    const seg = occupationSegments(code);
    const out = new Int32Array(4).fill(-1);
    for (let l = 0; l < seg.length; l++) out[l] = this.levels[l].get(seg.slice(0, l + 1).join('-')) ?? -1;
    // A shorter prefix missing means no longer one can match either: keep the ids consistent.
    for (let l = 1; l < 4; l++) if (out[l - 1] < 0) out[l] = -1;
    // Queries repeat the same few hundred codes; the bound keeps a stream of junk codes from growing the cache.
    if (this.looked.size < 100_000) this.looked.set(code, out);
    return out;
  }
}

/** The level (0–4) two codes share, from their prefix ids (q: 4 ids; p: a vocabulary's array at offset o). */
export function sharedLevel(q: Int32Array, p: Int32Array, o: number): number {
  for (let l = 3; l >= 0; l--) if (q[l] >= 0 && q[l] === p[o + l]) return l + 1;
  return 0;
}

/** Items per key, compressed: the items of key k are items[start[k] … start[k+1]), ascending. */
export interface Lists {
  start: Int32Array;
  items: Int32Array;
}

/** Lists from (key, item) pairs given item by item in ascending order; a key repeated for one item counts once. */
export function buildLists(nKeys: number, nItems: number, keysOf: (item: number, emit: (key: number) => void) => void): Lists {
  const count = new Int32Array(nKeys + 1);
  const last = new Int32Array(nKeys).fill(-1);
  for (let i = 0; i < nItems; i++)
    keysOf(i, (k) => {
      if (last[k] !== i) {
        last[k] = i;
        count[k + 1]++;
      }
    });
  for (let k = 0; k < nKeys; k++) count[k + 1] += count[k];
  const start = count.slice();
  const fill = count.slice(0, nKeys);
  const items = new Int32Array(start[nKeys]);
  last.fill(-1);
  for (let i = 0; i < nItems; i++)
    keysOf(i, (k) => {
      if (last[k] !== i) {
        last[k] = i;
        items[fill[k]++] = i;
      }
    });
  return { start, items };
}

/** Compressed rows of small integer sets (an item's certificates, wanted regions, codes). */
export function buildRows(rows: readonly (readonly number[])[]): Lists {
  const start = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) start[i + 1] = start[i] + rows[i].length;
  const items = new Int32Array(start[rows.length]);
  for (let i = 0; i < rows.length; i++) items.set(rows[i], start[i]);
  return { start, items };
}

export class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  add(v: string): number {
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(v, id);
      this.values.push(v);
    }
    return id;
  }
  get(v: string): number {
    return this.ids.get(v) ?? -1;
  }
}

/** 2^32: an item index never reaches it, so score·2^32 − index orders by score, then index. */
export const TIE_SPAN = 4294967296;

/**
 * The k best (score, index) pairs seen, higher score first, then lower index (the indexes keep items sorted by id,
 * so ties go to the smaller id). Scores are integers 0–100 (every score is), so instead of a heap it keeps the
 * pairs that may still make the top k in a buffer, counted per score: a push is two stores and a count, the k-th
 * best score (the one to beat) is read off the counts, and the drain is a counting sort by score with the indexes
 * of each score sorted. One structure is reused across queries (reset): allocating per query costs more than the
 * query itself.
 */
export class TopK {
  private scores = new Uint8Array(64);
  private items = new Int32Array(64);
  private n = 0;
  private readonly count = new Int32Array(MAX_SCORE + 1);
  /** A lower bound of the k-th best score: pairs below it are not kept. */
  private floor = 0;
  /** Pairs kept with a score ≥ floor. */
  private atLeastFloor = 0;
  k = 0;

  reset(k: number) {
    this.k = k;
    this.n = 0;
    this.count.fill(0);
    this.floor = 0;
    this.atLeastFloor = 0;
  }
  get size() {
    return Math.min(this.atLeastFloor, this.k);
  }
  get full() {
    return this.atLeastFloor >= this.k;
  }
  /** The k-th best score (meaningful when full). */
  minScore() {
    this.raiseFloor();
    return this.floor;
  }
  push(score: number, index: number) {
    if (score < this.floor || this.k === 0) return;
    if (this.n === this.items.length) this.grow();
    this.scores[this.n] = score;
    this.items[this.n++] = index;
    this.count[score]++;
    // Raise the floor now and then, not on every push: the buffer may hold a few more pairs than it must.
    if (++this.atLeastFloor >= 2 * this.k + 16) this.raiseFloor();
  }
  /** The floor up to the k-th best score, once k pairs are kept. */
  private raiseFloor() {
    if (this.atLeastFloor < this.k) return;
    let above = this.atLeastFloor;
    while (above - this.count[this.floor] >= this.k) above -= this.count[this.floor++];
    this.atLeastFloor = above;
  }
  private grow() {
    const scores = new Uint8Array(2 * this.items.length);
    scores.set(this.scores);
    this.scores = scores;
    const items = new Int32Array(2 * this.items.length);
    items.set(this.items);
    this.items = items;
  }
  /** Empties it into index/score from `offset` on, best first; returns how many. */
  drain(index: Int32Array, score: Int32Array | Uint8Array, offset = 0): number {
    this.raiseFloor();
    const { count, floor, scores, items } = this;
    const total = Math.min(this.atLeastFloor, this.k);
    // Where each score's pairs start in the output (by score, highest first), then placed by a counting sort.
    const start = this.start;
    let at = 0;
    for (let s = MAX_SCORE; s >= floor; s--) {
      start[s] = at;
      at += count[s];
    }
    const sorted = this.sorted.length >= at ? this.sorted : (this.sorted = new Int32Array(2 * at));
    for (let m = 0; m < this.n; m++) {
      const s = scores[m];
      if (s >= floor) sorted[start[s]++] = items[m];
    }
    // Each score's indexes, ascending (insertion sort: a score holds few), then the first `total` written out.
    let from = 0;
    for (let s = MAX_SCORE; s >= floor && from < total; s--) {
      const end = from + count[s];
      for (let m = from + 1; m < end; m++) {
        const v = sorted[m];
        let j = m - 1;
        while (j >= from && sorted[j] > v) {
          sorted[j + 1] = sorted[j];
          j--;
        }
        sorted[j + 1] = v;
      }
      for (let m = from; m < end && m < total; m++) {
        index[offset + m] = sorted[m];
        score[offset + m] = s;
      }
      from = end;
    }
    this.reset(this.k);
    return total;
  }
  private readonly start = new Int32Array(MAX_SCORE + 1);
  private sorted = new Int32Array(64);
  result(): { index: Int32Array; score: Int32Array } {
    const n = this.size;
    const index = new Int32Array(n);
    const score = new Int32Array(n);
    this.drain(index, score);
    return { index, score };
  }
}

/** Scores are integers 0–100. */
const MAX_SCORE = 100;
