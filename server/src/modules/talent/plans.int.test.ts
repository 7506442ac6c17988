import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanItem, Visit } from '@gearbridge/contracts/talent';
import { localDay } from '../../platform/time';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { xlsxText } from '../../test/xlsx';
import { DEMO_PLAN_TITLE } from './seed-plans';
import { addDays, CK_DEPT, CK_HOSPITAL, LY_DEPT, LY_HOSPITAL, listAll } from './test/kit';

/**
 * The annual plan and the visits and meetings: the demo's 2019 plan with its overdue items; each side edits only
 * its own items (the lead unit's), responsible units of either side add notes, the partner reads all; follow-ups of a
 * visit show on their plan items; every change audited, bad input a 400 that writes nothing.
 */
let t: TestApp;
let ck: Client;
let ly: Client;
let ckHospital: Client;
let lyHospital: Client;
const MAIN = '6b1f3c52-0c1a-4c57-9d0e-7a4a1e2f0001';

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly, ckHospital, lyHospital] = await Promise.all([t.login('ck.talent'), t.login('ly.talent'), t.login('ck.hospital'), t.login('ly.hospital')]);
});
afterAll(() => t?.close());

describe('the annual plan', () => {
  it("holds the demo's 2019 plan, read whole by either side and by an institution; overdue items flagged and filtered", async () => {
    for (const c of [ck, ly, ckHospital]) {
      const plans: Plan[] = (await c.get('/api/talent/plans?year=2019')).json();
      expect(plans.map((p) => p.title)).toEqual([DEMO_PLAN_TITLE]);
    }
    const [plan]: Plan[] = (await ck.get('/api/talent/plans?year=2019')).json();
    expect(plan.access).toBe('partner');
    const items = await listAll<PlanItem>(ck, `/api/talent/plan-items?planId=${plan.id}`);
    expect(items).toHaveLength(plan.items);
    expect(items.map((x) => x.seq)).toEqual([...items.map((x) => x.seq)].sort((a, b) => a - b));
    // Overdue: deadline passed (all of 2019) and neither done nor cancelled.
    const open = items.filter((x) => x.status === 'not_started' || x.status === 'in_progress');
    expect(open.length).toBeGreaterThan(0);
    expect(items.filter((x) => x.overdue).map((x) => x.id)).toEqual(open.map((x) => x.id));
    expect(plan.overdue).toBe(open.length);
    expect(plan.done).toBe(items.filter((x) => x.status === 'done').length);
    const overdue = await listAll<PlanItem>(ck, '/api/talent/plan-items?year=2019&overdue=true');
    expect(overdue.map((x) => x.id).sort()).toEqual(open.map((x) => x.id).sort());
    const labour = await listAll<PlanItem>(ck, '/api/talent/plan-items?year=2019&area=labour');
    expect(labour.length).toBeGreaterThan(0);
    expect(labour.every((x) => x.area === 'labour')).toBe(true);
    // Filtered by a responsible unit, lead or not; the units carry their side.
    const hospital = await t.orgId(CK_HOSPITAL);
    const mine = await listAll<PlanItem>(ck, `/api/talent/plan-items?orgId=${hospital}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.units.some((u) => u.id === hospital && u.side === 'west'))).toBe(true);
    // A programme's items; the notes are dated and by a unit.
    const programme = items.find((x) => x.programmeId)!;
    expect((await listAll<PlanItem>(ck, `/api/talent/plan-items?programmeId=${programme.programmeId}`)).every((x) => x.programmeId === programme.programmeId)).toBe(true);
    expect(items.flatMap((x) => x.notes).every((n) => n.notedOn.startsWith('2019') && n.orgName)).toBe(true);
    // The visits' follow-ups show on their items.
    expect(items.some((x) => x.followUps.length > 0)).toBe(true);
    const xlsx = await ck.get(`/api/talent/plan-items/export?planId=${plan.id}&overdue=true`);
    expect(xlsx.statusCode).toBe(200);
    const text = xlsxText(xlsx.rawPayload);
    expect(text).toContain(open[0].content);
    expect(text).not.toContain(items.find((x) => x.status === 'done')!.content);
  });

  it('is changed only by the lead unit’s side; a responsible unit of the partner adds notes; every change audited', async () => {
    const year = 2031;
    const plan = await ly.post('/api/talent/plans', { partnershipId: MAIN, year, title: '测试年度工作计划' });
    expect(plan.statusCode, plan.body).toBe(201);
    const planId = (plan.json() as Plan).id;
    expect((await ck.post('/api/talent/plans', { partnershipId: MAIN, year, title: '重复' })).statusCode).toBe(409);
    const [lyHosp, ckHosp, lyDept] = await Promise.all([t.orgId(LY_HOSPITAL), t.orgId(CK_HOSPITAL), t.orgId(LY_DEPT)]);
    const body = { area: 'talent', content: '选派检验专家驻点带教', leadOrgId: lyHosp, orgIds: [ckHosp], deadline: addDays(localDay(), -1) };
    // Chengkou cannot add an item Linyi's hospital leads.
    expect((await ck.post(`/api/talent/plans/${planId}/items`, body)).statusCode).toBe(403);
    const created = await ly.post(`/api/talent/plans/${planId}/items`, body);
    expect(created.statusCode, created.body).toBe(201);
    const item: PlanItem = created.json();
    expect(item).toMatchObject({ seq: 1, status: 'not_started', overdue: true, editable: true, canNote: true });
    expect(item.units.map((u) => [u.id, u.lead, u.side])).toEqual([
      [lyHosp, true, 'east'],
      [ckHosp, false, 'west'],
    ]);
    // Chengkou's officer reads it, may note (its hospital is responsible) but not edit.
    const seen: PlanItem = (await ck.get(`/api/talent/plan-items/${item.id}`)).json();
    expect(seen).toMatchObject({ editable: false, canNote: true });
    expect((await ck.patch(`/api/talent/plan-items/${item.id}`, { status: 'done' })).statusCode).toBe(403);
    expect((await ck.post(`/api/talent/plan-items/${item.id}/notes`, { notedOn: localDay(), text: '城口方已提交需求', status: 'done' })).statusCode).toBe(403);
    const noted = await ckHospital.post(`/api/talent/plan-items/${item.id}/notes`, { notedOn: localDay(), text: '城口方已提交需求' });
    expect(noted.statusCode, noted.body).toBe(201);
    expect((noted.json() as PlanItem).notes.at(-1)).toMatchObject({ orgName: CK_HOSPITAL, text: '城口方已提交需求', authorName: expect.any(String) });
    // Linyi's tumour hospital is not responsible: no note.
    expect((await lyHospital.post(`/api/talent/plan-items/${item.id}/notes`, { notedOn: localDay(), text: '无关' })).statusCode).toBe(403);
    // The lead side closes it with a note; no longer overdue.
    const done = await ly.post(`/api/talent/plan-items/${item.id}/notes`, { notedOn: localDay(), text: '专家已到岗', status: 'done' });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ status: 'done', overdue: false });
    const patched = await ly.patch(`/api/talent/plan-items/${item.id}`, { deadline: addDays(localDay(), 30), orgIds: [ckHosp, lyDept] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((patched.json() as PlanItem).units).toHaveLength(3);
    expect(await t.auditCount({ entityId: item.id })).toBe(4);
    expect(await t.auditCount({ entityId: planId })).toBe(1);
    // Bad input: a future note, a unit outside the partnership, an unknown plan; nothing written.
    const before = await t.auditCount();
    const future = await ly.post(`/api/talent/plan-items/${item.id}/notes`, { notedOn: addDays(localDay(), 2), text: '未来' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.notedOn).toBeTruthy();
    const outside = await ly.patch(`/api/talent/plan-items/${item.id}`, { orgIds: [await t.orgId('綦江齿轮传动有限公司')] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields.orgIds).toBeTruthy();
    expect((await ly.post('/api/talent/plans/00000000-0000-4000-8000-000000000000/items', body)).statusCode).toBe(404);
    expect(await t.auditCount()).toBe(before);
  });
});

describe('visits and joint meetings', () => {
  it("hold the demo's two visits and joint meeting, each follow-up on a plan item", async () => {
    const all = await listAll<Visit>(ckHospital, '/api/talent/visits?year=2019');
    expect(all.filter((v) => v.kind === 'visit')).toHaveLength(2);
    expect(all.filter((v) => v.kind === 'joint_meeting')).toHaveLength(1);
    expect(all.every((v) => v.followUps.length > 0)).toBe(true);
    expect(new Set(all.filter((v) => v.kind === 'visit').map((v) => v.direction))).toEqual(new Set(['west_to_east', 'east_to_west']));
    const xlsx = await ly.get('/api/talent/visits/export?kind=joint_meeting');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsxText(xlsx.rawPayload)).toContain(all.find((v) => v.kind === 'joint_meeting')!.title);
  });

  it('are recorded by the keeping side with follow-ups on plan items; the partner reads them; bad input is a 400', async () => {
    const [plan]: Plan[] = (await ck.get('/api/talent/plans?year=2019')).json();
    const [item] = await listAll<PlanItem>(ck, `/api/talent/plan-items?planId=${plan.id}`);
    const body = {
      partnershipId: MAIN,
      kind: 'visit',
      direction: 'west_to_east',
      title: '测试代表团赴临沂考察',
      startsOn: '2032-05-10',
      endsOn: '2032-05-12',
      delegation: '县委负责同志带队，县委组织部负责同志',
      places: '临沂市中心医院',
      decisions: '深化医疗协作',
      followUps: [{ planItemId: item.id, content: '跟进专家选派' }],
    };
    const res = await ck.post('/api/talent/visits', body);
    expect(res.statusCode, res.body).toBe(201);
    const visit: Visit = res.json();
    expect(visit).toMatchObject({ access: 'own', orgName: CK_DEPT, followUps: [{ planItemId: item.id, content: '跟进专家选派' }] });
    expect(((await ly.get(`/api/talent/plan-items/${item.id}`)).json() as PlanItem).followUps.map((f) => f.visitId)).toContain(visit.id);
    // Linyi reads it, cannot add to it.
    const lyList = await listAll<Visit>(ly, '/api/talent/visits?year=2032');
    expect(lyList.find((v) => v.id === visit.id)?.access).toBe('partner');
    expect((await ly.post(`/api/talent/visits/${visit.id}/follow-ups`, { planItemId: item.id, content: '加一条' })).statusCode).toBe(403);
    expect((await ck.post(`/api/talent/visits/${visit.id}/follow-ups`, { planItemId: item.id, content: '加一条' })).statusCode).toBe(201);
    expect(await t.auditCount({ entityId: visit.id })).toBe(2);
    // Linyi does not record for Chengkou's department.
    expect((await ly.post('/api/talent/visits', { ...body, orgId: await t.orgId(CK_DEPT) })).statusCode).toBe(403);
    const before = await t.auditCount();
    const meetingWithWay = await ck.post('/api/talent/visits', { ...body, kind: 'joint_meeting' });
    expect(meetingWithWay.statusCode).toBe(400);
    expect(meetingWithWay.json().error.fields.direction).toBeTruthy();
    const unknownItem = await ck.post('/api/talent/visits', { ...body, followUps: [{ planItemId: '00000000-0000-4000-8000-000000000000', content: 'x' }] });
    expect(unknownItem.statusCode).toBe(400);
    expect(unknownItem.json().error.fields['followUps.0.planItemId']).toBeTruthy();
    expect((await ck.post('/api/talent/visits', { ...body, endsOn: '2032-05-01' })).statusCode).toBe(400);
    expect(await t.auditCount()).toBe(before);
  });
});
