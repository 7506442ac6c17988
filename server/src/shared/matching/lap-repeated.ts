/**
 * Linear assignment on a square matrix whose columns repeat — the optimal allocation's matrix has one column per
 * unit of headcount, so a posting with 5 places is 5 equal columns. Equal columns are merged into one column type
 * with a capacity, and the shortest augmenting paths run over types: a scanned type relaxes once per row it holds,
 * but each relaxation goes over T types instead of n columns (T ≪ n for such matrices). Nothing else about the
 * matrix is assumed: findRepeatedColumns proves every merged column equal, entry by entry.
 *
 * Same dual scheme as lap.ts (column prices v; a row holds a type at its row minimum of C − v); a type is free
 * while it holds fewer rows than its capacity. Start: each row takes its cheapest type if that has room (prices 0).
 */

export interface ColumnTypes {
  /** Type of each column. */
  typeOf: Int32Array;
  /** First column of each type (its representative). */
  first: Int32Array;
}

/** Rows hashed before giving up on a matrix whose columns all differ already. */
const PROBE_ROWS = 8;

/**
 * The classes of equal columns of the square n × n matrix C, or null when there are too few repeats to pay
 * (more than `maxTypes` classes). Cost O(n²) when columns repeat, O(PROBE_ROWS · n) when none do.
 */
export function findRepeatedColumns(n: number, C: Float64Array, maxTypes: number): ColumnTypes | null {
  const hash = new Int32Array(n);
  const sorted = new Int32Array(n);
  // The entries' bits, two words each: equal entries hash alike (but for 0 and −0, which then stay apart).
  const bits = new Int32Array(C.buffer, C.byteOffset, 2 * n * n);
  for (let i = 0; i < n; i++) {
    const off = 2 * i * n;
    for (let j = 0; j < n; j++) {
      const h = Math.imul(hash[j] ^ bits[off + 2 * j], 0x9e3779b1);
      hash[j] = Math.imul(h ^ (h >>> 16) ^ bits[off + 2 * j + 1], 0x85ebca6b);
    }
    if (i + 1 === Math.min(n, PROBE_ROWS)) {
      sorted.set(hash);
      sorted.sort();
      let distinct = 1;
      for (let k = 1; k < n; k++) if (sorted[k] !== sorted[k - 1]) distinct++;
      if (distinct > maxTypes) return null;
    }
  }
  const typeOf = new Int32Array(n);
  const first: number[] = [];
  const byHash = new Map<number, number>();
  for (let j = 0; j < n; j++) {
    const t = byHash.get(hash[j]);
    if (t === undefined) {
      byHash.set(hash[j], first.length);
      typeOf[j] = first.length;
      first.push(j);
    } else typeOf[j] = t;
  }
  // Proof of equality, row by row (sequential reads). A column that differs anywhere from its type's first column
  // (equal hashes by chance: rare) is compared whole with the other such columns instead.
  const differs = new Uint8Array(n);
  const rep = Int32Array.from(typeOf, (t) => first[t]);
  for (let i = 0; i < n; i++) {
    const off = i * n;
    for (let j = 0; j < n; j++) if (C[off + j] !== C[off + rep[j]]) differs[j] = 1;
  }
  const collided: number[] = [];
  const equalColumns = (a: number, b: number) => {
    for (let i = 0; i < n * n; i += n) if (C[i + a] !== C[i + b]) return false;
    return true;
  };
  for (let j = 0; j < n; j++) {
    if (!differs[j]) continue;
    const same = collided.find((t) => equalColumns(first[t], j));
    if (same !== undefined) typeOf[j] = same;
    else {
      typeOf[j] = first.length;
      collided.push(first.length);
      first.push(j);
    }
    if (first.length > maxTypes) return null;
  }
  return first.length > maxTypes ? null : { typeOf, first: Int32Array.from(first) };
}

