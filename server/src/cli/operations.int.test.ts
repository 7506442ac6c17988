import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freshDatabase, seededOnDisk, usingPostgres, type TestDb } from '../test/harness';
import { cli, cliEnv as envOf, gearbridgeBin as bin, spawnCli } from '../test/cli';
import { openDatabase, pgliteDir } from '../platform/db';
import { LOCK_FILE } from '../platform/db/lock';
import { migrationPlan } from '../platform/db/migrate';
import { createFieldCipher } from '../platform/pii';
import { modules, type Database } from '../app';

/**
 * The operator's commands: backup and restore of the demo (PGlite in DATA_DIR, or PostgreSQL with
 * pg_dump/pg_restore when DATABASE_URL is set), the PGlite lock against a second process, and `migrate --dry-run`.
 * They run in this process (cli/run.ts, what the `gearbridge` process runs); a real process where only one shows
 * the behaviour: a backup's exit and its progress on stderr, the server holding the lock, PATH without the tools.
 */
const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0 && spawnSync('pg_restore', ['--version']).status === 0;
const kind = usingPostgres() ? 'PostgreSQL' : 'PGlite';
// PostgreSQL's backup needs the client tools; without them the test is skipped, and named as such.
const canBackup = !usingPostgres() || hasPgDump;

const run = (env: NodeJS.ProcessEnv, args: string[]) => cli(env, args);

/** Row count of every table, and one labour worker's ID number decrypted with the secret. */
async function contents(tdb: TestDb, workerId?: string) {
  const h = await openDatabase<Database>({ databaseUrl: tdb.config.databaseUrl, dataDir: tdb.config.dataDir });
  try {
    const tables = await h.session((q) =>
      q<{ t: string }>("select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1"),
    );
    const counts: Record<string, number> = {};
    for (const { t } of tables) counts[t] = (await h.session((q) => q<{ n: number }>(`select count(*)::int as n from "${t}"`)))[0].n;
    let q = h.db.selectFrom('labor_workers').select(['id', 'id_enc']).orderBy('id').limit(1);
    if (workerId) q = q.where('id', '=', workerId);
    const w = await q.executeTakeFirstOrThrow();
    return { counts, workerId: w.id, idNumber: createFieldCipher(tdb.config.secret).decrypt(w.id_enc, 'labor_workers.id_number') };
  } finally {
    await h.close();
  }
}

const dbs: TestDb[] = [];
async function fresh(overrides: Record<string, string> = {}) {
  const tdb = await freshDatabase(overrides);
  dbs.push(tdb);
  return tdb;
}
let source: TestDb;
let backupDir: string;

beforeAll(async () => {
  // The seeded demo (cli.int.test.ts proves `gearbridge seed` loads it), where the CLI opens it.
  source = await seededOnDisk();
  dbs.push(source);
  backupDir = mkdtempSync(path.join(tmpdir(), 'gb-backup-'));
}, 240_000);
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

