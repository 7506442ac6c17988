import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Posting, Referral, Worker } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { demoPeople, expectNoPii, exportBytes, listAll, PINGYI, userWith, workerBody, xlsxRows, xlsxText } from '../test/kit';
import { localDay } from '../../../platform/time';

/**
 * Referral workflow: recommended → contacted → interviewed → hired → started, or declined with a reason. A hire takes
 * an open place of the posting; the start sets the worker's status, with history, in the same transaction.
 */
let t: TestApp;
let ck: Client;
let ly: Client;
let hr: Client;
let py: Client;
const in30 = localDay(Date.now() + 30 * 86_400_000);
const today = localDay();

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, hr] = await Promise.all([t.login('ck.caseworker'), t.login('ly.officer'), t.login('yuyang.hr')]);
  py = await userWith(t, await t.login('admin'), { username: 'py.caseworker', org: PINGYI, role: 'labour_caseworker', region: '371326' });
});
afterAll(() => t?.close());

const newWorker = async (): Promise<Worker> => (await ck.post('/api/labor/workers', workerBody())).json();
/** A Linyi posting with `headcount` places, shared with Chengkou. */
async function linyiPosting(headcount: number): Promise<Posting> {
  const p = (
    await ly.post('/api/labor/postings', {
      orgId: await t.orgId('临沂沂州精工机械有限公司'),
      title: '车工',
      occupationCode: '6-18-01-01',
      headcount,
      wageMin: 5000,
      wageMax: 7000,
      workRegionCode: '371302',
      validFrom: today,
      validTo: in30,
    })
  ).json();
  expect((await ly.post('/api/labor/shares', { kind: 'posting', ids: [p.id], toOrgId: await t.orgId('城口县就业和人才服务局') })).statusCode).toBe(201);
  return p;
}
const refer = (c: Client, workerId: string, postingId: string) => c.post('/api/labor/referrals', { workerId, postingId, note: '技能对口' });
const advance = (c: Client, id: string, to: string, extra: Record<string, unknown> = {}) => c.post(`/api/labor/referrals/${id}/advance`, { to, ...extra });
const posting = async (id: string): Promise<Posting> => (await ly.get(`/api/labor/postings/${id}`)).json();

/** The stages as the English export writes them: words, not codes. */
const STAGE_EN = { recommended: 'Recommended', contacted: 'Contacted', interviewed: 'Interviewed', hired: 'Hired', started: 'Started', declined: 'Declined' } as const;

