import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanItem, Visit } from '@gearbridge/contracts/talent';
import { localDay } from '../../platform/time';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { xlsxText } from '../../test/xlsx';
import { CURRENT_DUE_SOON, CURRENT_OVERDUE, currentPlanTitle, DEMO_PLAN_TITLE } from './seed-plans';
import { MAX_FOLLOW_UPS, MAX_NOTES } from './plans.service';
import { rawQueryOf } from '../../platform/db';
import { addDays, CK_DEPT, CK_HOSPITAL, LY_DEPT, LY_HOSPITAL, listAll } from './test/kit';

/**
 * The annual plan and the visits and meetings: the demo's 2019 plan (closed) and this year's with its overdue items;
 * a plan closed by its keeping side is read-only (409) until reopened with a reason; each side edits only
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
  it("holds the demo's 2019 plan, closed, every item done, cancelled or carried over; read whole by either side and by an institution", async () => {
    for (const c of [ck, ly, ckHospital]) {
      const plans: Plan[] = (await c.get('/api/talent/plans?year=2019')).json();
      expect(plans.map((p) => p.title)).toEqual([DEMO_PLAN_TITLE]);
    }
    const [plan]: Plan[] = (await ck.get('/api/talent/plans?year=2019')).json();
    expect(plan).toMatchObject({ access: 'partner', canClose: false, overdue: 0, closedAt: expect.stringMatching(/^2020-01-/) });
    expect(((await ly.get('/api/talent/plans?year=2019')).json() as Plan[])[0]).toMatchObject({ access: 'own', canClose: true });
    const items = await listAll<PlanItem>(ly, `/api/talent/plan-items?planId=${plan.id}`);
    expect(items).toHaveLength(plan.items);
    expect(items.map((x) => x.seq)).toEqual([...items.map((x) => x.seq)].sort((a, b) => a - b));
    expect(new Set(items.map((x) => x.status))).toEqual(new Set(['done', 'cancelled', 'carried_over']));
    expect(plan.done).toBe(items.filter((x) => x.status === 'done').length);
    // The article's laboratory was built; closed, the plan's items are read-only even for their lead side.
    expect(items.find((x) => x.content.includes('微生物检验实验室'))?.status).toBe('done');
    expect(items.every((x) => x.planClosed && !x.editable && !x.canNote && !x.overdue)).toBe(true);
    const lead = items.find((x) => x.units[0].side === 'east')!;
    const refused = await ly.patch(`/api/talent/plan-items/${lead.id}`, { status: 'in_progress' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.key).toBe('talent.plan.closed');
    expect(items.flatMap((x) => x.notes).every((n) => n.notedOn.startsWith('2019') && n.orgName)).toBe(true);
    // The visits' follow-ups show on their items.
    expect(items.some((x) => x.followUps.length > 0)).toBe(true);
  });

  it("holds this year's plan counted from the seeding day: two items overdue, three due within 30 days", async () => {
    const today = localDay();
    const year = Number(today.slice(0, 4));
    const [plan]: Plan[] = (await ck.get(`/api/talent/plans?year=${year}`)).json();
    expect(plan).toMatchObject({ title: currentPlanTitle(year), access: 'own', canClose: true, closedAt: null, orgName: CK_DEPT });
    const items = await listAll<PlanItem>(ck, `/api/talent/plan-items?planId=${plan.id}`);
    expect(items).toHaveLength(plan.items);
    // Overdue: the deadline passed and neither done, cancelled nor carried over — exactly the seeded set.
    const overdue = items.filter((x) => x.overdue);
    expect(overdue.map((x) => x.content).sort()).toEqual([...CURRENT_OVERDUE].sort());
    expect(overdue.every((x) => x.deadline < today && (x.status === 'not_started' || x.status === 'in_progress'))).toBe(true);
    expect(items.filter((x) => !x.overdue && x.deadline < today).every((x) => x.status === 'done')).toBe(true);
    expect(plan.overdue).toBe(CURRENT_OVERDUE.length);
    expect(plan.done).toBe(items.filter((x) => x.status === 'done').length);
    const soon = items.filter((x) => x.deadline >= today && x.deadline <= addDays(today, 30));
    expect(soon.map((x) => x.content).sort()).toEqual([...CURRENT_DUE_SOON].sort());
    // No note is dated after the seeding day.
    expect(items.flatMap((x) => x.notes).every((n) => n.notedOn <= today)).toBe(true);
    const filtered = await listAll<PlanItem>(ck, `/api/talent/plan-items?year=${year}&overdue=true`);
    expect(filtered.map((x) => x.id).sort()).toEqual(overdue.map((x) => x.id).sort());
    const notOverdue = await listAll<PlanItem>(ck, `/api/talent/plan-items?planId=${plan.id}&overdue=false`);
    expect(notOverdue).toHaveLength(items.length - overdue.length);
    const labour = await listAll<PlanItem>(ck, `/api/talent/plan-items?year=${year}&area=labour`);
    expect(labour.length).toBeGreaterThan(0);
    expect(labour.every((x) => x.area === 'labour')).toBe(true);
    // Filtered by a responsible unit, lead or not; the units carry their side.
    const hospital = await t.orgId(CK_HOSPITAL);
    const mine = await listAll<PlanItem>(ck, `/api/talent/plan-items?orgId=${hospital}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.units.some((u) => u.id === hospital && u.side === 'west'))).toBe(true);
    // A programme's items.
    const programme = items.find((x) => x.programmeId)!;
    expect((await listAll<PlanItem>(ck, `/api/talent/plan-items?programmeId=${programme.programmeId}`)).every((x) => x.programmeId === programme.programmeId)).toBe(true);
    // This year's joint meeting follows up on its items.
    expect(items.filter((x) => x.followUps.length > 0).length).toBe(2);
    const xlsx = await ck.get(`/api/talent/plan-items/export?planId=${plan.id}&overdue=true`);
    expect(xlsx.statusCode).toBe(200);
    const text = xlsxText(xlsx.rawPayload);
    expect(text).toContain(CURRENT_OVERDUE[0]);
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
    // An item keeps at most MAX_NOTES notes: the next is a 409, and nothing is written.
    await rawQueryOf(t.platform.handle.db)(
      `insert into talent_plan_notes (item_id, org_id, noted_on, text)
       select $1, n.org_id, n.noted_on, '记录 ' || g from (select org_id, noted_on from talent_plan_notes where item_id = $1 limit 1) n
        cross join generate_series(1, $2 - (select count(*) from talent_plan_notes where item_id = $1)::int) g`,
      [item.id, MAX_NOTES],
    );
    const full = await ly.post(`/api/talent/plan-items/${item.id}/notes`, { notedOn: localDay(), text: '再一条' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({ key: 'talent.plan.notes_full', params: { max: MAX_NOTES } });
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

describe('closing a year', () => {
  it('is done and undone by the keeping side only; closed, the items are read-only (409); reopening needs a reason; both audited', async () => {
    const created = await ck.post('/api/talent/plans', { partnershipId: MAIN, year: 2033, title: '测试关闭的年度计划' });
    expect(created.statusCode, created.body).toBe(201);
    const plan: Plan = created.json();
    expect(plan).toMatchObject({ closedAt: null, canClose: true });
    const ckHosp = await t.orgId(CK_HOSPITAL);
    const item: PlanItem = (await ck.post(`/api/talent/plans/${plan.id}/items`, { area: 'talent', content: '关闭测试事项', leadOrgId: ckHosp, deadline: '2033-06-30' })).json();
    // Linyi's officer does not keep the plan; Chengkou's hospital keeps no plan at all.
    for (const [c, key] of [
      [ly, 'talent.plan.keeper_only'],
      [ckHospital, 'talent.plan.officers_only'],
    ] as const) {
      const denied = await c.post(`/api/talent/plans/${plan.id}/close`);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error.key).toBe(key);
    }
    const closed = await ck.post(`/api/talent/plans/${plan.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ closedAt: expect.any(String), closedByName: expect.any(String) });
    expect((await ck.post(`/api/talent/plans/${plan.id}/close`)).json().error.key).toBe('talent.plan.already_closed');
    expect(await t.auditCount({ action: 'talent.plan.close', entityId: plan.id })).toBe(1);
    // Read-only now: the item, a note, a new item — 409, nothing written.
    const before = await t.auditCount();
    const seen: PlanItem = (await ckHospital.get(`/api/talent/plan-items/${item.id}`)).json();
    expect(seen).toMatchObject({ planClosed: true, editable: false, canNote: false });
    const edits = [
      await ck.patch(`/api/talent/plan-items/${item.id}`, { content: '改' }),
      await ckHospital.post(`/api/talent/plan-items/${item.id}/notes`, { notedOn: localDay(), text: '进展' }),
      await ck.post(`/api/talent/plans/${plan.id}/items`, { area: 'talent', content: '再加一项', leadOrgId: ckHosp, deadline: '2033-06-30' }),
    ];
    expect(edits.map((r) => r.statusCode)).toEqual([409, 409, 409]);
    expect(edits.every((r) => r.json().error.key === 'talent.plan.closed')).toBe(true);
    // Reopening: a reason is needed (400), the partner may not (403).
    const noReason = await ck.post(`/api/talent/plans/${plan.id}/reopen`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fieldMessages.reason).toBeTruthy();
    expect((await ly.post(`/api/talent/plans/${plan.id}/reopen`, { reason: '补录' })).statusCode).toBe(403);
    expect(await t.auditCount()).toBe(before);
    const reopened = await ck.post(`/api/talent/plans/${plan.id}/reopen`, { reason: '补录年末进展' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ closedAt: null, closedByName: null });
    expect((await ck.post(`/api/talent/plans/${plan.id}/reopen`, { reason: '再次' })).json().error.key).toBe('talent.plan.not_closed');
    const audit = await t.platform.handle.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'talent.plan.reopen')
      .where('entity_id', '=', plan.id)
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ planClosed: false, reopenReason: '补录年末进展' });
    expect((await ck.patch(`/api/talent/plan-items/${item.id}`, { status: 'in_progress' })).statusCode).toBe(200);
  });
});

describe('carrying items over', () => {
  const itemsOf = (c: Client, planId: string) => listAll<PlanItem>(c, `/api/talent/plan-items?planId=${planId}`);

  it("closing a year carries its open items into the next year's plan, once, linked to where they came from; audited", async () => {
    const ckHosp = await t.orgId(CK_HOSPITAL);
    const lyHosp = await t.orgId(LY_HOSPITAL);
    const plan: Plan = (await ck.post('/api/talent/plans', { partnershipId: MAIN, year: 2040, title: '2040年度测试计划' })).json();
    const add = async (content: string, leadOrgId: string, orgIds: string[] = []) => {
      const c = leadOrgId === lyHosp ? ly : ck;
      const res = await c.post(`/api/talent/plans/${plan.id}/items`, { area: 'talent', content, leadOrgId, orgIds, deadline: '2040-09-30' });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as PlanItem;
    };
    const untouched = await add('结转测试：未开始的事项', ckHosp);
    const started = await add('结转测试：推进中的事项', lyHosp, [ckHosp]);
    const finished = await add('结转测试：已完成的事项', ckHosp);
    expect((await ly.post(`/api/talent/plan-items/${started.id}/notes`, { notedOn: localDay(), text: '已对接', status: 'in_progress' })).statusCode).toBe(201);
    expect((await ck.patch(`/api/talent/plan-items/${finished.id}`, { status: 'done' })).statusCode).toBe(200);

    // Closed while the next year has no plan: the open items are marked carried over, nothing written elsewhere yet.
    const closed = await ck.post(`/api/talent/plans/${plan.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const after = await itemsOf(ck, plan.id);
    expect(Object.fromEntries(after.map((x) => [x.content, x.status]))).toEqual({
      [untouched.content]: 'carried_over',
      [started.content]: 'carried_over',
      [finished.content]: 'done',
    });
    expect(after.every((x) => x.carriedTo === null && x.carriedFrom === null)).toBe(true);
    expect(await t.auditCount({ action: 'talent.plan_item.update', entityId: untouched.id })).toBe(1);
    const closeAudit = await t.platform.handle.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'talent.plan.close')
      .where('entity_id', '=', plan.id)
      .executeTakeFirstOrThrow();
    expect(closeAudit.after).toMatchObject({ carriedOverCount: 2, carriedIntoNextYear: 0 });

    // Drawn up, the next year's plan (kept by the other side) starts with them, each naming its origin.
    const next = await ly.post('/api/talent/plans', { partnershipId: MAIN, year: 2041, title: '2041年度测试计划' });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ items: 2, done: 0 });
    const carried = await itemsOf(ck, next.json().id);
    expect(carried.map((x) => [x.seq, x.content, x.status, x.deadline, x.carriedFrom?.year, x.carriedFrom?.id])).toEqual([
      [1, untouched.content, 'not_started', '2041-12-31', 2040, untouched.id],
      [2, started.content, 'in_progress', '2041-12-31', 2040, started.id],
    ]);
    // The same lead and responsible units; the lead's side edits it; the old item points to it.
    expect(carried[1].units.map((u) => [u.id, u.lead])).toEqual([
      [lyHosp, true],
      [ckHosp, false],
    ]);
    expect(carried[1]).toMatchObject({ leadOrgId: lyHosp, planClosed: false });
    expect(((await ly.get(`/api/talent/plan-items/${carried[1].id}`)).json() as PlanItem).editable).toBe(true);
    expect(((await ck.get(`/api/talent/plan-items/${started.id}`)).json() as PlanItem).carriedTo).toEqual({ id: carried[1].id, year: 2041, seq: 2 });
    expect(await t.auditCount({ action: 'talent.plan_item.carry_over' })).toBe(2);
    const carryAudit = await t.platform.handle.db
      .selectFrom('audit_log')
      .select(['after', 'org_id'])
      .where('action', '=', 'talent.plan_item.carry_over')
      .where('entity_id', '=', carried[0].id)
      .executeTakeFirstOrThrow();
    expect(carryAudit).toMatchObject({ org_id: ckHosp, after: { content: untouched.content, carriedFromYear: 2040, carriedFromSeq: untouched.seq } });

    // Reopened and closed again: nothing is written twice.
    expect((await ck.post(`/api/talent/plans/${plan.id}/reopen`, { reason: '补录' })).statusCode).toBe(200);
    expect((await ck.patch(`/api/talent/plan-items/${untouched.id}`, { status: 'in_progress' })).statusCode).toBe(200);
    expect((await ck.post(`/api/talent/plans/${plan.id}/close`)).statusCode).toBe(200);
    expect(((await ck.get(`/api/talent/plan-items/${untouched.id}`)).json() as PlanItem).status).toBe('carried_over');
    expect(await itemsOf(ck, next.json().id)).toHaveLength(2);
    expect(await t.auditCount({ action: 'talent.plan_item.carry_over' })).toBe(2);
    const [{ n }] = await rawQueryOf(t.platform.handle.db)<{ n: number }>(`select count(*)::int as n from talent_plan_items where carried_from_id = any($1::uuid[])`, [
      [untouched.id, started.id, finished.id],
    ]);
    expect(n).toBe(2);
  });

  it("writes them at once when the next year's plan exists, and only once", async () => {
    const ckHosp = await t.orgId(CK_HOSPITAL);
    const plan: Plan = (await ck.post('/api/talent/plans', { partnershipId: MAIN, year: 2042, title: '2042年度测试计划' })).json();
    const next: Plan = (await ck.post('/api/talent/plans', { partnershipId: MAIN, year: 2043, title: '2043年度测试计划' })).json();
    expect(next.items).toBe(0);
    const already = await ck.post(`/api/talent/plans/${next.id}/items`, { area: 'labour', content: '2043年已有事项', leadOrgId: ckHosp, deadline: '2043-03-31' });
    expect(already.statusCode).toBe(201);
    const item: PlanItem = (
      await ck.post(`/api/talent/plans/${plan.id}/items`, { area: 'talent', content: '结转测试：下年计划已建立', leadOrgId: ckHosp, deadline: '2042-06-30' })
    ).json();
    expect((await ck.post(`/api/talent/plans/${plan.id}/close`)).json()).toMatchObject({ items: 1 });
    const inNext = await itemsOf(ly, next.id);
    expect(inNext.map((x) => [x.seq, x.content, x.carriedFrom?.id ?? null])).toEqual([
      [1, '2043年已有事项', null],
      [2, item.content, item.id],
    ]);
    await ck.post(`/api/talent/plans/${plan.id}/reopen`, { reason: '再核对' });
    await ck.post(`/api/talent/plans/${plan.id}/close`);
    expect(await itemsOf(ly, next.id)).toHaveLength(2);
    // Drawing up a plan is refused twice anyway; the year after (2044) takes nothing from 2043, which is open.
    const later = await ck.post('/api/talent/plans', { partnershipId: MAIN, year: 2044, title: '2044年度测试计划' });
    expect(later.json()).toMatchObject({ items: 0 });
  });
});

describe('who keeps the plan', () => {
  it("only the talent officers of the partnership's regions: an institution with talent.edit is refused (403) and writes nothing", async () => {
    const ckHosp = await t.orgId(CK_HOSPITAL);
    const plan: Plan = (await ck.post('/api/talent/plans', { partnershipId: MAIN, year: 2045, title: '2045年度测试计划' })).json();
    const item: PlanItem = (await ck.post(`/api/talent/plans/${plan.id}/items`, { area: 'talent', content: '医院牵头的事项', leadOrgId: ckHosp, deadline: '2045-06-30' })).json();
    // The hospital leads the item, yet neither edits it nor sees it editable; it notes progress (a responsible unit).
    const seen: PlanItem = (await ckHospital.get(`/api/talent/plan-items/${item.id}`)).json();
    expect(seen).toMatchObject({ editable: false, canNote: true });
    expect(((await ckHospital.get('/api/talent/plans?year=2045')).json() as Plan[])[0]).toMatchObject({ canClose: false });
    const before = await t.auditCount();
    const refused = [
      await ckHospital.post('/api/talent/plans', { partnershipId: MAIN, year: 2046, title: '医院制定的计划' }),
      await ckHospital.post(`/api/talent/plans/${plan.id}/items`, { area: 'talent', content: '医院加的事项', leadOrgId: ckHosp, deadline: '2045-06-30' }),
      await ckHospital.patch(`/api/talent/plan-items/${item.id}`, { content: '医院改的内容' }),
      await ckHospital.patch(`/api/talent/plan-items/${item.id}`, { status: 'done' }),
      await ckHospital.post(`/api/talent/plan-items/${item.id}/notes`, { notedOn: localDay(), text: '医院改状态', status: 'done' }),
      await ckHospital.post(`/api/talent/plans/${plan.id}/close`),
      await ckHospital.post(`/api/talent/plans/${plan.id}/reopen`, { reason: '医院' }),
      // Nor does it record a leadership visit or joint meeting.
      await ckHospital.post('/api/talent/visits', {
        partnershipId: MAIN,
        kind: 'joint_meeting',
        title: '医院登记的联席会议',
        startsOn: '2045-03-01',
        endsOn: '2045-03-01',
        delegation: '医院',
        places: '城口县人民医院',
        decisions: '无',
        followUps: [{ planItemId: item.id, content: '跟进' }],
      }),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403, 403, 403]);
    expect(refused.every((r) => r.json().error.key === 'talent.plan.officers_only')).toBe(true);
    expect(await t.auditCount()).toBe(before);
    expect(((await ck.get('/api/talent/plans?year=2046')).json() as Plan[]).length).toBe(0);
    expect(((await ck.get(`/api/talent/plan-items/${item.id}`)).json() as PlanItem).status).toBe('not_started');
    // Its progress note goes in, without a status.
    const noted = await ckHospital.post(`/api/talent/plan-items/${item.id}/notes`, { notedOn: localDay(), text: '医院已确定带教科室' });
    expect(noted.statusCode, noted.body).toBe(201);
    expect(noted.json()).toMatchObject({ status: 'not_started' });
    // The institution role does not carry talent.plan; the officer role does.
    const roles: { code: string; builtIn: boolean; permissions: string[] }[] = (await (await t.login('admin')).get('/api/roles')).json();
    const institution = roles.find((r) => r.builtIn && r.code === 'talent_institution')!.permissions;
    expect(institution).not.toContain('talent.plan');
    // Nor any permission that opens 系统管理 (the web's menu gates: organisations, users, roles, regions, audit).
    expect(institution.filter((p) => ['org.manage', 'user.read', 'user.manage', 'role.manage', 'region.manage', 'audit.read', '*'].includes(p))).toEqual([]);
    expect(roles.find((r) => r.builtIn && r.code === 'talent_officer')?.permissions).toContain('talent.plan');
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
    expect((await ckHospital.get(`/api/talent/visits?year=2032`)).json().items.find((v: Visit) => v.id === visit.id)).toMatchObject({ editable: false });
    expect((await ckHospital.post(`/api/talent/visits/${visit.id}/follow-ups`, { planItemId: item.id, content: '医院加一条' })).statusCode).toBe(403);
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
    // Corrected later by the keeping side only; a bad change is a 400 on its field.
    expect((await ly.patch(`/api/talent/visits/${visit.id}`, { title: '改' })).statusCode).toBe(403);
    const backwards = await ck.patch(`/api/talent/visits/${visit.id}`, { endsOn: '2032-05-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fieldMessages.endsOn.key).toBe('talent.field.on_or_after');
    const noWay = await ck.patch(`/api/talent/visits/${visit.id}`, { direction: null });
    expect(noWay.statusCode).toBe(400);
    expect(noWay.json().error.fieldMessages.direction).toBeTruthy();
    expect(await t.auditCount()).toBe(before);
    const fixed = await ck.patch(`/api/talent/visits/${visit.id}`, { title: '城口县代表团赴临沂考察对接', endsOn: '2032-05-13' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({
      title: '城口县代表团赴临沂考察对接',
      endsOn: '2032-05-13',
      editable: true,
      followUps: [{ planItemId: item.id }, { planItemId: item.id }],
    });
    expect(await t.auditCount({ action: 'talent.visit.update', entityId: visit.id })).toBe(1);
  });
});

describe('who reads a partnership’s plans', () => {
  it('the people of its two sides: a county of 临沂 reads 临沂↔城口’s plans, not those of 平邑↔城口', async () => {
    const admin = await t.login('admin');
    const org = await admin.post('/api/orgs', { name: '兰陵县测试协作办', kind: 'government', regionCode: '371324' });
    expect(org.statusCode, org.body).toBe(201);
    const roles: { id: string; code: string; builtIn: boolean }[] = (await admin.get('/api/roles')).json();
    const created = await admin.post('/api/users', {
      orgId: org.json().id,
      username: 'lanling.talent',
      displayName: '测试用户',
      password: 'Talent-test-pass-1',
      roles: [{ roleId: roles.find((r) => r.builtIn && r.code === 'talent_officer')!.id, regionCode: '371324' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const lanling = await t.login('lanling.talent', 'Talent-test-pass-1');
    const pairs: { id: string; eastRegionCode: string }[] = (await ck.get('/api/talent/partnerships')).json();
    const pingyi = pairs.find((p) => p.eastRegionCode === '371326')!;
    const plan = await ck.post('/api/talent/plans', { partnershipId: pingyi.id, year: 2034, title: '平邑·城口测试计划' });
    expect(plan.statusCode, plan.body).toBe(201);
    const seen = (await lanling.get('/api/talent/plans')).json() as Plan[];
    expect(seen.some((p) => p.partnershipId === MAIN)).toBe(true);
    expect(seen.some((p) => p.partnershipId === pingyi.id)).toBe(false);
    // Its sides read it: 城口 and 平邑 (through 临沂市, which contains it).
    expect(((await ck.get('/api/talent/plans')).json() as Plan[]).some((p) => p.id === plan.json().id)).toBe(true);
    expect(((await ly.get('/api/talent/plans')).json() as Plan[]).some((p) => p.id === plan.json().id)).toBe(true);
  });
});

describe('a visit’s follow-ups', () => {
  it(`are capped at ${MAX_FOLLOW_UPS}: the next is a 409 and nothing is written`, async () => {
    const [plan]: Plan[] = (await ck.get('/api/talent/plans?year=2019')).json();
    const [item] = await listAll<PlanItem>(ck, `/api/talent/plan-items?planId=${plan.id}`);
    const created = await ck.post('/api/talent/visits', {
      partnershipId: MAIN,
      kind: 'joint_meeting',
      title: '跟进上限测试联席会议',
      startsOn: '2032-08-01',
      endsOn: '2032-08-01',
      delegation: '双方组织部负责同志',
      places: '城口县',
      decisions: '测试',
      followUps: Array.from({ length: 20 }, (_, k) => ({ planItemId: item.id, content: `跟进 ${k + 1}` })),
    });
    expect(created.statusCode, created.body).toBe(201);
    const visit: Visit = created.json();
    // Filled up to one below the cap, then the last one through the API.
    await rawQueryOf(t.platform.handle.db)(`insert into talent_visit_followups (visit_id, plan_item_id, content) select $1, $2, '跟进 ' || g from generate_series(21, $3 - 1) g`, [
      visit.id,
      item.id,
      MAX_FOLLOW_UPS,
    ]);
    const last = await ck.post(`/api/talent/visits/${visit.id}/follow-ups`, { planItemId: item.id, content: '最后一条' });
    expect(last.statusCode, last.body).toBe(201);
    expect((last.json() as Visit).followUps).toHaveLength(MAX_FOLLOW_UPS);
    const before = await t.auditCount();
    const full = await ck.post(`/api/talent/visits/${visit.id}/follow-ups`, { planItemId: item.id, content: '超出上限' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error).toMatchObject({ key: 'talent.visit.follow_ups_full', params: { max: MAX_FOLLOW_UPS } });
    expect(await t.auditCount()).toBe(before);
    expect(((await ck.get(`/api/talent/visits?q=${encodeURIComponent('跟进上限测试')}`)).json() as { items: Visit[] }).items[0].followUps).toHaveLength(MAX_FOLLOW_UPS);
  });
});
