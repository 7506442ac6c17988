import { spawn } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { SingleBar } from 'cli-progress';
import pg from 'pg';
import type { Config } from '../platform/config';
import { DatabaseInUseError, openDatabase, pgliteDir, type DbHandle } from '../platform/db';
import { pendingMigrations, migrationPlan } from '../platform/db/migrate';
import { createFieldCipher } from '../platform/pii';
import { modules } from '../app';

/**
 * `gearbridge backup <file>` and `gearbridge restore <file>`. PGlite (DATA_DIR): the data directory as one gzipped
 * tarball (PGlite's own dump, which it opens again as it is). PostgreSQL (DATABASE_URL): pg_dump's custom format,
 * restored with pg_restore, both from the PostgreSQL client tools on PATH. The personal data inside stays encrypted
 * with GEARBRIDGE_SECRET, which is not in the file.
 */

/** Raised for an operator's mistake (wrong file, database not empty, tools missing): one line, exit 1. */
export class BackupError extends Error {}

/** A progress bar on stderr when it is a terminal; plain lines otherwise (logs, CI). */
export interface Progress {
  start(label: string, total: number): void;
  /** Advances to `value`; `detail` names the step (a table), printed as a line when not on a terminal. */
  update(value: number, detail?: string): void;
  stop(): void;
}

export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    let bar: SingleBar | undefined;
    return {
      start(label, total) {
        bar = new SingleBar({ stream, format: `${label} [{bar}] {value}/{total} {detail}`, hideCursor: true, clearOnComplete: false }, undefined);
        bar.start(total, 0, { detail: '' });
      },
      update: (value, detail = '') => bar?.update(Math.min(value, bar.getTotal()), { detail }),
      stop: () => bar?.stop(),
    };
  }
  let total = 0;
  return {
    start(label, t) {
      total = t;
      stream.write(`${label}\n`);
    },
    update(value, detail) {
      if (detail) stream.write(`  ${Math.min(value, total)}/${total} ${detail}\n`);
    },
    stop() {},
  };
}

const MiB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

type BackupKind = 'pglite' | 'pg_dump' | 'unknown';

/** What a file is, from its first bytes: a PGlite data-directory tarball (gzipped or not) or a pg_dump custom archive. */
export async function backupKind(file: string): Promise<BackupKind> {
  const head = Buffer.alloc(512);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 512, 0);
  } finally {
    closeSync(fd);
  }
  if (n >= 5 && head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump';
  const isTar = (b: Buffer) => b.length >= 262 && b.subarray(257, 262).toString('latin1') === 'ustar';
  if (isTar(head.subarray(0, n))) return 'pglite';
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return isTar(await gunzipHead(file, 512)) ? 'pglite' : 'unknown';
  return 'unknown';
}

/** The first `bytes` of a gzipped file, inflating no more than that. */
function gunzipHead(file: string, bytes: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const src = createReadStream(file);
    const gz = createGunzip();
    const done = () => {
      src.destroy();
      gz.destroy();
      resolve(Buffer.concat(chunks));
    };
    gz.on('data', (c: Buffer) => {
      chunks.push(c);
      got += c.length;
      if (got >= bytes) done();
    });
    gz.on('end', done);
    gz.on('error', done);
    src.on('error', done);
    src.pipe(gz);
  });
}

const KIND_HINT: Record<Exclude<BackupKind, 'unknown'>, string> = {
  pglite: 'a PGlite backup (gearbridge backup without DATABASE_URL): restore it with DATABASE_URL unset, into DATA_DIR',
  pg_dump: 'a PostgreSQL backup (pg_dump custom format): restore it with DATABASE_URL set to an empty PostgreSQL database',
};

function refuseExisting(file: string) {
  if (existsSync(file)) throw new BackupError(`${file} already exists: give a new file name (a backup never overwrites a file)`);
}

/** Writes `data` next to `file` and renames it into place, so a half-written backup never carries the final name. */
function writeAtomically(file: string, write: (tmp: string) => Promise<void>) {
  const tmp = `${file}.partial`;
  return write(tmp).then(
    () => renameSync(tmp, file),
    (err) => {
      rmSync(tmp, { force: true });
      throw err;
    },
  );
}

export async function backup(config: Config, fileIn: string, progress: Progress): Promise<string[]> {
  const file = path.resolve(fileIn);
  refuseExisting(file);
  return config.databaseUrl ? backupPostgres(config.databaseUrl, file, progress) : backupPglite(config.dataDir, file, progress);
}

