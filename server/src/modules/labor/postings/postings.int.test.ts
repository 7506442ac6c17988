import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Posting } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { XLSX_MIME } from '../../../platform/excel/workbook';
import { localDay } from '../../../platform/time';

/** Enterprises post their own labour demand; officials post for employers in their regions. */
let t: TestApp;
let hr: Client; // yuyang.hr, 余扬汽配 (綦江区)
let park: Client; // park.officer over 綦江区
let ly: Client; // ly.officer over 临沂市
let ck: Client;
const YUYANG = '余扬汽配';
const GEAR = '綦江齿轮传动有限公司';
const in30 = localDay(Date.now() + 30 * 86_400_000);
const today = localDay();

beforeAll(async () => {
  t = await startTestApp();
  [hr, park, ly, ck] = await Promise.all([t.login('yuyang.hr'), t.login('park.officer'), t.login('ly.officer'), t.login('ck.caseworker')]);
});
afterAll(() => t?.close());

const body = (over: Record<string, unknown> = {}) => ({
  title: '装配工',
  occupationCode: '6-22-02-01',
  headcount: 5,
  wageMin: 4500,
  wageMax: 6000,
  workRegionCode: '500110',
  housing: true,
  meals: true,
  transportSubsidy: 300,
  requiredCertificates: ['健康证'],
  ageMin: 18,
  ageMax: 50,
  validFrom: today,
  validTo: in30,
  ...over,
});
async function post(c: Client, over: Record<string, unknown> = {}): Promise<Posting> {
  const res = await c.post('/api/labor/postings', body(over));
  if (res.statusCode !== 201) throw new Error(`post: ${res.statusCode} ${res.body}`);
  return res.json();
}

describe('POST /api/labor/postings', () => {
  it("lets an enterprise's HR post for the own enterprise, all places open, audited", async () => {
    const before = await t.auditCount({ action: 'labor.posting.create' });
    const p = await post(hr);
    expect(p).toMatchObject({
      access: 'owner',
      orgName: YUYANG,
      postedByOrgName: YUYANG,
      occupationName: '汽车装调工',
      headcount: 5,
      openHeadcount: 5,
      wageMin: 4500,
      wageMax: 6000,
      workRegionName: '重庆市 綦江区',
      housing: true,
      meals: true,
      transportSubsidy: 300,
      requiredCertificates: ['健康证'],
      status: 'open',
      active: true,
    });
    expect(await t.auditCount({ action: 'labor.posting.create' })).toBe(before + 1);
  });

  it('lets officials post for employers in their regions, and nobody for employers outside', async () => {
    const gear = await t.orgId(GEAR);
    expect(await post(park, { orgId: gear })).toMatchObject({ orgName: GEAR, postedByOrgName: '綦江工业园区管委会' });
    const linyiEmployer = await t.orgId('临沂沂通物流有限公司');
    expect(await post(ly, { orgId: linyiEmployer, workRegionCode: '371311' })).toMatchObject({ orgName: '临沂沂通物流有限公司', postedByOrgName: '临沂市人力资源和社会保障局' });
    expect((await ly.post('/api/labor/postings', body({ orgId: gear }))).statusCode).toBe(403);
    expect((await hr.post('/api/labor/postings', body({ orgId: gear }))).statusCode).toBe(403);
    expect((await (await t.login('gear.operator')).post('/api/labor/postings', body())).statusCode).toBe(403);
    // A bureau is no employer: it posts only on an employer's behalf.
    const own = await ly.post('/api/labor/postings', body({ workRegionCode: '371300' }));
    expect(own.statusCode).toBe(400);
    expect(own.json().error.fields.orgId).toContain('employer');
  });

  it('answers 400 naming each bad field, and writes nothing', async () => {
    const before = await t.auditCount();
    const fields = async (over: Record<string, unknown>) => {
      const res = await hr.post('/api/labor/postings', body(over));
      expect(res.statusCode).toBe(400);
      return res.json().error.fields;
    };
    expect(await fields({ wageMin: 7000 })).toEqual({ wageMax: 'must not be below the minimum wage' });
    expect(await fields({ ageMin: 50, ageMax: 20 })).toEqual({ ageMax: 'must not be below the minimum age' });
    expect(await fields({ occupationCode: '6-99-99-99' })).toEqual({ occupationCode: 'unknown occupation code 6-99-99-99' });
    expect(await fields({ workRegionCode: '500110999' })).toEqual({ workRegionCode: 'unknown region code 500110999' });
    expect(await fields({ validFrom: '2020-01-01', validTo: '2020-02-01' })).toEqual({ validTo: 'must not be in the past' });
    expect(await fields({ validFrom: in30, validTo: today })).toEqual({ validTo: 'must not be before the start of validity' });
    expect(Object.keys(await fields({ headcount: 0 }))).toEqual(['headcount']);
    expect(Object.keys(await fields({ ageMin: 14 }))).toEqual(['ageMin']);
    expect(Object.keys(await fields({ title: '' }))).toEqual(['title']);
    expect(await t.auditCount()).toBe(before);
  });
});

