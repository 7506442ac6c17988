import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawQuery } from '../../../platform/db';
import { startTestApp, usingPostgres, type TestApp } from '../../../test/harness';
import { createWriter, type Batch } from './writer';
import { markMinutes, minutesOf, readRollups, rollUp, ROLLUP_GRACE_MS } from './rollups';
import type { TelemetryRow } from './rows';
import { factoryDb, factoryHandle } from '../db';

let t: TestApp;
let device: number;
let a: number;
let b: number;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.platform.handle.db;
  device = (await db.selectFrom('factory_devices').select('num').orderBy('num').executeTakeFirstOrThrow()).num;
  const metric = async (name: string) =>
    (await db.insertInto('factory_metrics').values({ device_num: device, name, datatype: 'Double', unit: null }).returning('id').executeTakeFirstOrThrow()).id;
  a = await metric('r_a');
  b = await metric('r_b');
});
afterAll(() => t?.close());

const batch = (rows: TelemetryRow[]): Batch => ({ rows, states: [], alarms: [], deadLetters: [], events: [], seen: new Map() });
const row = (metric: number, ts: number, value: number | null): TelemetryRow => ({ device, metric, ts, value, text: null });
const session = <T>(fn: (q: RawQuery) => Promise<T>) => t.platform.handle.session(fn);
const stored = async (metric: number) =>
  (
    await t.platform.handle.db.selectFrom('factory_telemetry_1m').select(['bucket', 'n', 'sum', 'min', 'max', 'last']).where('metric_id', '=', metric).orderBy('bucket').execute()
  ).map((r) => ({
    bucket: new Date(r.bucket).toISOString(),
    n: r.n,
    sum: r.sum,
    min: r.min,
    max: r.max,
    last: r.last,
  }));
const queued = async () =>
  (await session((q) => q<{ bucket: Date | string }>('select bucket from factory_rollup_queue order by bucket'))).map((r) => new Date(r.bucket).toISOString());
/** Runs the job until nothing closed is left. */
const drain = async (now: number) => {
  while ((await session((q) => rollUp(q, now))) > 0);
};

describe('minutesOf', () => {
  it('lists the minutes of the finite numeric rows once each, ascending', () => {
    const m = Date.parse('2026-11-29T08:00:00Z');
    expect(minutesOf([row(1, m + 61_000, 1), row(1, m + 5_000, 2), row(1, m + 59_999, 3), row(1, m + 200_000, null), row(1, m + 300_000, NaN), row(1, m - 1, Infinity)])).toEqual([
      m,
      m + 60_000,
    ]);
  });
});

