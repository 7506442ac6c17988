import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/logger';
import { startTestApp, usingPostgres, type TestApp } from '../../../test/harness';
import { SparkplugHost } from '../sparkplug/host';
import { IngestPipeline, type PipelineOptions } from './pipeline';
import { Registry } from './registry';
import { createWriter, type Batch, type BatchWriter } from './writer';
import { factoryDb, factoryHandle } from '../db';
import { until } from '../../../test/process';

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

/**
 * The real writer, with each write held until the test lets it go. With `concurrency`, the real writer's own
 * (PostgreSQL): each write starts at once and is held inside its transaction instead, after its telemetry rows.
 */
function gatedWriter(o: { concurrency?: number } = {}): { writer: BatchWriter; writes: Batch[]; release(i?: number): void; started(n: number): Promise<void> } {
  const real = createWriter(factoryHandle(t.platform.handle), t.platform.ctx.config.databaseUrl, o.concurrency);
  const writes: Batch[] = [];
  const gates: Array<() => void> = [];
  const opened: Promise<void>[] = [];
  const gate = (i: number) => (opened[i] ??= new Promise<void>((r) => (gates[i] = r)));
  let released = 0;
  return {
    writes,
    writer: {
      kind: real.kind,
      ...(o.concurrency ? { concurrency: real.concurrency } : {}),
      async write(b, before) {
        const i = writes.push(b) - 1;
        if (o.concurrency)
          return real.write(
            b,
            Promise.all([before, gate(i)]).then(() => undefined),
          );
        await gate(i);
        return real.write(b, before);
      },
      setAside: (...a) => real.setAside(...a),
      rollUp: (now) => real.rollUp(now),
      close: () => real.close(),
    },
    /** Lets write `i` go on (default: the next one not let go yet, in order). */
    release(i = released++) {
      gate(i);
      gates[i]();
    },
    async started(n) {
      for (let i = 0; writes.length < n; i++) {
        if (i > 200) throw new Error(`write ${n} never started`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

/** A pipeline over the test's writer: a real Sparkplug host and registry, batches flushed after 5 ms. */
const pipelineOver = (writer: BatchWriter, more: Partial<PipelineOptions> = {}) =>
  new IngestPipeline({
    host: new SparkplugHost({ checkSequence: false }),
    registry: new Registry(factoryDb(t.platform.handle.db)),
    writer,
    log: createLogger('silent'),
    publish: () => {},
    maxDelayMs: 5,
    ...more,
  });

const msg = (ts: number, metrics: Record<string, number>) => ({ topic: `gb/v1/${group}/${device}`, payload: Buffer.from(JSON.stringify({ ts, metrics })) });
const metricExists = async (name: string) =>
  !!(await t.platform.handle.db.selectFrom('factory_metrics').select('id').where('device_num', '=', num).where('name', '=', name).executeTakeFirst());

describe('ingest pipeline: batches, writes and acknowledgements', () => {
  it('builds the next batch while one writes, groups what arrives meanwhile, and acknowledges each message only after its own batch committed, in order', async () => {
    const g = gatedWriter();
    const acks: number[] = [];
    const pipeline = pipelineOver(g.writer);
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
    const pipeline = pipelineOver(g.writer, {
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

describe.runIf(usingPostgres())('ingest pipeline with two writers (PostgreSQL)', () => {
  const sql = <R>(text: string, params?: unknown[]) => t.platform.handle.session((q) => q<R>(text, params));
  const openTransactions = async () =>
    Number(
      (
        await sql<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'idle in transaction' and pid <> pg_backend_pid()`)
      )[0].n,
    );
  const stored = async (name: string) =>
    Number(
      (
        await sql<{ n: number }>('select count(*)::int as n from factory_telemetry t join factory_metrics m on m.id = t.metric_id where m.device_num = $1 and m.name = $2', [
          num,
          name,
        ])
      )[0].n,
    );

  it('writes the next batch while the one before is still open, yet commits and acknowledges them in order, each after its own commit', async () => {
    const g = gatedWriter({ concurrency: 2 });
    expect(g.writer.concurrency).toBe(2);
    const acks: number[] = [];
    const pipeline = pipelineOver(g.writer);
    const push = (n: number) => pipeline.push({ ...msg(Date.parse('2026-11-28T10:00:00Z') + n * 1000, { cw_a: n }), receivedAt: Date.now(), ack: () => acks.push(n) });
    try {
      push(1);
      await g.started(1); // batch 1: rows copied, transaction held open
      push(2);
      await g.started(2); // batch 2 starts writing before batch 1 committed
      await until(async () => (await openTransactions()) === 2, 'two open write transactions');
      g.release(1); // batch 2 may finish, but must wait for batch 1
      await new Promise((r) => setTimeout(r, 150));
      expect(acks).toEqual([]);
      expect(await stored('cw_a')).toBe(0);
      g.release(0);
      await pipeline.flush();
      expect(acks).toEqual([1, 2]);
      expect(await stored('cw_a')).toBe(2);
      expect(pipeline.stats).toMatchObject({ messages: 2, points: 2, inserted: 2, duplicates: 0, batches: 2 });
    } finally {
      for (let i = 0; i < 5; i++) g.release(i);
      await pipeline.close();
      await g.writer.close();
    }
  });

  it('starts a batch that may share a key with one still writing (a redelivery) only after that one committed, and stores the point once', async () => {
    const g = gatedWriter({ concurrency: 2 });
    const acks: string[] = [];
    const pipeline = pipelineOver(g.writer);
    const at = Date.parse('2026-11-28T11:00:00Z');
    try {
      pipeline.push({ ...msg(at, { cw_dup: 7 }), receivedAt: Date.now(), ack: () => acks.push('first') });
      await g.started(1);
      pipeline.push({ ...msg(at, { cw_dup: 7 }), receivedAt: Date.now(), ack: () => acks.push('again') });
      await new Promise((r) => setTimeout(r, 150));
      expect(g.writes).toHaveLength(1); // the redelivery waits: two open transactions would wait on each other's key
      g.release(0);
      await g.started(2);
      g.release(1);
      await pipeline.flush();
      expect(acks).toEqual(['first', 'again']);
      expect(await stored('cw_dup')).toBe(1);
      expect(pipeline.stats).toMatchObject({ messages: 2, points: 2, inserted: 1, duplicates: 1, batches: 2 });
    } finally {
      for (let i = 0; i < 5; i++) g.release(i);
      await pipeline.close();
      await g.writer.close();
    }
  });
});
