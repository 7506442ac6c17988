import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from './index';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

const NAME = /^\d{4}_[a-z]+_[a-z0-9_]+\.sql$/;
// Any constant works; it only has to be the same in every process that migrates this database.
const LOCK_KEY = 741_852_963;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export function listMigrations(dir = migrationsDir): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const bad = files.filter((f) => !NAME.test(f));
  if (bad.length) throw new Error(`migration file names must look like 0001_context_verb_noun.sql: ${bad.join(', ')}`);
  return files;
}

/**
 * Applies pending forward-only migrations, each in its own transaction. A session-level advisory lock makes a
 * second process that starts at the same moment wait, then find nothing left to do.
 */
export async function migrate(handle: DbHandle, dir = migrationsDir): Promise<MigrationResult> {
  const files = listMigrations(dir);
  return handle.session(async (q) => {
    await q(`select pg_advisory_lock(${LOCK_KEY})`);
    try {
      await q(`create table if not exists schema_migrations (
        name text primary key,
        applied_at timestamptz not null default now()
      )`);
      const done = new Set((await q<{ name: string }>('select name from schema_migrations')).map((r) => r.name));
      const unknown = [...done].filter((n) => !files.includes(n));
      if (unknown.length) {
        throw new Error(`the database has migrations this code does not know (${unknown.join(', ')}): is this an older version?`);
      }
      const applied: string[] = [];
      for (const f of files) {
        if (done.has(f)) continue;
        const script = readFileSync(path.join(dir, f), 'utf8');
        await q('begin');
        try {
          await q(script);
          await q('insert into schema_migrations (name) values ($1)', [f]);
          await q('commit');
        } catch (err) {
          await q('rollback');
          throw new Error(`migration ${f} failed: ${(err as Error).message}`);
        }
        applied.push(f);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await q(`select pg_advisory_unlock(${LOCK_KEY})`);
    }
  });
}
