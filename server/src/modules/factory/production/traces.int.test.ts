import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { deliveredUnits } from '../../../test/delivered-units';
import { rawQueryOf } from '../../../platform/db';
import { factoryDb } from '../db';
import { Genealogy } from '@gearbridge/contracts/factory';
import { buildTraceRange, buildTraces } from './traces';

let t: TestApp;
let quality: Client;
const db = () => factoryDb(t.platform.handle.db);
const q = () => rawQueryOf(t.platform.handle.db);

beforeAll(async () => {
  t = await startTestApp();
  quality = await t.login('gear.quality');
});
afterAll(async () => {
  await t?.close();
});

const genealogy = async (serial: string) => {
  const r = await quality.get(`/api/factory/units/genealogy?code=${serial}`);
  expect(r.statusCode, r.body).toBe(200);
  // The route writes its answer with JSON.stringify: it must be exactly the contract's shape (zod drops unknown keys).
  expect(Genealogy.parse(r.json())).toEqual(r.json());
  return r.json();
};
const unitId = async (serial: string) => (await q()<{ id: string }>('select id from factory_units where serial = $1', [serial]))[0].id;
const traced = async (serial: string) => (await q()('select 1 from factory_unit_traces where unit_id = $1', [await unitId(serial)])).length === 1;
const queued = async (serial: string) => (await q()('select 1 from factory_unit_trace_queue where unit_id = $1', [await unitId(serial)])).length === 1;
const drain = async () => {
  while ((await buildTraces(db())) > 0);
};

