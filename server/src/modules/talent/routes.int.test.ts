import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { personBody } from './test/kit';

/**
 * Every talent route, one table: 401 without a session, 403 for a signed-in user without the talent permission
 * (a gear-plant operator), 400 with a clear error on bad input — and nothing written by any of them.
 */
let t: TestApp;
let gear: Client;
let ck: Client;
let ids: {
  person: string;
  secondment: string;
  pairing: string;
  demand: string;
  dispatch: string;
  activity: string;
  mentorship: string;
  plan: string;
  planItem: string;
  visit: string;
};

beforeAll(async () => {
  t = await startTestApp();
  [gear, ck] = await Promise.all([t.login('gear.operator'), t.login('ck.talent')]);
  const db = t.platform.handle.db;
  const person = await db.selectFrom('talent_people').select('id').limit(1).executeTakeFirstOrThrow();
  const secondment = await db.selectFrom('talent_secondments').select('id').limit(1).executeTakeFirstOrThrow();
  const pairing = await db.selectFrom('talent_pairings').select('id').limit(1).executeTakeFirstOrThrow();
  const demand = await db.selectFrom('talent_demands').select('id').limit(1).executeTakeFirstOrThrow();
  const dispatch = await db.selectFrom('talent_dispatches').select('id').where('status', '=', 'pending').limit(1).executeTakeFirstOrThrow();
  const activity = await db.selectFrom('talent_activities').select('id').limit(1).executeTakeFirstOrThrow();
  const mentorship = await db.selectFrom('talent_mentorships').select('id').limit(1).executeTakeFirstOrThrow();
  const plan = await db.selectFrom('talent_plans').select('id').limit(1).executeTakeFirstOrThrow();
  const planItem = await db.selectFrom('talent_plan_items').select('id').limit(1).executeTakeFirstOrThrow();
  const visit = await db.selectFrom('talent_visits').select('id').limit(1).executeTakeFirstOrThrow();
  ids = {
    person: person.id,
    secondment: secondment.id,
    pairing: pairing.id,
    demand: demand.id,
    dispatch: dispatch.id,
    activity: activity.id,
    mentorship: mentorship.id,
    plan: plan.id,
    planItem: planItem.id,
    visit: visit.id,
  };
});
afterAll(() => t?.close());

