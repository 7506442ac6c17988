import { rateLimited, pm } from '../errors';

/**
 * One workbook parse at a time per process. Reading a sheet is bounded (read-sheet.ts), but six bounded parses at
 * once still cost six times the memory: a few more wait their turn, briefly, in a bounded queue; past that, or
 * after waiting too long, the upload is refused with 429, `platform.import.busy` and Retry-After.
 */
export class ParseGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly opts: { concurrency: number; maxWaiting: number; maxWaitMs: number; retryAfterSeconds: number }) {}

  /** Parses now running and waiting (for tests and metrics). */
  get load() {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private busy() {
    return rateLimited(pm('platform.import.busy', { seconds: this.opts.retryAfterSeconds }), this.opts.retryAfterSeconds);
  }

  private acquire(): Promise<void> {
    if (this.running < this.opts.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.opts.maxWaiting) return Promise.reject(this.busy());
    return new Promise<void>((resolve, reject) => {
      // The running slot passes straight to the next waiter: `running` stays as it is.
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(wake);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(this.busy());
      }, this.opts.maxWaitMs);
      this.waiting.push(wake);
    });
  }

  private release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/** The process's gate for uploaded workbooks: one parse, four waiting for up to 15 s each. */
export const workbookGate = new ParseGate({ concurrency: 1, maxWaiting: 4, maxWaitMs: 15_000, retryAfterSeconds: 5 });
