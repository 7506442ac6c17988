import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { EdgeNode, type EdgeNodeOptions } from './edge-node';
import { METRICS, type MetricValue } from '@gearbridge/plant';
import { REBIRTH_METRIC, stateTopic, toNumber } from './sparkplug';
import { capture, mosquitto, sleep, startAedes, startMosquitto, uniqueGroup, type Capture, type Captured, type TestBroker } from './test/mqtt';

const DEVICES = [
  { id: 'D1', metrics: METRICS.cnc },
  { id: 'D2', metrics: METRICS.washer },
  { id: 'D3', metrics: METRICS.agv },
];
const TEMP = DEVICES.map((d) => d.metrics.findIndex((m) => m.name === 'temperature'));

function makeNode(url: string, group: string, extra: Partial<EdgeNodeOptions> = {}) {
  const values: MetricValue[][] = DEVICES.map((d) => d.metrics.map((m) => (m.type === 'Boolean' ? false : 0)));
  const node = new EdgeNode({ url, group, node: 'line-9', devices: DEVICES, read: (i) => values[i], reconnectMs: 100, ...extra });
  return { node, values };
}

/** seq of a node's messages increases by one modulo 256, except that an NBIRTH starts again at 0 (NDEATH has none). */
function expectSeqContinuity(messages: Captured[]) {
  const seqs = messages.filter((m) => m.verb !== 'NDEATH');
  for (let i = 1; i < seqs.length; i++) {
    const want = seqs[i].verb === 'NBIRTH' ? 0 : ((seqs[i - 1].seq ?? -1) + 1) % 256;
    if (seqs[i].seq !== want) throw new Error(`${seqs[i].verb} seq ${seqs[i].seq} after ${seqs[i - 1].verb} seq ${seqs[i - 1].seq} (message ${i})`);
  }
}

function expectBirthSequence(messages: Captured[], bdSeq: number) {
  const [nbirth, ...dbirths] = messages;
  expect(nbirth.verb).toBe('NBIRTH');
  expect(nbirth.seq).toBe(0);
  expect(nbirth.bdSeq).toBe(bdSeq);
  const rebirth = nbirth.payload.metrics?.find((m) => m.name === REBIRTH_METRIC);
  expect(rebirth).toMatchObject({ type: 'Boolean', value: false });
  expect(rebirth?.alias ?? undefined).toBeUndefined();
  expect(dbirths.map((m) => [m.verb, m.device, m.seq])).toEqual(DEVICES.map((d, i) => ['DBIRTH', d.id, i + 1]));
  const aliases = new Set<number>();
  dbirths.forEach((m, i) => {
    expect(m.payload.metrics?.map((x) => x.name)).toEqual(DEVICES[i].metrics.map((x) => x.name));
    for (const x of m.payload.metrics ?? []) {
      expect(x.alias).toBeDefined();
      aliases.add(toNumber(x.alias));
      expect(x.timestamp).toBeDefined();
    }
  });
  expect(aliases.size).toBe(DEVICES.reduce((s, d) => s + d.metrics.length, 0));
}

const brokers: Array<[string, () => Promise<TestBroker>]> = [
  ['aedes', () => startAedes()],
  ['mosquitto', async () => mosquitto()],
];

