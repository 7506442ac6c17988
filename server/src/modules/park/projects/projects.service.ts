import { sql } from 'kysely';
import {
  yiToYuan,
  yuanToYi,
  type Project,
  type ProjectInput,
  type ProjectPatch,
  type ProjectQuery,
  type StageChangeInput,
  type StageHistoryEntry,
} from '@gearbridge/contracts/park';
import { orgInScopeSql, requireInScope, requirePermission, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { invalid, notFound } from '../../../platform/errors';
import { containing, paged } from '../../../platform/db';
import { localDay } from '../../../platform/time';
import type { DB, Transaction, Tx } from '../db';
import { m, type Msg } from '../messages';
import { PP } from '../permissions';
import { initialDates, planStageChange, type StageDates } from './stages';

/**
 * Investment projects (招商项目): kept by a park administration (`org_id`), whose scope decides who reads
 * (park.read) and changes (park.manage) them. Amounts are whole yuan, given and shown in 亿元 as exact decimal text.
 */

export type FieldErrors = Record<string, Msg>;
const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function projectQuery(db: Tx) {
  return db
    .selectFrom('park_projects as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .leftJoin('park_batches as bs', 'bs.id', 'p.signing_batch_id')
    .leftJoin('park_batches as bg', 'bg.id', 'p.groundbreaking_batch_id')
    .leftJoin('park_batches as bp', 'bp.id', 'p.production_batch_id')
    .select([
      'p.id',
      'p.org_id',
      'p.name',
      'p.investor',
      'p.investor_org_id',
      'p.category',
      'p.reserve',
      'p.stage',
      'p.lead_on',
      'p.negotiating_on',
      'p.signed_on',
      'p.construction_on',
      'p.production_on',
      'p.note',
      'p.chain_link_id',
      'p.created_at',
      'p.updated_at',
      'o.name as org_name',
      'o.region_code as org_region_code',
      'bs.id as bs_id',
      'bs.name as bs_name',
      'bs.held_on as bs_held_on',
      'bg.id as bg_id',
      'bg.name as bg_name',
      'bg.held_on as bg_held_on',
      'bp.id as bp_id',
      'bp.name as bp_name',
      'bp.held_on as bp_held_on',
    ])
    .select(sql<string>`p.amount_yuan::text`.as('amount_yuan'));
}
export type ProjectRow = Awaited<ReturnType<ReturnType<typeof projectQuery>['executeTakeFirstOrThrow']>>;

export const datesOf = (r: Pick<ProjectRow, 'lead_on' | 'negotiating_on' | 'signed_on' | 'construction_on' | 'production_on'>): StageDates => ({
  lead: r.lead_on,
  negotiating: r.negotiating_on,
  signed: r.signed_on,
  construction: r.construction_on,
  production: r.production_on,
});

export function toProject(r: ProjectRow): Project {
  const batches: Project['batches'] = [];
  if (r.bs_id) batches.push({ id: r.bs_id, kind: 'signing', name: r.bs_name!, heldOn: r.bs_held_on! });
  if (r.bg_id) batches.push({ id: r.bg_id, kind: 'groundbreaking', name: r.bg_name!, heldOn: r.bg_held_on! });
  if (r.bp_id) batches.push({ id: r.bp_id, kind: 'production', name: r.bp_name!, heldOn: r.bp_held_on! });
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    investor: r.investor,
    investorOrgId: r.investor_org_id,
    amount: yuanToYi(r.amount_yuan),
    category: r.category,
    reserve: r.reserve,
    stage: r.stage,
    stageDates: datesOf(r),
    batches,
    note: r.note,
    chainLinkId: r.chain_link_id,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export async function listProjects(db: DB, actor: Actor, f: ProjectQuery): Promise<{ items: Project[]; total: number }> {
  let q = projectQuery(db).where(orgInScopeSql(scopeOf(actor, PP.read), 'o'));
  if (f.stage) q = q.where('p.stage', '=', f.stage);
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.reserve) q = q.where('p.reserve', '=', f.reserve === 'true');
  if (f.signedYear) q = q.where('p.signed_on', '>=', `${f.signedYear}-01-01`).where('p.signed_on', '<=', `${f.signedYear}-12-31`);
  if (f.batchId) {
    const b = f.batchId;
    q = q.where((eb) => eb.or([eb('p.signing_batch_id', '=', b), eb('p.groundbreaking_batch_id', '=', b), eb('p.production_batch_id', '=', b)]));
  }
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.investor', 'ilike', like)]));
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('p.amount_yuan', 'desc').orderBy('p.name').orderBy('p.id'));
  return { items: rows.map(toProject), total };
}

/** A project in the actor's scope for `permission`: 404 when unknown, 403 outside the scope. */
export async function loadProject(db: Tx, actor: Actor, id: string, permission: string, lock = false) {
  requirePermission(actor, permission);
  if (lock) await db.selectFrom('park_projects').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const row = await projectQuery(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('park.project.not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.org_region_code });
  return row;
}

export const getProject = async (db: DB, actor: Actor, id: string) => toProject(await loadProject(db, actor, id, PP.read));

export async function stageHistory(db: DB, actor: Actor, id: string): Promise<StageHistoryEntry[]> {
  await loadProject(db, actor, id, PP.read);
  const rows = await db.selectFrom('park_project_stages').selectAll().where('project_id', '=', id).orderBy('id').execute();
  return rows.map((r) => ({ stage: r.stage, previousStage: r.previous_stage, effectiveOn: r.effective_on, reason: r.reason, changedAt: iso(r.changed_at) }));
}

/** The park administration keeping a record: given or the user's own, within park.manage's scope. */
export async function keepingOrg(db: Tx, actor: Actor, orgId: string | undefined) {
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'region_code'])
    .where('id', '=', orgId ?? actor.orgId)
    .executeTakeFirst();
  if (!org) throw invalid(m('park.org.unknown'), { orgId: m('park.org.field_unknown') });
  requireInScope(actor, PP.manage, { id: org.id, regionCode: org.region_code });
  return org;
}

async function checkInvestorOrg(db: Tx, id: string | null | undefined, errors: FieldErrors) {
  if (!id) return;
  if (!(await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst())) errors.investorOrgId = m('park.project.field_unknown_org');
}

/** A chain link of the same administration's chains. */
async function checkChainLink(db: Tx, id: string | null | undefined, orgId: string, errors: FieldErrors) {
  if (!id) return;
  const link = await db
    .selectFrom('park_chain_links as l')
    .innerJoin('park_chains as c', 'c.id', 'l.chain_id')
    .select('l.id')
    .where('l.id', '=', id)
    .where('c.org_id', '=', orgId)
    .executeTakeFirst();
  if (!link) errors.chainLinkId = m('park.chain.field_unknown_link');
}

function throwIfErrors(errors: FieldErrors, key: 'park.project.invalid_fields' | 'park.batch.invalid_fields' | 'park.enterprise.invalid_fields') {
  if (Object.keys(errors).length) throw invalid(m(key, { fields: Object.keys(errors).join(', ') }), errors);
}
export { throwIfErrors };

const dateColumns = (d: StageDates) => ({
  lead_on: d.lead,
  negotiating_on: d.negotiating,
  signed_on: d.signed,
  construction_on: d.construction,
  production_on: d.production,
});

export async function createProject(db: DB, actor: Actor, input: ProjectInput & { stage: Project['stage']; reserve: boolean }): Promise<Project> {
  const org = await keepingOrg(db, actor, input.orgId);
  const errors: FieldErrors = {};
  const today = localDay();
  const on = input.stageOn ?? today;
  if (on > today) errors.stageOn = m('park.field.in_future');
  await checkInvestorOrg(db, input.investorOrgId, errors);
  await checkChainLink(db, input.chainLinkId, org.id, errors);
  throwIfErrors(errors, 'park.project.invalid_fields');
  return db.transaction().execute((trx) => insertProject(trx, actor, org.id, { ...input, stageOn: on }, null));
}

/**
 * Writes a checked project in the caller's transaction: the row with its stage dates, the first history entry and
 * the audit row (`source` marks an import). Shared by the form and the Excel import.
 */
export async function insertProject(
  trx: Transaction,
  actor: Actor,
  orgId: string,
  input: Omit<ProjectInput, 'stage' | 'stageOn' | 'reserve'> & { stage: Project['stage']; reserve: boolean; stageOn: string },
  source: 'import' | null,
): Promise<Project> {
  const { id } = await trx
    .insertInto('park_projects')
    .values({
      org_id: orgId,
      name: input.name,
      investor: input.investor,
      investor_org_id: input.investorOrgId ?? null,
      amount_yuan: yiToYuan(input.amount)!.toString(),
      category: input.category,
      reserve: input.reserve,
      stage: input.stage,
      ...dateColumns(initialDates(input.stage, input.stageOn)),
      note: input.note || null,
      chain_link_id: input.chainLinkId ?? null,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('park_project_stages')
    .values({ project_id: id, stage: input.stage, previous_stage: null, effective_on: input.stageOn, reason: null, changed_by: actor.userId })
    .execute();
  const after = toProject(await loadProject(trx, actor, id, PP.manage));
  await writeAudit(trx, actor, { action: 'park.project.create', entity: 'park_project', entityId: id, orgId, after: source ? { ...after, source } : after });
  return after;
}

export async function updateProject(db: DB, actor: Actor, id: string, p: ProjectPatch): Promise<Project> {
  return db.transaction().execute(async (trx) => {
    const row = await loadProject(trx, actor, id, PP.manage, true);
    const errors: FieldErrors = {};
    await checkInvestorOrg(trx, p.investorOrgId, errors);
    await checkChainLink(trx, p.chainLinkId, row.org_id, errors);
    throwIfErrors(errors, 'park.project.invalid_fields');
    const before = toProject(row);
    await trx
      .updateTable('park_projects')
      .set({
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.investor !== undefined ? { investor: p.investor } : {}),
        ...(p.investorOrgId !== undefined ? { investor_org_id: p.investorOrgId } : {}),
        ...(p.amount !== undefined ? { amount_yuan: yiToYuan(p.amount)!.toString() } : {}),
        ...(p.category !== undefined ? { category: p.category } : {}),
        ...(p.reserve !== undefined ? { reserve: p.reserve } : {}),
        ...(p.note !== undefined ? { note: p.note || null } : {}),
        ...(p.chainLinkId !== undefined ? { chain_link_id: p.chainLinkId } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    const after = toProject(await loadProject(trx, actor, id, PP.manage));
    await writeAudit(trx, actor, { action: 'park.project.update', entity: 'park_project', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

/** Applies a planned stage change inside a transaction: the row, its history entry and the audit row. */
export async function applyStage(
  trx: Transaction,
  actor: Actor,
  row: ProjectRow,
  input: StageChangeInput,
  extra: { batchColumn?: 'signing_batch_id' | 'groundbreaking_batch_id' | 'production_batch_id'; batchId?: string } = {},
) {
  const plan = planStageChange(row.stage, datesOf(row), input.stage, { on: input.on, reason: input.reason, today: localDay() });
  if (!plan.ok) {
    if (plan.error === 'unchanged') throw invalid(m('park.stage.unchanged'), { stage: m('park.stage.unchanged') });
    if (plan.error === 'reason_required') throw invalid(m('park.stage.back_needs_reason'), { reason: m('park.stage.field_reason_required') });
    if (plan.error === 'in_future') throw invalid(m('park.stage.in_future'), { on: m('park.field.in_future') });
    throw invalid(m('park.stage.before_previous', { date: plan.date! }), { on: m('park.stage.field_on_or_after', { date: plan.date! }) });
  }
  const before = toProject(row);
  // Going back before a ceremony's stage takes the project out of that ceremony's batch.
  const unlink = {
    ...(plan.dates.signed === null ? { signing_batch_id: null } : {}),
    ...(plan.dates.construction === null ? { groundbreaking_batch_id: null } : {}),
    ...(plan.dates.production === null ? { production_batch_id: null } : {}),
  };
  await trx
    .updateTable('park_projects')
    .set({ stage: input.stage, ...dateColumns(plan.dates), ...unlink, ...(extra.batchColumn ? { [extra.batchColumn]: extra.batchId } : {}), updated_at: sql`now()` })
    .where('id', '=', row.id)
    .execute();
  await trx
    .insertInto('park_project_stages')
    .values({
      project_id: row.id,
      stage: input.stage,
      previous_stage: row.stage,
      effective_on: plan.effectiveOn,
      reason: input.reason?.trim() || null,
      changed_by: actor.userId,
    })
    .execute();
  const after = toProject(await loadProject(trx, actor, row.id, PP.manage));
  await writeAudit(trx, actor, {
    action: plan.direction === 'back' ? 'park.project.stage_back' : 'park.project.stage',
    entity: 'park_project',
    entityId: row.id,
    orgId: row.org_id,
    before: { stage: before.stage, stageDates: before.stageDates },
    after: { stage: after.stage, stageDates: after.stageDates, ...(plan.direction === 'back' ? { reason: input.reason?.trim() } : {}) },
  });
  return after;
}

export async function changeStage(db: DB, actor: Actor, id: string, input: StageChangeInput): Promise<Project> {
  return db.transaction().execute(async (trx) => applyStage(trx, actor, await loadProject(trx, actor, id, PP.manage, true), input));
}
