import { CompiledQuery } from 'kysely';
import type { RawQuery } from '../../../platform/db';
import type { TelemetryRow } from './rows';
import type { DB, FactoryTelemetry1mTable } from '../db';

/**
 * 1-minute rollups, off the write path.
 *
 * Upserting one rollup row per series and minute in every batch's transaction cost the writer a fifth of its time
 * at 175k points/s (bench/ingest), and PostgreSQL a quarter of its CPU. Instead a batch only marks the minutes it
 * wrote (one queue row a minute, in its transaction), and `rollUp` recomputes a marked minute from the raw rows once
 * it is closed — replacing, not adding to, what was there, so redeliveries and recomputations cannot double count.
 *
 * Why it cannot miss a row: a batch marks its minutes with an upsert (`marks + 1`) that takes the queue row's lock
 * and holds it until the batch commits. The job deletes the marked rows first — waiting for any batch still holding
 * one, then deleting the row as that batch left it — and only then, in a later statement with a fresh snapshot
 * (READ COMMITTED), reads the raw rows. A batch that marks the minute after the delete inserts a new queue row, so
 * the minute is computed again on the next run.
 *
 * Readers see closed minutes in factory_telemetry_1m, and compute still-marked minutes from the raw rows themselves
 * (`pendingRollups`): charts and OEE stay current to the last committed batch.
 */

/** A minute is closed (no longer expected to get rows) this long after its end, by the server's clock. */
export const ROLLUP_GRACE_MS = 5_000;
/** How often the ingest looks for closed, marked minutes. */
export const ROLLUP_INTERVAL_MS = 5_000;
/** Minutes computed in one transaction. */
export const ROLLUP_BATCH = 10;
/** One job at a time across ingest processes (pg_try_advisory_xact_lock key: 'GBRU'). */
const LOCK = 0x47425255;

const minuteOf = (ts: number) => ts - (((ts % 60_000) + 60_000) % 60_000);

/** The minutes of a batch's numeric rows, ascending (concurrent batches then lock queue rows in the same order). */
export function minutesOf(rows: Iterable<TelemetryRow>, states: Iterable<{ ts: number }> = []): number[] {
  const set = new Set<number>();
  let last = NaN;
  for (const r of rows) {
    if (r.value === null || !Number.isFinite(r.value)) continue;
    const m = minuteOf(r.ts);
    if (m !== last) set.add((last = m));
  }
  for (const s of states) set.add(minuteOf(s.ts));
  return [...set].sort((a, b) => a - b);
}

/** In the batch's transaction, after its rows: mark the minutes it wrote. */
export async function markMinutes(q: RawQuery, minutes: number[]): Promise<void> {
  if (!minutes.length) return;
  await q(
    `insert into factory_rollup_queue as r (bucket) select unnest($1::timestamptz[])
     on conflict (bucket) do update set marks = r.marks + 1`,
    [minutes.map((m) => new Date(m).toISOString())],
  );
}

/**
 * Each series' aggregate over each minute of `buckets`, from the raw rows (one index range scan per series and
 * minute): count, sum, min, max and the latest value of the finite numbers. `metrics` narrows the series (all when omitted).
 */
const aggregate = (buckets: string, metrics?: string) => `
  select m.device_num, m.id as metric_id, b.bucket, a.n, a.sum, a.min, a.max, a.last, a.last_ts
  from ${buckets} as b(bucket)
  join factory_metrics m on ${metrics ?? 'true'}
  cross join lateral (
    select count(*)::int as n, sum(x.value) as sum, min(x.value) as min, max(x.value) as max,
           (array_agg(x.value order by x.ts desc))[1] as last, max(x.ts) as last_ts
    from factory_telemetry x
    where x.device_num = m.device_num and x.metric_id = m.id
      and x.ts >= b.bucket and x.ts < b.bucket + interval '1 minute'
      and x.value is not null and x.value not in ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)
  ) a
  where a.n > 0`;

/**
 * The job: recomputes up to ROLLUP_BATCH marked minutes that closed before `now - ROLLUP_GRACE_MS`, oldest
 * first, in one transaction. Returns the minutes done (0: nothing to do, or another process is at it).
 * `q` must be one connection (a session): the lock and the statements share its transaction.
 */
