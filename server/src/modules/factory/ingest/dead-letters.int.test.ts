import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { sql } from 'kysely';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { until } from '../../../test/process';
import { createLogger } from '../../../platform/logger';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';
import { startIngest, type Ingest } from './service';
import { applyRetention } from './partitions';
import { factoryHandle } from '../db';

// Rejected messages must not fill the disk: each keeps its first KiB with size and hash, a flood from one topic is
// counted rather than stored message by message, and old ones go with the retention job.
const SECRET = 'dead-letter-test-secret-0123456789abcdef';
const LIMITS = { perTopicPerMinute: 5, perMinute: 50, maxTopics: 100 };

let t: TestApp;
let broker: EmbeddedBroker;
let ingest: Ingest;
let pub: MqttClient;
let admin: Client;

const db = () => t.platform.handle.db;
const publish = (topic: string, payload: Buffer | string) =>
  new Promise<void>((resolve, reject) => pub.publish(topic, payload, { qos: 1 }, (err) => (err ? reject(err) : resolve())));
const rowsOf = (topic: string) =>
  db()
    .selectFrom('factory_dead_letters')
    .select(['reason', 'payload', 'size', 'sha256', 'truncated', 'messages', 'summary_key'])
    .where('topic', '=', topic)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  t = await startTestApp();
  broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', secret: SECRET });
  const url = `mqtt://127.0.0.1:${broker.port}`;
  ingest = await startIngest({
    handle: factoryHandle(t.platform.handle),
    databaseUrl: t.platform.ctx.config.databaseUrl,
    mqttUrl: url,
    mqttAuth: broker.platform,
    log: createLogger('silent'),
    protocolVersion: 4,
    maxDelayMs: 20,
    hostId: 'dead-letter-test',
    deadLetterLimits: LIMITS,
  });
  await ingest.connected();
  pub = await mqtt.connectAsync(url, { clientId: 'dead-letter-test-pub', ...broker.simulator });
  admin = await t.login('admin');
});
afterAll(async () => {
  await pub?.endAsync();
  await ingest?.close();
  await broker?.close();
  await t?.close();
});

