import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yiToYuan, yuanToYi, type EnterpriseDetail, type Project, type YearSummary } from '@gearbridge/contracts/park';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { xlsxText } from '../../test/xlsx';
import { readPdf } from '../../test/pdf';
import { localDay } from '../../platform/time';
import { userWith } from './test/kit';
import { ARTICLE_2019 } from './seed/projects.data';
import { ARTICLE_REVIVED_2019 } from './seed/space.data';

/**
 * The park module over HTTP on the seeded demo: the yearly summary computed from the records reproduces the
 * article's 2019; every route refuses anonymous (401), users without the permission or outside the scope (403) and
 * bad input (400, nothing changed); stages go back only with a reason (audited); amounts sum exactly; contacts are
 * masked and revealed only with park.reveal, audited.
 */
const PARK = '綦江工业园区管委会';
let t: TestApp;
let officer: Client;
let outsider: Client; // gear.admin: an organisation administrator without park permissions
let otherOfficer: Client; // the park officer's role, but at 余扬汽配 and without a region: its own organisation only
let liaison: Client; // 余扬汽配's park liaison: reads its own registry entry only
const ANY_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  officer = await t.login('park.officer');
  outsider = await t.login('gear.admin');
  otherOfficer = await userWith(t, admin, { username: 'yuyang.officer', org: '余扬汽配', role: 'park_officer' });
  liaison = await userWith(t, admin, { username: 'yuyang.liaison', org: '余扬汽配', role: 'park_enterprise' });
});
afterAll(() => t?.close());

const newProject = (over: Record<string, unknown> = {}) => ({ name: '测试项目', investor: '测试投资方', amount: '1.5', category: 'industrial_sensors', ...over });

describe('the yearly summary', () => {
  it('reproduces the article’s 2019 from the records: 42 signed projects, 242.15亿元, 1 over 100亿, 1 over 50亿, 5 over 10亿, 30+ reserve, 120,000 m² revived', async () => {
    const res = await officer.get('/api/park/summary?year=2019');
    expect(res.statusCode).toBe(200);
    const s: YearSummary = res.json();
    expect(s.signed).toEqual({ count: ARTICLE_2019.signedCount, amount: ARTICLE_2019.signedAmount });
    expect(s.years).toEqual([2019, 2018]);
    // Without a year, the latest with signed projects.
    expect((await officer.get('/api/park/summary')).json()).toEqual(s);
    expect(s.over100.count).toBe(ARTICLE_2019.over100);
    expect(s.over50.count).toBe(ARTICLE_2019.over50);
    expect(s.over10.count).toBe(ARTICLE_2019.over10);
    expect(s.reserve.count).toBeGreaterThanOrEqual(ARTICLE_2019.reserveAtLeast);
    // 盘活闲置厂房12万平方米: summed from the 2019 leases of sites that stood idle.
    expect(s.areaRevived.areaM2).toBe(ARTICLE_REVIVED_2019);
    expect(s.largest.slice(0, 2).map((p) => p.name)).toEqual(['腾讯云基地项目', '金美新材料项目']);
    expect(s.largest.slice(2, 7).map((p) => p.name)).toEqual(
      expect.arrayContaining(['烯宇新材料石墨烯产业化项目', '魔方卫星产业基地项目', '金悦通汽车电子项目', '友升铝业精深加工产业园项目（二期）']),
    );
    // The categories add up to the whole, exactly.
    expect(yuanToYi(s.byCategory.reduce((sum, c) => sum + yiToYuan(c.amount)!, 0n))).toBe('242.15');
    // 上海友升's second phase at the 2019 ceremony: 10亿 + 25亿 in its signing batch.
    const ceremony = s.batches.find((b) => b.kind === 'signing' && b.heldOn === '2019-11-26')!;
    const inBatch: Project[] = (await officer.get(`/api/park/projects?batchId=${ceremony.id}&pageSize=100`)).json().items;
    expect(
      inBatch
        .filter((p) => p.investor === '上海友升铝业有限公司')
        .map((p) => p.amount)
        .sort(),
    ).toEqual(['10', '25']);
    expect(ceremony.projectCount).toBe(inBatch.length);
  });

  it('is the scope’s: a user outside the park sees no projects in it', async () => {
    const s: YearSummary = (await otherOfficer.get('/api/park/summary?year=2019')).json();
    expect(s.signed).toEqual({ count: 0, amount: '0' });
    expect((await otherOfficer.get('/api/park/projects')).json().total).toBe(0);
  });
});

