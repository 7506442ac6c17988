import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Participant, TrainingClass, WelfarePost, Worker } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { PINGYI, userWith, workerBody } from '../test/kit';
import { localDay } from '../../../platform/time';

/**
 * Training (classes, participants, completion, certificates), employment-assistance workshops and public-welfare
 * posts: kept by the county bureau, seen only in its scope, workers shown masked, and each programme recorded in
 * the worker's status history.
 */
let t: TestApp;
let ck: Client;
let ly: Client;
let py: Client;
let op: Client;
const today = localDay();
const day = (offset: number) => localDay(Date.now() + offset * 86_400_000);
const NONE = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, op] = await Promise.all([t.login('ck.caseworker'), t.login('ly.officer'), t.login('gear.operator')]);
  py = await userWith(t, await t.login('admin'), { username: 'py.caseworker', org: PINGYI, role: 'labour_caseworker', region: '371326' });
});
afterAll(() => t?.close());

const newWorker = async (over: Record<string, unknown> = {}): Promise<Worker> => {
  const res = await ck.post('/api/labor/workers', workerBody({ statusSince: '2025-01-02', ...over }));
  expect(res.statusCode).toBe(201);
  return res.json();
};
const worker = async (w: Worker): Promise<Worker> => (await ck.get(`/api/labor/workers/${w.id}`)).json();
const lastHistory = async (w: Worker) => (await ck.get(`/api/labor/workers/${w.id}/history`)).json().at(-1);
const classBody = (over: Record<string, unknown> = {}) => ({
  title: '夏布编织技能培训班（测试期）',
  occupationCode: '6-04-03',
  startsOn: day(-20),
  endsOn: day(10),
  place: '修齐镇',
  capacity: 2,
  ...over,
});

