import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Posting, Referral, ReferralBulkResult, Worker } from '@gearbridge/contracts/labor';
import type { ImportReport } from '@gearbridge/contracts/imports';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { XLSX_MIME } from '../../../platform/excel/workbook';
import { CK, sheet, userWith, workerBody } from '../test/kit';
import { localDay } from '../../../platform/time';

/**
 * A job fair's outcome without a click per step: bulk steps over many referrals (one transaction, a result per
 * referral, each move audited) and the employers' outcome sheet through the platform's import (report, confirm).
 */
let t: TestApp;
let ck: Client;
let ly: Client;
let hr: Client;
const today = localDay();
const yesterday = localDay(Date.now() - 86_400_000);
const in30 = localDay(Date.now() + 30 * 86_400_000);
const tomorrow = localDay(Date.now() + 86_400_000);

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, hr] = await Promise.all([t.login('ck.caseworker'), t.login('ly.officer'), t.login('yuyang.hr')]);
});
afterAll(() => t?.close());

let seq = 0;
const newWorker = async (name = `测试工人${'甲乙丙丁戊己庚辛壬癸'[seq++ % 10]}`): Promise<Worker & { idNumber: string }> => {
  const body = workerBody({ name });
  const res = await ck.post('/api/labor/workers', body);
  expect(res.statusCode).toBe(201);
  return { ...res.json(), idNumber: body.idNumber as string };
};
async function linyiPosting(headcount: number, title = '车工'): Promise<Posting> {
  const p = (
    await ly.post('/api/labor/postings', {
      orgId: await t.orgId('临沂沂州精工机械有限公司'),
      title,
      occupationCode: '6-18-01-01',
      headcount,
      wageMin: 5000,
      wageMax: 7000,
      workRegionCode: '371302',
      validFrom: today,
      validTo: in30,
    })
  ).json();
  expect((await ly.post('/api/labor/shares', { kind: 'posting', ids: [p.id], toOrgId: await t.orgId(CK) })).statusCode).toBe(201);
  return p;
}
const refer = async (workerId: string, postingId: string): Promise<Referral> => {
  const res = await ck.post('/api/labor/referrals', { workerId, postingId });
  expect(res.statusCode).toBe(201);
  return res.json();
};
/** Dates the referral back, as if it came from a fair some days ago. */
const recommendedOn = (id: string, day: string) =>
  t.platform.handle.db
    .updateTable('labor_referrals')
    .set({ recommended_at: new Date(`${day}T09:00:00+08:00`) })
    .where('id', '=', id)
    .execute();
const bulk = (c: Client, body: Record<string, unknown>) => c.post('/api/labor/referrals/bulk-advance', body);
const get = async (id: string): Promise<Referral> => (await ck.get(`/api/labor/referrals/${id}`)).json();
const openOf = async (id: string): Promise<number> => (await ly.get(`/api/labor/postings/${id}`)).json().openHeadcount;

