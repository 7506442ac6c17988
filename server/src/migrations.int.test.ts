import { afterAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { narrowDb, narrowHandle, openDatabase, type DbHandle, type RawQuery } from './platform/db';
import { migrate, migrationPlan, pendingMigrations } from './platform/db/migrate';
import { freshDatabase, type TestDb } from './test/harness';
import { modules, type Database } from './app';
import type { PlatformDatabase } from './platform/db/tables';
import { loadModuleConfigs, mergeRoleTemplates, moduleContexts } from './platform/bootstrap';
import { CachedReads } from './platform/cached-reads';
import { SessionStore } from './platform/sessions';
import { createFieldCipher } from './platform/pii';
import { createLogger } from './platform/logger';

/**
 * Databases migrated by the versions before per-module migration folders (main of 2026-11-29) recorded flat names
 * with repeated numbers (0005_labor_…, 0006_labor_…). That version's files are today's, renamed (`git mv`): these
 * tests build such a database from today's files under their former names, each checked against the SHA-256 that
 * version's file had, and upgrade it with today's migrator and modules.
 */
const MAIN_2026_11_29: Record<string, string> = {
  '0001_identity_create_core.sql': '10771a5af581cce6e644b70f267a43ffd0c14d8362bfd39e90906e30d687069f',
  '0002_factory_create_equipment_telemetry.sql': 'c03ec25a4b91fedd655b5f4f12e616375d4ca4c34049c757faf6fab06cb2dfd1',
  '0003_factory_create_states_shifts.sql': '7d6db36c74894c6e342a40299a56a3c217971eca84e5088df508de1ba9ab9c87',
  '0004_factory_create_andon.sql': 'eb777262e1e366d4550ead64342e48a20c28e41f73722d09fa06958fcbf41da2',
  '0005_labor_create_workers_postings_shares.sql': 'a92a5e8ea7de22558cc9e61f755bc9679b7d12316721650cc4b1a9b5950b2067',
  '0005_labor_record_referrals.sql': '17560db61cc790a4c3441d7a2b78f7ba7c013238e2075d0346c31672fef79fc9',
  '0006_labor_create_allocations.sql': '3902987ab1d5ec8efeab380b0d81ffc44ec03c4682161b49602e71bd6e5f6641',
  '0006_labor_create_followups_alerts.sql': 'cafe772ce1eefedbe4e543d2a12283e6a57ed0b764d97cee225f5494f10d32a0',
  '0006_labor_create_training_workshops_posts.sql': '9bff186b773525f4f4e01bbbea41d060428f5ddbd2506b52d7d585ea446657d5',
  '0007_factory_create_rollup_queue.sql': '02eaf918dae0653250985b8f2b494f0ba9cb5d824850cfc9ae0cb911449723a4',
  '0008_labor_create_region_pairs.sql': 'c8818bb28fac6e2207c6953ab6affe879e20d111b6148d2e8d85c5298d622e69',
  '0009_labor_index_worker_list.sql': 'a65285f5ad27d32ec2cd5531c7b3cf361177cbb552ce36fc5f7e62ab3490777d',
};
const oldFiles = Object.keys(MAIN_2026_11_29).sort();
const plan = migrationPlan(modules);
/** The SQL main-2026-11-29 applied under an old name: today's file that name maps to. */
const oldSql = (old: string) => readFileSync(plan.migrations.find((m) => m.name === plan.renames.get(old))!.file, 'utf8');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sha256Bytes = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function open(): Promise<DbHandle<Database>> {
  return (await openWith()).handle;
}

async function openWith(): Promise<{ handle: DbHandle<Database>; tdb: TestDb }> {
  const tdb = await freshDatabase();
  const handle = await openDatabase<Database>({ databaseUrl: tdb.config.databaseUrl, dataDir: tdb.config.dataDir, memory: true, loadDataDir: tdb.loadDataDir });
  cleanups.push(async () => {
    await handle.close();
    await tdb.drop();
  });
  return { handle, tdb };
}

/**
 * The demo loaded into a database migrated as main-2026-11-29 did, the way its start loaded it: every module's
 * reference data, then its demo, without today's migrator touching the database first.
 */
async function seedAsMainDid(handle: DbHandle<Database>, tdb: TestDb) {
  const db = narrowDb<PlatformDatabase>()(handle.db);
  const configs = loadModuleConfigs(modules, tdb.config);
  const { contextOf: of } = moduleContexts(
    {
      db,
      handle: narrowHandle<PlatformDatabase>()(handle),
      config: tdb.config,
      log: createLogger('silent'),
      cipher: createFieldCipher(tdb.config.secret),
      sessions: new SessionStore(db, tdb.config.sessionTtlHours),
      reads: new CachedReads(db),
      permissions: () => modules.flatMap((mod) => mod.permissions),
      roleTemplates: () => mergeRoleTemplates(modules.flatMap((mod) => mod.roles)),
      metrics: new Registry(),
    },
    modules,
    configs,
  );
  // Today's seed also fills columns that later migrations added; that version's rows did not have them. They are
  // added for the seed and dropped after it, so the rows are what that version wrote and the upgrade adds them back.
  // Tables too: the later migrations the seed writes into are applied for it, and what they created is dropped after.
  const before = await handle.session(async (q) => {
    const tables = await q<{ t: string }>("select table_name as t from information_schema.tables where table_schema = 'public'");
    for (const [table, column, type] of LATER_COLUMNS) await q(`alter table ${table} add column ${column} ${type}`);
    for (const file of LATER_MIGRATIONS) await q(readFileSync(new URL(`../migrations/${file}`, import.meta.url), 'utf8'));
    return new Set(tables.map((r) => r.t));
  });
  for (const mod of modules) if (mod.sync) await mod.sync(of(mod.name));
  for (const mod of modules) if (mod.seedDemo) await mod.seedDemo(of(mod.name));
  await handle.session(async (q) => {
    for (const [table, column] of LATER_COLUMNS) await q(`alter table ${table} drop column ${column}`);
    for (const [table, column] of LATER_MIGRATION_COLUMNS) await q(`alter table ${table} drop column ${column}`);
    const now = await q<{ t: string }>("select table_name as t from information_schema.tables where table_schema = 'public'");
    for (const { t } of now) if (!before.has(t)) await q(`drop table if exists ${t} cascade`);
    for (const f of LATER_FUNCTIONS) await q(`drop function if exists ${f}`);
  });
}

/** Columns that migrations after main-2026-11-29 added and that today's demo seed writes (labor/0009). */
const LATER_COLUMNS: [table: string, column: string, type: string][] = [
  ['labor_referrals', 'note_ref', 'jsonb'],
  ['labor_referrals', 'step_note', 'text'],
  ['labor_worker_status_history', 'reason_ref', 'jsonb'],
  ['labor_relapse_alerts', 'reason_ref', 'jsonb'],
];

/** Migrations after main-2026-11-29 that create tables or columns today's demo seed fills (factory/0006: products, work
 * orders; factory/0008: the lines' ppm target; factory/0011: tools; factory/0012: crew days; talent/0001: people,
 * secondments, pairings; talent/0002–0003: dispatch, activities, mentoring; talent/0004: plans, visits; talent/0005: plans closed, items carried over; park/0001: the park's projects and registry; park/0002: retrofits and certifications; park/0003: sites and leases; park/0004: chains; trade/0001–0003: catalogue, RFQs, orders, supply agreements; factory/0013, 0016 and 0017, trade/0004, 0006 and 0009: the demo order's work order with its customer and the order it displaced, production link, payment terms and milestones, the award reading the RFQ's terms). */
const LATER_MIGRATIONS = [
  'factory/0006_create_production.sql',
  'factory/0008_quality_targets.sql',
  'factory/0011_create_tools.sql',
  'factory/0012_create_crew_days.sql',
  'talent/0001_create_people_secondments_pairings.sql',
  'talent/0002_create_demands_dispatches.sql',
  'talent/0003_create_activities_mentoring.sql',
  'talent/0004_create_plans_visits.sql',
  'talent/0005_close_plans_carry_over.sql',
  'park/0001_create_projects_enterprises.sql',
  'park/0002_create_retrofits_certifications.sql',
  'park/0003_create_sites_leases.sql',
  'park/0004_create_chains.sql',
  'trade/0001_create_catalogue_rfqs.sql',
  'trade/0002_award_orders.sql',
  'trade/0003_create_supply_contracts.sql',
  'factory/0013_add_work_order_reference.sql',
  'trade/0004_add_order_production.sql',
  'trade/0006_create_order_milestones.sql',
  'factory/0016_add_work_order_customer.sql',
  'factory/0017_work_order_displaced.sql',
  'trade/0009_add_rfq_payment_terms.sql',
];
/** …the functions they create (dropped with the tables after the seed), … */
const LATER_FUNCTIONS = ['talent_secondments_no_overlap()'];
/** …and the columns they add to that version's tables. */
const LATER_MIGRATION_COLUMNS: [table: string, column: string][] = [
  ['factory_lines', 'shift_target'],
  ['factory_lines', 'ppm_target'],
];

/** Row count of every table but schema_migrations. */
const rowCounts = async (handle: DbHandle<Database>) => {
  const tables = await handle.session((q) =>
    q<{ t: string }>(
      "select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'schema_migrations' order by 1",
    ),
  );
  const counts: Record<string, number> = {};
  for (const { t } of tables) counts[t] = (await handle.session((q) => q<{ n: number }>(`select count(*)::int as n from "${t}"`)))[0].n;
  return counts;
};

/** What the migrator of main-2026-11-29 did: every file in name order, each in its transaction with its row. */
async function migrateAsMainDid(q: RawQuery) {
  await q('create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())');
  for (const f of oldFiles) {
    await q('begin');
    await q(oldSql(f));
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
  // A dead letter stored whole, as that version did: factory/0005 keeps its first KiB, size and hash.
  await q(`insert into factory_dead_letters (topic, reason, detail, payload) values ('gb/v1/g/d', 'bad_json', 'x', decode(repeat('ff', 5000), 'hex'))`);
}

const columns = (q: RawQuery) =>
  q<{ t: string; c: string; d: string }>(
    "select table_name as t, column_name as c, data_type as d from information_schema.columns where table_schema = 'public' and table_name <> 'schema_migrations' order by 1, 2",
  );

describe('upgrading a database migrated by main-2026-11-29', () => {
  it('that version had twelve flat files with repeated numbers, each mapped to one new name', () => {
    expect(oldFiles).toHaveLength(12);
    expect(oldFiles.filter((f) => f.startsWith('0006_'))).toHaveLength(3);
    expect([...plan.renames.keys()].sort()).toEqual(oldFiles);
    expect(new Set(plan.renames.values()).size).toBe(oldFiles.length);
    // Every old file is the new file it maps to, unchanged: renaming cannot skip a change.
    for (const old of oldFiles) expect(sha256(oldSql(old)), old).toBe(MAIN_2026_11_29[old]);
  });

  // Two databases each migrated through every module's migrations on PGlite (the old one in two steps): ~15 s alone
  // on the 2-core machine, 60–66 s at a load average of 20 — past vitest's default 60 s. The bound is the demo
  // upgrade's below (which also seeds the demo): a run this slow is a loaded machine, not a hung migration.
  it('renames the recorded migrations, applies nothing again, and keeps the data and the schema', { timeout: 240_000 }, async () => {
    const old = await open();
    await old.session(async (q) => {
      await migrateAsMainDid(q);
      await insertData(q);
    });
    const pairsBefore = await old.db.selectFrom('labor_region_pairs').select(['west_region_code', 'east_region_code', 'note']).orderBy('west_region_code').execute();

    const r = await migrate(old, plan);
    // Only the migrations added since that release run (once; e.g. identity/0002, factory/0005); the old ones are renamed, not applied again.
    const renamedTo = new Set(plan.renames.values());
    const added = plan.migrations.map((m) => m.name).filter((n) => !renamedTo.has(n));
    expect([...r.applied].sort()).toEqual([...added].sort());
    expect(r.alreadyApplied).toBe(12);
    expect(new Map(r.renamed)).toEqual(plan.renames);

    const recorded = await old.session((q) => q<{ name: string; applied_at: Date }>('select name, applied_at from schema_migrations order by name'));
    expect(recorded.map((x) => x.name)).toEqual(plan.migrations.map((m) => m.name).sort());
    // When each was applied stays as it was: the rename is not a new application.
    expect(recorded.filter((x) => renamedTo.has(x.name)).every((x) => new Date(x.applied_at).toISOString() === '2026-11-29T08:00:00.000Z')).toBe(true);

    const org = await old.db.selectFrom('organisations').select(['name', 'kind']).where('id', '=', '00000000-0000-4000-8000-000000000001').executeTakeFirstOrThrow();
    expect(org).toEqual({ name: '升级测试企业', kind: 'enterprise' });
    expect(await old.db.selectFrom('factory_sites').select(['code', 'name']).execute()).toEqual([{ code: 'QJ', name: '綦江工厂' }]);
    // The pairs the labour migration inserted are there once: it did not run again.
    expect(await old.db.selectFrom('labor_region_pairs').select(['west_region_code', 'east_region_code', 'note']).orderBy('west_region_code').execute()).toEqual(pairsBefore);
    expect(pairsBefore).toHaveLength(2);
    const [dead] = await old.session((q) =>
      q<{ kept: number; size: number; sha256: string; truncated: boolean }>('select octet_length(payload) as kept, size, sha256, truncated from factory_dead_letters'),
    );
    expect(dead).toEqual({ kept: 1024, size: 5000, sha256: sha256Bytes(Buffer.alloc(5000, 0xff)), truncated: true });

    // The upgraded schema is the one a new database gets.
    const fresh = await open();
    await migrate(fresh, plan);
    expect(await old.session(columns)).toEqual(await fresh.session(columns));

    // A second start finds nothing to rename or apply.
    expect(await migrate(old, plan)).toEqual({ applied: [], alreadyApplied: 12 + added.length, renamed: [] });
  });

  it('upgrades the demo that version seeded: every row stays, personal data still decrypts, the demo password hashes stay', { timeout: 240_000 }, async () => {
    const { handle: old, tdb } = await openWith();
    await old.session(migrateAsMainDid);
    await seedAsMainDid(old, tdb);
    const before = await rowCounts(old);
    expect(before.labor_workers).toBeGreaterThan(100);
    const worker = await old.db
      .selectFrom('labor_workers')
      .select(['id', 'id_enc', 'phone_enc'])
      .where('phone_enc', 'is not', null)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const hashes = await old.db.selectFrom('users').select(['username', 'password_hash']).orderBy('username').execute();
    const cipher = createFieldCipher(tdb.config.secret);
    const idNumber = cipher.decrypt(worker.id_enc, 'labor_workers.id_number');

    // What today's release would do to it, listed first (migrate --dry-run), then done.
    const plan = migrationPlan(modules);
    const dry = await pendingMigrations(old, plan);
    expect(dry.renamed).toHaveLength(12);
    const r = await migrate(old, plan);
    expect(r.applied).toEqual(dry.pending.map((m) => m.name));
    expect(r.renamed).toEqual(dry.renamed);

    // Every row of that version is still there (tables a newer migration added may hold rows of their own).
    const after = await rowCounts(old);
    for (const [t, n] of Object.entries(before)) expect(after[t], t).toBe(n);
    const again = await old.db.selectFrom('labor_workers').select(['id_enc', 'phone_enc']).where('id', '=', worker.id).executeTakeFirstOrThrow();
    expect(cipher.decrypt(again.id_enc, 'labor_workers.id_number')).toBe(idNumber);
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(cipher.decrypt(again.phone_enc!, 'labor_workers.phone')).toMatch(/^1\d{10}$/);
    // The demo's accounts keep their password hashes: their passwords still sign in.
    expect(await old.db.selectFrom('users').select(['username', 'password_hash']).orderBy('username').execute()).toEqual(hashes);
    expect(hashes.map((u) => u.username)).toContain('admin');
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
