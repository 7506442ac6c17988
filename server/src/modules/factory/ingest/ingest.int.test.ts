import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../../test/harness';
import { createLogger } from '../../../platform/logger';
import { encodePayload } from '../sparkplug/codec';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';
import { startIngest, type Ingest } from './service';
import { factoryHandle } from '../db';
import { Simulator } from '@gearbridge/sim';

const TEST_SECRET = 'factory-test-secret-0123456789abcdef';

let t: TestApp;
let broker: EmbeddedBroker;
let url: string;
let pub: MqttClient;
const log = createLogger('silent');
const G = 'qijiang-gear'; // the demo plant's group, registered to 綦江齿轮传动有限公司 by the seed

async function connect(): Promise<MqttClient> {
  const c = mqtt.connect(url, { clientId: `test-pub-${Math.random().toString(16).slice(2)}` });
  await new Promise((r) => c.once('connect', r));
  return c;
}
const publish = (topic: string, payload: Uint8Array | string) =>
  new Promise<void>((resolve, reject) => pub.publish(topic, Buffer.from(payload), { qos: 1 }, (err) => (err ? reject(err) : resolve())));

const db = () => t.platform.handle.db;
async function count(table: 'factory_telemetry' | 'factory_dead_letters' | 'factory_telemetry_1m' | 'factory_rollup_queue', where = sql`true`) {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(db());
  return r.rows[0].n;
}
async function until(check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}
/** The rollup job has done every marked minute (the test data's minutes are long closed). */
const rolledUp = () => until(async () => (await count('factory_rollup_queue')) === 0);

