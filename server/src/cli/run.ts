import { parseArgs } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../platform/config';
import { DatabaseInUseError, narrowHandle, openDatabase, pgliteDir } from '../platform/db';
import type { PlatformDatabase } from '../platform/db/tables';
import { loadModuleConfigs } from '../platform/bootstrap';
import { migrate, migrationPlan, pendingMigrations, type Migration } from '../platform/db/migrate';
import { createLogger, type Logger } from '../platform/logger';
import { DomainError } from '../platform/errors';
import { createMetricsRegistry, serveMetrics } from '../platform/metrics';
import { DEMO_PASSWORD, DEMO_USERS } from '../modules/identity';
import { createPlatform, modules, type Database } from '../app';
import { runExport, runImport, createAdmin } from './tasks';
import { BackupError, backup, restore, stderrProgress } from './backup';

/** The commands modules contribute (GearbridgeModule.commands), one line each. */
function moduleCommandsUsage(): string {
  return modules
    .flatMap((mod) => Object.entries(mod.commands ?? {}))
    .map(([name, c]) => `  ${name.padEnd(28)}${c.usage}\n`)
    .join('');
}

const USAGE = `gearbridge <command> [options]

Commands:
  start                       migrate, seed the demo on an empty database (never in production), serve web + API on PORT (default 8080)
  migrate                     apply pending database migrations and exit
                              --dry-run   list, per module, the migrations that would run; change nothing
  backup <file>               write a backup of the database: PGlite's data directory (gzipped tarball), or with
                              DATABASE_URL a pg_dump custom archive (needs the PostgreSQL client tools on PATH)
  restore <file>              restore a backup into an empty database (DATA_DIR, or DATABASE_URL);
                              --force replaces a database that is not empty. Personal data in it needs the
                              GEARBRIDGE_SECRET it was written with (see docs/backup.md)
  seed                        load reference regions and (on an empty database, never in production) the demo data
  create-admin <username>     create a platform administrator (password from GEARBRIDGE_ADMIN_PASSWORD)
                              --org <name>   organisation to put the account in (created if missing)
  export <orgs|users>         write an Excel list; --out <file.xlsx> (default: ./<kind>.xlsx)
  import <organisations|users> <file.xlsx>
                              check a sheet and print the per-row report; --confirm writes the valid rows
  import labor_workers <file.xlsx> --org <organisation>
                              the same for a county's worker roll, into the bureau named by --org (name or id)
${moduleCommandsUsage()}
Environment: DATABASE_URL, DATA_DIR, PORT, MQTT_URL, MQTT_PORT, MQTT_VERSION, GEARBRIDGE_SECRET, NODE_ENV, LOG_LEVEL,\nGEARBRIDGE_DEMO, GEARBRIDGE_INGEST, GEARBRIDGE_SIMULATE, SIMULATE_HISTORY_H, INGEST_SHARE_GROUP, INGEST_MAX_LAG_S, INGEST_WRITERS, FACTORY_RETENTION_DAYS,\nMETRICS_TOKEN, METRICS_PORT, METRICS_HOST, SHUTDOWN_TIMEOUT_S (see README.md)`;

/** A command's end with a message for stderr and an exit code (2: usage); runCli prints it and returns the code. */
class CliExit extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function fail(message: string, code = 1): never {
  throw new CliExit(message, code);
}

/** Where a command reads its environment and writes its output: the process's own, or a test's. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  /** Progress goes here: a bar when it is a terminal (isTTY), plain lines otherwise. */
  stderr: NodeJS.WriteStream;
}

/** A command that keeps running (`start`, `gearbridge ingest`) until the process entry stops it on a signal. */
export interface Running {
  log: Logger;
  stop(): Promise<void>;
  /** SHUTDOWN_TIMEOUT_S: how long stop may take. */
  timeoutS: number;
}

/** How a command ended: its exit code, or still running. */
export type CliOutcome = { code: number; running?: undefined } | { code?: undefined; running: Running };

