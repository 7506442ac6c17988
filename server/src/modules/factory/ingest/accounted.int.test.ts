import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateSync, gzipSync } from 'node:zlib';
import mqtt, { type MqttClient } from 'mqtt';
import sp from 'sparkplug-payload';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness';
import { until } from '../../../test/process';
import { createLogger } from '../../../platform/logger';
import { encodePayload, type EncodablePayload } from '../sparkplug/codec';
import { COMPRESSED_UUID, MAX_INFLATED_BYTES } from '../sparkplug/compression';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';
import { startIngest, type Ingest } from './service';
import { factoryHandle } from '../db';

// Defects a third-party client found (issue #13): compressed Sparkplug payloads were lost without a trace; a JSON
// topic of the wrong shape was never read; an empty JSON message did not count as a sign of life; a second value for
// one time vanished. Here through the real path: an mqtt.js client → the embedded broker → the ingest → the database.
const SECRET = 'accounted-test-secret-0123456789abcdef';
const G = 'qijiang-gear'; // registered to the demo organisation by the seed: its unknown devices are "discovered"
const lib = sp.get('spBv1.0')!;

let t: TestApp;
let broker: EmbeddedBroker;
let ingest: Ingest;
let pub: MqttClient;
let commands: string[] = [];

const db = () => t.platform.handle.db;
const publish = (topic: string, payload: Uint8Array | string) =>
  new Promise<void>((resolve, reject) => pub.publish(topic, Buffer.from(payload), { qos: 1 }, (err) => (err ? reject(err) : resolve())));

/** Tahu's PayloadUtil.compress: the payload's bytes compressed into a wrapper's body, with the algorithm named. */
function compressed(inner: Uint8Array, algorithm: 'DEFLATE' | 'GZIP' | string, body?: Uint8Array): Uint8Array {
  const bytes = body ?? (algorithm === 'GZIP' ? gzipSync(inner) : deflateSync(inner));
  return lib.encodePayload({ uuid: COMPRESSED_UUID, body: bytes, metrics: [{ name: 'algorithm', type: 'String', value: algorithm }] } as never);
}

const nbirth = (ts: number): EncodablePayload => ({
  timestamp: ts,
  seq: 0,
  metrics: [
    { name: 'bdSeq', type: 'Int64', value: 1n },
    { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
  ],
});
const dbirth = (seq: number, ts: number): EncodablePayload => ({ timestamp: ts, seq, metrics: [{ name: 'temperature', alias: 1, type: 'Double', value: 20, timestamp: ts }] });
const ddata = (seq: number, ts: number, value: number, alias = 1): EncodablePayload => ({ timestamp: ts, seq, metrics: [{ alias, type: 'Double', value, timestamp: ts }] });

const deviceNum = async (code: string) => (await db().selectFrom('factory_devices').select('num').where('code', '=', code).executeTakeFirstOrThrow()).num;
const device = (code: string) => db().selectFrom('factory_devices').select(['num', 'online', 'last_seen_at']).where('code', '=', code).executeTakeFirst();
const values = async (code: string) => {
  const num = await deviceNum(code);
  const rows = await sql<{ ts: number; value: number | null }>`
    select (extract(epoch from ts) * 1000)::float8 as ts, value from factory_telemetry where device_num = ${num} order by ts`.execute(db());
  return rows.rows.map((r) => [Number(r.ts), r.value]);
};
const deadLetters = (topic: string) =>
  db().selectFrom('factory_dead_letters').select(['reason', 'detail', 'messages', 'payload']).where('topic', '=', topic).orderBy('id').execute();

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
    hostId: 'accounted-test',
  });
  await ingest.connected();
  // The platform's login may publish anywhere, a topic of the wrong shape included (an edge login may not).
  pub = await mqtt.connectAsync(url, { clientId: 'accounted-test-pub', ...broker.platform });
  // Rebirth requests the ingest sends: a seq taken for a gap would show here.
  await pub.subscribeAsync(`spBv1.0/${G}/NCMD/#`, { qos: 0 });
  pub.on('message', (topic) => commands.push(topic));
});
afterAll(async () => {
  await pub?.endAsync();
  await ingest?.close();
  await broker?.close();
  await t?.close();
});