describe('unit traces: a finished unit’s history in one row', () => {
  it('queues a unit when it leaves the line, builds its trace, and answers its genealogy from it exactly as from the tables', async () => {
    const d = await deliveredUnits(t.platform.handle.db as never, { prefix: 'TRC', count: 3, nokAt: [2] });
    const [a, , nok] = d.serials;
    // A done unit and a NOK one are queued; building takes them off the queue.
    expect(await queued(a)).toBe(true);
    expect(await queued(nok)).toBe(true);
    // Station parameters at the moment: a numeric metric of the unit's OP10 station, read from telemetry.
    const [dev] = await q()<{ num: number }>(
      `select d.num from factory_devices d join factory_cells c on c.id = d.cell_id join factory_lines l on l.id = d.line_id
        where l.code = 'L3' and c.code = 'OP10' order by d.num limit 1`,
    );
    await q()(`update factory_unit_ops set device_num = $1 where unit_id = $2 and op = 'OP10'`, [dev.num, await unitId(a)]);
    const [metric] = await q()<{ id: number }>(
      `insert into factory_metrics (device_num, name, datatype, unit) values ($1, 'spindle/load', 'Double', '%')
       on conflict (device_num, name) do update set datatype = excluded.datatype returning id`,
      [dev.num],
    );
    await q()(
      `insert into factory_telemetry (device_num, metric_id, ts, value)
       select $1, $2, completed_at - interval '30 seconds', 61.5 from factory_unit_ops where unit_id = $3 and op = 'OP10'`,
      [dev.num, metric.id, await unitId(a)],
    );
    const live = await genealogy(a);
    expect(live.ops[0].parameters).toEqual([expect.objectContaining({ metric: 'spindle/load', value: 61.5 })]);
    await drain();
    expect(await traced(a)).toBe(true);
    expect(await traced(nok)).toBe(true);
    expect(await queued(a)).toBe(false);
    expect(await genealogy(a)).toEqual(live);
    // Every measurement, lot and operation of the tables is in the answer from the trace.
    const fromTrace = await genealogy(a);
    expect(fromTrace.ops.flatMap((o: { measurements: unknown[] }) => o.measurements)).toHaveLength(Object.keys(d.values.get(a)!).length);
    // The parameters are frozen in the trace: telemetry dropped after its retention does not take them away.
    await q()('delete from factory_telemetry where device_num = $1 and metric_id = $2', [dev.num, metric.id]);
    expect((await genealogy(a)).ops[0].parameters).toEqual(live.ops[0].parameters);
  });

  it('drops the trace in the same transaction as any change of the unit’s rows, and builds it again', async () => {
    const d = await deliveredUnits(t.platform.handle.db as never, { prefix: 'TRD', count: 2 });
    const [a, b] = d.serials;
    await drain();
    expect(await traced(a)).toBe(true);
    const before = await genealogy(a);
    // A measurement imported later (e.g. a CMM result): the trace goes, the answer has the new value at once.
    const [c] = await q()<{ id: string }>(
      `select c.id from factory_characteristics c join factory_routing_ops o on o.id = c.op_id join factory_units u on u.product_id = o.product_id
        where u.serial = $1 and c.chart = 'i_mr' and c.id not in (select characteristic_id from factory_measurements where unit_id = u.id) limit 1`,
      [a],
    );
    const update = c
      ? `insert into factory_measurements (characteristic_id, unit_id, value, measured_at, source) values ('${c.id}', $1, 1.25, now(), 'import')`
      : `update factory_measurements set value = value + 0.001 where unit_id = $1 and characteristic_id = (select characteristic_id from factory_measurements where unit_id = $1 limit 1)`;
    await q()(update, [await unitId(a)]);
    expect(await traced(a)).toBe(false);
    expect(await queued(a)).toBe(true);
    expect(await traced(b)).toBe(true); // the other unit's trace stays
    const after = await genealogy(a);
    expect(after).not.toEqual(before);
    await drain();
    expect(await traced(a)).toBe(true);
    expect(await genealogy(a)).toEqual(after);
    // A rework takes operations off the unit: the trace goes with them.
    await q()("delete from factory_unit_ops where unit_id = $1 and op = 'OP80'", [await unitId(a)]);
    expect(await traced(a)).toBe(false);
    const reworked = await genealogy(a);
    expect(reworked.ops.find((o: { op: string }) => o.op === 'OP80').reached).toBe(false);
    // Back on the line: it leaves the queue unbuilt, and is queued again when it leaves the line.
    await q()("update factory_units set status = 'wip' where id = $1", [await unitId(a)]);
    await drain();
    expect(await traced(a)).toBe(false);
    expect(await queued(a)).toBe(false);
    await q()("update factory_units set status = 'done' where id = $1", [await unitId(a)]);
    expect(await queued(a)).toBe(true);
    await drain();
    expect(await genealogy(a)).toEqual(reworked);
  });

  it('builds a range at once (bulk loads) with the same content as the job', async () => {
    const d = await deliveredUnits(t.platform.handle.db as never, { prefix: 'TRR', count: 2 });
    const ids = await Promise.all(d.serials.map(unitId));
    await drain();
    const byJob = await q()<{ ops: unknown; meas: unknown; comps: unknown; tools: unknown; params: unknown }>(
      'select ops, meas, comps, tools, params from factory_unit_traces where unit_id = any($1::bigint[]) order by unit_id',
      [ids],
    );
    await q()('delete from factory_unit_traces where unit_id = any($1::bigint[])', [ids]);
    const n = await buildTraceRange(q(), Number(ids[0]), Number(ids[1]));
    expect(n).toBe(2);
    const byRange = await q()('select ops, meas, comps, tools, params from factory_unit_traces where unit_id = any($1::bigint[]) order by unit_id', [ids]);
    expect(byRange).toEqual(byJob);
  });

  it.runIf(!!process.env.DATABASE_URL)('skips a unit a writer holds, and builds it after the writer committed, with the writer’s row (PostgreSQL)', async () => {
    const d = await deliveredUnits(t.platform.handle.db as never, { prefix: 'TRL', count: 1 });
    const id = await unitId(d.serials[0]);
    await drain();
    await q()('delete from factory_unit_traces where unit_id = $1', [id]);
    await q()('insert into factory_unit_trace_queue (unit_id) values ($1)', [id]);
    // A writer's open transaction holds the unit (its foreign key check): the builder skips it, it stays queued.
    const url = (await sql<{ db: string }>`select current_database() as db`.execute(t.platform.handle.db)).rows[0].db;
    const base = new URL(process.env.DATABASE_URL!);
    base.pathname = `/${url}`;
    const writer = new pg.Client({ connectionString: base.toString() });
    await writer.connect();
    try {
      await writer.query('begin');
      const [ch] = (
        await writer.query(
          `select c.id from factory_characteristics c join factory_routing_ops o on o.id = c.op_id join factory_units u on u.product_id = o.product_id
              where u.id = $1 and c.id not in (select characteristic_id from factory_measurements where unit_id = $1) limit 1`,
          [id],
        )
      ).rows;
      if (ch) await writer.query(`insert into factory_measurements (characteristic_id, unit_id, value, measured_at, source) values ($1, $2, 2.5, now(), 'import')`, [ch.id, id]);
      else await writer.query('update factory_measurements set value = value + 0.001 where unit_id = $1', [id]);
      expect(await buildTraces(db())).toBe(0);
      expect(await queued(d.serials[0])).toBe(true);
      await writer.query('commit');
      await drain();
      const g = await genealogy(d.serials[0]);
      expect(await traced(d.serials[0])).toBe(true);
      // The trace has the writer's row.
      const [row] = await q()<{ n: number }>('select json_array_length(meas) as n from factory_unit_traces where unit_id = $1', [id]);
      const [tables] = await q()<{ n: string }>('select count(*) as n from factory_measurements where unit_id = $1', [id]);
      expect(row.n).toBe(Number(tables.n));
      expect(g.unit.serial).toBe(d.serials[0]);
    } finally {
      await writer.end();
    }
  });
});
