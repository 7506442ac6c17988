import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { sql } from 'kysely';
import { seededOnDisk, type TestDb } from '../test/harness';
import { freePort, until } from '../test/process';
import { openDatabase } from '../platform/db';
import { sparkplug } from '@gearbridge/sim';
import { DEMO_PASSWORD } from '../modules/identity';

/**
 * SIGTERM on a real `gearbridge start`: requests in flight finish, live feeds end, the ingest commits and
 * acknowledges what it took, and the process exits 0 saying it stopped cleanly.
 */
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/gearbridge.mjs');
let tdb: TestDb;
let port: number;
let mqttPort: number;
const base = () => `http://127.0.0.1:${port}`;

interface Server {
  child: ChildProcess;
  /** Everything it printed so far (the banner and the JSON log lines). */
  out(): string;
  exited: Promise<number | null>;
}
let server: Server;

const untilUp = (check: () => Promise<boolean>, what: string, ms = 180_000) => until(check, what, { ms, every: 200, output: () => server?.out() ?? '' });
/** Whether a new connection to the port is refused (the server no longer listens). */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });

/** `gearbridge start` on the test's database and ports, once it is ready. */
async function start(extra: NodeJS.ProcessEnv = {}): Promise<Server> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      PATH: process.env.PATH,
      DATA_DIR: tdb.config.dataDir,
      GEARBRIDGE_SECRET: tdb.config.secret,
      DATABASE_URL: tdb.config.databaseUrl ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      MQTT_PORT: String(mqttPort),
      GEARBRIDGE_DEMO: '1',
      GEARBRIDGE_SIMULATE: '0',
      // debug: a request's start is logged at debug ('incoming request'), which tells the test it is in flight.
      LOG_LEVEL: 'debug',
      SHUTDOWN_TIMEOUT_S: '60',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  server = { child, out: () => out, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
  await untilUp(async () => (await fetch(`${base()}/api/health/ready`)).status === 200, 'readiness');
  return server;
}

