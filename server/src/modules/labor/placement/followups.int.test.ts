import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUp, Posting, RelapseAlert, Worker } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { CK, PINGYI, userWith, workerBody } from '../test/kit';
import { addDays, addMonths } from './retention';
import { localDay } from '../../../platform/time';

/**
 * Follow-ups at 1, 3, 6 and 12 months after a placement starts, the caseworkers' due list, recorded outcomes,
 * anti-relapse alerts (防返贫预警) for registered-poor and monitored workers who lose a job, and the retention rate
 * on a hand-computed cohort (docs/retention.md).
 */
let t: TestApp;
let ck: Client;
let ly: Client;
let hr: Client;
let py: Client;
let op: Client;
let p: Posting;
const today = localDay();
const in60 = localDay(Date.now() + 60 * 86_400_000);
const NONE = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, hr, op] = await Promise.all([t.login('ck.caseworker'), t.login('ly.officer'), t.login('yuyang.hr'), t.login('gear.operator')]);
  py = await userWith(t, await t.login('admin'), { username: 'py.caseworker', org: PINGYI, role: 'labour_caseworker', region: '371326' });
  p = (
    await ly.post('/api/labor/postings', {
      orgId: await t.orgId('临沂沂州精工机械有限公司'),
      title: '数控车工',
      occupationCode: '6-18-01-01',
      headcount: 50,
      wageMin: 5000,
      wageMax: 7000,
      workRegionCode: '371302',
      validFrom: today,
      validTo: in60,
    })
  ).json();
  expect((await ly.post('/api/labor/shares', { kind: 'posting', ids: [p.id], toOrgId: await t.orgId(CK) })).statusCode).toBe(201);
});
afterAll(() => t?.close());

const newWorker = async (over: Record<string, unknown> = {}): Promise<Worker> => {
  const res = await ck.post('/api/labor/workers', workerBody({ statusSince: '2024-01-02', ...over }));
  expect(res.statusCode).toBe(201);
  return res.json();
};
/** Refers the worker to the Linyi posting and takes the referral to "started" on that day. */
async function place(w: Worker, startedOn?: string): Promise<string> {
  const r = await ck.post('/api/labor/referrals', { workerId: w.id, postingId: p.id });
  expect(r.statusCode).toBe(201);
  for (const to of ['contacted', 'interviewed', 'hired']) expect((await ck.post(`/api/labor/referrals/${r.json().id}/advance`, { to })).statusCode).toBe(200);
  expect((await ck.post(`/api/labor/referrals/${r.json().id}/advance`, { to: 'started', ...(startedOn && { effectiveOn: startedOn }) })).statusCode).toBe(200);
  return r.json().id;
}
const followUps = async (w: Worker, query = 'state=all'): Promise<FollowUp[]> => (await ck.get(`/api/labor/followups?workerId=${w.id}&${query}`)).json().items;
const record = (c: Client, f: FollowUp, body: Record<string, unknown>) => c.post(`/api/labor/followups/${f.id}/outcome`, { contactMethod: 'phone', ...body });
const alertsOf = async (w: Worker, status = 'all'): Promise<RelapseAlert[]> => (await ck.get(`/api/labor/alerts?workerId=${w.id}&status=${status}`)).json().items;
const changeStatus = (w: Worker, status: string, reason: string) => ck.post(`/api/labor/workers/${w.id}/status`, { status, reason });

