import { sql, type SqlBool } from 'kysely';
import type {
  FollowUpInput,
  Plan,
  PlanInput,
  PlanItem,
  PlanItemInput,
  PlanItemPatch,
  PlanItemQuery,
  PlanItemRef,
  PlanNoteInput,
  PlanReopenInput,
  Visit,
  VisitInput,
  VisitPatch,
  VisitQuery,
} from '@gearbridge/contracts/talent';
import { can, inScope, scopeOf, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { paged } from '../../platform/db';
import { conflict, forbidden, fromUniqueViolation, invalid, notFound } from '../../platform/errors';
import { localDay, localTodaySql } from '../../platform/time';
import { ownOrg } from './activities.service';
import { loadPartnerships, ownSql, partnerPrefixes, sideOf, type PartnershipRow } from './partnership.service';
import { TP } from './permissions';
import type { DB, Transaction, Tx } from './db';
import { m, type Msg } from './messages';

/**
 * The partnership's annual work plan (年度工作计划及责任分工) and the leadership visits and joint meetings
 * (docs/talent.md, "Annual plan, visits and meetings"). A plan and a visit are the partnership's joint records: every
 * talent reader of either side reads them whole. Each side edits only its own: a plan item belongs to its lead unit
 * (talent.edit over it changes the item and its status), a responsible unit's side adds progress notes, a visit
 * belongs to the organisation keeping it.
 */
type FieldErrors = Record<string, Msg>;
const fail = (errors: FieldErrors) => invalid(m('talent.field.invalid', { fields: Object.keys(errors).join(', ') }), errors);
const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The partnerships whose records the actor reads: those either of whose regions its read scope reaches. */
export async function readablePartnerships(db: Tx, actor: Actor): Promise<PartnershipRow[]> {
  // The actor's own reach, not readScope's (which already adds every partner region): a partnership is read by the
  // people of its two sides, so a county of 临沂 reads 临沂↔城口's plans but not those of 平邑↔城口 — 城口 being its
  // partner through another pairing does not make it a side of this one.
  const own = scopeOf(actor, TP.read);
  const pairs = await loadPartnerships(db);
  if (own.all) return pairs;
  const mine = [...own.regionPrefixes];
  if (own.orgIds.length) mine.push(...(await db.selectFrom('organisations').select('region_code').where('id', 'in', own.orgIds).execute()).map((o) => o.region_code));
  return pairs.filter((p) => partnerPrefixes([p], mine).length > 0);
}
/**
 * The plan, and the leadership visits and joint meetings that follow it up, are the collaboration offices' (talent.plan
 * over the organisation: a talent officer of its region). An institution with talent.edit notes progress on the items
 * it is responsible for but draws up, records and changes nothing.
 */
function planner(actor: Actor, org: { id: string; regionCode: string }): boolean {
  return can(actor, TP.plan) && inScope(scopeOf(actor, TP.plan), org);
}
/** 403 unless the actor keeps plans for `org`: `talent.plan.officers_only` without talent.plan at all, else `key`. */
function requirePlanner(actor: Actor, org: { id: string; regionCode: string }, key: Parameters<typeof m>[0]) {
  if (!can(actor, TP.plan)) throw forbidden(m('talent.plan.officers_only'));
  if (!planner(actor, org)) throw forbidden(m(key));
}

/** Open: neither done, cancelled nor carried over. Overdue: open with its deadline before today (China time). */
const OPEN_STATUSES = sql.raw(`('not_started', 'in_progress')`);
const overdueSql = (i: string) => sql<SqlBool>`(${sql.ref(`${i}.deadline`)} < ${localTodaySql} and ${sql.ref(`${i}.status`)} in ${OPEN_STATUSES})`;

const idsOf = (pairs: PartnershipRow[]) => (pairs.length ? pairs.map((p) => p.id) : ['00000000-0000-0000-0000-000000000000']);

// ---- plans ----------------------------------------------------------------------------------------------

export async function listPlans(db: Tx, actor: Actor, year?: number): Promise<Plan[]> {
  const pairs = await readablePartnerships(db, actor);
  let q = db
    .selectFrom('talent_plans as pl')
    .innerJoin('talent_partnerships as ps', 'ps.id', 'pl.partnership_id')
    .innerJoin('organisations as o', 'o.id', 'pl.org_id')
    .select([
      'pl.id',
      'pl.partnership_id',
      'ps.name as partnership_name',
      'pl.year',
      'pl.title',
      'pl.org_id',
      'o.name as org_name',
      'pl.closed_at',
      sql<string | null>`(select u.display_name from users u where u.id = pl.closed_by)`.as('closed_by_name'),
      ownSql(actor, TP.read, 'o').as('own'),
      ownSql(actor, TP.plan, 'o').as('can_close'),
      sql<number>`(select count(*) from talent_plan_items i where i.plan_id = pl.id)::int`.as('items'),
      sql<number>`(select count(*) from talent_plan_items i where i.plan_id = pl.id and i.status = 'done')::int`.as('done'),
      sql<number>`(select count(*) from talent_plan_items i where i.plan_id = pl.id and ${overdueSql('i')})::int`.as('overdue'),
    ])
    .where('pl.partnership_id', 'in', idsOf(pairs));
  if (year) q = q.where('pl.year', '=', year);
  const rows = await q.orderBy('pl.year', 'desc').orderBy('ps.name').execute();
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnership_id,
    partnershipName: r.partnership_name,
    year: r.year,
    title: r.title,
    orgId: r.org_id,
    orgName: r.org_name,
    access: r.own ? 'own' : 'partner',
    items: r.items,
    done: r.done,
    overdue: r.overdue,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    closedByName: r.closed_by_name,
    canClose: !!r.can_close,
  }));
}

