import { sql, type SqlBool } from 'kysely';
import type {
  WelfarePost,
  WelfarePostInput,
  WelfarePostPatch,
  WelfarePostQuery,
  Workshop,
  WorkshopInput,
  WorkshopPatch,
  WorkshopQuery,
  WorkerStatus,
} from '@gearbridge/contracts/labor';
import { requireInScope, scopeOf, type Actor, orgInScopeSql } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, fromUniqueViolation, invalid, notFound } from '../../../platform/errors';
import type { FieldCipher } from '../../../platform/pii';
import { LP } from '../permissions';
import { isoOrNull, keepingOrg, managedWorker, statusFor, throwIfErrors, type FieldErrors } from './checks';
import { existingRegions, today } from '../workers/worker-input';
import type { Tx } from '../workers/worker-view';
import { localTodaySql } from '../../../platform/time';
import type { DB } from '../db';
import { m } from '../messages';
import { storedText } from '../texts';
import { containing, likeEscaped, paged } from '../../../platform/db';

/**
 * Employment-assistance workshops (就业帮扶车间) with the workers employed there, and public-welfare posts
 * (公益性岗位) with their holders. Both belong to the bureau that keeps them (labor.read to see, labor.manage to
 * change); a worker joining a workshop or taking a post is recorded in the worker's status history.
 */

// ---- workshops --------------------------------------------------------------------------------------------
function workshopQuery(db: Tx) {
  return db
    .selectFrom('labor_workshops as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .leftJoin('organisations as e', 'e.id', 's.enterprise_org_id')
    .leftJoin('regions as g', 'g.code', 's.region_code')
    .selectAll('s')
    .select(['o.name as org_name', 'o.region_code as org_region_code', 'e.name as enterprise_org_name', 'g.full_name as region_name'])
    .select(sql<number>`(select count(*) from labor_workshop_workers x where x.workshop_id = s.id and x.left_on is null)`.as('worker_count'));
}
type WorkshopRow = Awaited<ReturnType<ReturnType<typeof workshopQuery>['executeTakeFirstOrThrow']>>;

const toWorkshop = (r: WorkshopRow): Workshop => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  name: r.name,
  enterpriseOrgId: r.enterprise_org_id,
  enterpriseName: r.enterprise_org_name ?? r.enterprise_name ?? '',
  regionCode: r.region_code,
  regionName: r.region_name,
  address: r.address,
  products: r.products,
  recognisedOn: r.recognised_on,
  note: r.note,
  workerCount: Number(r.worker_count),
  createdAt: isoOrNull(r.created_at)!,
  updatedAt: isoOrNull(r.updated_at)!,
});

export async function listWorkshops(db: DB, actor: Actor, f: WorkshopQuery): Promise<{ items: Workshop[]; total: number }> {
  let q = workshopQuery(db).where(orgInScopeSql(scopeOf(actor, LP.read), 'o'));
  if (f.region) q = q.where('s.region_code', 'like', `${likeEscaped(f.region)}%`);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('s.products', 'ilike', like), eb('s.enterprise_name', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('s.name').orderBy('s.id'));
  return { items: rows.map(toWorkshop), total };
}