describe(`gearbridge backup and restore (${kind})`, { timeout: 300_000 }, () => {
  it.runIf(canBackup)('backs up the demo, restores it into a fresh database: the same rows, personal data readable with the same secret', async () => {
    const file = path.join(backupDir, `demo.${usingPostgres() ? 'dump' : 'tar.gz'}`);
    // A real process: it exits 0 when done, its progress on stderr.
    const b = await spawnCli(envOf(source), ['backup', file]);
    expect(b.err).not.toContain('gearbridge:');
    expect(b.code).toBe(0);
    expect(b.out).toContain(`backup written to ${file}`);
    expect(b.out).toContain('Keep GEARBRIDGE_SECRET in a separate safe place');
    // Not a terminal here: the progress is plain lines on stderr.
    expect(b.err).toContain(usingPostgres() ? 'public.labor_workers' : '3/3 written');
    // A second backup never overwrites the first.
    const again = await run(envOf(source), ['backup', file]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');

    const target = await fresh({ GEARBRIDGE_SECRET: source.config.secret });
    const r = await run(envOf(target), ['restore', file]);
    expect(r.err).not.toContain('gearbridge:');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`restored ${file}`);
    expect(r.out).toContain(`${migrationPlan(modules).migrations.length} migrations recorded: the schema is this release's`);
    expect(r.out).toContain('GEARBRIDGE_SECRET opens the personal data of this backup');

    const before = await contents(source);
    const after = await contents(target, before.workerId);
    expect(after.counts).toEqual(before.counts);
    expect(Object.keys(before.counts).length).toBeGreaterThan(30);
    expect(before.counts.labor_workers).toBeGreaterThan(100);
    expect(after.idNumber).toBe(before.idNumber);
    expect(after.idNumber).toMatch(/^\d{17}[\dX]$/);

    // Restoring again would overwrite the restored database: refused without --force.
    const over = await run(envOf(target), ['restore', file]);
    expect(over.code).toBe(1);
    expect(over.err).toMatch(/already holds a database|is not empty/);
    expect(over.err).toContain('--force');
    const forced = await run(envOf(target), ['restore', file, '--force']);
    expect(forced.code).toBe(0);
    expect((await contents(target, before.workerId)).counts).toEqual(before.counts);

    // Another installation's secret cannot read the personal data: the restore says so and fails.
    const stranger = await fresh();
    const wrong = await run(envOf(stranger), ['restore', file]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('this GEARBRIDGE_SECRET does not open the personal data');

    // The other kind's backup, or any other file: refused with what it is.
    const notBackup = path.join(backupDir, 'notes.txt');
    writeFileSync(notBackup, 'not a backup\n');
    const empty = await fresh({ GEARBRIDGE_SECRET: source.config.secret });
    const bad = await run(envOf(empty), ['restore', notBackup]);
    expect(bad.code).toBe(1);
    expect(bad.err.trim()).toBe(`gearbridge: ${notBackup} is not a Gearbridge backup (neither a PGlite data-directory tarball nor a pg_dump custom archive)`);
    const otherKind = await run(usingPostgres() ? { ...envOf(empty), DATABASE_URL: '' } : { ...envOf(empty), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }, [
      'restore',
      file,
    ]);
    expect(otherKind.code).toBe(1);
    expect(otherKind.err).toContain(usingPostgres() ? 'is a PostgreSQL backup (pg_dump custom format)' : 'is a PGlite backup');
  });

  it.runIf(usingPostgres())('without the PostgreSQL client tools on PATH says which package to install, in one line', async () => {
    // A real process: the tools are looked up on its PATH.
    const env = { ...envOf(source), PATH: path.dirname(process.execPath) };
    const b = await spawnCli(env, ['backup', path.join(backupDir, 'no-tools.dump')]);
    expect(b.code).toBe(1);
    expect(b.err.trim()).toBe(
      "gearbridge: pg_dump is not on PATH: install the PostgreSQL client tools of the server's major version or newer (Debian/Ubuntu: apt-get install postgresql-client)",
    );
    expect(existsSync(path.join(backupDir, 'no-tools.dump'))).toBe(false);
  });

  // Listed as skipped, with the reason, only where it applies.
  if (!canBackup) it.skip('PostgreSQL backup and restore: pg_dump / pg_restore are not on PATH (apt-get install postgresql-client)', () => {});
});

// CI (GEARBRIDGE_REQUIRE_SERVICES=1) must run the PostgreSQL backup test: there missing client tools fail.
describe.runIf(process.env.GEARBRIDGE_REQUIRE_SERVICES === '1' && usingPostgres())('what the PostgreSQL backup test needs (required in CI)', () => {
  it('has pg_dump and pg_restore on PATH', () => {
    expect(hasPgDump, 'pg_dump or pg_restore missing (apt-get install postgresql-client)').toBe(true);
  });
});

describe.runIf(!usingPostgres())('the PGlite data directory is one process’s', { timeout: 300_000 }, () => {
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
  });

  it('refuses export, backup and migrate beside a running server, naming it; works again once it stopped', async () => {
    const env = envOf(source, { PORT: '0', HOST: '127.0.0.1', MQTT_PORT: String(20000 + Math.floor(Math.random() * 20000)), GEARBRIDGE_SIMULATE: '0' });
    server = spawn(process.execPath, [bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Gearbridge is running')) resolve();
      });
      server!.on('exit', (code) => reject(new Error(`start exited ${code}: ${out}`)));
    });
    const held = `is in use by another Gearbridge process (pid ${server.pid}, "gearbridge start"`;
    const exp = await run(env, ['export', 'users', '--out', path.join(backupDir, 'users.xlsx')]);
    expect(exp.code).toBe(1);
    expect(exp.err).toContain(held);
    expect(exp.err).toContain('Stop that process first');
    const b = await run(env, ['backup', path.join(backupDir, 'held.tar.gz')]);
    expect(b.code).toBe(1);
    expect(b.err).toContain('cannot back up the database while the server runs');
    expect(b.err).toContain(held);
    expect(existsSync(path.join(backupDir, 'held.tar.gz'))).toBe(false);
    expect((await run(env, ['migrate', '--dry-run'])).err).toContain(held);

    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
    server = undefined;
    expect(existsSync(path.join(source.config.dataDir, LOCK_FILE))).toBe(false);
    const after = await run(env, ['export', 'users', '--out', path.join(backupDir, 'users.xlsx')]);
    expect(after.err).toBe('');
    expect(after.out).toMatch(/^\d+ rows written/);
  });

  it('takes over a lock left by a process that is gone (killed, machine restarted)', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path.join(source.config.dataDir, LOCK_FILE), JSON.stringify({ pid: Number(gone), startedAt: '2026-01-01T00:00:00.000Z', command: 'start' }));
    const r = await run(envOf(source), ['export', 'orgs', '--out', path.join(backupDir, 'orgs.xlsx')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(path.join(source.config.dataDir, LOCK_FILE))).toBe(false);
  });
});

