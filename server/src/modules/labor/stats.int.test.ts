import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LaborStats, Posting, Share, Worker } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { addMonths } from './placement/retention';
import { CK, LY, workerBody } from './test/kit';
import { localDay } from '../../platform/time';

/**
 * GET /api/labor/stats over a small data set whose figures are computed by hand below, for four users: the Chengkou
 * caseworker (own roll), the Linyi officer (only what Chengkou shared), an enterprise's HR (only its own postings and
 * placements) and the platform administrator. The demo's labour data is removed first.
 */
let t: TestApp;
let admin: Client;
let ck: Client;
let ly: Client;
let hr: Client;
const today = localDay();
const in60 = addMonths(today, 2);
const monthOf = (offset: number) => addMonths(`${today.slice(0, 7)}-01`, offset).slice(0, 7);
const YUYANG = '余扬汽配';
const LINYI_EMPLOYER = '临沂沂州精工机械有限公司';
const PARK = '綦江工业园区管委会';

async function ok<T>(res: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201): Promise<T> {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`${r.statusCode} ${r.body}`);
  return r.json() as T;
}
const stats = async (c: Client): Promise<LaborStats> => ok<LaborStats>(c.get('/api/labor/stats'), 200);

beforeAll(async () => {
  t = await startTestApp();
  [admin, ck, ly, hr] = await Promise.all([t.login('admin'), t.login('ck.caseworker'), t.login('ly.officer'), t.login('yuyang.hr')]);
  const db = t.platform.handle.db;
  await sql`truncate labor_workers, labor_postings cascade`.execute(db);

  // Workers of Chengkou's bureau: A, B shared with Linyi; D shared and the share revoked; C, E not shared.
  const worker = (over: Record<string, unknown>) => ok<Worker>(ck.post('/api/labor/workers', workerBody(over)));
  const A = await worker({ homeRegionCode: '500229106', registeredPoor: true, monitoringCategory: 'unstable', status: 'unemployed' });
  const B = await worker({ homeRegionCode: '500229106', registeredPoor: false, status: 'employed_local' });
  const C = await worker({ homeRegionCode: '500229102', registeredPoor: true, status: 'in_training' });
  const D = await worker({ homeRegionCode: '500229102', registeredPoor: true, monitoringCategory: 'marginal', status: 'employed_out_of_province' });
  const E = await worker({ homeRegionCode: '500229001', registeredPoor: false, status: 'self_employed' });
  // X: a worker of the Qijiang park administration, outside every scope but the administrator's.
  const X = await ok<Worker>(
    admin.post('/api/labor/workers', workerBody({ orgId: await t.orgId(PARK), homeRegionCode: '500110001', registeredPoor: false, status: 'unemployed' })),
  );
  const [ckOrg, lyOrg] = [await t.orgId(CK), await t.orgId(LY)];
  const shared = await ok<{ created: Share[] }>(ck.post('/api/labor/shares', { kind: 'worker', ids: [A.id, B.id, D.id], toOrgId: lyOrg }));
  await ok(ck.del(`/api/labor/shares/${shared.created.find((s) => s.subjectId === D.id)!.id}`), 200);

  // Postings: P1 (3 places, shared with Chengkou), P2 (2, not shared), P3 (4, shared, then closed) by Linyi for its
  // employer; P4 (5) by 余扬汽配's HR, shared with Chengkou before the East–West pairing held.
  const posting = (c: Client, orgId: string, headcount: number) =>
    ok<Posting>(
      c.post('/api/labor/postings', {
        orgId,
        title: '车工',
        occupationCode: '6-18-01-01',
        headcount,
        wageMin: 5000,
        wageMax: 7000,
        workRegionCode: '371302',
        validFrom: today,
        validTo: in60,
      }),
    );
  const linyiEmployer = await t.orgId(LINYI_EMPLOYER);
  const [P1, , P3] = [await posting(ly, linyiEmployer, 3), await posting(ly, linyiEmployer, 2), await posting(ly, linyiEmployer, 4)];
  const P4 = await posting(hr, await t.orgId(YUYANG), 5);
  await ok(ly.post('/api/labor/shares', { kind: 'posting', ids: [P1.id, P3.id], toOrgId: ckOrg }));
  // 余扬汽配 (綦江区) is not in a region paired with 城口县, so the API refuses this share today; it stands for a share
  // made before the pairing, which the figures still count. Written directly.
  await db.insertInto('labor_shares').values({ kind: 'posting', posting_id: P4.id, from_org_id: P4.orgId, to_org_id: ckOrg, note: 'before the pairing' }).execute();
  await ok(ly.patch(`/api/labor/postings/${P3.id}`, { status: 'closed' }), 200);

  // Placements, written as the referral workflow leaves them (the figures read only status and start date):
  // R1 A→P1 this month; R2 B→P1 and R3 C→P4 two months ago; R4 E→P1 13 months ago (outside the 12 months);
  // R5 D→P1 hired, not started; RX X→P4 this month.
  const ref = (w: Worker, p: Posting, status: 'started' | 'hired', startedOn: string | null) => ({ worker_id: w.id, posting_id: p.id, status, started_on: startedOn });
  await db
    .insertInto('labor_referrals')
    .values([
      ref(A, P1, 'started', today),
      ref(B, P1, 'started', `${monthOf(-2)}-15`),
      ref(C, P4, 'started', `${monthOf(-2)}-01`),
      ref(E, P1, 'started', `${monthOf(-13)}-20`),
      ref(D, P1, 'hired', null),
      ref(X, P4, 'started', `${monthOf(0)}-01`),
    ])
    .execute();
});
afterAll(() => t?.close());

