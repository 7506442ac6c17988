import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { PENDING_IMPORT_HOURS } from './imports';
import { XLSX_MIME } from './workbook';

let t: TestApp;
let admin: Client;
let park: Client;

beforeAll(async () => {
  t = await startTestApp();
  [admin, park] = await Promise.all([t.login('admin'), t.login('park.officer')]);
});
afterAll(() => t?.close());

async function sheet(headers: string[], rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (c: Client, kind: string, buf: Buffer) => c.request('POST', `/api/imports/${kind}?fileName=test.xlsx`, buf, { 'content-type': XLSX_MIME });
const countOrgs = async () =>
  Number(
    (
      await t.platform.handle.db
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('organisation import', () => {
  it('serves a template whose headers the importer accepts', async () => {
    const res = await admin.get('/api/imports/organisations/template?lang=zh');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0].getRow(1).values as string[]).filter(Boolean);
    expect(headers.slice(0, 3)).toEqual(['名称*', '类型*', '区划代码*']);
    expect(wb.worksheets[1].name).toBe('填写说明');
  });

  it('reports every bad row by number, writes nothing until confirm, then writes exactly the valid rows', async () => {
    const buf = await sheet(
      ['名称*', '类型*', '区划代码*', '统一社会信用代码'],
      [
        ['导入企业甲', '企业', '500110', ''],
        ['导入学校乙', 'School', '500229106', '91500229MA5U000009'],
        ['綦江齿轮传动有限公司', '企业', '500110', ''], // row 4: exists already
        ['导入企业丙', '工厂', '500110', ''], // row 5: unknown kind
        ['导入企业丁', '企业', '123456', ''], // row 6: unknown region
        ['导入企业甲', '企业', '500110', ''], // row 7: duplicate of row 2
        ['', '企业', '500110', ''], // row 8: name missing
        ['导入企业戊', '企业', '500110', 'bad-code'], // row 9: bad credit code
      ],
    );
    const orgsBefore = await countOrgs();
    const auditBefore = await t.auditCount();
    const res = await upload(admin, 'organisations', buf);
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ totalRows: 8, validRows: 2, status: 'pending' });
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(report.errors.find((e: { row: number }) => e.row === 7).message).toContain('row 2');
    expect(report.preview.map((p: { name: string }) => p.name)).toEqual(['导入企业甲', '导入学校乙']);
    expect(await countOrgs()).toBe(orgsBefore);
    // The upload itself is audited (who sent which file, how many rows); nothing else is written.
    expect(await t.auditCount()).toBe(auditBefore + 1);
    expect(await t.auditCount({ action: 'import.upload', entityId: report.id })).toBe(1);

    const confirmed = await admin.post(`/api/imports/${report.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().written).toBe(2);
    expect(await countOrgs()).toBe(orgsBefore + 2);
    expect(await t.auditCount({ action: 'organisation.import' })).toBe(2);
    expect(await t.auditCount({ action: 'import.confirm', entityId: report.id })).toBe(1);
    expect((await admin.get(`/api/orgs?q=${encodeURIComponent('导入学校乙')}`)).json().items[0]).toMatchObject({ kind: 'school', regionCode: '500229106' });

    const again = await admin.post(`/api/imports/${report.id}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(await countOrgs()).toBe(orgsBefore + 2);
  });

  it('re-importing the same file changes nothing: every row is now a duplicate', async () => {
    const buf = await sheet(['名称', '类型', '区划代码'], [['导入企业甲', '企业', '500110']]);
    const report = (await upload(admin, 'organisations', buf)).json();
    expect(report.validRows).toBe(0);
    expect((await admin.post(`/api/imports/${report.id}/confirm`)).statusCode).toBe(400);
  });

  it('writes nothing at all when one row conflicts at confirm time', async () => {
    const buf = await sheet(
      ['Name', 'Kind', 'Region code'],
      [
        ['竞争企业一', 'enterprise', '500110'],
        ['竞争企业二', 'enterprise', '500110'],
      ],
    );
    const report = (await upload(admin, 'organisations', buf)).json();
    expect(report.validRows).toBe(2);
    // Someone registers the second one between the check and the confirm.
    expect((await admin.post('/api/orgs', { name: '竞争企业二', kind: 'enterprise', regionCode: '500110' })).statusCode).toBe(201);
    const before = await countOrgs();
    const auditBefore = await t.auditCount();
    const res = await admin.post(`/api/imports/${report.id}/confirm`);
    expect(res.statusCode).toBe(409);
    expect(await countOrgs()).toBe(before);
    expect(await t.auditCount()).toBe(auditBefore);
    expect((await admin.get(`/api/orgs?q=${encodeURIComponent('竞争企业一')}`)).json().total).toBe(0);
  });

  it("checks the uploader's scope per row: a park officer may import only into the own region", async () => {
    const buf = await sheet(
      ['名称', '类型', '区划代码'],
      [
        ['园区新企业', '企业', '500110101'],
        ['城口新企业', '企业', '500229'],
      ],
    );
    const report = (await upload(park, 'organisations', buf)).json();
    expect(report.validRows).toBe(1);
    expect(report.errors).toEqual([
      {
        row: 3,
        column: '区划代码',
        message: 'Region 500229 is outside the regions you are responsible for',
        key: 'identity.import.region_out_of_scope',
        params: { code: '500229' },
      },
    ]);
  });

  it('lets only the uploader confirm or discard', async () => {
    const buf = await sheet(['名称', '类型', '区划代码'], [['他人确认企业', '企业', '500110']]);
    const report = (await upload(park, 'organisations', buf)).json();
    expect((await admin.post(`/api/imports/${report.id}/confirm`)).statusCode).toBe(403);
    expect((await admin.del(`/api/imports/${report.id}`)).statusCode).toBe(403);
    expect(await t.auditCount({ action: 'import.discard', entityId: report.id })).toBe(0);
    expect(await t.auditCount({ action: 'import.upload', entityId: report.id })).toBe(1);
    expect((await park.del(`/api/imports/${report.id}`)).statusCode).toBe(200);
    // The discard is audited once: a second one is a 409 and writes nothing.
    expect(await t.auditCount({ action: 'import.discard', entityId: report.id })).toBe(1);
    expect((await park.del(`/api/imports/${report.id}`)).statusCode).toBe(409);
    expect(await t.auditCount({ action: 'import.discard', entityId: report.id })).toBe(1);
    expect((await park.post(`/api/imports/${report.id}/confirm`)).statusCode).toBe(409);
  });

  it('keeps the pending rows sealed, and a job older than a day can no longer be confirmed; the next upload drops its rows', async () => {
    const res = await upload(admin, 'organisations', await sheet(['名称*', '类型*', '区划代码*'], [['待过期企业', '企业', '500110']]));
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const db = t.platform.handle.db;
    const stored = await db.selectFrom('import_jobs').select('rows').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.rows)).not.toContain('待过期企业');
    expect(stored.rows).toMatchObject({ sealed: expect.stringMatching(/^v1\./) });
    await db
      .updateTable('import_jobs')
      .set({ created_at: new Date(Date.now() - (PENDING_IMPORT_HOURS * 3_600_000 + 60_000)) })
      .where('id', '=', id)
      .execute();
    const orgsBefore = await countOrgs();
    const late = await admin.post(`/api/imports/${id}/confirm`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ key: 'platform.import.expired', params: { hours: PENDING_IMPORT_HOURS } });
    expect(await countOrgs()).toBe(orgsBefore);
    expect((await upload(admin, 'organisations', await sheet(['名称*', '类型*', '区划代码*'], [['另一企业', '企业', '500110']]))).statusCode).toBe(201);
    const dropped = await db.selectFrom('import_jobs').select(['status', 'rows']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(dropped).toEqual({ status: 'discarded', rows: [] });
    // The sweep is audited, once, naming the job's own uploader.
    expect(await t.auditCount({ action: 'import.expire', entityId: id })).toBe(1);
  });

  it('rejects what is not a usable sheet with a clear 400, and unknown kinds with 404', async () => {
    const garbage = await upload(admin, 'organisations', Buffer.from('this is not a workbook'));
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.message).toMatch(/not a readable \.xlsx/);
    const missingCols = await upload(admin, 'organisations', await sheet(['名称'], [['只有名称']]));
    expect(missingCols.statusCode).toBe(400);
    expect(missingCols.json().error.message).toMatch(/类型 \(Kind\)/);
    expect((await upload(admin, 'castles', await sheet(['a'], [['b']]))).statusCode).toBe(404);
    expect((await admin.request('POST', '/api/imports/organisations', { not: 'a file' })).statusCode).toBe(415);
  });

  it('answers 401 without a session and 403 without the permission', async () => {
    const buf = await sheet(['名称', '类型', '区划代码'], [['无权企业', '企业', '500110']]);
    expect((await upload(t.anonymous(), 'organisations', buf)).statusCode).toBe(401);
    const operator = await t.login('gear.operator');
    expect((await upload(operator, 'organisations', buf)).statusCode).toBe(403);
  });
});

