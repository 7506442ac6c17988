import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaborStats, Posting, Referral, Worker, WorkerRecommendation } from '@gearbridge/contracts/labor';
import { REFERRAL_EMPLOYER_VIEW } from '@gearbridge/contracts/labor';
import { localDay } from '../../platform/time';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { CK, LY, userWith, workerBody, xlsxRows } from './test/kit';

/**
 * Consent honoured everywhere (issue #12 item 6): a shared worker's 建档立卡 (registered-poor) status is sensitive
 * personal information — the partner sees it, filters by it and counts it only with the worker's consent; and an
 * employer of the partner region that a worker is referred to sees exactly what the referral dialog says.
 */
let t: TestApp;
let ck: Client;
let ly: Client;
let employer: Client; // HR of a Linyi enterprise
let poor: Worker; // registered-poor, no consent
let poorConsenting: Worker; // registered-poor, consented
let notPoor: Worker; // not registered-poor, no consent
const EMPLOYER = '临沂沂州精工机械有限公司';

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly] = await Promise.all([t.login('ck.caseworker'), t.login('ly.officer')]);
  employer = await userWith(t, await t.login('admin'), { username: 'ly.employer.hr', org: EMPLOYER, role: 'enterprise_hr' });
  const worker = async (over: Record<string, unknown>) => {
    const res = await ck.post('/api/labor/workers', workerBody(over));
    expect(res.statusCode).toBe(201);
    return res.json() as Worker;
  };
  // Surnames no demo worker has, so the masked names find them in lists and sheets.
  poor = await worker({ name: '爨甲乙', registeredPoor: true, consentShare: false, disability: '肢体残疾四级', workAbility: 'partial' });
  poorConsenting = await worker({ name: '亓甲乙', registeredPoor: true, consentShare: true });
  notPoor = await worker({ name: '甪甲乙', registeredPoor: false, consentShare: false });
});
afterAll(() => t?.close());

const shareAll = async () => {
  const res = await ck.post('/api/labor/shares', { kind: 'worker', ids: [poor.id, poorConsenting.id, notPoor.id], toOrgId: await t.orgId(LY) });
  expect(res.statusCode).toBe(201);
};
const total = async (c: Client, query: string) => (await c.get(`/api/labor/workers?pageSize=500&source=shared&${query}`)).json() as { items: Worker[]; total: number };
const ids = (page: { items: Worker[] }) => page.items.map((w) => w.id);

describe('建档立卡 is shown to the partner only with consent', () => {
  let before: LaborStats;
  beforeAll(async () => {
    before = (await ly.get('/api/labor/stats')).json();
    await shareAll();
  });

  it('in the worker views: null without consent, the value with it', async () => {
    const view = async (w: Worker) => (await ly.get(`/api/labor/workers/${w.id}`)).json() as Worker;
    expect([(await view(poor)).registeredPoor, (await view(poorConsenting)).registeredPoor, (await view(notPoor)).registeredPoor]).toEqual([null, true, null]);
    const list = await total(ly, 'status=unemployed');
    expect(list.items.find((w) => w.id === poor.id)!.registeredPoor).toBeNull();
    // The owner still sees it.
    expect((await ck.get(`/api/labor/workers/${poor.id}`)).json().registeredPoor).toBe(true);
  });

  it('in the filters: neither yes nor no matches a worker who did not consent', async () => {
    const yes = ids(await total(ly, 'registeredPoor=true'));
    const no = ids(await total(ly, 'registeredPoor=false'));
    expect(yes).toContain(poorConsenting.id);
    for (const w of [poor, notPoor]) {
      expect(yes).not.toContain(w.id);
      expect(no).not.toContain(w.id);
    }
    // The owner's filter is unchanged.
    expect(ids((await ck.get('/api/labor/workers?pageSize=500&registeredPoor=true&q=爨')).json())).toEqual([poor.id]);
  });

  it('in the figures: the partner counts only the consenting worker, and the count agrees with the filter', async () => {
    const after: LaborStats = (await ly.get('/api/labor/stats')).json();
    expect(after.workers.shared - before.workers.shared).toBe(3);
    expect(after.workers.registeredPoor - before.workers.registeredPoor).toBe(1);
    expect(after.workers.registeredPoor).toBe((await ly.get('/api/labor/workers?pageSize=1&registeredPoor=true')).json().total);
  });

  it('in the export: the column is blank (—) without consent', async () => {
    const res = await ly.get('/api/labor/workers/export?lang=zh&source=shared');
    expect(res.statusCode).toBe(200);
    const rows = await xlsxRows(res.rawPayload);
    const col = rows[0].indexOf('建档立卡');
    expect(col).toBeGreaterThanOrEqual(0);
    const cell = (surname: string) => rows.find((r) => r.some((c) => c.startsWith(`${surname}*`)))![col];
    expect([cell('爨'), cell('亓'), cell('甪')]).toEqual(['—', '是', '—']);
  });

  it('follows consent as it is recorded and withdrawn', async () => {
    expect((await ck.request('PUT', `/api/labor/workers/${poor.id}/consent`, { consent: true })).statusCode).toBe(200);
    expect((await ly.get(`/api/labor/workers/${poor.id}`)).json().registeredPoor).toBe(true);
    expect(ids(await total(ly, 'registeredPoor=true'))).toContain(poor.id);
    expect((await ck.request('PUT', `/api/labor/workers/${poor.id}/consent`, { consent: false })).statusCode).toBe(200);
    expect((await ly.get(`/api/labor/workers/${poor.id}`)).json().registeredPoor).toBeNull();
    expect(ids(await total(ly, 'registeredPoor=true'))).not.toContain(poor.id);
  });
});

