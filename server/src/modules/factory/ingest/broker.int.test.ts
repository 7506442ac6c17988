import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness';
import { createLogger } from '../../../platform/logger';
import { encodePayload } from '../sparkplug/codec';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';
import { formatUserLine, hashPassword } from './broker-auth';
import { startIngest, type Ingest } from './service';
import { factoryHandle } from '../db';

// The embedded broker against real mqtt.js clients: who may connect, publish and subscribe where.
const SECRET = 'broker-test-secret-0123456789abcdef';
const G = 'qijiang-gear';
const EDGE = { username: 'line-6-gw', password: 'edge-password-1' };

let t: TestApp;
let broker: EmbeddedBroker;
let ingest: Ingest;
let dir: string;
let watcher: MqttClient;
const seen: string[] = [];
const clients: MqttClient[] = [];

const url = () => `mqtt://127.0.0.1:${broker.port}`;
/** A connection attempt: the client once connected, or the CONNACK refusal code. */
async function connect(opts: IClientOptions): Promise<MqttClient | { refused: number | undefined }> {
  const c = mqtt.connect(url(), { protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5_000, ...opts });
  clients.push(c);
  return new Promise((resolve) => {
    c.once('connect', () => resolve(c));
    c.once('error', (err) => resolve({ refused: (err as Error & { code?: number }).code }));
  });
}
async function edge(clientId = `edge-${clients.length}`): Promise<MqttClient> {
  const c = await connect({ clientId, ...EDGE });
  if (!('publish' in c)) throw new Error(`edge login refused: ${c.refused}`);
  return c;
}
const publish = (c: MqttClient, topic: string, payload: Uint8Array | string) => new Promise<void>((resolve) => c.publish(topic, Buffer.from(payload), { qos: 1 }, () => resolve()));
/** The QoS the broker grants a subscription: 128 is a refusal (mqtt.js reports it as an error with the code). */
const grantedQos = (c: MqttClient, filter: string) =>
  new Promise<number>((resolve) =>
    c.subscribe(filter, { qos: 1 }, (err, granted) => resolve(err ? ((err as Error & { packet?: { granted?: number[] } }).packet?.granted?.[0] ?? -1) : (granted?.[0]?.qos ?? -1))),
  );
const closed = (c: MqttClient) => new Promise<void>((resolve) => (c.connected ? c.once('close', () => resolve()) : resolve()));
/** Everything the broker routed before this call has reached the watcher (one broker, one connection: in order). */
async function barrier() {
  const marker = `spBv1.0/${G}/NDATA/barrier-${seen.length}`;
  const got = new Promise<void>((resolve) => {
    const on = (topic: string) => {
      if (topic !== marker) return;
      watcher.off('message', on);
      resolve();
    };
    watcher.on('message', on);
  });
  await publish(watcher, marker, 'x');
  await got;
}

beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(path.join(tmpdir(), 'gb-broker-'));
  const users = path.join(dir, 'mqtt-users.txt');
  writeFileSync(users, `# edge logins\n${formatUserLine({ username: EDGE.username, hash: await hashPassword(EDGE.password), group: G, node: 'line-6' })}\n`);
  broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', secret: SECRET, usersFile: users, log: createLogger('silent') });
  ingest = await startIngest({
    handle: factoryHandle(t.platform.handle),
    databaseUrl: t.platform.ctx.config.databaseUrl,
    mqttUrl: url(),
    mqttAuth: broker.platform,
    log: createLogger('silent'),
    protocolVersion: 4,
    maxDelayMs: 20,
    hostId: 'broker-test',
  });
  await ingest.connected();
  const w = await connect({ clientId: 'broker-test-watcher', ...broker.platform });
  if (!('subscribe' in w)) throw new Error('the platform login was refused');
  watcher = w;
  watcher.on('message', (topic) => seen.push(topic));
  await watcher.subscribeAsync('#', { qos: 1 });
});
afterAll(async () => {
  for (const c of clients) c.end(true);
  await ingest?.close();
  await broker?.close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the embedded broker', () => {
  it('listens on the configured address only', () => {
    expect(broker.address).toBe('127.0.0.1');
  });

  it('refuses a client without a login, with a wrong password, or with an unknown name', async () => {
    expect(await connect({ clientId: 'anon' })).toEqual({ refused: 5 }); // not authorised
    expect(await connect({ clientId: 'wrong', username: EDGE.username, password: 'guess' })).toEqual({ refused: 4 }); // bad user name or password
    expect(await connect({ clientId: 'wrong-platform', username: 'gearbridge', password: 'guess' })).toEqual({ refused: 4 });
    expect(await connect({ clientId: 'nobody', username: 'line-9-gw', password: EDGE.password })).toEqual({ refused: 4 });
  });

  it('keeps the platform’s client ids for the platform: an edge login cannot take over the ingest’s session', async () => {
    expect(await connect({ clientId: `broker-test-ingest-${hostname()}`.slice(0, 64), ...EDGE })).toEqual({ refused: 4 });
    expect(await connect({ clientId: 'gearbridge-ingest-host', ...EDGE })).toEqual({ refused: 4 });
  });

  it('lets an edge node subscribe to its own commands and host STATE only', async () => {
    const c = await edge();
    const granted = (filter: string) => grantedQos(c, filter);
    expect(await granted(`spBv1.0/${G}/NCMD/line-6`)).toBe(1);
    expect(await granted(`spBv1.0/${G}/DCMD/line-6/#`)).toBe(1);
    expect(await granted('spBv1.0/STATE/broker-test')).toBe(1);
    for (const filter of ['#', 'spBv1.0/#', `spBv1.0/${G}/#`, `spBv1.0/${G}/DDATA/#`, `spBv1.0/${G}/NCMD/line-7`, `spBv1.0/${G}/NCMD/+`, 'gb/v1/+/+', '$SYS/#'])
      expect(await granted(filter), filter).toBe(128);
  });

  it('lets an edge node publish under its own group and node only; never NCMD, DCMD or STATE', async () => {
    const own = `spBv1.0/${G}/NDATA/line-6`;
    await publish(await edge(), own, encodePayload({ timestamp: Date.now(), seq: 0, metrics: [] }));
    await barrier();
    expect(seen).toContain(own);
    const forbidden = [
      `spBv1.0/${G}/NDATA/line-7`,
      `spBv1.0/${G}/DBIRTH/line-7/L7-CNC01`,
      `spBv1.0/other-plant/NBIRTH/line-6`,
      `spBv1.0/${G}/NCMD/line-1`,
      `spBv1.0/${G}/DCMD/line-6/L6-CNC02`,
      'spBv1.0/STATE/gearbridge',
      `gb/v1/${G}/FAKE-DEVICE`,
      'gearbridge/anything',
    ];
    for (const topic of forbidden) {
      const c = await edge();
      c.publish(topic, 'forged', { qos: 1 }); // never acknowledged:
      await closed(c); // the broker ends a connection that publishes where it may not
    }
    await barrier();
    for (const topic of forbidden) expect(seen, topic).not.toContain(topic);
  });

  it('brings an edge node’s data into the database through the platform’s ingest', async () => {
    const c = await edge();
    const t0 = Date.UTC(2026, 10, 28, 6, 0, 0);
    await publish(c, `spBv1.0/${G}/NBIRTH/line-6`, encodePayload({ timestamp: t0, seq: 0, metrics: [{ name: 'bdSeq', type: 'Int64', value: 1n }] }));
    await publish(
      c,
      `spBv1.0/${G}/DBIRTH/line-6/L6-CNC02`,
      encodePayload({ timestamp: t0, seq: 1, metrics: [{ name: 'spindle_load', alias: 1, type: 'Double', value: 40, timestamp: t0 }] }),
    );
    await publish(
      c,
      `spBv1.0/${G}/DDATA/line-6/L6-CNC02`,
      encodePayload({ timestamp: t0 + 1000, seq: 2, metrics: [{ alias: 1, type: 'Double', value: 41, timestamp: t0 + 1000 }] }),
    );
    const stored = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from factory_telemetry t join factory_devices d on d.num = t.device_num
          where d.code = 'L6-CNC02' and t.ts >= ${new Date(t0)} and t.ts <= ${new Date(t0 + 1000)}`.execute(t.platform.handle.db)
      ).rows[0].n;
    const end = Date.now() + 10_000;
    while ((await stored()) < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(await stored()).toBe(2);
  });

  it('gives the simulator an edge login for any group and node, without commands', async () => {
    const sim = await connect({ clientId: 'gearbridge-sim-test', ...broker.simulator });
    if (!('publish' in sim)) throw new Error('the simulator login was refused');
    expect(await grantedQos(sim, `spBv1.0/${G}/NCMD/line-3`)).toBe(1);
    expect(await grantedQos(sim, '#')).toBe(128);
    sim.publish(`spBv1.0/${G}/NCMD/line-3`, 'forged', { qos: 1 });
    await closed(sim);
    await barrier();
    expect(seen).not.toContain(`spBv1.0/${G}/NCMD/line-3`);
  });
});
