/**
 * What the ingest benchmark runs against: a Mosquitto of its own (the machine's one on 1883 keeps its default
 * limits, which drop messages queued for a slow subscriber) and a fresh PostgreSQL database, migrated and seeded
 * with the demo plant, dropped afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../server/src/platform/config';
import { createPlatform } from '../../server/src/app';
import { createLogger } from '../../server/src/platform/logger';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline || !alive()) throw new Error(`nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function mosquittoVersion(): string | null {
  const r = spawnSync('mosquitto', ['-h'], { encoding: 'utf8' });
  if (r.error) return null;
  return /mosquitto version (\S+)/.exec(`${r.stdout}${r.stderr}`)?.[1] ?? 'unknown';
}

export interface Mosquitto {
  url: string;
  port: number;
  pid: number;
  version: string;
  close(): Promise<void>;
}

/**
 * No limit on queued or in-flight messages (the defaults, 1000 queued and 20 in flight, drop or throttle a
 * subscriber that holds its acknowledgements until commit), no persistence: the benchmark measures throughput.
 */
export async function startMosquitto(): Promise<Mosquitto> {
  const version = mosquittoVersion();
  if (!version) throw new Error('mosquitto is not installed (apt-get install mosquitto)');
  const dir = mkdtempSync(path.join(tmpdir(), 'gb-bench-mosquitto-'));
  const port = await freePort();
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'max_queued_messages 0',
      'max_inflight_messages 0',
      'set_tcp_nodelay true',
      'log_dest none',
      '',
    ].join('\n'),
  );
  const child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForPort(port, 5_000, () => child.exitCode === null);
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? 0,
    version,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database an earlier version of the platform left: brought up to today's migrations (no demo data added). */
export async function migrateDatabase(url: string, secret: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gb-bench-data-'));
  try {
    const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir, GEARBRIDGE_SECRET: secret, LOG_LEVEL: 'silent', GEARBRIDGE_DEMO: '0' });
    const platform = await createPlatform(config, { serveWeb: false, logger: createLogger('silent') });
    await platform.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A fresh database next to `adminUrl`'s, with the migrations and the demo data (the Qijiang plant), personal data under `secret`. */
export async function freshDatabase(adminUrl: string, secret = randomBytes(32).toString('hex')): Promise<BenchDatabase> {
  const name = `gb_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const drop = async () => {
    const d = new pg.Client({ connectionString: adminUrl });
    await d.connect();
    await d.query(`drop database if exists ${name} with (force)`);
    await d.end();
  };
  try {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'gb-bench-data-'));
    const config = loadConfig({ DATABASE_URL: url, DATA_DIR: dataDir, GEARBRIDGE_SECRET: secret, LOG_LEVEL: 'silent', GEARBRIDGE_DEMO: '1' });
    const platform = await createPlatform(config, { serveWeb: false, logger: createLogger('silent') });
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  } catch (err) {
    await drop();
    throw err;
  }
  return { url, drop };
}