describe('rollups off the write path', () => {
  const m0 = Date.parse('2026-11-27T08:00:00Z');

  it('a batch marks its minutes; the job computes closed ones from the raw rows, skipping nulls and non-finite values', async () => {
    const writer = createWriter(factoryHandle(t.platform.handle), t.platform.ctx.config.databaseUrl);
    try {
      await writer.write(
        batch([
          row(a, m0 + 1_000, 4),
          row(a, m0 + 30_000, 10),
          row(a, m0 + 20_000, 1), // out of order: not the minute's last value
          row(a, m0 + 40_000, null),
          row(a, m0 + 50_000, NaN),
          row(b, m0 + 59_999, -Infinity),
          row(a, m0 + 61_000, 7),
        ]),
      );
      expect(await queued()).toEqual([new Date(m0).toISOString(), new Date(m0 + 60_000).toISOString()]);
      // Nothing is rolled up before the job: readers compute marked minutes from the raw rows.
      expect(await stored(a)).toEqual([]);
      const live = await readRollups(factoryDb(t.platform.handle.db), [a, b], new Date(m0), new Date(m0 + 120_000));
      expect(live.map((r) => [r.metric_id, r.bucket.toISOString(), r.n, r.sum, r.min, r.max, r.last])).toEqual([
        [a, new Date(m0).toISOString(), 3, 15, 1, 10, 10],
        [a, new Date(m0 + 60_000).toISOString(), 1, 7, 7, 7, 7],
      ]);
      // The job at a time when only the first minute is closed.
      await drain(m0 + 120_000 + ROLLUP_GRACE_MS - 1);
      expect(await queued()).toEqual([new Date(m0 + 60_000).toISOString()]);
      expect(await stored(a)).toEqual([{ bucket: new Date(m0).toISOString(), n: 3, sum: 15, min: 1, max: 10, last: 10 }]);
      await drain(m0 + 120_000 + ROLLUP_GRACE_MS);
      expect(await queued()).toEqual([]);
      expect(await stored(a)).toEqual([
        { bucket: new Date(m0).toISOString(), n: 3, sum: 15, min: 1, max: 10, last: 10 },
        { bucket: new Date(m0 + 60_000).toISOString(), n: 1, sum: 7, min: 7, max: 7, last: 7 },
      ]);
      expect(await stored(b)).toEqual([]);
      // Readers now take the stored rollups, with the same figures.
      const after = await readRollups(factoryDb(t.platform.handle.db), [a], new Date(m0), new Date(m0 + 120_000));
      expect(after.map((r) => [r.bucket.toISOString(), r.n, r.sum])).toEqual([
        [new Date(m0).toISOString(), 3, 15],
        [new Date(m0 + 60_000).toISOString(), 1, 7],
      ]);

      // A late row and a redelivered one: the minute is marked again and recomputed — replaced, never added to.
      await writer.write(batch([row(a, m0 + 59_000, 100), row(a, m0 + 1_000, 4)]));
      expect(await queued()).toEqual([new Date(m0).toISOString()]);
      await drain(m0 + 180_000);
      expect(await stored(a)).toEqual([
        { bucket: new Date(m0).toISOString(), n: 4, sum: 115, min: 1, max: 100, last: 100 },
        { bucket: new Date(m0 + 60_000).toISOString(), n: 1, sum: 7, min: 7, max: 7, last: 7 },
      ]);
    } finally {
      await writer.close();
    }
  });

  it.runIf(usingPostgres())('misses no row of a batch that commits while the job runs, in either order (PostgreSQL)', async () => {
    const url = t.platform.ctx.config.databaseUrl!;
    const m1 = Date.parse('2026-11-27T09:00:00Z');
    const open = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return { c, q: (async (text: string, params?: unknown[]) => (await c.query(text, params)).rows) as RawQuery };
    };
    const batchTx = await open();
    const job = await open();
    const insert = (q: RawQuery, ts: number, v: number) =>
      q('insert into factory_telemetry (device_num, metric_id, ts, value) values ($1, $2, $3, $4)', [device, b, new Date(ts).toISOString(), v]);
    const later = m1 + 10 * 60_000;
    try {
      // The minute is marked by an earlier, committed batch.
      await insert(batchTx.q, m1 + 1_000, 1);
      await markMinutes(batchTx.q, [m1]);

      // 1. A batch marks the minute and is still open when the job starts: the job waits for it, then sees its row.
      await batchTx.q('begin');
      await insert(batchTx.q, m1 + 2_000, 2);
      await markMinutes(batchTx.q, [m1]);
      const running = rollUp(job.q, later);
      await new Promise((r) => setTimeout(r, 300));
      await batchTx.q('commit');
      expect(await running).toBe(1);
      expect((await stored(b)).find((r) => r.bucket === new Date(m1).toISOString())).toMatchObject({ n: 2, sum: 3 });

      // 2. The job has taken the mark and not committed when a batch marks the minute: the batch waits, marks
      // the minute anew, and the next run counts its row.
      await job.q('begin');
      await job.q('delete from factory_rollup_queue where bucket = $1', [new Date(m1).toISOString()]);
      await batchTx.q('begin');
      await insert(batchTx.q, m1 + 3_000, 4);
      const marking = markMinutes(batchTx.q, [m1]); // waits for the job's lock
      await new Promise((r) => setTimeout(r, 300));
      await job.q('commit');
      await marking;
      await batchTx.q('commit');
      expect(await queued()).toEqual([new Date(m1).toISOString()]);
      expect(await rollUp(job.q, later)).toBe(1);
      expect((await stored(b)).find((r) => r.bucket === new Date(m1).toISOString())).toMatchObject({ n: 3, sum: 7, last: 4 });
    } finally {
      await batchTx.c.end();
      await job.c.end();
    }
  });
});
