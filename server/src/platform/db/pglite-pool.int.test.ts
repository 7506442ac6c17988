import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from './index';
import { PGlitePool } from './pglite-pool';

let h: DbHandle;
beforeAll(async () => {
  h = await openDatabase({ dataDir: '', memory: true });
});
afterAll(() => h?.close());

/** Waits (up to 5 s) for a condition of the pool's state to hold. */
async function settled(check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('PGlitePool', () => {
  it('keeps a transaction to itself: a concurrent query waits until it commits', async () => {
    await sql`create table t (v int)`.execute(h.db);
    const seen: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = h.db.transaction().execute(async (trx) => {
      await sql`insert into t values (1)`.execute(trx);
      await gate;
      await sql`insert into t values (2)`.execute(trx);
    });
    const outside = sql<{ n: number }>`select count(*)::int as n from t`.execute(h.db).then((r) => seen.push(r.rows[0].n));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]); // still waiting for the transaction
    release();
    await Promise.all([tx, outside]);
    expect(seen).toEqual([2]);
  });

  it('reports its queue for the metrics: the holder is not waiting, those queued behind it are, an abandoned borrower leaves', async () => {
    expect(h.poolStats()).toEqual({ total: 1, idle: 1, waiting: 0 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = h.db.transaction().execute(async () => {
      await gate;
    });
    await settled(() => h.poolStats().idle === 0);
    expect(h.poolStats()).toEqual({ total: 1, idle: 0, waiting: 0 });
    const queued = [sql`select 1`.execute(h.db), sql`select 2`.execute(h.db)];
    await settled(() => h.poolStats().waiting === 2);
    expect(h.poolStats()).toEqual({ total: 1, idle: 0, waiting: 2 });
    release();
    await Promise.all([tx, ...queued]);
    expect(h.poolStats()).toEqual({ total: 1, idle: 1, waiting: 0 });
    // A borrower that gave up (the wait limit) is not counted once its turn has passed.
    const limit = PGlitePool.waitLimitMs;
    PGlitePool.waitLimitMs = 100;
    try {
      await expect(h.db.transaction().execute(async () => sql`select 1`.execute(h.db))).rejects.toThrow(/using db instead of trx/);
    } finally {
      PGlitePool.waitLimitMs = limit;
    }
    await sql`select 3`.execute(h.db);
    expect(h.poolStats()).toEqual({ total: 1, idle: 1, waiting: 0 });
  });

  it('fails loudly, instead of hanging, when code uses db inside a transaction', async () => {
    const limit = PGlitePool.waitLimitMs;
    PGlitePool.waitLimitMs = 200;
    try {
      await expect(h.db.transaction().execute(async () => sql`select 1`.execute(h.db))).rejects.toThrow(/using db instead of trx/);
      // The pool still works afterwards.
      expect((await sql<{ v: number }>`select 7 as v`.execute(h.db)).rows[0].v).toBe(7);
    } finally {
      PGlitePool.waitLimitMs = limit;
    }
  });
});
