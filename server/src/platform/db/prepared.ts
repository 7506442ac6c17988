import { CompiledQuery, type Kysely } from 'kysely';
import pg from 'pg';

/**
 * Named prepared statements for hot read paths, on PostgreSQL.
 *
 * Why: Kysely sends every query as an unnamed statement, so PostgreSQL parses and plans it on every call. For the
 * small, join-heavy reads a page or a scanner calls many times a second (a unit's genealogy: a five-table look-up and
 * one statement gathering its history), planning cost more than running: 0.5–2.4 ms a statement against 0.1–1 ms of
 * execution (the server's log with log_min_duration_statement = 0, 200,000 units, `npm run bench -- trace`). A
 * statement whose text was registered here runs on each pooled connection as a named prepared statement: parsed
 * once per connection, planned by PostgreSQL's plan cache (custom plans for the first five executions, then the
 * generic plan when it is no worse).
 *
 * Bounded: at most MAX_PREPARED texts are ever registered (each pooled connection keeps at most that many statements);
 * past it a text runs unnamed as before. Register only texts of a fixed shape — constant SQL, or a builder whose text
 * varies with a small number of shapes (a scope of one or two organisations) — never text with values inlined.
 * PGlite runs the same text (its one in-process connection has no network round trip to save).
 */
export const MAX_PREPARED = 200;
const names = new Map<string, string>();

/** Registers `text` to run as a named prepared statement; returns it unchanged. */
export function prepared(text: string): string {
  if (!names.has(text) && names.size < MAX_PREPARED) names.set(text, `gb_p${names.size}`);
  return text;
}

/** Runs raw SQL (registered as a prepared statement) and returns its rows. */
// biome-ignore lint/suspicious/noExplicitAny: any database's handle; the query is raw SQL.
export async function queryPrepared<R>(db: Kysely<any>, text: string, params: readonly unknown[]): Promise<R[]> {
  return (await db.executeQuery<R>(CompiledQuery.raw(prepared(text), [...params]))).rows;
}

/** Runs a compiled Kysely query as a prepared statement (its text registered). */
// biome-ignore lint/suspicious/noExplicitAny: any database's handle.
export async function executePrepared<R>(db: Kysely<any>, query: CompiledQuery<R>): Promise<R[]> {
  prepared(query.sql);
  return (await db.executeQuery<R>(query)).rows;
}

/** The pool's client: a query whose text was registered is sent with its name. */
export class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads; only (text, values) is rewritten.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && typeof values !== 'function' && callback === undefined) {
      const name = names.get(config);
      if (name) return super.query({ name, text: config, values: values ?? [] });
    }
    return super.query(config, values, callback);
  }
}

/** Registered texts (tests). */
export const preparedCount = () => names.size;
