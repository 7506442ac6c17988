import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { XLSX_MIME } from '../../../platform/excel/workbook';
import { makeIdNumber } from '@gearbridge/contracts/pii';
import { ROLL_FILE, ROLL_SIZE } from '../seed/index';
import { CK, count, demoPeople, freshId, sheet, workerBody } from '../test/kit';

/** A county's worker roll through the platform's import flow: template → upload (report) → confirm. */
let t: TestApp;
let ck: Client;
let people: Awaited<ReturnType<typeof demoPeople>>;

beforeAll(async () => {
  t = await startTestApp();
  ck = await t.login('ck.caseworker');
  people = await demoPeople(t);
});
afterAll(() => t?.close());

const upload = (c: Client, buf: Buffer) => c.request('POST', '/api/imports/labor_workers?fileName=roll.xlsx', buf, { 'content-type': XLSX_MIME });
const HEADERS = ['身份证号*', '姓名*', '手机号', '户籍区划代码*', '村（社区）', '建档立卡', '技能', '就业状态', '意向职业', '意向地区', '期望月薪', '同意向协作地区共享'];

describe('the worker roll template', () => {
  it("downloads with the roll's columns, required ones marked, and a sheet of notes", async () => {
    const res = await ck.get('/api/imports/labor_workers/template?lang=zh');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0].getRow(1).values as string[]).filter(Boolean);
    expect(headers.slice(0, 4)).toEqual(['身份证号*', '姓名*', '手机号', '户籍区划代码*']);
    expect(headers).toContain('同意向协作地区共享');
    expect(wb.worksheets[1].name).toBe('填写说明');
    const en = await ck.get('/api/imports/labor_workers/template?lang=en');
    expect(en.statusCode).toBe(200);
  });
});

describe('the demo roll', () => {
  it('is a 1,000-row workbook in DATA_DIR, and the demo holds its 1,000 workers', async () => {
    const file = path.join(t.platform.ctx.config.dataDir, ROLL_FILE);
    expect(existsSync(file)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(ROLL_SIZE + 1);
    const poor = await t.platform.handle.db
      .selectFrom('labor_workers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('registered_poor', '=', true)
      .executeTakeFirstOrThrow();
    expect(await count(t, 'labor_workers')).toBe(ROLL_SIZE);
    expect(Number(poor.n) / ROLL_SIZE).toBeGreaterThan(0.25);
    expect(Number(poor.n) / ROLL_SIZE).toBeLessThan(0.35);
  });

  it('imported again, changes nothing: every row is reported as already registered', async () => {
    const file = readFileSync(path.join(t.platform.ctx.config.dataDir, ROLL_FILE));
    const [workers, audits] = [await count(t, 'labor_workers'), await t.auditCount()];
    const res = await upload(ck, file);
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ totalRows: ROLL_SIZE, validRows: 0 });
    expect(report.errors).toHaveLength(ROLL_SIZE);
    expect(new Set(report.errors.map((e: { message: string }) => e.message))).toEqual(new Set(['Already registered: this worker exists, the row is left unchanged']));
    expect((await ck.post(`/api/imports/${report.id}/confirm`)).statusCode).toBe(400);
    expect(await count(t, 'labor_workers')).toBe(workers);
    // The only audit row is the upload's.
    expect(await t.auditCount()).toBe(audits + 1);
    expect(await t.auditCount({ action: 'import.upload', entityId: report.id })).toBe(1);
  });
});

