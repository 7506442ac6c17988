import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { createLogger } from '../../platform/logger';
import { encodePayload } from './sparkplug/codec';
import { startEmbeddedBroker, type EmbeddedBroker } from './ingest/broker';
import { startIngest, type Ingest } from './ingest/service';
import { factoryHandle } from './db';

const TEST_SECRET = 'factory-test-secret-0123456789abcdef';

let t: TestApp;
let broker: EmbeddedBroker;
let ingest: Ingest;
let pub: MqttClient;
let manager: Client;
let operator: Client;
const G = 'qijiang-gear';
const NODE = 'line-6';
const DEV = 'L6-CNC02';
let seq = 0;
let clock = Date.UTC(2026, 10, 28, 3, 0, 0);

const publish = (topic: string, payload: Uint8Array) =>
  new Promise<void>((resolve, reject) => pub.publish(topic, Buffer.from(payload), { qos: 1 }, (err) => (err ? reject(err) : resolve())));
/** DDATA of the test machine: aliases 1 alarm_code, 2 vibration (from its DBIRTH). */
const data = (m: { alarm?: number; vibration?: number }) => {
  clock += 1000;
  const metrics = [
    ...(m.alarm !== undefined ? [{ alias: 1, type: 'Int32' as const, value: m.alarm, timestamp: clock }] : []),
    ...(m.vibration !== undefined ? [{ alias: 2, type: 'Double' as const, value: m.vibration, timestamp: clock }] : []),
  ];
  return publish(`spBv1.0/${G}/DDATA/${NODE}/${DEV}`, encodePayload({ timestamp: clock, seq: ++seq % 256, metrics }));
};
async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
type AlarmView = {
  id: number;
  code: string;
  source: string;
  severity: string;
  messageZh: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  responseS: number | null;
  repairS: number | null;
};
const alarms = async (state = 'all') => (await manager.get(`/api/factory/alarms?state=${state}&pageSize=100`)).json().items as AlarmView[];

beforeAll(async () => {
  t = await startTestApp();
  broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', secret: TEST_SECRET });
  // The platform's own login: it may publish as any device too.
  const url = `mqtt://${broker.platform.username}:${broker.platform.password}@127.0.0.1:${broker.port}`;
  ingest = await startIngest({
    handle: factoryHandle(t.platform.handle),
    databaseUrl: t.platform.ctx.config.databaseUrl,
    mqttUrl: url,
    log: createLogger('silent'),
    protocolVersion: 4,
    maxDelayMs: 20,
    hostId: 'andon-test',
  });
  await ingest.connected();
  pub = mqtt.connect(url, { clientId: 'andon-test-pub' });
  await new Promise((r) => pub.once('connect', r));
  [manager, operator] = await Promise.all([t.login('gear.manager'), t.login('gear.operator')]);
  await publish(`spBv1.0/${G}/NBIRTH/${NODE}`, encodePayload({ timestamp: clock, seq: 0, metrics: [{ name: 'bdSeq', type: 'Int64', value: 1n }] }));
  await publish(
    `spBv1.0/${G}/DBIRTH/${NODE}/${DEV}`,
    encodePayload({
      timestamp: clock,
      seq: ++seq,
      metrics: [
        { name: 'alarm_code', alias: 1, type: 'Int32', value: 0, timestamp: clock },
        { name: 'vibration', alias: 2, type: 'Double', value: 2.5, timestamp: clock },
      ],
    }),
  );
});
afterAll(async () => {
  pub?.end(true);
  await ingest?.close();
  await broker?.close();
  await t?.close();
});

describe('andon from device alarm codes', () => {
  it("raises one critical alarm named from the plant's code list, however long the code persists", async () => {
    await data({ alarm: 2001 });
    await data({ alarm: 2001 });
    const open = await until(
      () => alarms('open'),
      (a) => a.length === 1,
    );
    expect(open[0]).toMatchObject({ source: 'device', code: '2001', severity: 'critical', messageZh: '刀具断裂（2001）', acknowledgedAt: null, resolvedAt: null });
  });

  it('lets an operator acknowledge it once (response time), then the device clearing the code resolves it (repair time)', async () => {
    const [a] = await alarms('open');
    const ack = await operator.post(`/api/factory/alarms/${a.id}/acknowledge`);
    expect(ack.statusCode).toBe(200);
    expect(ack.json().responseS).toBeGreaterThanOrEqual(0);
    expect((await operator.post(`/api/factory/alarms/${a.id}/acknowledge`)).statusCode).toBe(409);
    expect(await t.auditCount({ action: 'factory.alarm.acknowledge', entityId: String(a.id) })).toBe(1);
    await data({ alarm: 0 });
    const done = await until(
      () => alarms('resolved'),
      (r) => r.length === 1,
    );
    expect(done[0]).toMatchObject({ id: a.id, resolvedBy: 'device' });
    expect(done[0].repairS).toBe(2); // raised at the first alarm sample, cleared two samples (seconds) later
    expect(await alarms('open')).toEqual([]);
  });
});