function birthAndData(node: string, device: string, t0: number, n: number) {
  const nbirth = encodePayload({
    timestamp: t0,
    seq: 0,
    metrics: [
      { name: 'bdSeq', type: 'Int64', value: 1n },
      { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
    ],
  });
  const dbirth = encodePayload({
    timestamp: t0,
    seq: 1,
    metrics: [
      { name: 'spindle_load', alias: 1, type: 'Double', value: 40, timestamp: t0 },
      { name: 'state', alias: 2, type: 'Int32', value: 1, timestamp: t0 },
    ],
  });
  const data = Array.from({ length: n }, (_, i) =>
    encodePayload({ timestamp: t0 + (i + 1) * 1000, seq: (i + 2) % 256, metrics: [{ alias: 1, type: 'Double', value: 41 + i, timestamp: t0 + (i + 1) * 1000 }] }),
  );
  return {
    nbirth: [`spBv1.0/${G}/NBIRTH/${node}`, nbirth] as const,
    dbirth: [`spBv1.0/${G}/DBIRTH/${node}/${device}`, dbirth] as const,
    data: data.map((d) => [`spBv1.0/${G}/DDATA/${node}/${device}`, d] as const),
  };
}

describe('ingest: embedded broker → Sparkplug → database', () => {
  let ingest: Ingest;
  beforeAll(async () => {
    t = await startTestApp();
    broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', secret: TEST_SECRET });
    // The platform's own login: it may publish as any device too.
    url = `mqtt://${broker.platform.username}:${broker.platform.password}@127.0.0.1:${broker.port}`;
    ingest = await startIngest({
      handle: factoryHandle(t.platform.handle),
      databaseUrl: t.platform.ctx.config.databaseUrl,
      mqttUrl: url,
      log,
      protocolVersion: 4,
      maxDelayMs: 20,
      hostId: 'test-host',
      rollupIntervalMs: 100,
    });
    await ingest.connected();
    await new Promise((r) => setTimeout(r, 100));
    pub = await connect();
  });
  afterAll(async () => {
    pub?.end(true);
    await ingest?.close();
    await broker?.close();
    await t?.close();
  });

  it('stores BIRTH and DATA values of a known device, with 1-minute rollups, and marks it online', async () => {
    const t0 = Date.UTC(2026, 10, 28, 8, 0, 0);
    const m = birthAndData('line-1', 'L1-CNC01', t0, 65);
    await publish(...m.nbirth);
    await publish(...m.dbirth);
    for (const d of m.data) await publish(...d);
    const dev = await db().selectFrom('factory_devices').select(['num', 'online', 'last_seen_at']).where('code', '=', 'L1-CNC01').executeTakeFirstOrThrow();
    await until(async () => (await count('factory_telemetry', sql`device_num = ${dev.num}`)) === 67);
    const load = await db().selectFrom('factory_metrics').select('id').where('device_num', '=', dev.num).where('name', '=', 'spindle_load').executeTakeFirstOrThrow();
    // Birth at 08:00:00 (40), data every second 08:00:01 … 08:01:05 (41 … 105): 60 values in the first minute, 6 in the second.
    await rolledUp();
    const rollups = await db().selectFrom('factory_telemetry_1m').selectAll().where('device_num', '=', dev.num).where('metric_id', '=', load.id).orderBy('bucket').execute();
    expect(rollups.map((r) => [r.n, r.min, r.max, r.last])).toEqual([
      [60, 40, 99, 99],
      [6, 100, 105, 105],
    ]);
    const after = await db().selectFrom('factory_devices').select(['online', 'last_seen_at']).where('num', '=', dev.num).executeTakeFirstOrThrow();
    expect(after.online).toBe(true);
    expect(new Date(after.last_seen_at!).getTime()).toBe(t0 + 65_000);
  });

  it('sets malformed messages aside as dead letters with their reason, and keeps ingesting good ones', async () => {
    const before = await count('factory_dead_letters');
    await publish(`spBv1.0/${G}/DDATA/line-2/L2-CNC01`, Buffer.from('this is not protobuf'));
    await publish('gb/v1/qijiang-gear/L2-WSH01', '{"metrics": {"water_temp": {"celsius": 60}}}');
    // A device may speak the JSON format instead of Sparkplug: it is the registered device of the same code.
    await publish('gb/v1/qijiang-gear/L2-WSH02', JSON.stringify({ ts: Date.UTC(2026, 10, 28, 9, 0, 0), metrics: { water_temp: 61.5, state: 1 } }));
    await publish('some/random/topic', 'x');
    await publish(
      `spBv1.0/unknown-group/NBIRTH/edge-9`,
      encodePayload({
        timestamp: Date.now(),
        seq: 0,
        metrics: [
          { name: 'bdSeq', type: 'Int64', value: 0n },
          { name: 'temperature', type: 'Double', value: 20 },
        ],
      }),
    );
    const good = birthAndData('line-3', 'L3-CNC01', Date.UTC(2026, 10, 28, 9, 0, 0), 5);
    await publish(...good.nbirth);
    await publish(...good.dbirth);
    for (const d of good.data) await publish(...d);
    await until(async () => (await count('factory_dead_letters')) >= before + 3);
    const reasons = (await db().selectFrom('factory_dead_letters').select(['reason', 'topic']).orderBy('id').execute()).slice(before).map((r) => r.reason);
    expect(reasons, JSON.stringify(reasons)).toEqual(expect.arrayContaining(['bad_protobuf', 'wrong_type', 'unknown_group']));
    const dev = await db().selectFrom('factory_devices').select('num').where('code', '=', 'L3-CNC01').executeTakeFirstOrThrow();
    await until(async () => (await count('factory_telemetry', sql`device_num = ${dev.num}`)) === 7);
    const washer = await db().selectFrom('factory_devices').select(['num', 'discovered']).where('code', '=', 'L2-WSH02').executeTakeFirstOrThrow();
    expect(washer.discovered).toBe(false);
    await until(async () => (await count('factory_telemetry', sql`device_num = ${washer.num}`)) === 2);
  });

  it('writes a redelivered message once: a duplicate changes neither the rows nor the rollups', async () => {
    const m = birthAndData('line-4', 'L4-CNC01', Date.UTC(2026, 10, 28, 10, 0, 0), 3);
    await publish(...m.nbirth);
    await publish(...m.dbirth);
    for (const d of m.data) await publish(...d);
    const dev = await db().selectFrom('factory_devices').select('num').where('code', '=', 'L4-CNC01').executeTakeFirstOrThrow();
    await until(async () => (await count('factory_telemetry', sql`device_num = ${dev.num}`)) === 5);
    await rolledUp();
    const rollupBefore = await db().selectFrom('factory_telemetry_1m').select(['n', 'sum']).where('device_num', '=', dev.num).execute();
    const dupBefore = ingest.pipeline.stats.duplicates;
    // The same DATA again, as a broker redelivers it after a crash before the acknowledgement.
    await publish(...m.data[1]);
    await until(async () => ingest.pipeline.stats.duplicates > dupBefore);
    expect(await count('factory_telemetry', sql`device_num = ${dev.num}`)).toBe(5);
    await rolledUp();
    expect(await db().selectFrom('factory_telemetry_1m').select(['n', 'sum']).where('device_num', '=', dev.num).execute()).toEqual(rollupBefore);
  });

  it('opens an interval per state change, takes the alarm code as the reason of a down state, ignores repeats', async () => {
    const node = 'line-5';
    const device = 'L5-CNC01';
    const t0 = Date.UTC(2026, 10, 28, 2, 0, 0);
    const state = (seq: number, ts: number, code: number, alarm?: number) =>
      [
        `spBv1.0/${G}/DDATA/${node}/${device}`,
        encodePayload({
          timestamp: ts,
          seq,
          metrics: [
            { alias: 2, type: 'Int32' as const, value: code, timestamp: ts },
            ...(alarm !== undefined ? [{ alias: 3, type: 'Int32' as const, value: alarm, timestamp: ts }] : []),
          ],
        }),
      ] as const;
    await publish(`spBv1.0/${G}/NBIRTH/${node}`, encodePayload({ timestamp: t0, seq: 0, metrics: [{ name: 'bdSeq', type: 'Int64', value: 3n }] }));
    await publish(
      `spBv1.0/${G}/DBIRTH/${node}/${device}`,
      encodePayload({
        timestamp: t0,
        seq: 1,
        metrics: [
          { name: 'spindle_load', alias: 1, type: 'Double', value: 10, timestamp: t0 },
          { name: 'state', alias: 2, type: 'Int32', value: 1, timestamp: t0 },
          { name: 'alarm_code', alias: 3, type: 'Int32', value: 0, timestamp: t0 },
        ],
      }),
    );
    await publish(...state(2, t0 + 60_000, 1)); // running again: no change
    await publish(...state(3, t0 + 120_000, 3, 2001)); // down, tool broken
    await publish(...state(4, t0 + 1_320_000, 1, 0)); // running after 20 min
    // A death is dated when the host hears of it (a will's own timestamp is that of the connection).
    const deathHeard = Date.now();
    await publish(`spBv1.0/${G}/NDEATH/${node}`, encodePayload({ metrics: [{ name: 'bdSeq', type: 'Int64', value: 3n }] }));
    const dev = await db().selectFrom('factory_devices').select('num').where('code', '=', device).executeTakeFirstOrThrow();
    await until(async () => (await db().selectFrom('factory_state_intervals').select('id').where('device_num', '=', dev.num).execute()).length === 4);
    const ivs = await db().selectFrom('factory_state_intervals').selectAll().where('device_num', '=', dev.num).orderBy('started_at').execute();
    expect(ivs.slice(0, 2).map((i) => [i.state, i.reason_code, new Date(i.started_at).getTime() - t0, new Date(i.ended_at!).getTime() - t0])).toEqual([
      ['running', null, 0, 120_000],
      ['down', 2001, 120_000, 1_320_000],
    ]);
    const offlineAt = new Date(ivs[3].started_at).getTime();
    expect([ivs[2].state, new Date(ivs[2].started_at).getTime() - t0, new Date(ivs[2].ended_at!).getTime()]).toEqual(['running', 1_320_000, offlineAt]);
    expect([ivs[3].state, ivs[3].ended_at]).toEqual(['offline', null]);
    expect(offlineAt).toBeGreaterThanOrEqual(deathHeard);
    expect(offlineAt).toBeLessThan(Date.now());
  });

  it('lists what a device declared, with the units of the conventional names; filters discovered devices', async () => {
    const manager = await t.login('gear.manager');
    const dev = (await manager.get('/api/factory/devices?q=L1-CNC01')).json().items[0];
    const metrics = (await manager.get(`/api/factory/devices/${dev.id}/metrics`)).json();
    expect(metrics).toEqual(
      expect.arrayContaining([
        { name: 'spindle_load', datatype: 'Double', unit: '%' },
        { name: 'state', datatype: 'Int32', unit: null },
      ]),
    );
    const discovered = (await manager.get('/api/factory/devices?discovered=true&pageSize=100')).json();
    expect(discovered.items.every((d: { discovered: boolean }) => d.discovered)).toBe(true);
    expect((await t.login('ly.officer').then((c) => c.get(`/api/factory/devices/${dev.id}/metrics`))).statusCode).toBe(403);
  });

  // Last: the simulator re-births line 1, whose L1-CNC01 the tests above use.
  it('stores what the plant simulator reports a unit with: String event metrics as text, measurements as numbers, no dead letter', async () => {
    const before = await count('factory_dead_letters');
    // Line 1 whole, ten hours of plant a minute: OP10's first units (840 s) complete within two seconds.
    const sim = new Simulator({
      url: `mqtt://127.0.0.1:${broker.port}`,
      username: broker.simulator.username,
      password: broker.simulator.password,
      devices: 26,
      rate: 5,
      timeScale: 600,
      seed: 2,
      startTimeMs: Date.UTC(2026, 10, 28, 1, 0),
    });
    const rows = (metric: string) =>
      db()
        .selectFrom('factory_telemetry as t')
        .innerJoin('factory_metrics as m', 'm.id', 't.metric_id')
        .innerJoin('factory_devices as d', 'd.num', 't.device_num')
        .select(['d.code', 't.value', 't.value_text', 'm.datatype'])
        .where('m.name', '=', metric)
        .where('d.code', 'like', 'L1-CNC0%')
        .execute();
    try {
      sim.start();
      await sim.waitOnline();
      await until(async () => (await rows('unit/result')).filter((r) => r.value_text !== null).length >= 2, 20_000);
    } finally {
      await sim.stop();
    }
    // The DBIRTH declares each event metric with is_null: stored as a row without a value, one per station.
    const all = await rows('unit/serial');
    expect(
      all
        .filter((r) => r.value_text === null)
        .map((r) => r.code)
        .sort(),
    ).toEqual(['L1-CNC01', 'L1-CNC02', 'L1-CNC03', 'L1-CNC04', 'L1-CNC05', 'L1-CNC06', 'L1-CNC07', 'L1-CNC08', 'L1-CNC09']);
    const serials = all.filter((r) => r.value_text !== null);
    expect(serials.length).toBeGreaterThanOrEqual(4);
    for (const r of serials) expect([r.datatype, r.value, r.value_text]).toEqual(['String', null, expect.stringMatching(/^L1-\d{6}-\d{9}-[1-3]$/)]);
    expect((await rows('unit/result')).map((r) => r.value_text)).toContain('OK');
    for (const r of (await rows('unit/lot/CASTING')).filter((x) => x.value_text !== null)) expect(r.value_text).toMatch(/^CST-\d{6}-1\d{2}$/);
    const flatness = (await rows('meas/FLAT_JOINT')).filter((r) => r.value !== null);
    expect(flatness.length).toBeGreaterThanOrEqual(2);
    for (const r of flatness) expect([r.datatype, r.value! >= 0 && r.value! <= 0.05]).toEqual(['Double', true]);
    // None dead-lettered (listed with their reasons if any were).
    const letters = await db().selectFrom('factory_dead_letters').select(['reason', 'detail', 'topic']).orderBy('id').offset(before).execute();
    expect(letters).toEqual([]);
    // …and the reports became units: born at OP10 into line 1's released work order, with their flatness.
    const units = await db()
      .selectFrom('factory_units as u')
      .innerJoin('factory_measurements as v', 'v.unit_id', 'u.id')
      .select(['u.serial', 'u.work_order_id', 'v.value'])
      .where('u.serial', 'like', 'L1-%')
      .execute();
    expect(units.length).toBeGreaterThanOrEqual(2);
    for (const u of units) expect(u.work_order_id).not.toBeNull();
  });
});