export async function rollUp(q: RawQuery, now: number): Promise<number> {
  await q('begin');
  try {
    const [{ locked }] = await q<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [LOCK]);
    if (!locked) {
      await q('rollback');
      return 0;
    }
    const closedBefore = new Date(now - ROLLUP_GRACE_MS).toISOString();
    const due = await q<{ bucket: Date | string }>(
      `delete from factory_rollup_queue where bucket in (
         select bucket from factory_rollup_queue where bucket + interval '1 minute' <= $1::timestamptz order by bucket limit $2)
       returning bucket`,
      [closedBefore, ROLLUP_BATCH],
    );
    if (due.length) {
      await q(
        `insert into factory_telemetry_1m as t (device_num, metric_id, bucket, n, sum, min, max, last, last_ts)
         ${aggregate('unnest($1::timestamptz[])')}
         order by 1, 2, 3
         on conflict (device_num, metric_id, bucket) do update set
           n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max, last = excluded.last, last_ts = excluded.last_ts`,
        [due.map((d) => new Date(d.bucket).toISOString())],
      );
      const times = due.map((d) => new Date(d.bucket).getTime()).sort((a, b) => a - b);
      // A stored OEE day a marked minute falls in (a late row or state) is computed again (oee-rollup.ts). Taken
      // off the queue only now — after every batch that marked it committed — the minute's rows are visible to
      // that computation; a day being stored for the first time has its row already (written before its read).
      await q(
        `update factory_oee_days o set gen = o.gen + 1
         where o.span_end > $2::timestamptz and o.span_start < $3::timestamptz + interval '1 minute'
           and exists (select 1 from unnest($1::timestamptz[]) b(t) where b.t + interval '1 minute' > o.span_start and b.t < o.span_end)`,
        [times.map((t) => new Date(t).toISOString()), new Date(times[0]).toISOString(), new Date(times[times.length - 1]).toISOString()],
      );
    }
    await q('commit');
    return due.length;
  } catch (err) {
    await q('rollback').catch(() => {});
    throw err;
  }
}

export type RollupRow = Omit<FactoryTelemetry1mTable, 'last_ts'>;

/**
 * The 1-minute rollups of the metrics `$3` over [`$1`, `$2`): closed minutes as the job stored them, minutes still
 * marked (the current one, or one a late row reopened) computed from the raw rows now.
 */
const ROLLUPS = `
  select t.device_num, t.metric_id, t.bucket, t.n, t.sum, t.min, t.max, t.last
  from factory_metrics m
  join factory_telemetry_1m t on t.device_num = m.device_num and t.metric_id = m.id and t.bucket >= $1 and t.bucket < $2
  where m.id = any($3::int[]) and not exists (select 1 from factory_rollup_queue q where q.bucket = t.bucket)
  union all
  select device_num, metric_id, bucket, n, sum, min, max, last from (
    ${aggregate('(select bucket from factory_rollup_queue where bucket >= $1 and bucket < $2)', 'm.id = any($3::int[])')}) p`;

/** The 1-minute rollups of some metrics over [from, to) (see ROLLUPS), ordered by bucket. */
export async function readRollups(db: DB, metricIds: number[], from: Date, to: Date): Promise<RollupRow[]> {
  if (!metricIds.length) return [];
  const r = await db.executeQuery<RollupRow>(CompiledQuery.raw(`${ROLLUPS} order by bucket, device_num, metric_id`, [from.toISOString(), to.toISOString(), metricIds]));
  return r.rows.map((x) => ({ ...x, bucket: new Date(x.bucket), n: Number(x.n) }));
}

/**
 * Units counted by cumulative counters in each of some spans, from their minutes' last values over [from, to): the
 * sum of increases from each minute's predecessor (the minute before a span is its baseline; a counter with no
 * minute before the span takes its first minute in it as the baseline), a decrease being a restart whose new value
 * counts — `counterIncrease` (oee/intervals.ts), computed in the database so that a day of a plant's counters (two
 * a device, a minute each) is not carried to the server to be summed. Spans are [start, end) in epoch ms; a metric
 * with no minute in a span has no row for it.
 */
export async function counterIncreases(db: DB, metricIds: number[], from: Date, to: Date, spans: { start: number; end: number }[]) {
  if (!metricIds.length || !spans.length) return [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const r = await db.executeQuery<{ metric_id: number; span: number; made: number }>(
    CompiledQuery.raw(
      `select l.metric_id, w.i::int - 1 as span,
              sum(case when l.prev is null then 0 when l.last >= l.prev then l.last - l.prev else l.last end)::float8 as made
       from (select metric_id, bucket, last, lag(last) over (partition by metric_id order by bucket) as prev from (${ROLLUPS}) r) l
       join unnest($4::timestamptz[], $5::timestamptz[]) with ordinality as w(s, e, i) on l.bucket >= w.s and l.bucket < w.e
       group by l.metric_id, w.i`,
      [from.toISOString(), to.toISOString(), metricIds, spans.map((x) => iso(x.start)), spans.map((x) => iso(x.end))],
    ),
  );
  return r.rows.map((x) => ({ metricId: x.metric_id, span: Number(x.span), made: Number(x.made) }));
}
