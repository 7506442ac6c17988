import { rawQueryOf, type RawQuery } from '../../../platform/db';
import type { DB } from '../db';

/**
 * Unit traces (migration factory/0015): a unit that left the line has its rows of the four per-unit tables
 * (operations, measurements, bound lots, tools) and its stations' parameters copied into one row, so that its
 * genealogy reads one heap page instead of one per table (README, Performance, Trace). The tables stay the record;
 * the triggers of the migration drop a trace whenever its unit's rows change and queue the unit again; this builder
 * works the queue.
 */

/** Units built in one round of the job. */
export const TRACE_BATCH = 500;
/** How often the job looks at the queue; a round that filled its batch goes on at once. */
export const TRACE_INTERVAL_MS = 5_000;

/**
 * The stations' parameters at a unit's operations (the unit is `unitExpr`): per operation reached, the station's
 * numeric metrics as they last were within ten minutes before it completed (or started), from the telemetry's
 * primary key. The genealogy reads it live for a unit on the line; the builder freezes it into the trace.
 */
export const paramsOf = (unitExpr: string) => `
  (select coalesce(json_agg(r order by r.op, r.name), '[]') from (
     select x.op, mt.name, mt.unit, t.value, t.ts
       from factory_unit_ops x
       join factory_metrics mt on mt.device_num = x.device_num and mt.datatype in ('Double', 'Float') and mt.name not like 'meas/%'
      cross join lateral (
        select value, ts from factory_telemetry
         where device_num = x.device_num and metric_id = mt.id and ts <= coalesce(x.completed_at, x.started_at)
           and ts > coalesce(x.completed_at, x.started_at) - interval '10 minutes' and value is not null
         order by ts desc limit 1) t
      where x.unit_id = ${unitExpr}) r)`;

/** The trace of each unit `u` of the FROM clause that follows: its rows as stored, table by table. */
const TRACE_COLUMNS = `u.id,
  (select coalesce(json_agg(x order by x.op), '[]') from factory_unit_ops x where x.unit_id = u.id),
  (select coalesce(json_agg(v order by v.characteristic_id), '[]') from factory_measurements v where v.unit_id = u.id),
  (select coalesce(json_agg(c order by c.lot_id), '[]') from factory_unit_components c where c.unit_id = u.id),
  (select coalesce(json_agg(t order by t.op, t.tool_id), '[]') from factory_unit_op_tools t where t.unit_id = u.id),
  ${paramsOf('u.id')}`;

const UPSERT = `insert into factory_unit_traces (unit_id, ops, meas, comps, tools, params)`;
const ON_CONFLICT = `on conflict (unit_id) do update set ops = excluded.ops, meas = excluded.meas, comps = excluded.comps,
  tools = excluded.tools, params = excluded.params, built_at = now()`;

/**
 * One round: up to `max` queued units, oldest first. Each unit is locked FOR UPDATE (a unit a writer holds is skipped
 * and stays queued) before its rows are read, in a statement of its own — so the rows read are the committed ones,
 * and a writer after it waits and then drops the trace (see the migration). A unit back on the line (wip) leaves the
 * queue unbuilt; it is queued again when it leaves. Returns the units taken off the queue.
 */
export async function buildTraces(db: DB, max = TRACE_BATCH): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const q = rawQueryOf(trx);
    const queued = await q<{ unit_id: string }>('select unit_id from factory_unit_trace_queue order by unit_id limit $1 for update skip locked', [max]);
    if (!queued.length) return 0;
    const locked = await q<{ id: string; status: string }>('select id, status from factory_units where id = any($1::bigint[]) order by id for update skip locked', [
      queued.map((r) => r.unit_id),
    ]);
    const off = locked.filter((u) => u.status !== 'wip').map((u) => u.id);
    if (off.length) await q(`${UPSERT} select ${TRACE_COLUMNS} from factory_units u where u.id = any($1::bigint[]) ${ON_CONFLICT}`, [off]);
    // A unit a writer holds stays queued; a deleted unit left the queue with it (its foreign key cascades).
    await q('delete from factory_unit_trace_queue where unit_id = any($1::bigint[])', [locked.map((u) => u.id)]);
    return locked.length;
  });
}

/**
 * Every unit off the line with an id in [from, to] built at once, and the range taken off the queue — for a bulk load
 * (the trace benchmark), with no writer at work. Returns the traces written.
 */
export async function buildTraceRange(q: RawQuery, from: number, to: number): Promise<number> {
  const r = await q<{ n: string }>(
    `with built as (${UPSERT} select ${TRACE_COLUMNS} from factory_units u
        where u.id between $1 and $2 and u.status <> 'wip'
        ${ON_CONFLICT} returning 1),
     dequeued as (delete from factory_unit_trace_queue where unit_id between $1 and $2)
     select count(*) as n from built`,
    [from, to],
  );
  return Number(r[0].n);
}
