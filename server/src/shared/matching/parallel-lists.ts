/**
 * Batch allocation's finite preference lists on two threads. Each worker's top-L list depends only on the index and
 * the candidate, so the lists can be computed ahead of deferred acceptance, on any thread: a helper thread (one per
 * process, started on the first large allocation and kept, unref'd) builds its own copy of the index from the same
 * openings (the construction is deterministic, so its lists are the same) and computes chunks of lists into
 * SharedArrayBuffers, while the calling thread runs deferred acceptance and computes the chunks it reaches first
 * itself. Chunks are claimed through one atomic counter; when the helper is on the chunk the calling thread needs,
 * that thread takes the next free chunk instead, and waits only when none is left. Deferred acceptance asks for the lists in worker order, so it sees the same lists in the
 * same order as on one thread: the result is identical.
 *
 * The call stays synchronous (the helper needs no event loop turn of the caller). Until the helper has booted (tsx's
 * loader and these modules: a few hundred ms) the calling thread computes everything, as on one thread. A helper
 * that fails on a chunk (bad input) marks it failed and the calling thread computes it, so errors are the same too.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ageNumber } from './fit';
import { candidateQuery, type OpeningIndex, topOpeningsInto } from './opening-index';
import type { Candidate, Opening } from './types';

/** Allocations of fewer candidates stay on one thread (the demo's 1,000 workers take a few ms). */
export const PARALLEL_MIN_CANDIDATES = 20_000;
/**
 * Tuning, changed by tests only: workers per chunk; steal false leaves every chunk it may take to the helper;
 * helperStallMs makes the helper sit on each chunk it claims that long first (a starved helper).
 */
export const tuning = { chunk: 512, steal: true, helperStallMs: 0 };

// Chunk states in the control array, from CONTROL_CHUNKS on; slot 0 is the next chunk the helper may claim.
const PENDING = 0;
const DONE = 1;
const FAILED = 2;
const CONTROL_CHUNKS = 1;
/** Waiting longer than this for the helper's chunk, the calling thread computes it itself. */
const TAKE_OVER_MS = 200;

let helper: Worker | null | undefined;
let helperBooted: Promise<boolean> | undefined;

/** The helper thread, started once; null when it cannot run. */
function helperThread(): Worker | null {
  if (helper !== undefined) return helper;
  try {
    // A plain .mjs that registers tsx's loader before importing the TypeScript: the same way the CLI runs (and
    // none of the parent's --import flags, so it is registered once).
    const w = new Worker(new URL('./lists-thread.mjs', import.meta.url), { execArgv: [] });
    w.unref();
    helperBooted = new Promise((resolve) => {
      w.once('message', (m) => resolve(m === 'ready'));
      w.once('error', () => resolve(false));
      w.once('exit', () => resolve(false));
    });
    w.on('error', () => {
      helper = null;
    });
    w.on('exit', () => {
      helper = null;
    });
    helper = w;
  } catch {
    helper = null;
  }
  return helper;
}

/** Starts the helper thread if needed; resolves true once it runs (tests wait for it). */
export function listsHelperReady(): Promise<boolean> {
  helperThread();
  return helperBooted ?? Promise.resolve(false);
}

/** What the helper needs of the candidates it may take: strings interned, numbers as they are. */
interface EncodedCandidates {
  strings: string[];
  /** Per candidate from `from`: [start, end) in rows. */
  rowStart: Int32Array;
  /** Per candidate: flags (1 firm, 2 housing, 4 cannot work), availableFrom (string id, -1 none), age (-1 none), then counted lists of string ids: occupations, skills, regions, certificates, limits. */
  rows: Int32Array;
  minWage: Float64Array;
}

