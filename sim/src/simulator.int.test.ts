import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from './simulator';
import { AGV_METRICS, deviceMetrics, PLANT_DEVICES, STATE_CODES, UNIT_METRICS, type MetricValue } from '@gearbridge/plant';
import { encodePayload, toNumber, topic } from './sparkplug';
import { capture, mosquitto, sleep, startAedes, uniqueGroup, type Captured, type TestBroker } from './test/mqtt';

const brokers: Array<[string, () => Promise<TestBroker>]> = [
  ['aedes', () => startAedes()],
  ['mosquitto', async () => mosquitto()],
];

describe.each(brokers)('plant simulator against %s', (_name, startBroker) => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startBroker();
  });
  afterAll(async () => {
    await broker.close();
  });

  it('runs the first N devices as their lines’ edge nodes; every acknowledged DDATA reaches a subscriber', async () => {
    const group = uniqueGroup('plant');
    const cap = await capture(broker.url, group);
    const sim = new Simulator({ url: broker.url, group, devices: 30, rate: 10, timeScale: 120, seed: 1, fullRefreshS: 1 });
    try {
      sim.start();
      await sim.waitOnline(5_000);
      await sleep(1_500);
      await sim.stop();
      const stats = sim.stats();
      await cap.waitFor((m) => m.filter((x) => x.verb === 'NDEATH').length === 2, 5_000, 'NDEATHs');
      await cap.waitFor((m) => m.filter((x) => x.verb === 'DDATA').length >= stats.acknowledged, 5_000, 'all DDATA');

      // 30 devices = line 1's 26 and line 2's first 4
      const expected = PLANT_DEVICES.slice(0, 30);
      expect(
        cap
          .of('NBIRTH')
          .map((m) => m.node)
          .sort(),
      ).toEqual(['line-1', 'line-2']);
      expect(
        cap
          .of('DBIRTH')
          .map((m) => `${m.node}/${m.device}`)
          .sort(),
      ).toEqual(expected.map((e) => `${e.line.node}/${e.device.code}`).sort());
      for (const b of cap.of('DBIRTH')) {
        expect(b.payload.metrics?.map((m) => m.name)).toEqual(deviceMetrics(expected.find((e) => e.device.code === b.device)!.device).map((m) => m.name));
      }
      expect(
        cap
          .of('NDEATH')
          .map((m) => [m.node, m.bdSeq])
          .sort(),
      ).toEqual([
        ['line-1', 0],
        ['line-2', 0],
      ]);

      // no loss: what the broker acknowledged is what the subscriber got
      const ddata = cap.of('DDATA');
      const points = ddata.reduce((s, m) => s + (m.payload.metrics?.length ?? 0), 0);
      expect(stats.acknowledged).toBe(stats.messages);
      expect(stats.failed).toBe(0);
      expect(ddata.length).toBe(stats.acknowledged);
      expect(points).toBe(stats.acknowledgedPoints);
      expect(stats.acknowledged).toBeGreaterThan(30 * 10); // ≥ 1 s of 10 messages/s per device (some ticks change nothing)

      for (const node of ['line-1', 'line-2']) {
        const msgs = cap.messages.filter((m) => m.node === node && m.verb !== 'NDEATH');
        const broken = msgs.filter((m, i) => i > 0 && m.seq !== (m.verb === 'NBIRTH' ? 0 : ((msgs[i - 1].seq ?? -1) + 1) % 256));
        expect(broken).toEqual([]);
      }
      // each device sent a full refresh (all its metrics) at least once, and its counters never went back
      const byDevice = new Map<string, Captured[]>();
      for (const m of ddata) byDevice.set(m.device!, [...(byDevice.get(m.device!) ?? []), m]);
      expect(byDevice.size).toBe(30);
      for (const [device, msgs] of byDevice) {
        const birth = cap.of('DBIRTH').find((b) => b.device === device)!;
        const names = new Map(birth.payload.metrics?.map((m) => [toNumber(m.alias), m.name]));
        // a full refresh carries every periodic metric; event metrics (units, AGV orders) only come with their events
        const periodic = deviceMetrics(expected.find((e) => e.device.code === device)!.device).filter((m) => !m.event).length;
        expect(
          msgs.some((m) => m.payload.metrics?.length === periodic),
          device,
        ).toBe(true);
        let parts = 0;
        for (const m of msgs) {
          for (const metric of m.payload.metrics ?? []) {
            const name = names.get(toNumber(metric.alias));
            expect(name, `alias ${toNumber(metric.alias)} of ${device}`).toBeDefined();
            if (name === 'state') expect(Object.values(STATE_CODES)).toContain(metric.value);
            if (name === 'part_count') {
              expect(toNumber(metric.value)).toBeGreaterThanOrEqual(parts);
              parts = toNumber(metric.value);
            }
          }
        }
      }
    } finally {
      await sim.stop();
      await cap.close();
    }
  });
});

