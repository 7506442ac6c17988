import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Demand, DemandCandidate, Dispatch } from '@gearbridge/contracts/talent';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { CK_HOSPITAL, freshId, LY_TUMOUR, personBody } from './test/kit';

/**
 * Order-based dispatch: a Chengkou hospital's demand, Linyi's professionals ranked by the shared engine in an order
 * checked by hand, orders issued by Linyi's officer and approved by the sending hospital (not by the issuer), the
 * approved term recorded as a secondment, and the demand's fulfilment following.
 */
let t: TestApp;
let ck: Client; // 城口 talent officer
let ly: Client; // 临沂 talent officer: issues orders for Linyi's people
let ckHospital: Client; // 城口县人民医院: posts its demands
let lyHospital: Client; // 临沂市肿瘤医院: approves its people's orders
let demand: Demand;
const people: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, ckHospital, lyHospital] = await Promise.all([t.login('ck.talent'), t.login('ly.talent'), t.login('ck.hospital'), t.login('ly.hospital')]);
  const tumour = await t.orgId(LY_TUMOUR);
  const add = async (key: string, over: Record<string, unknown>) => {
    const res = await ly.post('/api/talent/people', personBody({ orgId: tumour, idNumber: freshId('371302'), name: `测试${key}`, unit: '临沂市肿瘤医院 测试科', ...over }));
    expect(res.statusCode, res.body).toBe(201);
    people[key] = res.json().id;
  };
  await add('甲', { specialties: ['测试专科'], titleCode: 'associate_chief_physician' });
  await add('乙', { specialties: ['测试专科'], titleCode: 'chief_physician' });
  await add('丙', { specialties: ['测试专科甲'], titleCode: 'associate_chief_physician' });
  await add('丁', { specialties: ['测试专科'], titleCode: 'attending_physician' });
  await add('戊', { specialties: ['测试专科'], titleCode: 'associate_chief_physician', availableFrom: '2030-01-20' });
  // 乙 served one term before.
  const past = await ly.post('/api/talent/secondments', { personId: people.乙, hostUnit: '城口县人民医院', post: '帮扶', startsOn: '2029-01-01', endsOn: '2029-06-30' });
  expect(past.statusCode, past.body).toBe(201);
  const res = await ckHospital.post('/api/talent/demands', {
    title: '测试专科专家',
    sector: 'health',
    specialties: ['测试专科'],
    minLevel: 3,
    headcount: 2,
    startsOn: '2030-01-01',
    endsOn: '2030-06-30',
    goals: '建设测试专科',
  });
  expect(res.statusCode, res.body).toBe(201);
  demand = res.json();
});
afterAll(() => t?.close());