const statuses = (counts: Partial<Record<string, number>>) =>
  ['unemployed', 'employed_local', 'employed_out_of_province', 'self_employed', 'public_welfare_post', 'in_training', 'unable_to_work'].map((status) => ({
    status,
    count: counts[status] ?? 0,
  }));
const months = (counts: Record<number, number>) => Array.from({ length: 12 }, (_v, i) => ({ month: monthOf(i - 11), count: counts[i - 11] ?? 0 }));
/** Placements this calendar year among those at these month offsets. */
const inYear = (offsets: number[]) => offsets.filter((o) => monthOf(o).startsWith(today.slice(0, 4))).length;

describe('GET /api/labor/stats', () => {
  it("gives the Chengkou caseworker the own roll, the postings shared with it and its workers' placements", async () => {
    const s = await stats(ck);
    expect(s.asOf).toBe(today);
    expect(s.workers).toEqual({
      total: 5,
      own: 5,
      shared: 0,
      registeredPoor: 3,
      monitored: 2,
      employed: 3,
      byStatus: statuses({ unemployed: 1, employed_local: 1, employed_out_of_province: 1, self_employed: 1, in_training: 1 }),
    });
    // P1 and P4 are shared and open; P3 is shared but closed.
    expect(s.postings).toEqual({ active: 2, openHeadcount: 8 });
    expect(s.placements).toEqual({ thisYear: inYear([0, -2, -2]), byMonth: months({ 0: 1, [-2]: 2 }) });
    // Every town of the county, empty ones too, most workers first.
    expect(s.byRegion.parent).toEqual({ code: '500229', name: '城口县', fullName: '重庆市 城口县', level: 'county' });
    expect(s.byRegion.level).toBe('town');
    expect(s.byRegion.items).toHaveLength(25);
    expect(s.byRegion.items.slice(0, 4)).toEqual([
      { code: '500229102', name: '巴山镇', count: 2 },
      { code: '500229106', name: '修齐镇', count: 2 },
      { code: '500229001', name: '葛城街道', count: 1 },
      { code: '500229002', name: '复兴街道', count: 0 },
    ]);
    expect(s.byRegion.items.reduce((n, r) => n + r.count, 0)).toBe(5);
  });

  it('gives the Linyi officer only what Chengkou shared and still shares, its own postings and their placements', async () => {
    const s = await stats(ly);
    // A and B; D's share was revoked. A's monitoring category is not the partner's to see, nor, without A's consent,
    // its 建档立卡 status (consent.int.test.ts).
    expect(s.workers).toEqual({ total: 2, own: 0, shared: 2, registeredPoor: 0, monitored: 0, employed: 1, byStatus: statuses({ unemployed: 1, employed_local: 1 }) });
    expect(s.postings).toEqual({ active: 2, openHeadcount: 5 });
    expect(s.placements).toEqual({ thisYear: inYear([0, -2]), byMonth: months({ 0: 1, [-2]: 1 }) });
    // The partner sees the home county only, and only the county the workers came from.
    expect(s.byRegion).toEqual({
      parent: { code: '500200', name: '县', fullName: '重庆市', level: 'city' },
      level: 'county',
      items: [{ code: '500229', name: '城口县', count: 2 }],
    });
  });

  it("gives an enterprise's HR its own postings and the placements at them, and no workers", async () => {
    const s = await stats(hr);
    expect(s.workers).toEqual({ total: 0, own: 0, shared: 0, registeredPoor: 0, monitored: 0, employed: 0, byStatus: statuses({}) });
    expect(s.postings).toEqual({ active: 1, openHeadcount: 5 });
    expect(s.placements).toEqual({ thisYear: inYear([0, -2]), byMonth: months({ 0: 1, [-2]: 1 }) });
    expect(s.byRegion).toEqual({ parent: null, level: null, items: [] });
  });

  it('gives the administrator everything, by the cities of the province that holds every worker', async () => {
    const s = await stats(admin);
    expect(s.workers).toMatchObject({ total: 6, own: 6, shared: 0, registeredPoor: 3, monitored: 2, employed: 3 });
    expect(s.postings).toEqual({ active: 3, openHeadcount: 10 });
    expect(s.placements.byMonth).toEqual(months({ 0: 2, [-2]: 2 }));
    expect(s.byRegion).toEqual({
      parent: { code: '500000', name: '重庆市', fullName: '重庆市', level: 'province' },
      level: 'city',
      items: [
        { code: '500200', name: '县', count: 5 },
        { code: '500100', name: '市辖区', count: 1 },
      ],
    });
  });

  it("agrees with the lists' totals for every user", async () => {
    const total = async (c: Client, path: string) => (await ok<{ total: number }>(c.get(`/api/labor/${path}${path.includes('?') ? '&' : '?'}pageSize=1`), 200)).total;
    for (const c of [ck, ly, hr, admin]) {
      const s = await stats(c);
      expect(s.workers.total).toBe(await total(c, 'workers'));
      expect(s.workers.own).toBe(await total(c, 'workers?source=own'));
      expect(s.workers.shared).toBe(await total(c, 'workers?source=shared'));
      expect(s.workers.registeredPoor).toBe(await total(c, 'workers?registeredPoor=true'));
      expect(s.workers.monitored).toBe(await total(c, 'workers?monitored=true'));
      for (const b of s.workers.byStatus) expect(b.count).toBe(await total(c, `workers?status=${b.status}`));
      expect(s.postings.active).toBe(await total(c, 'postings?active=true'));
      const started = (await ok<{ items: { startedOn: string | null }[] }>(c.get('/api/labor/referrals?status=started&pageSize=100'), 200)).items;
      expect(s.placements.byMonth.reduce((n, m) => n + m.count, 0)).toBe(started.filter((r) => r.startedOn! >= `${monthOf(-11)}-01`).length);
    }
  });

  it('answers 401 without a session and 403 without labor.read', async () => {
    expect((await t.anonymous().get('/api/labor/stats')).statusCode).toBe(401);
    expect((await (await t.login('gear.operator')).get('/api/labor/stats')).statusCode).toBe(403);
  });
});