describe('who may act on an alarm', () => {
  it("lets the plant's operators acknowledge and its managers resolve; a park officer (another organisation, read-only) only watches", async () => {
    await data({ alarm: 2002 });
    const [a] = await until(
      () => alarms('open'),
      (x) => x.length === 1,
    );
    const officer = await t.login('park.officer');
    // The officer sees the plant's alarms (a region grant of factory.read) …
    expect((await officer.get('/api/factory/alarms?state=open')).json().items.map((x: AlarmView) => x.id)).toContain(a.id);
    // … but answers none of them.
    expect((await officer.post(`/api/factory/alarms/${a.id}/acknowledge`)).statusCode).toBe(403);
    expect((await officer.post(`/api/factory/alarms/${a.id}/resolve`, { note: 'x' })).statusCode).toBe(403);
    expect((await operator.post(`/api/factory/alarms/${a.id}/resolve`, { note: 'x' })).statusCode).toBe(403);
    expect((await operator.post(`/api/factory/alarms/${a.id}/acknowledge`)).statusCode).toBe(200);
    const res = await manager.post(`/api/factory/alarms/${a.id}/resolve`, { note: '换刀' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ resolvedBy: '陈厂', note: '换刀' });
    expect(await t.auditCount({ action: 'factory.alarm.acknowledge', entityId: String(a.id) })).toBe(1);
    expect(await t.auditCount({ action: 'factory.alarm.resolve', entityId: String(a.id) })).toBe(1);
    await data({ alarm: 0 });
  });
});

describe('andon from threshold rules', () => {
  it('raises on crossing, does not repeat, clears when back inside; a person may resolve one by hand once', async () => {
    // The demo seed has "cnc vibration > 6 → warning".
    await data({ vibration: 7.2 });
    await data({ vibration: 8 });
    const [a] = await until(
      () => alarms('open'),
      (x) => x.length === 1,
    );
    expect(a).toMatchObject({ source: 'rule', severity: 'warning' });
    expect(a.messageZh).toBe('主轴振动偏高：vibration = 7.2（> 6）');
    await data({ vibration: 3 });
    await until(
      () => alarms('open'),
      (x) => x.length === 0,
    );
    await data({ vibration: 9 });
    const [b] = await until(
      () => alarms('open'),
      (x) => x.length === 1,
    );
    expect(b.id).not.toBe(a.id);
    const res = await manager.post(`/api/factory/alarms/${b.id}/resolve`, { note: '更换主轴轴承' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ resolvedBy: '陈厂', note: '更换主轴轴承' });
    expect(res.json().acknowledgedAt).not.toBeNull();
    expect((await manager.post(`/api/factory/alarms/${b.id}/resolve`, {})).statusCode).toBe(409);
  });

  it('manages rules with factory.manage only, validates them, audits every change', async () => {
    const rule = { deviceKind: 'cnc', metric: 'temperature', op: '>', threshold: 75, severity: 'critical', nameZh: '温度过高', nameEn: 'Over temperature' };
    expect((await operator.post('/api/factory/alarm-rules', rule)).statusCode).toBe(403);
    expect((await manager.post('/api/factory/alarm-rules', { ...rule, op: '!=' })).statusCode).toBe(400);
    const created = await manager.post('/api/factory/alarm-rules', rule);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await manager.patch(`/api/factory/alarm-rules/${id}`, { threshold: 80 })).json().threshold).toBe(80);
    expect((await manager.del(`/api/factory/alarm-rules/${id}`)).statusCode).toBe(200);
    for (const action of ['create', 'update', 'delete']) expect(await t.auditCount({ action: `factory.alarm_rule.${action}`, entityId: id })).toBe(1);
    const linyi = await t.login('ly.officer');
    expect((await linyi.get('/api/factory/alarms')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/factory/alarms')).statusCode).toBe(401);
  });
});

describe('GET /api/factory/andon/stream', () => {
  it('sends the open alarms, then every change live', async () => {
    await t.platform.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.platform.app.server.address() as { port: number }).port;
    const ac = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/factory/andon/stream`, { headers: { cookie: manager.cookie }, signal: ac.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const read = async (until: RegExp) => {
      const end = Date.now() + 10_000;
      while (!until.test(text)) {
        if (Date.now() > end) throw new Error(`stream did not show ${until}: ${text}`);
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
      }
    };
    await read(/event: snapshot\ndata: (\[.*\])\n\n/);
    await data({ alarm: 3001 });
    await read(/event: alarm\ndata: .*"code":"3001"/);
    ac.abort();
    const anon = await fetch(`http://127.0.0.1:${port}/api/factory/andon/stream`);
    expect(anon.status).toBe(401);
  });
});