describe('who may do what', () => {
  let project: Project;
  let enterprise: EnterpriseDetail;
  beforeAll(async () => {
    project = (await officer.get('/api/park/projects?q=腾讯云')).json().items[0];
    const list = (await officer.get('/api/park/enterprises?q=余扬')).json().items;
    enterprise = (await officer.get(`/api/park/enterprises/${list[0].id}`)).json();
  });

  it('answers 401 without a session on every route', async () => {
    const anon = t.anonymous();
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/park/industries'],
      ['GET', '/api/park/projects'],
      ['GET', '/api/park/projects/stages'],
      ['GET', '/api/park/projects/export'],
      ['GET', '/api/park/enterprises/export'],
      ['POST', '/api/park/projects', newProject()],
      ['GET', `/api/park/projects/${project.id}`],
      ['PATCH', `/api/park/projects/${project.id}`, { name: 'x' }],
      ['POST', `/api/park/projects/${project.id}/stage`, { stage: 'lead', reason: 'x' }],
      ['GET', `/api/park/projects/${project.id}/stages`],
      ['GET', '/api/park/batches'],
      ['POST', '/api/park/batches', { kind: 'signing', name: 'x', heldOn: '2026-01-01' }],
      ['GET', `/api/park/batches/${ANY_ID}`],
      ['GET', '/api/park/summary?year=2019'],
      ['GET', '/api/park/summary/export?year=2019'],
      ['GET', '/api/park/summary/pdf?year=2019'],
      ['GET', '/api/park/enterprises'],
      ['POST', '/api/park/enterprises', {}],
      ['GET', `/api/park/enterprises/${enterprise.id}`],
      ['PATCH', `/api/park/enterprises/${enterprise.id}`, {}],
      ['PUT', `/api/park/enterprises/${enterprise.id}/years`, {}],
      ['POST', `/api/park/enterprises/${enterprise.id}/contacts`, {}],
      ['POST', `/api/park/enterprises/${enterprise.id}/contacts/${ANY_ID}/reveal`, { field: 'phone' }],
    ];
    for (const [method, url, body] of routes) expect((await anon.request(method, url, body)).statusCode, `${method} ${url}`).toBe(401);
  });

  it('answers 403 to a user without park permissions, on every route, and changes nothing', async () => {
    const before = await t.auditCount();
    const contact = enterprise.contacts[0];
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/park/industries'],
      ['GET', '/api/park/projects'],
      ['GET', '/api/park/projects/stages'],
      ['GET', '/api/park/projects/export'],
      ['GET', '/api/park/enterprises/export'],
      ['POST', '/api/park/projects', newProject()],
      ['GET', `/api/park/projects/${project.id}`],
      ['PATCH', `/api/park/projects/${project.id}`, { name: '改名' }],
      ['POST', `/api/park/projects/${project.id}/stage`, { stage: 'lead', reason: '测试' }],
      ['GET', `/api/park/projects/${project.id}/stages`],
      ['GET', '/api/park/batches'],
      ['POST', '/api/park/batches', { kind: 'signing', name: '测试批次', heldOn: '2026-01-01' }],
      ['GET', `/api/park/batches/${project.batches[0].id}`],
      ['GET', '/api/park/summary?year=2019'],
      ['GET', '/api/park/summary/export?year=2019'],
      ['GET', '/api/park/summary/pdf?year=2019'],
      ['GET', '/api/park/enterprises'],
      ['POST', '/api/park/enterprises', { orgId: enterprise.orgId, industryCode: 'C3670', scale: 'small' }],
      ['GET', `/api/park/enterprises/${enterprise.id}`],
      ['PATCH', `/api/park/enterprises/${enterprise.id}`, { products: '改' }],
      ['PUT', `/api/park/enterprises/${enterprise.id}/years`, { year: 2020, employees: 1, outputValue: '1', tax: '1' }],
      ['POST', `/api/park/enterprises/${enterprise.id}/contacts`, { name: '某某某' }],
      ['POST', `/api/park/enterprises/${enterprise.id}/contacts/${contact.id}/reveal`, { field: 'phone' }],
    ];
    for (const [method, url, body] of routes) expect((await outsider.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    expect(await t.auditCount()).toBe(before);
  });

  it('keeps another organisation’s park officer off the park’s records (403), and the enterprise liaison read-only on its own entry', async () => {
    for (const c of [otherOfficer, liaison]) {
      expect((await c.get(`/api/park/projects/${project.id}`)).statusCode).toBe(403);
      expect((await c.patch(`/api/park/projects/${project.id}`, { name: '改名' })).statusCode).toBe(403);
      expect((await c.post(`/api/park/projects/${project.id}/stage`, { stage: 'lead', reason: '测试' })).statusCode).toBe(403);
      expect((await c.post('/api/park/projects', newProject({ orgId: await t.orgId(PARK) }))).statusCode).toBe(403);
    }
    // The liaison sees its own enterprise and no other; it may not change it nor reveal its contacts.
    const own = (await liaison.get('/api/park/enterprises')).json();
    expect(own.items.map((e: { name: string }) => e.name)).toEqual(['余扬汽配']);
    expect((await liaison.get(`/api/park/enterprises/${enterprise.id}`)).statusCode).toBe(200);
    const gear = (await officer.get('/api/park/enterprises?q=齿轮传动')).json().items[0];
    expect((await liaison.get(`/api/park/enterprises/${gear.id}`)).statusCode).toBe(403);
    expect((await liaison.patch(`/api/park/enterprises/${enterprise.id}`, { products: '改' })).statusCode).toBe(403);
    expect((await liaison.post(`/api/park/enterprises/${enterprise.id}/contacts/${enterprise.contacts[0].id}/reveal`, { field: 'phone' })).statusCode).toBe(403);
    expect((await officer.get(`/api/park/projects/${project.id}`)).json().name).toBe('腾讯云基地项目');
  });

  it('answers 400 naming the fields to bad input, and writes nothing', async () => {
    const before = await t.auditCount();
    const cases: [string, string, unknown, string[]][] = [
      ['POST', '/api/park/projects', newProject({ amount: '1.123456789' }), ['amount']],
      ['POST', '/api/park/projects', newProject({ amount: '0', category: 'toys', name: '' }), ['amount', 'category', 'name']],
      ['POST', '/api/park/projects', newProject({ stage: 'signed', stageOn: '2999-01-01' }), ['stageOn']],
      ['POST', '/api/park/projects', newProject({ investorOrgId: ANY_ID }), ['investorOrgId']],
      ['PATCH', `/api/park/projects/${project.id}`, { amount: '-3' }, ['amount']],
      ['POST', `/api/park/projects/${project.id}/stage`, { stage: 'built' }, ['stage']],
      ['POST', '/api/park/batches', { kind: 'party', name: '', heldOn: 'x' }, ['heldOn', 'kind', 'name']],
      ['POST', '/api/park/batches', { kind: 'signing', name: '未来', heldOn: '2999-01-01' }, ['heldOn']],
      ['POST', '/api/park/enterprises', { orgId: await t.orgId(PARK), industryCode: 'C9999', scale: 'huge' }, ['scale']],
      ['POST', '/api/park/enterprises', { orgId: await t.orgId(PARK), industryCode: 'C9999', scale: 'small' }, ['industryCode', 'orgId']],
      ['PATCH', `/api/park/enterprises/${enterprise.id}`, { industryCode: '3670' }, ['industryCode']],
      ['PUT', `/api/park/enterprises/${enterprise.id}/years`, { year: 2020, employees: -1, outputValue: '1.5', tax: 'x' }, ['employees', 'outputValue', 'tax']],
      ['POST', `/api/park/enterprises/${enterprise.id}/contacts`, { name: '', phone: '12345' }, ['name', 'phone']],
    ];
    for (const [method, url, body, fields] of cases) {
      const res = await officer.request(method, url, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}).sort(), `${method} ${url}`).toEqual(fields);
    }
    expect((await officer.get('/api/park/projects/not-a-uuid')).statusCode).toBe(400);
    expect((await officer.get('/api/park/summary?year=abc')).statusCode).toBe(400);
    expect((await officer.post('/api/park/enterprises', { orgId: enterprise.orgId, industryCode: 'C3670', scale: 'small' })).statusCode).toBe(409);
    expect(await t.auditCount()).toBe(before);
    expect((await officer.get(`/api/park/projects/${project.id}`)).json()).toEqual(project);
  });
});