describe('a placement that starts', () => {
  let w: Worker;
  let fs: FollowUp[];
  beforeAll(async () => {
    w = await newWorker({ registeredPoor: true });
    const referralId = await place(w, '2024-01-31');
    fs = await followUps(w);
    expect(await t.auditCount({ action: 'labor.followup.schedule', entityId: referralId })).toBe(1);
  });

  it('gets follow-ups at 1, 3, 6 and 12 months, clamped to month ends (2024 is a leap year)', () => {
    expect(fs.map((f) => [f.milestone, f.dueOn, f.state])).toEqual([
      [1, '2024-02-29', 'overdue'],
      [3, '2024-04-30', 'overdue'],
      [6, '2024-07-31', 'overdue'],
      [12, '2025-01-31', 'overdue'],
    ]);
    expect(fs[0]).toMatchObject({ startedOn: '2024-01-31', employerName: '临沂沂州精工机械有限公司', postingTitle: '数控车工', registeredPoor: true, caseworkerName: '刘助' });
  });

  it('lists them by due window and state', async () => {
    expect((await followUps(w, 'state=all&dueFrom=2024-02-01&dueTo=2024-05-31')).map((f) => f.milestone)).toEqual([1, 3]);
    expect((await followUps(w, 'state=overdue')).length).toBe(4);
    expect((await followUps(w, 'state=all&milestone=6')).map((f) => f.dueOn)).toEqual(['2024-07-31']);
  });

  it('records each outcome once; "not employed" makes the worker unemployed and raises one anti-relapse alert', async () => {
    const m1 = await record(ck, fs[0], { outcome: 'same_employer', monthlyWage: 6000, contactMethod: 'visit', contactedOn: '2024-03-02' });
    expect(m1.statusCode).toBe(200);
    expect(m1.json()).toMatchObject({ state: 'recorded', outcome: 'same_employer', monthlyWage: 6000, contactMethod: 'visit', contactedOn: '2024-03-02', recordedByName: '刘助' });
    expect((await record(ck, fs[0], { outcome: 'same_employer' })).statusCode).toBe(409);
    expect((await record(ck, fs[1], { outcome: 'other_employer', monthlyWage: 5500, contactedOn: '2024-05-06' })).statusCode).toBe(200);
    expect(await alertsOf(w)).toEqual([]);

    const m6 = await record(ck, fs[2], { outcome: 'not_employed', problems: '工厂订单减少', contactedOn: '2024-08-05' });
    expect(m6.statusCode).toBe(200);
    expect((await ck.get(`/api/labor/workers/${w.id}`)).json()).toMatchObject({ status: 'unemployed', statusSince: '2024-08-05' });
    expect((await ck.get(`/api/labor/workers/${w.id}/history`)).json().at(-1)).toMatchObject({
      status: 'unemployed',
      previousStatus: 'employed_out_of_province',
      effectiveOn: '2024-08-05',
      // Stored as a key with parameters (the web renders it in the reader's language), the English beside.
      reason: '6-month follow-up: not employed',
      reasonRef: { key: 'labor.text.followup_unemployed', params: { milestone: 6 } },
    });
    const alerts = await alertsOf(w);
    expect(alerts.map((a) => [a.status, a.trigger, a.followUpId, a.reason, a.reasonRef])).toEqual([
      [
        'open',
        'followup',
        fs[2].id,
        '6-month follow-up: not employed (工厂订单减少)',
        { key: 'labor.text.followup_unemployed_with', params: { milestone: 6, problems: '工厂订单减少' } },
      ],
    ]);
    expect(await t.auditCount({ action: 'labor.alert.raise', entityId: alerts[0].id })).toBe(1);
    expect(await t.auditCount({ action: 'labor.followup.record', entityId: fs[2].id })).toBe(1);

    // Still without a job at 12 months: no second alert while the first is live.
    expect((await record(ck, fs[3], { outcome: 'not_employed', contactedOn: '2025-02-03' })).statusCode).toBe(200);
    expect((await alertsOf(w)).length).toBe(1);
    expect((await followUps(w, 'state=recorded')).length).toBe(4);
    // Erasing a placed worker's record takes the referral, follow-ups and alerts with it.
    expect((await ck.del(`/api/labor/workers/${w.id}`)).statusCode).toBe(200);
    expect((await ck.get(`/api/labor/followups/${fs[0].id}`)).statusCode).toBe(404);
  });

  it('answers 400 for a wage without a job, a contact before the start or in the future; 409 before the follow-up is due', async () => {
    const v = await newWorker();
    await place(v, '2024-02-10');
    const [m1] = await followUps(v);
    expect((await record(ck, m1, { outcome: 'not_employed', monthlyWage: 3000 })).json().error.fields).toEqual({ monthlyWage: 'only for a worker still employed' });
    expect((await record(ck, m1, { outcome: 'same_employer', contactedOn: '2024-01-01' })).json().error.fields).toEqual({
      contactedOn: 'must not be before the start date 2024-02-10',
    });
    expect((await record(ck, m1, { outcome: 'same_employer', contactedOn: '2024-01-01' })).json().error.fieldMessages).toEqual({
      contactedOn: { key: 'labor.followup.before_start_date', params: { date: '2024-02-10' } },
    });
    expect((await record(ck, m1, { outcome: 'same_employer', contactedOn: in60 })).json().error.fields).toEqual({ contactedOn: 'must not be in the future' });
    expect((await record(ck, m1, { outcome: 'fired' })).statusCode).toBe(400);
    expect((await record(ck, m1, { outcome: 'same_employer', contactMethod: 'pigeon' })).statusCode).toBe(400);

    const fresh = await newWorker({ statusSince: undefined });
    await place(fresh);
    const [next] = await followUps(fresh);
    expect(next.dueOn).toBe(addMonths(today, 1));
    const early = await record(ck, next, { outcome: 'same_employer' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('can be recorded from');
    const opens = early.json().error.params.opens;
    expect(early.json().error).toMatchObject({
      key: 'labor.followup.too_early',
      params: { due: next.dueOn, opens },
      fieldMessages: { dueOn: { key: 'labor.followup.field_recordable_from', params: { opens } } },
    });
  });
});

describe('anti-relapse alerts (防返贫预警)', () => {
  it('are raised when a registered-poor or monitored worker loses a job, and only then', async () => {
    const poor = await newWorker({ registeredPoor: true, status: 'employed_local' });
    const plain = await newWorker({ registeredPoor: false, status: 'employed_local' });
    const monitored = await newWorker({ registeredPoor: false, monitoringCategory: 'marginal', status: 'employed_out_of_province' });
    const trainee = await newWorker({ registeredPoor: true, status: 'in_training' });
    for (const w of [poor, plain, monitored, trainee]) expect((await changeStatus(w, 'unemployed', '工厂裁员')).statusCode).toBe(200);
    expect((await alertsOf(poor)).map((a) => [a.status, a.trigger, a.reason, a.reasonRef, a.registeredPoor])).toEqual([
      [
        'open',
        'status_change',
        'Employed locally → Unemployed: 工厂裁员',
        { key: 'labor.text.status_change', params: { from: { key: 'labor.worker_status.employed_local' }, to: { key: 'labor.worker_status.unemployed' }, reason: '工厂裁员' } },
        true,
      ],
    ]);
    expect((await alertsOf(monitored)).map((a) => [a.trigger, a.monitoringCategory])).toEqual([['status_change', 'marginal']]);
    // Not registered-poor nor monitored; or no job lost (training ended).
    expect(await alertsOf(plain)).toEqual([]);
    expect(await alertsOf(trainee)).toEqual([]);
  });

  it('are acknowledged, then closed with a note; a closed alert lets the next job loss raise a new one', async () => {
    const w = await newWorker({ registeredPoor: true, status: 'employed_local' });
    await changeStatus(w, 'unemployed', '合同到期');
    const [a] = await alertsOf(w);
    const ack = await ck.post(`/api/labor/alerts/${a.id}/acknowledge`);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedByName: '刘助' });
    expect((await ck.post(`/api/labor/alerts/${a.id}/acknowledge`)).statusCode).toBe(409);
    expect((await ck.post(`/api/labor/alerts/${a.id}/close`, {})).statusCode).toBe(400);
    expect((await ck.post(`/api/labor/alerts/${a.id}/close`, { note: '已推荐至公益性岗位' })).json()).toMatchObject({
      status: 'closed',
      closeNote: '已推荐至公益性岗位',
      closedByName: '刘助',
    });
    expect((await ck.post(`/api/labor/alerts/${a.id}/close`, { note: '再次关闭' })).statusCode).toBe(409);
    expect((await ck.get(`/api/labor/alerts/${a.id}`)).json().status).toBe('closed');
    expect((await alertsOf(w, 'live')).length).toBe(0);
    for (const action of ['labor.alert.acknowledge', 'labor.alert.close']) expect(await t.auditCount({ action, entityId: a.id })).toBe(1);

    await changeStatus(w, 'public_welfare_post', '安置公益性岗位');
    await changeStatus(w, 'unemployed', '岗位期满');
    expect((await alertsOf(w)).map((x) => x.status)).toEqual(['open', 'closed']);
    // Erasing the worker's record takes the alerts with it.
    expect((await ck.del(`/api/labor/workers/${w.id}`)).statusCode).toBe(200);
    expect(await t.platform.handle.db.selectFrom('labor_relapse_alerts').select('id').where('worker_id', '=', w.id).execute()).toEqual([]);
  });
});

