/**
 * The helper thread's side of parallel-lists.ts: for each allocation posted, build the index from the same
 * openings, then claim chunks of candidates and write their lists into the shared buffers until none is left.
 */
import { parentPort } from 'node:worker_threads';
import { createIndex } from './opening-index';
import { computeLists, decodeCandidate, type ListsJob } from './parallel-lists';

const CONTROL_CHUNKS = 1;
const DONE = 1;
const FAILED = 2;

function run(job: ListsJob) {
  const control = new Int32Array(job.control);
  const nChunks = Math.ceil(job.nWorkers / job.chunk);
  // The caller may have finished (or failed) while this thread was busy: nothing to do then.
  if (Atomics.load(control, 0) >= nChunks) return;
  const index = createIndex(job.openings);
  const flatOpenings = new Int32Array(job.flatOpenings);
  const flatScores = new Uint8Array(job.flatScores);
  const got = new Int32Array(job.got);
  const candidateAt = (w: number) => decodeCandidate(job.candidates, w - job.from);
  for (;;) {
    const c = Atomics.add(control, 0, 1);
    if (c >= nChunks) return;
    if (job.stallMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, job.stallMs);
    const lo = c * job.chunk;
    let state = DONE;
    try {
      computeLists(index, candidateAt, lo, Math.min(job.nWorkers, lo + job.chunk), job.today, job.k, job.minScore, flatOpenings, flatScores, got);
    } catch {
      // Bad input: the caller computes this chunk itself and meets the same error.
      state = FAILED;
    }
    Atomics.store(control, CONTROL_CHUNKS + c, state);
    Atomics.notify(control, CONTROL_CHUNKS + c);
  }
}

parentPort?.on('message', run);
parentPort?.postMessage('ready');