describe('importing a roll with bad rows', () => {
  const good1 = freshId();
  const good2 = freshId();
  const wrongCheck = (() => {
    const n = freshId();
    return n.slice(0, 17) + (n[17] === '1' ? '2' : '1');
  })();
  const rows = () => [
    [good1, '导入甲', '13911112222', '500229106', '东河村', '是', '6-29-01-01:五级', '未就业', '6-29-01-01', '371300', '5000', '是'], // row 2: valid
    [wrongCheck, '导入乙', '', '500229106', '', '否', '', '', '', '', '', ''], // row 3: check digit
    [good1, '导入丙', '', '500229106', '', '否', '', '', '', '', '', ''], // row 4: same ID as row 2
    [people.ids[0], '导入丁', '', '500229106', '', '否', '', '', '', '', '', ''], // row 5: already registered (demo roll)
    [freshId(), '导入戊', '', '500229999', '', '否', '', '', '', '', '', ''], // row 6: unknown region
    [freshId(), '导入己', '', '500229106', '', '否', '6-18-01-77', '', '', '', '', ''], // row 7: unknown occupation
    [freshId(), '导入庚', '12345', '500229106', '', '否', '', '', '', '', '', ''], // row 8: bad phone
    [freshId(), '', '', '500229106', '', '否', '', '', '', '', '', ''], // row 9: name missing
    [freshId(), '导入辛', '', '371302001', '', '否', '', '', '', '', '', ''], // row 10: outside the county
    [freshId(), '导入壬', '', '500229106', '', '也许', '', '', '', '', '', ''], // row 11: not 是/否
    [freshId(), '导入癸', '', '500229106', '', '否', '', '退休', '', '', '', ''], // row 12: unknown status
    [good2, '导入子', '', '500229214', '', '否', '', '省外就业', '', '', '', '否'], // row 13: valid
  ];

  it('reports each bad row by number and column, writes nothing until confirm, then exactly the valid rows', async () => {
    const [workers, audits, history] = [await count(t, 'labor_workers'), await t.auditCount(), await count(t, 'labor_worker_status_history')];
    const res = await upload(ck, await sheet(HEADERS, rows()));
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ totalRows: 12, validRows: 2, status: 'pending' });
    expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '身份证号'],
      [4, '身份证号'],
      [5, '身份证号'],
      [6, '户籍区划代码'],
      [7, '技能'],
      [8, '手机号'],
      [9, '姓名'],
      [10, '户籍区划代码'],
      [11, '建档立卡'],
      [12, '就业状态'],
    ]);
    const message = (row: number) => report.errors.find((e: { row: number }) => e.row === row).message;
    expect(message(3)).toBe('ID number check digit is wrong');
    expect(message(4)).toBe('Same ID number as row 2');
    expect(report.errors.find((e: { row: number }) => e.row === 4)).toMatchObject({ key: 'labor.import.same_id_as_row', params: { row: 2 } });
    expect(report.errors.find((e: { row: number }) => e.row === 6)).toMatchObject({ key: 'labor.field.unknown_region', params: { code: '500229999' } });
    expect(message(5)).toBe('Already registered: this worker exists, the row is left unchanged');
    expect(message(6)).toBe('unknown region code 500229999');
    expect(message(7)).toBe('unknown occupation code 6-18-01-77');
    expect(message(9)).toBe('姓名 (Name) is required');
    expect(message(10)).toContain('outside 城口县就业和人才服务局');
    expect(report.preview.map((p: { row: number; name: string; status: string }) => [p.row, p.name, p.status])).toEqual([
      [2, '导**', 'unemployed'],
      [13, '导**', 'employed_out_of_province'],
    ]);
    // Nothing written but the upload's audit row.
    expect([await count(t, 'labor_workers'), await t.auditCount()]).toEqual([workers, audits + 1]);

    const confirmed = await ck.post(`/api/imports/${report.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().written).toBe(2);
    expect(await count(t, 'labor_workers')).toBe(workers + 2);
    expect(await count(t, 'labor_worker_status_history')).toBe(history + 2);
    expect(await t.auditCount({ action: 'labor.worker.import' })).toBe(2);
    expect(await t.auditCount({ action: 'import.confirm', entityId: report.id })).toBe(1);
    const found = (await ck.get(`/api/labor/workers?q=${good1}`)).json().items;
    expect(found).toMatchObject([
      {
        orgName: CK,
        caseworkerName: '刘助',
        registeredPoor: true,
        skills: [{ code: '6-29-01-01', level: 'level5' }],
        consent: { given: true, byName: '刘助' },
        needs: { minMonthlyWage: 5000, regions: [{ code: '371300' }] },
      },
    ]);
    expect((await ck.get(`/api/labor/workers/${found[0].id}/history`)).json()).toMatchObject([{ status: 'unemployed', reason: 'imported' }]);
  });

  it('imported again, changes nothing: the rows written last time are now "already registered"', async () => {
    const [workers, audits] = [await count(t, 'labor_workers'), await t.auditCount()];
    const report = (await upload(ck, await sheet(HEADERS, rows()))).json();
    expect(report.validRows).toBe(0);
    expect(report.errors.filter((e: { message: string }) => e.message.startsWith('Already registered')).map((e: { row: number }) => e.row)).toEqual([2, 5, 13]);
    expect((await ck.post(`/api/imports/${report.id}/confirm`)).statusCode).toBe(400);
    expect([await count(t, 'labor_workers'), await t.auditCount()]).toEqual([workers, audits + 1]);
  });

  it('writes nothing at all when a row was registered between the check and the confirm', async () => {
    const a = makeIdNumber('500229', '1961-03-03', 11);
    const b = makeIdNumber('500229', '1961-03-04', 11);
    const report = (
      await upload(
        ck,
        await sheet(
          ['身份证号', '姓名', '户籍区划代码'],
          [
            [a, '竞争甲', '500229106'],
            [b, '竞争乙', '500229106'],
          ],
        ),
      )
    ).json();
    expect(report.validRows).toBe(2);
    expect((await ck.post('/api/labor/workers', workerBody({ idNumber: b }))).statusCode).toBe(201);
    const [workers, audits] = [await count(t, 'labor_workers'), await t.auditCount()];
    const res = await ck.post(`/api/imports/${report.id}/confirm`);
    expect(res.statusCode).toBe(409);
    expect([await count(t, 'labor_workers'), await t.auditCount()]).toEqual([workers, audits]);
    expect((await ck.get(`/api/labor/workers?q=${a}`)).json().total).toBe(0);
  });

  it('answers 401 without a session, 403 without labor.manage, 400 for a sheet without the required columns', async () => {
    const buf = await sheet(HEADERS, rows().slice(0, 1));
    expect((await upload(t.anonymous(), buf)).statusCode).toBe(401);
    for (const u of ['yuyang.hr', 'ly.officer', 'gear.admin']) expect((await upload(await t.login(u), buf)).statusCode).toBe(403);
    const missing = await upload(ck, await sheet(['姓名'], [['只有姓名']]));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('身份证号 (ID number)');
  });
});
