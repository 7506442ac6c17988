import { Genealogy } from '@gearbridge/contracts/factory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { createLogger } from '../../../platform/logger';
import { startEmbeddedBroker, type EmbeddedBroker } from '../ingest/broker';
import { startIngest, type Ingest } from '../ingest/service';
import { factoryHandle } from '../db';
import { decodePayload, encodePayload, type EncodableMetric } from '../sparkplug/codec';
import { isSscc } from '../labels/gs1';
import { DEMO_CUSTOMERS } from '@gearbridge/plant';
import { clerkActor, clerkRound } from './demo-clerk';

/**
 * The logistics handoff end to end: units packed (never a held, NOK or unfinished one), pallets with SSCCs, an AGV
 * transfer order sent as a Sparkplug DCMD through the ingest's connection to a fake AGV (an MQTT client, as the
 * simulator's AGVs do) whose DDATA answers move the order to delivered — the warehouse receipt — then shipped; and
 * the account of every finished unit by a hand-built case.
 */
const TEST_SECRET = 'factory-test-secret-0123456789abcdef';
const G = 'qijiang-gear';

let t: TestApp;
let broker: EmbeddedBroker;
let ingest: Ingest;
let agv: MqttClient;
let manager: Client;
let operator: Client;
let quality: Client;
let parkOfficer: Client;
let other: Client;

