import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { startTestApp, type TestApp } from '../../../test/harness';
import { createLogger } from '../../../platform/logger';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';
import { startIngest, type Ingest } from './service';
import { factoryHandle } from '../db';

const TEST_SECRET = 'factory-test-secret-0123456789abcdef';

let t: TestApp;
let broker: EmbeddedBroker;
let ingest: Ingest;
let pub: MqttClient;
const TOPIC = 'gb/v1/qijiang-gear/E2E-JSON01';

async function until<T>(check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

const device = () => t.platform.handle.db.selectFrom('factory_devices').select(['num', 'online', 'last_seen_at']).where('code', '=', 'E2E-JSON01').executeTakeFirst();
const states = (num: number) =>
  t.platform.handle.db
    .selectFrom('factory_state_intervals')
    .select(['state', 'started_at', 'ended_at'])
    .where('device_num', '=', num)
    .orderBy('started_at')
    .orderBy('id')
    .execute();
const send = (body: object) => new Promise<void>((resolve, reject) => pub.publish(TOPIC, JSON.stringify(body), { qos: 1 }, (err) => (err ? reject(err) : resolve())));

beforeAll(async () => {
  t = await startTestApp();
  broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', secret: TEST_SECRET });
  // The platform's own login: it may publish as any device too.
  const url = `mqtt://${broker.platform.username}:${broker.platform.password}@127.0.0.1:${broker.port}`;
  // A timeout of 0.6 s instead of 5 minutes, so the test need not wait.
  ingest = await startIngest({
    handle: factoryHandle(t.platform.handle),
    databaseUrl: t.platform.ctx.config.databaseUrl,
    mqttUrl: url,
    log: createLogger('silent'),
    protocolVersion: 4,
    maxDelayMs: 20,
    hostId: 'json-test',
    jsonTimeoutMs: 600,
  });
  await ingest.connected();
  pub = await mqtt.connectAsync(url, { clientId: `json-pub-${process.pid}` });
});
afterAll(async () => {
  await pub?.endAsync();
  await ingest?.close();
  await broker?.close();
  await t?.close();
});

describe('JSON-format devices: online with a message, offline after silence', () => {
  it('goes offline as of its last message once silent past the timeout, and online again with the next one', async () => {
    const sentAt = Date.now();
    await send({ ts: sentAt, metrics: { state: 1, temperature: 24.5 } });
    const first = await until(async () => ((await device())?.online ? await device() : undefined));
    expect(first.online).toBe(true);

    // Silent: offline within the timeout plus a sweep, with an offline interval from the last message on.
    const off = await until(async () => ((await device())?.online === false ? await device() : undefined), 5_000);
    const timeline = await states(off.num);
    expect(timeline.map((s) => s.state)).toEqual(['running', 'offline']);
    expect(timeline[1].ended_at).toBeNull();
    expect(Math.abs(new Date(timeline[1].started_at).getTime() - sentAt)).toBeLessThan(1_000);

    // Back: online again, and its next state closes the offline interval.
    await send({ metrics: { state: 2 } });
    await until(async () => (await device())?.online === true);
    const after = await until(async () => {
      const s = await states(off.num);
      return s.length === 3 ? s : undefined;
    });
    expect(after.map((s) => [s.state, s.ended_at === null])).toEqual([
      ['running', false],
      ['offline', false],
      ['idle', true],
    ]);
  });
});

describe('JSON-format devices with several ingest processes', () => {
  it('does not go offline while another process keeps hearing it (its batches move last_seen_at)', async () => {
    const topic = 'gb/v1/qijiang-gear/E2E-JSON02';
    await new Promise<void>((resolve, reject) =>
      pub.publish(topic, JSON.stringify({ ts: Date.now(), metrics: { state: 1 } }), { qos: 1 }, (err) => (err ? reject(err) : resolve())),
    );
    const dev = () => t.platform.handle.db.selectFrom('factory_devices').select(['num', 'online']).where('code', '=', 'E2E-JSON02').executeTakeFirst();
    const { num } = await until(async () => ((await dev())?.online ? await dev() : undefined));
    // The device's next messages go to another ingest process, which records them: this one hears nothing more.
    const db = t.platform.handle.db;
    const other = setInterval(() => void db.updateTable('factory_devices').set({ last_seen_at: new Date() }).where('num', '=', num).execute(), 100);
    try {
      // Well past this process's timeout (0.6 s) and several sweeps (every 0.3 s).
      await new Promise((r) => setTimeout(r, 2_000));
    } finally {
      clearInterval(other);
    }
    expect((await dev())?.online).toBe(true);
    expect((await states(num)).map((s) => s.state)).toEqual(['running']);
    const events = await db.selectFrom('factory_device_events').select('kind').where('device_num', '=', num).execute();
    expect(events.map((e) => e.kind)).toEqual(['online']);
  });
});
