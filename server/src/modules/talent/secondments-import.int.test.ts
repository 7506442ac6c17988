import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Secondment } from '@gearbridge/contracts/talent';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { XLSX_MIME } from '../../platform/excel/workbook';
import { CK_DEPT, freshId, listAll, personBody } from './test/kit';

/**
 * Secondments from a spreadsheet: the per-row report (unknown or partner person, name not matching, bad date, end
 * before start, unknown programme, overlap with a recorded term or with an earlier row), nothing written until the
 * uploader confirms, then every valid row with its audit row.
 */
let t: TestApp;
let ck: Client;
let ly: Client;

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly] = await Promise.all([t.login('ck.talent'), t.login('ly.talent')]);
});
afterAll(() => t?.close());

async function sheet(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['姓名', '身份证号', '挂职单位', '挂职岗位', '开始日期', '结束日期', '所属项目', '备注']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (c: Client, buf: Buffer) => c.request('POST', '/api/imports/talent_secondments?fileName=terms.xlsx', buf, { 'content-type': XLSX_MIME });

describe('importing secondments', () => {
  it('reports every bad row by the service rules, writes nothing until confirmed, then each valid term audited', async () => {
    const ckDept = await t.orgId(CK_DEPT);
    const make = async (c: Client, body: Record<string, unknown>) => {
      const res = await c.post('/api/talent/people', personBody(body));
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; name: string };
    };
    const aId = freshId();
    const bId = freshId();
    const a = await make(ck, { name: '导入干部甲', kind: 'cadre', idNumber: aId, orgId: ckDept, sector: 'cadre', titleCode: null, unit: '城口县商务委员会', post: '科员' });
    const b = await make(ck, { name: '导入干部乙', kind: 'cadre', idNumber: bId, orgId: ckDept, sector: 'cadre', titleCode: null, unit: '城口县商务委员会', post: '科员' });
    const lyId = freshId('371302');
    await make(ly, { name: '临沂专家甲', idNumber: lyId, unit: '临沂市中心医院 检验科' });
    // b already has a term in 2033.
    const term = await ck.post('/api/talent/secondments', { personId: b.id, hostUnit: '临沂市商务局', post: '挂职', startsOn: '2033-01-01', endsOn: '2033-06-30' });
    expect(term.statusCode, term.body).toBe(201);

    const P = '东西部协作干部双向挂职';
    const buf = await sheet([
      [a.name, aId, '临沂市商务局', '科长助理（挂职）', '2034-03-01', '2034-08-31', P, ''], // 2: valid
      [a.name, aId, '临沂市商务局', '科长助理（挂职）', '2034-08-01', '2034-12-31', P, ''], // 3: overlaps row 2
      [b.name, bId, '临沂市商务局', '科员（挂职）', '2033-06-01', '2033-12-31', '', ''], // 4: overlaps the recorded term
      [b.name, bId, '中共临沂市委组织部', '干部科（挂职）', '2033/7/1', '2034年6月30日', '', ''], // 5: valid, host on the platform
      ['别人', aId, '临沂市商务局', '挂职', '2035-01-01', '2035-06-30', '', ''], // 6: name does not match
      ['临沂专家甲', lyId, '城口县人民医院', '挂职', '2035-01-01', '2035-06-30', '', ''], // 7: the partner's person
      ['无此人', freshId(), '临沂市商务局', '挂职', '2035-01-01', '2035-06-30', '', ''], // 8: unknown
      [a.name, aId, '临沂市商务局', '挂职', '2035-13-01', '2035-06-30', '', ''], // 9: bad date
      [a.name, aId, '临沂市商务局', '挂职', '2035-06-30', '2035-01-01', '', ''], // 10: ends before it starts
      [a.name, aId, '临沂市商务局', '挂职', '2036-01-01', '2036-06-30', '不存在的项目', ''], // 11: unknown programme
    ]);
    const before = await listAll<Secondment>(ck, '/api/talent/secondments?kind=cadre');
    const audits = await t.auditCount();
    const res = await upload(ck, buf);
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ totalRows: 10, validRows: 2 });
    expect(report.errors.map((e: { row: number; column: string; key: string }) => [e.row, e.column, e.key])).toEqual([
      [3, '开始日期', 'talent.import.overlap_row'],
      [4, '开始日期', 'talent.import.overlap'],
      [6, '姓名', 'talent.import.name_mismatch'],
      [7, '身份证号', 'talent.person.partner_read_only'],
      [8, '身份证号', 'talent.import.unknown_person'],
      [9, '开始日期', 'talent.import.bad_date'],
      [10, '结束日期', 'talent.field.on_or_after'],
      [11, '所属项目', 'talent.import.unknown_programme'],
    ]);
    expect(JSON.stringify(report)).not.toContain(aId);
    expect((await listAll<Secondment>(ck, '/api/talent/secondments?kind=cadre')).length).toBe(before.length);
    expect(await t.auditCount()).toBe(audits + 1);

    const confirmed = await ck.post(`/api/imports/${report.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().written).toBe(2);
    const mine = await listAll<Secondment>(ck, `/api/talent/secondments?personId=${b.id}`);
    expect(mine.map((s) => [s.startsOn, s.endsOn, s.direction, s.hostUnit]).sort()).toEqual([
      ['2033-01-01', '2033-06-30', 'west_to_east', '临沂市商务局'],
      ['2033-07-01', '2034-06-30', 'west_to_east', '中共临沂市委组织部'],
    ]);
    expect(mine.find((s) => s.startsOn === '2033-07-01')?.hostOrgId).toBe(await t.orgId('中共临沂市委组织部'));
    const [imported] = await listAll<Secondment>(ck, `/api/talent/secondments?personId=${a.id}`);
    expect(imported.programmeName).toBe(P);
    expect(await t.auditCount({ entityId: imported.id })).toBe(1);
    // The same file again: the terms are recorded now.
    const again = (await upload(ck, buf)).json();
    expect(again.errors.find((e: { row: number }) => e.row === 2).key).toBe('talent.import.overlap');
    // Without talent.edit: 403; the template is there.
    expect((await upload(await t.login('gear.operator'), buf)).statusCode).toBe(403);
    expect((await ck.get('/api/imports/talent_secondments/template?lang=zh')).statusCode).toBe(200);
  });
});
