import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousShiftStart, Simulator, type HistoryProgress } from './simulator';
import { UNIT_METRICS } from '@gearbridge/plant';
import { toNumber } from './sparkplug';
import { capture, startAedes, uniqueGroup, type Captured, type TestBroker } from './test/mqtt';

/** The replay of the recent past before the live run (SimulatorOptions.history). */
describe('simulator history', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startAedes();
  });
  afterAll(async () => {
    await broker.close();
  });

  it('replays the past with its own timestamps in steps, bounded by the window, reports each tenth, then goes live', async () => {
    const group = uniqueGroup('history');
    const cap = await capture(broker.url, group);
    const fromMs = Date.now() - 3 * 3_600_000;
    const progress: HistoryProgress[] = [];
    let maxInflight = 0;
    const sim = new Simulator({ url: broker.url, group, devices: 26, seed: 1, history: { fromMs, stepS: 60, window: 20, onProgress: (p) => progress.push(p) } });
    const watch = setInterval(() => (maxInflight = Math.max(maxInflight, ...sim.nodes.map((n) => n.inflight))), 1);
    try {
      sim.start();
      await sim.caughtUp;
      const caughtUpAt = Date.now();
      await cap.waitFor((m) => m.some((x) => x.verb === 'DDATA' && toNumber(x.payload.timestamp!) >= caughtUpAt), 5_000, 'a live DDATA');
      await sim.stop();
      const stats = sim.stats();
      await cap.waitFor((m) => m.filter((x) => x.verb === 'DDATA').length >= stats.acknowledged, 5_000, 'all DDATA');

      // Births at the start of the past, stamped with it; no message refused, every one acknowledged and received.
      expect(toNumber(cap.of('NBIRTH')[0].payload.timestamp!)).toBe(fromMs);
      expect(cap.of('DBIRTH').every((b) => toNumber(b.payload.timestamp!) === fromMs)).toBe(true);
      expect(stats.refused).toBe(0);
      expect(stats.failed).toBe(0);
      expect(cap.of('DDATA')).toHaveLength(stats.acknowledged);
      expect(stats.simulatedS).toBeGreaterThanOrEqual(3 * 3600);

      // The periodic data of the past: one a device and step (60 s apart), before the live data begins.
      // Event DDATA (by alias, as every DDATA) carry the unit/event metric; the periodic ones never do.
      const eventAlias = (device: string) =>
        cap
          .of('DBIRTH')
          .find((b) => b.device === device)!
          .payload.metrics!.find((x) => x.name === UNIT_METRICS.event)?.alias;
      const isEvent = (m: Captured) => {
        const alias = eventAlias(m.device!);
        return alias !== undefined && (m.payload.metrics?.some((x) => toNumber(x.alias!) === toNumber(alias!)) ?? false);
      };
      const cnc = cap.of('DDATA').filter((m) => m.device === 'L1-CNC01' && !isEvent(m));
      const ts = cnc.map((m) => toNumber(m.payload.timestamp!));
      const past = ts.filter((t) => t < caughtUpAt - 1_000);
      expect(past.length).toBeGreaterThanOrEqual(170);
      expect(past.length).toBeLessThanOrEqual(181);
      // A step 60 s apart; the first data, sent at the births' moment, is stamped 1 ms after them (a device's data
      // is stamped strictly after its birth and its last data: edge-node.ts).
      expect(past[2] - past[1]).toBe(60_000);
      expect(past[1] - past[0]).toBeGreaterThanOrEqual(59_999);
      expect(past[0]).toBeGreaterThan(fromMs);
      // Increasing over the seam, and live data after it.
      expect(ts.every((t, i) => i === 0 || t >= ts[i - 1])).toBe(true);
      expect(ts.at(-1)!).toBeGreaterThanOrEqual(caughtUpAt - 1_000);

      // Units flowed in the past: starts at OP10 from the first minutes, completions at the last operation later.
      const events = cap.of('DDATA').filter(isEvent);
      expect(events.length).toBeGreaterThan(200);
      expect(Math.min(...events.map((m) => toNumber(m.payload.timestamp!)))).toBeLessThan(fromMs + 3_600_000);

      // The window held (a step adds at most one message per device and event on top of it).
      expect(maxInflight).toBeLessThan(20 + 60);
      // One report per tenth (1 to 9) and one when done.
      expect(progress.filter((p) => !p.done).map((p) => Math.floor(p.fraction * 10))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(progress.at(-1)).toMatchObject({ done: true, fraction: 1 });
    } finally {
      clearInterval(watch);
      await sim.stop();
      await cap.close();
    }
  });

  it('refuses a history in the future, with time scale, or with a step out of range', () => {
    const url = broker.url;
    expect(() => new Simulator({ url, history: { fromMs: Date.now() + 60_000 } })).toThrow(/in the past/);
    expect(() => new Simulator({ url, timeScale: 60, history: { fromMs: Date.now() - 60_000 } })).toThrow(/timeScale 1/);
    expect(() => new Simulator({ url, history: { fromMs: Date.now() - 60_000, stepS: 0 } })).toThrow(/stepS/);
    expect(() => new Simulator({ url, history: { fromMs: Date.now() - 60_000, window: 0 } })).toThrow(/window/);
  });

  it('starts the default history 2 h before the previous shift (shift changes 08:00, 16:00, 00:00 UTC+8)', () => {
    // 08:20 in Qijiang: the current shift began at 08:00 (00:00 UTC), the previous at 00:00 (16:00 UTC the day before).
    expect(new Date(previousShiftStart(Date.parse('2026-12-07T00:20:00Z'))).toISOString()).toBe('2026-12-06T14:00:00.000Z');
    expect(new Date(previousShiftStart(Date.parse('2026-12-07T07:59:59Z'))).toISOString()).toBe('2026-12-06T14:00:00.000Z');
    expect(new Date(previousShiftStart(Date.parse('2026-12-07T08:00:00Z'))).toISOString()).toBe('2026-12-06T22:00:00.000Z');
    expect(new Date(previousShiftStart(Date.parse('2026-12-07T16:00:00Z'), 0)).toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });
});