/** A plan the actor reads, its row locked while it is closed, reopened or its items changed. */
async function lockPlan(db: Transaction, actor: Actor, id: string) {
  const plan = await db.selectFrom('talent_plans').select(['id', 'partnership_id', 'year', 'org_id', 'closed_at']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!plan) throw notFound(m('talent.plan.not_found'));
  if (!(await readablePartnerships(db, actor)).some((p) => p.id === plan.partnership_id)) throw forbidden(m('talent.plan.out_of_scope'));
  return plan;
}
const refuseClosed = (plan: { year: number; closed_at: Date | null }) => {
  if (plan.closed_at) throw conflict(m('talent.plan.closed', { year: plan.year }));
};

/** The keeping side closes the year's plan: its items read-only from then on. 409 when it is closed already. */
export async function closePlan(db: DB, actor: Actor, id: string): Promise<Plan> {
  return db.transaction().execute(async (trx) => {
    const plan = await lockPlan(trx, actor, id);
    await requireKeeper(trx, actor, plan.org_id);
    if (plan.closed_at) throw conflict(m('talent.plan.already_closed', { year: plan.year }));
    await trx.updateTable('talent_plans').set({ closed_at: sql<Date>`now()`, closed_by: actor.userId }).where('id', '=', id).execute();
    // What is still open at the year's end is carried over (结转), each change audited on its item.
    const before = (await listPlans(trx, actor, plan.year)).find((p) => p.id === id)!;
    // (The plan's row is locked: no item changes meanwhile.)
    const marked = await trx
      .selectFrom('talent_plan_items')
      .select(['id', 'lead_org_id', 'status as was'])
      .where('plan_id', '=', id)
      .where(sql<SqlBool>`status in ${OPEN_STATUSES}`)
      .execute();
    if (marked.length)
      await trx
        .updateTable('talent_plan_items')
        .set({ status: 'carried_over', updated_at: sql<Date>`now()` })
        .where(
          'id',
          'in',
          marked.map((x) => x.id),
        )
        .execute();
    for (const x of marked)
      await writeAudit(trx, actor, {
        action: 'talent.plan_item.update',
        entity: 'talent_plan_item',
        entityId: x.id,
        orgId: x.lead_org_id,
        before: { status: x.was },
        after: { status: 'carried_over' },
      });
    const carried = await carryOver(trx, actor, plan);
    const after = (await listPlans(trx, actor, plan.year)).find((p) => p.id === id)!;
    await writeAudit(trx, actor, {
      action: 'talent.plan.close',
      entity: 'talent_plan',
      entityId: id,
      orgId: plan.org_id,
      before: { planClosed: false },
      after: {
        planClosed: true,
        itemCount: after.items,
        doneCount: after.done,
        overdueCount: before.overdue,
        carriedOverCount: marked.length,
        carriedIntoNextYear: carried,
      },
    });
    return after;
  });
}

/** The keeping side reopens a closed plan, saying why (audited). 409 when it is open. */
export async function reopenPlan(db: DB, actor: Actor, id: string, input: PlanReopenInput): Promise<Plan> {
  return db.transaction().execute(async (trx) => {
    const plan = await lockPlan(trx, actor, id);
    await requireKeeper(trx, actor, plan.org_id);
    if (!plan.closed_at) throw conflict(m('talent.plan.not_closed', { year: plan.year }));
    await trx.updateTable('talent_plans').set({ closed_at: null, closed_by: null }).where('id', '=', id).execute();
    const after = (await listPlans(trx, actor, plan.year)).find((p) => p.id === id)!;
    await writeAudit(trx, actor, {
      action: 'talent.plan.reopen',
      entity: 'talent_plan',
      entityId: id,
      orgId: plan.org_id,
      before: { planClosed: true },
      after: { planClosed: false, reopenReason: input.reason },
    });
    return after;
  });
}