describe('compressed Sparkplug payloads (Sparkplug 3.0 "Payload compression")', () => {
  it('stores DEFLATE and GZIP payloads as if sent plain, their seq in order (no rebirth request)', async () => {
    const node = 'zip-1';
    const dev = 'ZIP-CNC01';
    const t0 = Date.UTC(2026, 10, 20, 8, 0, 0);
    const topic = `spBv1.0/${G}/DDATA/${node}/${dev}`;
    commands = [];
    await publish(`spBv1.0/${G}/NBIRTH/${node}`, encodePayload(nbirth(t0)));
    await publish(`spBv1.0/${G}/DBIRTH/${node}/${dev}`, compressed(encodePayload(dbirth(1, t0)), 'GZIP'));
    await publish(topic, encodePayload(ddata(2, t0 + 1000, 21)));
    await publish(topic, compressed(encodePayload(ddata(3, t0 + 2000, 22)), 'DEFLATE'));
    await publish(topic, compressed(encodePayload(ddata(4, t0 + 3000, 23)), 'GZIP'));
    await publish(topic, encodePayload(ddata(5, t0 + 4000, 24)));
    await until(async () => (await values(dev).catch(() => [])).length === 5, 'five values stored');
    expect(await values(dev)).toEqual([
      [t0, 20],
      [t0 + 1000, 21],
      [t0 + 2000, 22],
      [t0 + 3000, 23],
      [t0 + 4000, 24],
    ]);
    expect(await deadLetters(topic)).toEqual([]);
    await new Promise((r) => setTimeout(r, 200)); // a rebirth request would be on its way by now
    expect(commands).toEqual([]);
  });

  it('dead-letters an unknown algorithm, a corrupt body and a zip bomb with reason bad_compression, and stores nothing of them', async () => {
    const node = 'zip-2';
    const dev = 'ZIP-CNC02';
    const t0 = Date.UTC(2026, 10, 20, 9, 0, 0);
    const topic = `spBv1.0/${G}/DDATA/${node}/${dev}`;
    await publish(`spBv1.0/${G}/NBIRTH/${node}`, encodePayload(nbirth(t0)));
    await publish(`spBv1.0/${G}/DBIRTH/${node}/${dev}`, encodePayload(dbirth(1, t0)));
    const inner = encodePayload(ddata(2, t0 + 1000, 21));
    await publish(topic, compressed(inner, 'LZ4'));
    await publish(topic, compressed(inner, 'DEFLATE', Buffer.from('not a deflate stream')));
    await publish(topic, compressed(inner, 'DEFLATE', deflateSync(Buffer.alloc(MAX_INFLATED_BYTES * 2))));
    await until(async () => (await deadLetters(topic)).length === 3, 'three dead letters');
    const rows = await deadLetters(topic);
    expect(rows.map((r) => r.reason)).toEqual(['bad_compression', 'bad_compression', 'bad_compression']);
    expect(rows[0].detail).toContain('"LZ4"');
    expect(rows[1].detail).toContain('cannot be decompressed');
    expect(rows[2].detail).toBe(`DEFLATE body inflates past ${MAX_INFLATED_BYTES} bytes`);
    expect(await values(dev)).toEqual([[t0, 20]]);
  });
});

