/**
 * Dense linear assignment: Jonker–Volgenant (LAPJV, 1987), the same shortest-augmenting-path family as scipy's
 * linear_sum_assignment. On a square cost matrix (row-major Float64Array):
 *   1. column reduction with reduction transfer — each column goes to its cheapest row when that row has none yet
 *      (about 63 % of the rows of a random matrix are settled here, in O(n²));
 *   2. augmenting row reduction, one pass with a budget of 4n rounds — cheap re-assignments that lower column
 *      prices; each round is one sequential row scan;
 *   3. for each row still free, JV's Dijkstra-like shortest augmenting path on reduced costs, with the whole
 *      frontier at the current minimum distance scanned at once, then the prices of the settled columns updated.
 * The budget is measured, not given by JV: on uniform random 2,000 × 2,000 matrices, 35–38 % of the rows are free
 * after phase 1. Shortest paths for all of them scan 44–60 M cells; unbounded row reduction (JV runs it twice)
 * settles nearly all of them but scans 120–240 M; 4n rounds (16 M cells, sequential) leave 37–64 rows, whose paths
 * scan 24–39 M. Ported from the structure of the widely used C implementation
 * (gatagat/lap, BSD), with flat typed arrays and scratch buffers allocated once.
 *
 * A matrix whose columns repeat (at most half as many distinct columns as columns, as in the optimal allocation, one
 * column per place) goes to lap-repeated.ts instead, which merges equal columns.
 *
 * Rectangular matrices are padded with zero rows or columns to a square (the padding cannot change which real pairs
 * are optimal). +Infinity marks a forbidden pair: it is replaced by a cost larger than any assignment without it,
 * and an optimum that still uses one means no feasible assignment exists.
 */

import { findRepeatedColumns, gatherFrontier, repeatedAssignment, settlePrices, startPath } from './lap-repeated';

/** Columns merged into types pay when there are at most this share of n types (lap-repeated.ts). */
const MAX_TYPE_SHARE = 0.5;

export interface AssignmentResult {
  /** Column of each row, -1 when the row is left out (more rows than columns). */
  rowToCol: Int32Array;
  /** Row of each column, -1 when the column is left out (more columns than rows). */
  colToRow: Int32Array;
  /** Sum of the chosen entries of the original matrix. */
  cost: number;
}

export class InfeasibleAssignmentError extends Error {
  constructor() {
    super('cost matrix is infeasible: no assignment avoids the forbidden (+Infinity) entries');
    this.name = 'InfeasibleAssignmentError';
  }
}

/**
 * The minimum-cost assignment of min(nRows, nCols) rows to distinct columns; `maximize` for the maximum.
 * `cost` is row-major, nRows × nCols; NaN and -Infinity (+Infinity when maximising) are rejected.
 */
