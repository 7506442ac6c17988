import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sparkplug } from '@gearbridge/sim';
import { freshDatabase, usingPostgres, type TestDb } from '../../../test/harness';
import { freePort, until } from '../../../test/process';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';

const BROKER_SECRET = 'observability-test-secret-0123456789';
/** The platform's own login at the embedded broker (it may publish as any device too). */
const brokerUrl = () => `mqtt://${broker.platform.username}:${broker.platform.password}@127.0.0.1:${broker.port}`;

/** `gearbridge ingest` (PostgreSQL only) has no HTTP server: METRICS_PORT serves its metrics. */
const BIN = fileURLToPath(new URL('../../../../bin/gearbridge.mjs', import.meta.url));
const untilUp = (check: () => Promise<boolean>, what: string, ms = 60_000) => until(check, what, { ms, output: () => out });

let tdb: TestDb;
let broker: EmbeddedBroker;
let child: ChildProcess;
let out = '';
let metricsUrl: string;

describe.runIf(usingPostgres())('gearbridge ingest with METRICS_PORT', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    tdb = await freshDatabase({}, { seeded: true });
    broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', secret: BROKER_SECRET });
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    child = spawn(process.execPath, [BIN, 'ingest'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: tdb.config.databaseUrl,
        DATA_DIR: tdb.config.dataDir,
        GEARBRIDGE_SECRET: tdb.config.secret,
        MQTT_URL: brokerUrl(),
        MQTT_VERSION: '4',
        INGEST_CLIENT_ID: `metrics-${process.pid}`,
        METRICS_PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await untilUp(async () => out.includes(`metrics: ${metricsUrl}`), 'the metrics line');
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await broker?.close();
    await tdb?.drop();
  });

  it('counts the points it stores, on its own listener', async () => {
    const pub = await mqtt.connectAsync(brokerUrl(), { clientId: `metrics-pub-${process.pid}` });
    const t0 = Date.UTC(2026, 10, 2, 7, 0, 0);
    const spindle = [{ name: 'spindle_load', alias: 1, type: 'Double' as const }];
    await pub.publishAsync(sparkplug.topic('qijiang-gear', 'NBIRTH', 'metrics-node'), Buffer.from(sparkplug.encodeNodeBirth(1, t0)), { qos: 1 });
    await pub.publishAsync(sparkplug.topic('qijiang-gear', 'DBIRTH', 'metrics-node', 'L1-CNC01'), Buffer.from(sparkplug.encodeDeviceBirth(t0, 1, spindle, [40])), { qos: 1 });
    await pub.endAsync();
    const points = async () => Number(/^gearbridge_ingest_points_total (\S+)$/m.exec(await (await fetch(metricsUrl)).text())?.[1] ?? 0);
    await untilUp(async () => (await points()) >= 1, 'a stored point counted');
    const text = await (await fetch(metricsUrl)).text();
    expect(text).toMatch(/^gearbridge_ingest_broker_connected 1$/m);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect((await fetch(metricsUrl.replace('/metrics', '/'))).status).toBe(404);
  });
});