/** Candidates [from, n) encoded for the helper; null when one does not have the expected shape (one thread then). */
function encode(workers: readonly Candidate[], from: number): EncodedCandidates | null {
  const ids = new Map<string, number>();
  const strings: string[] = [];
  const id = (s: unknown) => {
    if (typeof s !== 'string') throw new TypeError('not a string');
    let i = ids.get(s);
    if (i === undefined) {
      ids.set(s, (i = strings.length));
      strings.push(s);
    }
    return i;
  };
  const rowStart = new Int32Array(workers.length - from + 1);
  let rows = new Int32Array(16 * (workers.length - from) + 16);
  let used = 0;
  const put = (v: number) => {
    if (used === rows.length) {
      const more = new Int32Array(2 * rows.length);
      more.set(rows);
      rows = more;
    }
    rows[used++] = v;
  };
  const list = (xs: unknown) => {
    if (xs === undefined || xs === null) return put(0);
    if (!Array.isArray(xs)) throw new TypeError('not a list');
    put(xs.length);
    for (const x of xs) put(id(x));
  };
  const minWage = new Float64Array(workers.length - from);
  try {
    for (let w = from; w < workers.length; w++) {
      const c = workers[w];
      rowStart[w - from] = used;
      put((c.minWageFirm === true ? 1 : 0) | (c.needsHousing === true ? 2 : 0) | (c.canWork === false ? 4 : 0));
      put(c.availableFrom === undefined || c.availableFrom === null ? -1 : id(c.availableFrom));
      put(ageNumber(c.age));
      if (!Array.isArray(c.occupations)) return null;
      list(c.occupations);
      list(c.skills);
      list(c.regions);
      list(c.certificates);
      list(c.limits);
      minWage[w - from] = typeof c.minWage === 'number' ? c.minWage : NaN;
    }
  } catch {
    return null;
  }
  rowStart[workers.length - from] = used;
  return { strings, rowStart, rows: rows.slice(0, used), minWage };
}

/** The candidate a row describes, as candidateQuery reads it. */
export function decodeCandidate(e: EncodedCandidates, i: number): Candidate {
  const { rows, strings } = e;
  let r = e.rowStart[i];
  const flags = rows[r++];
  const available = rows[r++];
  const age = rows[r++];
  const list = () => {
    const n = rows[r++];
    const out: string[] = new Array(n);
    for (let j = 0; j < n; j++) out[j] = strings[rows[r++]];
    return out;
  };
  const occupations = list();
  const skills = list();
  const regions = list();
  const certificates = list();
  const limits = list();
  return {
    id: '',
    occupations,
    skills,
    regions,
    certificates,
    minWage: e.minWage[i],
    minWageFirm: (flags & 1) !== 0,
    needsHousing: (flags & 2) !== 0,
    availableFrom: available < 0 ? null : strings[available],
    age: age < 0 ? null : age,
    canWork: (flags & 4) === 0,
    limits,
  };
}

/** One allocation's work, as posted to the helper. */
export interface ListsJob {
  openings: Opening[];
  today: string | undefined;
  minScore: number;
  /** Openings asked per list (L + 1) and the stride of a worker's slots in the flat buffers. */
  k: number;
  chunk: number;
  nWorkers: number;
  /** The first candidate encoded: the helper takes chunks from here on. */
  from: number;
  candidates: EncodedCandidates;
  control: SharedArrayBuffer;
  flatOpenings: SharedArrayBuffer;
  flatScores: SharedArrayBuffer;
  got: SharedArrayBuffer;
  stallMs: number;
}

/** Computes the lists of candidates [lo, hi) with this thread's index (the helper's or the caller's). */
export function computeLists(
  index: OpeningIndex,
  candidateAt: (w: number) => Candidate,
  lo: number,
  hi: number,
  today: string | undefined,
  k: number,
  minScore: number,
  flatOpenings: Int32Array,
  flatScores: Uint8Array,
  got: Int32Array,
) {
  for (let w = lo; w < hi; w++) got[w] = topOpeningsInto(index, candidateQuery(index, candidateAt(w), today), k, minScore, flatOpenings, flatScores, w * k);
}

/**
 * The finite lists of all workers, each written at w·k of flatOpenings/flatScores with its length in got[w]:
 * `ensure(w)` returns once worker w's list is there. Shared buffers and a helper when the market is large enough
 * and a helper runs; otherwise plain buffers filled by this thread as asked.
 */
export class ListSource {
  readonly flatOpenings: Int32Array;
  readonly flatScores: Uint8Array;
  readonly got: Int32Array;
  private readonly chunk: number;
  private readonly nChunks: number;
  /** Chunks below this are this thread's; from it on they are claimed through control[0]. */
  private readonly firstShared: number;
  private control: Int32Array | null;
  private readonly mine: Uint8Array;
  /** Chunks the helper computed (tests check that it did). */
  helperChunks = 0;

