import { queryPrepared } from './db/prepared';
import type { DB } from './db';

/**
 * Answers kept under the database's data version (migration identity/0003: a statement trigger on every table a
 * cached read depends on bumps one counter in the writing transaction). A request reads the version once (one
 * primary-key read); an answer computed at that version is served to later requests only while the version is
 * unchanged — in this process and, since the counter is in the database, whatever process made the change. So a
 * cached answer is never older than the last committed change: a reader that sees the new counter sees the change.
 *
 * Bounded: at most `maxEntries` answers and `maxBytes` of them, the least recently used dropped first. Requests
 * that miss the same key at the same version share one computation.
 */
/** What is kept: an answer's bytes, or a small text (a total). */
type Body = Buffer | string;
const sizeOf = (b: Body) => (typeof b === 'string' ? b.length * 2 : b.length);

export class CachedReads {
  private readonly entries = new Map<string, { version: bigint; body: Body }>();
  private readonly pending = new Map<string, Promise<Body>>();
  private bytes = 0;
  /** The highest version seen: everything cached under an older one is stale. */
  private latest = 0n;
  hits = 0;
  misses = 0;

  constructor(
    private readonly db: DB,
    private readonly maxEntries = 2000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** The data version now. */
  async version(): Promise<bigint> {
    // Every signed-in request asks: a named prepared statement, parsed and planned once per connection.
    const [r] = await queryPrepared<{ version: string }>(this.db, 'select version from data_version where id', []);
    const v = BigInt(r?.version ?? 0);
    if (v > this.latest) {
      this.latest = v;
      this.clear();
    }
    return v;
  }

  /**
   * The answer for `key` at `version` (from `version()` earlier in the same request): the cached one, or what
   * `compute` gives — kept only if no newer version was seen meanwhile.
   */
  async get<B extends Body>(key: string, version: bigint, compute: () => Promise<B>): Promise<B> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.hits++;
      return hit.body as B;
    }
    this.misses++;
    const flight = `${version}\u0000${key}`;
    const running = this.pending.get(flight);
    if (running) return running as Promise<B>;
    const p = compute().then(
      (body) => {
        this.pending.delete(flight);
        if (version >= this.latest) this.put(key, version, body);
        return body;
      },
      (err) => {
        this.pending.delete(flight);
        throw err;
      },
    );
    this.pending.set(flight, p);
    return p;
  }

  private put(key: string, version: bigint, body: Body) {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= sizeOf(old.body);
      this.entries.delete(key);
    }
    if (sizeOf(body) > this.maxBytes / 8) return;
    this.entries.set(key, { version, body });
    this.bytes += sizeOf(body);
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= sizeOf(e.body);
    }
  }

  clear() {
    this.entries.clear();
    this.bytes = 0;
  }

  get size() {
    return this.entries.size;
  }
}