async function loadWorkshop(db: Tx, actor: Actor, id: string, permission: string) {
  const row = await workshopQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('labor.workshop.not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.org_region_code });
  return row;
}

async function workshopDetail(db: Tx, row: WorkshopRow) {
  const workers = await db
    .selectFrom('labor_workshop_workers as x')
    .innerJoin('labor_workers as w', 'w.id', 'x.worker_id')
    .select(['x.id', 'x.worker_id', 'w.name_masked', 'x.joined_on', 'x.left_on', 'x.leave_reason'])
    .where('x.workshop_id', '=', row.id)
    .orderBy(sql`x.left_on is null`, 'desc')
    .orderBy('x.joined_on')
    .orderBy('x.id')
    .execute();
  return {
    ...toWorkshop(row),
    workers: workers.map((w) => ({ id: w.id, workerId: w.worker_id, workerNameMasked: w.name_masked, joinedOn: w.joined_on, leftOn: w.left_on, leaveReason: w.leave_reason })),
  };
}

export const getWorkshop = async (db: DB, actor: Actor, id: string) => workshopDetail(db, await loadWorkshop(db, actor, id, LP.read));

async function checkPlace(db: Tx, c: { regionCode: string; enterpriseOrgId?: string | null; enterpriseName?: string | null }, errors: FieldErrors) {
  if (!(await existingRegions(db, [c.regionCode])).has(c.regionCode)) errors.regionCode = m('labor.field.unknown_region', { code: c.regionCode });
  if (c.enterpriseOrgId) {
    const e = await db.selectFrom('organisations').select('kind').where('id', '=', c.enterpriseOrgId).executeTakeFirst();
    if (!e || e.kind !== 'enterprise') errors.enterpriseOrgId = m('labor.workshop.not_enterprise');
  } else if (!c.enterpriseName) errors.enterpriseName = m('labor.workshop.enterprise_required');
}

export async function createWorkshop(db: DB, actor: Actor, input: WorkshopInput) {
  const org = await keepingOrg(db, actor, input.orgId);
  const errors: FieldErrors = {};
  await checkPlace(db, input, errors);
  throwIfErrors(errors, 'workshop');
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('labor_workshops')
      .values({
        org_id: org.id,
        name: input.name,
        enterprise_org_id: input.enterpriseOrgId ?? null,
        enterprise_name: input.enterpriseOrgId ? null : (input.enterpriseName ?? null),
        region_code: input.regionCode,
        address: input.address || null,
        products: input.products || null,
        recognised_on: input.recognisedOn ?? null,
        note: input.note || null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = await workshopDetail(trx, await loadWorkshop(trx, actor, id, LP.manage));
    await writeAudit(trx, actor, { action: 'labor.workshop.create', entity: 'labor_workshop', entityId: id, orgId: org.id, after });
    return after;
  });
}

export async function updateWorkshop(db: DB, actor: Actor, id: string, p: WorkshopPatch) {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('labor_workshops').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await loadWorkshop(trx, actor, id, LP.manage);
    const enterpriseOrgId = p.enterpriseOrgId !== undefined ? p.enterpriseOrgId : row.enterprise_org_id;
    const enterpriseName = p.enterpriseName !== undefined ? p.enterpriseName : row.enterprise_name;
    const errors: FieldErrors = {};
    await checkPlace(trx, { regionCode: p.regionCode ?? row.region_code, enterpriseOrgId, enterpriseName }, errors);
    throwIfErrors(errors, 'workshop');
    await trx
      .updateTable('labor_workshops')
      .set({
        enterprise_org_id: enterpriseOrgId ?? null,
        enterprise_name: enterpriseOrgId ? null : (enterpriseName ?? null),
        ...(p.name !== undefined && { name: p.name }),
        ...(p.regionCode !== undefined && { region_code: p.regionCode }),
        ...(p.address !== undefined && { address: p.address || null }),
        ...(p.products !== undefined && { products: p.products || null }),
        ...(p.recognisedOn !== undefined && { recognised_on: p.recognisedOn }),
        ...(p.note !== undefined && { note: p.note || null }),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
    const after = toWorkshop(await loadWorkshop(trx, actor, id, LP.manage));
    await writeAudit(trx, actor, { action: 'labor.workshop.update', entity: 'labor_workshop', entityId: id, orgId: row.org_id, before: toWorkshop(row), after });
    return workshopDetail(trx, await loadWorkshop(trx, actor, id, LP.manage));
  });
}

/** A worker starts work in the workshop; one looking for work is recorded as employed (locally, or out of province). */
export async function joinWorkshop(db: DB, actor: Actor, cipher: FieldCipher, id: string, input: { workerId: string; joinedOn?: string }) {
  return db.transaction().execute(async (trx) => {
    const s = await loadWorkshop(trx, actor, id, LP.manage);
    const w = await managedWorker(trx, actor, input.workerId);
    const on = input.joinedOn ?? today();
    if (on > today()) throw invalid(m('labor.workshop.start_in_future'), { joinedOn: m('labor.field.not_in_future') });
    try {
      await trx.insertInto('labor_workshop_workers').values({ workshop_id: id, worker_id: w.id, joined_on: on }).execute();
    } catch (err) {
      if (fromUniqueViolation(err, {})) throw conflict(m('labor.workshop.already_working'), { workerId: m('labor.workshop.field_already_working') });
      throw err;
    }
    const to: WorkerStatus = s.region_code.slice(0, 2) === w.home_region_code.slice(0, 2) ? 'employed_local' : 'employed_out_of_province';
    await statusFor(trx, actor, cipher, w.id, { to, on, reason: storedText('labor.text.workshop_joined', { name: s.name }), from: ['unemployed', 'in_training'] });
    await writeAudit(trx, actor, { action: 'labor.workshop.join', entity: 'labor_workshop', entityId: id, orgId: s.org_id, after: { workerId: w.id, joinedOn: on } });
    return workshopDetail(trx, await loadWorkshop(trx, actor, id, LP.manage));
  });
}

/** A worker leaves the workshop; with `status`, the worker's new status is recorded too (unemployed may raise an alert). */
export async function leaveWorkshop(db: DB, actor: Actor, cipher: FieldCipher, id: string, workerId: string, input: { leftOn?: string; reason: string; status?: WorkerStatus }) {
  return db.transaction().execute(async (trx) => {
    const s = await loadWorkshop(trx, actor, id, LP.manage);
    await managedWorker(trx, actor, workerId);
    const x = await trx
      .selectFrom('labor_workshop_workers')
      .select(['id', 'joined_on'])
      .where('workshop_id', '=', id)
      .where('worker_id', '=', workerId)
      .where('left_on', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!x) throw notFound(m('labor.workshop.worker_not_found'));
    const on = input.leftOn ?? today();
    if (on > today()) throw invalid(m('labor.workshop.leaving_in_future'), { leftOn: m('labor.field.not_in_future') });
    if (on < x.joined_on) throw invalid(m('labor.workshop.leaving_before_start', { date: x.joined_on }), { leftOn: m('labor.field.on_or_after', { date: x.joined_on }) });
    await trx.updateTable('labor_workshop_workers').set({ left_on: on, leave_reason: input.reason }).where('id', '=', x.id).execute();
    if (input.status)
      await statusFor(trx, actor, cipher, workerId, { to: input.status, on, reason: storedText('labor.text.workshop_left', { name: s.name, reason: input.reason }) });
    await writeAudit(trx, actor, {
      action: 'labor.workshop.leave',
      entity: 'labor_workshop',
      entityId: id,
      orgId: s.org_id,
      after: { workerId, leftOn: on, reason: input.reason, status: input.status ?? null },
    });
    return workshopDetail(trx, await loadWorkshop(trx, actor, id, LP.manage));
  });
}

// ---- public-welfare posts -----------------------------------------------------------------------------------
function postQuery(db: Tx) {
  return db
    .selectFrom('labor_welfare_posts as t')
    .innerJoin('organisations as o', 'o.id', 't.org_id')
    .leftJoin('regions as g', 'g.code', 't.region_code')
    .leftJoin('labor_workers as w', 'w.id', 't.holder_worker_id')
    .selectAll('t')
    .select(['o.name as org_name', 'o.region_code as org_region_code', 'g.full_name as region_name', 'w.name_masked as holder_name_masked']);
}
type PostRow = Awaited<ReturnType<ReturnType<typeof postQuery>['executeTakeFirstOrThrow']>>;

const toPost = (r: PostRow): WelfarePost => {
  const day = today();
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    postName: r.post_name,
    unitName: r.unit_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    fundingSource: r.funding_source,
    holderWorkerId: r.holder_worker_id,
    holderNameMasked: r.holder_name_masked,
    termFrom: r.term_from,
    termTo: r.term_to,
    monthlySubsidy: r.monthly_subsidy,
    current: r.term_from <= day && day <= r.term_to,
    note: r.note,
    createdAt: isoOrNull(r.created_at)!,
    updatedAt: isoOrNull(r.updated_at)!,
  };
};

