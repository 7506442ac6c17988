import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { makeIdNumber } from '@gearbridge/contracts/pii';
import { CK, PINGYI, count, freshId, userWith, workerBody } from '../test/kit';
import { localDay } from '../../../platform/time';

let t: TestApp;
let admin: Client;
let ck: Client; // ck.caseworker: labour caseworker over 城口县
let ckAdmin: Client; // ck.admin: the bureau's org admin, with the caseworker role over the county from the demo seed
let py: Client; // a labour caseworker of 平邑县 (another county)
let hr: Client; // yuyang.hr: labor.read and labor.post, no labor.manage
let ckWorkers: number; // workers the demo seeded for 城口县

beforeAll(async () => {
  t = await startTestApp();
  [admin, ck, ckAdmin, hr] = await Promise.all([t.login('admin'), t.login('ck.caseworker'), t.login('ck.admin'), t.login('yuyang.hr')]);
  py = await userWith(t, admin, { username: 'py.caseworker', org: PINGYI, role: 'labour_caseworker', region: '371326' });
  ckWorkers = await count(t, 'labor_workers');
});
afterAll(() => t?.close());

async function create(c: Client, over: Record<string, unknown> = {}): Promise<Worker> {
  const res = await c.post('/api/labor/workers', workerBody(over));
  if (res.statusCode !== 201) throw new Error(`create worker: ${res.statusCode} ${res.body}`);
  return res.json();
}
const history = async (c: Client, id: string) => (await c.get(`/api/labor/workers/${id}/history`)).json();