describe('bulk steps', () => {
  it('hire many on one day through the stages between, report the ones that cannot, and audit every move', async () => {
    const p = await linyiPosting(3);
    const ws = [await newWorker(), await newWorker(), await newWorker(), await newWorker(), await newWorker()];
    const rs = [];
    for (const w of ws) rs.push(await refer(w.id, p.id));
    for (const r of rs) await recommendedOn(r.id, yesterday);
    // One already declined; one already contacted (the bulk takes it on from there).
    expect((await ck.post(`/api/labor/referrals/${rs[4].id}/advance`, { to: 'declined', reason: '本人放弃' })).statusCode).toBe(200);
    expect((await ck.post(`/api/labor/referrals/${rs[1].id}/advance`, { to: 'contacted' })).statusCode).toBe(200);
    await t.platform.handle.db
      .updateTable('labor_referrals')
      .set({ contacted_at: new Date(`${yesterday}T10:00:00+08:00`) })
      .where('id', '=', rs[1].id)
      .execute();

    const res = await bulk(ck, { ids: rs.map((r) => r.id), step: 'hired', on: yesterday, note: '春季招聘会现场录用' });
    expect(res.statusCode).toBe(200);
    const out: ReferralBulkResult = res.json();
    // Three places: the first three in the request take them, the fourth finds none, the declined one cannot move.
    expect(out).toMatchObject({ applied: 3, skipped: 2 });
    expect(out.rows.map((r) => [r.id, r.ok, r.status, r.key ?? null])).toEqual([
      [rs[0].id, true, 'hired', null],
      [rs[1].id, true, 'hired', null],
      [rs[2].id, true, 'hired', null],
      [rs[3].id, false, 'recommended', 'labor.referral.bulk_no_places'],
      [rs[4].id, false, 'declined', 'labor.referral.bulk_not_forward'],
    ]);
    expect(out.rows[3].message).toBe('no open places are left on the posting');
    expect(await openOf(p.id)).toBe(0);
    const hired = await get(rs[0].id);
    expect(hired).toMatchObject({ status: 'hired', stepNote: '春季招聘会现场录用' });
    for (const at of [hired.contactedAt, hired.interviewedAt, hired.hiredAt]) expect(localDay(Date.parse(at!))).toBe(yesterday);
    // The skipped one is as it was: its savepoint rolled back whatever it had begun.
    expect(await get(rs[3].id)).toMatchObject({ status: 'recommended', contactedAt: null, stepNote: null });
    expect(await t.auditCount({ action: 'labor.referral.contacted', entityId: rs[0].id })).toBe(1);
    expect(await t.auditCount({ action: 'labor.referral.interviewed', entityId: rs[0].id })).toBe(1);
    expect(await t.auditCount({ action: 'labor.referral.hired', entityId: rs[0].id })).toBe(1);
    // rs[1] was contacted on its own: the bulk interviewed and hired it.
    expect(await t.auditCount({ action: 'labor.referral.contacted', entityId: rs[1].id })).toBe(1);
    expect(await t.auditCount({ action: 'labor.referral.hired', entityId: rs[3].id })).toBe(0);
    expect(await t.auditCount({ action: 'labor.referral.contacted', entityId: rs[3].id })).toBe(0);

    // Started follows a hire only; a second "hired" is reported, not applied twice.
    const again: ReferralBulkResult = (await bulk(ck, { ids: [rs[0].id, rs[3].id], step: 'started', on: today })).json();
    expect(again.rows.map((r) => [r.ok, r.status, r.key ?? null])).toEqual([
      [true, 'started', null],
      [false, 'recommended', 'labor.referral.bulk_start_needs_hire'],
    ]);
    expect((await ck.get(`/api/labor/workers/${ws[0].id}`)).json()).toMatchObject({ status: 'employed_out_of_province', statusSince: today });
    const twice: ReferralBulkResult = (await bulk(ck, { ids: [rs[1].id], step: 'hired', on: today })).json();
    expect(twice.rows[0]).toMatchObject({ ok: false, key: 'labor.referral.bulk_not_forward' });
  });

  it('hires and starts in one step, with the follow-ups scheduled and the status history written', async () => {
    const p = await linyiPosting(2);
    const w = await newWorker();
    const r = await refer(w.id, p.id);
    const out: ReferralBulkResult = (await bulk(ck, { ids: [r.id], step: 'hired_started', on: today })).json();
    expect(out).toMatchObject({ applied: 1, skipped: 0 });
    expect(await get(r.id)).toMatchObject({ status: 'started', startedOn: today });
    for (const a of ['contacted', 'interviewed', 'hired', 'started']) expect(await t.auditCount({ action: `labor.referral.${a}`, entityId: r.id })).toBe(1);
    const followUps = (await ck.get(`/api/labor/followups?state=all&pageSize=500`)).json().items.filter((f: { referralId: string }) => f.referralId === r.id);
    expect(followUps.map((f: { milestone: number }) => f.milestone).sort((a: number, b: number) => a - b)).toEqual([1, 3, 6, 12]);
    expect((await ck.get(`/api/labor/workers/${w.id}/history`)).json().at(-1)).toMatchObject({
      status: 'employed_out_of_province',
      reasonRef: { key: 'labor.text.started_at', params: { title: '车工' } },
    });
  });

  it('refuses a day in the future for the whole request and a day before the previous stage per referral, changing nothing', async () => {
    const p = await linyiPosting(2);
    const w = await newWorker();
    const r = await refer(w.id, p.id);
    const audits = await t.auditCount();
    const future = await bulk(ck, { ids: [r.id], step: 'contacted', on: tomorrow });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ key: 'labor.referral.step_in_future', fields: { on: 'must not be in the future' } });
    const early: ReferralBulkResult = (await bulk(ck, { ids: [r.id], step: 'contacted', on: '2020-01-01' })).json();
    expect(early.rows[0]).toMatchObject({ ok: false, key: 'labor.referral.bulk_before_previous', params: { date: today } });
    expect(await get(r.id)).toMatchObject({ status: 'recommended', contactedAt: null });
    expect(await t.auditCount()).toBe(audits);
    // Bad bodies: no ids, an unknown step, too many ids.
    expect((await bulk(ck, { ids: [], step: 'hired', on: today })).statusCode).toBe(400);
    expect((await bulk(ck, { ids: [r.id], step: 'declined', on: today })).statusCode).toBe(400);
    expect((await bulk(ck, { ids: Array.from({ length: 501 }, () => r.id), step: 'hired', on: today })).statusCode).toBe(400);
  });

  it("let an enterprise's HR act only on referrals to its own postings; others are reported as not found", async () => {
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
    const [a, b] = [await newWorker(), await newWorker()];
    // The referral to the HR's own posting (a job fair's list handed over), set up directly.
    const { id: mine } = await t.platform.handle.db.insertInto('labor_referrals').values({ worker_id: a.id, posting_id: own.id }).returning('id').executeTakeFirstOrThrow();
    const other = await refer(b.id, (await linyiPosting(1)).id);
    const out: ReferralBulkResult = (await bulk(hr, { ids: [mine, other.id, '00000000-0000-4000-8000-000000000000'], step: 'interviewed', on: today })).json();
    expect(out.rows.map((r) => [r.id, r.ok, r.status, r.key ?? null, r.workerNameMasked])).toEqual([
      [mine, true, 'interviewed', null, a.nameMasked],
      // Nothing of a referral outside its scope is told, not even the worker's masked name.
      [other.id, false, null, 'labor.referral.bulk_not_found', null],
      ['00000000-0000-4000-8000-000000000000', false, null, 'labor.referral.bulk_not_found', null],
    ]);
    expect((await get(other.id)).status).toBe('recommended');
    // Another organisation's HR user: neither sees nor moves it.
    const linyiCounty = await userWith(t, await t.login('admin'), { username: 'py.reader', org: '平邑县人力资源和社会保障局', role: 'enterprise_hr' });
    const seen: ReferralBulkResult = (await bulk(linyiCounty, { ids: [other.id], step: 'contacted', on: today })).json();
    expect(seen.rows[0]).toMatchObject({ ok: false });
    expect(await t.auditCount({ action: 'labor.referral.contacted', entityId: other.id })).toBe(0);
    expect((await t.anonymous().post('/api/labor/referrals/bulk-advance', { ids: [mine], step: 'hired', on: today })).statusCode).toBe(401);
  });
});