describe('export and import again', () => {
  it('exports a text that starts like a formula with a leading apostrophe, and reads it back unchanged', async () => {
    const name = '=HYPERLINK("http://evil.example","导出企业")';
    const created = await admin.post('/api/orgs', { name, kind: 'enterprise', regionCode: '500110', contactName: '@张三', address: '-东路 1 号' });
    expect(created.statusCode).toBe(201);
    const exported = await admin.get(`/api/orgs/export?lang=zh&q=${encodeURIComponent('HYPERLINK')}`);
    expect(exported.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const row = wb.worksheets[0].getRow(2);
    // Plain text cells, not formulas: and saved as CSV or pasted on, still not a formula.
    expect([row.getCell(1).value, row.getCell(6).value, row.getCell(7).value]).toEqual([`'${name}`, "'@张三", "'-东路 1 号"]);
    // Imported again, the row is the same organisation: the name came back without the apostrophe.
    const report = (await upload(admin, 'organisations', exported.rawPayload)).json();
    expect(report).toMatchObject({ totalRows: 1, validRows: 0 });
    expect(report.errors).toMatchObject([{ row: 2, column: '名称' }]);
    expect(report.errors[0].message).toContain(name);
  });
});

describe('user import', () => {
  it('hashes passwords and masks phones in the report, and creates the users with their roles on confirm', async () => {
    const gear = await t.login('gear.admin');
    const buf = await sheet(
      ['登录名', '姓名', '所属组织', '初始密码', '手机号', '角色代码'],
      [
        ['line1.op', '线一操作', '綦江齿轮传动有限公司', 'Initial-pass-01', '13900000001', 'operator'],
        ['line2.op', '线二操作', '綦江齿轮传动有限公司', 'short', '', 'operator'], // row 3: password too short
        ['line3.op', '线三操作', '余扬汽配', 'Initial-pass-03', '', 'operator'], // row 4: another organisation
        ['line4.op', '线四操作', '綦江齿轮传动有限公司', 'Initial-pass-04', '12345', 'operator'], // row 5: bad phone
        ['line5.op', '线五操作', '綦江齿轮传动有限公司', 'Initial-pass-05', '', 'platform_admin'], // row 6: escalation
      ],
    );
    const res = await upload(gear, 'users', buf);
    expect(res.statusCode).toBe(201);
    const report = res.json();
    expect(report.validRows).toBe(1);
    expect(report.errors.map((e: { row: number }) => e.row)).toEqual([3, 4, 5, 6]);
    expect(res.body).not.toContain('13900000001');
    expect(res.body).not.toContain('Initial-pass-01');
    expect(report.preview[0]).toMatchObject({ username: 'line1.op', phone: '139****0001' });
    const stored = await t.platform.handle.db.selectFrom('import_jobs').select('rows').where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.rows)).not.toContain('Initial-pass-01');
    expect(JSON.stringify(stored.rows)).not.toContain('13900000001');

    expect((await gear.post(`/api/imports/${report.id}/confirm`)).json().written).toBe(1);
    const u = (await gear.get('/api/users?q=line1.op')).json().items[0];
    expect(u.roles.map((r: { code: string }) => r.code)).toEqual(['operator']);
    await t.login('line1.op', 'Initial-pass-01');
  });
});