describe('a demand list', () => {
  it('is posted by the host institution for itself only, with field errors on a bad term', async () => {
    expect(demand).toMatchObject({ orgName: CK_HOSPITAL, side: 'west', access: 'own', fulfilment: 'open', missing: 2, approved: 0, pending: 0 });
    const body = { title: '某专家', sector: 'health', specialties: ['儿科'], headcount: 1, startsOn: '2030-01-01', endsOn: '2030-06-30', goals: '目标' };
    // A Chengkou hospital cannot post for a Linyi hospital, nor Chengkou's school for the hospital.
    expect((await ckHospital.post('/api/talent/demands', { ...body, orgId: await t.orgId(LY_TUMOUR) })).statusCode).toBe(403);
    expect((await (await t.login('ck.school')).post('/api/talent/demands', { ...body, orgId: await t.orgId(CK_HOSPITAL) })).statusCode).toBe(403);
    const bad = await ckHospital.post('/api/talent/demands', { ...body, endsOn: '2029-12-31' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['endsOn']);
    // The partner reads it, read-only.
    expect((await ly.get(`/api/talent/demands/${demand.id}`)).json().access).toBe('partner');
  });

  it("ranks the partner side's professionals in the hand-checked order, each score explained", async () => {
    const ranked: DemandCandidate[] = (await ly.get(`/api/talent/demands/${demand.id}/candidates?limit=20`)).json();
    // 乙: specialty 50 + level 25 + free 15 + one term before 7 = 97; 甲: 50 + 25 + 15 + none 4 = 94;
    // 戊: free 19 days after the start 8 → 87; 丙: 测试专科甲 only related, 25 → 69; 丁: 主治 (level 2) below 3, excluded;
    // the demo's pool holds no 测试专科, so nobody else.
    expect(ranked.map((r) => [r.name, r.score])).toEqual([
      ['测试乙', 97],
      ['测试甲', 94],
      ['测试戊', 87],
      ['测试丙', 69],
    ]);
    expect(ranked[0].items.map((i) => [i.factor, i.points, i.detail])).toEqual([
      ['specialty', 50, 'specialty.all'],
      ['level', 25, 'level.meets'],
      ['availability', 15, 'availability.free'],
      ['history', 7, 'history.once'],
    ]);
    expect(ranked.every((r) => r.canIssue)).toBe(true);
    // Chengkou's officer sees the same ranking, but issues nothing for Linyi's people.
    const fromCk: DemandCandidate[] = (await ck.get(`/api/talent/demands/${demand.id}/candidates?limit=20`)).json();
    expect(fromCk.map((r) => r.name)).toEqual(ranked.map((r) => r.name));
    expect(fromCk.some((r) => r.canIssue)).toBe(false);
  });

  it('takes orders from the partner side, approved by the sending unit and not the issuer, audited', async () => {
    expect((await ck.post(`/api/talent/demands/${demand.id}/dispatches`, { personId: people.乙 })).statusCode).toBe(403);
    const excluded = await ly.post(`/api/talent/demands/${demand.id}/dispatches`, { personId: people.丁 });
    expect(excluded.statusCode).toBe(400);
    expect(excluded.json().error.key).toBe('talent.dispatch.excluded');
    const issued = await ly.post(`/api/talent/demands/${demand.id}/dispatches`, { personId: people.乙 });
    expect(issued.statusCode, issued.body).toBe(201);
    const order: Dispatch = issued.json();
    expect(order).toMatchObject({ status: 'pending', score: 97, personName: '测试乙', sendingOrgName: LY_TUMOUR, canDecide: false, termState: null });
    expect((await ly.post(`/api/talent/demands/${demand.id}/dispatches`, { personId: people.乙 })).statusCode).toBe(409);
    expect((await ly.get(`/api/talent/demands/${demand.id}`)).json()).toMatchObject({ pending: 1, approved: 0, fulfilment: 'open' });

    // The issuer cannot approve its own order; the host side cannot approve the sender's.
    expect((await ly.post(`/api/talent/dispatches/${order.id}/decision`, { approve: true })).json().error.key).toBe('talent.dispatch.own_order');
    expect((await ck.post(`/api/talent/dispatches/${order.id}/decision`, { approve: true })).statusCode).toBe(403);
    expect((await ckHospital.post(`/api/talent/dispatches/${order.id}/decision`, { approve: true })).statusCode).toBe(403);
    const listed: Dispatch[] = (await lyHospital.get(`/api/talent/dispatches?demandId=${demand.id}`)).json().items;
    expect(listed.map((x) => [x.personName, x.canDecide])).toEqual([['测试乙', true]]);

    const before = await t.auditCount({ action: 'talent.dispatch.approve' });
    const approved = await lyHospital.post(`/api/talent/dispatches/${order.id}/decision`, { approve: true, note: '同意' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', termState: 'planned', startsOn: '2030-01-01', endsOn: '2030-06-30', decisionNote: '同意' });
    expect(await t.auditCount({ action: 'talent.dispatch.approve' })).toBe(before + 1);
    expect((await lyHospital.post(`/api/talent/dispatches/${order.id}/decision`, { approve: false })).statusCode).toBe(409);
    // The term is a secondment of the person, hosted by the demanding hospital.
    const terms = (await ly.get(`/api/talent/secondments?personId=${people.乙}`)).json().items;
    expect(terms.map((s: { startsOn: string; hostUnit: string; direction: string }) => [s.startsOn, s.hostUnit, s.direction])).toContainEqual([
      '2030-01-01',
      CK_HOSPITAL,
      'east_to_west',
    ]);
    expect((await ckHospital.get(`/api/talent/demands/${demand.id}`)).json()).toMatchObject({ approved: 1, missing: 1, fulfilment: 'partial' });
    // A person busy in the term is no longer ranked.
    expect((await ly.get(`/api/talent/demands/${demand.id}/candidates`)).json().map((r: DemandCandidate) => r.name)).not.toContain('测试乙');
  });

  it('is fulfilled when the headcount is approved, and then takes no more orders', async () => {
    const second: Dispatch = (await ly.post(`/api/talent/demands/${demand.id}/dispatches`, { personId: people.甲 })).json();
    // A declined order frees the place; the same person may be ordered again.
    expect((await lyHospital.post(`/api/talent/dispatches/${second.id}/decision`, { approve: false, note: '科室排班冲突' })).json().status).toBe('declined');
    expect((await ly.get(`/api/talent/demands/${demand.id}`)).json()).toMatchObject({ pending: 0, fulfilment: 'partial' });
    const again: Dispatch = (await ly.post(`/api/talent/demands/${demand.id}/dispatches`, { personId: people.甲 })).json();
    expect((await lyHospital.post(`/api/talent/dispatches/${again.id}/decision`, { approve: true })).statusCode).toBe(200);
    expect((await ckHospital.get(`/api/talent/demands/${demand.id}`)).json()).toMatchObject({ approved: 2, missing: 0, fulfilment: 'fulfilled', missingSpecialties: [] });
    expect((await ly.post(`/api/talent/demands/${demand.id}/dispatches`, { personId: people.戊 })).statusCode).toBe(409);
    const fulfilled: Demand[] = (await ckHospital.get('/api/talent/demands?fulfilment=fulfilled&pageSize=100')).json().items;
    expect(fulfilled.map((d) => d.id)).toContain(demand.id);
  });

  it("the demo's list shows what each item misses", async () => {
    const open: Demand[] = (await ck.get('/api/talent/demands?q=腹膜透析中心')).json().items;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ headcount: 2, approved: 1, missing: 1, fulfilment: 'partial' });
    const pending: Dispatch[] = (await lyHospital.get('/api/talent/dispatches?status=pending')).json().items;
    expect(pending.some((x) => x.demandTitle === '儿科骨干带教专家' && x.canDecide)).toBe(true);
    const micro: DemandCandidate[] = (await ly.get(`/api/talent/demands/${(await ck.get('/api/talent/demands?q=微生物检验实验室')).json().items[0].id}/candidates`)).json();
    expect(micro.map((c) => c.name)).toEqual(expect.arrayContaining(['阮沐青', '简霁川']));
    expect(micro.map((c) => c.score)).toEqual([...micro.map((c) => c.score)].sort((a, b) => b - a));
  });
});