describe.each(brokers)('edge node against %s', (name, startBroker) => {
  let broker: TestBroker;
  let cap: Capture | null = null;
  let node: EdgeNode | null = null;
  beforeAll(async () => {
    broker = await startBroker();
  });
  afterAll(async () => {
    await broker.close();
  });
  afterEach(async () => {
    await node?.stop(1_000);
    await cap?.close();
    node = null;
    cap = null;
  });

  it('births (NBIRTH with bdSeq, DBIRTHs with name and alias), then sends DDATA by alias with seq wrapping past 255', async () => {
    const group = uniqueGroup('order');
    cap = await capture(broker.url, group);
    const made = makeNode(broker.url, group, { bdSeq: 5 });
    node = made.node;
    node.start();
    await node.waitOnline();
    const n = 300;
    for (let i = 0; i < n; i++) {
      const d = i % 3;
      made.values[d][TEMP[d]] = 20 + i / 10;
      expect(node.publishData(d)).toBe(true);
    }
    expect(node.publishData(0)).toBe(false); // nothing changed since the last DDATA
    await cap.waitFor((m) => m.filter((x) => x.verb === 'DDATA').length === n, 10_000, `${n} DDATA`);
    await sleep(100);

    expect(cap.messages).toHaveLength(1 + DEVICES.length + n);
    expectBirthSequence(cap.messages.slice(0, 4), 5);
    expectSeqContinuity(cap.messages);
    expect(cap.messages.at(-1)?.seq).toBe((DEVICES.length + n) % 256);

    const births = cap.of('DBIRTH');
    const tempAlias = births.map((b, d) => toNumber(b.payload.metrics?.[TEMP[d]].alias));
    cap.of('DDATA').forEach((m, i) => {
      const d = i % 3;
      expect(m.device).toBe(DEVICES[d].id);
      expect(m.qos).toBe(1);
      expect(m.payload.metrics).toHaveLength(1); // report by exception: only the temperature changed
      const [metric] = m.payload.metrics ?? [];
      expect(metric.name).toBeUndefined();
      expect(toNumber(metric.alias)).toBe(tempAlias[d]);
      expect(metric.value).toBeCloseTo(20 + i / 10, 9);
    });
    expect(node.stats).toMatchObject({ messages: n, points: n, acknowledged: n, acknowledgedPoints: n, failed: 0 });
  });

  it('stamps a device’s data strictly later than its birth and its last data, even when the clock has not moved', async () => {
    const group = uniqueGroup('stamp');
    cap = await capture(broker.url, group);
    const frozen = Date.UTC(2026, 11, 7, 1, 0);
    const made = makeNode(broker.url, group, { now: () => frozen });
    node = made.node;
    node.start();
    await node.waitOnline();
    // Three ticks caught up within one millisecond: each a different temperature for D1, one for D2.
    for (const t of [30, 31, 32]) {
      made.values[0][TEMP[0]] = t;
      expect(node.publishData(0)).toBe(true);
    }
    made.values[1][TEMP[1]] = 40;
    expect(node.publishData(1)).toBe(true);
    await cap.waitFor((m) => m.filter((x) => x.verb === 'DDATA').length === 4, 10_000, '4 DDATA');
    const stamps = cap.of('DDATA').map((m) => [m.device, toNumber(m.payload.timestamp!) - frozen]);
    expect(stamps).toEqual([
      ['D1', 1],
      ['D1', 2],
      ['D1', 3],
      ['D2', 1],
    ]);
    expect(cap.of('DBIRTH').every((m) => toNumber(m.payload.timestamp!) === frozen)).toBe(true);
  });

  it('sends an event of its birth’s very millisecond 1 ms later (the DBIRTH declared its metrics null then), others at their time', async () => {
    const group = uniqueGroup('event-stamp');
    cap = await capture(broker.url, group);
    const frozen = Date.UTC(2026, 11, 7, 2, 0);
    const station = {
      id: 'S1',
      metrics: [...METRICS.cnc, { name: 'unit/event', type: 'String' as const, event: true }, { name: 'unit/serial', type: 'String' as const, event: true }],
    };
    const values: MetricValue[][] = [station.metrics.map((m) => (m.type === 'Boolean' ? false : m.type === 'String' ? null : 0))];
    node = new EdgeNode({ url: broker.url, group, node: 'line-9', devices: [station], read: (i) => values[i], reconnectMs: 100, now: () => frozen });
    node.start();
    await node.waitOnline();
    expect(node.publishEvent(0, frozen, { 'unit/event': 'start', 'unit/serial': 'U-1' })).toBe(true);
    expect(node.publishEvent(0, frozen + 40, { 'unit/event': 'complete', 'unit/serial': 'U-1' })).toBe(true);
    expect(node.publishEvent(0, frozen - 5, { 'unit/event': 'start', 'unit/serial': 'U-0' })).toBe(true);
    await cap.waitFor((m) => m.filter((x) => x.verb === 'DDATA').length === 3, 10_000, '3 DDATA');
    expect(cap.of('DBIRTH').map((m) => toNumber(m.payload.timestamp!) - frozen)).toEqual([0]);
    expect(cap.of('DDATA').map((m) => toNumber(m.payload.timestamp!) - frozen)).toEqual([1, 40, -5]);
  });

  it('answers NCMD Node Control/Rebirth with a fresh NBIRTH (same session, same bdSeq) and all DBIRTHs', async () => {
    const group = uniqueGroup('rebirth');
    cap = await capture(broker.url, group);
    const made = makeNode(broker.url, group, { bdSeq: 9 });
    node = made.node;
    node.start();
    await node.waitOnline();
    made.values[1][TEMP[1]] = 55;
    node.publishData(1);
    await cap.waitFor((m) => m.some((x) => x.verb === 'DDATA'), 5_000, 'DDATA');
    await cap.requestRebirth('line-9');
    await cap.waitFor((m) => m.filter((x) => x.verb === 'DBIRTH').length === 6, 5_000, 'second birth');
    made.values[1][TEMP[1]] = 56;
    node.publishData(1);
    await cap.waitFor((m) => m.filter((x) => x.verb === 'DDATA').length === 2, 5_000, 'DDATA after rebirth');

    const second = cap.messages.slice(5, 9);
    expectBirthSequence(second, 9);
    expect(cap.messages[9]).toMatchObject({ verb: 'DDATA', seq: 4 });
    // the rebirth DBIRTH carries the values as they are now
    expect(second[2].payload.metrics?.[TEMP[1]].value).toBe(55);
    expect(node.stats.rebirths).toBe(1);
  });

  it('when its connection drops, the broker sends the NDEATH will with the NBIRTH bdSeq; it reconnects with bdSeq+1 (255 wraps to 0)', async () => {
    const group = uniqueGroup('will');
    cap = await capture(broker.url, group);
    const made = makeNode(broker.url, group, { bdSeq: 255 });
    node = made.node;
    node.start();
    await node.waitOnline();
    await cap.waitFor((m) => m.filter((x) => x.verb === 'DBIRTH').length === 3, 5_000, 'births');
    node.dropConnection();
    await cap.waitFor((m) => m.filter((x) => x.verb === 'NBIRTH').length === 2 && m.some((x) => x.verb === 'NDEATH'), 10_000, 'NDEATH and rebirth');
    await cap.waitFor((m) => m.filter((x) => x.verb === 'DBIRTH').length === 6, 5_000, 'DBIRTHs after reconnect');

    const [first, second] = cap.of('NBIRTH');
    const [death] = cap.of('NDEATH');
    expect(first.bdSeq).toBe(255);
    expect(death.bdSeq).toBe(255);
    expect(death.seq).toBeUndefined();
    expect(death.qos).toBe(1);
    expect(second.bdSeq).toBe(0);
    expect(cap.messages.indexOf(death)).toBeLessThan(cap.messages.indexOf(second));
    expectBirthSequence(cap.messages.slice(cap.messages.indexOf(second), cap.messages.indexOf(second) + 4), 0);
  });

  it('on stop publishes one NDEATH with the session bdSeq, after every in-flight PUBACK', async () => {
    const group = uniqueGroup('stop');
    cap = await capture(broker.url, group);
    const made = makeNode(broker.url, group, { bdSeq: 3 });
    node = made.node;
    node.start();
    await node.waitOnline();
    for (let i = 1; i <= 200; i++) {
      made.values[0][TEMP[0]] = i;
      expect(node.publishData(0)).toBe(true);
    }
    await node.stop();
    await cap.waitFor((m) => m.some((x) => x.verb === 'NDEATH'), 5_000, 'NDEATH');
    await sleep(300);
    expect(node.stats).toMatchObject({ acknowledged: 200, failed: 0 });
    expect(node.inflight).toBe(0);
    const deaths = cap.of('NDEATH');
    expect(deaths.map((d) => d.bdSeq)).toEqual([3]);
    expect(toNumber(deaths[0].payload.timestamp)).toBeGreaterThan(0);
    expect(cap.of('DDATA')).toHaveLength(200);
    expect(node.online).toBe(false);
    expect(node.publishData(0, true)).toBe(false);
  });

  it('with a primary host configured, births only after its STATE is online and leaves when it goes offline', async () => {
    const group = uniqueGroup('host');
    const hostId = `${group}-host`;
    cap = await capture(broker.url, group);
    const host = await mqtt.connectAsync(broker.url, { clientId: `${hostId}-pub`, reconnectPeriod: 0 });
    const state = (online: boolean, timestamp: number) => host.publishAsync(stateTopic(hostId), JSON.stringify({ online, timestamp }), { qos: 1, retain: true });
    try {
      const made = makeNode(broker.url, group, { bdSeq: 0, primaryHostId: hostId });
      node = made.node;
      node.start();
      await sleep(400);
      expect(cap.messages).toHaveLength(0);
      const t0 = Date.now();
      await state(true, t0);
      await node.waitOnline(5_000);
      await cap.waitFor((m) => m.filter((x) => x.verb === 'DBIRTH').length === 3, 5_000, 'births');
      await state(false, t0 + 1);
      await cap.waitFor((m) => m.some((x) => x.verb === 'NDEATH'), 5_000, 'NDEATH on host offline');
      await sleep(400); // reconnected by now, but the host is still offline: no birth
      expect(cap.of('NBIRTH')).toHaveLength(1);
      await state(true, t0 + 2);
      await cap.waitFor((m) => m.filter((x) => x.verb === 'NBIRTH').length === 2, 5_000, 'birth on host back online');
      const [first, second] = cap.of('NBIRTH');
      expect(cap.of('NDEATH')[0].bdSeq).toBe(first.bdSeq);
      expect(second.bdSeq).toBeGreaterThan(first.bdSeq ?? 0);
    } finally {
      await host.publishAsync(stateTopic(hostId), '', { qos: 1, retain: true });
      await host.endAsync();
    }
  });

  if (name === 'mosquitto') {
    it('over MQTT 5 ends with DISCONNECT "with will message", so the broker publishes the NDEATH', async () => {
      const group = uniqueGroup('v5');
      cap = await capture(broker.url, group);
      node = makeNode(broker.url, group, { bdSeq: 17, protocolVersion: 5 }).node;
      node.start();
      await node.waitOnline();
      await node.stop();
      await cap.waitFor((m) => m.some((x) => x.verb === 'NDEATH'), 5_000, 'NDEATH');
      expect(cap.of('NDEATH').map((d) => d.bdSeq)).toEqual([17]);
    });
  }
});

