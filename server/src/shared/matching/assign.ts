/**
 * Batch allocation, optimal mode: the assignment of candidates to openings with the largest total score, each
 * opening taking at most its open headcount. Solved as a dense linear assignment over slots — one column per unit of
 * headcount — with cost 100 − score for an acceptable pair and 100 (worth nothing, dropped afterwards) otherwise.
 * Because every row may sit on a worthless cell, leaving a candidate out is always possible, and the minimum total
 * cost is exactly the maximum total score over acceptable pairs.
 *
 * Unlike the stable mode this maximises the sum, so a candidate may lose an opening both sides would prefer (the
 * result need not be stable). The matrix is dense, so the mode is meant for modest sizes (a job-fair session of a
 * few thousand people): an opening gets no more slots than candidates who find it acceptable, and the solver refuses
 * matrices above maxCells (default 3,000²). The slots of one opening are equal columns, which the solver merges
 * (lap-repeated.ts).
 */
import { capacities, sortById } from './allocate';
import { solveAssignment } from './lap';
import { candidateQuery, createIndex, OpeningIndex, topOpenings } from './opening-index';
import type { Allocation, Candidate, Opening } from './types';

export interface OptimalOptions {
  /** Pairs scoring below this are not acceptable (default 60, as in the stable mode). */
  minScore?: number;
  today?: string;
  /** Largest square matrix (side²) the solver may build. */
  maxCells?: number;
}

/** The optimal mode's cost matrix: one row per candidate with an acceptable opening, one column per slot. */
export interface SlotMatrix {
  /** The candidates sorted by id; row r is workers[rows[r]]. */
  workers: Candidate[];
  rows: number[];
  /** Each worker's acceptable openings (positions in the index) and their scores. */
  acceptable: { index: Int32Array; score: Int32Array }[];
  /** Opening of each column. */
  slotOpening: Int32Array;
  /** rows.length × nCols, row-major: 100 − score for an acceptable pair, 100 otherwise (integers). */
  cost: Float64Array;
  nCols: number;
}

export function slotMatrix(candidates: readonly Candidate[], index: OpeningIndex, options: OptimalOptions = {}): SlotMatrix {
  const workers = sortById(candidates, 'candidate');
  const minScore = options.minScore ?? 60;
  const maxCells = options.maxCells ?? 3000 * 3000;
  const cap = capacities(index);
  // Every acceptable opening of every candidate, with its score, from the index.
  const acceptable = workers.map((c) => topOpenings(index, candidateQuery(index, c, options.today), index.size, minScore));
  const takers = new Int32Array(index.size);
  for (const a of acceptable) for (const o of a.index) takers[o]++;
  const rows: number[] = [];
  for (let w = 0; w < workers.length; w++) if (acceptable[w].index.length > 0) rows.push(w);
  const firstSlot = new Int32Array(index.size + 1);
  for (let o = 0; o < index.size; o++) firstSlot[o + 1] = firstSlot[o] + Math.min(cap[o], takers[o]);
  const nCols = firstSlot[index.size];
  const slotOpening = new Int32Array(nCols);
  for (let o = 0; o < index.size; o++) slotOpening.fill(o, firstSlot[o], firstSlot[o + 1]);
  const side = Math.max(rows.length, nCols);
  if (side * side > maxCells) {
    throw new RangeError(`optimal assignment needs a ${rows.length} × ${nCols} matrix, above maxCells ${maxCells}; use the stable mode`);
  }
  const cost = new Float64Array(rows.length * nCols).fill(100);
  rows.forEach((w, r) => {
    const { index: os, score } = acceptable[w];
    for (let t = 0; t < os.length; t++) cost.fill(100 - score[t], r * nCols + firstSlot[os[t]], r * nCols + firstSlot[os[t] + 1]);
  });
  return { workers, rows, acceptable, slotOpening, cost, nCols };
}

export function allocateOptimal(candidates: readonly Candidate[], openings: OpeningIndex | readonly Opening[], options: OptimalOptions = {}): Allocation {
  const index = openings instanceof OpeningIndex ? openings : createIndex(openings);
  const { workers, rows, acceptable, slotOpening, cost, nCols } = slotMatrix(candidates, index, options);
  const { rowToCol } = solveAssignment(cost, rows.length, nCols);
  const opening = new Int32Array(workers.length).fill(-1);
  const scoreOf = new Int32Array(workers.length);
  rows.forEach((w, r) => {
    const col = rowToCol[r];
    if (col < 0) return;
    const o = slotOpening[col];
    const at = acceptable[w].index.indexOf(o);
    if (at < 0) return; // a worthless cell: the candidate is left out
    opening[w] = o;
    scoreOf[w] = acceptable[w].score[at];
  });
  const result: Allocation = { pairs: [], unmatched: [], totalScore: 0, stats: { work: rows.length * nCols, truncated: 0 } };
  for (let w = 0; w < workers.length; w++) {
    if (opening[w] < 0) result.unmatched.push(workers[w].id);
    else {
      result.pairs.push({ candidateId: workers[w].id, openingId: index.openings[opening[w]].id, score: scoreOf[w] });
      result.totalScore += scoreOf[w];
    }
  }
  return result;
}
