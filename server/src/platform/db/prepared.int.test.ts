import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PREPARED, PreparingClient, prepared, preparedCount, queryPrepared } from './prepared';

// Named prepared statements exist on PostgreSQL only (PGlite runs the same text unnamed).
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pool = new pg.Pool({ connectionString: url, max: 1, Client: PreparingClient });
const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
afterAll(() => db.destroy());

const statements = async () =>
  (await queryPrepared<{ name: string; statement: string }>(db, 'select name, statement from pg_prepared_statements order by name', [])).filter(
    (s) => !s.statement.includes('pg_prepared_statements'),
  );

describe('prepared statements', () => {
  it('sends a registered text by its name, once per connection, and gives the same rows as unnamed', async () => {
    const text = 'select $1::int + 1 as n, current_setting($2) as tz';
    for (let i = 0; i < 3; i++) expect(await queryPrepared<{ n: number }>(db, text, [i, 'TimeZone'])).toEqual([{ n: i + 1, tz: expect.any(String) }]);
    const s = await statements();
    expect(s.map((x) => x.statement)).toEqual([text]);
    expect(s[0].name).toMatch(/^gb_p\d+$/);
    // An unregistered text stays unnamed.
    await pool.query('select 41 + 1');
    expect((await statements()).map((x) => x.statement)).toEqual([text]);
  });

  it('registers at most MAX_PREPARED texts; past that a text runs unnamed', async () => {
    for (let i = 0; preparedCount() < MAX_PREPARED; i++) prepared(`select ${i} as filler`);
    const extra = 'select $1::text as past_the_bound';
    expect(prepared(extra)).toBe(extra);
    expect(preparedCount()).toBe(MAX_PREPARED);
    expect(await queryPrepared(db, extra, ['x'])).toEqual([{ past_the_bound: 'x' }]);
    expect((await statements()).some((s) => s.statement === extra)).toBe(false);
  });
});