const db = () => t.platform.handle.db;
const fdb = () => factoryHandle(t.platform.handle).db;
async function until<T>(check: () => Promise<T | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

const lines = new Map<string, { id: string; orgId: string; productId: string }>();
async function line(code: string) {
  if (!lines.has(code)) {
    const l = await db().selectFrom('factory_lines').select(['id', 'org_id']).where('code', '=', code).executeTakeFirstOrThrow();
    const p = await db().selectFrom('factory_products').select('id').where('line_id', '=', l.id).executeTakeFirstOrThrow();
    lines.set(code, { id: l.id, orgId: l.org_id, productId: p.id });
  }
  return lines.get(code)!;
}
/** A hand-built unit (the station path is tested in production.int.test.ts). */
async function unit(lineCode: string, serial: string, status: 'wip' | 'done' | 'nok' | 'scrapped' = 'done', held = false) {
  const l = await line(lineCode);
  const r = await db()
    .insertInto('factory_units')
    .values({
      org_id: l.orgId,
      serial,
      product_id: l.productId,
      line_id: l.id,
      status,
      last_op: status === 'wip' ? 'OP40' : 'OP80',
      held,
      hold_reason: held ? '疑似气孔' : null,
      born_at: new Date(Date.now() - 3_600_000),
      done_at: status === 'done' ? new Date() : null,
      product_serial: `P${serial}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

// The fake AGV: line 1's first AGV on the demo's edge node line-1; answers each DCMD it gets as told by `answer`.
const NODE = 'line-1';
const DEVICE = 'L1-AGV01';
let seq = 0;
let answer: (order: string) => Array<{ status: string; reason?: string; order?: string }> = (order) => [
  { status: 'accepted' },
  { status: 'picked' },
  { status: 'delivered', order },
];
const received: string[] = [];
const publish = (topic: string, payload: Uint8Array) =>
  new Promise<void>((resolve, reject) => agv.publish(topic, Buffer.from(payload), { qos: 1 }, (err) => (err ? reject(err) : resolve())));
const str = (name: string, value: string | null, ts: number): EncodableMetric => ({ name, type: 'String', value, timestamp: ts });
async function agvBirth() {
  const ts = Date.now();
  await publish(`spBv1.0/${G}/NBIRTH/${NODE}`, encodePayload({ timestamp: ts, seq: 0, metrics: [{ name: 'bdSeq', type: 'Int64', value: 1n }] }));
  seq = 1;
  await publish(
    `spBv1.0/${G}/DBIRTH/${NODE}/${DEVICE}`,
    encodePayload({
      timestamp: ts,
      seq: seq++,
      metrics: [{ name: 'battery', type: 'Double', value: 88, timestamp: ts }, ...['agv/order', 'agv/from', 'agv/to', 'agv/status', 'agv/reason'].map((n) => str(n, null, ts))],
    }),
  );
}
async function agvSays(order: string, status: string, reason?: string) {
  const ts = Date.now();
  const metrics = [str('agv/order', order, ts), str('agv/status', status, ts), ...(reason ? [str('agv/reason', reason, ts)] : [])];
  await publish(`spBv1.0/${G}/DDATA/${NODE}/${DEVICE}`, encodePayload({ timestamp: ts, seq: seq++ % 256, metrics }));
}

beforeAll(async () => {
  t = await startTestApp();
  [manager, operator, quality, parkOfficer, other] = await Promise.all([
    t.login('gear.manager'),
    t.login('gear.operator'),
    t.login('gear.quality'),
    t.login('park.officer'),
    t.login('ck.admin'),
  ]);
  broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', secret: TEST_SECRET });
  const url = `mqtt://${broker.platform.username}:${broker.platform.password}@127.0.0.1:${broker.port}`;
  ingest = await startIngest({
    handle: factoryHandle(t.platform.handle),
    databaseUrl: t.platform.ctx.config.databaseUrl,
    mqttUrl: url,
    log: createLogger('silent'),
    protocolVersion: 4,
    maxDelayMs: 20,
    hostId: 'logistics-test',
    agvDispatchMs: 50,
    agvTimeoutMs: 60_000,
  });
  await ingest.connected();
  agv = await mqtt.connectAsync(url, { clientId: `fake-agv-${process.pid}` });
  await agv.subscribeAsync(`spBv1.0/${G}/DCMD/${NODE}/${DEVICE}`, { qos: 0 });
  agv.on('message', (_topic, payload) => {
    const p = decodePayload(payload);
    const v = (n: string) => p.metrics.find((m) => m.name === n)?.value as string;
    const order = v('agv/order');
    received.push(`${order} ${v('agv/from')}→${v('agv/to')}`);
    void (async () => {
      for (const a of answer(order)) await agvSays(a.order ?? order, a.status, a.reason);
    })();
  });
  await agvBirth();
  // The DBIRTH is in: the AGV is online.
  await until(async () => (await db().selectFrom('factory_devices').select('online').where('code', '=', DEVICE).executeTakeFirst())?.online);
}, 120_000);
afterAll(async () => {
  await agv?.endAsync();
  await ingest?.close();
  await broker?.close();
  await t?.close();
});

const P = '/api/factory/logistics';
const ZERO = '00000000-0000-4000-8000-000000000000';

describe('logistics routes: 401, 403, 400', () => {
  it('answers 401 without a session on every route', async () => {
    const anon = t.anonymous();
    const routes: [string, string][] = [
      ['GET', `${P}/boxes`],
      ['POST', `${P}/boxes`],
      ['POST', `${P}/boxes/${ZERO}/units`],
      ['POST', `${P}/boxes/${ZERO}/close`],
      ['GET', `${P}/boxes/${ZERO}/unit-labels.pdf`],
      ['GET', `${P}/pallets`],
      ['POST', `${P}/pallets`],
      ['POST', `${P}/pallets/${ZERO}/units`],
      ['POST', `${P}/pallets/${ZERO}/boxes`],
      ['POST', `${P}/pallets/${ZERO}/close`],
      ['GET', `${P}/pallets/${ZERO}/label.pdf`],
      ['GET', `${P}/pallets/${ZERO}/unit-labels.pdf`],
      ['GET', `${P}/transfer-orders`],
      ['POST', `${P}/transfer-orders`],
      ['GET', `${P}/stock`],
      ['GET', `${P}/deliveries`],
      ['POST', `${P}/deliveries`],
      ['GET', `${P}/accounting`],
    ];
    for (const [method, url] of routes) {
      const r = method === 'GET' ? await anon.get(url) : await anon.post(url, {});
      expect(r.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('refuses acting without factory.logistics in the plant (403), and bad input (400) changes nothing', async () => {
    const l1 = await line('L1');
    // The quality engineer reads but may not pack; the park officer watches the plant but does not run it.
    for (const c of [quality, parkOfficer]) {
      expect((await c.post(`${P}/boxes`, { lineId: l1.id })).statusCode).toBe(403);
      expect((await c.post(`${P}/pallets`, { lineId: l1.id })).statusCode).toBe(403);
      expect((await c.get(`${P}/stock`)).statusCode).toBe(200);
    }
    const box = (await operator.post(`${P}/boxes`, { lineId: l1.id })).json() as { id: string };
    const pallet = (await operator.post(`${P}/pallets`, { lineId: l1.id })).json() as { id: string };
    const serial = 'LG-403-1';
    await unit('L1', serial);
    expect((await quality.post(`${P}/boxes/${box.id}/units`, { serials: [serial] })).statusCode).toBe(403);
    expect((await quality.post(`${P}/pallets/${pallet.id}/units`, { serials: [serial] })).statusCode).toBe(403);
    expect((await quality.post(`${P}/boxes/${box.id}/close`, {})).statusCode).toBe(403);
    expect((await quality.post(`${P}/pallets/${pallet.id}/boxes`, { boxId: box.id })).statusCode).toBe(403);
    expect((await quality.post(`${P}/pallets/${pallet.id}/close`, {})).statusCode).toBe(403);
    expect((await quality.post(`${P}/transfer-orders`, { palletId: pallet.id })).statusCode).toBe(403);
    expect((await quality.post(`${P}/deliveries`, { customer: 'X', palletIds: [pallet.id] })).statusCode).toBe(403);
    // Another organisation: not its plant (403), and it sees none of it.
    expect((await other.post(`${P}/boxes/${box.id}/units`, { serials: [serial] })).statusCode).toBe(403);
    expect((await other.get(`${P}/pallets/${pallet.id}/label.pdf`)).statusCode).toBe(403);
    expect((await other.get(`${P}/pallets`)).json().total).toBe(0);
    expect((await other.get(`${P}/accounting`)).json().done).toBe(0);

    const bad: [string, string, object | null][] = [
      ['GET', `${P}/boxes?status=full`, null],
      ['POST', `${P}/boxes`, { lineId: 'L1' }],
      ['POST', `${P}/boxes/${box.id}/units`, { serials: [] }],
      ['POST', `${P}/boxes/not-a-uuid/close`, {}],
      ['GET', `${P}/boxes/not-a-uuid/unit-labels.pdf`, null],
      ['GET', `${P}/pallets?status=lost`, null],
      ['POST', `${P}/pallets`, {}],
      ['POST', `${P}/pallets/${pallet.id}/units`, { serials: Array.from({ length: 201 }, (_, i) => `S${i}`) }],
      ['POST', `${P}/pallets/${pallet.id}/boxes`, { boxId: 'box-1' }],
      ['POST', `${P}/pallets/not-a-uuid/close`, {}],
      ['GET', `${P}/pallets/not-a-uuid/label.pdf`, null],
      ['GET', `${P}/pallets/not-a-uuid/unit-labels.pdf`, null],
      ['GET', `${P}/transfer-orders?status=lost`, null],
      ['POST', `${P}/transfer-orders`, { palletId: 'p-1' }],
      ['GET', `${P}/deliveries?pageSize=501`, null],
      ['POST', `${P}/deliveries`, { customer: '  ', palletIds: [pallet.id] }],
      ['POST', `${P}/deliveries`, { customer: '重庆青山', palletIds: [] }],
      ['GET', `${P}/accounting?place=lost`, null],
    ];
    for (const [method, url, body] of bad) {
      const r = method === 'GET' ? await operator.get(url) : await operator.post(url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(400);
    }
    // A serial scanned twice: 400 naming it, nothing packed.
    const twice = await operator.post(`${P}/boxes/${box.id}/units`, { serials: [serial, serial] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error).toMatchObject({ key: 'factory.logistics.serial_twice', params: { serial } });
    expect(await db().selectFrom('factory_packed_units').selectAll().execute()).toEqual([]);
  });
});

describe('packing', () => {
  it('refuses a held, NOK, unfinished, scrapped or already packed unit with a 409 naming it — and packs nothing of that scan', async () => {
    const l1 = await line('L1');
    await unit('L1', 'LG-OK-1');
    await unit('L1', 'LG-OK-2');
    await unit('L1', 'LG-OK-3');
    await unit('L1', 'LG-HELD', 'done', true);
    await unit('L1', 'LG-NOK', 'nok');
    await unit('L1', 'LG-WIP', 'wip');
    await unit('L1', 'LG-SCRAP', 'scrapped');
    await unit('L2', 'LG-L2');
    const box = (await operator.post(`${P}/boxes`, { lineId: l1.id })).json() as { id: string; number: string; status: string };
    expect(box.number).toMatch(/^BOX-L1-\d{6}$/);
    const packInto = (serials: string[]) => operator.post(`${P}/boxes/${box.id}/units`, { serials });
    const cases: [string, string, Record<string, string>][] = [
      ['LG-HELD', 'factory.logistics.unit_held', { serial: 'LG-HELD', reason: '疑似气孔' }],
      ['LG-NOK', 'factory.logistics.unit_nok', { serial: 'LG-NOK' }],
      ['LG-WIP', 'factory.logistics.unit_wip', { serial: 'LG-WIP', op: 'OP40' }],
      ['LG-SCRAP', 'factory.logistics.unit_scrapped', { serial: 'LG-SCRAP' }],
      ['LG-L2', 'factory.logistics.unit_other_line', { serial: 'LG-L2', line: 'L2' }],
    ];
    for (const [serial, key, params] of cases) {
      const r = await packInto(['LG-OK-1', serial]);
      expect(r.statusCode, serial).toBe(409);
      expect(r.json().error).toMatchObject({ key, params });
    }
    expect((await packInto(['LG-NOBODY'])).statusCode).toBe(404);
    expect(await db().selectFrom('factory_packed_units').selectAll().execute()).toEqual([]);

    // Good units pack, by serial or by the scanned GS1 string of the product serial.
    const ok = await packInto(['LG-OK-1', '(01)06975432100014(21)PLG-OK-2(11)261207']);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ packed: 2, units: 2 });
    // A unit is in one container at most.
    const pallet = (await operator.post(`${P}/pallets`, { lineId: l1.id })).json() as { id: string; sscc: string };
    const again = await operator.post(`${P}/pallets/${pallet.id}/units`, { serials: ['LG-OK-1'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ key: 'factory.logistics.unit_packed', params: { serial: 'LG-OK-1', container: box.number } });

    // SSCC: extension 0 + company prefix 697543 + serial reference, with a valid check digit (GS1 GenSpecs §3.3.1).
    expect(pallet.sscc).toMatch(/^0697543\d{11}$/);
    expect(isSscc(pallet.sscc)).toBe(true);

    // An open box cannot go onto a pallet; closed, it can; the box is then full.
    expect((await operator.post(`${P}/pallets/${pallet.id}/boxes`, { boxId: box.id })).json().error.key).toBe('factory.logistics.box_open');
    expect((await operator.post(`${P}/boxes/${box.id}/close`, {})).json().status).toBe('closed');
    expect((await packInto(['LG-OK-3'])).json().error.key).toBe('factory.logistics.box_closed');
    const onPallet = await operator.post(`${P}/pallets/${pallet.id}/boxes`, { boxId: box.id });
    expect(onPallet.statusCode, onPallet.body).toBe(200);
    expect(onPallet.json()).toMatchObject({ units: 2, boxes: 1, status: 'open', partNos: ['QJ-HSG-A01'] });
    expect((await operator.post(`${P}/pallets/${pallet.id}/boxes`, { boxId: box.id })).json().error.key).toBe('factory.logistics.box_on_pallet');
    expect(await t.auditCount({ action: 'factory.box.pack', entityId: box.id })).toBe(1);

    // Labels: the pallet's (PDF, SSCC) and the units'.
    const label = await operator.get(`${P}/pallets/${pallet.id}/label.pdf`);
    expect(label.statusCode, label.body).toBe(200);
    expect(label.headers['content-type']).toContain('application/pdf');
    expect(label.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const labels = await operator.get(`${P}/boxes/${box.id}/unit-labels.pdf`);
    expect(labels.statusCode, labels.body).toBe(200);
    expect(labels.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Closed: nothing more goes on; a transfer order needs a closed pallet.
    expect((await operator.post(`${P}/transfer-orders`, { palletId: pallet.id })).json().error.key).toBe('factory.logistics.pallet_not_closed');
    expect((await operator.post(`${P}/pallets/${pallet.id}/close`, {})).json().status).toBe('closed');
    expect((await operator.post(`${P}/pallets/${pallet.id}/units`, { serials: ['LG-OK-3'] })).json().error.key).toBe('factory.logistics.pallet_closed');
  });
});

describe('AGV transfer, warehouse receipt, shipping', () => {
  async function closedPallet(serials: string[], held: string[] = []) {
    const l1 = await line('L1');
    for (const s of serials) await unit('L1', s);
    const pallet = (await operator.post(`${P}/pallets`, { lineId: l1.id })).json() as { id: string; sscc: string };
    const r = await operator.post(`${P}/pallets/${pallet.id}/units`, { serials });
    expect(r.statusCode, r.body).toBe(200);
    await operator.post(`${P}/pallets/${pallet.id}/close`, {});
    // Held after packing (a recall found them on the pallet).
    for (const s of held) {
      const u = await db().selectFrom('factory_units').select('id').where('serial', '=', s).executeTakeFirstOrThrow();
      expect((await quality.post(`/api/factory/units/${u.id}/hold`, { reason: '召回 CST-07' })).statusCode).toBe(200);
    }
    return pallet;
  }
  const agvId = async () => (await db().selectFrom('factory_devices').select('id').where('code', '=', DEVICE).executeTakeFirstOrThrow()).id;
  const order = (number: string) => db().selectFrom('factory_transfer_orders').selectAll().where('number', '=', number).executeTakeFirstOrThrow();

  it('sends the order as a DCMD to the AGV; its answers deliver the pallet into stock; then it ships, and a recall says where', async () => {
    const pallet = await closedPallet(['LG-T-1', 'LG-T-2', 'LG-T-3']);
    const created = await operator.post(`${P}/transfer-orders`, { palletId: pallet.id, deviceId: await agvId() });
    expect(created.statusCode, created.body).toBe(201);
    const to = created.json() as { number: string; status: string; deviceCode: string; from: string; to: string };
    expect(to).toMatchObject({ status: 'pending', deviceCode: DEVICE, from: 'LINE-END', to: 'FG-WH' });
    // One order under way per pallet.
    expect((await operator.post(`${P}/transfer-orders`, { palletId: pallet.id })).json().error).toMatchObject({
      key: 'factory.logistics.pallet_moving',
      params: { number: to.number },
    });
    // The AGV gets the DCMD and answers accepted → picked → delivered; the order follows, the pallet is received.
    const done = await until(async () => ((await order(to.number)).status === 'delivered' ? order(to.number) : undefined));
    expect(received).toContain(`${to.number} LINE-END→FG-WH`);
    expect(done.sent_at).not.toBeNull();
    expect(done.answered_at).not.toBeNull();
    const p = (await operator.get(`${P}/pallets?q=${pallet.sscc}`)).json().items[0];
    expect(p).toMatchObject({ status: 'stock', location: 'FG-WH', units: 3, transfer: { number: to.number, status: 'delivered' } });
    const stock = (await operator.get(`${P}/stock`)).json() as { partNo: string; location: string; units: number; pallets: number }[];
    expect(stock.find((s) => s.partNo === 'QJ-HSG-A01' && s.location === 'FG-WH')).toMatchObject({ units: 3, pallets: 1 });

    // Shipped in a delivery: the units are shipped, the recall says in which delivery.
    const shipped = await operator.post(`${P}/deliveries`, { number: 'DN-TEST-001', customer: '重庆青山工业', palletIds: [pallet.id] });
    expect(shipped.statusCode, shipped.body).toBe(201);
    expect(shipped.json()).toMatchObject({ number: 'DN-TEST-001', pallets: 1, units: 3 });
    expect(await t.auditCount({ action: 'factory.delivery.create', entityId: shipped.json().id })).toBe(1);
    expect((await operator.post(`${P}/deliveries`, { customer: '又一次', palletIds: [pallet.id] })).json().error.key).toBe('factory.logistics.pallet_shipped');
    expect((await operator.get(`${P}/stock`)).json().find((s: { location: string; partNo: string }) => s.partNo === 'QJ-HSG-A01' && s.location === 'FG-WH')).toBeUndefined();

    const lot = await db()
      .insertInto('factory_component_lots')
      .values({ component_id: (await db().selectFrom('factory_components').select('id').where('code', '=', 'CASTING').executeTakeFirstOrThrow()).id, lot_no: 'CST-LG-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const s of ['LG-T-1', 'LG-OK-1', 'LG-OK-3', 'LG-WIP']) {
      const u = await db().selectFrom('factory_units').select('id').where('serial', '=', s).executeTakeFirstOrThrow();
      await db().insertInto('factory_unit_components').values({ unit_id: u.id, lot_id: lot.id, op: 'OP10', qty: 1, bound_at: new Date() }).execute();
    }
    const recall = (await quality.get(`/api/factory/recall?lotId=${lot.id}`)).json() as {
      items: { serial: string; where: string; container: string | null; deliveryNumber: string | null }[];
    };
    const where = Object.fromEntries(recall.items.map((u) => [u.serial, [u.where, u.container, u.deliveryNumber]]));
    expect(where).toEqual({
      'LG-T-1': ['shipped', pallet.sscc, 'DN-TEST-001'],
      'LG-OK-1': ['packed', expect.stringMatching(/^\d{18}$/), null],
      'LG-OK-3': ['finished', null, null],
      'LG-WIP': ['line', null, null],
    });

    // The genealogy follows the unit off the line: its box, the pallet, the AGV move into stock, the delivery.
    const g = (await quality.get('/api/factory/units/genealogy?code=LG-T-1')).json();
    expect(Genealogy.parse(g)).toEqual(g);
    expect(g.handoff).toMatchObject({
      palletSscc: pallet.sscc,
      palletStatus: 'closed',
      location: 'FG-WH',
      locationNameZh: '成品库',
      deliveryNumber: 'DN-TEST-001',
      customer: '重庆青山工业',
      transfers: [{ number: to.number, from: 'LINE-END', to: 'FG-WH', status: 'delivered' }],
    });
    expect(new Date(g.handoff.receivedAt).getTime()).toBeGreaterThan(0);
    expect(new Date(g.handoff.shippedAt).getTime()).toBeGreaterThan(0);
    // A unit never packed has none.
    expect((await quality.get('/api/factory/units/genealogy?code=LG-WIP')).json().handoff).toBeNull();
  });

  it('a held unit on a pallet in stock cannot be shipped (409 naming it); a failed answer fails the order with the reason', async () => {
    const pallet = await closedPallet(['LG-H-1', 'LG-H-2'], ['LG-H-2']);
    answer = () => [{ status: 'failed', reason: 'charging' }];
    const first = (await operator.post(`${P}/transfer-orders`, { palletId: pallet.id, deviceId: await agvId() })).json() as { number: string };
    const failed = await until(async () => ((await order(first.number)).status === 'failed' ? order(first.number) : undefined));
    expect(failed.reason).toBe('charging');
    const p = (await operator.get(`${P}/pallets?q=${pallet.sscc}`)).json().items[0];
    expect(p).toMatchObject({ status: 'closed', location: 'LINE-END', transfer: { number: first.number, status: 'failed', reason: 'charging' } });
    // Not in stock: cannot ship.
    expect((await operator.post(`${P}/deliveries`, { customer: '重庆青山工业', palletIds: [pallet.id] })).json().error.key).toBe('factory.logistics.pallet_not_in_stock');

    // Ordered again, delivered.
    answer = (o) => [{ status: 'accepted' }, { status: 'delivered', order: o }];
    const second = (await operator.post(`${P}/transfer-orders`, { palletId: pallet.id, deviceId: await agvId() })).json() as { number: string };
    await until(async () => (await order(second.number)).status === 'delivered');
    const held = await operator.post(`${P}/deliveries`, { customer: '重庆青山工业', palletIds: [pallet.id] });
    expect(held.statusCode).toBe(409);
    expect(held.json().error).toMatchObject({ key: 'factory.logistics.pallet_held', params: { sscc: pallet.sscc, serial: 'LG-H-2', reason: '召回 CST-07' } });
    expect(await db().selectFrom('factory_deliveries').select('id').where('customer', '=', '重庆青山工业').execute()).toHaveLength(1);
    const stillStock = (await operator.get(`${P}/accounting?place=stock`)).json() as { items: { serial: string }[] };
    expect(stillStock.items.map((u) => u.serial)).toEqual(expect.arrayContaining(['LG-H-1', 'LG-H-2']));
  });

  it('dead-letters an answer to an order the AGV was not sent, and times out an order without an answer', async () => {
    await agvSays('TO-999999', 'delivered');
    const letter = await until(async () => db().selectFrom('factory_dead_letters').select(['reason', 'detail']).where('reason', '=', 'agv_order_unknown').executeTakeFirst());
    expect(letter.detail).toContain('TO-999999');

    const pallet = await closedPallet(['LG-X-1']);
    answer = () => []; // the AGV says nothing
    const silent = (await operator.post(`${P}/transfer-orders`, { palletId: pallet.id, deviceId: await agvId() })).json() as { number: string };
    await until(async () => (await order(silent.number)).status === 'sent');
    // Two minutes without an answer, past the test ingest's one-minute timeout.
    await db()
      .updateTable('factory_transfer_orders')
      .set({ updated_at: new Date(Date.now() - 120_000) })
      .where('number', '=', silent.number)
      .execute();
    const timedOut = await until(async () => ((await order(silent.number)).status === 'timed_out' ? order(silent.number) : undefined));
    expect(timedOut.reason).toBe('no_answer');
    const listed = (await operator.get(`${P}/transfer-orders?status=timed_out`)).json() as { items: { number: string }[] };
    expect(listed.items.map((o) => o.number)).toContain(silent.number);
    // A late answer still counts: the pallet did move.
    await agvSays(silent.number, 'delivered');
    await until(async () => (await order(silent.number)).status === 'delivered');
  });
});

describe('every finished unit accounted for', () => {
  it('counts a hand-built line: 2 at the line end, 2 packed, 1 in stock, 1 shipped — 6 finished; wip and NOK are not finished', async () => {
    const l3 = await line('L3');
    for (const s of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6']) await unit('L3', `AC-${s}`);
    await unit('L3', 'AC-WIP', 'wip');
    await unit('L3', 'AC-NOK', 'nok');
    // A3 in an open box; A4 on a closed pallet at the line end; A5 on a pallet received; A6 on a pallet shipped.
    const box = (await operator.post(`${P}/boxes`, { lineId: l3.id })).json() as { id: string };
    await operator.post(`${P}/boxes/${box.id}/units`, { serials: ['AC-A3'] });
    const pallets: { id: string }[] = [];
    for (const s of ['AC-A4', 'AC-A5', 'AC-A6']) {
      const p = (await operator.post(`${P}/pallets`, { lineId: l3.id })).json() as { id: string };
      await operator.post(`${P}/pallets/${p.id}/units`, { serials: [s] });
      await operator.post(`${P}/pallets/${p.id}/close`, {});
      pallets.push(p);
    }
    // The warehouse receipt as an AGV's delivery makes it (the AGV path is tested above).
    await db().updateTable('factory_pallets').set({ location: 'FG-WH', received_at: new Date() }).where('id', 'in', [pallets[1].id, pallets[2].id]).execute();
    expect((await manager.post(`${P}/deliveries`, { customer: '綦江齿轮', palletIds: [pallets[2].id] })).statusCode).toBe(201);

    const a = (await operator.get(`${P}/accounting?lineId=${l3.id}&pageSize=100`)).json() as {
      done: number;
      counts: Record<string, number>;
      items: { serial: string; place: string; container: string | null; deliveryNumber: string | null }[];
      total: number;
    };
    expect(a.done).toBe(6);
    expect(a.counts).toEqual({ line_end: 2, packed: 2, stock: 1, shipped: 1 });
    expect(a.total).toBe(6);
    expect(Object.fromEntries(a.items.map((u) => [u.serial, u.place]))).toEqual({
      'AC-A1': 'line_end',
      'AC-A2': 'line_end',
      'AC-A3': 'packed',
      'AC-A4': 'packed',
      'AC-A5': 'stock',
      'AC-A6': 'shipped',
    });
    expect(a.items.find((u) => u.serial === 'AC-A6')!.deliveryNumber).toMatch(/^DN-\d{6}-\d{5}$/);
    const lineEnd = (await operator.get(`${P}/accounting?lineId=${l3.id}&place=line_end`)).json() as { total: number; items: { serial: string }[] };
    expect(lineEnd.total).toBe(2);
    expect(lineEnd.items.map((u) => u.serial)).toEqual(['AC-A1', 'AC-A2']);
  });
});

describe("the demo's logistics clerk", () => {
  it('packs finished good units onto pallets, closes full ones, sends them to the warehouse and ships the stock — by the board’s rules, audited', async () => {
    answer = (order) => [{ status: 'accepted' }, { status: 'picked' }, { status: 'delivered', order }];
    for (const s of ['DC-1', 'DC-2', 'DC-3', 'DC-4', 'DC-5']) await unit('L1', s);
    await unit('L1', 'DC-HELD', 'done', true);
    await unit('L1', 'DC-WIP', 'wip');
    const actor = (await clerkActor(fdb(), t.platform.ctx.sessions))!;
    expect(actor.username).toBe('gear.operator');
    const before = await t.auditCount({ action: 'factory.pallet.create' });
    const r = await clerkRound(fdb(), actor, { palletUnits: 2, deliveryPallets: 2 });
    expect(r.packed).toBeGreaterThanOrEqual(5);
    const placed = await db()
      .selectFrom('factory_units as u')
      .leftJoin('factory_packed_units as pu', 'pu.unit_id', 'u.id')
      .leftJoin('factory_pallets as pl', 'pl.id', 'pu.pallet_id')
      .select(['u.serial', 'pl.id as pallet', 'pl.status'])
      .where('u.serial', 'like', 'DC-%')
      .orderBy('u.serial')
      .execute();
    const of = Object.fromEntries(placed.map((p) => [p.serial, p]));
    for (const s of ['DC-1', 'DC-2', 'DC-3', 'DC-4', 'DC-5']) expect(of[s].pallet).not.toBeNull();
    expect(of['DC-HELD'].pallet).toBeNull();
    expect(of['DC-WIP'].pallet).toBeNull();
    // Two a pallet: the full ones closed, the last one left open for the next finished unit.
    const counts = new Map<string, number>();
    for (const p of placed) if (p.pallet) counts.set(p.pallet, (counts.get(p.pallet) ?? 0) + 1);
    expect([...counts.values()].every((n) => n <= 2)).toBe(true);
    expect(await t.auditCount({ action: 'factory.pallet.create' })).toBeGreaterThan(before);
    // Each closed pallet got an AGV order (the fake answers for one of the line's AGVs); a delivered one is in stock
    // and the next round ships it.
    const mine = [...counts.keys()];
    const closed = await db().selectFrom('factory_pallets').select('id').where('id', 'in', mine).where('status', '=', 'closed').execute();
    expect(closed.length).toBeGreaterThanOrEqual(2);
    const ordered = await db().selectFrom('factory_transfer_orders').select('pallet_id').where('pallet_id', 'in', mine).execute();
    expect(new Set(ordered.map((o) => o.pallet_id))).toEqual(new Set(closed.map((p) => p.id)));
    await until(async () => (await db().selectFrom('factory_pallets').select('id').where('id', 'in', mine).where('location', '=', 'FG-WH').execute()).length > 0, 30_000);
    const shipped = await clerkRound(fdb(), actor, { palletUnits: 2, deliveryPallets: 1 });
    expect(shipped.deliveries).toBe(1);
    const d = await db().selectFrom('factory_deliveries').select(['customer', 'created_by']).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(DEMO_CUSTOMERS).toContain(d.customer);
    expect(d.created_by).toBe(actor.userId);
  });
});
