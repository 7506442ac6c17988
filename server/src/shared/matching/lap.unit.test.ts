import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfeasibleAssignmentError, solveAssignment } from './lap';
import { findRepeatedColumns, repeatedAssignment } from './lap-repeated';

/** The minimum over every assignment of min(r, c) rows to distinct columns (Infinity when none avoids Infinity). */
function bruteForce(cost: number[][]): number {
  const r = cost.length;
  const c = cost[0]?.length ?? 0;
  const transpose = r > c;
  const m = transpose ? cost[0].map((_, j) => cost.map((row) => row[j])) : cost;
  const used = new Array(m[0]?.length ?? 0).fill(false);
  let best = Infinity;
  const rec = (i: number, sum: number) => {
    if (i === m.length) {
      best = Math.min(best, sum);
      return;
    }
    for (let j = 0; j < used.length; j++) {
      if (used[j]) continue;
      used[j] = true;
      rec(i + 1, sum + m[i][j]);
      used[j] = false;
    }
  };
  rec(0, 0);
  return best;
}

/** An independent O(n²m) Hungarian method (potentials, rows ≤ columns), as a reference where brute force cannot go. */
function hungarian(a: number[][]): number {
  const n = a.length;
  const m = a[0].length;
  const u = new Array(n + 1).fill(0);
  const v = new Array(m + 1).fill(0);
  const p = new Array(m + 1).fill(0);
  const way = new Array(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array(m + 1).fill(Infinity);
    const used = new Array(m + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = a[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) [minv[j], way[j]] = [cur, j0];
        if (minv[j] < delta) [delta, j1] = [minv[j], j];
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) [u[p[j]], v[j]] = [u[p[j]] + delta, v[j] - delta];
        else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  let total = 0;
  for (let j = 1; j <= m; j++) if (p[j]) total += a[p[j] - 1][j - 1];
  return total;
}

const flat = (rows: number[][]) => Float64Array.from(rows.flat());

/** The result is a valid assignment of min(r, c) pairs, and `cost` is the sum of the entries it picked. */
function checkShape(rows: number[][], res: ReturnType<typeof solveAssignment>) {
  const r = rows.length;
  const c = rows[0].length;
  const assigned = Array.from(res.rowToCol).filter((j) => j >= 0);
  expect(assigned.length).toBe(Math.min(r, c));
  expect(new Set(assigned).size).toBe(assigned.length);
  for (let i = 0; i < r; i++) if (res.rowToCol[i] >= 0) expect(res.colToRow[res.rowToCol[i]]).toBe(i);
  expect(res.cost).toBeCloseTo(
    Array.from(res.rowToCol).reduce((s, j, i) => s + (j >= 0 ? rows[i][j] : 0), 0),
    9,
  );
}

const matrix = (entry: fc.Arbitrary<number>, maxR: number, maxC: number) =>
  fc
    .record({ r: fc.integer({ min: 1, max: maxR }), c: fc.integer({ min: 1, max: maxC }) })
    .chain(({ r, c }) => fc.array(fc.array(entry, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
const square = (entry: fc.Arbitrary<number>, max: number) =>
  fc.integer({ min: 1, max }).chain((n) => fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: n, maxLength: n }));

describe('solveAssignment against brute force', () => {
  it('square, integer costs with many ties (n ≤ 7)', () => {
    fc.assert(
      fc.property(square(fc.integer({ min: 0, max: 4 }), 7), (rows) => {
        const res = solveAssignment(flat(rows), rows.length, rows.length);
        checkShape(rows, res);
        expect(res.cost).toBe(bruteForce(rows));
      }),
      { numRuns: 400 },
    );
  });

  it('square, float costs including negatives (n ≤ 7)', () => {
    fc.assert(
      fc.property(square(fc.double({ min: -1e3, max: 1e3, noNaN: true }), 7), (rows) => {
        const res = solveAssignment(flat(rows), rows.length, rows.length);
        checkShape(rows, res);
        expect(Math.abs(res.cost - bruteForce(rows))).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(res.cost)));
      }),
      { numRuns: 400 },
    );
  });

  it('rectangular, both ways round (up to 6 × 6)', () => {
    fc.assert(
      fc.property(matrix(fc.integer({ min: -5, max: 20 }), 6, 6), (rows) => {
        const res = solveAssignment(flat(rows), rows.length, rows[0].length);
        checkShape(rows, res);
        expect(res.cost).toBe(bruteForce(rows));
      }),
      { numRuns: 400 },
    );
  });

  it('forbidden (Infinity) entries: avoided when possible, infeasible otherwise', () => {
    const entry = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 9 }) }, { weight: 1, arbitrary: fc.constant(Infinity) });
    fc.assert(
      fc.property(matrix(entry, 5, 5), (rows) => {
        const expected = bruteForce(rows);
        const run = () => solveAssignment(flat(rows), rows.length, rows[0].length);
        if (expected === Infinity) expect(run).toThrow(InfeasibleAssignmentError);
        else {
          const res = run();
          checkShape(rows, res);
          expect(res.cost).toBe(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('maximises on request', () => {
    fc.assert(
      fc.property(matrix(fc.integer({ min: 0, max: 9 }), 5, 5), (rows) => {
        const res = solveAssignment(flat(rows), rows.length, rows[0].length, { maximize: true });
        checkShape(rows, res);
        expect(res.cost).toBe(0 - bruteForce(rows.map((row) => row.map((x) => -x)))); // 0 − x, not −x: no −0 for an optimum of 0
      }),
      { numRuns: 200 },
    );
  });
});

describe('solveAssignment against an independent Hungarian method', () => {
  it('agrees on random matrices up to 60 × 80, integer and float', () => {
    fc.assert(
      fc.property(fc.record({ n: fc.integer({ min: 1, max: 60 }), extra: fc.integer({ min: 0, max: 20 }), ints: fc.boolean(), seed: fc.integer() }), ({ n, extra, ints, seed }) => {
        let s = seed >>> 0;
        const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
        const rows = Array.from({ length: n }, () => Array.from({ length: n + extra }, () => (ints ? Math.floor(next() * 10) : next())));
        const res = solveAssignment(flat(rows), n, n + extra);
        checkShape(rows, res);
        expect(Math.abs(res.cost - hungarian(rows))).toBeLessThan(1e-9);
      }),
      { numRuns: 150 },
    );
  });
});

/** A rows × cols matrix whose columns are drawn from a few distinct ones, as the optimal allocation's slots are. */
const repeatedColumns = (entry: fc.Arbitrary<number>, maxRows: number, maxCols: number, maxKinds: number) =>
  fc
    .record({ r: fc.integer({ min: 1, max: maxRows }), c: fc.integer({ min: 1, max: maxCols }), k: fc.integer({ min: 1, max: maxKinds }) })
    .chain(({ r, c, k }) =>
      fc.record({
        kinds: fc.array(fc.array(entry, { minLength: r, maxLength: r }), { minLength: k, maxLength: k }),
        pick: fc.array(fc.nat(k - 1), { minLength: c, maxLength: c }),
      }),
    )
    .map(({ kinds, pick }) => kinds[0].map((_, i) => pick.map((kind) => kinds[kind][i])));

/** repeatedAssignment on a square matrix, with every class of equal columns merged: the cost of its assignment. */
function merged(rows: number[][]) {
  const n = rows.length;
  const C = flat(rows);
  const x = repeatedAssignment(C, n, n, findRepeatedColumns(C, n, n, n)!, 1, 0);
  expect(new Set(x).size).toBe(n);
  return rows.reduce((s, row, i) => s + row[x[i]], 0);
}

describe('repeated columns merged into types (lap-repeated.ts)', () => {
  it('finds exactly the classes of equal columns', () => {
    fc.assert(
      fc.property(
        repeatedColumns(fc.integer({ min: 0, max: 3 }), 8, 8, 4).filter((m) => m.length === m[0].length),
        (rows) => {
          const n = rows.length;
          const { typeOf, first } = findRepeatedColumns(flat(rows), n, n, n)!;
          const column = (j: number) => rows.map((row) => row[j]).join();
          for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) expect(typeOf[a] === typeOf[b]).toBe(column(a) === column(b));
          for (let t = 0; t < first.length; t++) expect(typeOf[first[t]]).toBe(t);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merges 0 and −0 (equal costs), and gives up once there are more classes than asked for', () => {
    const rows = [
      [0, -0, 1],
      [0, -0, 1],
      [0, -0, 1],
    ];
    expect(findRepeatedColumns(flat(rows), 3, 3, 3)!.first).toEqual(Int32Array.from([0, 2]));
    expect(merged(rows)).toBe(1);
    expect(findRepeatedColumns(flat([[1, 2, 3]]), 1, 3, 2)).toBeNull();
    expect(
      findRepeatedColumns(
        flat([
          [1, 1, 3, 3],
          [1, 1, 3, 4],
        ]),
        2,
        4,
        2,
      ),
    ).toBeNull();
    expect(
      findRepeatedColumns(
        flat([
          [1, 1, 3, 3],
          [1, 1, 3, 3],
        ]),
        2,
        4,
        2,
      )!.first,
    ).toEqual(Int32Array.from([0, 2]));
  });

  it('square, integer costs with repeated columns: the brute-force optimum (n ≤ 7)', () => {
    fc.assert(
      fc.property(
        repeatedColumns(fc.integer({ min: 0, max: 9 }), 7, 7, 3).filter((m) => m.length === m[0].length),
        (rows) => {
          expect(merged(rows)).toBe(bruteForce(rows));
          const res = solveAssignment(flat(rows), rows.length, rows.length);
          checkShape(rows, res);
          expect(res.cost).toBe(bruteForce(rows));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rectangular slot-like matrices (100 − score or 100) up to 60 × 80 against the Hungarian method', () => {
    fc.assert(
      fc.property(repeatedColumns(fc.oneof({ weight: 2, arbitrary: fc.constant(100) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }) }), 60, 80, 20), (rows) => {
        const tall = rows.length > rows[0].length;
        const wide = tall ? rows[0].map((_, j) => rows.map((row) => row[j])) : rows;
        const res = solveAssignment(flat(rows), rows.length, rows[0].length);
        checkShape(rows, res);
        expect(res.cost).toBe(hungarian(wide));
      }),
      { numRuns: 200 },
    );
  });
});

describe('solveAssignment: examples and bad input', () => {
  it('solves a 3 × 3 by hand', () => {
    // Rows pick columns 1, 0, 2: 1 + 2 + 2 = 5; the greedy choice (row 0 → column 0 at 0) would end at 0 + 3 + 8 = 11.
    const res = solveAssignment(
      flat([
        [0, 1, 9],
        [2, 3, 9],
        [9, 8, 2],
      ]),
      3,
      3,
    );
    expect(Array.from(res.rowToCol)).toEqual([1, 0, 2]);
    expect(res.cost).toBe(5);
  });

  it('leaves out the extra rows or columns of a rectangular matrix', () => {
    const wide = solveAssignment(flat([[5, 1, 3]]), 1, 3);
    expect([Array.from(wide.rowToCol), Array.from(wide.colToRow), wide.cost]).toEqual([[1], [-1, 0, -1], 1]);
    const tall = solveAssignment(flat([[5], [1], [3]]), 3, 1);
    expect([Array.from(tall.rowToCol), Array.from(tall.colToRow), tall.cost]).toEqual([[-1, 0, -1], [1], 1]);
  });

  it('handles the empty matrix and rejects NaN, -Infinity and a wrong size', () => {
    expect(solveAssignment(new Float64Array(0), 0, 4).cost).toBe(0);
    expect(() => solveAssignment(flat([[1, NaN]]), 1, 2)).toThrow(RangeError);
    expect(() => solveAssignment(flat([[1, -Infinity]]), 1, 2)).toThrow(RangeError);
    expect(() => solveAssignment(flat([[1, 2, 3]]), 2, 2)).toThrow(/2 × 2 entries, has 3/);
    expect(() => solveAssignment(flat([[Infinity, Infinity]]), 1, 2)).toThrow(InfeasibleAssignmentError);
  });
});