describe('exports', () => {
  it('give the filtered project list with exact amounts, and the registry without contacts', async () => {
    const res = await officer.get('/api/park/projects/export?signedYear=2019&lang=zh');
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const col = header.indexOf('协议投资额（亿元）') + 1;
    const amounts = Array.from({ length: sheet.rowCount - 1 }, (_, i) => String(sheet.getRow(i + 2).getCell(col).value));
    expect(amounts).toHaveLength(42);
    expect(yuanToYi(amounts.reduce((sum, a) => sum + yiToYuan(a)!, 0n))).toBe('242.15');

    const reg = await officer.get('/api/park/enterprises/export?lang=en');
    expect(reg.statusCode).toBe(200);
    const text = xlsxText(reg.rawPayload);
    expect(text).toContain('綦江齿轮传动有限公司');
    expect(text).toContain('Gears, gear reducers and gearboxes');
    expect(text).not.toMatch(/1380000010\d/);
    // The liaison's export is its own entry only.
    expect(xlsxText((await liaison.get('/api/park/enterprises/export')).rawPayload)).not.toContain('綦江齿轮传动有限公司');
  });
});

describe('the yearly summary as Excel and PDF', () => {
  it('carries the article’s 2019 figures from the records: 42 projects, 242.15亿元, 120,000 m² revived', async () => {
    const xlsx = await officer.get('/api/park/summary/export?year=2019&lang=zh');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const row = (label: string) => (sheet.getRows(2, sheet.rowCount - 1) ?? []).find((r) => r.getCell(1).value === label)!;
    expect([row('签约项目').getCell(2).value, row('签约项目').getCell(3).value]).toEqual([ARTICLE_2019.signedCount, ARTICLE_2019.signedAmount]);
    expect(row('盘活闲置厂房（租约数 / 平方米）').getCell(4).value).toBe(ARTICLE_REVIVED_2019);

    const pdf = await officer.get('/api/park/summary/pdf?year=2019&lang=en');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = (await readPdf(pdf.rawPayload)).text.join(' ');
    expect(text).toContain('242.15');
    expect(text).toContain('120,000');
    expect(text).toContain('腾讯云基地项目');
    expect((await officer.get('/api/park/summary/pdf?year=abc')).statusCode).toBe(400);
  });
});

