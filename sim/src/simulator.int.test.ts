import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from './simulator';
import { METRICS, PLANT_DEVICES, STATE_CODES } from '@gearbridge/plant';
import { toNumber } from './sparkplug';
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
        const kind = expected.find((e) => e.device.code === b.device)!.device.kind;
        expect(b.payload.metrics?.map((m) => m.name)).toEqual(METRICS[kind].map((m) => m.name));
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
        expect(
          msgs.some((m) => m.payload.metrics?.length === names.size),
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

describe('plant simulator options', () => {
  it('rejects a device count outside the plant and a non-positive rate', () => {
    expect(() => new Simulator({ url: 'mqtt://127.0.0.1:1', devices: 181 })).toThrow(/devices/);
    expect(() => new Simulator({ url: 'mqtt://127.0.0.1:1', devices: 0 })).toThrow(/devices/);
    expect(() => new Simulator({ url: 'mqtt://127.0.0.1:1', rate: 0 })).toThrow(/rate/);
  });
});