  constructor(
    private readonly index: OpeningIndex,
    private readonly workers: readonly Candidate[],
    private readonly today: string | undefined,
    private readonly k: number,
    private readonly minScore: number,
    parallel: boolean | undefined,
  ) {
    const n = workers.length;
    const wanted = parallel ?? (n >= PARALLEL_MIN_CANDIDATES && availableParallelism() >= 2);
    const thread = wanted ? helperThread() : null;
    // The first quarter is always this thread's: it starts on it at once while the helper builds its index.
    const from = thread ? Math.min(n, Math.ceil(n / 4 / tuning.chunk) * tuning.chunk) : n;
    const encoded = thread && from < n ? encode(workers, from) : null;
    const shared = encoded !== null;
    const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    this.chunk = shared ? tuning.chunk : Math.max(1, n);
    this.nChunks = Math.ceil(n / this.chunk);
    this.flatOpenings = new Int32Array(buffer(4 * n * k));
    this.flatScores = new Uint8Array(buffer(n * k));
    this.got = new Int32Array(buffer(4 * n));
    this.mine = new Uint8Array(this.nChunks);
    this.firstShared = shared ? from / this.chunk : this.nChunks;
    this.control = null;
    if (shared && thread) {
      const control = new SharedArrayBuffer(4 * (CONTROL_CHUNKS + this.nChunks));
      this.control = new Int32Array(control);
      this.control[0] = this.firstShared;
      const job: ListsJob = {
        openings: index.openings.map(plainOpening),
        today,
        minScore,
        k,
        chunk: this.chunk,
        nWorkers: n,
        from,
        candidates: encoded,
        control,
        flatOpenings: this.flatOpenings.buffer as SharedArrayBuffer,
        flatScores: this.flatScores.buffer as SharedArrayBuffer,
        got: this.got.buffer as SharedArrayBuffer,
        stallMs: tuning.helperStallMs,
      };
      try {
        thread.postMessage(job);
      } catch {
        // Openings that cannot be cloned: this thread computes everything.
        this.control = null;
      }
    }
  }

  private compute(c: number) {
    const lo = c * this.chunk;
    computeLists(
      this.index,
      (w) => this.workers[w],
      lo,
      Math.min(this.workers.length, lo + this.chunk),
      this.today,
      this.k,
      this.minScore,
      this.flatOpenings,
      this.flatScores,
      this.got,
    );
    this.mine[c] = 1;
  }

  /** Worker w's list is in the buffers once this returns. Call in worker order (deferred acceptance does). */
  ensure(w: number) {
    const c = (w / this.chunk) | 0;
    if (this.mine[c]) return;
    const control = this.control;
    if (control === null || c < this.firstShared) return this.compute(c);
    const at = CONTROL_CHUNKS + c;
    let waited = 0;
    for (;;) {
      const state = Atomics.load(control, at);
      if (state === DONE) {
        this.mine[c] = 1;
        this.helperChunks++;
        return;
      }
      if (state === FAILED) return this.compute(c);
      if (tuning.steal && Atomics.load(control, 0) < this.nChunks) {
        // Claim the next chunk: c itself when the helper has not taken it yet; otherwise a later one, computed now
        // rather than waiting for the helper to finish c (it is needed soon; a failure there is left for its turn,
        // so errors come in the same order as on one thread).
        const v = Atomics.add(control, 0, 1);
        if (v === c) return this.compute(c);
        if (v < this.nChunks) {
          try {
            this.compute(v);
          } catch {
            Atomics.store(control, CONTROL_CHUNKS + v, FAILED);
          }
        }
        continue;
      }
      // The helper is on c and no chunk is left: wait for it — but not for long. A chunk is a few ms of work; a
      // helper that takes far longer is starved by the machine (or gone), and computing c here writes the same
      // values it would.
      if (waited >= TAKE_OVER_MS && tuning.steal) return this.compute(c);
      const t = performance.now();
      Atomics.wait(control, at, PENDING, TAKE_OVER_MS);
      waited += performance.now() - t;
    }
  }

  /** Tells the helper to take no more chunks (the allocation is over, or failed). */
  close() {
    if (this.control) Atomics.store(this.control, 0, this.nChunks);
  }
}

const plainOpening = (o: Opening): Opening => ({
  id: o.id,
  occupation: o.occupation,
  region: o.region,
  wageMin: o.wageMin,
  wageMax: o.wageMax,
  housing: o.housing,
  validFrom: o.validFrom,
  validTo: o.validTo,
  requiredCertificates: o.requiredCertificates,
  preferredCertificates: o.preferredCertificates,
  openHeadcount: o.openHeadcount,
  ageMin: o.ageMin,
  ageMax: o.ageMax,
  demands: o.demands,
});
