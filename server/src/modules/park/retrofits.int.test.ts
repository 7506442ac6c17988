import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Certification, EnterpriseDetail, PlantLive, Retrofit } from '@gearbridge/contracts/park';
import type { ModuleInterfaces } from '@gearbridge/contracts/interfaces';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { expectRefused, userWith, type RouteCall } from './test/kit';

/**
 * Smart retrofits and certifications over HTTP on the seeded demo: the article's retrofits and certificates; every
 * route's 401, 403 and 400 with nothing written; an enterprise sees and files only its own, the officer the
 * district's; application → review → decision, each audited; a certified plant's live figures through the factory
 * module's public interface, and what the answer says without it.
 */
let t: TestApp;
let officer: Client;
let outsider: Client; // gear.admin: no park permission
let liaison: Client; // 余扬汽配's park liaison
const ANY_ID = '00000000-0000-4000-8000-000000000000';
let yuyang: EnterpriseDetail;
let jingjiang: EnterpriseDetail;
let gear: EnterpriseDetail;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  officer = await t.login('park.officer');
  outsider = await t.login('gear.admin');
  liaison = await userWith(t, admin, { username: 'yuyang.retrofit', org: '余扬汽配', role: 'park_enterprise' });
  const find = async (q: string) =>
    (await officer.get(`/api/park/enterprises/${(await officer.get(`/api/park/enterprises?q=${encodeURIComponent(q)}`)).json().items[0].id}`)).json();
  [yuyang, jingjiang, gear] = [await find('余扬'), await find('荆江'), await find('齿轮传动')];
});
afterAll(() => t?.close());

const retrofit = (over: Record<string, unknown> = {}) => ({
  enterpriseId: yuyang.id,
  name: '冲压线自动化改造',
  scope: '冲压线机器人上下料',
  budget: '3500000',
  subsidy: '500000',
  ...over,
});
const allItems = (kind: 'smart_factory' | 'digital_workshop', score: (max: number) => number) =>
  (kind === 'smart_factory'
    ? [
        ['planning', 10],
        ['equipment', 15],
        ['connectivity', 15],
        ['mes', 15],
        ['quality', 15],
        ['logistics', 10],
        ['security', 5],
        ['benefits', 15],
      ]
    : [
        ['equipment', 20],
        ['connectivity', 20],
        ['mes', 20],
        ['quality', 15],
        ['logistics', 10],
        ['benefits', 15],
      ]
  ).map(([code, max]) => ({ code: code as string, score: score(max as number), document: '申报书' }));

describe('the demo: the article’s retrofits and certificates', () => {
  it('lists the 2019 retrofits with exact money and before/after figures, and the certificates', async () => {
    const list: Retrofit[] = (await officer.get('/api/park/retrofits?pageSize=50')).json().items;
    const half = list.find((r) => r.enterpriseName === '荆江半轴')!;
    expect(half).toMatchObject({ name: '纯电动轻卡半轴生产线数控化改造', budget: '18600000', subsidy: '2790000', status: 'completed' });
    expect(half.before).toEqual({ outputPerShift: 120, yieldPct: '98.6', staffPerLine: 14 });
    expect(list.find((r) => r.enterpriseName === '余扬汽配')!.name).toBe('高精螺伞齿轮数控智能化生产线');
    expect(list.find((r) => r.enterpriseName === '星旭铝业')!.name).toBe('铝单板自动智能化生产线');
    const plant = list.find((r) => r.enterpriseName === '綦江齿轮传动有限公司')!;
    expect([plant.before.outputPerShift, plant.after.outputPerShift, plant.before.yieldPct, plant.after.yieldPct]).toEqual([30, 75, '99', '99.99']);

    const certs: Certification[] = (await officer.get('/api/park/certifications?status=certified&pageSize=50')).json().items;
    const y2019 = certs.filter((c) => c.decidedOn?.startsWith('2019'));
    expect(y2019.filter((c) => c.kind === 'smart_factory').map((c) => c.enterpriseName)).toEqual(['荆江半轴']);
    expect(
      y2019
        .filter((c) => c.kind === 'digital_workshop')
        .map((c) => c.enterpriseName)
        .sort(),
    ).toEqual(['旗能电铝有限公司', '百科鼎显', '綦江齿轮传动有限公司', '赛之源齿轮'].sort());
    const smart = certs.find((c) => c.enterpriseId === gear.id && c.kind === 'smart_factory')!;
    expect(smart.scoreTotal).toBe(smart.items.reduce((s, i) => s + i.score, 0));
    expect(smart.steps.map((s) => s.step)).toEqual(['apply', 'review', 'decide']);
  });
});