describe("the worker list's follow-up-due filter", () => {
  it('finds own workers with a follow-up due within 14 days or overdue and not recorded, as the due list does', async () => {
    const notYet = await newWorker(); // first follow-up in a month
    await place(notYet, today);
    const soon = await newWorker(); // first follow-up in about ten days
    await place(soon, addDays(today, -20));
    const overdue = await newWorker();
    await place(overdue, '2024-02-10');
    const done = await newWorker(); // every follow-up recorded
    await place(done, '2024-01-31');
    for (const f of await followUps(done)) expect((await record(ck, f, { outcome: 'same_employer', contactedOn: f.dueOn })).statusCode).toBe(200);

    const list = async (c: Client, q: string) => (await c.get(`/api/labor/workers?${q}&pageSize=500`)).json() as { items: Worker[]; total: number };
    const due = await list(ck, 'followUpDue=true');
    const ids = due.items.map((w) => w.id);
    expect(ids).toEqual(expect.arrayContaining([soon.id, overdue.id]));
    expect(ids).not.toContain(notYet.id);
    expect(ids).not.toContain(done.id);
    // The same workers as the caseworkers' due list (open follow-ups due by today + 14 days).
    const open: FollowUp[] = (await ck.get(`/api/labor/followups?state=open&dueTo=${addDays(today, 14)}&pageSize=500`)).json().items;
    expect(new Set(ids)).toEqual(new Set(open.map((f) => f.workerId)));
    const none = await list(ck, 'followUpDue=false');
    expect(none.items.map((w) => w.id)).toEqual(expect.arrayContaining([notYet.id, done.id]));
    expect(due.total + none.total).toBe((await list(ck, 'source=own')).total);
    // Combined with the other filters in SQL.
    expect((await list(ck, 'followUpDue=true&status=unemployed')).items.every((w) => w.status === 'unemployed')).toBe(true);
    // Follow-ups are the owning bureau's: the partner's filter matches nothing.
    expect((await list(ly, 'followUpDue=true')).total).toBe(0);
    expect((await list(ly, 'followUpDue=false')).total).toBe(0);
    expect((await ck.get('/api/labor/workers?followUpDue=yes')).statusCode).toBe(400);
  });
});