/** The DDATA metrics of a device by name, one record per message, with the DBIRTH's aliases. */
function named(cap: Captured[], device: string): { timestamp: number; values: Record<string, MetricValue> }[] {
  const birth = cap.find((m) => m.verb === 'DBIRTH' && m.device === device);
  if (!birth) return [];
  const names = new Map(birth.payload.metrics?.map((m) => [toNumber(m.alias), m.name!]));
  return cap
    .filter((m) => m.verb === 'DDATA' && m.device === device)
    .map((m) => ({
      timestamp: toNumber(m.payload.timestamp),
      values: Object.fromEntries((m.payload.metrics ?? []).map((x) => [names.get(toNumber(x.alias)), x.value as MetricValue])),
    }));
}

describe('units and AGV orders over MQTT (embedded Aedes)', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startAedes();
  });
  afterAll(async () => {
    await broker.close();
  });

  it('declares the event metrics in the DBIRTH, sends a unit’s start as its own DDATA, and answers an AGV’s DCMD accepted → picked → delivered, a second one failed: busy', async () => {
    const group = uniqueGroup('agv');
    const cap = await capture(broker.url, group);
    // Line 1 whole (26 devices) at 09:00 in Qijiang, an hour of plant in a minute: travel of 90–270 s takes 1.5–4.5 s.
    const startTimeMs = Date.UTC(2025, 0, 6, 1, 0);
    const sim = new Simulator({ url: broker.url, group, devices: 26, rate: 10, timeScale: 60, seed: 1, startTimeMs });
    try {
      sim.start();
      await sim.waitOnline(5_000);
      const agv = sim.model.devices.find((d) => d.device.code === 'L1-AGV01')!;
      await cap.waitFor((m) => m.some((x) => x.verb === 'DBIRTH' && x.device === 'L1-AGV01'), 5_000, 'DBIRTH');
      const birth = cap.of('DBIRTH').find((x) => x.device === 'L1-AGV01')!;
      for (const name of Object.values(AGV_METRICS)) {
        expect(birth.payload.metrics?.find((m) => m.name === name)).toMatchObject({ type: 'String', value: null });
      }
      // An AGV that is down, charging or parked answers failed with the reason: wait until it is free (seed 1: at once).
      await cap.waitFor(() => agv.state === 'running' && !agv.orderId, 10_000, 'a free AGV');
      const dcmd = (order: string) =>
        Buffer.from(
          encodePayload({
            timestamp: Date.now(),
            metrics: [
              { name: AGV_METRICS.order, type: 'String', value: order },
              { name: AGV_METRICS.from, type: 'String', value: 'LINE-END' },
              { name: AGV_METRICS.to, type: 'String', value: 'FG-WH' },
            ],
          }),
        );
      await cap.client.publishAsync(topic(group, 'DCMD', 'line-1', 'L1-AGV01'), dcmd('TO-0001'), { qos: 1 });
      await cap.client.publishAsync(topic(group, 'DCMD', 'line-1', 'L1-AGV01'), dcmd('TO-0002'), { qos: 1 });
      const answers = () => named(cap.messages, 'L1-AGV01').filter((x) => x.values[AGV_METRICS.status] !== undefined);
      await cap.waitFor(() => answers().some((a) => a.values[AGV_METRICS.status] === 'delivered' || a.values[AGV_METRICS.reason] === 'down'), 15_000, 'delivered');
      const got = answers().map((a) => [a.values[AGV_METRICS.order], a.values[AGV_METRICS.status], a.values[AGV_METRICS.reason] ?? null]);
      expect(got).toEqual([
        ['TO-0001', 'accepted', null],
        ['TO-0002', 'failed', 'busy'],
        ['TO-0001', 'picked', null],
        ['TO-0001', 'delivered', null],
      ]);
      const ts = answers().map((a) => a.timestamp);
      // simulated travel: picked 30–90 s and delivered 60–180 s later, at time scale 60 (0.5–1.5 s, 1–3 s of wall clock)
      expect(ts[2] - ts[0]).toBeGreaterThanOrEqual(400);
      expect(ts[3] - ts[2]).toBeGreaterThanOrEqual(900);

      // Units: OP10's stations started units at once; each start is a DDATA of its own with the serial as a String.
      const starts = named(cap.messages, 'L1-CNC01').filter((x) => x.values[UNIT_METRICS.event] === 'start');
      expect(starts.length).toBeGreaterThan(0);
      expect(Object.keys(starts[0].values).sort()).toEqual([UNIT_METRICS.event, UNIT_METRICS.serial].sort());
      expect(starts[0].values[UNIT_METRICS.serial]).toMatch(/^L1-\d{6}-\d{9}-1$/);
    } finally {
      await sim.stop();
      await cap.close();
    }
  });
});

describe('plant simulator options', () => {
  it('rejects a device count outside the plant and a non-positive rate', () => {
    expect(() => new Simulator({ url: 'mqtt://127.0.0.1:1', devices: 181 })).toThrow(/devices/);
    expect(() => new Simulator({ url: 'mqtt://127.0.0.1:1', devices: 0 })).toThrow(/devices/);
    expect(() => new Simulator({ url: 'mqtt://127.0.0.1:1', rate: 0 })).toThrow(/rate/);
  });
});
