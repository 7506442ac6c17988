/**
 * The yardstick: how fast one Node process writes the same rows with COPY straight into a table of the same
 * definition (partitioned by day, same primary key), no broker and no Sparkplug in between. Rows are built in JS
 * and serialised with the ingest's own binary COPY encoder (copyBinary), in the same chunks as the ingest's writer.
 * Rows go in the order they were published, as the issue defines the yardstick; with `sortChunk`, sorted into
 * primary-key order in chunks of that many rows before the clock starts — the help the ingest's writer gives
 * itself per batch (sortForWrite), for comparison.
 */
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { copyBinary, sortForWrite, type TelemetryRow } from '../../server/src/modules/factory/ingest/rows';

const DAY = 86_400_000;
const day = (t: number) => t - (t % DAY);
const iso = (t: number) => new Date(t).toISOString();

export async function copyBaseline(
  databaseUrl: string,
  rows: () => Iterable<TelemetryRow>,
  count: number,
  tsRange: [number, number],
  sortChunk?: number,
): Promise<{ rows: number; ms: number }> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('drop table if exists bench_copy_telemetry');
    await c.query(`create table bench_copy_telemetry (
      device_num integer not null, metric_id integer not null, ts timestamptz not null, value double precision, value_text text,
      primary key (device_num, metric_id, ts)) partition by range (ts)`);
    for (let d = day(tsRange[0]) - DAY; d <= day(tsRange[1]) + DAY; d += DAY) {
      await c.query(
        `create table bench_copy_telemetry_d${iso(d).slice(0, 10).replaceAll('-', '')} partition of bench_copy_telemetry for values from ('${iso(d)}') to ('${iso(d + DAY)}')`,
      );
    }
    await c.query('create table bench_copy_telemetry_default partition of bench_copy_telemetry default');
    const all = [...rows()];
    for (let i = 0; sortChunk && i < all.length; i += sortChunk) {
      const part = sortForWrite(all.slice(i, i + sortChunk));
      for (let k = 0; k < part.length; k++) all[i + k] = part[k];
    }
    const t0 = performance.now();
    const stream = c.query(copyFrom('copy bench_copy_telemetry (device_num, metric_id, ts, value, value_text) from stdin with (format binary)'));
    await pipeline(Readable.from(copyBinary(all)), stream);
    const ms = performance.now() - t0;
    const n = (await c.query<{ n: number }>('select count(*)::int as n from bench_copy_telemetry')).rows[0].n;
    if (n !== count) throw new Error(`COPY baseline wrote ${n} rows, expected ${count}`);
    await c.query('drop table bench_copy_telemetry');
    return { rows: n, ms };
  } finally {
    await c.end();
  }
}