describe('scopes of follow-ups and alerts', () => {
  it("show the caseworker its due list, soonest first, and the demo's live alerts", async () => {
    const due = (await ck.get('/api/labor/followups?pageSize=100')).json();
    expect(due.total).toBeGreaterThan(0);
    expect(due.items.every((f: FollowUp) => f.outcome === null)).toBe(true);
    expect(due.items.map((f: FollowUp) => f.dueOn)).toEqual([...due.items.map((f: FollowUp) => f.dueOn)].sort());
    const live = (await ck.get('/api/labor/alerts')).json();
    expect(live.items.every((a: RelapseAlert) => a.status !== 'closed')).toBe(true);
    expect((await ck.get('/api/labor/alerts?status=closed')).json().total).toBeGreaterThan(0);
  });

  it("show another county's caseworker, the partner and an employer nothing; refuse their changes", async () => {
    const f: FollowUp = (await ck.get('/api/labor/followups?pageSize=1')).json().items[0];
    const a: RelapseAlert = (await ck.get('/api/labor/alerts?pageSize=1')).json().items[0];
    for (const c of [py, ly, hr]) {
      expect((await c.get('/api/labor/followups')).json().total).toBe(0);
      expect((await c.get('/api/labor/alerts')).json().total).toBe(0);
      expect((await c.get(`/api/labor/followups/${f.id}`)).statusCode).toBe(403);
      expect((await c.get(`/api/labor/alerts/${a.id}`)).statusCode).toBe(403);
      expect((await record(c, f, { outcome: 'same_employer' })).statusCode).toBe(403);
      expect((await c.post(`/api/labor/alerts/${a.id}/acknowledge`)).statusCode).toBe(403);
    }
    for (const url of ['/api/labor/followups', '/api/labor/alerts', '/api/labor/retention']) {
      expect((await op.get(url)).statusCode).toBe(403);
      expect((await t.anonymous().get(url)).statusCode).toBe(401);
    }
    expect((await ck.get(`/api/labor/followups/${NONE}`)).statusCode).toBe(404);
    expect((await ck.post(`/api/labor/followups/${NONE}/outcome`, { outcome: 'same_employer', contactMethod: 'phone' })).statusCode).toBe(404);
    expect((await ck.post(`/api/labor/alerts/${NONE}/close`, { note: 'x' })).statusCode).toBe(404);
    expect((await ck.get('/api/labor/followups?state=late')).statusCode).toBe(400);
  });
});

