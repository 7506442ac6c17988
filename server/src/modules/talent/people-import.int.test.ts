import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { XLSX_MIME } from '../../platform/excel/workbook';
import { CK_HOSPITAL, freshId, LY_HOSPITAL } from './test/kit';

/** The talent pool from a spreadsheet: a per-row report, nothing written until the uploader confirms, own side only. */
let t: TestApp;
let ck: Client;

beforeAll(async () => {
  t = await startTestApp();
  ck = await t.login('ck.talent');
});
afterAll(() => t?.close());

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['姓名', '类别', '身份证号', '手机号', '所属单位', '工作单位及科室', '职务', '职称', '领域', '专业特长']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const count = async () =>
  Number(
    (
      await t.platform.handle.db
        .selectFrom('talent_people')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('importing people', () => {
  it('reports every bad row, writes nothing until confirmed, then all valid rows with their audit rows', async () => {
    const a = freshId();
    const bad = `${a.slice(0, 17)}${a[17] === '0' ? '1' : '0'}`;
    const buf = await sheet([
      ['导入专家甲', '专业技术人才', a, '13912345678', CK_HOSPITAL, '城口县人民医院 检验科', '医生', '主治医师', '卫生', '检验、微生物检验'],
      ['导入专家乙', '专业技术人才', bad, '', CK_HOSPITAL, '城口县人民医院 内科', '医生', '', '卫生', ''],
      ['导入专家丙', '专业技术人才', a, '', CK_HOSPITAL, '城口县人民医院 内科', '医生', '', '卫生', ''],
      ['导入专家丁', '专业技术人才', freshId(), '', LY_HOSPITAL, '临沂市中心医院', '医生', '', '卫生', ''],
      ['导入专家戊', '专业技术人才', freshId(), '', CK_HOSPITAL, '城口县人民医院', '医生', '高级教师', '卫生', ''],
      ['导入干部己', '党政干部', freshId(), '', '中共城口县委组织部', '城口县商务委员会', '副科长', '', '党政', '东西部协作'],
    ]);
    const people = await count();
    const audits = await t.auditCount();
    const res = await ck.request('POST', '/api/imports/talent_people?fileName=people.xlsx', buf, { 'content-type': XLSX_MIME });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ totalRows: 6, validRows: 2 });
    expect(report.errors.map((e: { row: number; column: string; key: string }) => [e.row, e.column, e.key])).toEqual([
      [3, '身份证号', 'talent.person.id_check_digit'],
      [4, '身份证号', 'talent.import.same_id_as_row'],
      [5, '所属单位', 'talent.person.partner_read_only'],
      [6, '职称', 'talent.person.title_not_for_sector'],
    ]);
    expect(JSON.stringify(report)).not.toContain(a);
    expect([await count(), await t.auditCount()]).toEqual([people, audits + 1]);
    const confirmed = await ck.post(`/api/imports/${report.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().written).toBe(2);
    expect(await count()).toBe(people + 2);
    const found = (await ck.get('/api/talent/people?q=导入专家甲')).json().items[0];
    expect(found).toMatchObject({ titleCode: 'attending_physician', specialties: ['检验', '微生物检验'], phoneMasked: '139****5678', access: 'own' });
    // The same file again: the ID number is registered now.
    const again = (await ck.request('POST', '/api/imports/talent_people?fileName=people.xlsx', buf, { 'content-type': XLSX_MIME })).json();
    expect(again.errors.find((e: { row: number }) => e.row === 2).key).toBe('talent.person.duplicate');
    // Someone without talent.edit may not import.
    expect((await (await t.login('gear.operator')).request('POST', '/api/imports/talent_people?fileName=p.xlsx', buf, { 'content-type': XLSX_MIME })).statusCode).toBe(403);
    expect((await ck.get('/api/imports/talent_people/template?lang=zh')).statusCode).toBe(200);
  });
});