/** A request in flight: its headers sent, its body not finished until `finish`. */
async function slowRequest() {
  const body = JSON.stringify({ username: 'gear.manager', password: 'not the password' });
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let answer = '';
  socket.on('data', (d) => (answer += d.toString()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
  socket.write(body.slice(0, 10));
  // In flight once the server has read its headers and logged it (before that, a closing server counts the connection
  // idle). Its Host header, unlike fetch's, names no port.
  await untilUp(async () => /"url":"\/api\/auth\/login[^"]*","host":"127\.0\.0\.1"/.test(server.out()), 'the slow request in flight', 30_000);
  return {
    async finish() {
      socket.write(body.slice(10));
      await closed;
      return answer;
    },
    destroy: () => socket.destroy(),
  };
}

beforeAll(async () => {
  // The seeded demo where the process opens it (that `gearbridge start` seeds an empty database, the browser tests
  // show: e2e/run.mjs starts on a fresh one and signs in as the demo's users).
  tdb = await seededOnDisk();
  [port, mqttPort] = [await freePort(), await freePort()];
}, 300_000);
afterAll(async () => {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  await tdb?.drop();
});

async function signIn(username: string): Promise<string> {
  const csrfRes = await fetch(`${base()}/api/auth/csrf`);
  const csrf = ((await csrfRes.json()) as { csrfToken: string }).csrfToken;
  const res = await fetch(`${base()}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, cookie: `gb_csrf=${csrf}` },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('gearbridge start on SIGTERM', { timeout: 300_000 }, () => {
  it('finishes the request in flight, ends the live feed, commits the telemetry it took, and exits 0 saying so', async () => {
    const { child, out, exited } = await start();
    // A live andon feed, open.
    const cookie = await signIn('gear.manager');
    const feed = await fetch(`${base()}/api/factory/andon/stream`, { headers: { cookie } });
    expect(feed.status).toBe(200);
    const reader = feed.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('event: snapshot');

    // Telemetry the broker acknowledged just before the signal.
    const t0 = Date.UTC(2026, 9, 1, 6, 0, 0);
    // The demo's device login, as the start line shows it (the embedded broker signs every client in).
    const deviceUrl = /embedded broker at (mqtt:\/\/\S+)/.exec(server.out())?.[1];
    expect(deviceUrl).toMatch(/^mqtt:\/\/[^:]+:[^@]+@127\.0\.0\.1:/);
    const pub = mqtt.connect(deviceUrl!, { clientId: `shutdown-pub-${process.pid}`, protocolVersion: 4 });
    await new Promise((r) => pub.once('connect', r));
    const publish = (topic: string, payload: Uint8Array) =>
      new Promise<void>((resolve, reject) => pub.publish(topic, Buffer.from(payload), { qos: 1 }, (err) => (err ? reject(err) : resolve())));
    const spindle = [{ name: 'spindle_load', alias: 1, type: 'Double' as const }];
    await publish(sparkplug.topic('qijiang-gear', 'NBIRTH', 'shutdown-node'), sparkplug.encodeNodeBirth(1, t0));
    await publish(sparkplug.topic('qijiang-gear', 'DBIRTH', 'shutdown-node', 'L1-CNC01'), sparkplug.encodeDeviceBirth(t0, 1, spindle, [40]));
    for (let i = 1; i <= 3; i++) {
      await publish(sparkplug.topic('qijiang-gear', 'DDATA', 'shutdown-node', 'L1-CNC01'), sparkplug.encodeData(t0 + i * 1000, 1 + i, spindle, [40 + i]));
    }
    pub.end(true);

    // A request in flight: its headers are in, its body is not finished yet.
    const slow = await slowRequest();

    child.kill('SIGTERM');
    // The server stops accepting connections while the slow request is still open; then its body arrives.
    await untilUp(() => refused(port), 'listener closed', 30_000);
    const answer = await slow.finish();
    // It was answered (403: no CSRF token), not cut.
    expect(answer, out().slice(-3000)).toMatch(/^HTTP\/1\.1 403 /);

    // The live feed ended (clients reconnect to another instance).
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
    }

    expect(await exited, out().slice(-4000)).toBe(0);
    // In that order: HTTP drained, then the factory's ingest and broker, then the end.
    const steps = out()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; module?: string })
      .map((l) => (l.module ? `${l.module}: ${l.msg}` : l.msg))
      .filter((m) => /^(shutting down|HTTP server closed|factory: module stopped|stopped cleanly)/.test(m));
    expect(steps).toEqual([
      'shutting down: draining HTTP requests and live feeds, then background work',
      'HTTP server closed: requests drained, live feeds ended',
      'factory: module stopped',
      'stopped cleanly',
    ]);
    expect(out().match(/^.*"level":(50|60).*$/gm) ?? []).toEqual([]);

    // The telemetry acknowledged before the signal is in the database the process left behind.
    const handle = await openDatabase({ databaseUrl: tdb.config.databaseUrl, dataDir: tdb.config.dataDir });
    try {
      const r = await sql<{ n: number }>`
        select count(*)::int as n from factory_telemetry t join factory_metrics m on m.id = t.metric_id
        where m.name = 'spindle_load' and t.ts >= ${new Date(t0).toISOString()}::timestamptz and t.ts <= ${new Date(t0 + 3000).toISOString()}::timestamptz`.execute(handle.db);
      expect(r.rows[0].n, out().slice(-3000)).toBe(4);
    } finally {
      await handle.close();
    }
  });

  it('exits 1 at once, saying so, on a second signal while a request still holds the shutdown up', async () => {
    const { child, out, exited } = await start();
    const slow = await slowRequest();
    child.kill('SIGTERM');
    await untilUp(() => refused(port), 'listener closed', 30_000);
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(out()).toContain('"msg":"second signal during shutdown: exiting without finishing it"');
    expect(out()).not.toContain('"msg":"stopped cleanly"');
    slow.destroy();
  });

  it('exits 1, saying so, when the drain takes longer than SHUTDOWN_TIMEOUT_S', async () => {
    const { child, out, exited } = await start({ SHUTDOWN_TIMEOUT_S: '1' });
    const slow = await slowRequest(); // never finished
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(out()).toContain('"msg":"shutdown did not finish in time (SHUTDOWN_TIMEOUT_S): exiting"');
    expect(out()).not.toContain('"msg":"stopped cleanly"');
    slow.destroy();
  });
});
