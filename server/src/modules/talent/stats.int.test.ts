import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import type { CollabStats } from '@gearbridge/contracts/talent';
import { xlsxText } from '../../test/xlsx';
import { addDays, CK_HOSPITAL, personBody } from './test/kit';
import { rawQueryOf } from '../../platform/db';
import { localDay } from '../../platform/time';
import { RECENT_FROM } from './seed-activities';

/** The article's 2017–2018 figures, counted from the demo's secondment records (not typed totals). */
let t: TestApp;
let ly: Client;

beforeAll(async () => {
  t = await startTestApp();
  ly = await t.login('ly.talent');
});
afterAll(() => t?.close());

describe('exchange counts', () => {
  it('for 2017–2018 are cadres 城口→临沂 8 and 临沂→城口 3, professionals 50 and 120', async () => {
    const res = await ly.get('/api/talent/stats/exchanges?fromYear=2017&toYear=2018');
    expect(res.json()).toEqual({
      fromYear: 2017,
      toYear: 2018,
      cadres: { westToEast: 8, eastToWest: 3 },
      professionals: { westToEast: 50, eastToWest: 120 },
      scope: { kind: 'partnership', orgNames: [] },
    });
    // The same from the Chengkou side, which reads Linyi's records through the partnership.
    expect((await (await t.login('ck.talent')).get('/api/talent/stats/exchanges?fromYear=2017&toYear=2018')).json().cadres).toEqual({ westToEast: 8, eastToWest: 3 });
  });

  it('follow the records: a new 2018 cadre term counts, and the query is checked', async () => {
    const ck = await t.login('ck.talent');
    const person = (
      await ck.post('/api/talent/people', personBody({ kind: 'cadre', name: '测试干部丙', titleCode: null, sector: 'cadre', orgId: await t.orgId('中共城口县委组织部') }))
    ).json();
    expect(person.id).toBeDefined();
    expect(
      (await ck.post('/api/talent/secondments', { personId: person.id, hostUnit: '临沂市教育局', post: '挂职', startsOn: '2018-05-01', endsOn: '2018-10-31' })).statusCode,
    ).toBe(201);
    expect((await ly.get('/api/talent/stats/exchanges?fromYear=2017&toYear=2018')).json().cadres.westToEast).toBe(9);
    expect((await ly.get('/api/talent/stats/exchanges?fromYear=2019&toYear=2019')).json().cadres.westToEast).toBe(0);
    expect((await ly.get('/api/talent/stats/exchanges?fromYear=20')).statusCode).toBe(400);
    expect((await t.anonymous().get('/api/talent/stats/exchanges?fromYear=2017&toYear=2018')).statusCode).toBe(401);
    expect((await (await t.login('gear.operator')).get('/api/talent/stats/exchanges?fromYear=2017&toYear=2018')).statusCode).toBe(403);
  });

  it("since 2018, Linyi → Chengkou, are the article's: 39 medical dispatches, 56 lectures, 86 trained, 52 teacher dispatches, 53 open classes, 102 mentored", async () => {
    const res = await ly.get('/api/talent/stats/collab?fromYear=2018&toYear=2021');
    expect(res.statusCode, res.body).toBe(200);
    const { totals, rows } = res.json() as CollabStats;
    const cell = (sector: string) => totals.find((c) => c.direction === 'east_to_west' && c.sector === sector)!;
    expect(cell('health')).toMatchObject({ dispatches: 39, lectures: 56, trained: 86 });
    expect(cell('education')).toMatchObject({ dispatches: 52, openClasses: 53, mentored: 102 });
    // "50 余" and "80 余": more than the round figure, as the article says.
    expect(cell('education').dispatches).toBeGreaterThan(50);
    expect(cell('health').trained).toBeGreaterThan(80);
    // The yearly rows add up to the totals (people trained are distinct per year, and nobody trained twice in a year here counts twice).
    const sum = (k: 'dispatches' | 'lectures' | 'openClasses' | 'mentored', sector: string) =>
      rows.filter((r) => r.direction === 'east_to_west' && r.sector === sector).reduce((s, r) => s + r[k], 0);
    expect(sum('dispatches', 'health')).toBe(39);
    expect(sum('lectures', 'health')).toBe(56);
    expect(sum('mentored', 'education')).toBe(102);
  });

  it('give the quarterly report as Excel, and check the query', async () => {
    const res = await ly.get('/api/talent/stats/quarterly?year=2019&quarter=2');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const text = xlsxText(res.rawPayload);
    expect(text).toContain('2019年第2季度');
    expect(text).toContain('“订单式”选派医疗专家');
    expect((await ly.get('/api/talent/stats/quarterly?year=2019&quarter=5')).statusCode).toBe(400);
    expect((await ly.get('/api/talent/stats/collab?fromYear=2019')).statusCode).toBe(400);
    expect((await t.anonymous().get('/api/talent/stats/collab?fromYear=2018&toYear=2021')).statusCode).toBe(401);
    expect((await (await t.login('gear.operator')).get('/api/talent/stats/quarterly?year=2019&quarter=2')).statusCode).toBe(403);
  });
});

