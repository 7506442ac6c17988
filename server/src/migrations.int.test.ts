import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DbHandle, type RawQuery } from './platform/db';
import { migrate, migrationPlan } from './platform/db/migrate';
import { freshDatabase } from './test/harness';
import { modules, type Database } from './app';

/**
 * Databases migrated by the versions before per-module migration folders (main of 2026-11-29) recorded flat names
 * with repeated numbers (0005_labor_…, 0006_labor_…). These tests build such a database from that version's files,
 * kept unchanged as a fixture, and upgrade it with today's migrator and modules.
 */
const OLD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test/fixtures/main-2026-11-29');
const oldFiles = readdirSync(OLD)
  .filter((f) => f.endsWith('.sql'))
  .sort();
const plan = migrationPlan(modules);

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function open(): Promise<DbHandle<Database>> {
  const tdb = await freshDatabase();
  const handle = await openDatabase<Database>({ databaseUrl: tdb.config.databaseUrl, dataDir: tdb.config.dataDir, memory: true });
  cleanups.push(async () => {
    await handle.close();
    await tdb.drop();
  });
  return handle;
}

/** What the migrator of main-2026-11-29 did: every file in name order, each in its transaction with its row. */
async function migrateAsMainDid(q: RawQuery) {
  await q('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())');
  for (const f of oldFiles) {
    await q('begin');
    await q(readFileSync(path.join(OLD, f), 'utf8'));
    await q('insert into schema_migrations (name, applied_at) values ($1, $2)', [f, '2026-11-29T08:00:00Z']);
    await q('commit');
  }
}

/** Some rows in the tables of every module, written the way that version would have. */
async function insertData(q: RawQuery) {
  await q(`insert into regions (code, parent_code, name, level, full_name) values ('500000', null, '重庆市', 'province', '重庆市')`);
  await q(`insert into organisations (id, name, kind, region_code) values ('00000000-0000-4000-8000-000000000001', '升级测试企业', 'enterprise', '500000')`);
  await q(`insert into factory_sites (org_id, code, name) values ('00000000-0000-4000-8000-000000000001', 'QJ', '綦江工厂')`);
  await q(`insert into labor_region_pairs (west_region_code, east_region_code, note) values ('500000', '370000', '升级测试')`);
}

const columns = (q: RawQuery) =>
  q<{ t: string; c: string; d: string }>(
    "select table_name as t, column_name as c, data_type as d from information_schema.columns where table_schema = 'public' and table_name <> 'schema_migrations' order by 1, 2",
  );

describe('upgrading a database migrated by main-2026-11-29', () => {
  it('the fixture is that version: twelve flat files with repeated numbers, each mapped to one new name', () => {
    expect(oldFiles).toHaveLength(12);
    expect(oldFiles.filter((f) => f.startsWith('0006_'))).toHaveLength(3);
    expect([...plan.renames.keys()].sort()).toEqual(oldFiles);
    expect(new Set(plan.renames.values()).size).toBe(oldFiles.length);
    // Every old file is the new file it maps to, unchanged: renaming cannot skip a change.
    for (const [old, now] of plan.renames) {
      const file = plan.migrations.find((m) => m.name === now)!.file;
      expect(readFileSync(file, 'utf8'), `${old} → ${now}`).toBe(readFileSync(path.join(OLD, old), 'utf8'));
    }
  });

  it('renames the recorded migrations, applies nothing again, and keeps the data and the schema', async () => {
    const old = await open();
    await old.session(async (q) => {
      await migrateAsMainDid(q);
      await insertData(q);
    });
    const pairsBefore = await old.db.selectFrom('labor_region_pairs').select(['west_region_code', 'east_region_code', 'note']).orderBy('west_region_code').execute();

    const r = await migrate(old, plan);
    expect(r.applied).toEqual([]);
    expect(r.alreadyApplied).toBe(12);
    expect(new Map(r.renamed)).toEqual(plan.renames);

    const recorded = await old.session((q) => q<{ name: string; applied_at: Date }>('select name, applied_at from schema_migrations order by name'));
    expect(recorded.map((x) => x.name)).toEqual(plan.migrations.map((m) => m.name).sort());
    // When each was applied stays as it was: the rename is not a new application.
    expect(recorded.every((x) => new Date(x.applied_at).toISOString() === '2026-11-29T08:00:00.000Z')).toBe(true);

    const org = await old.db.selectFrom('organisations').select(['name', 'kind']).where('id', '=', '00000000-0000-4000-8000-000000000001').executeTakeFirstOrThrow();
    expect(org).toEqual({ name: '升级测试企业', kind: 'enterprise' });
    expect(await old.db.selectFrom('factory_sites').select(['code', 'name']).execute()).toEqual([{ code: 'QJ', name: '綦江工厂' }]);
    // The pairs the labour migration inserted are there once: it did not run again.
    expect(await old.db.selectFrom('labor_region_pairs').select(['west_region_code', 'east_region_code', 'note']).orderBy('west_region_code').execute()).toEqual(pairsBefore);
    expect(pairsBefore).toHaveLength(2);

    // The upgraded schema is the one a new database gets.
    const fresh = await open();
    await migrate(fresh, plan);
    expect(await old.session(columns)).toEqual(await fresh.session(columns));

    // A second start finds nothing to rename or apply.
    expect(await migrate(old, plan)).toEqual({ applied: [], alreadyApplied: 12, renamed: [] });
  });

  it('still refuses a database holding a migration this code does not know, and renames nothing then', async () => {
    const old = await open();
    await old.session(async (q) => {
      await migrateAsMainDid(q);
      await q("insert into schema_migrations (name) values ('0010_labor_from_the_future.sql')");
    });
    await expect(migrate(old, plan)).rejects.toThrow(/does not know \(0010_labor_from_the_future\.sql\)/);
    const names = await old.session((q) => q<{ name: string }>('select name from schema_migrations order by name'));
    expect(names.map((x) => x.name)).toEqual([...oldFiles, '0010_labor_from_the_future.sql'].sort());
  });
});
