import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness';
import { until } from '../../../test/process';
import { encodePayload } from '../sparkplug/codec';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';
import { ingestReadiness } from '../runtime';

const BROKER_SECRET = 'observability-test-secret-0123456789';
/** The platform's own login at the embedded broker (it may publish as any device too). */
const brokerUrl = () => `mqtt://${broker.platform.username}:${broker.platform.password}@127.0.0.1:${broker.port}`;

/**
 * Readiness and metrics of a platform whose factory runs its ingest (Platform.startModules, as `gearbridge start`),
 * against a broker of the test's own that the test can take away.
 */
const TOKEN = 'metrics-token-0123456789';
const G = 'qijiang-gear';
let t: TestApp;
let broker: EmbeddedBroker;
let pub: MqttClient;

const publish = (topic: string, payload: Uint8Array | string) =>
  new Promise<void>((resolve, reject) => pub.publish(topic, Buffer.from(payload), { qos: 1 }, (err) => (err ? reject(err) : resolve())));
const metrics = async (token?: string) => t.platform.app.inject({ method: 'GET', url: '/metrics', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
/** The value of one sample line of the exposition text (`name{labels} value`). */
function sample(text: string, line: RegExp): number | null {
  const m = new RegExp(`^${line.source} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

beforeAll(async () => {
  broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', secret: BROKER_SECRET });
  t = await startTestApp({ MQTT_URL: brokerUrl(), MQTT_VERSION: '4', GEARBRIDGE_SIMULATE: '0', METRICS_TOKEN: TOKEN });
  await t.platform.startModules();
  pub = mqtt.connect(brokerUrl(), { clientId: `obs-pub-${process.pid}` });
  await new Promise((r) => pub.once('connect', r));
});
afterAll(async () => {
  pub?.end(true);
  await t?.close();
  await broker?.close().catch(() => {});
});

describe('readiness with the factory ingest', () => {
  it('is ready when the database is migrated and the ingest is connected and not behind', async () => {
    await until(async () => (await t.anonymous().get('/api/health/ready')).statusCode === 200, 'ready', { ms: 20_000, every: 50 });
    const body = (await t.anonymous().get('/api/health/ready')).json();
    expect(body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['migrations', true],
      ['factory.broker', true],
      ['factory.ingest_lag', true],
    ]);
    expect(body.checks[3].details).toMatchObject({ maxSeconds: 60 });
  });

  it('says why the ingest is not ready: its lag over INGEST_MAX_LAG_S, by message key', () => {
    expect(ingestReadiness({ connected: true, lagMs: 90_500 }, 60)).toEqual([
      { name: 'factory.broker', ok: true },
      {
        name: 'factory.ingest_lag',
        ok: false,
        details: { lagSeconds: 90.5, maxSeconds: 60 },
        reason: { key: 'factory.health.ingest_lag', params: { lagSeconds: 90.5, maxSeconds: 60 }, text: 'The ingest is 90.5 s behind (limit 60 s, INGEST_MAX_LAG_S)' },
      },
    ]);
    expect(ingestReadiness({ connected: true, lagMs: 60_000 }, 60).every((c) => c.ok)).toBe(true);
  });
});

describe('metrics on the main port with METRICS_TOKEN', () => {
  it('are refused without the token or with a wrong one', async () => {
    expect((await metrics()).statusCode).toBe(401);
    const wrong = await metrics('metrics-token-wrong-wrong');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('gearbridge_');
  });

  it('count requests by route pattern and status, stored points, dead letters by reason, and the rest of the dashboard', async () => {
    const manager = await t.login('gear.manager');
    const dev = (await manager.get('/api/factory/devices?q=L1-CNC01')).json().items[0];
    expect((await manager.get(`/api/factory/devices/${dev.id}`)).statusCode).toBe(200);
    expect((await manager.get('/api/factory/devices/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);

    const t0 = Date.UTC(2026, 10, 30, 8, 0, 0);
    await publish(
      `spBv1.0/${G}/NBIRTH/obs-node`,
      encodePayload({
        timestamp: t0,
        seq: 0,
        metrics: [
          { name: 'bdSeq', type: 'Int64', value: 1n },
          { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
        ],
      }),
    );
    await publish(
      `spBv1.0/${G}/DBIRTH/obs-node/L1-CNC01`,
      encodePayload({ timestamp: t0, seq: 1, metrics: [{ name: 'spindle_load', alias: 1, type: 'Double', value: 40, timestamp: t0 }] }),
    );
    await publish(
      `spBv1.0/${G}/DDATA/obs-node/L1-CNC01`,
      encodePayload({ timestamp: t0 + 1000, seq: 2, metrics: [{ alias: 1, type: 'Double', value: 41, timestamp: t0 + 1000 }] }),
    );
    await publish(`spBv1.0/${G}/DDATA/obs-node/L1-CNC02`, Buffer.from('this is not protobuf'));
    const db = t.platform.handle.db;
    await until(
      async () => (await sql<{ n: number }>`select count(*)::int as n from factory_dead_letters where reason = 'bad_protobuf'`.execute(db)).rows[0].n > 0,
      'the bad_protobuf dead letter',
      { ms: 20_000, every: 50 },
    );

    const res = await metrics(TOKEN);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    // Route patterns, never the id in the URL.
    expect(sample(text, /http_request_duration_seconds_count\{method="GET",route="\/api\/factory\/devices\/:id",status_code="200"\}/)).toBe(1);
    expect(sample(text, /http_request_duration_seconds_count\{method="GET",route="\/api\/factory\/devices\/:id",status_code="404"\}/)).toBe(1);
    expect(text).not.toContain(dev.id);
    expect(text).not.toContain('L1-CNC01');
    expect(sample(text, /gearbridge_ingest_points_total/)).toBeGreaterThanOrEqual(2);
    expect(sample(text, /gearbridge_ingest_dead_letters_total\{reason="bad_protobuf"\}/)).toBe(1);
    expect(sample(text, /gearbridge_ingest_batch_commit_seconds_count/)).toBeGreaterThan(0);
    expect(sample(text, /gearbridge_ingest_commit_lag_seconds_count/)).toBeGreaterThan(0);
    expect(sample(text, /gearbridge_ingest_broker_connected/)).toBe(1);
    expect(sample(text, /gearbridge_ingest_rollup_backlog_minutes/)).not.toBeNull();
    expect(sample(text, /gearbridge_ingest_pending_age_seconds/)).not.toBeNull();
    expect(sample(text, /gearbridge_sse_clients\{stream="factory_andon"\}/)).toBe(0);
    expect(sample(text, /gearbridge_db_pool_connections\{state="total"\}/)).toBeGreaterThanOrEqual(1);
    expect(sample(text, /gearbridge_db_pool_connections\{state="waiting"\}/)).not.toBeNull();
    expect(sample(text, /nodejs_eventloop_lag_p99_seconds/)).not.toBeNull();
  });

  it('export every metric the Grafana dashboard in docs/ queries', async () => {
    const dashboard = JSON.parse(readFileSync(new URL('../../../../../docs/grafana-dashboard.json', import.meta.url), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const queried = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((x) => x.expr.match(/\b(?:http|gearbridge|nodejs|process)_[a-z0-9_]+/g) ?? [])));
    expect(queried.size).toBeGreaterThan(10);
    const text = (await metrics(TOKEN)).body;
    const exported = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].flatMap(([, name]) => [name, `${name}_bucket`, `${name}_count`, `${name}_sum`]));
    expect([...queried].filter((name) => !exported.has(name))).toEqual([]);
  });
});

// Last: it takes the broker away.
describe('readiness when the broker goes away', () => {
  it('answers 503 with the broker reason by message key; live stays 200', async () => {
    await broker.close();
    await until(async () => (await t.anonymous().get('/api/health/ready')).statusCode === 503, 'not ready', { ms: 20_000, every: 50 });
    const res = await t.anonymous().get('/api/health/ready');
    expect(res.statusCode).toBe(503);
    const body = res.json();
    expect(body.reasons).toEqual(['factory.health.broker_disconnected']);
    expect(body.checks.find((c: { name: string }) => c.name === 'factory.broker')).toEqual({
      name: 'factory.broker',
      ok: false,
      key: 'factory.health.broker_disconnected',
      message: 'The ingest is not connected to the MQTT broker',
    });
    expect((await t.anonymous().get('/api/health/live')).statusCode).toBe(200);
    const text = (await metrics(TOKEN)).body;
    expect(sample(text, /gearbridge_ingest_broker_connected/)).toBe(0);
  });
});