type Route = { method: 'GET' | 'POST' | 'PATCH'; url: () => string; body?: () => unknown; bad: { url?: () => string; body?: unknown } };
const term = { personId: '00000000-0000-4000-8000-000000000000', hostUnit: '某单位', post: '挂职', startsOn: '2030-01-01', endsOn: '2030-06-30' };
const ROUTES: Route[] = [
  { method: 'GET', url: () => '/api/talent/partnerships', bad: {} },
  { method: 'GET', url: () => '/api/talent/programmes', bad: {} },
  { method: 'GET', url: () => '/api/talent/orgs', bad: {} },
  { method: 'GET', url: () => '/api/talent/stats/exchanges?fromYear=2017&toYear=2018', bad: { url: () => '/api/talent/stats/exchanges?fromYear=2017' } },
  { method: 'GET', url: () => '/api/talent/people', bad: { url: () => '/api/talent/people?minLevel=9' } },
  { method: 'GET', url: () => `/api/talent/people/${ids.person}`, bad: { url: () => '/api/talent/people/not-an-id' } },
  { method: 'POST', url: () => '/api/talent/people', body: () => personBody(), bad: { body: { ...personBody(), kind: 'astronaut' } } },
  { method: 'PATCH', url: () => `/api/talent/people/${ids.person}`, body: () => ({ post: '科员' }), bad: { body: { titleCode: 'wizard' } } },
  { method: 'POST', url: () => `/api/talent/people/${ids.person}/reveal`, body: () => ({ field: 'idNumber' }), bad: { body: { field: 'name' } } },
  { method: 'GET', url: () => '/api/talent/secondments', bad: { url: () => '/api/talent/secondments?endingWithin=999' } },
  { method: 'GET', url: () => `/api/talent/secondments/${ids.secondment}`, bad: { url: () => '/api/talent/secondments/1' } },
  { method: 'POST', url: () => '/api/talent/secondments', body: () => term, bad: { body: { ...term, endsOn: '2030-02-30' } } },
  { method: 'PATCH', url: () => `/api/talent/secondments/${ids.secondment}`, body: () => ({ post: '挂职' }), bad: { body: { startsOn: 'tomorrow' } } },
  { method: 'GET', url: () => `/api/talent/secondments/${ids.secondment}/reports`, bad: { url: () => '/api/talent/secondments/x/reports' } },
  { method: 'GET', url: () => `/api/talent/secondments/${ids.secondment}/reports/export`, bad: { url: () => `/api/talent/secondments/${ids.secondment}/reports/export?lang=fr` } },
  {
    method: 'POST',
    url: () => `/api/talent/secondments/${ids.secondment}/reports`,
    body: () => ({ reportedOn: '2030-01-01', kind: 'final', summary: '总结' }),
    bad: { body: { reportedOn: '2030-01-01', kind: 'final', summary: '   ' } },
  },
  { method: 'GET', url: () => '/api/talent/pairings', bad: { url: () => '/api/talent/pairings?kind=zoo' } },
  { method: 'GET', url: () => `/api/talent/pairings/${ids.pairing}`, bad: { url: () => '/api/talent/pairings/zz' } },
  {
    method: 'POST',
    url: () => '/api/talent/pairings',
    body: () => ({ kind: 'school', westOrgId: term.personId, eastOrgId: term.personId, startedOn: '2030-01-01' }),
    bad: { body: { kind: 'school', westOrgId: 'a', eastOrgId: 'b', startedOn: '2030-01-01' } },
  },
  {
    method: 'POST',
    url: () => `/api/talent/pairings/${ids.pairing}/agreements`,
    body: () => ({ title: '协议', signedOn: '2030-01-01', startsOn: '2030-01-01' }),
    bad: { body: { title: '', signedOn: '2030-01-01', startsOn: '2030-01-01' } },
  },
  { method: 'GET', url: () => '/api/talent/demands', bad: { url: () => '/api/talent/demands?fulfilment=half' } },
  { method: 'GET', url: () => '/api/talent/demands/export', bad: { url: () => '/api/talent/demands/export?lang=fr' } },
  { method: 'GET', url: () => `/api/talent/demands/${ids.demand}`, bad: { url: () => '/api/talent/demands/x' } },
  {
    method: 'POST',
    url: () => '/api/talent/demands',
    body: () => ({ title: '专家', sector: 'health', specialties: ['儿科'], headcount: 1, startsOn: '2030-01-01', endsOn: '2030-06-30', goals: '目标' }),
    bad: { body: { title: '专家', sector: 'health', specialties: [], headcount: 0, startsOn: '2030-01-01', endsOn: '2030-06-30', goals: '目标' } },
  },
  { method: 'GET', url: () => `/api/talent/demands/${ids.demand}/candidates`, bad: { url: () => `/api/talent/demands/${ids.demand}/candidates?limit=500` } },
  { method: 'POST', url: () => `/api/talent/demands/${ids.demand}/dispatches`, body: () => ({ personId: ids.person }), bad: { body: { personId: 'nobody' } } },
  { method: 'GET', url: () => '/api/talent/dispatches', bad: { url: () => '/api/talent/dispatches?status=maybe' } },
  { method: 'GET', url: () => '/api/talent/dispatches/export', bad: { url: () => '/api/talent/dispatches/export?status=maybe' } },
  { method: 'GET', url: () => '/api/talent/stats/collab?fromYear=2018&toYear=2021', bad: { url: () => '/api/talent/stats/collab?fromYear=1800&toYear=2021' } },
  { method: 'GET', url: () => '/api/talent/stats/quarterly?year=2019&quarter=1', bad: { url: () => '/api/talent/stats/quarterly?year=2019&quarter=0' } },
  { method: 'GET', url: () => '/api/talent/activities', bad: { url: () => '/api/talent/activities?kind=party' } },
  { method: 'GET', url: () => '/api/talent/activities/export', bad: { url: () => '/api/talent/activities/export?year=1' } },
  { method: 'GET', url: () => `/api/talent/activities/${ids.activity}`, bad: { url: () => '/api/talent/activities/zz' } },
  { method: 'GET', url: () => `/api/talent/activities/${ids.activity}/signins`, bad: { url: () => '/api/talent/activities/zz/signins' } },
  {
    method: 'POST',
    url: () => '/api/talent/activities',
    body: () => ({
      kind: 'lecture',
      title: '讲座',
      sector: 'health',
      direction: 'east_to_west',
      venue: '报告厅',
      startsAt: '2030-01-01T09:00:00+08:00',
      endsAt: '2030-01-01T11:00:00+08:00',
    }),
    bad: { body: { kind: 'lecture', title: '讲座', sector: 'health', direction: 'east_to_west', venue: '报告厅', startsAt: 'soon', endsAt: 'later' } },
  },
  { method: 'GET', url: () => '/api/talent/outcomes', bad: { url: () => '/api/talent/outcomes?kind=prize' } },
  { method: 'GET', url: () => '/api/talent/outcomes/export', bad: { url: () => '/api/talent/outcomes/export?lang=de' } },
  {
    method: 'POST',
    url: () => '/api/talent/outcomes',
    body: () => ({ kind: 'award', title: '奖', achievedOn: '2030-01-01' }),
    bad: { body: { kind: 'award', title: 'x'.repeat(81), achievedOn: '2030-01-01' } },
  },
  { method: 'GET', url: () => '/api/talent/mentorships', bad: { url: () => '/api/talent/mentorships?sector=art' } },
  { method: 'GET', url: () => '/api/talent/mentorships/export', bad: { url: () => '/api/talent/mentorships/export?direction=up' } },
  {
    method: 'POST',
    url: () => '/api/talent/mentorships',
    body: () => ({ mentorId: ids.person, sector: 'education', direction: 'east_to_west', startsOn: '2030-01-01', goals: '目标', mentees: [{ name: '徒弟', unit: '学校' }] }),
    bad: { body: { mentorId: term.personId, sector: 'education', direction: 'east_to_west', startsOn: '2030-01-01', goals: '目标', mentees: [] } },
  },
  {
    method: 'POST',
    url: () => `/api/talent/mentorships/${ids.mentorship}/logs`,
    body: () => ({ loggedOn: '2030-01-01', summary: '记录' }),
    bad: { body: { loggedOn: '2030-01-01', summary: '' } },
  },
  { method: 'GET', url: () => `/api/talent/activities/${ids.activity}/signins/export`, bad: { url: () => `/api/talent/activities/${ids.activity}/signins/export?lang=xx` } },
  { method: 'GET', url: () => '/api/talent/plans?year=2019', bad: { url: () => '/api/talent/plans?year=19' } },
  {
    method: 'POST',
    url: () => '/api/talent/plans',
    body: () => ({ partnershipId: term.personId, year: 2040, title: '计划' }),
    bad: { body: { partnershipId: term.personId, year: 2040, title: ' ' } },
  },
  { method: 'POST', url: () => `/api/talent/plans/${ids.plan}/close`, bad: { url: () => '/api/talent/plans/zz/close' } },
  { method: 'POST', url: () => `/api/talent/plans/${ids.plan}/reopen`, body: () => ({ reason: '补录' }), bad: { body: { reason: '' } } },
  {
    method: 'POST',
    url: () => `/api/talent/plans/${ids.plan}/items`,
    body: () => ({ area: 'talent', content: '事项', leadOrgId: term.personId, deadline: '2030-01-01' }),
    bad: { body: { area: 'space', content: '事项', leadOrgId: term.personId, deadline: '2030-01-01' } },
  },
  { method: 'GET', url: () => '/api/talent/plan-items', bad: { url: () => '/api/talent/plan-items?overdue=maybe' } },
  { method: 'GET', url: () => '/api/talent/plan-items/export', bad: { url: () => '/api/talent/plan-items/export?status=late' } },
  { method: 'GET', url: () => `/api/talent/plan-items/${ids.planItem}`, bad: { url: () => '/api/talent/plan-items/zz' } },
  { method: 'PATCH', url: () => `/api/talent/plan-items/${ids.planItem}`, body: () => ({ status: 'done' }), bad: { body: { deadline: '2030-13-01' } } },
  {
    method: 'POST',
    url: () => `/api/talent/plan-items/${ids.planItem}/notes`,
    body: () => ({ notedOn: '2020-01-01', text: '进展' }),
    bad: { body: { notedOn: '2020-01-01', text: '' } },
  },
  { method: 'GET', url: () => '/api/talent/visits', bad: { url: () => '/api/talent/visits?kind=party' } },
  { method: 'GET', url: () => '/api/talent/visits/export', bad: { url: () => '/api/talent/visits/export?year=x' } },
  {
    method: 'POST',
    url: () => '/api/talent/visits',
    body: () => ({
      partnershipId: term.personId,
      kind: 'joint_meeting',
      title: '会议',
      startsOn: '2030-01-01',
      endsOn: '2030-01-01',
      delegation: '代表',
      places: '城口',
      decisions: '议定',
    }),
    bad: {
      body: { partnershipId: term.personId, kind: 'joint_meeting', title: '会议', startsOn: '2030-01-01', endsOn: '2030-01-01', delegation: '', places: '城口', decisions: '议定' },
    },
  },
  { method: 'PATCH', url: () => `/api/talent/visits/${ids.visit}`, body: () => ({ title: '会议' }), bad: { body: { startsOn: '2030-13-01' } } },
  {
    method: 'POST',
    url: () => `/api/talent/visits/${ids.visit}/follow-ups`,
    body: () => ({ planItemId: ids.planItem, content: '跟进' }),
    bad: { body: { planItemId: 'x', content: '跟进' } },
  },
  { method: 'POST', url: () => `/api/talent/dispatches/${ids.dispatch}/decision`, body: () => ({ approve: true }), bad: { body: { approve: 'yes' } } },
];

const send = (c: Client, r: Route, url = r.url(), body = r.body?.()) => c.request(r.method, url, r.method === 'GET' ? undefined : body);

describe('every talent route', () => {
  it('answers 401 without a session, 403 without the permission, and 400 on bad input, writing nothing', async () => {
    const before = await t.auditCount();
    const anon = t.anonymous();
    for (const r of ROUTES) {
      const what = `${r.method} ${r.url()}`;
      expect((await send(anon, r)).statusCode, `${what} anonymous`).toBe(401);
      const denied = await send(gear, r);
      expect(denied.statusCode, `${what} without talent permissions: ${denied.body}`).toBe(403);
      if (!r.bad.url && r.bad.body === undefined) continue;
      const bad = await send(ck, r, r.bad.url?.() ?? r.url(), r.bad.body ?? r.body?.());
      expect(bad.statusCode, `${what} bad input: ${bad.body}`).toBe(400);
      expect(bad.json().error.key).toMatch(/^platform\.http\.invalid_(fields|path|query)$/);
    }
    expect(await t.auditCount()).toBe(before);
  });
});
