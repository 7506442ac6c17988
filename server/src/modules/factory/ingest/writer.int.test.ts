import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness';
import { createWriter, type Batch } from './writer';
import type { TelemetryRow } from './rows';
import { factoryHandle } from '../db';

let t: TestApp;
let device: number;
let metrics: number[];

beforeAll(async () => {
  t = await startTestApp();
  const db = t.platform.handle.db;
  device = (await db.selectFrom('factory_devices').select('num').orderBy('num').executeTakeFirstOrThrow()).num;
  metrics = [];
  for (const name of ['w_a', 'w_b', 'w_c', 'w_d', 'w_e', 'w_f', 'w_g']) {
    metrics.push((await db.insertInto('factory_metrics').values({ device_num: device, name, datatype: 'Double', unit: null }).returning('id').executeTakeFirstOrThrow()).id);
  }
});
afterAll(() => t?.close());

const batch = (rows: TelemetryRow[]): Batch => ({ rows, states: [], alarms: [], deadLetters: [], events: [], seen: new Map() });

/**
 * The writer of this database (binary COPY on PostgreSQL, insert … unnest on PGlite) stores every kind of value
 * exactly: the binary encoder writes timestamps as µs since 2000 and floats bit for bit, and text as UTF-8.
 */
describe('telemetry writer', () => {
  it('stores values, nulls, text with tabs and newlines, ±Infinity, NaN and a timestamp before 2000 exactly', async () => {
    const writer = createWriter(factoryHandle(t.platform.handle), t.platform.ctx.config.databaseUrl);
    const ts = Date.parse('2026-11-29T08:00:00.123Z');
    const rows: TelemetryRow[] = [
      { device, metric: metrics[0], ts, value: 41.987654321, text: null },
      { device, metric: metrics[1], ts, value: null, text: null },
      { device, metric: metrics[2], ts, value: null, text: '刀具\t断裂\n"quoted" \\ back' },
      { device, metric: metrics[3], ts, value: -0.000001, text: null },
      { device, metric: metrics[4], ts, value: Infinity, text: null },
      { device, metric: metrics[5], ts, value: NaN, text: null },
      { device, metric: metrics[6], ts: Date.parse('1999-12-31T23:59:59.999Z'), value: 1e300, text: null },
    ];
    try {
      const r = await writer.write(batch(rows));
      expect(r).toEqual({ inserted: 7, duplicates: 0 });
      const got = await t.platform.handle.session((q) =>
        q<{ metric_id: number; ms: number; value: number | string | null; value_text: string | null }>(
          `select metric_id, (extract(epoch from ts) * 1000)::float8 as ms, value, value_text from factory_telemetry where metric_id = any($1::int[]) order by metric_id`,
          [metrics],
        ),
      );
      expect(got.map((g) => [g.metric_id, Number(g.ms)])).toEqual(rows.map((x) => [x.metric, x.ts]));
      expect(got.map((g) => (g.value === null ? null : Number(g.value)))).toEqual([41.987654321, null, null, -0.000001, Infinity, NaN, 1e300]);
      expect(got[2].value_text).toBe('刀具\t断裂\n"quoted" \\ back');
      // The same rows again (a redelivery): nothing new, counted as duplicates.
      expect(await writer.write(batch(rows))).toEqual({ inserted: 0, duplicates: 7 });
    } finally {
      await writer.close();
    }
  });

  it('records a presence change once when several ingest processes each write it (each gets every BIRTH and DEATH)', async () => {
    const writer = createWriter(factoryHandle(t.platform.handle), t.platform.ctx.config.databaseUrl);
    const db = t.platform.handle.db;
    await db.deleteFrom('factory_device_events').where('device_num', '=', device).execute();
    const at = Date.parse('2026-11-29T09:00:00Z');
    const event = (kind: 'online' | 'offline', ms: number, reason: string): Batch => ({ ...batch([]), events: [{ device, at: at + ms, kind, reason }] });
    try {
      await writer.write(event('online', 0, 'dbirth')); // one process
      await writer.write(event('online', 3, 'dbirth')); // the other, the same DBIRTH
      await writer.write(event('offline', 1_000, 'ddeath'));
      await writer.write(event('offline', 1_002, 'ddeath'));
      await writer.write(event('online', 2_000, 'dbirth'));
      const rows = await db.selectFrom('factory_device_events').select(['kind', 'reason']).where('device_num', '=', device).orderBy('at').execute();
      expect(rows).toEqual([
        { kind: 'online', reason: 'dbirth' },
        { kind: 'offline', reason: 'ddeath' },
        { kind: 'online', reason: 'dbirth' },
      ]);
      expect((await db.selectFrom('factory_devices').select('online').where('num', '=', device).executeTakeFirstOrThrow()).online).toBe(true);
    } finally {
      await writer.close();
    }
  });
});