describe('a referral from recommendation to start', () => {
  it("takes a place at the hire and sets the worker's status, with history, at the start", async () => {
    const [w, p] = [await newWorker(), await linyiPosting(2)];
    const created = await refer(ck, w.id, p.id);
    expect(created.statusCode).toBe(201);
    const r: Referral = created.json();
    expect(r).toMatchObject({ status: 'recommended', workerNameMasked: w.nameMasked, postingTitle: '车工', employerName: '临沂沂州精工机械有限公司', note: '技能对口' });

    expect((await advance(ck, r.id, 'contacted')).json().status).toBe('contacted');
    // The employer's side records the interview and the hire.
    expect((await advance(ly, r.id, 'interviewed')).json().status).toBe('interviewed');
    const hired = await advance(ly, r.id, 'hired');
    expect(hired.json()).toMatchObject({ status: 'hired', hiredAt: expect.any(String) });
    expect(await posting(p.id)).toMatchObject({ headcount: 2, openHeadcount: 1 });

    const started = await advance(ck, r.id, 'started', { effectiveOn: today });
    expect(started.json()).toMatchObject({ status: 'started', startedOn: today });
    expect((await ck.get(`/api/labor/workers/${w.id}`)).json()).toMatchObject({ status: 'employed_out_of_province', statusSince: today });
    expect((await ck.get(`/api/labor/workers/${w.id}/history`)).json().at(-1)).toMatchObject({
      status: 'employed_out_of_province',
      previousStatus: 'unemployed',
      reason: 'Started at 临沂沂州精工机械有限公司: 车工',
      reasonRef: { key: 'labor.text.started_at', params: { employer: '临沂沂州精工机械有限公司', title: '车工' } },
    });
    expect(await posting(p.id)).toMatchObject({ openHeadcount: 1 });
    for (const a of ['create', 'contacted', 'interviewed', 'hired', 'started']) expect(await t.auditCount({ action: `labor.referral.${a}`, entityId: r.id })).toBe(1);
    // Both sides list it.
    expect((await ck.get(`/api/labor/referrals?workerId=${w.id}`)).json().items.map((x: Referral) => x.id)).toEqual([r.id]);
    expect((await ly.get(`/api/labor/referrals?postingId=${p.id}`)).json().items.map((x: Referral) => x.id)).toEqual([r.id]);
  });

  it('refuses a hire when no open place is left, and gives the place back when a hire is declined', async () => {
    const p = await linyiPosting(1);
    const [a, b] = [await newWorker(), await newWorker()];
    const ra: Referral = (await refer(ck, a.id, p.id)).json();
    const rb: Referral = (await refer(ck, b.id, p.id)).json();
    for (const id of [ra.id, rb.id]) for (const to of ['contacted', 'interviewed']) expect((await advance(ly, id, to)).statusCode).toBe(200);
    expect((await advance(ly, ra.id, 'hired')).statusCode).toBe(200);
    expect(await posting(p.id)).toMatchObject({ openHeadcount: 0, active: false });
    const full = await advance(ly, rb.id, 'hired');
    expect(full.statusCode).toBe(409);
    expect(full.json().error.message).toContain('No open places');
    expect((await ck.get(`/api/labor/referrals/${rb.id}`)).json().status).toBe('interviewed');
    // No new referral to a full posting.
    expect((await refer(ck, (await newWorker()).id, p.id)).statusCode).toBe(409);

    const declined = await advance(ck, ra.id, 'declined', { reason: '本人因家庭原因放弃' });
    expect(declined.json()).toMatchObject({ status: 'declined', declinedStage: 'hired', declinedReason: '本人因家庭原因放弃' });
    expect(await posting(p.id)).toMatchObject({ openHeadcount: 1 });
    expect((await advance(ly, rb.id, 'hired')).statusCode).toBe(200);
    expect(await posting(p.id)).toMatchObject({ openHeadcount: 0 });
  });
});

describe('referral rules', () => {
  it('allow only the next step, want a reason to decline, and keep one live referral per worker and posting', async () => {
    const [w, p] = [await newWorker(), await linyiPosting(3)];
    const r: Referral = (await refer(ck, w.id, p.id)).json();
    expect((await advance(ck, r.id, 'hired')).statusCode).toBe(409);
    expect((await advance(ck, r.id, 'started')).statusCode).toBe(409);
    expect((await advance(ck, r.id, 'declined')).json().error.fields).toEqual({ reason: 'required when declining' });
    expect((await advance(ck, r.id, 'recommended')).statusCode).toBe(400);
    expect((await refer(ck, w.id, p.id)).statusCode).toBe(409);
    expect((await advance(ck, r.id, 'declined', { reason: '薪资不符合期望' })).statusCode).toBe(200);
    expect((await advance(ck, r.id, 'contacted')).statusCode).toBe(409);
    // Declined, the worker may be referred again.
    expect((await refer(ck, w.id, p.id)).statusCode).toBe(201);
  });

  it('answer 403 to those outside both sides, 400 for unknown records, 404 for an unknown referral, 401 without a session', async () => {
    const [w, p] = [await newWorker(), await linyiPosting(1)];
    const r: Referral = (await refer(ck, w.id, p.id)).json();
    expect((await advance(hr, r.id, 'contacted')).statusCode).toBe(403);
    expect((await hr.get(`/api/labor/referrals/${r.id}`)).statusCode).toBe(403);
    expect((await py.get(`/api/labor/referrals/${r.id}`)).statusCode).toBe(403);
    // The employer's HR sees referrals to its own postings only.
    const seenByHr: Referral[] = (await hr.get('/api/labor/referrals?pageSize=500')).json().items;
    expect(seenByHr.map((x) => x.id)).not.toContain(r.id);
    expect(seenByHr.every((x) => x.employerName === '余扬汽配')).toBe(true);
    // Linyi may not refer Chengkou's workers; nobody may refer to a posting neither owned nor shared.
    expect((await refer(ly, w.id, p.id)).statusCode).toBe(403);
    const own = (
      await hr.post('/api/labor/postings', {
        title: '装配工',
        occupationCode: '6-22-02-01',
        headcount: 2,
        wageMin: 4500,
        wageMax: 6000,
        workRegionCode: '500110',
        validFrom: today,
        validTo: in30,
      })
    ).json();
    expect((await refer(ck, w.id, own.id)).statusCode).toBe(403);
    expect((await refer(ck, w.id, '00000000-0000-4000-8000-000000000000')).json().error.fields).toEqual({ postingId: 'unknown posting' });
    expect((await refer(ck, '00000000-0000-4000-8000-000000000000', p.id)).json().error.fields).toEqual({ workerId: 'unknown worker' });
    expect((await advance(ck, '00000000-0000-4000-8000-000000000000', 'contacted')).statusCode).toBe(404);
    const anon = t.anonymous();
    expect([(await anon.get('/api/labor/referrals')).statusCode, (await refer(anon, w.id, p.id)).statusCode, (await advance(anon, r.id, 'contacted')).statusCode]).toEqual([
      401, 401, 401,
    ]);
  });
});

