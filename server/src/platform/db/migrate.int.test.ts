import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type DbHandle } from './index';
import { listMigrations, migrate, migrationPlan, type ModuleMigrations } from './migrate';
import { freshDatabase, usingPostgres, type TestDb } from '../../test/harness';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function open(): Promise<{ handle: DbHandle; tdb: TestDb }> {
  const tdb = await freshDatabase();
  const handle = await openDatabase({ databaseUrl: tdb.config.databaseUrl, dataDir: tdb.config.dataDir, memory: true, loadDataDir: tdb.loadDataDir });
  cleanups.push(async () => {
    await handle.close();
    await tdb.drop();
  });
  return { handle, tdb };
}

/** A module's migrations folder holding these files, in a fresh temporary directory. */
function folder(name: string, files: Record<string, string>, formerNames?: Record<string, string>): ModuleMigrations {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gb-mig-')), name);
  mkdirSync(dir);
  for (const [f, sql] of Object.entries(files)) writeFileSync(path.join(dir, f), sql);
  return { dir, formerNames };
}

// Two modules; beta references alpha's table, so alpha must come first.
const alpha = folder('alpha', {
  '0001_create_things.sql': 'create table alpha_things (id int primary key);',
  '0002_add_label.sql': 'alter table alpha_things add column label text;',
});
const beta = folder('beta', { '0001_create_parts.sql': 'create table beta_parts (id int primary key, thing_id int references alpha_things(id));' });
const twoModules = [
  { name: 'alpha', migrations: alpha },
  { name: 'beta', migrations: beta },
  // A module without tables has nothing to migrate.
  { name: 'gamma' },
];
const ALL = ['alpha/0001_create_things.sql', 'alpha/0002_add_label.sql', 'beta/0001_create_parts.sql'];

describe('migrations', () => {
  it('apply in list order, each module by number, once; then report nothing to do', async () => {
    const { handle } = await open();
    const plan = migrationPlan(twoModules);
    expect(plan.migrations.map((m) => m.name)).toEqual(ALL);
    expect(await migrate(handle, plan)).toEqual({ applied: ALL, alreadyApplied: 0, renamed: [] });
    expect(await migrate(handle, plan)).toEqual({ applied: [], alreadyApplied: 3, renamed: [] });
    const recorded = await handle.session((q) => q<{ name: string }>('select name from schema_migrations order by name'));
    expect(recorded.map((r) => r.name)).toEqual(ALL);
  });

  it('apply a module added later after what is already there', async () => {
    const { handle } = await open();
    await migrate(handle, migrationPlan([{ name: 'alpha', migrations: alpha }]));
    expect((await migrate(handle, migrationPlan(twoModules))).applied).toEqual(['beta/0001_create_parts.sql']);
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
    const plan = migrationPlan(twoModules);
    const [ra, rb] = await Promise.all([migrate(a, plan), migrate(b, plan)]);
    // One of them did the work; the other waited on the advisory lock and found it done.
    expect([ra.applied.length, rb.applied.length].sort()).toEqual([0, ALL.length]);
  });

  it('roll a failing migration back entirely and name it; the ones before it stay applied', async () => {
    const { handle } = await open();
    const broken = folder('broken', { '0001_break_things.sql': 'create table half_done (id int);\nselect * from no_such_table;' });
    const plan = migrationPlan([...twoModules, { name: 'broken', migrations: broken }]);
    await expect(migrate(handle, plan)).rejects.toThrow(/migration broken\/0001_break_things\.sql failed/);
    const t = await handle.session((q) => q<{ n: number }>("select count(*)::int as n from information_schema.tables where table_name = 'half_done'"));
    expect(t[0].n).toBe(0);
    expect((await migrate(handle, migrationPlan(twoModules))).applied).toEqual([]);
  });

  it('refuse a database that has migrations this code does not know', async () => {
    const { handle } = await open();
    const plan = migrationPlan(twoModules);
    await migrate(handle, plan);
    await handle.session((q) => q("insert into schema_migrations (name) values ('delta/0001_future_thing.sql')"));
    await expect(migrate(handle, plan)).rejects.toThrow(/does not know \(delta\/0001_future_thing\.sql\)/);
  });

  it('rename rows recorded under a former name once, in one transaction, without applying the file again', async () => {
    const { handle } = await open();
    const flat = folder('flat', { '0001_alpha_create_things.sql': 'create table alpha_things (id int primary key);' });
    await migrate(handle, migrationPlan([{ name: 'flat', migrations: flat }]));
    await handle.session((q) => q("update schema_migrations set name = '0001_alpha_create_things.sql'"));
    const renamed = folder('alpha', { '0001_create_things.sql': 'create table alpha_things (id int primary key);' }, { '0001_alpha_create_things.sql': '0001_create_things.sql' });
    const plan = migrationPlan([{ name: 'alpha', migrations: renamed }]);
    // Applying the file again would fail: the table exists.
    expect(await migrate(handle, plan)).toEqual({ applied: [], alreadyApplied: 1, renamed: [['0001_alpha_create_things.sql', 'alpha/0001_create_things.sql']] });
    expect(await migrate(handle, plan)).toEqual({ applied: [], alreadyApplied: 1, renamed: [] });
  });

  it('refuse badly named files, repeated numbers, a former name pointing nowhere, and a folder used twice', () => {
    expect(() => listMigrations(folder('alpha', { 'add-stuff.sql': 'select 1' }).dir)).toThrow(/alpha\/add-stuff\.sql/);
    expect(() => listMigrations(folder('alpha', { '0006_create_a.sql': 'select 1', '0006_create_b.sql': 'select 1' }).dir)).toThrow(/numbers repeat in alpha: 0006_create_b\.sql/);
    expect(() => migrationPlan([{ name: 'alpha', migrations: folder('alpha', { '0001_create_a.sql': 'select 1' }, { '0001_old.sql': '0002_missing.sql' }) }])).toThrow(
      /former migration 0001_old\.sql maps to alpha\/0002_missing\.sql, which does not exist/,
    );
    expect(() =>
      migrationPlan([
        { name: 'alpha', migrations: alpha },
        { name: 'again', migrations: alpha },
      ]),
    ).toThrow(/two modules use the migrations folder alpha/);
  });
});