describe('retention rate (稳岗率) on a hand-computed cohort', () => {
  /**
   * Five placements started in March 2024; their 6-month follow-ups: same employer, same employer, other employer,
   * not employed, not recorded. Retained 3 (same employer 2), lost 1, unknown 1: rate 3 / (3 + 1) = 0.75.
   */
  beforeAll(async () => {
    const outcomes = ['same_employer', 'same_employer', 'other_employer', 'not_employed', null] as const;
    const starts = ['2024-03-01', '2024-03-05', '2024-03-10', '2024-03-15', '2024-03-31'];
    for (const [i, start] of starts.entries()) {
      const w = await newWorker({ homeRegionCode: '500229106' });
      await place(w, start);
      const six = (await followUps(w, 'milestone=6'))[0];
      expect(six.dueOn).toBe(['2024-09-01', '2024-09-05', '2024-09-10', '2024-09-15', '2024-09-30'][i]);
      if (outcomes[i]) expect((await record(ck, six, { outcome: outcomes[i], contactedOn: '2024-10-08' })).statusCode).toBe(200);
    }
  });
  const march = { placements: 5, notDue: 0, unknown: 1, retained: 3, sameEmployer: 2, lost: 1, rate: 0.75 };

  it('per cohort, at 6 months: 3 retained of 4 recorded, the unrecorded one counted apart', async () => {
    const res = await ck.get('/api/labor/retention?by=cohort&milestone=6&from=2024-03&to=2024-03');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ by: 'cohort', milestone: 6, asOf: today, groups: [{ key: '2024-03', label: '2024-03', ...march }], total: march });
    // At 1 month nothing of that cohort was recorded.
    expect((await ck.get('/api/labor/retention?milestone=1&from=2024-03&to=2024-03')).json().total).toEqual({
      placements: 5,
      notDue: 0,
      unknown: 5,
      retained: 0,
      sameEmployer: 0,
      lost: 0,
      rate: null,
    });
  });

  it('per enterprise and per home region (town or county)', async () => {
    expect((await ck.get('/api/labor/retention?by=enterprise&milestone=6&from=2024-03&to=2024-03')).json().groups).toEqual([
      { key: p.orgId, label: '临沂沂州精工机械有限公司', ...march },
    ]);
    expect((await ck.get('/api/labor/retention?by=region&milestone=6&from=2024-03&to=2024-03')).json().groups).toEqual([
      { key: '500229106', label: '重庆市 城口县 修齐镇', ...march },
    ]);
    expect((await ck.get('/api/labor/retention?by=region&regionDigits=6&milestone=6&from=2024-03&to=2024-03')).json().groups).toEqual([
      { key: '500229', label: '重庆市 城口县', ...march },
    ]);
  });

  it("is the same for the employer's side, and empty for those on neither side", async () => {
    expect((await ly.get('/api/labor/retention?milestone=6&from=2024-03&to=2024-03')).json().total).toEqual(march);
    for (const c of [py, hr])
      expect((await c.get('/api/labor/retention?milestone=6&from=2024-03&to=2024-03')).json()).toMatchObject({ groups: [], total: { placements: 0, rate: null } });
  });

  it('answers 400 for a milestone, grouping or month that does not exist', async () => {
    for (const q of ['milestone=2', 'by=town', 'from=2024-13', 'regionDigits=12']) expect((await ck.get(`/api/labor/retention?${q}`)).statusCode).toBe(400);
  });
});
