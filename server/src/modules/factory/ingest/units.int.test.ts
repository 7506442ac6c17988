import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { createLogger } from '../../../platform/logger';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';
import { startIngest, type Ingest } from './service';
import { factoryHandle } from '../db';

/**
 * A station reporting units over MQTT (the JSON device format; a Sparkplug DDATA carries the same metric names):
 * the unit is born, its measurements and lots recorded, its completion once; what the production rules refuse is
 * dead-lettered with the reason, and every report is one or the other.
 */
const TEST_SECRET = 'factory-test-secret-0123456789abcdef';
const CODE = 'E2E-UNIT-OP10';
const TOPIC = `gb/v1/qijiang-gear/${CODE}`;

let t: TestApp;
let broker: EmbeddedBroker;
let ingest: Ingest;
let pub: MqttClient;
let manager: Client;

async function until<T>(check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}
const send = (body: object) => new Promise<void>((resolve, reject) => pub.publish(TOPIC, JSON.stringify(body), { qos: 1 }, (err) => (err ? reject(err) : resolve())));
const db = () => t.platform.handle.db;
const deadLetters = (reason: string) => db().selectFrom('factory_dead_letters').select(['reason', 'detail']).where('topic', '=', TOPIC).where('reason', '=', reason).execute();
const unit = (serial: string) => db().selectFrom('factory_units').selectAll().where('serial', '=', serial).executeTakeFirst();

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.login('gear.manager');
  broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', secret: TEST_SECRET });
  const url = `mqtt://${broker.platform.username}:${broker.platform.password}@127.0.0.1:${broker.port}`;
  ingest = await startIngest({
    handle: factoryHandle(t.platform.handle),
    databaseUrl: t.platform.ctx.config.databaseUrl,
    mqttUrl: url,
    log: createLogger('silent'),
    protocolVersion: 4,
    maxDelayMs: 20,
    hostId: 'units-test',
  });
  await ingest.connected();
  pub = await mqtt.connectAsync(url, { clientId: `units-pub-${process.pid}` });
});
afterAll(async () => {
  await pub?.endAsync();
  await ingest?.close();
  await broker?.close();
  await t?.close();
});

describe('units reported by a station over MQTT', () => {
  it('dead-letters a report from a device not yet at a station, then records units once it is placed at OP10', async () => {
    const t0 = Date.now() - 60_000;
    // A new device: discovered with its first message, not on any line — its unit report cannot be placed.
    await send({ ts: t0, metrics: { 'unit/event': 'start', 'unit/serial': 'MQ-0001' } });
    const refused = await until(async () => (await deadLetters('unit_station_unknown')).length > 0 && deadLetters('unit_station_unknown'));
    expect(refused).toHaveLength(1);
    expect(await unit('MQ-0001')).toBeUndefined();

    // Placed at OP10 of line 5.
    const dev = (await manager.get(`/api/factory/devices?q=${CODE}`)).json().items[0] as { id: string };
    const l5 = ((await manager.get('/api/factory/lines')).json() as { id: string; code: string }[]).find((l) => l.code === 'L5')!;
    const placed = await manager.patch(`/api/factory/devices/${dev.id}`, { lineId: l5.id, cellCode: 'OP10' });
    expect(placed.statusCode, placed.body).toBe(200);

    await send({ ts: t0 + 1000, metrics: { 'unit/event': 'start', 'unit/serial': 'MQ-0001' } });
    await send({
      ts: t0 + 900_000,
      metrics: { 'unit/event': 'complete', 'unit/serial': 'MQ-0001', 'unit/result': 'OK', 'meas/FLAT_JOINT': 0.018, 'unit/lot/CASTING': 'CST-MQ-07', spindle_load: 41.5 },
    });
    const ops = await until(async () => {
      const u = await unit('MQ-0001');
      if (!u) return undefined;
      const rows = await db().selectFrom('factory_unit_ops').selectAll().where('unit_id', '=', u.id).execute();
      return rows[0]?.completed_at ? rows : undefined;
    });
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ op: 'OP10', result: 'OK', source: 'device' });
    expect(ops[0].started_at?.getTime()).toBe(t0 + 1000);
    const born = (await unit('MQ-0001'))!;
    expect(born.born_at.getTime()).toBe(t0 + 1000);
    expect(born.work_order_id).not.toBeNull();

    // The whole history through the API: the measurement and the lot, and the station's spindle load at completion.
    const g = (await manager.get('/api/factory/units/genealogy?code=MQ-0001')).json();
    expect(g.ops[0].measurements[0]).toMatchObject({ code: 'FLAT_JOINT', value: 0.018, inSpec: true, source: 'device' });
    expect(g.ops[0].components[0]).toMatchObject({ componentCode: 'CASTING', lotNo: 'CST-MQ-07' });
    expect(g.ops[0].parameters).toContainEqual(expect.objectContaining({ metric: 'spindle_load', value: 41.5 }));
  });

  it('takes a redelivered completion as a no-op, and dead-letters a different second completion and incomplete reports', async () => {
    const t0 = Date.now() - 30_000;
    const complete = { ts: t0, metrics: { 'unit/event': 'complete', 'unit/serial': 'MQ-0002', 'unit/result': 'OK', 'meas/FLAT_JOINT': 0.03 } };
    await send(complete);
    await send(complete); // the same message again: no row, no dead letter
    await send({ ts: t0 + 5000, metrics: { 'unit/event': 'complete', 'unit/serial': 'MQ-0002', 'unit/result': 'NOK', 'unit/defect': 'D01' } });
    await send({ ts: t0 + 6000, metrics: { 'unit/event': 'complete', 'unit/serial': 'MQ-0003' } }); // no result
    await send({ ts: t0 + 7000, metrics: { 'unit/event': 'finish', 'unit/serial': 'MQ-0003' } }); // unknown event
    await send({ ts: t0 + 8000, metrics: { 'unit/event': 'start' } }); // no serial

    const invalid = await until(async () => ((await deadLetters('unit_event_invalid')).length === 3 ? deadLetters('unit_event_invalid') : undefined));
    expect(invalid.map((d) => d.detail).sort()).toEqual([
      'unit/complete of MQ-0003 without unit/result OK or NOK',
      'unit/event is "finish": expected "start" or "complete"',
      'unit/start without a unit/serial (or one longer than 60 characters)',
    ]);
    const repeated = await until(async () => ((await deadLetters('unit_op_repeated')).length ? deadLetters('unit_op_repeated') : undefined));
    expect(repeated).toHaveLength(1);
    const u = (await unit('MQ-0002'))!;
    expect(u.status).toBe('wip');
    const ops = await db().selectFrom('factory_unit_ops').selectAll().where('unit_id', '=', u.id).execute();
    expect(ops.map((o) => o.result)).toEqual(['OK']);
    expect(await unit('MQ-0003')).toBeUndefined();
    // Every report is stored or dead-lettered: 2 units recorded (MQ-0001, MQ-0002), and the rest each a dead letter.
    const letters = await db().selectFrom('factory_dead_letters').select('reason').where('topic', '=', TOPIC).execute();
    expect(letters.map((l) => l.reason).sort()).toEqual(['unit_event_invalid', 'unit_event_invalid', 'unit_event_invalid', 'unit_op_repeated', 'unit_station_unknown']);
  });
});
