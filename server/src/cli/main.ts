import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../platform/config';
import { createPlatform } from '../platform/bootstrap';
import { openDatabase } from '../platform/db';
import { migrate } from '../platform/db/migrate';
import { createLogger } from '../platform/logger';
import { DomainError } from '../platform/errors';
import { DEMO_PASSWORD, DEMO_USERS } from '../modules/identity';
import { runExport, runImport, createAdmin } from './tasks';
import { startFactoryRuntime, type FactoryRuntime } from '../modules/factory/runtime';
import { startIngest } from '../modules/factory/ingest/service';

const USAGE = `gearbridge <command> [options]

Commands:
  start                       migrate, seed the demo on an empty database, serve web + API on PORT (default 8080)
  migrate                     apply pending database migrations and exit
  seed                        load reference regions and (on an empty database) the demo data
  create-admin <username>     create a platform administrator (password from GEARBRIDGE_ADMIN_PASSWORD)
                              --org <name>   organisation to put the account in (created if missing)
  export <orgs|users>         write an Excel list; --out <file.xlsx> (default: ./<kind>.xlsx)
  import <organisations|users> <file.xlsx>
                              check a sheet and print the per-row report; --confirm writes the valid rows
  import labor_workers <file.xlsx> --org <organisation>
                              the same for a county's worker roll, into the bureau named by --org (name or id)
  ingest                      the telemetry ingest alone (PostgreSQL and MQTT_URL); run several with INGEST_SHARE_GROUP
  simulate                    the Qijiang plant simulator (Sparkplug B edge nodes); see gearbridge simulate --help

Environment: DATABASE_URL, DATA_DIR, PORT, MQTT_URL, MQTT_PORT, MQTT_VERSION, GEARBRIDGE_SECRET, NODE_ENV, LOG_LEVEL,\nGEARBRIDGE_DEMO, GEARBRIDGE_INGEST, GEARBRIDGE_SIMULATE, INGEST_SHARE_GROUP, FACTORY_RETENTION_DAYS (see README.md)`;

function fail(message: string, code = 1): never {
  process.stderr.write(`gearbridge: ${message}\n`);
  process.exit(code);
}

