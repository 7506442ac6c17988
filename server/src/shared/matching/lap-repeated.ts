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
  /** The smallest and the largest entry (NaN entries are not compared: see hasNaN), read on the way. */
  min: number;
  max: number;
  hasNaN: boolean;
}

/**
 * The classes of equal columns of the row-major nRows × nCols matrix C, or null when there are too few repeats to
 * pay (more than `maxTypes` classes). Exact, in one pass over the rows: the classes so far are split by each row's
 * values (a column that differs from its class's first column in this row joins the class's split for its value).
 * A matrix without repeats is given up on within the first row or two. The matrix is large and this pass reads all
 * of it, so it also notes the extreme entries that lap.ts needs.
 */
export function findRepeatedColumns(C: Float64Array, nRows: number, nCols: number, maxTypes: number): ColumnTypes | null {
  const typeOf = new Int32Array(nCols);
  let types = 1;
  // Per class, in the current row: the row it was last met in, its first column's value, its splits (a list).
  const metIn = new Int32Array(maxTypes + 1).fill(-1);
  const firstValue = new Float64Array(maxTypes + 1);
  const splits = new Int32Array(maxTypes + 1);
  // The splits of the current row: value, class, next split of the same class.
  const splitValue = new Float64Array(maxTypes + 1);
  const splitType = new Int32Array(maxTypes + 1);
  const splitNext = new Int32Array(maxTypes + 1);
  let min = Infinity;
  let max = -Infinity;
  let hasNaN = false;
  for (let i = 0; i < nRows; i++) {
    const off = i * nCols;
    let nSplits = 0;
    for (let j = 0; j < nCols; j++) {
      const t = typeOf[j];
      const c = C[off + j];
      if (c < min) min = c;
      if (c > max) max = c;
      if (Number.isNaN(c)) hasNaN = true;
      if (metIn[t] !== i) {
        metIn[t] = i;
        firstValue[t] = c;
        splits[t] = -1;
      } else if (c !== firstValue[t]) {
        let k = splits[t];
        while (k >= 0 && splitValue[k] !== c) k = splitNext[k];
        if (k < 0) {
          if (types === maxTypes) return null;
          k = nSplits++;
          splitValue[k] = c;
          splitType[k] = types;
          splitNext[k] = splits[t];
          splits[t] = k;
          metIn[types] = i;
          firstValue[types] = c;
          splits[types] = -1;
          types++;
        }
        typeOf[j] = splitType[k];
      }
    }
  }
  const first = new Int32Array(types).fill(-1);
  for (let j = nCols - 1; j >= 0; j--) first[typeOf[j]] = j;
  return { typeOf, first, min, max, hasNaN };
}

/**
 * Row → column of a minimum-cost assignment of the row-major nRows × nCols matrix `cost` (entries sign · cost, +∞
 * as `big`), whose columns fall into `types`: as lap.ts pads to a square n × n, a wide matrix gets zero rows and a
 * tall one a zero type holding the missing columns (a row on it, column ≥ nCols, is left out).
 */
export function repeatedAssignment(cost: Float64Array, nRows: number, nCols: number, types: ColumnTypes, sign: number, big: number): Int32Array {
  const { typeOf, first } = types;
  const n = Math.max(nRows, nCols);
  const real = first.length;
  const T = real + (nRows > nCols ? 1 : 0);
  const D = new Float64Array(n * T);
  for (let i = 0; i < nRows; i++) {
    for (let t = 0; t < real; t++) {
      const c = sign * cost[i * nCols + first[t]];
      D[i * T + t] = c === Infinity ? big : c;
    }
  }
  const capacity = new Int32Array(T);
  for (let j = 0; j < nCols; j++) capacity[typeOf[j]]++;
  if (T > real) capacity[real] = nRows - nCols;
  const typeOfRow = lapTypes(n, T, D, capacity);
  // The rows of a type take its columns in order; the zero type's are the columns past nCols.
  const start = new Int32Array(T + 1);
  for (let t = 0; t < T; t++) start[t + 1] = start[t] + capacity[t];
  const columns = new Int32Array(n);
  const filled = start.slice(0, T);
  for (let j = 0; j < nCols; j++) columns[filled[typeOf[j]]++] = j;
  for (let j = nCols; j < n; j++) columns[filled[real]++] = j;
  const x = new Int32Array(n);
  for (let i = 0; i < n; i++) x[i] = columns[filled[typeOfRow[i]] - capacity[typeOfRow[i]]--];
  return x;
}

/** Type of each row in a minimum-cost assignment of n rows to T types of the given capacities (adding up to n). */
function lapTypes(n: number, T: number, D: Float64Array, capacity: Int32Array): Int32Array {
  // A type's rows sit in members[start[t] … start[t] + held[t]).
  const start = new Int32Array(T + 1);
  for (let t = 0; t < T; t++) start[t + 1] = start[t] + capacity[t];
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
  return x;
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