const HEADERS = ['姓名*', '身份证号*', '用工单位', '岗位*', '录用日期*', '入职日期', '备注'];
const upload = (c: Client, buf: Buffer) => c.request('POST', '/api/imports/labor_referral_outcomes?fileName=outcome.xlsx', buf, { 'content-type': XLSX_MIME });

describe("a job fair's outcome sheet", () => {
  it('downloads as a template with its columns and notes', async () => {
    const res = await ck.get('/api/imports/labor_referral_outcomes/template?lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
  });

  it('reports every bad row, writes nothing on upload, and on confirm hires (and starts) the matched referrals', async () => {
    const p = await linyiPosting(5, '焊工（招聘会）');
    const ws = [await newWorker('赵大海'), await newWorker('钱小川'), await newWorker('孙立新'), await newWorker('李木子')];
    const rs = [];
    for (const w of ws) rs.push(await refer(w.id, p.id));
    for (const r of rs) await recommendedOn(r.id, yesterday);
    const employer = '临沂沂州精工机械有限公司';
    const buf = await sheet(HEADERS, [
      ['赵大海', ws[0].idNumber, employer, '焊工（招聘会）', yesterday, today, '现场录用'], // 2: hired and started
      ['钱小川', ws[1].idNumber.slice(-4), '', ' 焊工 （招聘会）', today, '', ''], // 3: hired, by the last four characters (spaces in the title)
      ['孙立新', ws[2].idNumber, '', '焊工（招聘会）', tomorrow, '', ''], // 4: in the future
      ['孙立新', '12', '', '焊工（招聘会）', today, '', ''], // 5: not an ID
      ['周不在', ws[3].idNumber, '', '焊工（招聘会）', today, '', ''], // 6: name does not match
      ['李木子', ws[3].idNumber, '', '焊工（招聘会）', today, yesterday, ''], // 7: starts before the hire
      ['钱小川', ws[1].idNumber, '', '焊工（招聘会）', today, '', ''], // 8: the same referral as row 3
      ['李木子', ws[3].idNumber, '', '焊工（招聘会）', '3月5日', '', ''], // 9: not a date
    ]);
    const audits = await t.auditCount({ action: 'labor.referral.hired' });
    const res = await upload(ck, buf);
    expect(res.statusCode).toBe(201);
    const report: ImportReport = res.json();
    expect(report).toMatchObject({ totalRows: 8, validRows: 2, status: 'pending' });
    expect(report.errors.map((e) => [e.row, e.column, e.key])).toEqual([
      [4, '录用日期', 'labor.field.not_in_future'],
      [5, '身份证号', 'labor.outcome.id_format'],
      [6, '姓名', 'labor.outcome.no_match'],
      [7, '入职日期', 'labor.outcome.start_before_hire'],
      [8, '姓名', 'labor.outcome.same_as_row'],
      [9, '录用日期', 'labor.outcome.date_format'],
    ]);
    // The preview shows masked people only.
    expect(report.preview[0]).toMatchObject({ row: 2, name: ws[0].nameMasked, posting: '焊工（招聘会）', hiredOn: yesterday, startedOn: today });
    expect(JSON.stringify(report)).not.toContain(ws[0].idNumber);
    // Nothing moved yet.
    expect((await get(rs[0].id)).status).toBe('recommended');
    expect(await t.auditCount({ action: 'labor.referral.hired' })).toBe(audits);

    const done = await ck.post(`/api/imports/${report.id}/confirm`);
    expect(done.statusCode).toBe(200);
    expect(done.json().written).toBe(2);
    expect(await get(rs[0].id)).toMatchObject({ status: 'started', startedOn: today, stepNote: '现场录用' });
    expect(localDay(Date.parse((await get(rs[0].id)).hiredAt!))).toBe(yesterday);
    expect(await get(rs[1].id)).toMatchObject({ status: 'hired' });
    expect(await get(rs[2].id)).toMatchObject({ status: 'recommended' });
    expect(await openOf(p.id)).toBe(3);
    for (const a of ['contacted', 'interviewed', 'hired', 'started']) expect(await t.auditCount({ action: `labor.referral.${a}`, entityId: rs[0].id })).toBe(1);
    expect(await t.auditCount({ action: 'import.confirm', entityId: report.id })).toBe(1);
  });

  it('changes nothing when a confirm finds a referral moved meanwhile', async () => {
    const p = await linyiPosting(2, '钳工（招聘会）');
    const [a, b] = [await newWorker('吴一鸣'), await newWorker('郑二林')];
    const [ra, rb] = [await refer(a.id, p.id), await refer(b.id, p.id)];
    const report: ImportReport = (
      await upload(
        ck,
        await sheet(HEADERS, [
          ['吴一鸣', a.idNumber, '', '钳工（招聘会）', today, '', ''],
          ['郑二林', b.idNumber, '', '钳工（招聘会）', today, '', ''],
        ]),
      )
    ).json();
    expect(report.validRows).toBe(2);
    // Between upload and confirm, the second person declines.
    expect((await ck.post(`/api/labor/referrals/${rb.id}/advance`, { to: 'declined', reason: '另有工作' })).statusCode).toBe(200);
    const audits = await t.auditCount();
    const res = await ck.post(`/api/imports/${report.id}/confirm`);
    expect(res.statusCode).toBe(409);
    expect(await get(ra.id)).toMatchObject({ status: 'recommended', contactedAt: null });
    expect(await openOf(p.id)).toBe(2);
    expect(await t.auditCount()).toBe(audits);
  });

  it('matches only referrals the uploader may move on: the HR of another employer finds none', async () => {
    const p = await linyiPosting(1, '电工（招聘会）');
    const w = await newWorker('冯三木');
    await refer(w.id, p.id);
    const report: ImportReport = (await upload(hr, await sheet(HEADERS, [['冯三木', w.idNumber, '', '电工（招聘会）', today, '', '']]))).json();
    expect(report).toMatchObject({ validRows: 0 });
    expect(report.errors.map((e) => e.key)).toEqual(['labor.outcome.no_match']);
  });
});