describe('training classes', () => {
  let cls: TrainingClass;
  let a: Worker;
  let enrolled: Participant;

  it('are opened with a training provider or school, or a provider by name; anything else is 400', async () => {
    const res = await ck.post('/api/labor/training/classes', classBody({ providerOrgId: await t.orgId('城口县夏布技能培训中心') }));
    expect(res.statusCode).toBe(201);
    cls = res.json();
    expect(cls).toMatchObject({ providerName: '城口县夏布技能培训中心', occupationName: '织造人员', enrolled: 0, orgName: '城口县就业和人才服务局' });
    expect((await ck.post('/api/labor/training/classes', classBody({ providerName: '城口县巴山职业培训学校' }))).json().providerName).toBe('城口县巴山职业培训学校');
    expect((await ck.post('/api/labor/training/classes', classBody({ providerOrgId: await t.orgId('綦江齿轮传动有限公司') }))).json().error.fields).toEqual({
      providerOrgId: 'must be a training provider or a school',
    });
    expect((await ck.post('/api/labor/training/classes', classBody())).json().error.fields).toEqual({ providerName: 'a provider organisation or name is required' });
    expect((await ck.post('/api/labor/training/classes', classBody({ providerName: 'x', occupationCode: '9-99-99-99', endsOn: day(-30) }))).json().error.fields).toEqual({
      occupationCode: 'unknown occupation code 9-99-99-99',
      endsOn: 'must not be before the start',
    });
    expect(await t.auditCount({ action: 'labor.training.class_create', entityId: cls.id })).toBe(1);
    const providers = (await ck.get('/api/labor/training/providers')).json();
    expect(providers.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['城口县夏布技能培训中心', '城口县职业教育中心', '城口县巴山职业培训学校']));
  });

  it('enrol workers up to the capacity; an unemployed worker is recorded as in training', async () => {
    a = await newWorker();
    const res = await ck.post(`/api/labor/training/classes/${cls.id}/participants`, { workerId: a.id });
    expect(res.statusCode).toBe(201);
    enrolled = res.json();
    expect(enrolled).toMatchObject({ status: 'enrolled', workerNameMasked: '测****', workerStatus: 'in_training', enrolledOn: today, certificate: null });
    expect(await lastHistory(a)).toMatchObject({
      status: 'in_training',
      previousStatus: 'unemployed',
      reason: `Training: ${cls.title}`,
      reasonRef: { key: 'labor.text.training_joined', params: { title: cls.title } },
    });
    expect((await ck.post(`/api/labor/training/classes/${cls.id}/participants`, { workerId: a.id })).statusCode).toBe(409);
    const employed = await newWorker({ status: 'employed_local' });
    expect((await ck.post(`/api/labor/training/classes/${cls.id}/participants`, { workerId: employed.id })).json().workerStatus).toBe('employed_local');
    const full = await ck.post(`/api/labor/training/classes/${cls.id}/participants`, { workerId: (await newWorker()).id });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.fields).toEqual({ classId: 'full' });
    expect((await ck.patch(`/api/labor/training/classes/${cls.id}`, { capacity: 1 })).statusCode).toBe(409);
    expect((await ck.patch(`/api/labor/training/classes/${cls.id}`, { capacity: 3 })).json()).toMatchObject({ capacity: 3, enrolled: 2 });
    expect((await ck.post(`/api/labor/training/classes/${cls.id}/participants`, { workerId: NONE })).json().error.fields).toEqual({ workerId: 'unknown worker' });
    const pyWorker = await py.post('/api/labor/workers', workerBody({ homeRegionCode: '371326', homeVillage: null }));
    expect((await ck.post(`/api/labor/training/classes/${cls.id}/participants`, { workerId: pyWorker.json().id })).statusCode).toBe(403);
  });

  it('record completion once; the worker is looking for work again, with the certificate among the certificates', async () => {
    const future = await ck.post(`/api/labor/training/participants/${enrolled.id}/complete`, { result: 'passed', completedOn: day(5) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({
      key: 'labor.training.completion_in_future',
      message: 'The completion cannot be in the future',
      fieldMessages: { completedOn: { key: 'labor.field.not_in_future' } },
    });
    const done = await ck.post(`/api/labor/training/participants/${enrolled.id}/complete`, { result: 'passed' });
    expect(done.json()).toMatchObject({ status: 'passed', completedOn: today, workerStatus: 'unemployed' });
    expect(await lastHistory(a)).toMatchObject({
      status: 'unemployed',
      previousStatus: 'in_training',
      reason: `Training ended: ${cls.title}`,
      reasonRef: { key: 'labor.text.training_ended', params: { title: cls.title } },
    });
    expect((await ck.post(`/api/labor/training/participants/${enrolled.id}/complete`, { result: 'failed' })).statusCode).toBe(409);

    const cert = { name: '夏布编织工职业技能等级证书（五级/初级工）', number: 'CKXB-T-0001', issuedOn: today, level: 'level5' };
    expect((await ck.post(`/api/labor/training/participants/${enrolled.id}/certificate`, { ...cert, number: a.idNumberMasked!.replace(/\*/g, '1') })).json().error.fields).toEqual({
      number: 'not a certificate number',
    });
    const res = await ck.post(`/api/labor/training/participants/${enrolled.id}/certificate`, cert);
    expect(res.json().certificate).toEqual({ name: cert.name, number: cert.number, issuedOn: today });
    expect((await worker(a)).certificates).toContainEqual({ name: cert.name, occupationCode: '6-04-03', level: 'level5', issuedOn: today });
    expect((await ck.post(`/api/labor/training/participants/${enrolled.id}/certificate`, cert)).statusCode).toBe(409);
    const list: Participant[] = (await ck.get(`/api/labor/training/classes/${cls.id}/participants`)).json();
    const dropped = list.find((x) => x.status === 'enrolled')!;
    expect((await ck.post(`/api/labor/training/participants/${dropped.id}/complete`, { result: 'dropped', note: '外出务工' })).json().workerStatus).toBe('employed_local');
    const refused = await ck.post(`/api/labor/training/participants/${dropped.id}/certificate`, cert);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      key: 'labor.training.certificate_not_passed',
      fields: { status: 'dropped' },
      fieldMessages: { status: { key: 'labor.training.field_status_dropped' } },
    });
    expect((await ck.get(`/api/labor/training/classes/${cls.id}`)).json()).toMatchObject({ enrolled: 1, passed: 1, certified: 1 });
  });

  it("are seen only in the bureau's scope", async () => {
    expect((await ck.get(`/api/labor/training/classes?q=${encodeURIComponent('夏布')}`)).json().total).toBeGreaterThanOrEqual(2);
    for (const c of [py, ly]) {
      expect((await c.get('/api/labor/training/classes')).json().total).toBe(0);
      expect((await c.get(`/api/labor/training/classes/${cls.id}`)).statusCode).toBe(403);
      expect((await c.get(`/api/labor/training/classes/${cls.id}/participants`)).statusCode).toBe(403);
      expect((await c.post(`/api/labor/training/participants/${enrolled.id}/complete`, { result: 'failed' })).statusCode).toBe(403);
    }
    expect((await ly.post('/api/labor/training/classes', classBody({ providerName: 'x' }))).statusCode).toBe(403);
    expect((await op.get('/api/labor/training/classes')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/labor/training/classes')).statusCode).toBe(401);
    expect((await t.anonymous().post('/api/labor/training/classes', classBody({ providerName: 'x' }))).statusCode).toBe(401);
    expect((await ck.get(`/api/labor/training/classes/${NONE}`)).statusCode).toBe(404);
    expect((await ck.post(`/api/labor/training/participants/${NONE}/complete`, { result: 'passed' })).statusCode).toBe(404);
    expect((await ck.post(`/api/labor/training/participants/${enrolled.id}/complete`, { result: 'enrolled' })).statusCode).toBe(400);
  });

  it('the demo has three classes with participants and certificates', async () => {
    const demo: TrainingClass[] = (await ck.get('/api/labor/training/classes?pageSize=100')).json().items;
    const byTitle = (s: string) => demo.find((c) => c.title.startsWith(s))!;
    expect(byTitle('夏布编织技能培训班（第三期）')).toMatchObject({ enrolled: 11, passed: 10, certified: 9 });
    expect(byTitle('数控车床操作培训班')).toMatchObject({ enrolled: 10, passed: 9, certified: 8 });
    expect(byTitle('养老护理员培训班')).toMatchObject({ enrolled: 8, passed: 0, providerName: '城口县康乐养老护理职业培训学校' });
  });
});

