import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PlatformDatabase } from './tables';
import { PGlitePool } from './pglite-pool';
import { lockDataDir } from './lock';
import { PreparingClient } from './prepared';

export { DatabaseInUseError } from './lock';
export { executePrepared, prepared, queryPrepared } from './prepared';
export { containing, likeEscaped, paged, type PageRequest } from './paged';

/** A handle typed with the platform's tables; each module has its own alias typed with its tables too (its db.ts). */
export type DB = Kysely<PlatformDatabase>;
export type RawQuery = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

export interface DbHandle<D = PlatformDatabase> {
  db: Kysely<D>;
  kind: 'postgres' | 'pglite';
  /**
   * Runs fn on one dedicated connection with a raw query function that accepts multi-statement scripts
   * when given no parameters (migrations, advisory locks).
   */
  session<T>(fn: (query: RawQuery) => Promise<T>): Promise<T>;
  /** Where the data lives, for the start banner: a redacted URL or a directory. */
  describe: string;
  /** Connections in use and queries waiting for one (the metrics' gearbridge_db_pool_connections). */
  poolStats(): { total: number; idle: number; waiting: number };
  /** PGlite only: the whole data directory as a tarball, which `openDatabase({ loadDataDir })` opens again. */
  dumpDataDir?(compression?: 'none' | 'gzip'): Promise<Blob>;
  close(): Promise<void>;
}

// Same JS types from both drivers: bigint counts as numbers (ids stay far below 2^53), dates as 'YYYY-MM-DD'.
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);

/**
 * The same handle typed with fewer tables: `narrowDb<Sub>()(db)`. Kysely's table type exists only at compile time
 * and TypeScript treats Kysely<D> as invariant in D, so a handle over every table is not assignable to one over
 * some of them, although every query written against the subset runs unchanged; the constraint checks that D holds
 * every table of Sub.
 */
export function narrowDb<Sub>() {
  return <D extends Sub>(db: Kysely<D>): Kysely<Sub> => db as unknown as Kysely<Sub>;
}

/** A DbHandle typed with fewer tables (see narrowDb). */
export function narrowHandle<Sub>() {
  return <D extends Sub>(handle: DbHandle<D>): DbHandle<Sub> => ({ ...handle, db: narrowDb<Sub>()(handle.db) });
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  memory?: boolean;
  /** PGlite only: start from this dumped data directory (a seeded template) instead of an empty one. */
  loadDataDir?: Blob;
}

export async function openDatabase<D = PlatformDatabase>(opts: OpenOptions): Promise<DbHandle<D>> {
  if (opts.databaseUrl) {
    // JIT off: its compilation is priced for long analytic queries; a generic plan's guessed cost set it off on a
    // 13 ms look-up for 0.9 s (ARCHITECTURE.md, prepared statements).
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, Client: PreparingClient, options: '-c jit=off' });
    // A pool error (the server went away) must not kill the process; the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<D>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db);
    const u = new URL(opts.databaseUrl);
    if (u.password) u.password = '***';
    return {
      db,
      kind: 'postgres',
      describe: u.toString(),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      async session(fn) {
        const client = await pool.connect();
        try {
          return await fn(async (text, params) => {
            const res = await client.query(text, params);
            // A multi-statement script returns one result per statement; callers only read single statements.
            return (Array.isArray(res) ? [] : res.rows) as never;
          });
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  let dir: string | undefined;
  let unlock = () => {};
  if (!opts.memory) {
    dir = pgliteDir(opts.dataDir);
    mkdirSync(dir, { recursive: true });
    // One process at a time (see lock.ts): refused here, before PGlite reads the files.
    unlock = lockDataDir(opts.dataDir);
  }
  let lite: Awaited<ReturnType<typeof PGlite.create>>;
  try {
    lite = await PGlite.create(dir, {
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
    });
  } catch (err) {
    unlock();
    throw err;
  }
  const pool = new PGlitePool(lite);
  const db = new Kysely<D>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    describe: dir ? `PGlite in ${dir}` : 'PGlite in memory',
    // One connection: idle when nobody holds it; waiting counts the borrowers queued behind the holder.
    poolStats: () => ({ total: 1, idle: pool.busy ? 0 : 1, waiting: pool.waiting }),
    dumpDataDir: (compression = 'none') => pool.withConnection(() => lite.dumpDataDir(compression)),
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn(async (text, params) => {
          if (params && params.length) return (await lite.query(text, params)).rows as never;
          const results = await lite.exec(text);
          return (results.at(-1)?.rows ?? []) as never;
        });
      } finally {
        client.release();
      }
    },
    async close() {
      try {
        await db.destroy();
      } finally {
        unlock();
      }
    },
  };
}

/** Where PGlite keeps its files inside DATA_DIR. */
export const pgliteDir = (dataDir: string) => path.join(dataDir, 'pglite');

/**
 * A raw query function over a Kysely handle or transaction: code written for the ingest's connections (raw SQL in a
 * batch transaction) runs inside an API request's transaction too.
 */
// biome-ignore lint/suspicious/noExplicitAny: any database's handle; the query is raw SQL.
export function rawQueryOf(db: Kysely<any>): RawQuery {
  return async <R>(text: string, params: unknown[] = []) => (await db.executeQuery<R>(CompiledQuery.raw(text, params))).rows as R[];
}

/**
 * Serialises a check-then-write on one named thing until the transaction ends: `pg_advisory_xact_lock` of the key's
 * hash (keys are "module.what:id", e.g. `trade.index:A00`). The one way modules take such a lock.
 */
// biome-ignore lint/suspicious/noExplicitAny: any module's transaction; the query is raw SQL.
export async function lockKey(trx: Kysely<any>, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}