export async function restore(config: Config, fileIn: string, opts: { force: boolean }, progress: Progress): Promise<string[]> {
  const file = path.resolve(fileIn);
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`cannot read ${fileIn}`);
  const kind = await backupKind(file);
  if (kind === 'unknown') throw new BackupError(`${fileIn} is not a Gearbridge backup (neither a PGlite data-directory tarball nor a pg_dump custom archive)`);
  const wanted = config.databaseUrl ? 'pg_dump' : 'pglite';
  if (kind !== wanted) throw new BackupError(`${fileIn} is ${KIND_HINT[kind]}`);
  const lines = config.databaseUrl ? await restorePostgres(config.databaseUrl, file, opts.force, progress) : await restorePglite(config.dataDir, file, opts.force, progress);
  // What the restored database says, read with this release's code and this environment's secret.
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    lines.push(...(await afterRestore(handle, config.secret)));
  } finally {
    await handle.close();
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// PGlite

function hasFiles(dir: string) {
  return existsSync(dir) && readdirSync(dir).length > 0;
}

async function isGearbridge(handle: DbHandle): Promise<boolean> {
  return handle.session(async (q) => !!(await q<{ t: string | null }>(`select to_regclass('schema_migrations')::text as t`))[0]?.t);
}

async function openPglite(dataDir: string, doing: string, loadDataDir?: Blob) {
  try {
    return await openDatabase({ dataDir, loadDataDir });
  } catch (err) {
    if (err instanceof DatabaseInUseError) throw new BackupError(`cannot ${doing} while the server runs: ${err.message}, then run this again and start it`);
    throw err;
  }
}

async function backupPglite(dataDir: string, file: string, progress: Progress): Promise<string[]> {
  if (!hasFiles(pgliteDir(dataDir))) throw new BackupError(`there is no database in ${dataDir} to back up (DATA_DIR; set DATABASE_URL for PostgreSQL)`);
  progress.start('Backing up the PGlite database', 3);
  try {
    const handle = await openPglite(dataDir, 'back up the database');
    let dump: Blob;
    try {
      progress.update(1, 'opened');
      if (!(await isGearbridge(handle))) throw new BackupError(`the database in ${dataDir} is not a Gearbridge database (no schema_migrations)`);
      dump = await handle.dumpDataDir!('gzip');
      progress.update(2, `dumped (${MiB(dump.size)})`);
    } finally {
      await handle.close();
    }
    await writeAtomically(file, async (tmp) => writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 }));
    progress.update(3, 'written');
    return [`backup written to ${file} (${MiB(dump.size)}, PGlite data directory of ${dataDir})`];
  } finally {
    progress.stop();
  }
}

async function restorePglite(dataDir: string, file: string, force: boolean, progress: Progress): Promise<string[]> {
  const dir = pgliteDir(dataDir);
  const lines: string[] = [];
  progress.start('Restoring the PGlite database', 3);
  try {
    if (hasFiles(dir)) {
      const existing = await openPglite(dataDir, 'restore');
      let tables: number;
      try {
        tables = await countTables(existing);
      } finally {
        await existing.close();
      }
      if (tables > 0 && !force)
        throw new BackupError(
          `${dataDir} already holds a database (${tables} tables): restore into an empty DATA_DIR, or add --force to replace it (the current one is kept beside it)`,
        );
      if (tables > 0) {
        const aside = `${dir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        renameSync(dir, aside);
        lines.push(`the database that was there is kept in ${aside}`);
      } else rmSync(dir, { recursive: true, force: true });
    }
    progress.update(1, 'target is empty');
    const handle = await openPglite(dataDir, 'restore', new Blob([readFileSync(file)]));
    let ok: boolean;
    try {
      progress.update(2, 'loaded');
      ok = await isGearbridge(handle);
    } finally {
      await handle.close();
    }
    if (!ok) {
      rmSync(dir, { recursive: true, force: true });
      throw new BackupError(`${file} is a PGlite data directory but not a Gearbridge database (no schema_migrations): nothing restored`);
    }
    progress.update(3, 'checked');
  } finally {
    progress.stop();
  }
  return [`restored ${file} into ${dir}`, ...lines];
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

const NO_TOOLS = (tool: string) =>
  `${tool} is not on PATH: install the PostgreSQL client tools of the server's major version or newer (Debian/Ubuntu: apt-get install postgresql-client)`;

/** Runs a client tool; each stderr line goes to onLine. Resolves with the exit code and the last stderr lines. */
function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void = () => {}): Promise<{ code: number; stdout: string; tail: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let rest = '';
    const tail: string[] = [];
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => {
      const parts = (rest + c.toString('utf8')).split('\n');
      rest = parts.pop()!;
      for (const l of parts) {
        onLine(l);
        tail.push(l);
        if (tail.length > 5) tail.shift();
      }
    });
    child.on('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? new BackupError(NO_TOOLS(tool)) : err));
    child.on('close', (code) => {
      if (rest) tail.push(rest);
      resolve({ code: code ?? 1, stdout, tail });
    });
  });
}

/** The URL without its password, which goes to the tools in PGPASSWORD (not on a command line others can read). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv; describe: string } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = {};
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env, describe: u.toString() };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const USER_TABLES = "select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')";

/** Tables holding rows (a partitioned parent holds none; pg_dump dumps its partitions). */
const DATA_TABLES =
  "select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace where c.relkind = 'r' and s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg_toast%'";

async function countTables(handle: DbHandle): Promise<number> {
  return handle.session(async (q) => (await q<{ n: number }>(USER_TABLES))[0].n);
}

/** pg_dump refuses a server of a newer major version; say which client to install instead of its long message. */
async function checkDumpVersion(url: string) {
  const v = await runTool('pg_dump', ['--version'], {});
  const client = Number(/(\d+)(?:\.\d+)?/.exec(v.stdout)?.[1]);
  const server = await withClient(url, async (c) => Math.floor(Number((await c.query<{ v: string }>('show server_version_num')).rows[0].v) / 10000));
  if (client < server)
    throw new BackupError(
      `pg_dump is version ${client}, the server ${server}: install the client tools of version ${server} or newer (Debian/Ubuntu: postgresql-client-${server})`,
    );
}

async function backupPostgres(url: string, file: string, progress: Progress): Promise<string[]> {
  const conn = connection(url);
  await checkDumpVersion(url);
  const tables = await withClient(url, async (c) => {
    if (!(await c.query(`select to_regclass('schema_migrations') as t`)).rows[0].t) throw new BackupError(`${conn.describe} is not a Gearbridge database (no schema_migrations)`);
    // Tables holding rows (a partitioned parent holds none; pg_dump names its partitions).
    return (await c.query<{ n: number }>(DATA_TABLES)).rows[0].n;
  });
  progress.start('Backing up the PostgreSQL database', tables);
  let done = 0;
  try {
    await writeAtomically(file, async (tmp) => {
      const r = await runTool('pg_dump', ['--format=custom', '--verbose', '--no-owner', `--file=${tmp}`, `--dbname=${conn.dbname}`], conn.env, (line) => {
        const m = /dumping contents of table "?([^"]+)"?/.exec(line);
        if (m) progress.update(++done, m[1]);
      });
      if (r.code !== 0) throw new BackupError(`pg_dump failed (exit ${r.code}): ${r.tail.filter(Boolean).at(-1) ?? ''}`);
    });
  } finally {
    progress.stop();
  }
  return [`backup written to ${file} (${MiB(statSync(file).size)}, pg_dump custom format of ${conn.describe}, ${done} tables)`];
}

