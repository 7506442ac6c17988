import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type DbHandle } from './index';
import { listMigrations, migrate, migrationsDir } from './migrate';
import { freshDatabase, usingPostgres, type TestDb } from '../../test/harness';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function open(): Promise<{ handle: DbHandle; tdb: TestDb }> {
  const tdb = await freshDatabase();
  const handle = await openDatabase({ databaseUrl: tdb.config.databaseUrl, dataDir: tdb.config.dataDir, memory: true });
  cleanups.push(async () => {
    await handle.close();
    await tdb.drop();
  });
  return { handle, tdb };
}

describe('migrations', () => {
  it('apply once, then report nothing to do', async () => {
    const { handle } = await open();
    const first = await migrate(handle);
    expect(first.applied).toEqual(listMigrations());
    const second = await migrate(handle);
    expect(second).toEqual({ applied: [], alreadyApplied: listMigrations().length });
  });

  it.runIf(usingPostgres())('are safe when two processes migrate the same database at once', async () => {
    const tdb = await freshDatabase();
    const a = await openDatabase({ databaseUrl: tdb.config.databaseUrl, dataDir: tdb.config.dataDir });
    const b = await openDatabase({ databaseUrl: tdb.config.databaseUrl, dataDir: tdb.config.dataDir });
    cleanups.push(async () => {
      await a.close();
      await b.close();
      await tdb.drop();
    });
    const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
    // One of them did the work; the other waited on the advisory lock and found it done.
    expect([ra.applied.length, rb.applied.length].sort()).toEqual([0, listMigrations().length]);
  });

  it('roll a failing migration back entirely and name it', async () => {
    const { handle } = await open();
    const dir = mkdtempSync(path.join(tmpdir(), 'gb-mig-'));
    for (const f of readdirSync(migrationsDir)) copyFileSync(path.join(migrationsDir, f), path.join(dir, f));
    writeFileSync(path.join(dir, '9999_test_break_things.sql'), 'create table half_done (id int);\nselect * from no_such_table;');
    await expect(migrate(handle, dir)).rejects.toThrow(/9999_test_break_things\.sql failed/);
    const t = await handle.session((q) => q<{ n: number }>("select count(*)::int as n from information_schema.tables where table_name = 'half_done'"));
    expect(t[0].n).toBe(0);
    // The good ones before it stay applied.
    expect((await migrate(handle)).applied).toEqual([]);
  });

  it('refuse a database that has migrations this code does not know', async () => {
    const { handle } = await open();
    await migrate(handle);
    await handle.session((q) => q("insert into schema_migrations (name) values ('9998_future_thing.sql')"));
    await expect(migrate(handle)).rejects.toThrow(/does not know \(9998_future_thing\.sql\)/);
  });

  it('refuse a badly named migration file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gb-mig-'));
    writeFileSync(path.join(dir, 'add-stuff.sql'), 'select 1');
    expect(() => listMigrations(dir)).toThrow(/add-stuff\.sql/);
  });
});