export function solveAssignment(cost: Float64Array, nRows: number, nCols: number, options: { maximize?: boolean } = {}): AssignmentResult {
  if (!(Number.isInteger(nRows) && Number.isInteger(nCols) && nRows >= 0 && nCols >= 0) || cost.length !== nRows * nCols) {
    throw new RangeError(`cost matrix must have ${nRows} × ${nCols} entries, has ${cost.length}`);
  }
  const rowToCol = new Int32Array(nRows).fill(-1);
  const colToRow = new Int32Array(nCols).fill(-1);
  if (nRows === 0 || nCols === 0) return { rowToCol, colToRow, cost: 0 };
  const sign = options.maximize ? -1 : 1;
  const n = Math.max(nRows, nCols);
  const types = findRepeatedColumns(cost, nRows, nCols, Math.floor(n * MAX_TYPE_SHARE));
  // The smallest and largest entry: read while looking for repeats, or else in the cheapest loop; only a matrix with
  // NaN or infinite entries needs the careful one.
  let lo = types ? types.min : Infinity;
  let hi = types ? types.max : -Infinity;
  let nan = types ? types.hasNaN : false;
  let forbidden = false;
  for (let k = 0; k < cost.length && !types; k++) {
    const c = cost[k];
    if (c < lo) lo = c;
    if (c > hi) hi = c;
    if (Number.isNaN(c)) nan = true;
  }
  if (sign < 0) [lo, hi] = [-hi, -lo];
  if (nan || !(lo > -Infinity && hi < Infinity)) {
    lo = Infinity;
    hi = -Infinity;
    for (let k = 0; k < cost.length; k++) {
      const c = sign * cost[k];
      if (Number.isNaN(c) || c === -Infinity) throw new RangeError(`cost matrix entry ${k} is ${cost[k]}`);
      if (c === Infinity) forbidden = true;
      else {
        if (c < lo) lo = c;
        if (c > hi) hi = c;
      }
    }
  }
  if (hi === -Infinity) throw new InfeasibleAssignmentError();
  // Larger than the gap between any two assignments without forbidden pairs (padding zeros included).
  const big = 2 * n * (Math.abs(lo) + Math.abs(hi)) + 2;
  let x: Int32Array;
  if (types) x = repeatedAssignment(cost, nRows, nCols, types, sign, big);
  else {
    let C = cost;
    if (nRows !== nCols || forbidden || sign < 0) {
      C = new Float64Array(n * n);
      for (let i = 0; i < nRows; i++) {
        for (let j = 0; j < nCols; j++) {
          const c = sign * cost[i * nCols + j];
          C[i * n + j] = c === Infinity ? big : c;
        }
      }
    }
    x = lapjv(n, C);
  }
  let total = 0;
  for (let i = 0; i < nRows; i++) {
    const j = x[i];
    if (j >= nCols) continue;
    const c = cost[i * nCols + j];
    if (sign * c === Infinity) throw new InfeasibleAssignmentError();
    rowToCol[i] = j;
    colToRow[j] = i;
    total += c;
  }
  return { rowToCol, colToRow, cost: total };
}

/** Rounds of augmenting row reduction, in multiples of n (see the file comment). */
const ROW_REDUCTION_BUDGET = 4;

/** Row → column of a minimum-cost perfect assignment of the square n × n matrix C (finite entries). */
export function lapjv(n: number, C: Float64Array): Int32Array {
  const x = new Int32Array(n).fill(-1);
  if (n === 1) {
    x[0] = 0;
    return x;
  }
  const y = new Int32Array(n);
  const v = new Float64Array(n);
  const free = new Int32Array(n);
  let nFree = columnReduction(n, C, free, x, y, v);
  if (nFree > 0) nFree = augmentingRowReduction(n, C, nFree, free, x, y, v);
  if (nFree > 0) augment(n, C, nFree, free, x, y, v);
  return x;
}

/** Phase 1: each column goes to its cheapest row if that row has none yet; rows holding exactly one column transfer their slack to its price. Returns the number of free rows. */
function columnReduction(n: number, C: Float64Array, free: Int32Array, x: Int32Array, y: Int32Array, v: Float64Array): number {
  v.fill(Infinity);
  for (let i = 0; i < n; i++) {
    const off = i * n;
    for (let j = 0; j < n; j++) {
      const c = C[off + j];
      if (c < v[j]) {
        v[j] = c;
        y[j] = i;
      }
    }
  }
  const unique = new Uint8Array(n).fill(1);
  for (let j = n - 1; j >= 0; j--) {
    const i = y[j];
    if (x[i] < 0) x[i] = j;
    else {
      unique[i] = 0;
      y[j] = -1;
    }
  }
  let nFree = 0;
  for (let i = 0; i < n; i++) {
    if (x[i] < 0) free[nFree++] = i;
    else if (unique[i]) {
      const j = x[i];
      const off = i * n;
      let min = Infinity;
      for (let j2 = 0; j2 < n; j2++) {
        if (j2 === j) continue;
        const c = C[off + j2] - v[j2];
        if (c < min) min = c;
      }
      v[j] -= min;
    }
  }
  return nFree;
}

/**
 * Phase 2: a free row takes its cheapest column, lowering that column's price by the gap to its second cheapest;
 * the row it displaces becomes free and is tried again at once. Past the budget of rounds, rows still take their
 * cheapest column but prices stay put, so the phase ends after one more look at each remaining free row.
 */