async function start(config: Config) {
  const log = createLogger(config.logLevel);
  const platform = await createPlatform(config, { logger: log });
  try {
    await platform.app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await platform.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`port ${config.port} is already in use; set PORT to a free port`);
    throw err;
  }
  let factory: FactoryRuntime;
  try {
    factory = await startFactoryRuntime(config, platform.handle, log);
  } catch (err) {
    await platform.close();
    throw err;
  }
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Gearbridge is running at ${url}  (API reference: ${url}/api/docs)`,
    `Database: ${platform.handle.describe}`,
    factory.problem
      ? `MQTT: not started. ${factory.problem}`
      : `MQTT: ${factory.embeddedBroker ? `embedded broker at ${factory.mqttUrl} (devices and mosquitto_pub can connect)` : config.mqttUrl}` +
        `; ingest ${config.ingest ? 'running' : 'off (GEARBRIDGE_INGEST=0)'}${config.simulate ? '; plant simulator running (7 lines, 180 devices)' : ''}`,
  ];
  if (config.demo) {
    lines.push(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) lines.push(`  ${u.username.padEnd(16)} ${u.note}`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    await factory.close();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Expired sessions are removed hourly; any one server process may do it.
  setInterval(() => void platform.sessions.purgeExpired().catch((err) => log.warn({ err }, 'session purge failed')), 3600_000).unref();
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(`configuration: ${err.message}`);
    throw err;
  }
  switch (command) {
    case 'start':
      return start(config);
    case 'migrate': {
      const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const r = await migrate(handle);
        process.stdout.write(r.applied.length ? `applied: ${r.applied.join(', ')}\n` : `up to date (${r.alreadyApplied} migrations)\n`);
      } finally {
        await handle.close();
      }
      return;
    }
    case 'seed': {
      const p = await createPlatform({ ...config, demo: true }, { serveWeb: false, logger: createLogger('warn') });
      process.stdout.write(p.seeded ? 'demo data loaded\n' : 'database already has data; demo not loaded (regions are up to date)\n');
      await p.close();
      return;
    }
    case 'create-admin': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { org: { type: 'string', default: '平台运营中心' } } });
      const username = positionals[0];
      const password = process.env.GEARBRIDGE_ADMIN_PASSWORD;
      if (!username) fail('create-admin needs a username: gearbridge create-admin <username>', 2);
      if (!password) fail('set GEARBRIDGE_ADMIN_PASSWORD to the new administrator\'s password (at least 10 characters)', 2);
      const p = await createPlatform({ ...config, demo: false }, { serveWeb: false, logger: createLogger('warn') });
      try {
        await createAdmin(p, username, password, values.org!);
        process.stdout.write(`platform administrator ${username} created\n`);
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
        process.stdout.write(`${count} rows written to ${out}\n`);
      } finally {
        await p.close();
      }
      return;
    }
    case 'import': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { confirm: { type: 'boolean', default: false }, org: { type: 'string' } } });
      const [kind, file] = positionals;
      if (!kind || !file) fail('import <organisations|users> <file.xlsx> [--confirm], or import labor_workers <file.xlsx> --org <organisation> [--confirm]', 2);
      if (kind === 'labor_workers' && !values.org) fail('import labor_workers needs --org <organisation>: the bureau the workers belong to, by name or id (e.g. --org 城口县就业和人才服务局)', 2);
      if (kind !== 'labor_workers' && values.org) fail('--org applies to import labor_workers only', 2);
      let buf: Buffer;
      try {
        buf = readFileSync(file);
      } catch {
        fail(`cannot read ${file}`, 2);
      }
      const p = await createPlatform({ ...config, demo: false }, { serveWeb: false, logger: createLogger('warn') });
      try {
        await runImport(p, kind, path.basename(file), buf, values.confirm!, (s) => process.stdout.write(s + '\n'), values.org);
      } finally {
        await p.close();
      }
      return;
    }
    case 'simulate': {
      const { runSimulateCommand } = await import('@gearbridge/sim');
      const mqttUrl = config.mqttUrl ?? `mqtt://127.0.0.1:${config.mqttPort}`;
      process.exit(await runSimulateCommand(rest, { ...process.env, MQTT_URL: mqttUrl }));
    }
    case 'ingest': {
      if (!config.databaseUrl) fail('gearbridge ingest runs beside the server and needs DATABASE_URL (PostgreSQL); with the embedded database the ingest runs inside gearbridge start', 2);
      if (!config.mqttUrl) fail('gearbridge ingest needs MQTT_URL, the broker the devices publish to', 2);
      const log = createLogger(config.logLevel);
      const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await migrate(handle);
      const ingest = await startIngest({
        handle,
        databaseUrl: config.databaseUrl,
        mqttUrl: config.mqttUrl,
        log,
        shareGroup: config.ingestShareGroup,
        clientId: config.ingestClientId,
        jsonTimeoutMs: config.jsonDeviceTimeoutS * 1000,
        retentionDays: config.retentionDays,
        protocolVersion: config.mqttVersion,
      });
      await ingest.connected();
      process.stdout.write(`ingest connected to ${config.mqttUrl}${config.ingestShareGroup ? ` (shared group ${config.ingestShareGroup})` : ''}\n`);
      const stop = async () => {
        await ingest.close();
        await handle.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
      return;
    }
    case 'bench':
      fail('run benchmarks with npm run bench -- <name> (see README, Performance)', 2);
    default:
      fail(`unknown command "${command}"\n\n${USAGE}`, 2);
  }
}

main().catch((err) => {
  if (err instanceof DomainError) fail(err.message + (err.fields ? ` (${Object.entries(err.fields).map(([k, v]) => `${k}: ${v}`).join('; ')})` : ''));
  process.stderr.write(`gearbridge: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