/**
 * Writes the closed plan's carried-over items into the same partnership's plan of the next year, when that plan
 * exists (else when it is drawn up: createPlan): each as a new item naming the one it came from (`carried_from_id`,
 * unique — closing, reopening and closing again writes none twice), with its area, content, lead and responsible
 * units and programme, due at the next year's end, in progress when the old item had progress notes. Each audited
 * `talent.plan_item.carry_over`. Returns how many were written.
 */
async function carryOver(trx: Transaction, actor: Actor, from: { id: string; partnership_id: string; year: number }): Promise<number> {
  const next = await trx
    .selectFrom('talent_plans')
    .select(['id', 'year'])
    .where('partnership_id', '=', from.partnership_id)
    .where('year', '=', from.year + 1)
    .forUpdate()
    .executeTakeFirst();
  if (!next) return 0;
  const items = await trx
    .selectFrom('talent_plan_items as i')
    .select([
      'i.id',
      'i.seq',
      'i.area',
      'i.content',
      'i.lead_org_id',
      'i.programme_id',
      sql<boolean>`exists (select 1 from talent_plan_notes n where n.item_id = i.id)`.as('noted'),
    ])
    .where('i.plan_id', '=', from.id)
    .where('i.status', '=', 'carried_over')
    .where(sql<SqlBool>`not exists (select 1 from talent_plan_items c where c.carried_from_id = i.id)`)
    .orderBy('i.seq')
    .execute();
  let written = 0;
  for (const x of items) {
    const { seq } = await trx
      .selectFrom('talent_plan_items')
      .select(sql<number>`coalesce(max(seq), 0)::int + 1`.as('seq'))
      .where('plan_id', '=', next.id)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('talent_plan_items')
      .values({
        plan_id: next.id,
        seq,
        area: x.area,
        content: x.content,
        lead_org_id: x.lead_org_id,
        deadline: `${next.year}-12-31`,
        status: x.noted ? 'in_progress' : 'not_started',
        programme_id: x.programme_id,
        carried_from_id: x.id,
        created_by: actor.userId,
        updated_at: sql<Date>`now()`,
      })
      .onConflict((oc) => oc.column('carried_from_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    await trx
      .insertInto('talent_plan_item_units')
      .columns(['item_id', 'org_id'])
      .expression((eb) =>
        eb
          .selectFrom('talent_plan_item_units')
          .select([sql<string>`${row.id}::uuid`.as('item_id'), 'org_id'])
          .where('item_id', '=', x.id),
      )
      .execute();
    const after = toItem(await loadItem(trx, actor, row.id), await loadPartnerships(trx));
    await writeAudit(trx, actor, {
      action: 'talent.plan_item.carry_over',
      entity: 'talent_plan_item',
      entityId: row.id,
      orgId: x.lead_org_id,
      after: { ...auditView(after), carriedFromYear: from.year, carriedFromSeq: x.seq },
    });
    written++;
  }
  return written;
}

async function requireKeeper(db: Tx, actor: Actor, orgId: string) {
  const org = await db.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', orgId).executeTakeFirstOrThrow();
  requirePlanner(actor, { id: org.id, regionCode: org.region_code }, 'talent.plan.keeper_only');
}

export async function createPlan(db: DB, actor: Actor, input: PlanInput): Promise<Plan> {
  const org = await ownOrg(db, actor, input.orgId ?? actor.orgId);
  requirePlanner(actor, { id: org.id, regionCode: org.region_code }, 'talent.plan.officers_only');
  const pair = (await loadPartnerships(db)).find((p) => p.id === input.partnershipId);
  if (!pair) throw fail({ partnershipId: m('talent.plan.field_unknown_partnership') });
  if (!sideOf([pair], org.region_code)) throw fail({ orgId: m('talent.org.field_not_in_partnership') });
  return db.transaction().execute(async (trx) => {
    let id: string;
    try {
      ({ id } = await trx
        .insertInto('talent_plans')
        .values({ partnership_id: pair.id, year: input.year, title: input.title, org_id: org.id, created_by: actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (err) {
      if (fromUniqueViolation(err, { talent_plans_partnership_id_year_key: 'year' }))
        throw conflict(m('talent.plan.exists', { year: input.year }), { year: m('talent.plan.field_exists') });
      throw err;
    }
    // A closed previous year's carried-over items come into the new plan.
    const previous = await trx
      .selectFrom('talent_plans')
      .select(['id', 'partnership_id', 'year'])
      .where('partnership_id', '=', pair.id)
      .where('year', '=', input.year - 1)
      .where('closed_at', 'is not', null)
      .forUpdate()
      .executeTakeFirst();
    const carried = previous ? await carryOver(trx, actor, previous) : 0;
    const after = (await listPlans(trx, actor, input.year)).find((p) => p.id === id)!;
    await writeAudit(trx, actor, {
      action: 'talent.plan.create',
      entity: 'talent_plan',
      entityId: id,
      orgId: org.id,
      after: { year: input.year, title: input.title, ...(carried ? { carriedIntoThisYear: carried } : {}) },
    });
    return after;
  });
}

// ---- plan items ---------------------------------------------------------------------------------------

function itemQuery(db: Tx, actor: Actor) {
  return db
    .selectFrom('talent_plan_items as i')
    .innerJoin('talent_plans as pl', 'pl.id', 'i.plan_id')
    .innerJoin('organisations as lo', 'lo.id', 'i.lead_org_id')
    .leftJoin('talent_programmes as g', 'g.id', 'i.programme_id')
    .select([
      'i.id',
      'i.plan_id',
      'pl.title as plan_title',
      'pl.year',
      'pl.partnership_id',
      sql<boolean>`(pl.closed_at is not null)`.as('plan_closed'),
      'i.seq',
      'i.area',
      'i.content',
      'i.lead_org_id',
      'lo.name as lead_org_name',
      'lo.region_code as lead_region_code',
      'i.deadline',
      'i.status',
      'i.programme_id',
      'g.name as programme_name',
      overdueSql('i').as('overdue'),
      ownSql(actor, TP.plan, 'lo').as('editable'),
      sql<boolean>`exists (select 1 from talent_plan_item_units u join organisations uo on uo.id = u.org_id where u.item_id = i.id and ${ownSql(actor, TP.edit, 'uo')})`.as(
        'can_note',
      ),
      sql<
        { id: string; name: string; regionCode: string }[]
      >`coalesce((select json_agg(json_build_object('id', uo.id, 'name', uo.name, 'regionCode', uo.region_code) order by uo.id = i.lead_org_id desc, uo.region_code, uo.name)
        from talent_plan_item_units u join organisations uo on uo.id = u.org_id where u.item_id = i.id), '[]')`.as('units'),
      sql<
        { id: string; notedOn: string; text: string; status: PlanItem['status'] | null; orgName: string; authorName: string | null }[]
      >`coalesce((select json_agg(json_build_object('id', n.id, 'notedOn', n.noted_on::text, 'text', n.text, 'status', n.status, 'orgName', no.name, 'authorName', nu.display_name) order by n.noted_on, n.created_at, n.id)
        from talent_plan_notes n join organisations no on no.id = n.org_id left join users nu on nu.id = n.created_by where n.item_id = i.id), '[]')`.as('notes'),
      sql<PlanItemRef | null>`(select json_build_object('id', f.id, 'year', fp.year, 'seq', f.seq)
        from talent_plan_items f join talent_plans fp on fp.id = f.plan_id where f.id = i.carried_from_id)`.as('carried_from'),
      sql<PlanItemRef | null>`(select json_build_object('id', c.id, 'year', cp.year, 'seq', c.seq)
        from talent_plan_items c join talent_plans cp on cp.id = c.plan_id where c.carried_from_id = i.id)`.as('carried_to'),
      sql<
        { id: string; visitId: string; visitTitle: string; visitKind: 'visit' | 'joint_meeting'; startsOn: string; content: string }[]
      >`coalesce((select json_agg(json_build_object('id', f.id, 'visitId', v.id, 'visitTitle', v.title, 'visitKind', v.kind, 'startsOn', v.starts_on::text, 'content', f.content) order by v.starts_on, f.id)
        from talent_visit_followups f join talent_visits v on v.id = f.visit_id where f.plan_item_id = i.id), '[]')`.as('follow_ups'),
    ]);
}
type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['executeTakeFirstOrThrow']>>;

const toItem = (r: ItemRow, pairs: PartnershipRow[]): PlanItem => ({
  id: r.id,
  planId: r.plan_id,
  planTitle: r.plan_title,
  year: r.year,
  seq: r.seq,
  area: r.area,
  content: r.content,
  leadOrgId: r.lead_org_id,
  leadOrgName: r.lead_org_name,
  units: r.units.map((u) => ({ id: u.id, name: u.name, side: sideOf(pairs, u.regionCode) ?? 'west', lead: u.id === r.lead_org_id })),
  deadline: r.deadline,
  status: r.status,
  overdue: !!r.overdue,
  programmeId: r.programme_id,
  programmeName: r.programme_name,
  planClosed: !!r.plan_closed,
  editable: !!r.editable && !r.plan_closed,
  canNote: !!r.can_note && !r.plan_closed,
  notes: r.notes,
  followUps: r.follow_ups,
  carriedFrom: r.carried_from,
  carriedTo: r.carried_to,
});

export async function listPlanItems(db: DB, actor: Actor, f: PlanItemQuery): Promise<{ items: PlanItem[]; total: number }> {
  const pairs = await readablePartnerships(db, actor);
  let q = itemQuery(db, actor).where('pl.partnership_id', 'in', idsOf(pairs));
  if (f.planId) q = q.where('i.plan_id', '=', f.planId);
  if (f.year) q = q.where('pl.year', '=', f.year);
  if (f.area) q = q.where('i.area', '=', f.area);
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.programmeId) q = q.where('i.programme_id', '=', f.programmeId);
  if (f.orgId) q = q.where(sql<SqlBool>`exists (select 1 from talent_plan_item_units u where u.item_id = i.id and u.org_id = ${f.orgId})`);
  if (f.overdue === 'true') q = q.where(overdueSql('i'));
  if (f.overdue === 'false') q = q.where(sql<SqlBool>`not ${overdueSql('i')}`);
  if (f.q) {
    const like = escapeLike(f.q);
    q = q.where(
      sql<SqlBool>`(i.content like ${like} or exists (select 1 from talent_plan_item_units u join organisations uo on uo.id = u.org_id where u.item_id = i.id and uo.name like ${like}))`,
    );
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('pl.year', 'desc').orderBy('i.seq').orderBy('i.id'));
  const all = await loadPartnerships(db);
  return { items: rows.map((r) => toItem(r, all)), total };
}

async function loadItem(db: Tx, actor: Actor, id: string, lock = false) {
  if (lock) {
    // The plan first (closing takes its row too), then the item: an edit and a close at once cannot both go through.
    const it = await db.selectFrom('talent_plan_items').select('plan_id').where('id', '=', id).executeTakeFirst();
    if (it) await db.selectFrom('talent_plans').select('id').where('id', '=', it.plan_id).forShare().executeTakeFirst();
    await db.selectFrom('talent_plan_items').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  }
  const row = await itemQuery(db, actor).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('talent.plan.item_not_found'));
  if (!(await readablePartnerships(db, actor)).some((p) => p.id === row.partnership_id)) throw forbidden(m('talent.plan.out_of_scope'));
  return row;
}
export async function getPlanItem(db: DB, actor: Actor, id: string): Promise<PlanItem> {
  return toItem(await loadItem(db, actor, id), await loadPartnerships(db));
}

/** Responsible units: organisations of the plan's partnership (either side); the lead among them. */
async function checkUnits(db: Tx, pair: PartnershipRow, leadOrgId: string, orgIds: string[], errors: FieldErrors): Promise<string[]> {
  const ids = [...new Set([leadOrgId, ...orgIds])];
  const orgs = await db.selectFrom('organisations').select(['id', 'region_code']).where('id', 'in', ids).execute();
  const bad = ids.filter((id) => {
    const o = orgs.find((x) => x.id === id);
    return !o || !sideOf([pair], o.region_code);
  });
  if (bad.includes(leadOrgId)) errors.leadOrgId = m('talent.org.field_not_in_partnership');
  if (bad.some((id) => id !== leadOrgId)) errors.orgIds = m('talent.plan.field_units');
  return ids;
}

async function checkProgramme(db: Tx, programmeId: string | null | undefined, errors: FieldErrors) {
  if (!programmeId) return;
  if (!(await db.selectFrom('talent_programmes').select('id').where('id', '=', programmeId).executeTakeFirst())) errors.programmeId = m('talent.activity.field_unknown_link');
}

async function requireLead(actor: Actor, db: Tx, leadOrgId: string) {
  const lead = await db.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', leadOrgId).executeTakeFirstOrThrow();
  requirePlanner(actor, { id: lead.id, regionCode: lead.region_code }, 'talent.plan.lead_only');
}

/** An item added to a plan by the lead unit's side. */
export async function createPlanItem(db: DB, actor: Actor, planId: string, input: PlanItemInput): Promise<PlanItem> {
  const pairs = await readablePartnerships(db, actor);
  const plan = await db.selectFrom('talent_plans').select(['id', 'partnership_id', 'year', 'closed_at']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw notFound(m('talent.plan.not_found'));
  const pair = pairs.find((p) => p.id === plan.partnership_id);
  if (!pair) throw forbidden(m('talent.plan.out_of_scope'));
  const lead = await db.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', input.leadOrgId).executeTakeFirst();
  if (!lead) throw fail({ leadOrgId: m('talent.org.field_unknown') });
  requirePlanner(actor, { id: lead.id, regionCode: lead.region_code }, 'talent.plan.lead_only');
  const errors: FieldErrors = {};
  const units = await checkUnits(db, pair, input.leadOrgId, input.orgIds, errors);
  await checkProgramme(db, input.programmeId, errors);
  if (Object.keys(errors).length) throw fail(errors);
  refuseClosed(plan);
  return db.transaction().execute(async (trx) => {
    refuseClosed(await lockPlan(trx, actor, planId));
    const { seq } = await trx.selectFrom('talent_plan_items').select(sql<number>`coalesce(max(seq), 0)::int + 1`.as('seq')).where('plan_id', '=', planId).executeTakeFirstOrThrow();
    const { id } = await trx
      .insertInto('talent_plan_items')
      .values({
        plan_id: planId,
        seq,
        area: input.area,
        content: input.content,
        lead_org_id: input.leadOrgId,
        deadline: input.deadline,
        programme_id: input.programmeId ?? null,
        created_by: actor.userId,
        updated_at: sql<Date>`now()`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('talent_plan_item_units')
      .values(units.map((org_id) => ({ item_id: id, org_id })))
      .execute();
    const after = toItem(await loadItem(trx, actor, id), await loadPartnerships(trx));
    await writeAudit(trx, actor, { action: 'talent.plan_item.create', entity: 'talent_plan_item', entityId: id, orgId: input.leadOrgId, after: auditView(after) });
    return after;
  });
}

const auditView = (x: PlanItem) => ({
  area: x.area,
  content: x.content,
  leadOrgName: x.leadOrgName,
  responsibleUnits: x.units.map((u) => u.name).join('、'),
  deadline: x.deadline,
  status: x.status,
  programmeName: x.programmeName,
});

/** The lead unit's side changes its item (content, units, deadline, status, programme). */
export async function updatePlanItem(db: DB, actor: Actor, id: string, patch: PlanItemPatch): Promise<PlanItem> {
  return db.transaction().execute(async (trx) => {
    const row = await loadItem(trx, actor, id, true);
    await requireLead(actor, trx, row.lead_org_id);
    if (row.plan_closed) throw conflict(m('talent.plan.closed', { year: row.year }));
    const all = await loadPartnerships(trx);
    const before = toItem(row, all);
    const errors: FieldErrors = {};
    const pair = all.find((p) => p.id === row.partnership_id)!;
    const units = patch.orgIds ? await checkUnits(trx, pair, row.lead_org_id, patch.orgIds, errors) : null;
    await checkProgramme(trx, patch.programmeId, errors);
    if (Object.keys(errors).length) throw fail(errors);
    await trx
      .updateTable('talent_plan_items')
      .set({
        ...(patch.area ? { area: patch.area } : {}),
        ...(patch.content ? { content: patch.content } : {}),
        ...(patch.deadline ? { deadline: patch.deadline } : {}),
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.programmeId !== undefined ? { programme_id: patch.programmeId } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
    if (units) {
      await trx.deleteFrom('talent_plan_item_units').where('item_id', '=', id).execute();
      await trx
        .insertInto('talent_plan_item_units')
        .values(units.map((org_id) => ({ item_id: id, org_id })))
        .execute();
    }
    const after = toItem(await loadItem(trx, actor, id), all);
    await writeAudit(trx, actor, {
      action: 'talent.plan_item.update',
      entity: 'talent_plan_item',
      entityId: id,
      orgId: row.lead_org_id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/**
 * A progress note by a responsible unit's side (written for the first of its units the actor edits, the lead first);
 * only the lead's side may change the status with it. Notes tell what happened: not dated after today.
 */
export async function addPlanNote(db: DB, actor: Actor, id: string, input: PlanNoteInput): Promise<PlanItem> {
  return db.transaction().execute(async (trx) => {
    const row = await loadItem(trx, actor, id, true);
    const edit = scopeOf(actor, TP.edit);
    const units = await trx
      .selectFrom('talent_plan_item_units as u')
      .innerJoin('organisations as o', 'o.id', 'u.org_id')
      .select(['o.id', 'o.region_code'])
      .where('u.item_id', '=', id)
      .execute();
    const mine = units.filter((u) => inScope(edit, { id: u.id, regionCode: u.region_code })).sort((a, b) => Number(b.id === row.lead_org_id) - Number(a.id === row.lead_org_id));
    if (!mine.length) throw forbidden(m('talent.plan.not_responsible'));
    if (input.status) requirePlanner(actor, { id: row.lead_org_id, regionCode: row.lead_region_code }, 'talent.plan.lead_only');
    if (row.plan_closed) throw conflict(m('talent.plan.closed', { year: row.year }));
    if (input.notedOn > localDay()) throw fail({ notedOn: m('talent.plan.field_not_future') });
    const { n } = await trx
      .selectFrom('talent_plan_notes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('item_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(n) >= MAX_NOTES) throw conflict(m('talent.plan.notes_full', { max: MAX_NOTES }));
    await trx
      .insertInto('talent_plan_notes')
      .values({ item_id: id, org_id: mine[0].id, noted_on: input.notedOn, text: input.text, status: input.status ?? null, created_by: actor.userId })
      .execute();
    if (input.status && input.status !== row.status)
      await trx.updateTable('talent_plan_items').set({ status: input.status, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
    const after = toItem(await loadItem(trx, actor, id), await loadPartnerships(trx));
    await writeAudit(trx, actor, {
      action: 'talent.plan_item.note',
      entity: 'talent_plan_item',
      entityId: id,
      orgId: mine[0].id,
      before: input.status ? { status: row.status } : undefined,
      after: { notedOn: input.notedOn, summary: input.text, ...(input.status ? { status: input.status } : {}) },
    });
    return after;
  });
}

// ---- visits and joint meetings -----------------------------------------------------------------------------

function visitQuery(db: Tx, actor: Actor) {
  return db
    .selectFrom('talent_visits as v')
    .innerJoin('organisations as o', 'o.id', 'v.org_id')
    .select([
      'v.id',
      'v.partnership_id',
      'v.org_id',
      'o.name as org_name',
      'o.region_code as org_region_code',
      'v.kind',
      'v.direction',
      'v.title',
      'v.starts_on',
      'v.ends_on',
      'v.delegation',
      'v.places',
      'v.decisions',
      ownSql(actor, TP.read, 'o').as('own'),
      ownSql(actor, TP.plan, 'o').as('editable'),
      sql<
        Visit['followUps']
      >`coalesce((select json_agg(json_build_object('id', f.id, 'planItemId', i.id, 'planItemContent', i.content, 'planItemStatus', i.status, 'content', f.content) order by f.created_at, f.id)
        from talent_visit_followups f join talent_plan_items i on i.id = f.plan_item_id where f.visit_id = v.id), '[]')`.as('follow_ups'),
    ]);
}
type VisitRow = Awaited<ReturnType<ReturnType<typeof visitQuery>['executeTakeFirstOrThrow']>>;
const toVisit = (r: VisitRow): Visit => ({
  id: r.id,
  partnershipId: r.partnership_id,
  orgId: r.org_id,
  orgName: r.org_name,
  access: r.own ? 'own' : 'partner',
  editable: !!r.editable,
  kind: r.kind,
  direction: r.direction,
  title: r.title,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  delegation: r.delegation,
  places: r.places,
  decisions: r.decisions,
  followUps: r.follow_ups,
});

export async function listVisits(db: DB, actor: Actor, f: VisitQuery): Promise<{ items: Visit[]; total: number }> {
  const pairs = await readablePartnerships(db, actor);
  let q = visitQuery(db, actor).where('v.partnership_id', 'in', idsOf(pairs));
  if (f.kind) q = q.where('v.kind', '=', f.kind);
  if (f.year) q = q.where(sql<SqlBool>`extract(year from v.starts_on) = ${f.year}`);
  if (f.q) {
    const like = escapeLike(f.q);
    q = q.where(sql<SqlBool>`(v.title like ${like} or v.delegation like ${like} or v.places like ${like} or v.decisions like ${like})`);
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('v.starts_on', 'desc').orderBy('v.id'));
  return { items: rows.map(toVisit), total };
}

async function loadVisit(db: Tx, actor: Actor, id: string, lock = false) {
  if (lock) await db.selectFrom('talent_visits').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const row = await visitQuery(db, actor).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('talent.visit.not_found'));
  if (!(await readablePartnerships(db, actor)).some((p) => p.id === row.partnership_id)) throw forbidden(m('talent.visit.out_of_scope'));
  return row;
}

/** Follow-ups name items of the same partnership's plans. */
async function checkFollowUps(db: Tx, partnershipId: string, followUps: FollowUpInput[], errors: FieldErrors, field = 'followUps') {
  if (!followUps.length) return;
  const ids = [...new Set(followUps.map((x) => x.planItemId))];
  const found = await db
    .selectFrom('talent_plan_items as i')
    .innerJoin('talent_plans as pl', 'pl.id', 'i.plan_id')
    .select('i.id')
    .where('i.id', 'in', ids)
    .where('pl.partnership_id', '=', partnershipId)
    .execute();
  followUps.forEach((x, k) => {
    if (!found.some((r) => r.id === x.planItemId)) errors[field === 'followUps' ? `followUps.${k}.planItemId` : field] = m('talent.visit.field_unknown_item');
  });
}

export async function createVisit(db: DB, actor: Actor, input: VisitInput): Promise<Visit> {
  const org = await ownOrg(db, actor, input.orgId ?? actor.orgId);
  requirePlanner(actor, { id: org.id, regionCode: org.region_code }, 'talent.plan.officers_only');
  const errors: FieldErrors = {};
  const pair = (await loadPartnerships(db)).find((p) => p.id === input.partnershipId);
  if (!pair) errors.partnershipId = m('talent.plan.field_unknown_partnership');
  else if (!sideOf([pair], org.region_code)) errors.orgId = m('talent.org.field_not_in_partnership');
  if (input.kind === 'visit' && !input.direction) errors.direction = m('talent.visit.field_direction');
  if (input.kind === 'joint_meeting' && input.direction) errors.direction = m('talent.visit.field_no_direction');
  if (input.endsOn < input.startsOn) errors.endsOn = m('talent.field.on_or_after', { date: input.startsOn });
  if (pair) await checkFollowUps(db, pair.id, input.followUps, errors);
  if (Object.keys(errors).length) throw fail(errors);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('talent_visits')
      .values({
        partnership_id: input.partnershipId,
        org_id: org.id,
        kind: input.kind,
        direction: input.kind === 'visit' ? (input.direction ?? null) : null,
        title: input.title,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        delegation: input.delegation,
        places: input.places,
        decisions: input.decisions,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertFollowUps(trx, id, input.followUps);
    const after = toVisit(await loadVisit(trx, actor, id));
    await writeAudit(trx, actor, {
      action: 'talent.visit.create',
      entity: 'talent_visit',
      entityId: id,
      orgId: org.id,
      after: { kind: after.kind, title: after.title, startsOn: after.startsOn, endsOn: after.endsOn, followUpCount: after.followUps.length },
    });
    return after;
  });
}

/** Bounds of what a visit and a plan item grow by (each list shows them whole). */
export const MAX_FOLLOW_UPS = 100;
export const MAX_NOTES = 200;

async function insertFollowUps(trx: Transaction, visitId: string, followUps: FollowUpInput[]) {
  if (!followUps.length) return;
  // The visit's row is locked first, so two requests at once count each other's.
  await trx.selectFrom('talent_visits').select('id').where('id', '=', visitId).forUpdate().execute();
  const { n } = await trx
    .selectFrom('talent_visit_followups')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('visit_id', '=', visitId)
    .executeTakeFirstOrThrow();
  if (Number(n) + followUps.length > MAX_FOLLOW_UPS) throw conflict(m('talent.visit.follow_ups_full', { max: MAX_FOLLOW_UPS }));
  if (followUps.length)
    await trx
      .insertInto('talent_visit_followups')
      .values(followUps.map((x) => ({ visit_id: visitId, plan_item_id: x.planItemId, content: x.content })))
      .execute();
}

/** A follow-up added later, by the side keeping the visit. */
export async function addFollowUp(db: DB, actor: Actor, id: string, input: FollowUpInput): Promise<Visit> {
  return db.transaction().execute(async (trx) => {
    const row = await loadVisit(trx, actor, id);
    requirePlanner(actor, { id: row.org_id, regionCode: row.org_region_code }, 'talent.visit.keeper_only');
    const errors: FieldErrors = {};
    await checkFollowUps(trx, row.partnership_id, [input], errors, 'planItemId');
    if (Object.keys(errors).length) throw fail(errors);
    await insertFollowUps(trx, id, [input]);
    const after = toVisit(await loadVisit(trx, actor, id));
    await writeAudit(trx, actor, { action: 'talent.visit.follow_up', entity: 'talent_visit', entityId: id, orgId: row.org_id, after: input });
    return after;
  });
}

const visitAudit = (v: Visit) => ({
  title: v.title,
  direction: v.direction,
  startsOn: v.startsOn,
  endsOn: v.endsOn,
  delegation: v.delegation,
  places: v.places,
  decisions: v.decisions,
});

/** The keeping side corrects a visit's or meeting's text and dates (audited with before and after). */
export async function updateVisit(db: DB, actor: Actor, id: string, patch: VisitPatch): Promise<Visit> {
  return db.transaction().execute(async (trx) => {
    const row = await loadVisit(trx, actor, id, true);
    requirePlanner(actor, { id: row.org_id, regionCode: row.org_region_code }, 'talent.visit.keeper_only');
    const before = toVisit(row);
    const next = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Visit;
    const errors: FieldErrors = {};
    if (row.kind === 'visit' && !next.direction) errors.direction = m('talent.visit.field_direction');
    if (row.kind === 'joint_meeting' && next.direction) errors.direction = m('talent.visit.field_no_direction');
    if (next.endsOn < next.startsOn) errors.endsOn = m('talent.field.on_or_after', { date: next.startsOn });
    if (Object.keys(errors).length) throw fail(errors);
    await trx
      .updateTable('talent_visits')
      .set({
        title: next.title,
        direction: next.direction,
        starts_on: next.startsOn,
        ends_on: next.endsOn,
        delegation: next.delegation,
        places: next.places,
        decisions: next.decisions,
      })
      .where('id', '=', id)
      .execute();
    const after = toVisit(await loadVisit(trx, actor, id));
    await writeAudit(trx, actor, { action: 'talent.visit.update', entity: 'talent_visit', entityId: id, orgId: row.org_id, before: visitAudit(before), after: visitAudit(after) });
    return after;
  });
}
