/**
 * The trace benchmark's generator against the schema: 1,000 units' rows (the same text COPY lines the benchmark
 * loads) inserted into the demo's database with every key, check and foreign key in force (PGlite, or PostgreSQL
 * with DATABASE_URL), then read back through the API — a unit's genealogy and the recall lot.
 */
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../server/src/test/harness';
import {
  COMPONENT_COLUMNS,
  componentRows,
  LOT_COLUMNS,
  lotLayout,
  lotRows,
  MEASUREMENT_COLUMNS,
  measurementRows,
  OP_COLUMNS,
  opRows,
  type Plan,
  type PlantModel,
  recallFrom,
  serialOf,
  UNIT_COLUMNS,
  unitRows,
} from './generate';
import { loadModel } from './model';

let t: TestApp;
const DAY = 86_400_000;
const plan: Plan = { units: 1000, start: Date.now() - (Date.now() % DAY) - 365 * DAY, spanMs: 365 * DAY - 6 * 3_600_000, recallUnits: 250 };
let model: PlantModel;

const raw = <R>(text: string, params: unknown[] = []) => t.platform.handle.db.executeQuery<R>(CompiledQuery.raw(text, params));

/** Text COPY lines → a multi-row insert (\N is null; the generator escapes nothing else the rows hold). */
async function insert(table: string, columns: string, chunks: Iterable<string>, identity = false) {
  const rows = [...chunks]
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t').map((v) => (v === '\\N' ? null : v)));
  const width = columns.split(',').length;
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    for (const r of part) expect(r).toHaveLength(width);
    const values = part.map((_, k) => `(${Array.from({ length: width }, (_, c) => `$${k * width + c + 1}`).join(', ')})`).join(', ');
    await raw(`insert into ${table} (${columns}) ${identity ? 'overriding system value' : ''} values ${values}`, part.flat());
  }
  return rows.length;
}

beforeAll(async () => {
  t = await startTestApp();
  model = await loadModel((text, params) => raw(text, params));
});
afterAll(async () => {
  await t?.close();
});

describe('the trace benchmark’s generator', () => {
  it('makes rows the schema accepts — 8 operations, 9 measurements and 3 lots a unit — that genealogy and recall read back', async () => {
    expect(model.lines.map((l) => l.code)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7']);
    expect(await insert('factory_component_lots', LOT_COLUMNS, lotRows(model, plan), true)).toBe(lotLayout(plan).total);
    expect(await insert('factory_units', UNIT_COLUMNS, unitRows(model, plan, 0, plan.units), true)).toBe(1000);
    const ops = { n: 0 };
    const meas = { n: 0 };
    expect(await insert('factory_unit_ops', OP_COLUMNS, opRows(model, plan, 0, plan.units, ops))).toBe(8000);
    expect(await insert('factory_measurements', MEASUREMENT_COLUMNS, measurementRows(model, plan, 0, plan.units, meas))).toBe(9000);
    expect(await insert('factory_unit_components', COMPONENT_COLUMNS, componentRows(model, plan, 0, plan.units))).toBe(3000);
    expect([ops.n, meas.n]).toEqual([8000, 9000]);

    const manager = await t.login('gear.manager');
    const i = 123;
    const g = (await manager.get(`/api/factory/units/genealogy?code=${serialOf(model.lines[i % 7].code, i)}`)).json() as {
      unit: { status: string; lineCode: string; gs1: string };
      ops: { reached: boolean; deviceCode: string | null; measurements: { inSpec: boolean }[]; components: { componentCode: string }[] }[];
    };
    expect(g.unit).toMatchObject({ status: 'done', lineCode: model.lines[i % 7].code });
    expect(g.unit.gs1).toMatch(/^\(01\)\d{14}\(21\)P\d{10}\(11\)\d{6}$/);
    expect(g.ops.map((o) => o.reached)).toEqual(Array(8).fill(true));
    expect(g.ops.every((o) => o.deviceCode !== null)).toBe(true);
    expect(g.ops.flatMap((o) => o.measurements)).toHaveLength(9);
    expect(g.ops.flatMap((o) => o.components.map((c) => c.componentCode))).toEqual(['CASTING', 'DOWEL', 'PLUG']);

    const rc = (await manager.get(`/api/factory/recall?lotId=${lotLayout(plan).recallLot}&pageSize=10`)).json() as { total: number; items: { id: number }[] };
    expect(rc.total).toBe(250);
    expect(rc.items[0].id).toBe(recallFrom(plan) + 1);
  });
});