describe('who may do what', () => {
  let r: Retrofit;
  let c: Certification;
  beforeAll(async () => {
    r = (await officer.get(`/api/park/retrofits?enterpriseId=${jingjiang.id}`)).json().items[0];
    c = (await officer.get(`/api/park/certifications?enterpriseId=${jingjiang.id}`)).json().items[0];
  });
  const routes = (): RouteCall[] => [
    ['GET', '/api/park/retrofits'],
    ['POST', '/api/park/retrofits', retrofit({ enterpriseId: jingjiang.id })],
    ['GET', `/api/park/retrofits/${r.id}`],
    ['PATCH', `/api/park/retrofits/${r.id}`, { name: '改' }],
    ['GET', '/api/park/certifications'],
    ['POST', '/api/park/certifications', { enterpriseId: jingjiang.id, kind: 'digital_workshop', title: 'x', appliedOn: '2026-01-05' }],
    ['GET', `/api/park/certifications/${c.id}`],
    ['POST', `/api/park/certifications/${c.id}/review`, { items: allItems('smart_factory', (m) => m) }],
    ['POST', `/api/park/certifications/${c.id}/decision`, { decision: 'rejected', decidedOn: '2026-01-05' }],
    ['GET', `/api/park/certifications/${c.id}/live`],
  ];

  it('answers 401 without a session and 403 without park permissions, changing nothing', () => expectRefused(t, outsider, routes()));

  it('lets an enterprise see and file only its own; review and decision are the officer’s', async () => {
    const before = await t.auditCount();
    // Another enterprise's records: 403 on each route (the lists simply leave them out).
    for (const [method, url, body] of routes().filter(([, u]) => u !== '/api/park/retrofits' && u !== '/api/park/certifications'))
      expect((await liaison.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    expect(await t.auditCount()).toBe(before);
    const own: Retrofit[] = (await liaison.get('/api/park/retrofits')).json().items;
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((x) => x.enterpriseName))).toEqual(new Set(['余扬汽配']));
    const ownCerts: Certification[] = (await liaison.get('/api/park/certifications')).json().items;
    expect(new Set(ownCerts.map((x) => x.enterpriseName))).toEqual(new Set(['余扬汽配']));

    // Its own: files a retrofit and an application; may not score or decide it.
    const created = await liaison.post('/api/park/retrofits', retrofit({ milestones: [{ name: '设备到厂', dueOn: '2026-03-01' }] }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().milestones).toEqual([{ name: '设备到厂', dueOn: '2026-03-01', doneOn: null }]);
    const applied = await liaison.post('/api/park/certifications', { enterpriseId: yuyang.id, kind: 'digital_workshop', title: '冲压数字化车间', appliedOn: '2026-01-05' });
    expect(applied.statusCode, applied.body).toBe(201);
    const id = applied.json().id;
    expect((await liaison.post(`/api/park/certifications/${id}/review`, { items: allItems('digital_workshop', (m) => m) })).statusCode).toBe(403);
    expect((await liaison.post(`/api/park/certifications/${id}/decision`, { decision: 'rejected', decidedOn: '2026-01-05' })).statusCode).toBe(403);
  });

  it('answers 400 naming the fields to bad input, and writes nothing', async () => {
    const applied: Certification = (
      await officer.post('/api/park/certifications', { enterpriseId: yuyang.id, kind: 'smart_factory', title: '400 测试', appliedOn: '2026-01-05' })
    ).json();
    const before = await t.auditCount();
    const items = allItems('smart_factory', (m) => m);
    const cases: [string, string, unknown, string[]][] = [
      ['POST', '/api/park/retrofits', retrofit({ budget: '1.5', subsidy: 'x', name: '' }), ['budget', 'name', 'subsidy']],
      ['POST', '/api/park/retrofits', retrofit({ budget: '100', subsidy: '101' }), ['subsidy']],
      ['POST', '/api/park/retrofits', retrofit({ startedOn: '2026-02-01', completedOn: '2026-01-01' }), ['completedOn']],
      ['POST', '/api/park/retrofits', retrofit({ before: { yieldPct: '100.5', staffPerLine: -1 } }), ['before.staffPerLine', 'before.yieldPct']],
      ['POST', '/api/park/retrofits', retrofit({ enterpriseId: ANY_ID }), ['enterpriseId']],
      ['POST', '/api/park/retrofits', retrofit({ milestones: Array.from({ length: 31 }, () => ({ name: 'x', dueOn: '2026-01-01' })) }), ['milestones']],
      ['PATCH', `/api/park/retrofits/${r.id}`, { subsidy: '99999999999' }, ['subsidy']],
      ['POST', '/api/park/certifications', { enterpriseId: yuyang.id, kind: 'best_factory', title: '', appliedOn: '2999-01-01' }, ['kind', 'title']],
      ['POST', '/api/park/certifications', { enterpriseId: yuyang.id, kind: 'smart_factory', title: 'x', appliedOn: '2999-01-01' }, ['appliedOn']],
      ['POST', '/api/park/certifications', { enterpriseId: yuyang.id, kind: 'smart_factory', title: 'x', appliedOn: '2026-01-01', retrofitId: r.id }, ['retrofitId']],
      ['POST', `/api/park/certifications/${applied.id}/review`, { items: items.map((i) => (i.code === 'mes' ? { ...i, score: 16 } : i)) }, ['items']],
      ['POST', `/api/park/certifications/${applied.id}/review`, { items: items.slice(1) }, ['items']],
      ['POST', `/api/park/certifications/${applied.id}/review`, { items: [...items, { code: 'vibes', score: 1 }] }, ['items']],
    ];
    for (const [method, url, body, fields] of cases) {
      const res = await officer.request(method, url, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)} ${res.body}`).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}).sort(), `${method} ${url} ${JSON.stringify(body)}`).toEqual(fields);
    }
    // Deciding before a review is a 409.
    expect((await officer.post(`/api/park/certifications/${applied.id}/decision`, { decision: 'rejected', decidedOn: '2026-01-06' })).statusCode).toBe(409);
    expect((await officer.get('/api/park/retrofits/nope')).statusCode).toBe(400);
    expect(await t.auditCount()).toBe(before);
    expect((await officer.get(`/api/park/retrofits/${r.id}`)).json()).toEqual(r);
  });
});

describe('the certification workflow', () => {
  it('applies, reviews against the checklist, refuses a certificate below the pass mark, then certifies; each step audited', async () => {
    const applied = await officer.post('/api/park/certifications', {
      enterpriseId: jingjiang.id,
      kind: 'digital_workshop',
      title: '半轴热处理数字化车间',
      appliedOn: '2026-01-05',
      documents: [{ name: '申报书' }, { name: '设备联网清单', note: '46 台' }],
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const id = applied.json().id;
    expect(applied.json()).toMatchObject({
      status: 'applied',
      passScore: 75,
      documents: [
        { name: '申报书', note: null },
        { name: '设备联网清单', note: '46 台' },
      ],
    });

    // A first review below the pass mark (70): certifying is refused, the review may be redone.
    const low = await officer.post(`/api/park/certifications/${id}/review`, { items: allItems('digital_workshop', (m) => Math.floor(m * 0.7)) });
    expect(low.statusCode, low.body).toBe(200);
    expect(low.json()).toMatchObject({ status: 'under_review', scoreTotal: 69 });
    const refused = await officer.post(`/api/park/certifications/${id}/decision`, { decision: 'certified', decidedOn: '2026-01-20', certificateNo: 'T-1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fieldMessages.decision).toEqual({ key: 'park.certification.field_below_pass', params: { score: 69, pass: 75 } });
    const noNumber = await officer.post(`/api/park/certifications/${id}/decision`, { decision: 'certified', decidedOn: '2026-01-20' });
    expect(Object.keys(noNumber.json().error.fields).sort()).toEqual(['certificateNo', 'decision']);

    const review = await officer.post(`/api/park/certifications/${id}/review`, { items: allItems('digital_workshop', (m) => m - 2) });
    expect(review.json().scoreTotal).toBe(88);
    // A number another certificate holds: 409.
    expect((await officer.post(`/api/park/certifications/${id}/decision`, { decision: 'certified', decidedOn: '2026-01-20', certificateNo: 'CQ-ZNGC-2019-017' })).statusCode).toBe(
      409,
    );
    const decided = await officer.post(`/api/park/certifications/${id}/decision`, {
      decision: 'certified',
      decidedOn: '2026-01-20',
      certificateNo: 'CQ-SZHCJ-2026-001',
      validUntil: '2029-01-19',
      note: '通过评审',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const cert: Certification = decided.json();
    expect(cert).toMatchObject({ status: 'certified', certificateNo: 'CQ-SZHCJ-2026-001', decidedOn: '2026-01-20', validUntil: '2029-01-19' });
    expect(cert.steps.map((s) => s.step)).toEqual(['apply', 'review', 'review', 'decide']);
    for (const action of ['park.certification.apply', 'park.certification.review', 'park.certification.decide'])
      expect(await t.auditCount({ action, entityId: id }), action).toBeGreaterThanOrEqual(1);
    // Decided: nothing more.
    expect((await officer.post(`/api/park/certifications/${id}/review`, { items: allItems('digital_workshop', (m) => m) })).statusCode).toBe(409);
  });
});

describe('live figures beside a certificate', () => {
  it('come from the factory module’s interface for the certified gear plant, and say why when there are none', async () => {
    const certs: Certification[] = (await officer.get(`/api/park/certifications?enterpriseId=${gear.id}&kind=smart_factory`)).json().items;
    const smart = certs.find((c) => c.status === 'certified')!;
    const live: PlantLive = (await officer.get(`/api/park/certifications/${smart.id}/live`)).json();
    expect(live.status).toBe('live');
    const direct = await t.platform.contextOf('park').interfaces.factory!.plantKpis(gear.orgId);
    expect(live.kpis).toMatchObject({ orgId: gear.orgId, lines: direct!.lines, day: direct!.day });
    expect(live.kpis!.lines).toBe(7);

    // 荆江半轴 is certified but runs no line on this installation's factory module.
    const jj: Certification = (await officer.get(`/api/park/certifications?enterpriseId=${jingjiang.id}&status=certified`)).json().items[0];
    expect((await officer.get(`/api/park/certifications/${jj.id}/live`)).json()).toEqual({ status: 'no_lines', kpis: null });
    // Not certified yet: no figures.
    const pending: Certification = (await officer.get(`/api/park/certifications?enterpriseId=${yuyang.id}&status=under_review`)).json().items[0];
    expect((await officer.get(`/api/park/certifications/${pending.id}/live`)).json()).toEqual({ status: 'not_certified', kpis: null });

    // An installation without the factory module: the interface is absent.
    const interfaces = t.platform.contextOf('park').interfaces as Partial<ModuleInterfaces>;
    const factory = interfaces.factory;
    delete interfaces.factory;
    try {
      expect((await officer.get(`/api/park/certifications/${smart.id}/live`)).json()).toEqual({ status: 'no_factory_module', kpis: null });
    } finally {
      interfaces.factory = factory;
    }
  });
});

describe('money', () => {
  it('keeps retrofit budgets and subsidies exact to the yuan, however large', async () => {
    const amounts = fc.sample(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), { numRuns: 12, seed: 42 });
    for (const [i, a] of amounts.entries()) {
      const budget = a.toString();
      const subsidy = (a / 3n).toString();
      const res = await officer.post('/api/park/retrofits', retrofit({ enterpriseId: jingjiang.id, name: `金额测试${i}`, budget, subsidy }));
      expect(res.statusCode, res.body).toBe(201);
      expect([res.json().budget, res.json().subsidy]).toEqual([budget, subsidy]);
    }
  });
});
