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

    // The same as a workbook.
    const x = await manager.get(`/api/factory/shift-report/export?lineId=${l6.id}&day=${yesterday}&shift=A&lang=zh`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概要', '逐时产出', '停机原因', '缺陷', '报警']);
    const summary = wb.worksheets[0];
    const value = (label: string) => summary.getColumn(1).values.indexOf(label);
    expect(summary.getRow(value('合格产出（件）')).getCell(2).value).toBe(3);
    expect(summary.getRow(value('一次合格率')).getCell(2).value).toBe(0.75);

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
    expect(pdfFonts(pdf.rawPayload).map((f) => f.fontFile)).toEqual(['FontFile2', 'FontFile2']);
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
