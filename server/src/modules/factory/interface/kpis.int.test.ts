import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness';
import { rawQueryOf } from '../../../platform/db';
import { localDay } from '../../../platform/time';
import { recordUnitEvent } from '../production/unit-events';

// The factory's public interface, as another module reaches it: through its own context's `interfaces`.
let t: TestApp;
const ROUTE = ['OP10', 'OP20', 'OP30', 'OP40', 'OP50', 'OP60', 'OP70', 'OP80'];
const MIN = 60_000;
const yesterday = localDay(Date.now() - 86_400_000);
/** Yesterday's shift A: 08:00–16:00 China time = 00:00–08:00 UTC. */
const A = Date.parse(`${yesterday}T00:00:00Z`);
/** A minute after it ended: the last shift that ended is that A, and "today" is yesterday. */
const NOW = A + 8 * 60 * MIN + MIN;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const factory = () => {
  const f = t.platform.contextOf('park').interfaces.factory;
  if (!f) throw new Error('the factory module offers no interface');
  return f;
};
describe('factory interface: plantKpis', () => {
  it('is what another module reads: the units of a shift counted once each, as the shift report counts them', async () => {
    const db = t.platform.handle.db;
    const plant = await db.selectFrom('factory_lines').select('org_id').where('code', '=', 'L6').executeTakeFirstOrThrow();
    const before = (await factory().plantKpis(plant.org_id, NOW))!;
    expect(before).toMatchObject({ orgId: plant.org_id, day: yesterday, lastShift: expect.objectContaining({ code: 'A', day: yesterday, start: new Date(A).toISOString() }) });
    const lineCount = Number(
      (
        await db
          .selectFrom('factory_lines')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('org_id', '=', plant.org_id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(before.lines).toBe(lineCount);

    // Three units through every operation of line 6 in that shift, one NOK at OP20, one still under way.
    const stations = await db
      .selectFrom('factory_devices as d')
      .innerJoin('factory_lines as l', 'l.id', 'd.line_id')
      .innerJoin('factory_cells as c', 'c.id', 'd.cell_id')
      .select(['d.num', 'c.code'])
      .where('l.code', '=', 'L6')
      .where('d.kind', 'not in', ['robot', 'agv'])
      .execute();
    const report = async (serial: string, op: string, ts: number, result: 'OK' | 'NOK') => {
      const r = await db.transaction().execute((trx) =>
        recordUnitEvent(rawQueryOf(trx), {
          device: stations.find((s) => s.code === op)!.num,
          ts,
          event: 'complete',
          serial,
          result,
          defect: result === 'NOK' ? 'D02' : null,
          productId: null,
          measurements: {},
          lots: {},
          source: 'device',
          operatorId: null,
        }),
      );
      expect(r.ok, JSON.stringify(r)).toBe(true);
    };
    for (const [u, serial] of ['KPI-U1', 'KPI-U2', 'KPI-U3'].entries()) for (const [i, op] of ROUTE.entries()) await report(serial, op, A + 10 * MIN + u * MIN + i * 6 * MIN, 'OK');
    await report('KPI-U4', 'OP10', A + 20 * MIN, 'OK');
    await report('KPI-U4', 'OP20', A + 30 * MIN, 'NOK');
    await report('KPI-U5', 'OP10', A + 100 * MIN, 'OK');

    const after = (await factory().plantKpis(plant.org_id, NOW))!;
    expect(after.good - before.good).toBe(3);
    expect(after.nok - before.nok).toBe(1);
    expect(after.firstPassYield).toBeCloseTo(after.good / (after.good + after.nok), 12);
    expect(after.lastShift!.good - before.lastShift!.good).toBe(3);
    expect(after.lastShift!.goodPerLine).toBeCloseTo(after.lastShift!.good / lineCount, 12);
    // The same shift as the shift report has it, summed over the plant's lines.
    const manager = await t.login('gear.manager');
    const lines = (await manager.get('/api/factory/lines')).json() as { id: string }[];
    let reported = 0;
    for (const l of lines) {
      const res = await manager.get(`/api/factory/shift-report?lineId=${l.id}&day=${yesterday}&shift=A`);
      expect(res.statusCode, res.body).toBe(200);
      reported += res.json().output.good;
    }
    expect(after.lastShift!.good).toBe(reported);
    // Each line's target of the demo is 75 a shift (the article's 70–80).
    expect(after.lastShift!.targetPerLine).toBe(75);
    expect(after.oee === null || (after.oee >= 0 && Number.isFinite(after.oee))).toBe(true);
  });

  it('is null for an organisation that runs no line', async () => {
    const hospital = await t.platform.handle.db
      .selectFrom('organisations')
      .select('id')
      .where('id', 'not in', (eb) => eb.selectFrom('factory_lines').select('org_id'))
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(await factory().plantKpis(hospital.id)).toBeNull();
  });
});
