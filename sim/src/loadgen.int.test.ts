import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from './loadgen';
import { toNumber } from './sparkplug';
import { capture, startAedes, startMosquitto, uniqueGroup, type TestBroker } from './test/mqtt';

const brokers: Array<[string, () => Promise<TestBroker>]> = [
  ['aedes', () => startAedes()],
  // A Mosquitto of its own without the default per-client queue limit: the subscriber that checks every message
  // must not lose any at the broker when a busy machine slows it down (the machine's Mosquitto keeps its defaults).
  ['mosquitto', () => startMosquitto(0, { unlimitedQueues: true })],
];

describe.each(brokers)('load generator against %s', (_name, startBroker) => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startBroker();
  });
  afterAll(async () => {
    await broker.close();
  });

  it('acknowledges exactly what a subscriber receives, and logs every acknowledged message by (device, timestamp)', async () => {
    const group = uniqueGroup('load');
    const cap = await capture(broker.url, group);
    try {
      const result = await runLoad({ url: broker.url, group, devices: 30, messages: 6000, inflight: 200, durationS: 20 });
      await cap.waitFor((m) => m.filter((x) => x.verb === 'DDATA').length >= result.acknowledged, 10_000, 'all DDATA');

      expect(result).toMatchObject({ published: 6000, acknowledged: 6000, acknowledgedPoints: 120_000, failed: 0 });
      expect(result.maxInflight).toBeLessThanOrEqual(200);
      expect(result.log.length).toBe(6000);
      expect(result.births).toBe(2 + 30); // lines 1 and 2
      expect(result.acknowledgedBirthPoints).toBe(30 * 20);

      const received = cap.of('DDATA');
      expect(received).toHaveLength(6000);
      // the log and the subscriber agree message by message: (device, timestamp) → seq, msgNo (= m01), 20 points
      const byKey = new Map(received.map((m) => [`${m.device}@${toNumber(m.payload.timestamp)}`, m]));
      expect(byKey.size).toBe(6000);
      const lastTs = new Map<string, number>();
      const lastNo = new Map<string, number>();
      for (const rec of result.log) {
        const m = byKey.get(`${rec.device}@${rec.timestamp}`);
        expect(m, `${rec.device}@${rec.timestamp}`).toBeDefined();
        expect(m?.node).toBe(rec.node);
        expect(m?.seq).toBe(rec.seq);
        expect(m?.payload.metrics).toHaveLength(rec.points);
        expect(m?.payload.metrics?.[0].value).toBe(rec.msgNo);
        expect(rec.ackedAt).toBeGreaterThanOrEqual(rec.publishedAt);
        expect(rec.timestamp).toBeGreaterThan(lastTs.get(rec.device) ?? 0);
        expect(rec.msgNo).toBe((lastNo.get(rec.device) ?? 0) + 1);
        lastTs.set(rec.device, rec.timestamp);
        lastNo.set(rec.device, rec.msgNo);
      }
      // DDATA metrics: by the aliases their DBIRTH declared (unique within the node), with timestamps, no names
      const birthAliases = new Map(cap.of('DBIRTH').map((b) => [b.device, b.payload.metrics?.map((x) => toNumber(x.alias))]));
      for (const node of ['line-1', 'line-2']) {
        const all = cap
          .of('DBIRTH')
          .filter((b) => b.node === node)
          .flatMap((b) => birthAliases.get(b.device) ?? []);
        expect(new Set(all).size).toBe(all.length);
      }
      for (const m of received.filter((_, i) => i % 97 === 0)) {
        expect(m.payload.metrics?.map((x) => toNumber(x.alias))).toEqual(birthAliases.get(m.device));
        expect(m.payload.metrics?.every((x) => x.name === undefined && toNumber(x.timestamp) === toNumber(m.payload.timestamp))).toBe(true);
      }
    } finally {
      await cap.close();
    }
  });

  it('holds a target rate in points per second', async () => {
    const group = uniqueGroup('rate');
    const result = await runLoad({ url: broker.url, group, devices: 7, rate: 20_000, durationS: 1.5, inflight: 100 });
    // 20,000 points/s of 20-metric messages = 1,000 messages/s
    expect(result.published).toBeGreaterThan(1300);
    expect(result.published).toBeLessThanOrEqual(1501);
    expect(result.acknowledged).toBe(result.published);
  });

  it('with inflight 1 waits for each PUBACK before the next publish', async () => {
    const group = uniqueGroup('inflight1');
    const result = await runLoad({ url: broker.url, group, devices: 3, messages: 300, inflight: 1, metrics: 5 });
    expect(result).toMatchObject({ published: 300, acknowledged: 300, acknowledgedPoints: 1500, maxInflight: 1 });
    for (let i = 1; i < result.log.length; i++) expect(result.log.publishedAt[i]).toBeGreaterThanOrEqual(result.log.ackedAt[i - 1]);
  });
});

describe('load generator options', () => {
  it('rejects nonsense before connecting', async () => {
    await expect(runLoad({ url: 'mqtt://127.0.0.1:1', inflight: 0 })).rejects.toThrow(/inflight/);
    await expect(runLoad({ url: 'mqtt://127.0.0.1:1', metrics: 0 })).rejects.toThrow(/metrics/);
    await expect(runLoad({ url: 'mqtt://127.0.0.1:1', rate: -5 })).rejects.toThrow(/rate/);
  });
});
