import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { rawQueryOf } from '../../../platform/db';
import { localDay } from '../../../platform/time';
import { recordUnitEvent } from './unit-events';
import { pdfFonts, readPdf } from '../../../test/pdf';

let t: TestApp;
let manager: Client;

const ROUTE = ['OP10', 'OP20', 'OP30', 'OP40', 'OP50', 'OP60', 'OP70', 'OP80'];
const yesterday = localDay(Date.now() - 86_400_000);
/** Yesterday's early shift A (08:00–16:00 China time = 00:00–08:00 UTC). */
const A = Date.parse(`${yesterday}T00:00:00Z`);
const MIN = 60_000;

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.login('gear.manager');
  // A hand-built shift on line 6: one station per operation.
  const db = t.platform.handle.db;
  const stations = await db
    .selectFrom('factory_devices as d')
    .innerJoin('factory_lines as l', 'l.id', 'd.line_id')
    .innerJoin('factory_cells as c', 'c.id', 'd.cell_id')
    .select(['d.num', 'c.code', 'd.kind'])
    .where('l.code', '=', 'L6')
    .where('d.kind', 'not in', ['robot', 'agv'])
    .execute();
  const at = (op: string) => stations.find((s) => s.code === op)!.num;
  const report = async (serial: string, op: string, ts: number, result: 'OK' | 'NOK', defect: string | null = null) => {
    // In a transaction, as the ingest's batch and the station's request run it.
    const r = await db.transaction().execute((trx) =>
      recordUnitEvent(rawQueryOf(trx), {
        device: at(op),
        ts,
        event: 'complete',
        serial,
        result,
        defect,
        productId: null,
        measurements: {},
        lots: {},
        source: 'device',
        operatorId: null,
      }),
    );
    expect(r.ok, JSON.stringify(r)).toBe(true);
  };
  // U1–U3 pass every operation, finishing between 09:00 and 10:00; U4 fails OP20 (D02); U5 is still at OP30.
  for (const [u, serial] of ['SR-U1', 'SR-U2', 'SR-U3'].entries()) {
    for (const [i, op] of ROUTE.entries()) await report(serial, op, A + 10 * MIN + u * MIN + i * 6 * MIN, 'OK');
  }
  await report('SR-U4', 'OP10', A + 20 * MIN, 'OK');
  await report('SR-U4', 'OP20', A + 30 * MIN, 'NOK', 'D02');
  for (const op of ['OP10', 'OP20', 'OP30']) await report('SR-U5', op, A + 100 * MIN + ROUTE.indexOf(op) * MIN, 'OK');
  // A unit finished in the shift before (night shift C of yesterday) is not this shift's output.
  for (const [i, op] of ROUTE.entries()) await report('SR-U0', op, A - 120 * MIN + i * MIN, 'OK');

  // Nonconformance records around the shift, raised through the API and dated by hand (created, closed, cancelled).
  const quality = await t.login('gear.quality');
  const lines = (await manager.get('/api/factory/lines')).json() as { id: string; code: string }[];
  const lineOf = (code: string) => lines.find((l) => l.code === code)!.id;
  const u4 = await db.selectFrom('factory_units').select('id').where('serial', '=', 'SR-U4').executeTakeFirstOrThrow();
  const ncr = async (description: string, body: object, created: number, ended?: { cancelled: number }) => {
    const res = await quality.post('/api/factory/ncrs', { source: 'manual', description, ...body });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    await db
      .updateTable('factory_ncrs')
      .set({ created_at: new Date(created) })
      .where('id', '=', id)
      .execute();
    if (ended) {
      await db
        .updateTable('factory_ncrs')
        .set({ status: 'cancelled', cancel_reason: '测试', cancelled_at: new Date(ended.cancelled) })
        .where('id', '=', id)
        .execute();
    }
  };
  await ncr('SR-NCR 班前开立、仍未处置', { lineId: lineOf('L6'), quantity: 2 }, A - 120 * MIN);
  await ncr('SR-NCR 本班开立', { lineId: lineOf('L6'), quantity: 1 }, A + 60 * MIN);
  await ncr('SR-NCR 班前已取消', { lineId: lineOf('L6'), quantity: 1 }, A - 180 * MIN, { cancelled: A - 60 * MIN });
  await ncr('SR-NCR 下一班开立', { lineId: lineOf('L6'), quantity: 1 }, A + 9 * 60 * MIN);
  await ncr('SR-NCR 另一条线', { lineId: lineOf('L5'), quantity: 1 }, A + 60 * MIN);
  await ncr('SR-NCR 不指明产线、扣住 L6 的 SR-U4，本班内取消', { unitIds: [Number(u4.id)] }, A + 120 * MIN, { cancelled: A + 180 * MIN });
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/factory/shift-report', () => {
  it('gives the hand-computed output, yields, ppm, defects and hours of a shift', async () => {
    const l6 = ((await manager.get('/api/factory/lines')).json() as { id: string; code: string }[]).find((l) => l.code === 'L6')!;
    const res = await manager.get(`/api/factory/shift-report?lineId=${l6.id}&day=${yesterday}&shift=A`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.shift).toMatchObject({ code: 'A', inProgress: false, start: new Date(A).toISOString() });
    expect(r.shifts.map((s: { code: string }) => s.code)).toEqual(['A', 'B', 'C']);
    expect(r.target).toBe(75);
    expect(r.targetSoFar).toBe(75);
    // good 3 (U1–U3), NOK 1 (U4); FPY 3/4; ppm 1/4 of a million; RTY: OP20 passed 4 of 5, every other operation all.
    expect(r.output).toEqual({ good: 3, nok: 1, firstPassYield: 0.75, rolledThroughputYield: 0.8, ppm: 250_000 });
    expect(r.defects).toEqual([{ code: 'D02', nameZh: '尺寸超差', nameEn: 'Dimension out of tolerance', count: 1 }]);
    // 8 hours listed; U1–U3 finish at 00:52–00:54 UTC (first hour); U4's NOK at 00:30.
    expect(r.hourly).toHaveLength(8);
    expect(r.hourly[0]).toEqual({ start: new Date(A).toISOString(), good: 3, nok: 1 });
    expect(r.hourly.slice(1).every((h: { good: number; nok: number }) => h.good === 0 && h.nok === 0)).toBe(true);
    expect(r.workOrders).toEqual([expect.objectContaining({ partNo: 'QJ-CVR-E01', good: 3 })]);
    expect(r.ppmTarget).toBe(100);
    expect(r.oee).not.toBeNull();
    // Who worked it: the crew the demo seeded a month back for line 6's shift A, carried forward to that day.
    const crew = (await manager.get(`/api/factory/crews?lineId=${l6.id}&day=${yesterday}`)).json().shifts[0];
    const monthBack = localDay(Date.now() - 30 * 86_400_000);
    expect(crew).toMatchObject({ code: 'A', fromDay: monthBack, carriedForward: true });
    expect(r.crew).toEqual({ members: [crew.members[0].name], fromDay: monthBack, carriedForward: true });
    // NCRs open at some time in the shift: the one raised before it and still open, the one raised in it, the one
    // naming no line but a unit of L6, raised and cancelled in it — not the one cancelled before the shift, the one
    // raised after it, nor line 5's. Two of the three raised in the shift; the newest first.
    expect(r.ncrs.open).toBe(3);
    expect(r.ncrs.raised).toBe(2);
    expect(r.ncrs.items.map((n: { description: string; status: string; raisedInShift: boolean }) => [n.description, n.status, n.raisedInShift])).toEqual([
      ['SR-NCR 不指明产线、扣住 L6 的 SR-U4，本班内取消', 'cancelled', true],
      ['SR-NCR 本班开立', 'open', true],
      ['SR-NCR 班前开立、仍未处置', 'open', false],
    ]);

    // The same as a workbook.
    const x = await manager.get(`/api/factory/shift-report/export?lineId=${l6.id}&day=${yesterday}&shift=A&lang=zh`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '逐时产出', '停机原因', '缺陷', '报警', '不合格品记录']);
    const summary = wb.worksheets[0];
    const value = (label: string) => summary.getColumn(1).values.indexOf(label);
    expect(summary.getRow(value('合格产出（件）')).getCell(2).value).toBe(3);
    expect(summary.getRow(value('一次合格率')).getCell(2).value).toBe(0.75);
    expect(summary.getRow(value('不合格品记录（本班未结）')).getCell(2).value).toBe(3);
    expect(summary.getRow(value('不合格品记录（本班新开）')).getCell(2).value).toBe(2);
    expect(wb.worksheets[5].getColumn(2).values.slice(2)).toEqual(['已取消', '待处置', '待处置']);
    expect(summary.getRow(value('班组人员')).getCell(2).value).toBe(`${crew.members[0].name}（沿用 ${monthBack} 的安排）`);

    // And as one A4 page with its fonts embedded: the figures readable back from the PDF's text.
    const pdf = await manager.get(`/api/factory/shift-report/pdf?lineId=${l6.id}&day=${yesterday}&shift=A&lang=zh`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const back = await readPdf(pdf.rawPayload);
    expect(back.pages).toBe(1);
    const text = back.text[0].replace(/\s+/g, ' ');
    expect(text).toContain('班次报表');
    expect(text).toContain('3 / 75');
    expect(text).toContain('75.00%');
    expect(text).toContain('尺寸超差');
    expect(text).toContain(crew.members[0].name);
    expect(text).toContain('3 / 2');
    expect(text).toContain('SR-NCR 本班开立');
    expect(pdfFonts(pdf.rawPayload).map((f) => f.fontFile)).toEqual(['FontFile2', 'FontFile2']);
  });

  it("takes the ppm target from the line's record: the manager changes it on the plant model, audited, and the answers follow", async () => {
    const l6 = ((await manager.get('/api/factory/lines')).json() as { id: string; code: string }[]).find((l) => l.code === 'L6')!;
    const report = async () => (await manager.get(`/api/factory/shift-report?lineId=${l6.id}&day=${yesterday}&shift=A`)).json();
    const overview = async () => (await manager.get(`/api/factory/quality/overview?day=${yesterday}`)).json();
    expect((await report()).ppmTarget).toBe(100);
    // Bad values are refused with the field named, and change nothing.
    for (const ppmTarget of [0, 1.5, 2_000_000, '50']) {
      const res = await manager.patch(`/api/factory/model/lines/${l6.id}`, { ppmTarget });
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['ppmTarget']);
    }
    const operator = await t.login('gear.operator');
    expect((await operator.patch(`/api/factory/model/lines/${l6.id}`, { ppmTarget: 10 })).statusCode).toBe(403);
    expect((await report()).ppmTarget).toBe(100);

    // The article's other figure, "1 in 100,000": 10 ppm on line 6, and 80 units a shift.
    const res = await manager.patch(`/api/factory/model/lines/${l6.id}`, { ppmTarget: 10, shiftTarget: 80 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ppmTarget: 10, shiftTarget: 80 });
    const r = await report();
    expect(r.ppmTarget).toBe(10);
    expect(r.target).toBe(80);
    const o = await overview();
    const lines = o.lines as { code: string; ppmTarget: number | null; output: { good: number; nok: number } }[];
    expect(lines.find((l) => l.code === 'L6')!.ppmTarget).toBe(10);
    expect(lines.filter((l) => l.code !== 'L6').every((l) => l.ppmTarget === 100)).toBe(true);
    // The plant's: the lines' targets weighted by what each made that day.
    const made = (l: (typeof lines)[number]) => l.output.good + l.output.nok;
    const all = lines.reduce((s, l) => s + made(l), 0);
    expect(all).toBeGreaterThan(0);
    expect(o.ppmTarget).toBeCloseTo(lines.reduce((s, l) => s + l.ppmTarget! * made(l), 0) / all, 9);
    expect(o.ppmTarget).toBeLessThan(100);
    const audit = await t.platform.handle.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'factory.line.update')
      .where('entity_id', '=', l6.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ ppmTarget: 100, shiftTarget: 75 });
    expect(audit.after).toMatchObject({ ppmTarget: 10, shiftTarget: 80 });

    // No target: the report says none rather than measuring against a number nobody set.
    expect((await manager.patch(`/api/factory/model/lines/${l6.id}`, { ppmTarget: null })).json()).toMatchObject({ ppmTarget: null });
    expect((await report()).ppmTarget).toBeNull();
    await manager.patch(`/api/factory/model/lines/${l6.id}`, { ppmTarget: 100, shiftTarget: 75 });
  });

  it('refuses another organisation, anonymous callers and a malformed line id', async () => {
    const l6 = ((await manager.get('/api/factory/lines')).json() as { id: string; code: string }[]).find((l) => l.code === 'L6')!;
    expect((await (await t.login('ck.admin')).get(`/api/factory/shift-report?lineId=${l6.id}`)).statusCode).toBe(403);
    expect((await t.anonymous().get(`/api/factory/shift-report?lineId=${l6.id}`)).statusCode).toBe(401);
    expect((await manager.get('/api/factory/shift-report?lineId=L6')).statusCode).toBe(400);
    const output = (await manager.get('/api/factory/output')).json();
    expect(output.lines).toHaveLength(7);
    expect(output.lines[0]).toMatchObject({ target: 75 });
  });
});