const restartable: Array<[string, (port?: number) => Promise<TestBroker & { port: number; crash?: () => Promise<void> }>]> = [
  ['aedes', (port) => startAedes(port)],
  ['its own mosquitto', (port) => startMosquitto(port)],
];

describe.each(restartable)('edge node across a restart of %s', (_name, startBroker) => {
  it('fails the unacknowledged publishes, reconnects with a new bdSeq and births again', async () => {
    const first = await startBroker();
    const group = uniqueGroup('restart');
    const made = makeNode(first.url, group, { bdSeq: 10, reconnectMs: 100 });
    const node = made.node;
    let second: TestBroker | null = null;
    let cap: Capture | null = null;
    try {
      node.start();
      await node.waitOnline();
      const before = node.bdSeq;
      for (let i = 1; i <= 2000; i++) {
        made.values[0][TEMP[0]] = i;
        node.publishData(0);
      }
      // the broker dies with those publishes on the wire
      await (first.crash ?? first.close)();
      await sleep(300);
      expect(node.online).toBe(false);
      expect(node.publishData(0, true)).toBe(false);
      expect(node.stats.failed).toBeGreaterThan(0);
      expect(node.stats.acknowledged + node.stats.failed).toBe(2000);
      expect(node.inflight).toBe(0);

      second = await startBroker(first.port);
      cap = await capture(second.url, group);
      await node.waitOnline(10_000);
      // The node may have reconnected and birthed before this subscriber was in place: ask, as a late host does.
      await cap.requestRebirth('line-9');
      await cap.waitFor((m) => m.filter((x) => x.verb === 'DBIRTH').length >= 3, 5_000, 'births after restart');
      const [nbirth] = cap.of('NBIRTH');
      expect(nbirth.bdSeq).toBe(node.bdSeq);
      expect(node.bdSeq).not.toBe(before);
      expect(node.stats.connects).toBeGreaterThanOrEqual(2);
      made.values[0][TEMP[0]] = -1;
      expect(node.publishData(0)).toBe(true);
      await cap.waitFor((m) => m.some((x) => x.verb === 'DDATA'), 5_000, 'DDATA after restart');
      expect(cap.of('DDATA')[0].seq).toBe(4);
    } finally {
      await node.stop(500);
      await cap?.close();
      await second?.close();
    }
  });
});
