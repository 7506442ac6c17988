import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from './index';

/** server/migrations: one folder per module, server/migrations/<module>/NNNN_<verb_noun>.sql. */
export const migrationsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

const FILE = /^\d{4}_[a-z0-9]+(_[a-z0-9]+)*\.sql$/;
const FOLDER = /^[a-z][a-z0-9]*$/;
// Any constant works; it only has to be the same in every process that migrates this database.
const LOCK_KEY = 741_852_963;

/** What a module says about its migrations (GearbridgeModule.migrations). */
export interface ModuleMigrations {
  /** Its folder; the folder's name is the prefix of every recorded name (`labor/0003_create_allocations.sql`). */
  dir: string;
  /**
   * The names its files were recorded under before migrations moved into per-module folders (old name → file
   * name in `dir`). A database migrated then has its schema_migrations rows renamed once, nothing re-applied.
   */
  formerNames?: Readonly<Record<string, string>>;
}

export interface Migration {
  /** `<folder>/<file>`: what schema_migrations records. */
  name: string;
  file: string;
}

/** Every migration in apply order, and the renames of names recorded before the per-module folders. */
export interface MigrationPlan {
  migrations: Migration[];
  renames: Map<string, string>;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
  /** schema_migrations rows renamed from a former name (old → new). */
  renamed: [string, string][];
}

/** A module's migration files in order; names must look like 0001_verb_noun.sql and their numbers be unique. */
export function listMigrations(dir: string): string[] {
  const folder = path.basename(dir);
  if (!FOLDER.test(folder)) throw new Error(`a migrations folder is named after its module (lower case letters and digits): ${folder}`);
  if (!existsSync(dir)) throw new Error(`migrations folder ${folder} does not exist`);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const bad = files.filter((f) => !FILE.test(f));
  if (bad.length) throw new Error(`migration file names must look like 0001_verb_noun.sql: ${bad.map((f) => `${folder}/${f}`).join(', ')}`);
  const numbers = files.map((f) => f.slice(0, 4));
  const repeated = files.filter((f, i) => numbers.indexOf(f.slice(0, 4)) !== i);
  if (repeated.length) throw new Error(`migration numbers repeat in ${folder}: ${repeated.join(', ')}`);
  return files;
}

/**
 * The global apply order: modules in the order of the composition root's list (identity, which the others reference,
 * first), each module's files in number order. A module may reference only tables of modules listed before it —
 * which, since modules reference no other module, means the directory and the platform's tables.
 */
export function migrationPlan(modules: readonly { name: string; migrations?: ModuleMigrations }[]): MigrationPlan {
  const migrations: Migration[] = [];
  const renames = new Map<string, string>();
  const folders = new Set<string>();
  for (const mod of modules) {
    if (!mod.migrations) continue;
    const { dir, formerNames = {} } = mod.migrations;
    const folder = path.basename(dir);
    if (folders.has(folder)) throw new Error(`two modules use the migrations folder ${folder}`);
    folders.add(folder);
    const files = listMigrations(dir);
    for (const f of files) migrations.push({ name: `${folder}/${f}`, file: path.join(dir, f) });
    for (const [old, now] of Object.entries(formerNames)) {
      if (!files.includes(now)) throw new Error(`module ${mod.name}: former migration ${old} maps to ${folder}/${now}, which does not exist`);
      if (renames.has(old)) throw new Error(`former migration ${old} is claimed twice`);
      renames.set(old, `${folder}/${now}`);
    }
  }
  return { migrations, renames };
}

/** What the recorded names mean for the plan; refuses a database holding a migration the plan does not know. */
function compare(recorded: string[], plan: MigrationPlan) {
  const done = new Set(recorded.map((n) => plan.renames.get(n) ?? n));
  const known = new Set(plan.migrations.map((m) => m.name));
  const unknown = [...done].filter((n) => !known.has(n));
  if (unknown.length) {
    throw new Error(`the database has migrations this code does not know (${unknown.join(', ')}): is this an older version?`);
  }
  const renamed = recorded.filter((n) => plan.renames.has(n)).map((n): [string, string] => [n, plan.renames.get(n)!]);
  return { done, renamed, pending: plan.migrations.filter((m) => !done.has(m.name)) };
}

export interface PendingMigrations {
  /** In apply order. */
  pending: Migration[];
  alreadyApplied: number;
  /** schema_migrations rows that would be renamed from a former name (old → new). */
  renamed: [string, string][];
}

/**
 * What `migrate` would do, changing nothing: not even the schema_migrations table is created (a database without
 * it has every migration pending).
 */
export async function pendingMigrations<D>(handle: DbHandle<D>, plan: MigrationPlan): Promise<PendingMigrations> {
  return handle.session(async (q) => {
    const [table] = await q<{ t: string | null }>(`select to_regclass('schema_migrations')::text as t`);
    const recorded = table?.t ? (await q<{ name: string }>('select name from schema_migrations')).map((r) => r.name) : [];
    const { done, renamed, pending } = compare(recorded, plan);
    return { pending, alreadyApplied: done.size, renamed };
  });
}

/**
 * Applies pending forward-only migrations, each in its own transaction with its schema_migrations row. A
 * session-level advisory lock makes a second process that starts at the same moment wait, then find nothing left
 * to do. Rows recorded under a former name are renamed first, all in one transaction; a database holding a
 * migration the plan does not know is refused before anything is applied.
 */
export async function migrate<D>(handle: DbHandle<D>, plan: MigrationPlan): Promise<MigrationResult> {
  return handle.session(async (q) => {
    await q(`select pg_advisory_lock(${LOCK_KEY})`);
    try {
      await q(`create table if not exists schema_migrations (
        name text primary key,
        applied_at timestamptz not null default now()
      )`);
      const recorded = (await q<{ name: string }>('select name from schema_migrations')).map((r) => r.name);
      const { done, renamed } = compare(recorded, plan);
      if (renamed.length) {
        await q('begin');
        try {
          // applied_at stays: the rename records where a file went, not a new application.
          for (const [old, now] of renamed) await q('update schema_migrations set name = $2 where name = $1', [old, now]);
          await q('commit');
        } catch (err) {
          await q('rollback');
          throw new Error(`renaming recorded migrations failed: ${(err as Error).message}`);
        }
      }
      const applied: string[] = [];
      for (const m of plan.migrations) {
        if (done.has(m.name)) continue;
        const script = readFileSync(m.file, 'utf8');
        await q('begin');
        try {
          await q(script);
          await q('insert into schema_migrations (name) values ($1)', [m.name]);
          await q('commit');
        } catch (err) {
          await q('rollback');
          throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
        }
        applied.push(m.name);
      }
      return { applied, alreadyApplied: done.size, renamed };
    } finally {
      await q(`select pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
}