/** Row → column of a minimum-cost perfect assignment of the square matrix C, whose columns fall into `types`. */
export function lapRepeated(n: number, C: Float64Array, types: ColumnTypes): Int32Array {
  const { typeOf, first } = types;
  const T = first.length;
  // The matrix over types, n × T, and each type's capacity; a type's rows sit in members[start[t] … start[t] + held[t]).
  const D = new Float64Array(n * T);
  for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) D[i * T + t] = C[i * n + first[t]];
  const start = new Int32Array(T + 1);
  for (let j = 0; j < n; j++) start[typeOf[j] + 1]++;
  for (let t = 0; t < T; t++) start[t + 1] += start[t];
  const held = new Int32Array(T);
  const members = new Int32Array(n);
  const slot = new Int32Array(n);
  const x = new Int32Array(n).fill(-1);
  const join = (i: number, t: number) => {
    const k = start[t] + held[t]++;
    members[k] = i;
    slot[i] = k;
    x[i] = t;
  };
  const leave = (i: number) => {
    const t = x[i];
    const last = start[t] + --held[t];
    const k = slot[i];
    members[k] = members[last];
    slot[members[k]] = k;
  };
  const v = new Float64Array(T);
  const free = new Int32Array(n);
  let nFree = 0;
  for (let i = 0; i < n; i++) {
    const off = i * T;
    let min = Infinity;
    let open = -1;
    for (let t = 0; t < T; t++) {
      const c = D[off + t];
      if (c < min) {
        min = c;
        open = held[t] < start[t + 1] - start[t] ? t : -1;
      } else if (c === min && open < 0 && held[t] < start[t + 1] - start[t]) open = t;
    }
    if (open >= 0) join(i, open);
    else free[nFree++] = i;
  }
  const pred = new Int32Array(T);
  const order = new Int32Array(T);
  const d = new Float64Array(T);
  for (let f = 0; f < nFree; f++) {
    const s = free[f];
    let t = typePath(T, D, s, start, held, members, v, pred, order, d);
    for (;;) {
      const i = pred[t];
      const from = x[i];
      if (i !== s) leave(i);
      join(i, t);
      if (i === s) break;
      t = from;
    }
  }
  // The rows of a type take its columns in order.
  const columns = new Int32Array(n);
  const filled = start.slice(0, T);
  for (let j = 0; j < n; j++) columns[filled[typeOf[j]]++] = j;
  const colOf = new Int32Array(n);
  held.fill(0);
  for (let i = 0; i < n; i++) colOf[i] = columns[start[x[i]] + held[x[i]]++];
  return colOf;
}

/**
 * Dijkstra over types on reduced costs D[i][t] − v[t] from free row s; `order` is partitioned into settled [0, lo),
 * the frontier at the current minimum distance [lo, hi) and the rest. A settled type relaxes through every row it
 * holds. Returns the type with room the path ends at; prices of the settled types are updated.
 */
function typePath(
  T: number,
  D: Float64Array,
  s: number,
  start: Int32Array,
  held: Int32Array,
  members: Int32Array,
  v: Float64Array,
  pred: Int32Array,
  order: Int32Array,
  d: Float64Array,
): number {
  startPath(T, D, s, v, pred, order, d);
  let lo = 0;
  let hi = 0;
  let ready = 0;
  let minD = 0;
  let end = -1;
  walk: for (;;) {
    if (lo === hi) {
      ready = lo;
      hi = gatherFrontier(order, d, lo, T);
      minD = d[order[lo]];
      for (let k = lo; k < hi; k++) {
        const t = order[k];
        if (held[t] < start[t + 1] - start[t]) {
          end = t;
          break walk;
        }
      }
    }
    const t0 = order[lo++];
    for (let m = start[t0], mEnd = start[t0] + held[t0]; m < mEnd; m++) {
      const i = members[m];
      const off = i * T;
      const h = D[off + t0] - v[t0] - minD;
      for (let k = hi; k < T; k++) {
        const t = order[k];
        const red = D[off + t] - v[t] - h;
        if (red < d[t]) {
          d[t] = red;
          pred[t] = i;
          if (red === minD) {
            if (held[t] < start[t + 1] - start[t]) {
              end = t;
              break walk;
            }
            order[k] = order[hi];
            order[hi++] = t;
          }
        }
      }
    }
  }
  settlePrices(order, d, v, ready, minD);
  return end;
}

/**
 * Shared by both solvers' Dijkstra, over columns or types alike. Start: distances from row s of the row-major
 * matrix C (`width` wide) on reduced costs C − v, every predecessor s, order the identity.
 */
export function startPath(width: number, C: Float64Array, s: number, v: Float64Array, pred: Int32Array, order: Int32Array, d: Float64Array) {
  const off = s * width;
  for (let j = 0; j < width; j++) {
    order[j] = j;
    pred[j] = s;
    d[j] = C[off + j] - v[j];
  }
}

/** Moves every entry of order[lo, count) at the smallest distance to the front, order[lo, hi); returns hi. */
export function gatherFrontier(order: Int32Array, d: Float64Array, lo: number, count: number): number {
  let hi = lo + 1;
  let minD = d[order[lo]];
  for (let k = hi; k < count; k++) {
    const j = order[k];
    const dj = d[j];
    if (dj <= minD) {
      if (dj < minD) {
        hi = lo;
        minD = dj;
      }
      order[k] = order[hi];
      order[hi++] = j;
    }
  }
  return hi;
}

/** The end: each settled entry, order[0, ready), has its price raised by its distance below minD. */
export function settlePrices(order: Int32Array, d: Float64Array, v: Float64Array, ready: number, minD: number) {
  for (let k = 0; k < ready; k++) {
    const j = order[k];
    v[j] += d[j] - minD;
  }
}