describe('gearbridge migrate --dry-run', { timeout: 240_000 }, () => {
  const all = migrationPlan(modules).migrations;

  it('on a fresh database lists every migration by module, with its file, and creates nothing', async () => {
    const empty = await fresh();
    const r = await run(envOf(empty), ['migrate', '--dry-run']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^dry run, nothing changed \\(.*\\): ${all.length} migrations would run$`));
    // Each module's heading, then its migrations in apply order, each with its file.
    const expected: string[] = [];
    for (const m of all) {
      const mod = m.name.split('/')[0];
      if (!expected.includes(`${mod}:`)) expected.push(`${mod}:`);
      expected.push(`  ${m.name}  (${path.relative(process.cwd(), m.file)})`);
    }
    expect(lines.slice(1)).toEqual(expected);
    expect(lines).toContain('identity:');
    // Nothing was written: no schema_migrations table (PostgreSQL), no database directory (PGlite).
    if (usingPostgres()) {
      const h = await openDatabase({ databaseUrl: empty.config.databaseUrl, dataDir: empty.config.dataDir });
      try {
        expect(await h.session((q) => q(`select to_regclass('schema_migrations')::text as t`))).toEqual([{ t: null }]);
      } finally {
        await h.close();
      }
    } else expect(existsSync(pgliteDir(empty.config.dataDir))).toBe(false);
  });

  it('on a migrated database lists nothing to do', async () => {
    const r = await run(envOf(source), ['migrate', '--dry-run']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(`dry run, nothing changed (${all.length} applied): up to date`);
  });

  it('on a database missing the newest migration lists that one only', async () => {
    const partial = await fresh();
    const h = await openDatabase({ databaseUrl: partial.config.databaseUrl, dataDir: partial.config.dataDir });
    try {
      const { migrate } = await import('../platform/db/migrate');
      const plan = migrationPlan(modules);
      await migrate(h, { ...plan, migrations: plan.migrations.slice(0, -1) });
    } finally {
      await h.close();
    }
    const last = all.at(-1)!;
    const r = await run(envOf(partial), ['migrate', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toEqual([
      `dry run, nothing changed (${all.length - 1} applied): 1 migrations would run`,
      `${last.name.split('/')[0]}:`,
      `  ${last.name}  (${path.relative(process.cwd(), last.file)})`,
    ]);
    // Still pending afterwards: the dry run applied nothing.
    expect((await run(envOf(partial), ['migrate', '--dry-run'])).out).toContain('1 migrations would run');
    expect(readdirSync(partial.config.dataDir)).not.toContain(LOCK_FILE);
  });
});
