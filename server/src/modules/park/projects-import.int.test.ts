import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseDetail, ParkDashboard, Project } from '@gearbridge/contracts/park';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { XLSX_MIME } from '../../platform/excel/workbook';
import { localDay } from '../../platform/time';
import { userWith } from './test/kit';

/**
 * Investment projects and the registry's yearly figures from a spreadsheet: a per-row report naming every bad cell,
 * nothing written until the officer confirms, then the rows as the forms write them (audited), amounts exact to the
 * yuan; the park officer's alone (401, 403 for others).
 */
let t: TestApp;
let officer: Client;
let liaison: Client;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('park.officer');
  liaison = await userWith(t, await t.login('admin'), { username: 'yuyang.importer', org: '余扬汽配', role: 'park_enterprise' });
});
afterAll(() => t?.close());

async function sheet(head: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(head);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (c: Client, kind: string, buf: Buffer) => c.request('POST', `/api/imports/${kind}?fileName=x.xlsx`, buf, { 'content-type': XLSX_MIME });
const count = async (table: 'park_projects' | 'park_enterprise_years' | 'park_project_stages') =>
  Number(
    (
      await t.platform.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const PROJECT_HEAD = ['项目名称', '投资方', '协议金额（亿元）', '产业类别', '阶段', '阶段日期', '储备项目', '产业链环节', '备注'];

describe('importing investment projects', () => {
  it('reports every bad row, writes nothing until confirmed, then the projects at their stages, exact and audited', async () => {
    const tomorrow = new Date(Date.parse(`${localDay()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const buf = await sheet(PROJECT_HEAD, [
      ['导入测试传感器项目', '导入测试投资方甲', '12.34567891', '工业传感器', '签约', '2019-11-26', '否', '', '集中签约'],
      ['导入测试储备项目', '导入测试投资方乙', '0.00000001', 'big_data', '', '', '是', '', ''],
      ['导入测试坏金额', '导入测试投资方丙', '1.123456789', '大数据', '', '', '', '', ''],
      ['导入测试坏类别', '导入测试投资方丙', '1', '航天', '', '', '', '', ''],
      ['导入测试坏阶段', '导入测试投资方丙', '1', '大数据', '竣工', '', '', '', ''],
      ['导入测试未来日期', '导入测试投资方丙', '1', '大数据', '洽谈', tomorrow, '', '', ''],
      ['导入测试坏储备', '导入测试投资方丙', '1', '大数据', '', '', '也许', '', ''],
      ['导入测试未知环节', '导入测试投资方丙', '1', '大数据', '', '', '', '不存在的环节', ''],
      ['导入测试传感器项目', '导入测试投资方甲', '1', '大数据', '', '', '', '', ''],
      ['腾讯云基地项目', '腾讯云计算（北京）有限责任公司', '1', '大数据', '', '', '', '', ''],
      ['', '导入测试投资方丁', '0', '大数据', '', '', '', '', ''],
    ]);
    const [projects, stages, audits] = [await count('park_projects'), await count('park_project_stages'), await t.auditCount()];
    const before: ParkDashboard = (await officer.get('/api/park/dashboard')).json();
    const res = await upload(officer, 'park_projects', buf);
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ totalRows: 11, validRows: 2 });
    expect(report.errors.map((e: { row: number; column: string; key: string }) => [e.row, e.column, e.key])).toEqual([
      [4, '协议金额（亿元）', 'park.validation.amount_yi'],
      [5, '产业类别', 'park.import.field_unknown_category'],
      [6, '阶段', 'park.import.field_unknown_stage'],
      [7, '阶段日期', 'park.field.in_future'],
      [8, '储备项目', 'park.import.field_yes_no'],
      [9, '产业链环节', 'park.chain.field_unknown_link'],
      [10, '项目名称', 'park.import.same_project_as_row'],
      [11, '项目名称', 'park.import.project_exists'],
      // A required cell left empty: the platform's own report.
      [12, '项目名称', 'platform.import.cell_required'],
    ]);
    expect(report.preview[0]).toMatchObject({
      name: '导入测试传感器项目',
      amount: '12.34567891',
      category: 'industrial_sensors',
      stage: 'signed',
      stageOn: '2019-11-26',
      reserve: false,
    });
    // Only the upload's own audit row: nothing of the park written yet.
    expect([await count('park_projects'), await count('park_project_stages'), await t.auditCount()]).toEqual([projects, stages, audits + 1]);

    const confirmed = await officer.post(`/api/imports/${report.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().written).toBe(2);
    expect([await count('park_projects'), await count('park_project_stages')]).toEqual([projects + 2, stages + 2]);
    const signed: Project = (await officer.get(`/api/park/projects?q=${encodeURIComponent('导入测试传感器')}`)).json().items[0];
    expect(signed).toMatchObject({ amount: '12.34567891', stage: 'signed', reserve: false, note: '集中签约' });
    // Signed on the day given: the stages it passed take the same day, as from the form.
    expect(signed.stageDates).toMatchObject({ lead: '2019-11-26', negotiating: '2019-11-26', signed: '2019-11-26', construction: null });
    expect(await t.auditCount({ action: 'park.project.create', entityId: signed.id })).toBe(1);
    // The 2019 total grows by exactly the imported amount.
    const after: ParkDashboard = (await officer.get('/api/park/dashboard')).json();
    expect(after.signedByYear.find((y) => y.year === 2019)).toEqual({ year: 2019, count: 43, amount: '254.49567891' });
    expect(after.reserve).toEqual({ count: before.reserve.count + 1, amount: expect.any(String) });
  });

  it('takes a chain link by name, or as “chain/link”', async () => {
    const map = (await officer.get('/api/park/chains')).json();
    const chain = map.chains[0];
    const link = chain.links[0];
    const buf = await sheet(PROJECT_HEAD, [['导入测试补链项目', '导入测试投资方戊', '3', '齿轮传动', '', '', '', `${chain.name}/${link.name}`, '']]);
    const report = (await upload(officer, 'park_projects', buf)).json();
    expect(report.errors).toEqual([]);
    expect((await officer.post(`/api/imports/${report.id}/confirm`)).statusCode).toBe(200);
    const p: Project = (await officer.get(`/api/park/projects?q=${encodeURIComponent('导入测试补链')}`)).json().items[0];
    expect(p.chainLinkId).toBe(link.id);
  });
  it('writes a sheet uploaded twice once: the second confirm is refused and writes nothing', async () => {
    const buf = await sheet(PROJECT_HEAD, [['导入测试两次确认项目', '导入测试投资方己', '2.5', '大数据', '签约', '2019-11-26', '否', '', '']]);
    const first = (await upload(officer, 'park_projects', buf)).json();
    const second = (await upload(officer, 'park_projects', buf)).json();
    expect([first.validRows, second.validRows]).toEqual([1, 1]);
    expect((await officer.post(`/api/imports/${first.id}/confirm`)).statusCode).toBe(200);
    const [projects, audits] = [await count('park_projects'), await t.auditCount({ action: 'park.project.create' })];
    const again = await officer.post(`/api/imports/${second.id}/confirm`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.key).toBe('park.import.changed');
    expect([await count('park_projects'), await t.auditCount({ action: 'park.project.create' })]).toEqual([projects, audits]);
    expect((await officer.get(`/api/park/projects?q=${encodeURIComponent('导入测试两次确认')}`)).json().total).toBe(1);
  });
});

describe('importing the yearly figures', () => {
  it('reports bad rows, writes nothing until confirmed, then each year exact to the yuan (a year there replaced), audited', async () => {
    const list = (await officer.get(`/api/park/enterprises?q=${encodeURIComponent('余扬')}`)).json().items;
    const yuyang: EnterpriseDetail = (await officer.get(`/api/park/enterprises/${list[0].id}`)).json();
    const had = yuyang.years[0];
    const buf = await sheet(
      ['企业名称', '年度', '从业人数', '产值（元）', '税收（元）'],
      [
        [yuyang.name, '2031', '321', '123456789012345', '987654321'],
        [yuyang.name, String(had.year), '100', '1,000,000', '50000'],
        ['不在名录的企业', '2031', '1', '1', '1'],
        ['綦江工业园区管委会', '2031', '1', '1', '1'],
        [yuyang.name, '2031', '1', '1', '1'],
        [yuyang.name, '1800', '1', '1', '1'],
        [yuyang.name, '2032', '-5', '1.5', 'abc'],
        [yuyang.name, '2033', '12.5', '1', '1'],
      ],
    );
    const [years, audits] = [await count('park_enterprise_years'), await t.auditCount()];
    const res = await upload(officer, 'park_enterprise_years', buf);
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json();
    expect(report).toMatchObject({ totalRows: 8, validRows: 2 });
    expect(report.errors.map((e: { row: number; column: string; key: string }) => [e.row, e.column])).toEqual([
      [4, '企业名称'],
      [5, '企业名称'],
      [6, '年度'],
      [7, '年度'],
      [8, '从业人数'],
      [8, '产值（元）'],
      [8, '税收（元）'],
      [9, '从业人数'],
    ]);
    expect(report.errors[0].key).toBe('park.import.field_not_registered');
    expect(report.errors[2].key).toBe('park.import.same_year_as_row');
    // A head count below zero is too small; one that is not a whole number says so (not "required").
    expect(report.errors[4].key).toBe('validation.too_small');
    expect(report.errors[7].key).toBe('validation.not_integer');
    expect(report.preview.map((p: { replaces: boolean }) => p.replaces)).toEqual([false, true]);
    expect([await count('park_enterprise_years'), await t.auditCount()]).toEqual([years, audits + 1]);

    expect((await officer.post(`/api/imports/${report.id}/confirm`)).statusCode).toBe(200);
    expect(await count('park_enterprise_years')).toBe(years + 1);
    const now: EnterpriseDetail = (await officer.get(`/api/park/enterprises/${yuyang.id}`)).json();
    expect(now.years.find((y) => y.year === 2031)).toEqual({ year: 2031, employees: 321, outputValue: '123456789012345', tax: '987654321' });
    expect(now.years.find((y) => y.year === had.year)).toEqual({ year: had.year, employees: 100, outputValue: '1000000', tax: '50000' });
    expect(await t.auditCount({ action: 'park.enterprise.year', entityId: yuyang.id })).toBe(2);
  });
});

describe('who may import', () => {
  it('is the park officer: 401 without a session, 403 to a liaison or a stranger, nothing written; the templates download', async () => {
    const projects = await sheet(PROJECT_HEAD, [['导入测试越权项目', '某投资方', '1', '大数据', '', '', '', '', '']]);
    const years = await sheet(['企业名称', '年度', '从业人数', '产值（元）', '税收（元）'], [['余扬汽配', '2030', '1', '1', '1']]);
    const stranger = await t.login('gear.admin');
    const audits = await t.auditCount();
    for (const [kind, buf] of [
      ['park_projects', projects],
      ['park_enterprise_years', years],
    ] as const) {
      expect((await upload(t.anonymous(), kind, buf)).statusCode).toBe(401);
      for (const c of [liaison, stranger]) expect((await upload(c, kind, buf)).statusCode, kind).toBe(403);
    }
    expect(await t.auditCount()).toBe(audits);
    for (const kind of ['park_projects', 'park_enterprise_years']) expect((await officer.get(`/api/imports/${kind}/template?lang=zh`)).statusCode).toBe(200);
  });
});

describe('confirming after the officer’s reach changed', () => {
  it('refuses, writing nothing, rows for enterprises no longer in the confirming officer’s reach', async () => {
    const admin = await t.login('admin');
    const narrow = await userWith(t, admin, { username: 'park.narrowing', org: '綦江工业园区管委会', role: 'park_officer', region: '500110' });
    const list = (await narrow.get(`/api/park/enterprises?q=${encodeURIComponent('余扬')}`)).json().items;
    const report = (
      await upload(narrow, 'park_enterprise_years', await sheet(['企业名称', '年度', '从业人数', '产值（元）', '税收（元）'], [[list[0].name, '2033', '10', '10', '1']]))
    ).json();
    expect(report.validRows).toBe(1);
    // The grant narrowed to the administration itself (no region) before the confirm.
    const roles: { id: string; code: string; builtIn: boolean }[] = (await admin.get('/api/roles')).json();
    const officerRole = roles.find((r) => r.builtIn && r.code === 'park_officer')!.id;
    expect((await admin.patch(`/api/users/${await t.userId('park.narrowing')}`, { roles: [{ roleId: officerRole, regionCode: null }] })).statusCode).toBe(200);
    const [years, audits] = [await count('park_enterprise_years'), await t.auditCount({ action: 'park.enterprise.year' })];
    const res = await narrow.post(`/api/imports/${report.id}/confirm`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.key).toBe('platform.import.out_of_reach_now');
    expect([await count('park_enterprise_years'), await t.auditCount({ action: 'park.enterprise.year' })]).toEqual([years, audits]);
  });
});