describe('GET /api/labor/referrals/export', () => {
  const exportOf = (c: Client, query: string) => exportBytes(c, `/api/labor/referrals/export?${query}`);
  const listOf = (c: Client, query: string) => listAll<Referral>(c, `/api/labor/referrals?${query}`);

  it("holds exactly the list's rows under the same filters, for either side and a county of the partner city", async () => {
    const some = (await listOf(ck, 'status=started'))[0];
    const cases = [
      [ck, ''],
      [ck, 'status=started'],
      [ck, `postingId=${some.postingId}`],
      [ly, ''],
      [hr, ''],
      [py, ''],
    ] as const;
    for (const [c, query] of cases) {
      const list = await listOf(c, query);
      const rows = await xlsxRows(await exportOf(c, `${query}&lang=en`));
      expect(rows[0].slice(0, 5)).toEqual(['Worker', 'Organisation', 'Posting', 'Employer', 'Stage']);
      expect(rows.slice(1).map((r) => `${r[0]}|${r[2]}|${r[3]}|${r[4]}`)).toEqual(
        list.map((x) => `${x.workerNameMasked}|${x.postingTitle}|${x.employerName}|${STAGE_EN[x.status as keyof typeof STAGE_EN]}`),
      );
    }
    expect((await listOf(ck, '')).length).toBeGreaterThan(50);
  });

  it('has Chinese headers by default and no clear ID number, phone or name', async () => {
    const buf = await exportOf(ck, '');
    const rows = await xlsxRows(buf);
    expect(rows[0]).toEqual([
      '劳动力',
      '所属单位',
      '岗位',
      '用工单位',
      '进展',
      '推荐时间',
      '联系时间',
      '面试时间',
      '录用时间',
      '入职日期',
      '未成功于',
      '未成功原因',
      '备注',
      '进展备注',
    ]);
    expect(rows.slice(1).every((r) => /^\p{Script=Han}\*+$/u.test(r[0]))).toBe(true);
    expect(new Set(rows.slice(1).map((r) => r[4]))).toContain('已入职');
    expectNoPii(xlsxText(buf), await demoPeople(t), ['测试工人甲']);
  });

  it('answers 401 without a session and 403 without labor.read', async () => {
    expect((await t.anonymous().get('/api/labor/referrals/export')).statusCode).toBe(401);
    expect((await (await t.login('gear.operator')).get('/api/labor/referrals/export')).statusCode).toBe(403);
  });
});
