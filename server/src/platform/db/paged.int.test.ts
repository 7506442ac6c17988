import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Kysely, sql } from 'kysely';
import { openDatabase, type DbHandle } from './index';
import { containing, paged } from './paged';

interface T {
  things: { id: number; name: string; kind: string };
}
let h: DbHandle;
let db: Kysely<T>;
beforeAll(async () => {
  h = await openDatabase({ dataDir: '', memory: true });
  db = h.db as unknown as Kysely<T>;
  await sql`create table things (id int primary key, name text not null, kind text not null)`.execute(db);
  // 23 things: ids 1–23, every third 'b', one named with LIKE's wildcards.
  await db
    .insertInto('things')
    .values(Array.from({ length: 23 }, (_, i) => ({ id: i + 1, name: i === 4 ? '50%_off' : `thing ${i + 1}`, kind: (i + 1) % 3 ? 'a' : 'b' })))
    .execute();
}, 60_000);
afterAll(() => h?.close());

describe('paged', () => {
  const base = () => db.selectFrom('things').select(['id', 'name']).where('kind', '=', 'a');

  it("gives the page asked for in the callback's order, and the filter's total ignoring the page", async () => {
    // 'a': the 16 ids not divisible by 3.
    const p1 = await paged(base(), { page: 1, pageSize: 5 }, (q) => q.orderBy('id', 'desc'));
    expect(p1).toEqual({ total: 16, rows: [23, 22, 20, 19, 17].map((id) => ({ id, name: `thing ${id}` })) });
    const last = await paged(base(), { page: 4, pageSize: 5 }, (q) => q.orderBy('id'));
    expect(last.rows.map((r) => r.id)).toEqual([23]);
    expect(last.total).toBe(16);
    const beyond = await paged(base(), { page: 9, pageSize: 5 }, (q) => q.orderBy('id'));
    expect(beyond).toEqual({ rows: [], total: 16 });
  });

  it('lets the callback add the selection, and takes the total from a cache when given one', async () => {
    const q = db.selectFrom('things').where('kind', '=', 'b');
    const asked: string[] = [];
    const cached = async () => {
      asked.push('cache');
      return 99;
    };
    const r = await paged(q, { page: 2, pageSize: 3 }, (b) => b.select(['id', 'kind']).orderBy('id'), cached);
    expect(r).toEqual({ total: 99, rows: [12, 15, 18].map((id) => ({ id, kind: 'b' })) });
    expect(asked).toEqual(['cache']);
    // A cache that computes: the real count.
    expect(
      (
        await paged(
          q,
          { page: 1, pageSize: 1 },
          (b) => b.select('id').orderBy('id'),
          (compute) => compute(),
        )
      ).total,
    ).toBe(7);
  });

  it('finds text containing LIKE wildcards literally', async () => {
    const hit = await paged(db.selectFrom('things').select('name').where('name', 'like', containing('%_')), { page: 1, pageSize: 10 }, (q) => q.orderBy('id'));
    expect(hit).toEqual({ total: 1, rows: [{ name: '50%_off' }] });
  });
});
