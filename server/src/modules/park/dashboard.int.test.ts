import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yiToYuan, yuanToYi, type ChainMap, type ParkDashboard, type SpaceSummary } from '@gearbridge/contracts/park';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { expectRefused, userWith } from './test/kit';
import { ARTICLE_2019 } from './seed/projects.data';
import { ARTICLE_REVIVED_2019 } from './seed/space.data';

/**
 * The dashboard and 大屏's figures over HTTP on the seeded demo: the article's 2019 (42 signed, 242.15亿元,
 * 120,000 m² revived) read back from the records, every figure equal to what the pipeline, chain, space, retrofit
 * and certification routes count, exact sums, the scope (an enterprise's liaison and another organisation see
 * nothing of the park's), 401 and 403.
 */
let t: TestApp;
let officer: Client;
let outsider: Client;
let liaison: Client;
let otherOfficer: Client;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  officer = await t.login('park.officer');
  outsider = await t.login('gear.admin');
  liaison = await userWith(t, admin, { username: 'yuyang.dash', org: '余扬汽配', role: 'park_enterprise' });
  otherOfficer = await userWith(t, admin, { username: 'yuyang.dashofficer', org: '余扬汽配', role: 'park_officer' });
});
afterAll(() => t?.close());

const sumYi = (xs: { amount: string }[]) => yuanToYi(xs.reduce((s, x) => s + yiToYuan(x.amount)!, 0n));

describe('the dashboard', () => {
  it('reproduces the article’s 2019 from the records: 42 signed for 242.15亿元, 120,000 m² revived', async () => {
    const res = await officer.get('/api/park/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d: ParkDashboard = res.json();
    expect(d.signedByYear.find((y) => y.year === 2019)).toEqual({ year: 2019, count: ARTICLE_2019.signedCount, amount: ARTICLE_2019.signedAmount });
    expect(d.signedByYear.find((y) => y.year === 2019)).toEqual({ year: 2019, count: 42, amount: '242.15' });
    expect(d.signedByYear.map((y) => y.year)).toEqual([2018, 2019]);
    expect(d.space.revivedByYear.find((y) => y.year === 2019)).toEqual({ year: 2019, areaM2: ARTICLE_REVIVED_2019, leases: 6 });
    expect(ARTICLE_REVIVED_2019).toBe(120_000);
    expect(d.reserve.count).toBeGreaterThanOrEqual(ARTICLE_2019.reserveAtLeast);
  });

  it('counts what the other routes count: stages, chains, space, retrofits and certifications', async () => {
    const d: ParkDashboard = (await officer.get('/api/park/dashboard')).json();
    const stages: ParkDashboard['byStage'] = (await officer.get('/api/park/projects/stages')).json();
    expect(d.byStage).toEqual(stages);
    const projects = (await officer.get('/api/park/projects?pageSize=1')).json().total as number;
    expect(d.byStage.reduce((s, x) => s + x.count, 0)).toBe(projects);
    // The pipeline by category and the reserve make up every project, to the yuan.
    expect(d.byCategory.reduce((s, x) => s + x.count, 0) + d.reserve.count).toBe(projects);
    expect(sumYi([...d.byCategory, d.reserve])).toBe(sumYi(d.byStage));
    const chains: ChainMap = (await officer.get('/api/park/chains')).json();
    expect(d.chains).toMatchObject(chains.coverage);
    expect(d.chains.byChain.map((c) => c.name)).toEqual(chains.chains.map((c) => c.name));
    expect(d.chains.byChain.reduce((s, c) => s + c.links, 0)).toBe(chains.coverage.links);
    const space: SpaceSummary = (await officer.get('/api/park/space/summary')).json();
    expect(d.space).toEqual(space);
    const retrofits = (await officer.get('/api/park/retrofits?pageSize=100')).json();
    expect(d.retrofits.byStatus.reduce((s, x) => s + x.count, 0)).toBe(retrofits.total);
    expect(d.retrofits.budget).toBe(retrofits.items.reduce((s: bigint, r: { budget: string }) => s + BigInt(r.budget), 0n).toString());
    expect(d.retrofits.subsidy).toBe(retrofits.items.reduce((s: bigint, r: { subsidy: string }) => s + BigInt(r.subsidy), 0n).toString());
    const certified = (await officer.get('/api/park/certifications?status=certified&pageSize=1')).json().total;
    expect(d.certifications.filter((c) => c.status === 'certified').reduce((s, c) => s + c.count, 0)).toBe(certified);
    expect(certified).toBeGreaterThan(0);
  });

  it('follows a new project: signed this year, its amount added exactly', async () => {
    const before: ParkDashboard = (await officer.get('/api/park/dashboard')).json();
    const year = new Date().getUTCFullYear();
    const created = await officer.post('/api/park/projects', { name: '看板测试项目', investor: '测试投资方', amount: '0.00000001', category: 'big_data' });
    expect(created.statusCode, created.body).toBe(201);
    const after: ParkDashboard = (await officer.get('/api/park/dashboard')).json();
    expect(after.byStage.find((s) => s.stage === 'lead')!.count).toBe(before.byStage.find((s) => s.stage === 'lead')!.count + 1);
    expect(sumYi(after.byCategory)).toBe(yuanToYi(yiToYuan(sumYi(before.byCategory))! + 1n));
    expect(after.signedByYear.find((y) => y.year === year)).toEqual(before.signedByYear.find((y) => y.year === year));
  });

  it('is the scope’s: an enterprise’s liaison and another organisation’s officer see nothing of the park’s', async () => {
    for (const c of [liaison, otherOfficer]) {
      const res = await c.get('/api/park/dashboard');
      expect(res.statusCode).toBe(200);
      const d: ParkDashboard = res.json();
      expect(d.signedByYear).toEqual([]);
      expect(d.byStage.every((s) => s.count === 0)).toBe(true);
      expect(d.chains.links).toBe(0);
      expect(d.space.totalAreaM2).toBe(0);
    }
    // The liaison's own enterprise: its retrofits and certifications only.
    const own: ParkDashboard = (await liaison.get('/api/park/dashboard')).json();
    const mine = (await liaison.get('/api/park/retrofits?pageSize=100')).json().total;
    expect(own.retrofits.byStatus.reduce((s, x) => s + x.count, 0)).toBe(mine);
  });

  it('answers 401 without a session and 403 without park.read', async () => {
    await expectRefused(t, outsider, [['GET', '/api/park/dashboard']]);
  });
});
