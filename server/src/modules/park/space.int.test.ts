import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParkPlan, Site, SiteDetail, SpaceSummary, YearSummary } from '@gearbridge/contracts/park';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { localDay } from '../../platform/time';
import { expectRefused, userWith, type RouteCall } from './test/kit';
import { ARTICLE_REVIVED_2019, SEED_SITES } from './seed/space.data';

/**
 * Plant space over HTTP on the seeded demo: the area revived in 2019 from the lease records is the article's
 * 120,000 m²; the plan draws every site; leasing and ending a lease move the site's status (audited); every route's
 * 401, 403 and 400 with nothing written; an enterprise's liaison sees none of the park's space.
 */
let t: TestApp;
let officer: Client;
let outsider: Client;
let liaison: Client;
let otherOfficer: Client;
const ANY_ID = '00000000-0000-4000-8000-000000000000';
let enterpriseId: string;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  officer = await t.login('park.officer');
  outsider = await t.login('gear.admin');
  liaison = await userWith(t, admin, { username: 'yuyang.space', org: '余扬汽配', role: 'park_enterprise' });
  otherOfficer = await userWith(t, admin, { username: 'yuyang.spaceofficer', org: '余扬汽配', role: 'park_officer' });
  enterpriseId = (await officer.get('/api/park/enterprises?q=余扬')).json().items[0].id;
});
afterAll(() => t?.close());

const newSite = (over: Record<string, unknown> = {}) => ({
  code: `T-${Math.random().toString(36).slice(2, 8)}`,
  name: '测试厂房',
  kind: 'building',
  areaM2: 5000,
  condition: 'good',
  ...over,
});

describe('the article’s 2019', () => {
  it('revived 120,000 m² of idle plant: the sum of the 2019 leases of idle sites', async () => {
    const s: YearSummary = (await officer.get('/api/park/summary?year=2019')).json();
    expect(s.areaRevived).toEqual({ areaM2: ARTICLE_REVIVED_2019, leases: 6 });
    const space: SpaceSummary = (await officer.get('/api/park/space/summary')).json();
    expect(space.revivedByYear.find((y) => y.year === 2019)).toEqual({ year: 2019, areaM2: 120_000, leases: 6 });
    expect(space.totalAreaM2).toBe(SEED_SITES.reduce((sum, x) => sum + x.areaM2, 0));
    expect(space.byStatus.find((b) => b.status === 'leased')!.count).toBe(SEED_SITES.filter((x) => x.lease).length);
    // Outside the park administration's scope: nothing.
    expect((await otherOfficer.get('/api/park/summary?year=2019')).json().areaRevived).toEqual({ areaM2: 0, leases: 0 });
  });

  it('draws every site on the park’s plan', async () => {
    const plan: ParkPlan = (await officer.get('/api/park/plan')).json();
    const sites: Site[] = (await officer.get('/api/park/sites?pageSize=100')).json().items;
    const names = new Set(plan.features.map((f) => f.properties.name));
    for (const s of sites) expect(names.has(s.code), s.code).toBe(true);
    expect(sites.find((s) => s.code === 'QH-A6')!.lease).toMatchObject({ enterpriseName: '荆江半轴', areaM2: 18_000, rentMonth: '144000', revives: true });
  });
});

describe('leases', () => {
  it('lease an idle site (revived this year), refuse a second lease, keep the status to the lease, and end it; each audited', async () => {
    const created = await officer.post('/api/park/sites', newSite({ status: 'idle' }));
    expect(created.statusCode, created.body).toBe(201);
    const site: SiteDetail = created.json();
    const year = Number(localDay().slice(0, 4));
    const before: YearSummary = (await officer.get(`/api/park/summary?year=${year}`)).json();
    const today = localDay();
    const leased = await officer.post(`/api/park/sites/${site.id}/leases`, { enterpriseId, startsOn: today, endsOn: `${year + 5}-12-31`, rentMonth: '40000' });
    expect(leased.statusCode, leased.body).toBe(201);
    expect(leased.json()).toMatchObject({ status: 'leased', lease: { enterpriseId, areaM2: 5000, revives: true, endedOn: null } });
    const after: YearSummary = (await officer.get(`/api/park/summary?year=${year}`)).json();
    expect(after.areaRevived.areaM2 - before.areaRevived.areaM2).toBe(5000);

    expect((await officer.post(`/api/park/sites/${site.id}/leases`, { enterpriseId, startsOn: today, endsOn: `${year + 5}-12-31`, rentMonth: '1' })).statusCode).toBe(409);
    const patch = await officer.patch(`/api/park/sites/${site.id}`, { status: 'idle' });
    expect(patch.statusCode).toBe(400);
    expect(Object.keys(patch.json().error.fields)).toEqual(['status']);

    const ended = await officer.post(`/api/park/sites/${site.id}/lease-end`, { endedOn: today, status: 'offered' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'offered', lease: null });
    expect(ended.json().leases[0].endedOn).toBe(today);
    expect((await officer.post(`/api/park/sites/${site.id}/lease-end`, { endedOn: today })).statusCode).toBe(409);
    // A site already in use when leased does not revive anything.
    const used: SiteDetail = (await officer.post('/api/park/sites', newSite({ status: 'in_use' }))).json();
    const lease2 = await officer.post(`/api/park/sites/${used.id}/leases`, { enterpriseId, startsOn: today, endsOn: `${year + 1}-12-31`, rentMonth: '0', areaM2: 1000 });
    expect(lease2.json().lease).toMatchObject({ revives: false, areaM2: 1000 });
    for (const action of ['park.site.create', 'park.lease.create', 'park.lease.end']) expect(await t.auditCount({ action }), action).toBeGreaterThan(0);
  });
});