describe('JSON-format devices', () => {
  it('dead-letters a topic with the wrong number of levels as unknown_topic (the ingest subscribes to all of gb/v1/#)', async () => {
    const topics = [`gb/v1/${G}`, `gb/v1/${G}/JSON-X/extra`, `gb/v1/${G}/JSON-X/a/b`];
    for (const topic of topics) await publish(topic, JSON.stringify({ metrics: { temperature: 1 } }));
    for (const topic of topics) {
      await until(async () => (await deadLetters(topic)).length === 1, `dead letter of ${topic}`);
      expect((await deadLetters(topic))[0]).toMatchObject({ reason: 'unknown_topic', messages: 1 });
    }
  });

  it('takes an empty {"metrics":{}} as a sign of life: last-seen moves, without a value stored', async () => {
    const topic = `gb/v1/${G}/JSON-HB01`;
    const t1 = Date.UTC(2026, 10, 20, 10, 0, 0);
    await publish(topic, JSON.stringify({ ts: t1, metrics: { temperature: 30 } }));
    await until(async () => (await device('JSON-HB01'))?.last_seen_at?.getTime() === t1, 'first message stored');
    await publish(topic, JSON.stringify({ ts: t1 + 60_000, metrics: {} }));
    await until(async () => (await device('JSON-HB01'))?.last_seen_at?.getTime() === t1 + 60_000, 'last-seen moved by the heartbeat');
    // Without ts: the time the ingest received it.
    const before = Date.now();
    await publish(topic, '{"metrics":{}}');
    await until(async () => ((await device('JSON-HB01'))?.last_seen_at?.getTime() ?? 0) >= before, 'last-seen moved to receive time');
    expect(await values('JSON-HB01')).toEqual([[t1, 30]]);
    expect((await device('JSON-HB01'))?.online).toBe(true);
  });

  it('a heartbeat of an unknown group is dead-lettered like its data would be', async () => {
    const topic = 'gb/v1/no-such-group/JSON-HB02';
    await publish(topic, '{"metrics":{}}');
    await until(async () => (await deadLetters(topic)).length === 1, 'dead letter');
    expect((await deadLetters(topic))[0].reason).toBe('unknown_group');
  });

  it('keeps the first value for a device, metric and time; dead-letters a different second one; an identical one is a silent redelivery', async () => {
    const topic = `gb/v1/${G}/JSON-DUP01`;
    const ts = Date.UTC(2026, 10, 20, 11, 0, 0);
    await publish(topic, JSON.stringify({ ts, metrics: { temperature: 41, program: 'O1' } }));
    await until(async () => (await values('JSON-DUP01').catch(() => [])).length === 2, 'first message stored');
    const dupBefore = ingest.pipeline.stats.duplicates;
    await publish(topic, JSON.stringify({ ts, metrics: { temperature: 41, program: 'O1' } })); // a redelivery
    await until(async () => ingest.pipeline.stats.duplicates === dupBefore + 2, 'redelivery counted as duplicates');
    expect(await deadLetters(topic)).toEqual([]);

    await publish(topic, JSON.stringify({ ts, metrics: { temperature: 42, program: 'O1' } }));
    await until(async () => (await deadLetters(topic)).length === 1, 'the conflicting value dead-lettered');
    const [row] = await deadLetters(topic);
    expect(row.reason).toBe('conflicting_value');
    expect(row.detail).toBe(`metric "temperature" at ${new Date(ts).toISOString()} has 41 stored; 42 sent for the same time is not stored`);
    expect(JSON.parse(Buffer.from(row.payload!).toString())).toEqual({ metric: 'temperature', ts: new Date(ts).toISOString(), stored: 41, sent: 42 });
    const num = await deviceNum('JSON-DUP01');
    const stored = await sql<{ value: number | null; value_text: string | null }>`
      select value, value_text from factory_telemetry where device_num = ${num} order by value_text nulls first`.execute(db());
    expect(stored.rows).toEqual([
      { value: 41, value_text: null },
      { value: null, value_text: 'O1' },
    ]);
  });

  it('two values for one time in the same batch: the first is stored, the second dead-lettered (text values too)', async () => {
    const topic = `gb/v1/${G}/JSON-DUP02`;
    const ts = Date.UTC(2026, 10, 20, 12, 0, 0);
    // Sent together: they reach the ingest within one batch's 20 ms.
    await Promise.all([publish(topic, JSON.stringify({ ts, metrics: { program: 'O1' } })), publish(topic, JSON.stringify({ ts, metrics: { program: 'O2' } }))]);
    await until(async () => (await deadLetters(topic)).length === 1, 'the second value dead-lettered');
    expect((await deadLetters(topic))[0]).toMatchObject({
      reason: 'conflicting_value',
      detail: `metric "program" at ${new Date(ts).toISOString()} has "O1" stored; "O2" sent for the same time is not stored`,
    });
    const num = await deviceNum('JSON-DUP02');
    const stored = await sql<{ value_text: string }>`select value_text from factory_telemetry where device_num = ${num}`.execute(db());
    expect(stored.rows).toEqual([{ value_text: 'O1' }]);
  });

  it('a second value of a Sparkplug metric for a stored time is dead-lettered under its DATA topic', async () => {
    const node = 'dup-3';
    const dev = 'DUP-CNC03';
    const t0 = Date.UTC(2026, 10, 20, 13, 0, 0);
    const topic = `spBv1.0/${G}/DDATA/${node}/${dev}`;
    await publish(`spBv1.0/${G}/NBIRTH/${node}`, encodePayload(nbirth(t0)));
    await publish(`spBv1.0/${G}/DBIRTH/${node}/${dev}`, encodePayload(dbirth(1, t0)));
    await publish(topic, encodePayload(ddata(2, t0 + 1000, 21)));
    await publish(topic, encodePayload(ddata(3, t0 + 1000, 99)));
    await until(async () => (await deadLetters(topic)).length === 1, 'the conflicting value dead-lettered');
    expect((await deadLetters(topic))[0].reason).toBe('conflicting_value');
    expect(await values(dev)).toEqual([
      [t0, 20],
      [t0 + 1000, 21],
    ]);
  });
});

