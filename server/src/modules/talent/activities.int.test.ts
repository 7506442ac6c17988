import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity, PublicActivity } from '@gearbridge/contracts/talent';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { xlsxText } from '../../test/xlsx';
import { MAX_ACTIVITY_DAYS, MAX_SIGNINS, purgeSigninAttempts, SIGNIN_LIMITS } from './activities.service';
import { talentDb } from './db';
import { CK_HOSPITAL } from './test/kit';

/**
 * Activities counted from sign-ins: a QR code opens a public page (no account) where a phone signs in once per
 * activity, within the activity's window, rate-limited per client address and per activity; the phone is stored
 * encrypted and hashed, masked in the keeping side's list, and the partner reads only the count.
 */
let t: TestApp;
let ck: Client;
let ly: Client;
let ckHospital: Client;

beforeAll(async () => {
  // The test client speaks from 127.0.0.1; trusting it as a proxy lets each test give its own client address.
  t = await startTestApp({ TRUST_PROXY: '127.0.0.1' });
  [ck, ly, ckHospital] = await Promise.all([t.login('ck.talent'), t.login('ly.talent'), t.login('ck.hospital')]);
});
afterAll(() => t?.close());

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
async function newActivity(c: Client, over: Record<string, unknown> = {}): Promise<Activity> {
  const res = await c.post('/api/talent/activities', {
    kind: 'lecture',
    title: '测试讲座',
    sector: 'health',
    direction: 'east_to_west',
    venue: '城口县人民医院 报告厅',
    startsAt: hoursFromNow(-1),
    endsAt: hoursFromNow(1),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
/** A phone's browser: no session, the CSRF cookie and header of the public page, its own address. */
function phone(ip: string) {
  const c = t.anonymous();
  c.cookie = 'gb_csrf=public-page-token';
  c.csrf = 'public-page-token';
  return {
    get: (token: string) => c.request('GET', `/api/talent/public/signin/${token}`, undefined, { 'x-forwarded-for': ip }),
    signIn: (token: string, body: Record<string, unknown>) => c.request('POST', `/api/talent/public/signin/${token}`, body, { 'x-forwarded-for': ip }),
  };
}
const person = (n: number) => ({ name: `签到人${n}`, unit: '城口县人民医院 内科', phone: `1371234${String(n).padStart(4, '0')}` });

describe('an activity', () => {
  it('is recorded by its own side only, with a QR code for that side', async () => {
    const a = await newActivity(ckHospital);
    expect(a).toMatchObject({ orgName: CK_HOSPITAL, access: 'own', signInCount: 0 });
    expect(a.signInToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // The partner reads it without the code and without the list of names.
    const fromLy: Activity = (await ly.get(`/api/talent/activities/${a.id}`)).json();
    expect(fromLy).toMatchObject({ access: 'partner', signInToken: null });
    expect((await ly.get(`/api/talent/activities/${a.id}/signins`)).statusCode).toBe(403);
    // The QR code is the keeping side's: an SVG holding the public page's address.
    const qr = await ckHospital.get(`/api/talent/activities/${a.id}/qr.svg`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
    expect((await ly.get(`/api/talent/activities/${a.id}/qr.svg`)).statusCode).toBe(403);
    expect((await t.anonymous().get(`/api/talent/activities/${a.id}/qr.svg`)).statusCode).toBe(401);
    // Linyi cannot record for a Chengkou hospital; a bad time span is a field error.
    const body = { kind: 'lecture', title: '讲座', sector: 'health', direction: 'east_to_west', venue: '报告厅', startsAt: hoursFromNow(0), endsAt: hoursFromNow(1) };
    expect((await ly.post('/api/talent/activities', { ...body, orgId: await t.orgId(CK_HOSPITAL) })).statusCode).toBe(403);
    const bad = await ck.post('/api/talent/activities', { ...body, orgId: await t.orgId(CK_HOSPITAL), endsAt: hoursFromNow(-1) });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['endsAt']);
  });

  it('counts a phone signing in twice once, keeps the phone encrypted and shows it masked', async () => {
    const a = await newActivity(ckHospital);
    const p = phone('10.1.0.1');
    const page: PublicActivity = (await p.get(a.signInToken!)).json();
    expect(page).toMatchObject({ title: '测试讲座', orgName: CK_HOSPITAL, state: 'open' });
    const first = await p.signIn(a.signInToken!, person(1));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ already: false, count: 1 });
    expect((await p.signIn(a.signInToken!, { ...person(1), name: '换个名字' })).json()).toEqual({ already: true, count: 1 });
    expect((await phone('10.1.0.2').signIn(a.signInToken!, person(2))).json()).toEqual({ already: false, count: 2 });
    expect((await ckHospital.get(`/api/talent/activities/${a.id}`)).json().signInCount).toBe(2);
    const list = (await ckHospital.get(`/api/talent/activities/${a.id}/signins`)).json();
    expect(list.map((s: { name: string; phoneMasked: string }) => [s.name, s.phoneMasked])).toEqual([
      ['签到人1', '137****0001'],
      ['签到人2', '137****0002'],
    ]);
    // The list as Excel for the keeping side, phones masked; the partner gets none.
    const xlsx = await ckHospital.get(`/api/talent/activities/${a.id}/signins/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsxText(xlsx.rawPayload)).toContain('137****0002');
    expect(xlsxText(xlsx.rawPayload)).not.toContain('13712340002');
    expect((await ly.get(`/api/talent/activities/${a.id}/signins/export`)).statusCode).toBe(403);
    const stored = await t.platform.handle.db.selectFrom('talent_signins').selectAll().where('activity_id', '=', a.id).execute();
    expect(JSON.stringify(stored)).not.toContain('13712340001');
    // Bad input: a clear 400 and nothing stored; an unknown code 404; a malformed one 400.
    expect((await p.signIn(a.signInToken!, { name: '', unit: '某单位', phone: '12345' })).statusCode).toBe(400);
    expect((await p.signIn('A'.repeat(22), person(3))).statusCode).toBe(404);
    expect((await p.get('short')).statusCode).toBe(400);
    expect((await ckHospital.get(`/api/talent/activities/${a.id}`)).json().signInCount).toBe(2);
  });

  it('refuses sign-in outside its window', async () => {
    const ended = await newActivity(ckHospital, { startsAt: hoursFromNow(-5), endsAt: hoursFromNow(-2) });
    const later = await newActivity(ckHospital, { startsAt: hoursFromNow(24), endsAt: hoursFromNow(26) });
    const p = phone('10.2.0.1');
    expect((await p.get(ended.signInToken!)).json().state).toBe('closed');
    const closed = await p.signIn(ended.signInToken!, person(10));
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.key).toBe('talent.signin.closed');
    expect((await p.signIn(later.signInToken!, person(10))).json().error.key).toBe('talent.signin.not_open');
    expect((await ckHospital.get(`/api/talent/activities/${ended.id}`)).json().signInCount).toBe(0);
  });

  it('is rate-limited per client address, unknown codes included', async () => {
    const a = await newActivity(ckHospital);
    const p = phone('10.3.0.1');
    for (let i = 0; i < SIGNIN_LIMITS.address.limit; i++) {
      const res = i % 2 ? await p.signIn(a.signInToken!, person(100 + i)) : await p.signIn('B'.repeat(22), person(100 + i));
      expect(res.statusCode, res.body).toBe(i % 2 ? 200 : 404);
    }
    const refused = await p.signIn(a.signInToken!, person(999));
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.key).toBe('talent.signin.too_many');
    // Another address still signs in.
    expect((await phone('10.3.0.2').signIn(a.signInToken!, person(999))).statusCode).toBe(200);
    // The attempts are kept only while a limit looks back at them: older ones are purged, and the address may again.
    const db = t.platform.handle.db;
    const n = async () =>
      Number(
        (
          await db
            .selectFrom('talent_signin_attempts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await n();
    expect(await purgeSigninAttempts(talentDb(db))).toBe(0);
    await db
      .updateTable('talent_signin_attempts')
      .set({ at: new Date(Date.now() - 61_000) })
      .execute();
    expect(await purgeSigninAttempts(talentDb(db))).toBe(before);
    expect(await n()).toBe(0);
    expect((await p.signIn(a.signInToken!, person(998))).statusCode).toBe(200);
  });

  it('takes at most MAX_SIGNINS sign-ins and lasts at most MAX_ACTIVITY_DAYS days', async () => {
    const long = await ckHospital.post('/api/talent/activities', {
      kind: 'training',
      title: '长期培训',
      sector: 'health',
      direction: 'east_to_west',
      venue: '城口县人民医院',
      startsAt: hoursFromNow(-1),
      endsAt: hoursFromNow(24 * MAX_ACTIVITY_DAYS + 1),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fieldMessages.endsAt).toEqual({ key: 'talent.activity.field_too_long', params: { days: MAX_ACTIVITY_DAYS } });
    const a = await newActivity(ckHospital);
    // A full hall: the sign-ins so far written straight in, then the public page refuses the next phone.
    const db = t.platform.handle.db;
    await db
      .insertInto('talent_signins')
      .values(
        Array.from({ length: MAX_SIGNINS }, (_, i) => ({
          activity_id: a.id,
          name: `满员${i}`,
          unit: '单位',
          phone_enc: 'v1.x.x.x',
          phone_hash: `full-${a.id}-${i}`,
          phone_masked: '137****0000',
        })),
      )
      .execute();
    const full = await phone('10.4.0.1').signIn(a.signInToken!, person(4001));
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({ key: 'talent.signin.full', params: { max: MAX_SIGNINS } });
    expect((await ckHospital.get(`/api/talent/activities/${a.id}`)).json().signInCount).toBe(MAX_SIGNINS);
  });

  it('counts requests at once from one address against its limit: none slips past it', async () => {
    const a = await newActivity(ckHospital);
    const p = phone('10.5.0.1');
    const answers = await Promise.all(Array.from({ length: SIGNIN_LIMITS.address.limit + 10 }, (_, i) => p.signIn(a.signInToken!, person(5000 + i))));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(SIGNIN_LIMITS.address.limit);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(10);
  });

  it("refuses a speaker or a dispatch outside the actor's reach as unknown, and never names them", async () => {
    // The hospital's editor reads its own people and the partner's pool, not another Chengkou unit's people.
    const db = t.platform.handle.db;
    const stranger = await db
      .selectFrom('talent_people as p')
      .innerJoin('organisations as o', 'o.id', 'p.org_id')
      .select(['p.id', 'p.name'])
      .where('o.region_code', 'like', '500229%')
      .where('o.name', '<>', CK_HOSPITAL)
      .executeTakeFirstOrThrow();
    expect((await ckHospital.get(`/api/talent/people/${stranger.id}`)).statusCode).toBe(403);
    const linyiPerson = (await ly.get('/api/talent/people?side=east&pageSize=1')).json().items[0];
    // The partner's person is readable (the pairing shares the pool) and may speak.
    expect(await newActivity(ckHospital, { speakerId: linyiPerson.id })).toMatchObject({ speakerId: linyiPerson.id });
    const res = await ckHospital.post('/api/talent/activities', {
      kind: 'lecture',
      title: '越权讲者',
      sector: 'health',
      direction: 'east_to_west',
      venue: '城口县人民医院',
      startsAt: hoursFromNow(-1),
      endsAt: hoursFromNow(1),
      speakerId: stranger.id,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fieldMessages.speakerId).toEqual({ key: 'talent.activity.field_unknown_link' });
    expect(res.body).not.toContain(stranger.name);
    // An outcome may not hang on another organisation's mentorship.
    const theirs = (await ly.get('/api/talent/mentorships?pageSize=1')).json().items.find((x: { access: string }) => x.access === 'own');
    if (theirs) {
      const o = await ckHospital.post('/api/talent/outcomes', { kind: 'award', title: '挂靠他人', achievedOn: '2030-01-01', mentorshipId: theirs.id });
      expect(o.statusCode).toBe(400);
      expect(o.json().error.fieldMessages.mentorshipId).toEqual({ key: 'talent.activity.field_unknown_link' });
    }
  });

  it('answers 401 and 403 on its signed-in routes', async () => {
    const anon = t.anonymous();
    expect((await anon.get('/api/talent/activities')).statusCode).toBe(401);
    expect((await anon.get('/api/talent/outcomes')).statusCode).toBe(401);
    const gear = await t.login('gear.operator');
    expect((await gear.get('/api/talent/activities')).statusCode).toBe(403);
    expect((await gear.post('/api/talent/outcomes', { kind: 'award', title: '奖', achievedOn: '2030-01-01' })).statusCode).toBe(403);
  });

  it("lists the demo's outcomes: the laboratory, the dialysis centre, the contest awards", async () => {
    const titles = (await ly.get('/api/talent/outcomes?pageSize=50')).json().items.map((o: { title: string }) => o.title);
    expect(titles).toEqual(
      expect.arrayContaining(['微生物检验实验室建成', '小型腹膜透析中心建成', '全市医学检验知识与技能大赛 团体优秀奖', '全市医学检验知识与技能大赛 个人三等奖']),
    );
    const created = await ckHospital.post('/api/talent/outcomes', { kind: 'discipline', title: '检验科成为县级重点专科', achievedOn: '2030-01-01' });
    expect(created.statusCode, created.body).toBe(201);
    expect((await ly.post('/api/talent/outcomes', { kind: 'award', title: '奖', achievedOn: '2030-01-01', orgId: await t.orgId(CK_HOSPITAL) })).statusCode).toBe(403);
    expect((await ckHospital.post('/api/talent/outcomes', { kind: 'prize', title: '奖', achievedOn: '2030-01-01' })).statusCode).toBe(400);
  });
});
