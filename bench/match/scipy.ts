/**
 * The yardstick for the assignment solver: scipy.optimize.linear_sum_assignment on the same matrix, in the Debian
 * python (/usr/bin/python3 with the python3-scipy package; a python first on PATH may well have no scipy). The matrix goes through
 * a temporary file as raw little-endian float64 (integer costs too: float64 holds them exactly, and scipy solves
 * them as float64 either way); only the call itself is timed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's python by default; BENCH_PYTHON points elsewhere (a python with numpy and scipy). */
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const SCRIPT = `
import json, sys, time
import numpy as np
from scipy.optimize import linear_sum_assignment
path, rows, cols, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
c = np.fromfile(path, dtype='<f8').reshape(rows, cols)
times = []
for _ in range(reps):
    t = time.perf_counter()
    rows, cols = linear_sum_assignment(c)
    times.append(time.perf_counter() - t)
print(json.dumps({"times": times, "cost": float(c[rows, cols].sum())}))
`;

export interface Reference {
  times: number[];
  cost: number;
}

/** null when the Debian python or its scipy is missing (the reason goes to `say`). */
/** cost is row-major, rows × cols. */
export function scipyReference(cost: Float64Array, rows: number, cols: number, reps: number, say: (s: string) => void): Reference | null {
  const dir = mkdtempSync(join(tmpdir(), 'gearbridge-match-'));
  try {
    const file = join(dir, 'costs.f64');
    writeFileSync(file, new Uint8Array(cost.buffer, cost.byteOffset, cost.byteLength));
    const run = spawnSync(PYTHON, ['-c', SCRIPT, file, String(rows), String(cols), String(reps)], { encoding: 'utf8' });
    if (run.error || run.status !== 0) {
      say(`reference: scipy not available (${run.error?.message ?? run.stderr.trim().split('\n').pop()}); install python3-scipy`);
      return null;
    }
    return JSON.parse(run.stdout.trim().split('\n').pop()!) as Reference;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
