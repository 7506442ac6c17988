import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * PGlite is one connection in one process. Kysely's PostgresDialect wants a pool; this one hands out that
 * single connection to one borrower at a time, so a transaction never interleaves with other queries.
 */
export class PGlitePool implements PostgresPool {
  private tail: Promise<void> = Promise.resolve();
  static waitLimitMs = 30_000;
  /** Kysely reads these to cancel a running query from a second connection; PGlite has no second connection. */
  readonly options = {};

  /** Borrowers that asked for the connection and have not released it (the holder among them). */
  private borrowers = 0;

  constructor(private readonly db: PGlite) {}

  /** Whether someone holds the connection. */
  get busy(): boolean {
    return this.borrowers > 0;
  }

  /** Borrowers queued behind the one holding the connection (the metrics' pool queue depth). */
  get waiting(): number {
    return Math.max(0, this.borrowers - 1);
  }

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const turn = new Promise<void>(
      (r) =>
        (release = () => {
          this.borrowers--;
          r();
        }),
    );
    this.borrowers++;
    const prev = this.tail;
    this.tail = prev.then(() => turn);
    // Using `db` instead of `trx` inside a transaction would wait here forever on a single connection; fail
    // loudly instead. (On PostgreSQL the same mistake silently escapes the transaction.)
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([prev.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), PGlitePool.waitLimitMs)))]);
    clearTimeout(timer);
    if (!waited) {
      // Give our turn up once it comes, so the queue is not blocked by this abandoned borrower.
      void prev.then(() => release());
      throw new Error(`PGlite connection not free after ${PGlitePool.waitLimitMs} ms: is a query using db instead of trx inside a transaction?`);
    }
    const db = this.db;
    let released = false;
    const client = {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const res = await db.query<R>(sql, parameters as unknown[]);
        return {
          command: sql.trimStart().slice(0, 6).toUpperCase() as PostgresQueryResult<R>['command'],
          rowCount: res.affectedRows ?? res.rows.length,
          rows: res.rows,
        };
      },
      release() {
        if (!released) {
          released = true;
          release();
        }
      },
    };
    return client as unknown as PostgresPoolClient;
  }

  /** Runs fn while holding the connection, so nothing else touches the database meanwhile. */
  async withConnection<T>(fn: () => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await fn();
    } finally {
      client.release();
    }
  }

  async end(): Promise<void> {
    await this.tail;
    await this.db.close();
  }
}