describe('employment-assistance workshops (就业帮扶车间)', () => {
  it('employ workers (recorded as employed locally); one who leaves without a job raises an alert if registered-poor', async () => {
    const res = await ck.post('/api/labor/workshops', { name: '测试夏布帮扶车间', enterpriseName: '城口县巴山夏布制品有限公司', regionCode: '500229106', products: '夏布' });
    expect(res.statusCode).toBe(201);
    const s = res.json();
    const w = await newWorker({ registeredPoor: true });
    const joined = await ck.post(`/api/labor/workshops/${s.id}/workers`, { workerId: w.id });
    expect(joined.json()).toMatchObject({ workerCount: 1, workers: [{ workerId: w.id, workerNameMasked: '测****', leftOn: null }] });
    expect(await worker(w)).toMatchObject({ status: 'employed_local', statusSince: today });
    expect((await ck.post(`/api/labor/workshops/${s.id}/workers`, { workerId: w.id })).statusCode).toBe(409);
    const left = await ck.post(`/api/labor/workshops/${s.id}/workers/${w.id}/leave`, { reason: '车间订单减少', status: 'unemployed' });
    expect(left.json()).toMatchObject({ workerCount: 0, workers: [{ leftOn: today, leaveReason: '车间订单减少' }] });
    expect((await ck.get(`/api/labor/alerts?workerId=${w.id}`)).json().items.map((a: { trigger: string }) => a.trigger)).toEqual(['status_change']);
    expect((await ck.post(`/api/labor/workshops/${s.id}/workers/${w.id}/leave`, { reason: 'x' })).statusCode).toBe(404);
    expect((await ck.patch(`/api/labor/workshops/${s.id}`, { products: '夏布、夏布服饰' })).json().products).toBe('夏布、夏布服饰');
  });

  it('answer 400 without an enterprise or with an unknown region, 403 out of scope, 404 unknown', async () => {
    expect((await ck.post('/api/labor/workshops', { name: 'x', regionCode: '500229106' })).json().error.fields).toEqual({
      enterpriseName: 'an enterprise organisation or name is required',
    });
    expect((await ck.post('/api/labor/workshops', { name: 'x', enterpriseName: 'y', regionCode: '999999' })).json().error.fields).toEqual({
      regionCode: 'unknown region code 999999',
    });
    const demo = (await ck.get('/api/labor/workshops')).json();
    expect(demo.items.map((w: { name: string }) => w.name)).toEqual(expect.arrayContaining(['修齐镇夏布就业帮扶车间', '巴山镇电子元件就业帮扶车间']));
    for (const c of [py, ly]) {
      expect((await c.get('/api/labor/workshops')).json().total).toBe(0);
      expect((await c.get(`/api/labor/workshops/${demo.items[0].id}`)).statusCode).toBe(403);
    }
    expect((await ly.post('/api/labor/workshops', { name: 'x', enterpriseName: 'y', regionCode: '500229106' })).statusCode).toBe(403);
    expect((await op.get('/api/labor/workshops')).statusCode).toBe(403);
    expect((await t.anonymous().get('/api/labor/workshops')).statusCode).toBe(401);
    expect((await ck.get(`/api/labor/workshops/${NONE}`)).statusCode).toBe(404);
  });
});

