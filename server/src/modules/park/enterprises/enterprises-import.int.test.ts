import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { XLSX_MIME } from '../../../platform/excel/workbook';

/** The registry from a spreadsheet: a per-row report, nothing written until confirmed, the park's own enterprises only. */
let t: TestApp;
let officer: Client;
let parkRegion: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('park.officer');
  const db = t.platform.handle.db;
  const park = await db.selectFrom('organisations').select('region_code').where('name', '=', '綦江齿轮传动有限公司').executeTakeFirstOrThrow();
  parkRegion = park.region_code;
  // Two enterprises of the park not yet in its registry, and one of Linyi (outside the park officer's region).
  await db
    .insertInto('organisations')
    .values([
      { name: '导入测试齿轮有限公司', kind: 'enterprise', region_code: parkRegion },
      { name: '导入测试铝业有限公司', kind: 'enterprise', region_code: parkRegion },
      { name: '导入测试临沂企业', kind: 'enterprise', region_code: '371300' },
    ])
    .execute();
});
afterAll(() => t?.close());

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['企业名称', '行业代码', '规模', '主要产品', '片区', '楼栋', '备注', '联系人', '联系人职务', '联系电话']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const count = async (table: 'park_enterprises' | 'park_contacts') =>
  Number(
    (
      await t.platform.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('importing the enterprise registry', () => {
  it('reports every bad row, writes nothing until confirmed, then the enterprises and their contacts, audited', async () => {
    const buf = await sheet([
      ['导入测试齿轮有限公司', 'C3453', '中型', '齿轮、减速箱', '綦江工业园区', 'A3', '', '王导入', '办公室主任', '13912345678'],
      ['导入测试铝业有限公司', 'C9999', '小型', '', '', '', '', '', '', ''],
      ['导入测试铝业有限公司', 'C3252', '巨型', '', '', '', '', '', '', ''],
      ['没有这家企业', 'C3453', '中型', '', '', '', '', '', '', ''],
      ['导入测试临沂企业', 'C3453', '中型', '', '', '', '', '', '', ''],
      ['綦江齿轮传动有限公司', 'C3453', '大型', '', '', '', '', '', '', ''],
      ['导入测试齿轮有限公司', 'C3453', '中型', '', '', '', '', '', '', ''],
      ['綦江工业园区管委会', 'C3453', '中型', '', '', '', '', '', '', ''],
      ['导入测试铝业有限公司', 'C3252', 'small', '汽车铝部件', '', '', '', '', '', '1391234'],
    ]);
    const [enterprises, contacts, audits] = [await count('park_enterprises'), await count('park_contacts'), await t.auditCount()];
    const res = await officer.request('POST', '/api/imports/park_enterprises?fileName=e.xlsx', buf, { 'content-type': XLSX_MIME });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ totalRows: 9, validRows: 1 });
    expect(report.errors.map((e: { row: number; column: string; key: string }) => [e.row, e.column, e.key])).toEqual([
      [3, '行业代码', 'park.enterprise.field_unknown_industry'],
      [4, '规模', expect.any(String)],
      [5, '企业名称', 'park.org.unknown'],
      [6, '企业名称', 'park.import.out_of_scope'],
      [7, '企业名称', 'park.enterprise.duplicate'],
      [8, '企业名称', 'park.import.same_enterprise_as_row'],
      [9, '企业名称', 'park.enterprise.field_not_enterprise'],
      // A phone without a name, and not a mobile number: both said.
      [10, '联系人', 'validation.required'],
      [10, '联系电话', 'validation.mobile_phone'],
    ]);
    // The report shows no clear contact.
    expect(JSON.stringify(report)).not.toContain('13912345678');
    expect(JSON.stringify(report)).not.toContain('王导入');
    expect([await count('park_enterprises'), await count('park_contacts'), await t.auditCount()]).toEqual([enterprises, contacts, audits + 1]);

    const confirmed = await officer.post(`/api/imports/${report.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().written).toBe(1);
    expect([await count('park_enterprises'), await count('park_contacts')]).toEqual([enterprises + 1, contacts + 1]);
    const listed = (await officer.get(`/api/park/enterprises?q=${encodeURIComponent('导入测试齿轮')}`)).json().items;
    expect(listed).toEqual([expect.objectContaining({ name: '导入测试齿轮有限公司', industryCode: 'C3453', scale: 'medium', zone: '綦江工业园区', building: 'A3' })]);
    const detail = (await officer.get(`/api/park/enterprises/${listed[0].id}`)).json();
    expect(detail.contacts).toEqual([expect.objectContaining({ nameMasked: '王**', title: '办公室主任', phoneMasked: '139****5678' })]);
    expect(await t.auditCount({ action: 'park.enterprise.create', entityId: listed[0].id })).toBe(1);
    const stored = await t.platform.handle.db.selectFrom('park_contacts').select(['name_enc', 'phone_enc']).where('enterprise_id', '=', listed[0].id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('13912345678');
  });

  it('is for the park officer: an enterprise liaison or a stranger may not import; the template downloads', async () => {
    const buf = await sheet([['导入测试铝业有限公司', 'C3252', '小型', '', '', '', '', '', '', '']]);
    for (const who of ['gear.operator', 'ck.talent']) {
      const res = await (await t.login(who)).request('POST', '/api/imports/park_enterprises?fileName=e.xlsx', buf, { 'content-type': XLSX_MIME });
      expect(res.statusCode, who).toBe(403);
    }
    expect((await t.anonymous().request('POST', '/api/imports/park_enterprises?fileName=e.xlsx', buf, { 'content-type': XLSX_MIME })).statusCode).toBe(401);
    const template = await officer.get('/api/imports/park_enterprises/template?lang=zh');
    expect(template.statusCode).toBe(200);
  });
});
