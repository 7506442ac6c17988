import { Genealogy } from '@gearbridge/contracts/factory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { rawQueryOf } from '../../../platform/db';
import { localDay } from '../../../platform/time';
import { recordUnitEvent } from './unit-events';
import { crewsAt } from './crews.service';
import { factoryDb } from '../db';

let t: TestApp;
let manager: Client;
let operator: Client;
let quality: Client;
let parkOfficer: Client;

type Device = { id: string; code: string; cellCode: string | null };
const device = async (code: string) => {
  const r = (await manager.get(`/api/factory/devices?q=${code}&pageSize=5`)).json() as { items: Device[] };
  return r.items.find((d) => d.code === code)!;
};
const lineId = async (code: string) => ((await manager.get('/api/factory/lines')).json() as { id: string; code: string }[]).find((l) => l.code === code)!.id;
const report = (c: Client, body: object) => c.post('/api/factory/stations/events', body);

beforeAll(async () => {
  t = await startTestApp();
  [manager, operator, quality, parkOfficer] = await Promise.all([t.login('gear.manager'), t.login('gear.operator'), t.login('gear.quality'), t.login('park.officer')]);
});
afterAll(async () => {
  await t?.close();
});

describe('products and work orders', () => {
  it('lists the demo plant’s seven housings with their routing OP10–OP80, characteristics and bills of material', async () => {
    const products = (await operator.get('/api/factory/products')).json() as {
      partNo: string;
      gtin: string;
      lineCode: string;
      ops: { op: string; idealCycleS: number; characteristics: { code: string; lsl: number | null; usl: number | null }[]; components: { code: string; qty: number }[] }[];
    }[];
    expect(products).toHaveLength(7);
    const a = products.find((p) => p.partNo === 'QJ-HSG-A01')!;
    expect(a).toMatchObject({ gtin: '06975432100014', lineCode: 'L1' });
    expect(a.ops.map((o) => o.op)).toEqual(['OP10', 'OP20', 'OP30', 'OP40', 'OP50', 'OP60', 'OP70', 'OP80']);
    expect(a.ops[0]).toMatchObject({ idealCycleS: 840, components: [{ code: 'CASTING', qty: 1 }] });
    expect(a.ops[1].characteristics.map((c) => c.code)).toEqual(['BORE_D1', 'BORE_D2']);
    // A one-sided characteristic has only its upper limit.
    expect(a.ops[0].characteristics[0]).toMatchObject({ code: 'FLAT_JOINT', lsl: null, usl: 0.05 });
    // Another organisation sees none; without a session, 401.
    expect((await (await t.login('ck.admin')).get('/api/factory/products')).json()).toEqual([]);
    expect((await t.anonymous().get('/api/factory/products')).statusCode).toBe(401);
  });

  it('creates, releases, completes and closes a work order — one released per line, each step audited', async () => {
    const list = (await manager.get('/api/factory/work-orders?pageSize=50')).json() as { items: { number: string; status: string; lineCode: string }[]; total: number };
    // One released on each line (L7's is the trade demo's order, released for it).
    expect(
      list.items
        .filter((w) => w.status === 'released')
        .map((w) => w.lineCode)
        .sort(),
    ).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7']);
    // The plant's seven planned orders, and the trade demo's order line sent to production (its work order planned).
    expect(list.items.filter((w) => w.status === 'planned')).toHaveLength(8);

    const products = (await manager.get('/api/factory/products')).json() as { id: string; partNo: string }[];
    const productId = products.find((p) => p.partNo === 'QJ-HSG-A01')!.id;
    const l1 = await lineId('L1');
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    // The operator may not plan; bad input is a 400 that names the field; nothing is written.
    expect((await operator.post('/api/factory/work-orders', { productId, lineId: l1, qty: 10, dueDate: due })).statusCode).toBe(403);
    const bad = await manager.post('/api/factory/work-orders', { productId, lineId: l1, qty: 0, dueDate: '2020-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toContain('qty');
    // A number says what it allows, and allows what it says: 30 characters, not 31.
    const long = await manager.post('/api/factory/work-orders', { number: 'W'.repeat(31), productId, lineId: l1, qty: 10, dueDate: due });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fieldMessages.number).toEqual({ key: 'factory.validation.number_format' });
    expect(long.json().error.fields.number).toBe('1–30 letters, digits, - or _');
    const past = await manager.post('/api/factory/work-orders', { productId, lineId: l1, qty: 10, dueDate: '2020-01-01' });
    expect(past.json().error.key).toBe('factory.work_order.due_in_past');

    const created = await manager.post('/api/factory/work-orders', { productId, lineId: l1, qty: 10, dueDate: due, note: '试制' });
    expect(created.statusCode, created.body).toBe(201);
    const wo = created.json() as { id: string; number: string; status: string };
    expect(wo.number).toMatch(/^WO-\d{6}-\d{3}$/);
    expect(wo.status).toBe('planned');
    const again = await manager.post('/api/factory/work-orders', { number: wo.number, productId, lineId: l1, qty: 10, dueDate: due });
    expect(again.statusCode).toBe(409);

    // L1 already runs the demo's order: releasing a second is refused, naming it.
    const busy = await manager.post(`/api/factory/work-orders/${wo.id}/actions`, { action: 'release' });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.key).toBe('factory.work_order.line_busy');
    const running = list.items.find((w) => w.status === 'released' && w.lineCode === 'L1')!;
    expect(busy.json().error.params.number).toBe(running.number);

    // Closing needs completing first.
    expect((await manager.post(`/api/factory/work-orders/${wo.id}/actions`, { action: 'close' })).json().error.key).toBe('factory.work_order.cannot_close');
    const cancelled = await manager.post(`/api/factory/work-orders/${wo.id}/actions`, { action: 'cancel' });
    expect(cancelled.json().status).toBe('cancelled');
    expect(await t.auditCount({ action: 'factory.work_order.create', entityId: wo.id })).toBe(1);
    expect(await t.auditCount({ action: 'factory.work_order.cancel', entityId: wo.id })).toBe(1);
  });
});