describe('the stage pipeline', () => {
  it('moves forward with dates, goes back only with a reason (audited), and keeps the history', async () => {
    const created = await officer.post('/api/park/projects', newProject({ name: '阶段测试项目', stage: 'negotiating', stageOn: '2026-01-10' }));
    expect(created.statusCode).toBe(201);
    const p: Project = created.json();
    expect(p.stageDates).toEqual({ lead: '2026-01-10', negotiating: '2026-01-10', signed: null, construction: null, production: null });
    const url = `/api/park/projects/${p.id}/stage`;

    expect((await officer.post(url, { stage: 'signed', on: '2026-01-09' })).json().error.fields).toHaveProperty('on');
    const signed: Project = (await officer.post(url, { stage: 'signed', on: '2026-02-01' })).json();
    expect(signed.stage).toBe('signed');
    expect(signed.stageDates.signed).toBe('2026-02-01');

    // Back without a reason: 400, nothing changed, nothing audited.
    for (const body of [{ stage: 'negotiating' }, { stage: 'lead', reason: '  ' }]) {
      const res = await officer.post(url, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.key).toBe('park.stage.back_needs_reason');
      expect(Object.keys(res.json().error.fields)).toEqual(['reason']);
    }
    expect((await officer.get(`/api/park/projects/${p.id}`)).json().stage).toBe('signed');
    expect(await t.auditCount({ action: 'park.project.stage_back', entityId: p.id })).toBe(0);
    expect((await officer.post(url, { stage: 'signed' })).json().error.key).toBe('park.stage.unchanged');

    const back = await officer.post(url, { stage: 'negotiating', reason: '投资方调整投资计划，重新洽谈' });
    expect(back.statusCode).toBe(200);
    expect(back.json().stageDates).toEqual({ lead: '2026-01-10', negotiating: '2026-01-10', signed: null, construction: null, production: null });
    const audit = await t.platform.handle.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity_id', '=', p.id)
      .where('action', '=', 'park.project.stage_back')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ stage: 'negotiating', reason: '投资方调整投资计划，重新洽谈' });
    expect(audit[0].before).toMatchObject({ stage: 'signed' });

    const history = (await officer.get(`/api/park/projects/${p.id}/stages`)).json();
    expect(history.map((h: { stage: string; previousStage: string | null; reason: string | null }) => [h.previousStage, h.stage, h.reason])).toEqual([
      [null, 'negotiating', null],
      ['negotiating', 'signed', null],
      ['signed', 'negotiating', '投资方调整投资计划，重新洽谈'],
    ]);
  });

  it('a ceremony batch moves its projects to its stage on its day, all or nothing', async () => {
    const a: Project = (await officer.post('/api/park/projects', newProject({ name: '批次项目甲', stage: 'negotiating', stageOn: '2026-03-01' }))).json();
    const b: Project = (await officer.post('/api/park/projects', newProject({ name: '批次项目乙', stage: 'lead', stageOn: '2026-03-02' }))).json();
    const done: Project = (await officer.post('/api/park/projects', newProject({ name: '已投产项目', stage: 'production', stageOn: '2026-03-03' }))).json();
    // One project already past signing: the whole batch is refused and nothing moved.
    const refused = await officer.post('/api/park/batches', { kind: 'signing', name: '2026年集中签约', heldOn: '2026-04-01', projectIds: [a.id, b.id, done.id] });
    expect(refused.statusCode).toBe(400);
    expect(Object.keys(refused.json().error.fields)).toEqual(['projectIds']);
    expect((await officer.get(`/api/park/projects/${a.id}`)).json().stage).toBe('negotiating');

    // A ceremony before the day a project reached its current stage: refused on the projects, not moved.
    const early = await officer.post('/api/park/batches', { kind: 'signing', name: '2026年集中签约', heldOn: '2026-03-01', projectIds: [a.id, b.id] });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fieldMessages.projectIds).toEqual({ key: 'park.batch.field_after_day', params: { count: 1 } });

    const res = await officer.post('/api/park/batches', { kind: 'signing', name: '2026年集中签约', heldOn: '2026-04-01', place: '綦江工业园区', projectIds: [a.id, b.id] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'signing', projectCount: 2, amount: '3' });
    for (const id of [a.id, b.id]) {
      const p: Project = (await officer.get(`/api/park/projects/${id}`)).json();
      expect(p.stage).toBe('signed');
      expect(p.stageDates.signed).toBe('2026-04-01');
      expect(p.batches.map((x) => x.id)).toEqual([res.json().id]);
    }
  });
});

