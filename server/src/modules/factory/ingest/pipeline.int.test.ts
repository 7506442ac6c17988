import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger';
import { startTestApp, type TestApp } from '../../../test/harness';
import { SparkplugHost } from '../sparkplug/host';
import { IngestPipeline } from './pipeline';
import { Registry } from './registry';
import { createWriter, type Batch, type BatchWriter } from './writer';
import { factoryDb, factoryHandle } from '../db';

let t: TestApp;
let group: string;
let device: string;
let num: number;

beforeAll(async () => {
  t = await startTestApp();
  const d = await t.platform.handle.db.selectFrom('factory_devices').select(['num', 'sp_group', 'code']).orderBy('num').executeTakeFirstOrThrow();
  group = d.sp_group;
  device = d.code;
  num = d.num;
});
afterAll(() => t?.close());

/** The real writer, with each write held until the test lets it go. */
function gatedWriter(): { writer: BatchWriter; writes: Batch[]; release(): void; started(n: number): Promise<void> } {
  const real = createWriter(factoryHandle(t.platform.handle), t.platform.ctx.config.databaseUrl);
  const writes: Batch[] = [];
  const gates: Array<() => void> = [];
  let released = 0;
  return {
    writes,
    writer: {
      kind: real.kind,
      async write(b) {
        const i = writes.push(b) - 1;
        if (i >= released) await new Promise<void>((r) => (gates[i] = r));
        return real.write(b);
      },
      setAside: (...a) => real.setAside(...a),
      rollUp: (now) => real.rollUp(now),
      close: () => real.close(),
    },
    release() {
      gates[released]?.();
      released++;
    },
    async started(n) {
      for (let i = 0; writes.length < n; i++) {
        if (i > 200) throw new Error(`write ${n} never started`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

const msg = (ts: number, metrics: Record<string, number>) => ({ topic: `gb/v1/${group}/${device}`, payload: Buffer.from(JSON.stringify({ ts, metrics })) });
const metricExists = async (name: string) =>
  !!(await t.platform.handle.db.selectFrom('factory_metrics').select('id').where('device_num', '=', num).where('name', '=', name).executeTakeFirst());

describe('ingest pipeline: batches, writes and acknowledgements', () => {
  it('builds the next batch while one writes, groups what arrives meanwhile, and acknowledges each message only after its own batch committed, in order', async () => {
    const g = gatedWriter();
    const acks: number[] = [];
    const pipeline = new IngestPipeline({
      host: new SparkplugHost({ checkSequence: false }),
      registry: new Registry(factoryDb(t.platform.handle.db)),
      writer: g.writer,
      log: createLogger('silent'),
      publish: () => {},
      maxDelayMs: 5,
    });
    const push = (n: number, metrics: Record<string, number>) =>
      pipeline.push({ ...msg(Date.parse('2026-11-27T10:00:00Z') + n * 1000, metrics), receivedAt: Date.now(), ack: () => acks.push(n) });
    try {
      push(1, { pl_a: 1 });
      await g.started(1); // batch 1 is writing (held)

      push(2, { pl_b: 2 }); // taken at once: batch 1 has started writing
      await new Promise((r) => setTimeout(r, 100));
      // Batch 2 is built meanwhile: its new metric is registered already, though nothing of it is written.
      expect(await metricExists('pl_b')).toBe(true);
      expect(g.writes).toHaveLength(1);

      push(3, { pl_a: 3 });
      push(4, { pl_a: 4, pl_b: 4 });
      await new Promise((r) => setTimeout(r, 50));
      expect(acks).toEqual([]); // nothing is acknowledged before its commit

      g.release(); // batch 1 commits; batch 2 starts writing
      await g.started(2);
      await new Promise((r) => setTimeout(r, 50));
      expect(acks).toEqual([1]);
      expect(g.writes[1].rows.map((r) => r.value)).toEqual([2]);

      g.release(); // batch 2 commits; 3 and 4 were waiting together, and go as one batch
      await g.started(3);
      g.release();
      await pipeline.flush();
      expect(acks).toEqual([1, 2, 3, 4]);
      expect(g.writes).toHaveLength(3);
      expect(g.writes[2].rows.map((r) => r.value).sort()).toEqual([3, 4, 4]);
      expect(pipeline.stats).toMatchObject({ messages: 4, points: 5, inserted: 5, duplicates: 0, batches: 3 });
    } finally {
      for (let i = 0; i < 5; i++) g.release();
      await pipeline.close();
      await g.writer.close();
    }
  });

  it('measures its lag as the age of the oldest message received and not committed: growing while a write is held, 0 once it commits', async () => {
    const g = gatedWriter();
    let clock = Date.parse('2026-12-01T08:00:00Z');
    const committed: { lagMs: number; writeMs: number }[] = [];
    const pipeline = new IngestPipeline({
      host: new SparkplugHost({ checkSequence: false }),
      registry: new Registry(factoryDb(t.platform.handle.db)),
      writer: g.writer,
      log: createLogger('silent'),
      publish: () => {},
      maxDelayMs: 5,
      now: () => clock,
      onCommitted: (b) => committed.push({ lagMs: b.lagMs, writeMs: b.writeMs }),
    });
    try {
      expect(pipeline.pendingAgeMs(clock)).toBe(0);
      pipeline.push({ ...msg(Date.parse('2026-11-27T11:00:00Z'), { lag_a: 1 }), receivedAt: clock, ack: () => {} });
      const received = clock;
      await g.started(1); // taken and writing, held
      clock += 2_000;
      pipeline.push({ ...msg(Date.parse('2026-11-27T11:00:01Z'), { lag_a: 2 }), receivedAt: clock, ack: () => {} });
      // The held batch's message is the oldest waiting, not the one that came after it.
      expect(pipeline.pendingAgeMs(received + 45_000)).toBe(45_000);
      g.release();
      await g.started(2);
      // The first batch committed: the second message is now the oldest waiting.
      expect(pipeline.pendingAgeMs(clock + 1_000)).toBe(1_000);
      g.release();
      await pipeline.flush();
      expect(pipeline.pendingAgeMs(clock + 60_000)).toBe(0);
      expect(committed).toHaveLength(2);
      // Each batch's commit lag: from its oldest message's arrival to its commit, by the pipeline's clock.
      expect(committed.map((c) => c.lagMs)).toEqual([2_000, 0]);
      expect(committed.every((c) => c.writeMs >= 0)).toBe(true);
    } finally {
      for (let i = 0; i < 5; i++) g.release();
      await pipeline.close();
      await g.writer.close();
    }
  });
});