describe('who may do what', () => {
  let site: Site;
  beforeAll(async () => {
    site = (await officer.get('/api/park/sites?q=QH-B5')).json().items[0];
  });
  const routes = (): RouteCall[] => [
    ['GET', '/api/park/plan'],
    ['GET', '/api/park/space/summary'],
    ['GET', '/api/park/sites'],
    ['POST', '/api/park/sites', newSite()],
    ['GET', `/api/park/sites/${site.id}`],
    ['PATCH', `/api/park/sites/${site.id}`, { name: '改' }],
    ['POST', `/api/park/sites/${site.id}/leases`, { enterpriseId, startsOn: '2026-01-01', endsOn: '2027-01-01', rentMonth: '1' }],
    ['POST', `/api/park/sites/${site.id}/lease-end`, { endedOn: '2026-01-01' }],
  ];

  it('answers 401 without a session and 403 without park permissions, changing nothing', () => expectRefused(t, outsider, routes()));

  it('keeps the park’s space from an enterprise’s liaison and another organisation’s officer', async () => {
    const before = await t.auditCount();
    for (const c of [liaison, otherOfficer]) {
      expect((await c.get('/api/park/sites')).json().total).toBe(0);
      for (const [method, url, body] of routes().slice(4)) expect((await c.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await liaison.post('/api/park/sites', newSite())).statusCode).toBe(403);
    expect(await t.auditCount()).toBe(before);
  });

  it('answers 400 naming the fields to bad input, and writes nothing', async () => {
    const before = await t.auditCount();
    const cases: [string, string, unknown, string[]][] = [
      ['POST', '/api/park/sites', newSite({ code: 'a b', areaM2: 0, kind: 'castle', name: '' }), ['areaM2', 'code', 'kind', 'name']],
      ['POST', '/api/park/sites', newSite({ status: 'leased' }), ['status']],
      ['PATCH', `/api/park/sites/${site.id}`, { condition: 'ruined' }, ['condition']],
      ['POST', `/api/park/sites/${site.id}/leases`, { enterpriseId, startsOn: '2026-01-01', endsOn: '2025-01-01', rentMonth: '1.5' }, ['rentMonth']],
      ['POST', `/api/park/sites/${site.id}/leases`, { enterpriseId, startsOn: '2026-01-01', endsOn: '2025-01-01', rentMonth: '1' }, ['endsOn']],
      ['POST', `/api/park/sites/${site.id}/leases`, { enterpriseId, startsOn: '2026-01-01', endsOn: '2027-01-01', rentMonth: '1', areaM2: 999_999 }, ['areaM2']],
      ['POST', `/api/park/sites/${site.id}/leases`, { enterpriseId: ANY_ID, startsOn: '2026-01-01', endsOn: '2027-01-01', rentMonth: '1' }, ['enterpriseId']],
    ];
    for (const [method, url, body, fields] of cases) {
      const res = await officer.request(method, url, body);
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)} ${res.body}`).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}).sort(), `${method} ${url} ${JSON.stringify(body)}`).toEqual(fields);
    }
    expect((await officer.post('/api/park/sites', newSite({ code: 'QH-A6' }))).statusCode).toBe(409);
    expect((await officer.get('/api/park/sites/nope')).statusCode).toBe(400);
    expect(await t.auditCount()).toBe(before);
    expect((await officer.get(`/api/park/sites/${site.id}`)).json()).toMatchObject({ status: 'idle', lease: null });
  });
});