/** Opens the database and applies every module's pending migrations. */
async function openMigrated(config: Config) {
  const handle = await openDatabase<Database>({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return { handle, result: await migrate(handle, migrationPlan(modules)) };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

async function start(config: Config, io: CliIo): Promise<Running> {
  const log = createLogger(config.logLevel, undefined, config.logFormat);
  const platform = await createPlatform(config, { logger: log });
  try {
    await platform.app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await platform.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`port ${config.port} is already in use; set PORT to a free port`);
    throw err;
  }
  // Every module's background work (the factory's broker, ingest and simulator, …), in list order.
  let moduleLines: string[];
  let metricsLine: string | null;
  try {
    moduleLines = await platform.startModules();
    metricsLine = await platform.serveMetrics();
  } catch (err) {
    await platform.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`metrics port ${config.metrics.port} is already in use; set METRICS_PORT to a free port`);
    throw err;
  }
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Gearbridge is running at ${url}  (API reference: ${url}/api/docs)`,
    `Database: ${platform.handle.describe}`,
    platform.seeded ? 'Data: the demo was loaded into this new database' : 'Data: the existing data was kept (the demo is only ever loaded into an empty database)',
    ...moduleLines,
    ...(metricsLine ? [metricsLine] : []),
  ];
  if (config.demo) {
    lines.push(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS.filter((x) => !x.crew)) lines.push(`  ${u.username.padEnd(16)} ${u.note}`);
    const crew = DEMO_USERS.filter((x) => x.crew);
    if (crew.length) lines.push(`  ${crew[0].username} … ${crew.at(-1)!.username}: ${crew.length} shop-floor operators, the line crews with gear.operator`);
  } else if (!(await platform.handle.db.selectFrom('users').select('id').limit(1).executeTakeFirst())) {
    lines.push('No account exists yet: create the first administrator with GEARBRIDGE_ADMIN_PASSWORD=… npx gearbridge create-admin <username>');
  }
  io.stdout.write(`${lines.join('\n')}\n\n`);
  // Expired sessions are removed hourly; any one server process may do it.
  const purge = setInterval(() => void platform.sessions.purgeExpired().catch((err) => log.warn({ err }, 'session purge failed')), 3600_000).unref();
  // SIGTERM: the HTTP server drains, live feeds end, the ingest commits and acknowledges its last batch, the broker
  // and the database close (Platform.close).
  return {
    log,
    timeoutS: config.shutdownTimeoutS,
    stop: async () => {
      clearInterval(purge);
      await platform.close();
    },
  };
}

/** `migrate --dry-run`: what would run, per module, in order; nothing is written (not even schema_migrations). */
async function migrateDryRun(config: Config, io: CliIo) {
  const plan = migrationPlan(modules);
  let pending: Migration[];
  let note: string;
  if (!config.databaseUrl && !existsSync(pgliteDir(config.dataDir))) {
    // Opening would create the database; there is none yet, so everything would run.
    pending = plan.migrations;
    note = `no database yet in ${config.dataDir}`;
  } else {
    const handle = await openDatabase<Database>({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const r = await pendingMigrations(handle, plan);
      pending = r.pending;
      note = `${r.alreadyApplied} applied${r.renamed.length ? `, ${r.renamed.length} recorded under former names would be renamed` : ''}`;
    } finally {
      await handle.close();
    }
  }
  const out: string[] = [`dry run, nothing changed (${note}): ${pending.length ? `${pending.length} migrations would run` : 'up to date'}`];
  let module = '';
  for (const m of pending) {
    const mod = m.name.split('/')[0];
    if (mod !== module) out.push(`${(module = mod)}:`);
    out.push(`  ${m.name}  (${path.relative(process.cwd(), m.file)})`);
  }
  io.stdout.write(`${out.join('\n')}\n`);
}

/**
 * Runs `gearbridge <argv>` and says how it ended: what it printed went to `io`, a failure as one line on stderr
 * (`gearbridge: …`, no stack for an operator's mistake) with its exit code. server/src/cli/main.ts is the process
 * around it (signals, process.exit); tests run commands here, in their own process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliOutcome> {
  try {
    const running = await command(argv, io);
    return running ? { running } : { code: 0 };
  } catch (err) {
    if (err instanceof CliExit) {
      io.stderr.write(`gearbridge: ${err.message}\n`);
      return { code: err.code };
    }
    // An operator's mistake or a database held by another process: one line, no stack.
    if (err instanceof BackupError || err instanceof DatabaseInUseError) {
      io.stderr.write(`gearbridge: ${err.message}\n`);
      return { code: 1 };
    }
    if (err instanceof DomainError) {
      const fields = err.fields
        ? ` (${Object.entries(err.fields)
            .map(([k, v]) => `${k}: ${v}`)
            .join('; ')})`
        : '';
      io.stderr.write(`gearbridge: ${err.message}${fields}\n`);
      return { code: 1 };
    }
    io.stderr.write(`gearbridge: ${(err as Error).stack ?? err}\n`);
    return { code: 1 };
  }
}

async function command(argv: readonly string[], io: CliIo): Promise<Running | undefined> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(`${USAGE}\n`);
    return;
  }
  let config: Config;
  try {
    config = loadConfig(io.env);
    loadModuleConfigs(modules, config);
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration: ${err.message}`);
    throw err;
  }
  switch (command) {
    case 'start':
      return start(config, io);
    case 'migrate': {
      const { values } = parseArgs({ args: rest, options: { 'dry-run': { type: 'boolean', default: false } } });
      if (values['dry-run']) {
        await migrateDryRun(config, io);
        return;
      }
      const { handle, result: r } = await openMigrated(config);
      await handle.close();
      if (r.renamed.length) io.stdout.write(`renamed: ${r.renamed.map(([old, now]) => `${old} → ${now}`).join(', ')}\n`);
      io.stdout.write(r.applied.length ? `applied: ${r.applied.join(', ')}\n` : `up to date (${r.alreadyApplied} migrations)\n`);
      return;
    }
    case 'seed': {
      const production = config.env === 'production';
      const p = await createPlatform({ ...config, demo: !production }, { serveWeb: false, logger: createLogger('warn') });
      io.stdout.write(
        production
          ? 'NODE_ENV=production: demo data is never loaded (regions are up to date); create the first administrator with gearbridge create-admin <username>\n'
          : p.seeded
            ? 'demo data loaded\n'
            : 'database already has data; demo not loaded (regions are up to date)\n',
      );
      await p.close();
      return;
    }
    case 'create-admin': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { org: { type: 'string', default: '平台运营中心' } } });
      const username = positionals[0];
      const password = io.env.GEARBRIDGE_ADMIN_PASSWORD;
      if (!username) fail('create-admin needs a username: gearbridge create-admin <username>', 2);
      if (!password) fail("set GEARBRIDGE_ADMIN_PASSWORD to the new administrator's password (at least 10 characters)", 2);
      const p = await createPlatform({ ...config, demo: false }, { serveWeb: false, logger: createLogger('warn') });
      try {
        await createAdmin(p, username, password, values.org!);
        io.stdout.write(`platform administrator ${username} created\n`);
      } finally {
        await p.close();
      }
      return;
    }
    case 'export': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: 'string' }, lang: { type: 'string', default: 'zh' } } });
      const kind = positionals[0];
      if (kind !== 'orgs' && kind !== 'users') fail('export <orgs|users> [--out file.xlsx]', 2);
      const p = await createPlatform({ ...config, demo: false }, { serveWeb: false, logger: createLogger('warn') });
      try {
        const out = path.resolve(values.out ?? `${kind}.xlsx`);
        const { buf, count } = await runExport(p, kind, values.lang === 'en' ? 'en' : 'zh');
        writeFileSync(out, buf);
        io.stdout.write(`${count} rows written to ${out}\n`);
      } finally {
        await p.close();
      }
      return;
    }
    case 'import': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { confirm: { type: 'boolean', default: false }, org: { type: 'string' } } });
      const [kind, file] = positionals;
      if (!kind || !file) fail('import <organisations|users> <file.xlsx> [--confirm], or import labor_workers <file.xlsx> --org <organisation> [--confirm]', 2);
      if (kind === 'labor_workers' && !values.org)
        fail('import labor_workers needs --org <organisation>: the bureau the workers belong to, by name or id (e.g. --org 城口县就业和人才服务局)', 2);
      if (kind !== 'labor_workers' && values.org) fail('--org applies to import labor_workers only', 2);
      let buf: Buffer;
      try {
        buf = readFileSync(file);
      } catch {
        fail(`cannot read ${file}`, 2);
      }
      const p = await createPlatform({ ...config, demo: false }, { serveWeb: false, logger: createLogger('warn') });
      try {
        await runImport(p, kind, path.basename(file), buf, values.confirm!, (s) => void io.stdout.write(`${s}\n`), values.org);
      } finally {
        await p.close();
      }
      return;
    }
    case 'backup':
    case 'restore': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
      const file = positionals[0];
      if (!file || positionals.length > 1) fail(`${command} <file>${command === 'restore' ? ' [--force]' : ''}`, 2);
      if (command === 'backup' && values.force) fail('--force applies to restore only (a backup never overwrites a file)', 2);
      const lines = command === 'backup' ? await backup(config, file, stderrProgress(io.stderr)) : await restore(config, file, { force: values.force! }, stderrProgress(io.stderr));
      io.stdout.write(lines.map((l) => `${l}\n`).join(''));
      if (command === 'backup') io.stdout.write('Keep GEARBRIDGE_SECRET in a separate safe place: without it the personal data in this backup cannot be read.\n');
      return;
    }
    case 'bench':
      return fail('run benchmarks with npm run bench -- <name> (see README, Performance)', 2);
    default: {
      const owner = modules.find((mod) => mod.commands?.[command]);
      if (!owner) fail(`unknown command "${command}"\n\n${USAGE}`, 2);
      const log = createLogger(config.logLevel, undefined, config.logFormat);
      const metrics = createMetricsRegistry();
      const runtime = await owner.commands![command].run(rest, {
        config,
        moduleConfig: loadModuleConfigs(modules, config).get(owner.name),
        log,
        openDatabase: async () => narrowHandle<PlatformDatabase>()((await openMigrated(config)).handle),
        fail,
        metrics,
        stdout: io.stdout,
      });
      if (runtime) {
        // A long-running command (`gearbridge ingest`) has no HTTP server: its metrics only on METRICS_PORT.
        const { port, host, token } = config.metrics;
        const served = port === undefined ? null : await serveMetrics(metrics, host, port, token);
        const lines = [...runtime.lines, ...(served ? [`metrics: http://${host}:${served.port}/metrics`] : [])];
        io.stdout.write(lines.map((l) => `${l}\n`).join(''));
        return {
          log,
          timeoutS: config.shutdownTimeoutS,
          async stop() {
            await runtime.stop();
            await served?.close();
          },
        };
      }
      return;
    }
  }
}

/**
 * Commands that end when their work is done. The process entry exits after them explicitly: PGlite opening a data
 * directory that needs recovery (restored from a dump, or left by a killed process) arms a repeating
 * startup-progress timer that its close() leaves behind, and the process would never end on its own.
 */
export const ONE_SHOT = new Set(['migrate', 'seed', 'create-admin', 'export', 'import', 'backup', 'restore']);