async function restorePostgres(url: string, file: string, force: boolean, progress: Progress): Promise<string[]> {
  const conn = connection(url);
  const list = await runTool('pg_restore', ['--list', file], {});
  if (list.code !== 0) throw new BackupError(`pg_restore cannot read ${file}: ${list.tail.filter(Boolean).at(-1) ?? ''}`);
  if (!/ TABLE \S+ schema_migrations /.test(list.stdout))
    throw new BackupError(`${file} is a pg_dump archive but not of a Gearbridge database (no schema_migrations): nothing restored`);
  const total = list.stdout.split('\n').filter((l) => / TABLE DATA /.test(l)).length;
  const lines: string[] = [];
  await withClient(url, async (c) => {
    const tables = (await c.query<{ n: number }>(USER_TABLES)).rows[0].n;
    if (tables > 0 && !force)
      throw new BackupError(
        `${conn.describe} is not empty (${tables} tables): restore into a new empty database (createdb), or add --force to drop what is in its public schema first`,
      );
    if (tables > 0) {
      await c.query('drop schema public cascade; create schema public');
      lines.push(`the public schema of ${conn.describe} was dropped and recreated before the restore (--force)`);
    }
  });
  progress.start('Restoring the PostgreSQL database', total);
  let done = 0;
  try {
    // One transaction: a failed restore leaves the database as empty as it was.
    const r = await runTool(
      'pg_restore',
      ['--verbose', '--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${conn.dbname}`, file],
      conn.env,
      (line) => {
        const m = /processing data for table "?([^"]+)"?/.exec(line);
        if (m) progress.update(++done, m[1]);
      },
    );
    if (r.code !== 0) throw new BackupError(`pg_restore failed (exit ${r.code}), nothing restored: ${r.tail.filter(Boolean).at(-1) ?? ''}`);
  } finally {
    progress.stop();
  }
  return [`restored ${file} into ${conn.describe} (${done} tables)`, ...lines];
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * After a restore: the migrations this release would still apply (a backup of an older release; `migrate` or `start`
 * applies them), and whether this environment's GEARBRIDGE_SECRET opens the personal data in it.
 */
async function afterRestore(handle: DbHandle, secret: string): Promise<string[]> {
  const lines: string[] = [];
  const { pending, alreadyApplied } = await pendingMigrations(handle, migrationPlan(modules));
  lines.push(
    pending.length
      ? `${alreadyApplied} migrations recorded; ${pending.length} newer ones of this release are pending: gearbridge migrate (or gearbridge start) applies them`
      : `${alreadyApplied} migrations recorded: the schema is this release's`,
  );
  const sample = await handle.db.selectFrom('users').select('phone_enc').where('phone_enc', 'is not', null).limit(1).executeTakeFirst();
  if (sample?.phone_enc) {
    try {
      createFieldCipher(secret).decrypt(sample.phone_enc, 'users.phone');
      lines.push('GEARBRIDGE_SECRET opens the personal data of this backup');
    } catch {
      throw new BackupError(
        'restored, but this GEARBRIDGE_SECRET does not open the personal data in it (ID numbers, phones, names stay unreadable): ' +
          'set GEARBRIDGE_SECRET to the secret of the installation the backup came from (or copy its DATA_DIR/secret.key) before starting',
      );
    }
  }
  return lines;
}