export async function listPosts(db: DB, actor: Actor, f: WelfarePostQuery): Promise<{ items: WelfarePost[]; total: number }> {
  let q = postQuery(db).where(orgInScopeSql(scopeOf(actor, LP.read), 'o'));
  if (f.fundingSource) q = q.where('t.funding_source', '=', f.fundingSource);
  if (f.holderWorkerId) q = q.where('t.holder_worker_id', '=', f.holderWorkerId);
  if (f.current) {
    const current = sql<SqlBool>`(t.term_from <= ${localTodaySql} and t.term_to >= ${localTodaySql})`;
    q = q.where(f.current === 'true' ? current : sql<SqlBool>`not ${current}`);
  }
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('t.post_name', 'ilike', like), eb('t.unit_name', 'ilike', like)]));
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('t.term_to', 'desc').orderBy('t.id'));
  return { items: rows.map(toPost), total };
}

async function loadPost(db: Tx, actor: Actor, id: string, permission: string) {
  const row = await postQuery(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('labor.post.not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.org_region_code });
  return row;
}
export const getPost = async (db: DB, actor: Actor, id: string) => toPost(await loadPost(db, actor, id, LP.read));

/**
 * Checks a holder (managed by the user, holding no other post over an overlapping term) and, when the term covers
 * today, records the holder's status as public-welfare post.
 */
async function seatHolder(
  trx: Parameters<typeof statusFor>[0],
  actor: Actor,
  cipher: FieldCipher,
  post: { id: string | null; postName: string; fundingSource: string; termFrom: string; termTo: string },
  holderId: string,
) {
  await managedWorker(trx, actor, holderId, 'holderWorkerId');
  let clash = trx
    .selectFrom('labor_welfare_posts')
    .select('post_name')
    .where('holder_worker_id', '=', holderId)
    .where('term_from', '<=', post.termTo)
    .where('term_to', '>=', post.termFrom);
  if (post.id) clash = clash.where('id', '<>', post.id);
  const other = await clash.executeTakeFirst();
  if (other) throw conflict(m('labor.post.holds_another', { post: other.post_name }), { holderWorkerId: m('labor.post.field_holds_another') });
  const day = today();
  if (post.termFrom <= day && day <= post.termTo) {
    await statusFor(trx, actor, cipher, holderId, {
      to: 'public_welfare_post',
      on: post.termFrom,
      reason: storedText('labor.text.welfare_post', { post: post.postName, funding: post.fundingSource }),
    });
  }
}

export async function createPost(db: DB, actor: Actor, cipher: FieldCipher, input: WelfarePostInput): Promise<WelfarePost> {
  const org = await keepingOrg(db, actor, input.orgId);
  const errors: FieldErrors = {};
  if (!(await existingRegions(db, [input.regionCode])).has(input.regionCode)) errors.regionCode = m('labor.field.unknown_region', { code: input.regionCode });
  if (input.termFrom > input.termTo) errors.termTo = m('labor.post.term_end_before_start');
  throwIfErrors(errors, 'post');
  return db.transaction().execute(async (trx) => {
    if (input.holderWorkerId) await seatHolder(trx, actor, cipher, { id: null, ...input }, input.holderWorkerId);
    const { id } = await trx
      .insertInto('labor_welfare_posts')
      .values({
        org_id: org.id,
        post_name: input.postName,
        unit_name: input.unitName || null,
        region_code: input.regionCode,
        funding_source: input.fundingSource,
        holder_worker_id: input.holderWorkerId ?? null,
        term_from: input.termFrom,
        term_to: input.termTo,
        monthly_subsidy: input.monthlySubsidy,
        note: input.note || null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = toPost(await loadPost(trx, actor, id, LP.manage));
    await writeAudit(trx, actor, { action: 'labor.welfare_post.create', entity: 'labor_welfare_post', entityId: id, orgId: org.id, after });
    return after;
  });
}

export async function updatePost(db: DB, actor: Actor, cipher: FieldCipher, id: string, p: WelfarePostPatch): Promise<WelfarePost> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('labor_welfare_posts').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await loadPost(trx, actor, id, LP.manage);
    const merged = {
      id,
      postName: p.postName ?? row.post_name,
      fundingSource: p.fundingSource ?? row.funding_source,
      termFrom: p.termFrom ?? row.term_from,
      termTo: p.termTo ?? row.term_to,
    };
    const errors: FieldErrors = {};
    if (p.regionCode && !(await existingRegions(trx, [p.regionCode])).has(p.regionCode)) errors.regionCode = m('labor.field.unknown_region', { code: p.regionCode });
    if (merged.termFrom > merged.termTo) errors.termTo = m('labor.post.term_end_before_start');
    throwIfErrors(errors, 'post');
    const holder = p.holderWorkerId !== undefined ? p.holderWorkerId : row.holder_worker_id;
    if (holder && (holder !== row.holder_worker_id || merged.termFrom !== row.term_from || merged.termTo !== row.term_to)) await seatHolder(trx, actor, cipher, merged, holder);
    await trx
      .updateTable('labor_welfare_posts')
      .set({
        ...(p.postName !== undefined && { post_name: p.postName }),
        ...(p.unitName !== undefined && { unit_name: p.unitName || null }),
        ...(p.regionCode !== undefined && { region_code: p.regionCode }),
        ...(p.fundingSource !== undefined && { funding_source: p.fundingSource }),
        ...(p.holderWorkerId !== undefined && { holder_worker_id: p.holderWorkerId }),
        ...(p.termFrom !== undefined && { term_from: p.termFrom }),
        ...(p.termTo !== undefined && { term_to: p.termTo }),
        ...(p.monthlySubsidy !== undefined && { monthly_subsidy: p.monthlySubsidy }),
        ...(p.note !== undefined && { note: p.note || null }),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
    const after = toPost(await loadPost(trx, actor, id, LP.manage));
    await writeAudit(trx, actor, { action: 'labor.welfare_post.update', entity: 'labor_welfare_post', entityId: id, orgId: row.org_id, before: toPost(row), after });
    return after;
  });
}