describe('recording units at a station, genealogy, recall and hold', () => {
  it('gives birth at OP10, refuses a second completion and an unborn serial, and shows the whole history', async () => {
    const op10 = await device('L2-CNC01');
    const op20 = await device('L2-CNC04');
    expect([op10.cellCode, op20.cellCode]).toEqual(['OP10', 'OP20']);
    const serial = 'T-L2-0001';
    const start = await report(operator, { deviceId: op10.id, serial, event: 'start' });
    expect(start.statusCode, start.body).toBe(200);
    expect(start.json()).toMatchObject({ op: 'OP10', created: true, unit: { serial, status: 'wip', lineCode: 'L2', partNo: 'QJ-HSG-B02' } });
    expect(start.json().unit.workOrderNumber).toMatch(/^WO-/);
    const done = await report(operator, { deviceId: op10.id, serial, event: 'complete', result: 'OK', measurements: { FLAT_JOINT: 0.021 }, lots: { CASTING: 'CST-TEST-01' } });
    expect(done.statusCode, done.body).toBe(200);
    // The same completion again: 409, and still one row.
    const twice = await report(operator, { deviceId: op10.id, serial, event: 'complete', result: 'OK' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.key).toBe('factory.unit.unit_op_repeated');
    const rows = await t.platform.handle.db
      .selectFrom('factory_unit_ops as x')
      .innerJoin('factory_units as u', 'u.id', 'x.unit_id')
      .select('x.op')
      .where('u.serial', '=', serial)
      .execute();
    expect(rows).toEqual([{ op: 'OP10' }]);
    // A serial never started at OP10 cannot appear at OP20; nothing is born.
    const unborn = await report(operator, { deviceId: op20.id, serial: 'T-L2-9999', event: 'complete', result: 'OK' });
    expect(unborn.statusCode).toBe(409);
    expect(unborn.json().error.key).toBe('factory.unit.unit_not_born');
    expect((await manager.get('/api/factory/units?q=T-L2-9999')).json().total).toBe(0);
    // Bad reports: NOK without a defect, a characteristic not measured here, a component not bound here, an unknown defect.
    expect((await report(operator, { deviceId: op20.id, serial, event: 'complete', result: 'NOK' })).statusCode).toBe(400);
    expect((await report(operator, { deviceId: op20.id, serial, event: 'complete', result: 'OK', measurements: { LEAK_RATE: 1 } })).json().error.key).toBe(
      'factory.unit.unit_characteristic_unknown',
    );
    expect((await report(operator, { deviceId: op20.id, serial, event: 'complete', result: 'OK', lots: { PLUG: 'P-1' } })).json().error.key).toBe(
      'factory.unit.unit_component_unknown',
    );
    expect((await report(operator, { deviceId: op20.id, serial, event: 'complete', result: 'NOK', defectCode: 'X99' })).json().error.key).toBe('factory.unit.defect_unknown');
    // OP20 with its two bores, one out of tolerance.
    const op20done = await report(operator, { deviceId: op20.id, serial, event: 'complete', result: 'OK', measurements: { BORE_D1: 62.012, BORE_D2: 80.041 } });
    expect(op20done.statusCode, op20done.body).toBe(200);

    const g = (await quality.get(`/api/factory/units/genealogy?code=${serial}`)).json() as {
      unit: { serial: string; lastOp: string };
      ops: {
        op: string;
        reached: boolean;
        deviceCode: string | null;
        operatorName: string | null;
        source: string | null;
        measurements: { code: string; value: number; inSpec: boolean }[];
        components: { componentCode: string; lotNo: string; qty: number }[];
      }[];
    };
    expect(g.unit).toMatchObject({ serial, lastOp: 'OP20' });
    expect(g.ops.map((o) => o.reached)).toEqual([true, true, false, false, false, false, false, false]);
    expect(g.ops[0]).toMatchObject({ deviceCode: 'L2-CNC01', source: 'manual', operatorName: expect.any(String) });
    expect(g.ops[0].measurements).toEqual([expect.objectContaining({ code: 'FLAT_JOINT', value: 0.021, inSpec: true })]);
    expect(g.ops[0].components).toEqual([expect.objectContaining({ componentCode: 'CASTING', lotNo: 'CST-TEST-01', qty: 1 })]);
    expect(g.ops[1].measurements.map((v) => [v.code, v.inSpec])).toEqual([
      ['BORE_D1', true],
      ['BORE_D2', false],
    ]);
    expect(await t.auditCount({ action: 'factory.unit.complete' })).toBeGreaterThanOrEqual(2);

    // The same unit by its laser-marked product serial: bare, or as the GS1 element string its DataMatrix holds.
    await t.platform.handle.db.updateTable('factory_units').set({ product_serial: 'PS-T-L2-0001' }).where('serial', '=', serial).execute();
    for (const code of ['PS-T-L2-0001', '(01)06970000000017(21)PS-T-L2-0001', ` ${serial} `]) {
      const byCode = await quality.get(`/api/factory/units/genealogy?code=${encodeURIComponent(code)}`);
      expect(byCode.statusCode, code).toBe(200);
      expect(byCode.json().unit).toMatchObject({ serial, productSerial: 'PS-T-L2-0001' });
    }
    const none = await quality.get('/api/factory/units/genealogy?code=(01)06970000000017(21)NO-SUCH');
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toMatchObject({ key: 'factory.unit.not_found', params: { code: 'NO-SUCH' } });
  });

  it('refuses people outside the plant: a park officer may read but not record, another organisation sees no unit', async () => {
    const op10 = await device('L3-CNC01');
    expect((await report(parkOfficer, { deviceId: op10.id, serial: 'T-L3-0001', event: 'start' })).statusCode).toBe(403);
    const ck = await t.login('ck.admin');
    expect((await report(ck, { deviceId: op10.id, serial: 'T-L3-0001', event: 'start' })).statusCode).toBe(403);
    expect((await report(operator, { deviceId: op10.id, serial: 'T-L3-0001', event: 'start' })).statusCode).toBe(200);
    expect((await ck.get('/api/factory/units/genealogy?code=T-L3-0001')).statusCode).toBe(404);
    expect((await ck.get('/api/factory/units?q=T-L3-0001')).json().total).toBe(0);
    expect((await t.anonymous().get('/api/factory/units/genealogy?code=T-L3-0001')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/factory/stations/events', {})).statusCode).toBe(401);
  });

  it('recalls exactly the units built from a lot, exports them, and holds them all at once', async () => {
    // Hand-built: five units on L4, three with casting lot A and two with lot B.
    const op10 = await device('L4-CNC02');
    const lots = ['CST-RECALL-A', 'CST-RECALL-A', 'CST-RECALL-B', 'CST-RECALL-A', 'CST-RECALL-B'];
    for (const [i, lot] of lots.entries()) {
      const r = await report(operator, { deviceId: op10.id, serial: `T-L4-${i}`, event: 'complete', result: 'OK', lots: { CASTING: lot } });
      expect(r.statusCode, r.body).toBe(200);
    }
    const rc = await quality.get('/api/factory/recall?componentCode=CASTING&lotNo=CST-RECALL-A');
    expect(rc.statusCode, rc.body).toBe(200);
    const body = rc.json() as { total: number; items: { serial: string; where: string }[]; byStatus: Record<string, number>; source: { kind: string } };
    expect(body.items.map((u) => u.serial).sort()).toEqual(['T-L4-0', 'T-L4-1', 'T-L4-3']);
    expect(body).toMatchObject({ total: 3, byStatus: { wip: 3 }, source: { kind: 'lot' } });
    expect(body.items.every((u) => u.where === 'line')).toBe(true);
    // A query with nothing to start from is a 400; an unknown lot a 404.
    expect((await quality.get('/api/factory/recall')).statusCode).toBe(400);
    expect((await quality.get('/api/factory/recall?componentCode=CASTING&lotNo=NOPE')).statusCode).toBe(404);

    const x = await quality.get('/api/factory/recall/export?componentCode=CASTING&lotNo=CST-RECALL-A&lang=zh');
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('过程序列号');
    expect(sheet.rowCount).toBe(4);

    // The operator may not hold; quality may — all three at once, each audited; a second hold changes nothing.
    const query = { componentCode: 'CASTING', lotNo: 'CST-RECALL-A' };
    expect((await operator.post('/api/factory/recall/hold', { query, hold: true, reason: '铸件气孔批次' })).statusCode).toBe(403);
    const held = await quality.post('/api/factory/recall/hold', { query, hold: true, reason: '铸件气孔批次' });
    expect(held.json()).toEqual({ changed: 3 });
    expect((await quality.post('/api/factory/recall/hold', { query, hold: true, reason: '铸件气孔批次' })).json()).toEqual({ changed: 0 });
    expect((await quality.get('/api/factory/units?held=true&q=T-L4-')).json().total).toBe(3);
    const one = (await quality.get('/api/factory/units/lookup?code=T-L4-0')).json() as { id: number; held: boolean; holdReason: string };
    expect(one).toMatchObject({ held: true, holdReason: '铸件气孔批次' });
    expect((await quality.post(`/api/factory/units/${one.id}/release`, { reason: '复检合格' })).json()).toEqual({ changed: 1 });
    expect((await quality.post(`/api/factory/units/${one.id}/release`, { reason: '复检合格' })).statusCode).toBe(409);
    expect(await t.auditCount({ action: 'factory.unit.hold' })).toBe(3);
    expect(await t.auditCount({ action: 'factory.unit.release' })).toBe(1);

    // By device and window: the five units processed on L4-CNC02 in the last hour.
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const byDevice = (await quality.get(`/api/factory/recall?deviceId=${op10.id}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).json();
    expect(byDevice.total).toBe(5);
    expect((await quality.get(`/api/factory/recall?deviceId=${op10.id}&from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`)).statusCode).toBe(400);
  });
});

describe('operators on shifts', () => {
  it('sets a shift’s crew (planners only, people of the plant only, audited) and names it on the units its stations reported', async () => {
    const l3 = await lineId('L3');
    const day = localDay();
    // The default calendar: A 08–16, B 16–24, C 00–08 China time.
    const hour = (new Date().getUTCHours() + 8) % 24;
    const shiftCode = hour >= 8 && hour < 16 ? 'A' : hour >= 16 ? 'B' : 'C';
    const crew = (await manager.get(`/api/factory/crews?lineId=${l3}&day=${day}`)).json();
    expect(crew.shifts.map((s: { code: string }) => s.code)).toEqual(['A', 'B', 'C']);
    const opId = await t.userId('gear.operator');
    const body = { lineId: l3, day, shiftCode, userIds: [opId] };
    expect((await operator.request('PUT', '/api/factory/crews', body)).statusCode).toBe(403);
    expect((await manager.request('PUT', '/api/factory/crews', { ...body, userIds: [await t.userId('ck.caseworker')] })).statusCode).toBe(400);
    expect((await manager.request('PUT', '/api/factory/crews', { ...body, shiftCode: 'Z' })).json().error.key).toBe('factory.crew.unknown_shift');
    const set = await manager.request('PUT', '/api/factory/crews', body);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().shifts.find((s: { code: string }) => s.code === shiftCode).members).toEqual([{ userId: opId, name: expect.any(String) }]);
    expect(await t.auditCount({ action: 'factory.crew.set', entityId: l3 })).toBe(1);

    // A station of L3 reports a unit (a device: no person in the report) — the crew is named on it.
    const db = t.platform.handle.db;
    const dev = await db.selectFrom('factory_devices').select('num').where('code', '=', 'L3-CNC02').executeTakeFirstOrThrow();
    const r = await db.transaction().execute((trx) =>
      recordUnitEvent(rawQueryOf(trx), {
        device: dev.num,
        ts: Date.now() - 1000,
        event: 'complete',
        serial: 'T-L3-CREW',
        result: 'OK',
        defect: null,
        productId: null,
        measurements: {},
        lots: {},
        source: 'device',
        operatorId: null,
      }),
    );
    expect(r.ok).toBe(true);
    const g = (await manager.get('/api/factory/units/genealogy?code=T-L3-CREW')).json();
    expect(Genealogy.parse(g)).toEqual(g);
    const name = set.json().shifts.find((s: { code: string }) => s.code === shiftCode).members[0].name;
    expect(g.ops[0]).toMatchObject({ source: 'device', operatorName: name });
  });
});

describe('crews carry forward', () => {
  const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const at = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00+08:00`);
  type ShiftCrew = { code: string; members: { userId: string; name: string }[]; fromDay: string | null; carriedForward: boolean };
  const crewOf = async (line: string, day: string) => (await manager.get(`/api/factory/crews?lineId=${line}&day=${day}`)).json().shifts as ShiftCrew[];
  const deviceUnit = async (serial: string, ts: number) => {
    const db = t.platform.handle.db;
    const dev = await db.selectFrom('factory_devices').select('num').where('code', '=', 'L4-CNC02').executeTakeFirstOrThrow();
    const r = await db.transaction().execute((trx) =>
      recordUnitEvent(rawQueryOf(trx), {
        device: dev.num,
        ts,
        event: 'complete',
        serial,
        result: 'OK',
        defect: null,
        productId: null,
        measurements: {},
        lots: {},
        source: 'device',
        operatorId: null,
      }),
    );
    expect(r.ok).toBe(true);
    return (await manager.get(`/api/factory/units/genealogy?code=${serial}`)).json().ops[0] as { source: string; operatorName: string | null };
  };

  it('seeds a crew of the plant’s operators on every line and shift, carried forward to today', async () => {
    const today = localDay();
    const lines = (await manager.get('/api/factory/lines')).json() as { id: string; code: string }[];
    expect(lines).toHaveLength(7);
    const names = new Set<string>();
    for (const l of lines) {
      const shifts = await crewOf(l.id, today);
      expect(shifts.map((s) => s.code)).toEqual(['A', 'B', 'C']);
      for (const s of shifts) {
        if (l.code === 'L3') continue; // another test sets L3's crew today
        expect(s).toMatchObject({ fromDay: addDays(today, -30), carriedForward: true });
        expect(s.members).toHaveLength(1);
        names.add(s.members[0].name);
      }
    }
    // Different people on different crews, every one of the plant's organisation (setCrew's rule); L1's early shift
    // is the demo operator's.
    expect(names.size).toBe(18);
    expect((await crewOf(lines.find((l) => l.code === 'L1')!.id, today))[0].members[0].userId).toBe(await t.userId('gear.operator'));
  });

  it('lists the people a planner may put on a line’s shifts: the plant’s own, to planners of the plant only', async () => {
    const l2 = await lineId('L2');
    const people = await manager.get(`/api/factory/crews/people?lineId=${l2}`);
    expect(people.statusCode, people.body).toBe(200);
    const list = people.json() as { userId: string; name: string }[];
    expect(list.map((p) => p.userId)).toEqual(expect.arrayContaining([await t.userId('gear.operator'), await t.userId('gear.op01')]));
    expect(list.map((p) => p.userId)).not.toContain(await t.userId('ck.caseworker'));
    // Names and ids only: no phone, masked or not.
    expect(Object.keys(list[0]).sort()).toEqual(['name', 'userId']);
    expect((await operator.get(`/api/factory/crews/people?lineId=${l2}`)).statusCode).toBe(403);
    expect((await parkOfficer.get(`/api/factory/crews/people?lineId=${l2}`)).statusCode).toBe(403);
    expect((await (await t.login('ck.admin')).get(`/api/factory/crews/people?lineId=${l2}`)).statusCode).toBe(403);
    expect((await t.anonymous().get(`/api/factory/crews/people?lineId=${l2}`)).statusCode).toBe(401);
    const bad = await manager.get('/api/factory/crews/people?lineId=L2');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['lineId']);
  });

  it('carries a shift’s crew to the later days, names it on units, and an empty crew set for a day stops it', async () => {
    const l4 = await lineId('L4');
    const today = localDay();
    const [d3, d2, d1] = [addDays(today, -3), addDays(today, -2), addDays(today, -1)];
    const [op3, op4] = await Promise.all([t.userId('gear.op03'), t.userId('gear.op04')]);
    for (const [shiftCode, userIds, day] of [
      ['A', [op3], d3],
      ['B', [op4], d3],
      ['A', [], d2],
    ] as const) {
      const r = await manager.request('PUT', '/api/factory/crews', { lineId: l4, day, shiftCode, userIds });
      expect(r.statusCode, r.body).toBe(200);
    }
    // The day it was set: its own crew; the days after: carried forward, saying from when.
    const on3 = await crewOf(l4, d3);
    expect(on3[0]).toMatchObject({ code: 'A', fromDay: d3, carriedForward: false, members: [{ userId: op3 }] });
    const on1 = await crewOf(l4, d1);
    expect(on1[1]).toMatchObject({ code: 'B', fromDay: d3, carriedForward: true, members: [{ userId: op4 }] });
    // Shift A was set to nobody on d2: d2 has nobody (not carried from d3), and so have the days after it.
    expect((await crewOf(l4, d2))[0]).toMatchObject({ code: 'A', fromDay: d2, carriedForward: false, members: [] });
    expect(on1[0]).toMatchObject({ code: 'A', fromDay: d2, carriedForward: true, members: [] });
    // Shift C was not touched: the seed's crew, still carried forward.
    expect(on1[2]).toMatchObject({ code: 'C', fromDay: addDays(today, -30), carriedForward: true });

    // Genealogy: a station's unit (no person in the report) names the crew in force when it was made.
    const name4 = on1[1].members[0].name;
    expect(await deviceUnit('T-L4-CF-B', at(d1, '17:30'))).toMatchObject({ source: 'device', operatorName: name4 });
    expect(await deviceUnit('T-L4-CF-A3', at(d3, '09:30'))).toMatchObject({ operatorName: on3[0].members[0].name });
    expect(await deviceUnit('T-L4-CF-A1', at(d1, '09:30'))).toMatchObject({ operatorName: null });
    // crewsAt (the same rule, for a list of instants): B of d1 carried from d3, A of d1 nobody, C of d1 (00:00–08:00)
    // the seed's.
    const orgId = await t.orgId('綦江齿轮传动有限公司');
    const seededC = on1[2].members.map((x) => x.name);
    expect(await crewsAt(factoryDb(t.platform.handle.db), orgId, l4, [new Date(at(d1, '17:30')), new Date(at(d1, '09:30')), new Date(at(d1, '03:00'))])).toEqual([
      [name4],
      [],
      seededC,
    ]);
  });
});