describe('public-welfare posts (公益性岗位)', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    postName: '生态护林员',
    unitName: '修齐镇人民政府',
    regionCode: '500229106',
    fundingSource: '东西部协作资金',
    termFrom: day(-30),
    termTo: day(300),
    monthlySubsidy: 1000,
    ...over,
  });

  it('seat a holder (recorded as on a public-welfare post), one post per holder and term', async () => {
    const h = await newWorker({ registeredPoor: true });
    const res = await ck.post('/api/labor/welfare-posts', body({ holderWorkerId: h.id }));
    expect(res.statusCode).toBe(201);
    const post: WelfarePost = res.json();
    expect(post).toMatchObject({ holderNameMasked: '测****', current: true, fundingSource: '东西部协作资金', monthlySubsidy: 1000 });
    expect(await worker(h)).toMatchObject({ status: 'public_welfare_post', statusSince: day(-30) });
    expect((await ck.post('/api/labor/welfare-posts', body({ postName: '保洁员', holderWorkerId: h.id, termFrom: day(100), termTo: day(400) }))).json().error.fields).toEqual({
      holderWorkerId: 'holds another post in this term',
    });
    const next = await newWorker();
    expect((await ck.patch(`/api/labor/welfare-posts/${post.id}`, { holderWorkerId: next.id })).json().holderWorkerId).toBe(next.id);
    expect((await worker(next)).status).toBe('public_welfare_post');
    expect(
      (await ck.get(`/api/labor/welfare-posts?current=true&fundingSource=${encodeURIComponent('东西部协作资金')}&pageSize=100`)).json().items.map((p: WelfarePost) => p.id),
    ).toContain(post.id);
    expect((await ck.get(`/api/labor/welfare-posts?holderWorkerId=${next.id}`)).json().total).toBe(1);
  });

  it('answer 400 for a term that ends before it starts, 403 out of scope, 404 unknown', async () => {
    expect((await ck.post('/api/labor/welfare-posts', body({ termTo: day(-60) }))).json().error.fields).toEqual({ termTo: 'must not be before the start of the term' });
    expect((await ck.post('/api/labor/welfare-posts', body({ monthlySubsidy: -1 }))).statusCode).toBe(400);
    const demo = (await ck.get('/api/labor/welfare-posts')).json();
    expect(demo.total).toBeGreaterThanOrEqual(5);
    for (const c of [py, ly]) {
      expect((await c.get('/api/labor/welfare-posts')).json().total).toBe(0);
      expect((await c.get(`/api/labor/welfare-posts/${demo.items[0].id}`)).statusCode).toBe(403);
      expect((await c.patch(`/api/labor/welfare-posts/${demo.items[0].id}`, { monthlySubsidy: 1 })).statusCode).toBe(403);
    }
    expect((await op.get('/api/labor/welfare-posts')).statusCode).toBe(403);
    expect((await t.anonymous().post('/api/labor/welfare-posts', body())).statusCode).toBe(401);
    expect((await ck.get(`/api/labor/welfare-posts/${NONE}`)).statusCode).toBe(404);
  });
});