describe('a referral to a partner-region employer, without consent', () => {
  let posting: Posting;
  let referral: Referral;
  beforeAll(async () => {
    const today = localDay();
    const res = await ly.post('/api/labor/postings', {
      orgId: await t.orgId(EMPLOYER),
      title: '装配工',
      occupationCode: '6-18-01-01',
      headcount: 3,
      wageMin: 5000,
      wageMax: 6500,
      workRegionCode: '371302',
      validFrom: today,
      validTo: localDay(Date.now() + 30 * 86_400_000),
    });
    expect(res.statusCode).toBe(201);
    posting = res.json();
    expect((await ly.post('/api/labor/shares', { kind: 'posting', ids: [posting.id], toOrgId: await t.orgId(CK) })).statusCode).toBe(201);
    const r = await ck.post('/api/labor/referrals', { workerId: poor.id, postingId: posting.id, note: '周一上午面试' });
    expect(r.statusCode).toBe(201);
    referral = r.json();
  });

  it('the employer sees exactly what the referral dialog lists: the masked surname, the bureau, the posting, the stages, the note', async () => {
    const res = await employer.get(`/api/labor/referrals?postingId=${posting.id}`);
    expect(res.statusCode).toBe(200);
    const [seen] = res.json().items as Referral[];
    expect(seen.id).toBe(referral.id);
    // Every field the employer gets belongs to a line of "will see" (contracts' REFERRAL_EMPLOYER_VIEW), and nothing else.
    const listed = Object.values(REFERRAL_EMPLOYER_VIEW).flat();
    expect(Object.keys(seen).sort()).toEqual([...listed].sort());
    expect(seen).toMatchObject({ workerNameMasked: '爨**', workerOrgName: CK, postingTitle: '装配工', employerName: EMPLOYER, status: 'recommended', note: '周一上午面试' });
    expect((await employer.get(`/api/labor/referrals/${referral.id}`)).json()).toEqual(seen);
  });

  it('and nothing of what the dialog says it will not: no record, no 建档立卡, age, home town, disability, number or phone', async () => {
    expect((await employer.get(`/api/labor/workers/${poor.id}`)).statusCode).toBe(403);
    expect(ids((await employer.get('/api/labor/workers?pageSize=500')).json())).not.toContain(poor.id);
    const recs: WorkerRecommendation[] = (await employer.get(`/api/labor/postings/${posting.id}/recommendations?limit=50`)).json();
    expect(recs.map((r) => r.worker.id)).not.toContain(poor.id);
    const full = (await ck.get(`/api/labor/workers/${poor.id}`)).json() as Worker;
    const bodies = [(await employer.get(`/api/labor/referrals?postingId=${posting.id}`)).body, (await employer.get(`/api/labor/referrals/${referral.id}`)).body];
    for (const body of bodies)
      for (const secret of ['registeredPoor', 'disability', 'workAbility', '"age"', 'homeRegion', full.homeRegionName!, full.homeVillage!, '肢体残疾', '甲乙'])
        expect(body).not.toContain(secret);
    const res = await employer.get('/api/labor/referrals/export?lang=zh');
    expect(res.statusCode).toBe(200);
    const sheet = await xlsxRows(res.rawPayload);
    expect(sheet.some((r) => r.includes('爨**'))).toBe(true);
    expect(sheet[0]).not.toContain('建档立卡');
    expect(sheet.flat().join(' ')).not.toContain(full.homeVillage!);
  });
});
