import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './schema';
import { PGlitePool } from './pglite-pool';

export type DB = Kysely<Database>;
export type RawQuery = <R = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<R[]>;

export interface DbHandle {
  db: DB;
  kind: 'postgres' | 'pglite';
  /**
   * Runs fn on one dedicated connection with a raw query function that accepts multi-statement scripts
   * when given no parameters (migrations, advisory locks).
   */
  session<T>(fn: (query: RawQuery) => Promise<T>): Promise<T>;
  /** Where the data lives, for the start banner: a redacted URL or a directory. */
  describe: string;
  /** PGlite only: the whole data directory as a tarball, which `openDatabase({ loadDataDir })` opens again. */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

// Same JS types from both drivers: bigint counts as numbers (ids stay far below 2^53), dates as 'YYYY-MM-DD'.
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  memory?: boolean;
  /** PGlite only: start from this dumped data directory (a seeded template) instead of an empty one. */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // A pool error (the server went away) must not kill the process; the next query reports it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db);
    const u = new URL(opts.databaseUrl);
    if (u.password) u.password = '***';
    return {
      db,
      kind: 'postgres',
      describe: u.toString(),
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
  if (!opts.memory) {
    dir = path.join(opts.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  const lite = await PGlite.create(dir, {
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v },
  });
  const pool = new PGlitePool(lite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    describe: dir ? `PGlite in ${dir}` : 'PGlite in memory',
    dumpDataDir: () => pool.withConnection(() => lite.dumpDataDir('none')),
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
    close: () => db.destroy(),
  };
}