describe('GET /api/labor/postings', () => {
  it('shows an enterprise its own postings only', async () => {
    const res = (await hr.get('/api/labor/postings?pageSize=100')).json();
    expect(res.total).toBeGreaterThan(0);
    expect(new Set(res.items.map((p: Posting) => p.orgName))).toEqual(new Set([YUYANG]));
  });

  it('filters by occupation group, region, employer and activity', async () => {
    const machining: Posting[] = (await ly.get('/api/labor/postings?occupation=6-18&pageSize=100')).json().items;
    expect(machining.length).toBeGreaterThan(0);
    expect(machining.every((p) => p.occupationCode.startsWith('6-18-'))).toBe(true);
    const lanshan: Posting[] = (await ly.get('/api/labor/postings?region=371302&pageSize=100')).json().items;
    expect(lanshan.length).toBeGreaterThan(0);
    expect(lanshan.every((p) => p.workRegionCode.startsWith('371302'))).toBe(true);
    const employer = await t.orgId('平邑蒙阳家政服务有限公司');
    const theirs: Posting[] = (await ly.get(`/api/labor/postings?orgId=${employer}&pageSize=100`)).json().items;
    expect(theirs.map((p) => p.title)).toEqual(expect.arrayContaining(['家庭厨师', '家政服务员', '育婴员', '养老护理员']));
    expect(new Set(theirs.map((p) => p.orgName))).toEqual(new Set(['平邑蒙阳家政服务有限公司']));
    const forklift: Posting[] = (await ly.get(`/api/labor/postings?q=${encodeURIComponent('叉车')}`)).json().items;
    expect(forklift.map((p) => p.title)).toContain('叉车司机');
    expect(forklift.every((p) => p.title.includes('叉车') || p.orgName.includes('叉车'))).toBe(true);
    const all = (await ly.get('/api/labor/postings?pageSize=1')).json().total;
    const active = (await ly.get('/api/labor/postings?active=true&pageSize=1')).json().total;
    const inactive = (await ly.get('/api/labor/postings?active=false&pageSize=1')).json().total;
    expect(active + inactive).toBe(all);
    expect((await ly.get('/api/labor/postings?status=paused')).statusCode).toBe(400);
  });

  it('exports the filtered list as a workbook', async () => {
    const res = await ly.get('/api/labor/postings/export?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
  });
});

describe('PATCH /api/labor/postings/:id', () => {
  it('moves the open headcount with the headcount, never below the places already filled', async () => {
    const p = await post(hr, { headcount: 10 });
    // Part 2's placements decrement the open headcount; here two places are filled directly.
    await t.platform.handle.db.updateTable('labor_postings').set({ open_headcount: 8 }).where('id', '=', p.id).execute();
    const grown = await hr.patch(`/api/labor/postings/${p.id}`, { headcount: 12 });
    expect(grown.json()).toMatchObject({ headcount: 12, openHeadcount: 10 });
    expect((await hr.patch(`/api/labor/postings/${p.id}`, { headcount: 2 })).json()).toMatchObject({ headcount: 2, openHeadcount: 0, active: false });
    const below = await hr.patch(`/api/labor/postings/${p.id}`, { headcount: 1 });
    expect(below.statusCode).toBe(409);
    expect(below.json().error.fields).toEqual({ headcount: 'below the places already filled' });
  });

  it('closes a posting, with before and after in the audit', async () => {
    const p = await post(hr);
    const closed = await hr.patch(`/api/labor/postings/${p.id}`, { status: 'closed' });
    expect(closed.json()).toMatchObject({ status: 'closed', active: false });
    const audit = await t.platform.handle.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity_id', '=', p.id)
      .where('action', '=', 'labor.posting.update')
      .executeTakeFirstOrThrow();
    expect([audit.before, audit.after]).toMatchObject([{ status: 'open' }, { status: 'closed' }]);
  });

  it('answers 400 for a merged range that no longer holds, 403 out of scope, 404 unknown', async () => {
    const p = await post(hr);
    expect((await hr.patch(`/api/labor/postings/${p.id}`, { wageMax: 1000 })).json().error.fields).toEqual({ wageMax: 'must not be below the minimum wage' });
    expect((await ly.patch(`/api/labor/postings/${p.id}`, { title: '改名' })).statusCode).toBe(403);
    expect((await ck.patch(`/api/labor/postings/${p.id}`, { title: '改名' })).statusCode).toBe(403);
    expect((await hr.patch('/api/labor/postings/00000000-0000-4000-8000-000000000000', { title: '改名' })).statusCode).toBe(404);
  });
});

describe('posting routes without a session, or without the permission', () => {
  it('answer 401, and 403 to a user with no labour permission', async () => {
    const anon = t.anonymous();
    const id = '00000000-0000-4000-8000-000000000000';
    const answers = await Promise.all([
      anon.get('/api/labor/postings'),
      anon.get('/api/labor/postings/export'),
      anon.get(`/api/labor/postings/${id}`),
      anon.post('/api/labor/postings', body()),
      anon.patch(`/api/labor/postings/${id}`, { title: 'x' }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
    const auditor = await t.login('park.auditor');
    expect((await auditor.get('/api/labor/postings')).statusCode).toBe(403);
    const own = (await hr.get('/api/labor/postings?pageSize=1')).json().items[0];
    expect((await auditor.get(`/api/labor/postings/${own.id}`)).statusCode).toBe(403);
    expect((await hr.get(`/api/labor/postings/${id}`)).statusCode).toBe(404);
  });
});