describe("an institution's figures", () => {
  it('are its own, counted over the records it took part in, and say so; the officers keep the partnership’s', async () => {
    const hospital = await t.login('ck.hospital');
    const res = await hospital.get('/api/talent/stats/collab?fromYear=2018&toYear=2021');
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json() as CollabStats;
    expect(mine.scope).toEqual({ kind: 'institution', orgNames: [CK_HOSPITAL] });
    expect(((await ly.get('/api/talent/stats/collab?fromYear=2018&toYear=2021')).json() as CollabStats).scope).toEqual({ kind: 'partnership', orgNames: [] });
    // Counted by hand from the rows: approved dispatches the hospital asked for or sent, lectures it held or its
    // people gave, distinct people signed in to its trainings.
    const q = rawQueryOf(t.platform.handle.db);
    const hosp = await t.orgId(CK_HOSPITAL);
    const [{ dispatches }] = await q<{ dispatches: number }>(
      `select count(*)::int as dispatches from talent_dispatches x join talent_demands d on d.id = x.demand_id join talent_secondments s on s.id = x.secondment_id
        where x.status = 'approved' and (x.org_id = $1 or d.org_id = $1) and s.starts_on between '2018-01-01' and '2021-12-31'`,
      [hosp],
    );
    const [{ lectures }] = await q<{ lectures: number }>(
      `select count(*)::int as lectures from talent_activities a left join talent_people p on p.id = a.speaker_id
        where a.kind = 'lecture' and (a.org_id = $1 or p.org_id = $1) and (a.starts_at at time zone 'Asia/Shanghai')::date between '2018-01-01' and '2021-12-31'`,
      [hosp],
    );
    const sum = (s: CollabStats, k: 'dispatches' | 'lectures') => s.totals.reduce((n, c) => n + c[k], 0);
    expect(sum(mine, 'dispatches')).toBe(dispatches);
    expect(sum(mine, 'lectures')).toBe(lectures);
    // The demo's hospital asked for experts and held lectures: its figures are not empty, and below the partnership's.
    expect(dispatches).toBeGreaterThan(0);
    expect(lectures).toBeGreaterThan(0);
    const all = (await ly.get('/api/talent/stats/collab?fromYear=2018&toYear=2021')).json() as CollabStats;
    expect(sum(mine, 'dispatches')).toBeLessThan(sum(all, 'dispatches'));
    // No Linyi lecture the hospital had no part in: Linyi's schools' open classes are not its figures.
    expect(mine.totals.reduce((n, c) => n + c.openClasses, 0)).toBe(0);
    // The exchange figures and the quarterly report say the same scope.
    const ex = (await hospital.get('/api/talent/stats/exchanges?fromYear=2017&toYear=2018')).json();
    expect(ex.scope).toEqual({ kind: 'institution', orgNames: [CK_HOSPITAL] });
    const [{ terms }] = await q<{ terms: number }>(
      `select count(*)::int as terms from talent_secondments s join talent_people p on p.id = s.person_id
        where p.kind = 'professional' and (s.org_id = $1 or s.host_org_id = $1) and extract(year from s.starts_on) between 2017 and 2018`,
      [hosp],
    );
    expect(ex.professionals.westToEast + ex.professionals.eastToWest).toBe(terms);
    const xlsx = await hospital.get('/api/talent/stats/quarterly?year=2019&quarter=2');
    expect(xlsxText(xlsx.rawPayload)).toContain(`范围：本单位（${CK_HOSPITAL}）参与的记录`);
  });
});

describe('the demo after the article', () => {
  it('has activities in every year since, up to the seeding day and none after it, while 2018–2021 stay the article’s', async () => {
    const today = localDay();
    const year = Number(today.slice(0, 4));
    const rows = await rawQueryOf(t.platform.handle.db)<{ y: number; n: number; last: string }>(
      `select extract(year from (starts_at at time zone 'Asia/Shanghai'))::int as y, count(*)::int as n, max((starts_at at time zone 'Asia/Shanghai')::date)::text as last
         from talent_activities group by 1 order by 1`,
    );
    const years = rows.map((r) => r.y);
    // The newest four days back (seeded in a year's first four days, still last year's).
    const newestYear = Number(addDays(today, -4).slice(0, 4));
    for (let y = RECENT_FROM; y <= newestYear; y++) expect(years, `activities in ${y}`).toContain(y);
    expect(Math.max(...years)).toBe(newestYear);
    const newest = rows.find((r) => r.y === newestYear)!.last;
    expect(newest <= today).toBe(true);
    expect(Date.parse(today) - Date.parse(newest)).toBeLessThanOrEqual(4 * 86_400_000);
    // Shown as figures of the later years too, the 2018–2021 span unchanged (the test above).
    const stats = (await ly.get(`/api/talent/stats/collab?fromYear=${RECENT_FROM}&toYear=${year}`)).json() as CollabStats;
    const ew = stats.totals.filter((c) => c.direction === 'east_to_west');
    expect(ew.reduce((n, c) => n + c.lectures, 0)).toBeGreaterThan(0);
    expect(ew.reduce((n, c) => n + c.openClasses, 0)).toBeGreaterThan(0);
    // Three young teachers mentored each spring term since, begun by the seeding day.
    const springs = year - RECENT_FROM + (today >= `${year}-03-01` ? 1 : 0);
    expect(ew.reduce((n, c) => n + c.mentored, 0)).toBe(3 * springs);
  });
});