describe('no message vanishes', () => {
  it('every message of a mixed stream is stored (telemetry, presence) or dead-lettered: the count equals what was sent', async () => {
    const t0 = Date.UTC(2026, 10, 21, 8, 0, 0);
    let clock = t0;
    /** Each message that stores values gets its own time, so stored messages can be counted by (device, time). */
    const tick = () => (clock += 1000);
    const sent: Array<{ topic: string; payload: Uint8Array | string; expect: 'telemetry' | 'offline' | 'heartbeat' | 'dead' }> = [];
    const add = (topic: string, payload: Uint8Array | string, expectTo: (typeof sent)[number]['expect']) => sent.push({ topic, payload, expect: expectTo });
    const node = (n: number) => `mix-${n}`;
    const dev = (n: number) => `MIX-CNC0${n}`;
    const data = (n: number) => `spBv1.0/${G}/DDATA/${node(n)}/${dev(n)}`;
    // Three nodes with one device each; their sessions run interleaved.
    for (const n of [1, 2, 3]) {
      add(
        `spBv1.0/${G}/NBIRTH/${node(n)}`,
        encodePayload({ ...nbirth(tick()), metrics: [...nbirth(0).metrics, { name: 'uplink_rssi', type: 'Int32', value: -60, timestamp: clock }] }),
        'telemetry',
      );
      add(`spBv1.0/${G}/DBIRTH/${node(n)}/${dev(n)}`, encodePayload(dbirth(1, tick())), 'telemetry');
    }
    const seq = { 1: 2, 2: 2, 3: 2 } as Record<number, number>;
    let jsonTs = 0;
    for (let i = 0; i < 5; i++) {
      for (const n of [1, 2, 3]) add(data(n), encodePayload(ddata(seq[n]++, tick(), 20 + i)), 'telemetry');
      add(data(1), compressed(encodePayload(ddata(seq[1]++, tick(), 50 + i)), i % 2 ? 'GZIP' : 'DEFLATE'), 'telemetry');
      add(`gb/v1/${G}/MIX-JSON01`, JSON.stringify({ ts: tick(), metrics: { temperature: 20 + i, state: 1 } }), 'telemetry');
      jsonTs ||= clock;
    }
    const heartbeatTs = tick();
    add(`gb/v1/${G}/MIX-JSON02`, JSON.stringify({ ts: heartbeatTs, metrics: {} }), 'heartbeat');
    // Damaged, misaddressed, unknown: dead letters.
    add(data(2), Buffer.from('not protobuf at all'), 'dead');
    add(data(2), compressed(encodePayload(ddata(99, tick(), 1)), 'BZIP2'), 'dead');
    add(data(3), compressed(encodePayload(ddata(99, tick(), 1)), 'GZIP', Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3])), 'dead');
    add(data(3), encodePayload(ddata(seq[3]++, tick(), 1, 77)), 'dead'); // alias 77 is not in the DBIRTH
    add(`spBv1.0/${G}/DDATA/mix-9/MIX-CNC09`, encodePayload(ddata(5, tick(), 1)), 'dead'); // no BIRTH (and none comes)
    add(`spBv1.0/no-such-group/NBIRTH/edge-1`, encodePayload({ ...nbirth(tick()), metrics: [{ name: 'temperature', type: 'Double', value: 1 }] }), 'dead');
    add(`gb/v1/no-such-group/MIX-JSON03`, JSON.stringify({ metrics: { temperature: 1 } }), 'dead');
    add(`spBv1.0/${G}/DDATA/${node(1)}`, encodePayload(ddata(1, tick(), 1)), 'dead'); // a device type on a node topic
    add(`spBv1.0/${G}/NDATA/${node(1)}/x/y`, encodePayload(ddata(1, tick(), 1)), 'dead');
    add(`gb/v1/${G}/MIX-JSON01/extra`, JSON.stringify({ metrics: { temperature: 1 } }), 'dead');
    add(`gb/v1/${G}`, JSON.stringify({ metrics: { temperature: 1 } }), 'dead');
    add(`gb/v1/${G}/MIX-JSON01`, '{"metrics": {"temperature": [1, 2]}}', 'dead');
    add(`gb/v1/${G}/MIX-JSON01`, '{not json', 'dead');
    add(`gb/v1/${G}/MIX-JSON01`, JSON.stringify({ ts: jsonTs, metrics: { temperature: 999 } }), 'dead'); // a second value for a stored time
    // Deaths: a device's, and a node's (its device goes offline).
    add(`spBv1.0/${G}/DDEATH/${node(2)}/${dev(2)}`, encodePayload({ seq: seq[2]++, metrics: [] }), 'offline');
    add(`spBv1.0/${G}/NDEATH/${node(3)}`, encodePayload({ metrics: [{ name: 'bdSeq', type: 'Int64', value: 1n }] }), 'offline');

    const topics = [...new Set(sent.map((m) => m.topic))];
    const start = new Date(Date.now() - 1000);
    // Published back to back, in order on one connection, as a busy edge network would.
    await Promise.all(sent.map((m) => publish(m.topic, m.payload)));

    const codes = [1, 2, 3].map(dev).concat([`${node(1)} (node)`, `${node(2)} (node)`, `${node(3)} (node)`, 'MIX-JSON01']);
    const count = async () => {
      const telemetry = await sql<{ n: number }>`
        select count(distinct (t.device_num, t.ts))::int as n from factory_telemetry t join factory_devices d on d.num = t.device_num
        where d.code = any(${codes}::text[])`.execute(db());
      const offline = await sql<{ n: number }>`
        select count(*)::int as n from factory_device_events e join factory_devices d on d.num = e.device_num
        where d.code = any(${codes}::text[]) and e.kind = 'offline' and e.at >= ${start}`.execute(db());
      const heartbeat = await sql<{ n: number }>`
        select count(*)::int as n from factory_devices where code = 'MIX-JSON02' and last_seen_at = ${new Date(heartbeatTs)}`.execute(db());
      const dead = await sql<{ n: number }>`select coalesce(sum(messages), 0)::int as n from factory_dead_letters where topic = any(${topics}::text[]) and at >= ${start}`.execute(
        db(),
      );
      return { telemetry: telemetry.rows[0].n, offline: offline.rows[0].n, heartbeat: heartbeat.rows[0].n, dead: dead.rows[0].n };
    };
    const expected = { telemetry: 0, offline: 0, heartbeat: 0, dead: 0 };
    for (const m of sent) expected[m.expect]++;
    let last = { telemetry: -1, offline: -1, heartbeat: -1, dead: -1 };
    await until(
      async () => {
        last = await count();
        return last.telemetry + last.offline + last.heartbeat + last.dead >= sent.length;
      },
      'every message accounted for',
      { ms: 20_000, output: () => JSON.stringify({ last, expected }) },
    );
    expect(last).toEqual(expected);
    expect(last.telemetry + last.offline + last.heartbeat + last.dead).toBe(sent.length);
    const reasons = await db()
      .selectFrom('factory_dead_letters')
      .select(['reason', (eb) => eb.fn.sum<number>('messages').as('n')])
      .where('topic', 'in', topics)
      .where('at', '>=', start)
      .groupBy('reason')
      .execute();
    expect(Object.fromEntries(reasons.map((r) => [r.reason, Number(r.n)]))).toEqual({
      bad_protobuf: 1,
      bad_compression: 2,
      unknown_alias: 1,
      no_birth: 1,
      unknown_group: 2,
      unknown_topic: 4,
      wrong_type: 1,
      bad_json: 1,
      conflicting_value: 1,
    });
  });
});