describe('money', () => {
  it('sums many amounts exactly to the yuan: the summary equals the decimal sum of what was recorded', async () => {
    const today = localDay();
    const year = Number(today.slice(0, 4));
    const base = yiToYuan((await officer.get(`/api/park/summary?year=${year}`)).json().signed.amount)!;
    // Amounts down to the yuan whose binary floating-point sum is not exact (0.1 + 0.2 …).
    const amounts = Array.from({ length: 60 }, (_, i) => `${(i * 7919) % 97}.${String((i * 104_729) % 100_000_000).padStart(8, '0')}`).map((a) =>
      a.startsWith('0.00000000') ? '0.1' : a,
    );
    amounts.push('0.1', '0.2', '0.3');
    for (const [i, amount] of amounts.entries()) {
      const res = await officer.post('/api/park/projects', newProject({ name: `精确金额项目${i}`, amount, stage: 'signed', stageOn: today }));
      expect(res.statusCode, amount).toBe(201);
      expect(res.json().amount).toBe(yuanToYi(yiToYuan(amount)!));
    }
    const expected = amounts.reduce((s, a) => s + yiToYuan(a)!, base);
    const s: YearSummary = (await officer.get(`/api/park/summary?year=${year}`)).json();
    expect(yiToYuan(s.signed.amount)).toBe(expected);
  });
});

describe('contacts', () => {
  it('are masked in answers and revealed only through park.reveal, each reveal audited', async () => {
    const list = (await officer.get('/api/park/enterprises?q=荆江')).json().items;
    const e: EnterpriseDetail = (await officer.get(`/api/park/enterprises/${list[0].id}`)).json();
    expect(e.contacts[0]).toMatchObject({ nameMasked: '张**', phoneMasked: '138****0102' });
    expect(JSON.stringify(e)).not.toContain('13800000102');
    expect(e.years.map((y) => y.year)).toEqual([2019, 2018]);
    expect(e.latest).toMatchObject({ year: 2019, outputValue: '412500000' });
    const before = await t.auditCount({ action: 'pii.reveal', entityId: e.contacts[0].id });
    const res = await officer.post(`/api/park/enterprises/${e.id}/contacts/${e.contacts[0].id}/reveal`, { field: 'phone' });
    expect(res.json()).toEqual({ field: 'phone', value: '13800000102' });
    expect(await t.auditCount({ action: 'pii.reveal', entityId: e.contacts[0].id })).toBe(before + 1);

    const added = await officer.post(`/api/park/enterprises/${e.id}/contacts`, { name: '欧阳测试', title: '联络人', phone: '13800000199' });
    expect(added.statusCode).toBe(201);
    expect(added.json().contacts.map((c: { phoneMasked: string }) => c.phoneMasked)).toContain('138****0199');
    const row = await t.platform.handle.db.selectFrom('park_contacts').selectAll().where('phone_masked', '=', '138****0199').executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain('13800000199');
    expect(row.name_enc).not.toContain('欧阳');
  });
});