describe('every /api/labor/workers route without a session', () => {
  it('answers 401 and writes nothing', async () => {
    const anon = t.anonymous();
    const id = '00000000-0000-4000-8000-000000000000';
    const before = await t.auditCount();
    const answers = await Promise.all([
      anon.get('/api/labor/workers'),
      anon.get('/api/labor/workers/export'),
      anon.get(`/api/labor/workers/${id}`),
      anon.get(`/api/labor/workers/${id}/history`),
      anon.post('/api/labor/workers', workerBody()),
      anon.patch(`/api/labor/workers/${id}`, { registeredPoor: false }),
      anon.del(`/api/labor/workers/${id}`),
      anon.post(`/api/labor/workers/${id}/status`, { status: 'employed_local', reason: 'x' }),
      anon.request('PUT', `/api/labor/workers/${id}/consent`, { consent: true }),
      anon.post(`/api/labor/workers/${id}/reveal`, { field: 'idNumber' }),
      anon.get('/api/labor/occupations'),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual(Array(11).fill(401));
    expect(await t.auditCount()).toBe(before);
  });
});

describe('POST /api/labor/workers', () => {
  it('registers a worker with sex and age from the ID number, masked personal data, and a first history row', async () => {
    const idNumber = makeIdNumber('500229', '1979-04-02', 357);
    const before = await t.auditCount({ action: 'labor.worker.create' });
    const w = await create(ck, { idNumber, name: '测试工人甲', phone: '13912345678' });
    expect(w).toMatchObject({
      access: 'owner',
      orgName: CK,
      caseworkerName: '刘助',
      nameMasked: '测****',
      idNumberMasked: `5002**********${idNumber.slice(-4)}`,
      phoneMasked: '139****5678',
      gender: 'male',
      homeRegionCode: '500229106',
      homeRegionName: '重庆市 城口县 修齐镇',
      homeVillage: '东河村',
      registeredPoor: true,
      status: 'unemployed',
      skills: [{ code: '6-18-01-01', name: '车工', level: 'level4' }],
      needs: {
        occupations: [{ code: '6-18-01-01', name: '车工' }],
        regions: [{ code: '371300', name: '山东省 临沂市' }],
        minMonthlyWage: 4500,
        needsHousing: true,
        availableFrom: '2026-12-01',
      },
      consent: { given: false, at: null, byName: null },
    });
    const now = new Date();
    expect(w.age).toBe(now.getUTCFullYear() - 1979 - (now.getUTCMonth() < 3 || (now.getUTCMonth() === 3 && now.getUTCDate() < 2) ? 1 : 0));
    expect(w).not.toHaveProperty('birthDate');
    expect(await history(ck, w.id)).toMatchObject([{ status: 'unemployed', previousStatus: null, reason: 'registered', changedByName: '刘助' }]);
    expect(await t.auditCount({ action: 'labor.worker.create' })).toBe(before + 1);
    const row = await t.platform.handle.db.selectFrom('audit_log').select(['after', 'org_id']).where('entity_id', '=', w.id).executeTakeFirstOrThrow();
    expect(row.org_id).toBe(await t.orgId(CK));
    expect(JSON.stringify(row.after)).not.toContain(idNumber);
    expect(JSON.stringify(row.after)).not.toContain('13912345678');
    expect(JSON.stringify(row.after)).not.toContain('测试工人甲');
  });

  it('answers 409 for a second worker with the same ID number, however it is written', async () => {
    const idNumber = freshId();
    await create(ck, { idNumber });
    const before = await count(t, 'labor_workers');
    const again = await ck.post('/api/labor/workers', workerBody({ idNumber: ` ${idNumber.toLowerCase()} `, name: '另一个人' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual({ idNumber: 'already registered' });
    expect(again.json().error).toMatchObject({ key: 'labor.worker.duplicate', fieldMessages: { idNumber: { key: 'labor.worker.field_already_registered' } } });
    expect(await count(t, 'labor_workers')).toBe(before);
  });

  it('answers 400 naming each bad field, and writes nothing', async () => {
    const before = await t.auditCount();
    const bad = async (over: Record<string, unknown>) => {
      const res = await ck.post('/api/labor/workers', workerBody(over));
      expect(res.statusCode).toBe(400);
      return res.json().error.fields;
    };
    const good = freshId();
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(await bad({ idNumber: wrongCheck })).toEqual({ idNumber: 'ID number check digit is wrong' });
    expect(await bad({ idNumber: makeIdNumber('500229', '2099-01-01', 1) })).toEqual({ idNumber: expect.stringContaining('birth date') });
    expect(await bad({ homeRegionCode: '500229999' })).toEqual({ homeRegionCode: 'unknown region code 500229999' });
    expect(await bad({ homeRegionCode: '371302001' })).toEqual({ homeRegionCode: expect.stringContaining('outside 城口县就业和人才服务局') });
    expect(await bad({ skills: [{ code: '6-18-01-99', level: 'none' }] })).toEqual({ 'skills.0.code': 'unknown occupation code 6-18-01-99' });
    expect(await bad({ needs: { occupations: ['9-99'], regions: ['999999'], needsHousing: false } })).toEqual({
      'needs.occupations.0': 'unknown occupation code 9-99',
      'needs.regions.0': 'unknown region code 999999',
    });
    expect(Object.keys(await bad({ phone: '12345' }))).toEqual(['phone']);
    expect(Object.keys(await bad({ name: '   ' }))).toEqual(['name']);
    expect(Object.keys(await bad({ status: 'retired' }))).toEqual(['status']);
    // Over HTTP each message carries its key and parameters beside the English text, for the web to translate.
    const both = await ck.post('/api/labor/workers', workerBody({ homeRegionCode: '500229999', idNumber: wrongCheck }));
    expect(both.json().error).toMatchObject({
      key: 'labor.worker.invalid_fields',
      params: { fields: 'idNumber, homeRegionCode' },
      fieldMessages: { idNumber: { key: 'labor.worker.id_check_digit' }, homeRegionCode: { key: 'labor.field.unknown_region', params: { code: '500229999' } } },
    });
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 403 to users without labor.manage over the owning bureau', async () => {
    expect((await hr.post('/api/labor/workers', workerBody())).statusCode).toBe(403);
    expect((await (await t.login('ly.officer')).post('/api/labor/workers', workerBody())).statusCode).toBe(403);
    // Another county's caseworker can neither register into 城口县's bureau nor into the own one with a Chengkou home.
    expect((await py.post('/api/labor/workers', workerBody({ orgId: await t.orgId(CK) }))).statusCode).toBe(403);
    const own = await py.post('/api/labor/workers', workerBody());
    expect(own.statusCode).toBe(400);
    expect(own.json().error.fields.homeRegionCode).toContain('outside 平邑县人力资源和社会保障局');
    expect((await py.post('/api/labor/workers', workerBody({ homeRegionCode: '371326101' }))).statusCode).toBe(201);
  });
});

describe('GET /api/labor/workers', () => {
  it("shows the county's caseworker and the bureau's admin the county's roll, with paging", async () => {
    const all = (await ck.get('/api/labor/workers?pageSize=500')).json();
    expect(all.total).toBeGreaterThanOrEqual(ckWorkers);
    expect(new Set(all.items.map((w: Worker) => w.orgName))).toEqual(new Set([CK]));
    const [p1, p2] = [(await ck.get('/api/labor/workers?pageSize=10')).json(), (await ck.get('/api/labor/workers?pageSize=10&page=2')).json()];
    expect(p1.items).toHaveLength(10);
    expect(p1.items.map((w: Worker) => w.id).filter((id: string) => p2.items.some((x: Worker) => x.id === id))).toEqual([]);
    expect((await ckAdmin.get('/api/labor/workers?pageSize=1')).json().total).toBe(all.total);
  });

  it('shows a caseworker of another county none of them, and refuses their records one by one', async () => {
    const mine = (await py.get('/api/labor/workers?pageSize=500')).json();
    expect(mine.items.every((w: Worker) => w.orgName === PINGYI)).toBe(true);
    const ckOne = (await ck.get('/api/labor/workers?pageSize=1')).json().items[0];
    expect((await py.get(`/api/labor/workers/${ckOne.id}`)).statusCode).toBe(403);
    expect((await py.get(`/api/labor/workers?q=${ckOne.nameMasked[0]}&pageSize=500`)).json().items.every((w: Worker) => w.orgName === PINGYI)).toBe(true);
  });

  it('filters by status, region, flags and occupation in SQL, agreeing with the database', async () => {
    const db = t.platform.handle.db;
    const n = async (q: string) => (await ck.get(`/api/labor/workers?pageSize=1&${q}`)).json().total;
    const dbCount = async (f: (q: ReturnType<typeof base>) => ReturnType<typeof base>) => Number((await f(base()).executeTakeFirstOrThrow()).n);
    const ckOrg = await t.orgId(CK);
    const base = () =>
      db
        .selectFrom('labor_workers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', ckOrg);
    expect(await n('status=unemployed')).toBe(await dbCount((q) => q.where('status', '=', 'unemployed')));
    expect(await n('registeredPoor=true')).toBe(await dbCount((q) => q.where('registered_poor', '=', true)));
    expect(await n('monitored=true')).toBe(await dbCount((q) => q.where('monitoring_category', 'is not', null)));
    expect(await n('region=500229106')).toBe(await dbCount((q) => q.where('home_region_code', 'like', '500229106%')));
    expect(await n('consent=true')).toBeGreaterThan(0);
    const welders = (await ck.get('/api/labor/workers?pageSize=500&occupation=6-18-02-04')).json();
    expect(welders.total).toBeGreaterThan(0);
    expect(welders.items.every((w: Worker) => w.skills.some((s) => s.code === '6-18-02-04') || w.needs.occupations.some((o) => o.code === '6-18-02-04'))).toBe(true);
    const machining = await n('occupation=6-18');
    expect(machining).toBeGreaterThan(welders.total);
    expect((await ck.get('/api/labor/workers?status=retired')).statusCode).toBe(400);
  });

  it('finds a person by exact ID number, phone or full name (keyed hashes), and by surname', async () => {
    const idNumber = freshId();
    const w = await create(ck, { idNumber, name: '欧阳测试', phone: '13987654321' });
    const found = async (q: string) => (await ck.get(`/api/labor/workers?pageSize=500&q=${encodeURIComponent(q)}`)).json().items.map((x: Worker) => x.id);
    expect(await found(idNumber)).toEqual([w.id]);
    expect(await found('13987654321')).toEqual([w.id]);
    expect(await found('欧阳测试')).toEqual([w.id]);
    expect(await found('欧阳')).toEqual([]); // no partial match on an encrypted name
    expect(await found('欧')).toContain(w.id);
  });
});

describe('GET /api/labor/workers/:id', () => {
  it('answers 404 for an unknown worker and 400 for a malformed id', async () => {
    expect((await ck.get('/api/labor/workers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await ck.get('/api/labor/workers/not-a-uuid')).statusCode).toBe(400);
  });

  it('answers 403 to a user without labor.read', async () => {
    const w = (await ck.get('/api/labor/workers?pageSize=1')).json().items[0];
    const operator = await t.login('gear.operator');
    expect((await operator.get(`/api/labor/workers/${w.id}`)).statusCode).toBe(403);
    expect((await operator.get('/api/labor/workers')).statusCode).toBe(403);
  });
});

describe('PATCH /api/labor/workers/:id', () => {
  it('changes needs, skills and the name, with before and after in the audit', async () => {
    const w = await create(ck);
    const res = await ck.patch(`/api/labor/workers/${w.id}`, {
      name: '新名字乙',
      skills: [{ code: '6-18-02-04', level: 'level3' }],
      needs: { occupations: ['6-18-02-04'], regions: ['500110'], minMonthlyWage: 5000, needsHousing: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      nameMasked: '新***',
      skills: [{ code: '6-18-02-04', level: 'level3' }],
      needs: { regions: [{ code: '500110' }], minMonthlyWage: 5000, needsHousing: false },
    });
    const audit = await t.platform.handle.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity_id', '=', w.id)
      .where('action', '=', 'labor.worker.update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ nameMasked: '测****', skills: [{ code: '6-18-01-01' }] });
    expect(audit.after).toMatchObject({ nameMasked: '新***' });
    expect(JSON.stringify(audit)).not.toContain('新名字乙');
  });

  it("answers 400 for bad fields, 409 for another worker's ID number, 403 out of scope, 404 unknown", async () => {
    const [a, b] = [await create(ck), await create(ck)];
    const idOfB = (await ck.post(`/api/labor/workers/${b.id}/reveal`, { field: 'idNumber' })).json().value;
    expect((await ck.patch(`/api/labor/workers/${a.id}`, { skills: [{ code: '1-01', level: 'none' }] })).statusCode).toBe(400);
    expect((await ck.patch(`/api/labor/workers/${a.id}`, { homeRegionCode: '371302001' })).statusCode).toBe(400);
    const dup = await ck.patch(`/api/labor/workers/${a.id}`, { idNumber: idOfB });
    expect(dup.statusCode).toBe(409);
    expect((await py.patch(`/api/labor/workers/${a.id}`, { registeredPoor: false })).statusCode).toBe(403);
    expect((await hr.patch(`/api/labor/workers/${a.id}`, { registeredPoor: false })).statusCode).toBe(403);
    expect((await ck.patch('/api/labor/workers/00000000-0000-4000-8000-000000000000', { registeredPoor: false })).statusCode).toBe(404);
  });
});

describe('employment status and its history', () => {
  it('appends every change with date, reason and who; the past is never overwritten', async () => {
    const w = await create(ck);
    const today = localDay();
    const r1 = await ck.post(`/api/labor/workers/${w.id}/status`, { status: 'in_training', reason: '参加夏布织造培训班' });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ status: 'in_training', statusSince: today });
    const r2 = await ckAdmin.post(`/api/labor/workers/${w.id}/status`, { status: 'employed_out_of_province', reason: '经劳务协作赴临沂就业', effectiveOn: today });
    expect(r2.json().status).toBe('employed_out_of_province');
    expect(await history(ck, w.id)).toMatchObject([
      { status: 'unemployed', previousStatus: null, reason: 'registered', changedByName: '刘助' },
      { status: 'in_training', previousStatus: 'unemployed', reason: '参加夏布织造培训班', effectiveOn: today, changedByName: '刘助' },
      { status: 'employed_out_of_province', previousStatus: 'in_training', reason: '经劳务协作赴临沂就业', changedByName: '何管' },
    ]);
    expect(await t.auditCount({ action: 'labor.worker.status', entityId: w.id })).toBe(2);
  });

  it("refuses a change to the same status (409), a future or out-of-order date (400), and others' workers (403)", async () => {
    const w = await create(ck);
    const rows = await count(t, 'labor_worker_status_history');
    expect((await ck.post(`/api/labor/workers/${w.id}/status`, { status: 'unemployed', reason: '重复' })).statusCode).toBe(409);
    expect((await ck.post(`/api/labor/workers/${w.id}/status`, { status: 'employed_local', reason: '未来', effectiveOn: '2999-01-01' })).statusCode).toBe(400);
    expect((await ck.post(`/api/labor/workers/${w.id}/status`, { status: 'employed_local', reason: '太早', effectiveOn: '2000-01-01' })).json().error.fields).toEqual({
      effectiveOn: expect.stringContaining('on or after'),
    });
    expect((await ck.post(`/api/labor/workers/${w.id}/status`, { status: 'unemployed', reason: '重复' })).json().error).toMatchObject({
      key: 'labor.status.already_unemployed',
      message: "The worker's status is already unemployed",
    });
    expect((await ck.post(`/api/labor/workers/${w.id}/status`, { status: 'employed_local' })).statusCode).toBe(400); // reason required
    expect((await py.post(`/api/labor/workers/${w.id}/status`, { status: 'employed_local', reason: 'x' })).statusCode).toBe(403);
    expect((await hr.post(`/api/labor/workers/${w.id}/status`, { status: 'employed_local', reason: 'x' })).statusCode).toBe(403);
    expect((await ck.post('/api/labor/workers/00000000-0000-4000-8000-000000000000/status', { status: 'employed_local', reason: 'x' })).statusCode).toBe(404);
    expect((await py.get(`/api/labor/workers/${w.id}/history`)).statusCode).toBe(403);
    expect(await count(t, 'labor_worker_status_history')).toBe(rows);
  });
});

describe('consent to sharing', () => {
  it('is recorded with when and by whom, once; withdrawing it is recorded too', async () => {
    const w = await create(ck);
    const given = await ck.request('PUT', `/api/labor/workers/${w.id}/consent`, { consent: true });
    expect(given.statusCode).toBe(200);
    expect(given.json().consent).toMatchObject({ given: true, byName: '刘助' });
    expect(Date.now() - Date.parse(given.json().consent.at)).toBeLessThan(60_000);
    expect((await ck.request('PUT', `/api/labor/workers/${w.id}/consent`, { consent: true })).statusCode).toBe(200);
    expect(await t.auditCount({ action: 'labor.worker.consent', entityId: w.id })).toBe(1);
    expect((await ckAdmin.request('PUT', `/api/labor/workers/${w.id}/consent`, { consent: false })).json().consent).toMatchObject({ given: false, byName: '何管' });
    expect(await t.auditCount({ action: 'labor.worker.consent_withdraw', entityId: w.id })).toBe(1);
    expect((await hr.request('PUT', `/api/labor/workers/${w.id}/consent`, { consent: true })).statusCode).toBe(403);
    expect((await ck.request('PUT', `/api/labor/workers/${w.id}/consent`, { consent: 'yes' })).statusCode).toBe(400);
  });
});

describe('DELETE /api/labor/workers/:id', () => {
  it('erases the record with its history; the audit keeps only the masked view', async () => {
    const idNumber = freshId();
    const w = await create(ck, { idNumber });
    expect((await py.del(`/api/labor/workers/${w.id}`)).statusCode).toBe(403);
    expect((await ck.del(`/api/labor/workers/${w.id}`)).statusCode).toBe(200);
    expect((await ck.get(`/api/labor/workers/${w.id}`)).statusCode).toBe(404);
    expect((await ck.del(`/api/labor/workers/${w.id}`)).statusCode).toBe(404);
    expect(await t.platform.handle.db.selectFrom('labor_worker_status_history').select('id').where('worker_id', '=', w.id).execute()).toEqual([]);
    const audit = await t.platform.handle.db
      .selectFrom('audit_log')
      .select('before')
      .where('entity_id', '=', w.id)
      .where('action', '=', 'labor.worker.delete')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ nameMasked: '测****' });
    expect(JSON.stringify(audit.before)).not.toContain(idNumber);
    // The number can be registered again afterwards.
    expect((await ck.post('/api/labor/workers', workerBody({ idNumber }))).statusCode).toBe(201);
  });
});

describe('the OpenAPI description', () => {
  it('lists the labour routes', async () => {
    const paths = Object.keys((await t.anonymous().get('/api/docs/json')).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/labor/workers', '/api/labor/workers/{id}/reveal', '/api/labor/postings', '/api/labor/shares/{id}', '/api/labor/referrals/{id}/advance']),
    );
  });
});

describe('GET /api/labor/occupations', () => {
  it('lists the shipped subset to any signed-in user', async () => {
    const res = await hr.get('/api/labor/occupations?q=车工');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ code: '6-18-01-01', name: '车工', en: 'Lathe operator (turner)', selectable: true })]);
    expect((await hr.get('/api/labor/occupations?group=bad')).statusCode).toBe(400);
  });
});