describe('dead letters', () => {
  it('keeps the first KiB of a 10 MiB rejected message, with its size and SHA-256', async () => {
    const topic = 'spBv1.0/qijiang-gear/DDATA/line-1/L1-CNC01';
    const big = Buffer.alloc(10 * 1024 * 1024, 0xff); // not protobuf
    await publish(topic, big);
    await until(async () => (await rowsOf(topic)).length === 1, 'the dead letter stored', { ms: 20_000, every: 50 });
    const [row] = await rowsOf(topic);
    expect(row).toMatchObject({ reason: 'bad_protobuf', size: big.length, sha256: createHash('sha256').update(big).digest('hex'), truncated: true, messages: 1 });
    expect(row.payload!.length).toBe(1024);
    expect(Buffer.from(row.payload!).equals(big.subarray(0, 1024))).toBe(true);
    const stored = await sql<{ n: number }>`select octet_length(payload)::int as n from factory_dead_letters where topic = ${topic}`.execute(db());
    expect(stored.rows[0].n).toBe(1024);

    // The platform administrator's list shows size, hash and that it was cut.
    const list = (await admin.get('/api/factory/ingest/dead-letters?reason=bad_protobuf&pageSize=100')).json();
    expect(list.items.find((d: { topic: string }) => d.topic === topic)).toMatchObject({ size: big.length, sha256: row.sha256, truncated: true, messages: 1 });
  });

  it('stores a bounded number of a flood from one topic and counts the rest in a summary row', async () => {
    const topic = 'gb/v1/qijiang-gear/L1-CNC02';
    const FLOOD = 200;
    for (let i = 0; i < FLOOD; i++) await publish(topic, `{not json ${i}`);
    await until(async () => (await rowsOf(topic)).reduce((n, r) => n + r.messages, 0) === FLOOD, 'the flood counted', { ms: 20_000, every: 50 });
    const rows = await rowsOf(topic);
    const stored = rows.filter((r) => r.summary_key === null);
    const summaries = rows.filter((r) => r.summary_key !== null);
    // Five a minute for the topic (plus what the bucket refills while the flood lasts); the rest counted.
    expect(stored.length).toBeGreaterThanOrEqual(LIMITS.perTopicPerMinute);
    expect(stored.length).toBeLessThanOrEqual(LIMITS.perTopicPerMinute + 1);
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    expect(summaries.length).toBeLessThanOrEqual(2); // one per minute the flood touched
    for (const s of summaries) expect(s).toMatchObject({ reason: 'bad_json', payload: null, size: null });
    expect(summaries.reduce((n, r) => n + r.messages, 0)).toBe(FLOOD - stored.length);
    expect(ingest.pipeline.stats.deadLettersSuppressed).toBe(FLOOD - stored.length);

    // The counts on the connectivity page include the messages that were only counted.
    const stats = (await admin.get('/api/factory/ingest/stats')).json();
    expect(stats.deadLetters.byReason.bad_json).toBe(FLOOD);
    const list = (await admin.get('/api/factory/ingest/dead-letters?reason=bad_json&pageSize=100')).json();
    expect(list.items.filter((d: { size: number | null }) => d.size === null).reduce((n: number, d: { messages: number }) => n + d.messages, 0)).toBe(FLOOD - stored.length);
  });

  it('stores every refused unit report of a flood, over the limit, and counts them', async () => {
    // A station not placed at any work cell: each of its complete reports is refused (unit_station_unknown), each
    // without a serial is invalid (unit_event_invalid) — both four times the topic's allowance of a minute.
    const topic = 'gb/v1/qijiang-gear/DL-NO-STATION';
    const EACH = 4 * LIMITS.perTopicPerMinute;
    const before = { ...ingest.pipeline.stats };
    const t0 = Date.now() - 60_000;
    for (let i = 0; i < EACH; i++) {
      await publish(topic, JSON.stringify({ ts: t0 + 2 * i, metrics: { 'unit/event': 'complete', 'unit/serial': `DL-${i}`, 'unit/result': 'OK' } }));
      await publish(topic, JSON.stringify({ ts: t0 + 2 * i + 1, metrics: { 'unit/event': 'start' } }));
    }
    await until(async () => (await rowsOf(topic)).length >= 2 * EACH, 'every refusal stored', { ms: 20_000, every: 50 });
    const rows = await rowsOf(topic);
    expect(rows).toHaveLength(2 * EACH);
    expect(rows.every((r) => r.summary_key === null && r.messages === 1 && r.payload !== null)).toBe(true);
    expect(rows.filter((r) => r.reason === 'unit_station_unknown')).toHaveLength(EACH);
    expect(rows.filter((r) => r.reason === 'unit_event_invalid')).toHaveLength(EACH);
    // Counted as dead letters (the metrics' and the connectivity page's), none only counted.
    expect(ingest.pipeline.stats.deadLetters - before.deadLetters).toBe(2 * EACH);
    expect(ingest.pipeline.stats.deadLettersSuppressed).toBe(before.deadLettersSuppressed);
    const stats = (await admin.get('/api/factory/ingest/stats')).json();
    expect(stats.deadLetters.byReason).toMatchObject({ unit_station_unknown: EACH, unit_event_invalid: EACH });
  });

  it('deletes dead letters older than FACTORY_DEAD_LETTER_DAYS with the retention job', async () => {
    const now = Date.now();
    await db()
      .insertInto('factory_dead_letters')
      .values([
        { at: new Date(now - 31 * 86_400_000), topic: 'old/topic', reason: 'unknown_topic', detail: 'old', payload: Buffer.from('x'), size: 1, sha256: null, summary_key: null },
        {
          at: new Date(now - 29 * 86_400_000),
          topic: 'recent/topic',
          reason: 'unknown_topic',
          detail: 'recent',
          payload: Buffer.from('x'),
          size: 1,
          sha256: null,
          summary_key: null,
        },
      ])
      .execute();
    await t.platform.handle.session((q) => applyRetention(q, now, 30, 400, 30));
    expect(await rowsOf('old/topic')).toEqual([]);
    expect(await rowsOf('recent/topic')).toHaveLength(1);
  });
});