function augmentingRowReduction(n: number, C: Float64Array, nFree: number, free: Int32Array, x: Int32Array, y: Int32Array, v: Float64Array): number {
  let current = 0;
  let newFree = 0;
  let rounds = 0;
  while (current < nFree) {
    rounds++;
    const fi = free[current++];
    const off = fi * n;
    let j1 = 0;
    let v1 = C[off] - v[0];
    let j2 = -1;
    let v2 = Infinity;
    for (let j = 1; j < n; j++) {
      const c = C[off + j] - v[j];
      if (c < v2) {
        if (c >= v1) {
          v2 = c;
          j2 = j;
        } else {
          v2 = v1;
          v1 = c;
          j2 = j1;
          j1 = j;
        }
      }
    }
    let i0 = y[j1];
    const v1New = v[j1] - (v2 - v1);
    const lowers = v1New < v[j1];
    // JV's bound on rounds stops ties (v1 = v2) from bouncing a row between two columns for ever; ours also stops
    // the long tail of re-assignments, which costs more than the shortest paths it saves.
    if (rounds < current * n && rounds < ROW_REDUCTION_BUDGET * n) {
      if (lowers) v[j1] = v1New;
      else if (i0 >= 0 && j2 >= 0) {
        j1 = j2;
        i0 = y[j2];
      }
      if (i0 >= 0) {
        if (lowers) free[--current] = i0;
        else free[newFree++] = i0;
      }
    } else if (i0 >= 0) free[newFree++] = i0;
    x[fi] = j1;
    y[j1] = fi;
  }
  return newFree;
}

/** Phase 3: a shortest augmenting path from each remaining free row, with the prices of the settled columns updated. */
function augment(n: number, C: Float64Array, nFree: number, free: Int32Array, x: Int32Array, y: Int32Array, v: Float64Array) {
  const pred = new Int32Array(n);
  const cols = new Int32Array(n);
  const d = new Float64Array(n);
  for (let f = 0; f < nFree; f++) {
    const start = free[f];
    let j = shortestPath(n, C, start, y, v, pred, cols, d);
    let i = -1;
    while (i !== start) {
      i = pred[j];
      y[j] = i;
      const next = x[i];
      x[i] = j;
      j = next;
    }
  }
}

/**
 * Dijkstra over columns on reduced costs C[i][j] − v[j]. cols is partitioned into settled [0, lo), the frontier at
 * the current minimum distance [lo, hi), and the rest [hi, n). Returns the free column the path ends at.
 */
function shortestPath(n: number, C: Float64Array, start: number, y: Int32Array, v: Float64Array, pred: Int32Array, cols: Int32Array, d: Float64Array): number {
  startPath(n, C, start, v, pred, cols, d);
  let lo = 0;
  let hi = 0;
  let ready = 0;
  let minD = 0;
  let finalJ = -1;
  search: for (;;) {
    if (lo === hi) {
      // The next frontier: every column at the smallest tentative distance.
      ready = lo;
      hi = gatherFrontier(cols, d, lo, n);
      minD = d[cols[lo]];
      for (let k = lo; k < hi; k++) {
        if (y[cols[k]] < 0) {
          finalJ = cols[k];
          break search;
        }
      }
    }
    // Scan the frontier: relax through the row that holds each of its columns.
    while (lo !== hi) {
      const j0 = cols[lo++];
      const i = y[j0];
      const off = i * n;
      const h = C[off + j0] - v[j0] - minD;
      for (let k = hi; k < n; k++) {
        const j = cols[k];
        const red = C[off + j] - v[j] - h;
        if (red < d[j]) {
          d[j] = red;
          pred[j] = i;
          if (red === minD) {
            if (y[j] < 0) {
              finalJ = j;
              break search;
            }
            cols[k] = cols[hi];
            cols[hi++] = j;
          }
        }
      }
    }
  }
  settlePrices(cols, d, v, ready, minD);
  return finalJ;
}
