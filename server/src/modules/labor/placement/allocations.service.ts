import { sql, type SqlBool } from 'kysely';
import type { Allocation, AllocationDetail, AllocationInput, AllocationQuery } from '@gearbridge/contracts/labor';
import { inScope, requireInScope, scopeOf, type Actor, orgInScopeSql } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../../../platform/errors';
import { allocateOptimal, allocateStable, createIndex, score, type Allocation as EngineAllocation } from '../../../shared/matching';
import { activePostingSql, candidateColumns, explanationJson, readablePostingSql, toCandidate, toOpening } from './matching.service';
import { LP } from '../permissions';
import { filterPostings, postingQuery } from '../postings/postings.service';
import { ageOn, type Tx } from '../workers/worker-view';
import { today } from '../workers/worker-input';
import type { DB } from '../db';
import { m, type Msg } from '../messages';
import { containing, likeEscaped, paged } from '../../../platform/db';

/** A job fair's batch, not the whole roll: larger selections are refused with a hint to narrow the filter. */
export const MAX_WORKERS = 20_000;
const CHUNK = 1000;

export function allocationQuery(db: Tx) {
  const count = (where: string) => sql<number>`(select count(*) from labor_allocation_entries e where e.allocation_id = a.id ${sql.raw(where)})`;
  return db
    .selectFrom('labor_allocations as a')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('users as cb', 'cb.id', 'a.created_by')
    .leftJoin('users as fb', 'fb.id', 'a.confirmed_by')
    .selectAll('a')
    .select(['o.name as org_name', 'o.region_code as org_region_code', 'cb.display_name as created_by_name', 'fb.display_name as confirmed_by_name'])
    .select(count('').as('worker_count'))
    .select(count('and e.posting_id is not null').as('pair_count'))
    .select(sql<number>`(select coalesce(sum(e.score), 0) from labor_allocation_entries e where e.allocation_id = a.id and e.posting_id is not null)`.as('total_score'))
    .select(sql<number>`(select count(*) from labor_allocation_postings ap where ap.allocation_id = a.id)`.as('posting_count'));
}
export type AllocationRow = Awaited<ReturnType<ReturnType<typeof allocationQuery>['executeTakeFirstOrThrow']>>;
type Row = AllocationRow;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export const toAllocation = (r: Row): Allocation => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  name: r.name,
  mode: r.mode,
  minScore: r.min_score,
  status: r.status,
  workerCount: Number(r.worker_count),
  postingCount: Number(r.posting_count),
  pairCount: Number(r.pair_count),
  totalScore: Number(r.total_score),
  stats: r.stats,
  createdByName: r.created_by_name,
  createdAt: iso(r.created_at)!,
  confirmedAt: iso(r.confirmed_at),
  confirmedByName: r.confirmed_by_name,
});

export async function listAllocations(db: DB, actor: Actor, f: AllocationQuery): Promise<{ items: Allocation[]; total: number }> {
  let q = allocationQuery(db).where(orgInScopeSql(scopeOf(actor, LP.read), 'o'));
  if (f.status) q = q.where('a.status', '=', f.status);
  if (f.q) q = q.where('a.name', 'ilike', containing(f.q));
  const { rows, total } = await paged(q, f, (b) => b.orderBy('a.created_at', 'desc').orderBy('a.id'));
  return { items: rows.map(toAllocation), total };
}

export async function loadAllocation(db: Tx, actor: Actor, id: string, permission: string): Promise<Row> {
  const row = await allocationQuery(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('labor.allocation.not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.org_region_code });
  return row;
}

/** The draft as the reviewer sees it: every worker with the posting allocated (or none), score and explanation. */
export async function allocationDetail(db: Tx, row: Row): Promise<AllocationDetail> {
  const entries = await db
    .selectFrom('labor_allocation_entries as e')
    .innerJoin('labor_workers as w', 'w.id', 'e.worker_id')
    .leftJoin('regions as g', 'g.code', 'w.home_region_code')
    .leftJoin('labor_postings as p', 'p.id', 'e.posting_id')
    .leftJoin('organisations as po', 'po.id', 'p.org_id')
    .select(['e.worker_id', 'w.name_masked', 'w.birth_date', 'g.full_name as home_region_name', 'e.posting_id', 'p.title', 'po.name as employer_name', 'p.age_min', 'p.age_max'])
    .select(['e.score', 'e.explanation', 'e.source', 'e.referral_id'])
    .select(
      sql<boolean>`exists (select 1 from labor_referrals r where r.worker_id = e.worker_id and r.posting_id = e.posting_id and r.status <> 'declined' and r.id is distinct from e.referral_id)`.as(
        'referred',
      ),
    )
    .where('e.allocation_id', '=', row.id)
    .orderBy(sql`e.score desc nulls last`)
    .orderBy('e.worker_id')
    .execute();
  const postings = await db
    .selectFrom('labor_allocation_postings as ap')
    .innerJoin('labor_postings as p', 'p.id', 'ap.posting_id')
    .innerJoin('organisations as po', 'po.id', 'p.org_id')
    .select(['ap.posting_id', 'p.title', 'po.name as employer_name', 'ap.capacity', 'p.open_headcount'])
    .select(sql<boolean>`${activePostingSql}`.as('active'))
    .select(sql<number>`(select count(*) from labor_allocation_entries e where e.allocation_id = ap.allocation_id and e.posting_id = ap.posting_id)`.as('allocated'))
    .where('ap.allocation_id', '=', row.id)
    .orderBy('p.title')
    .orderBy('ap.posting_id')
    .execute();
  return {
    ...toAllocation(row),
    entries: entries.map((e) => {
      const age = ageOn(e.birth_date);
      const warnings: string[] = [];
      if (e.posting_id && ((e.age_min !== null && age < e.age_min) || (e.age_max !== null && age > e.age_max))) warnings.push('age_outside_range');
      if (e.referred) warnings.push('already_referred');
      return {
        workerId: e.worker_id,
        workerNameMasked: e.name_masked,
        age,
        homeRegionName: e.home_region_name,
        postingId: e.posting_id,
        postingTitle: e.title,
        employerName: e.employer_name,
        score: e.score,
        explanation: (e.explanation ?? null) as AllocationDetail['entries'][number]['explanation'],
        source: e.source,
        warnings,
        referralId: e.referral_id,
      };
    }),
    postings: postings.map((p) => ({
      postingId: p.posting_id,
      title: p.title,
      employerName: p.employer_name,
      capacity: p.capacity,
      openHeadcount: p.open_headcount,
      allocated: Number(p.allocated),
      active: p.active,
    })),
  };
}

export async function getAllocation(db: DB, actor: Actor, id: string): Promise<AllocationDetail> {
  return allocationDetail(db, await loadAllocation(db, actor, id, LP.read));
}

/** The workers of the allocation: the ids given (each managed by the user), or the filter over the user's own. */
async function selectWorkers(db: DB, actor: Actor, w: AllocationInput['workers']) {
  const manage = scopeOf(actor, LP.manage);
  if (w.ids) {
    const ids = [...new Set(w.ids)];
    const rows = await candidateColumns(db).where('w.id', 'in', ids).execute();
    const found = new Map(rows.map((r) => [r.id, r]));
    const errors: Record<string, Msg> = {};
    w.ids.forEach((id, i) => {
      if (!found.has(id)) errors[`workers.ids.${i}`] = m('labor.worker.field_unknown');
    });
    if (Object.keys(errors).length) throw invalid(m('labor.allocation.unknown_workers'), errors);
    if (rows.some((r) => !inScope(manage, { id: r.org_id, regionCode: r.org_region_code }))) throw forbidden(m('labor.allocation.workers_out_of_scope'));
    return rows;
  }
  let q = candidateColumns(db)
    .where(orgInScopeSql(manage, 'o'))
    .where('w.status', 'in', w.status ?? ['unemployed'])
    .where('w.work_ability', '<>', 'unable');
  if (w.region) q = q.where('w.home_region_code', 'like', `${likeEscaped(w.region)}%`);
  if (w.registeredPoor !== undefined) q = q.where('w.registered_poor', '=', w.registeredPoor);
  if (w.occupation) {
    const code = w.occupation;
    q = q.where(sql<SqlBool>`(exists (select 1 from jsonb_array_elements(w.skills) s where s->>'code' = ${code} or s->>'code' like ${`${likeEscaped(code)}-%`})
      or exists (select 1 from unnest(w.wanted_occupations) c where c = ${code} or c like ${`${likeEscaped(code)}-%`}))`);
  }
  return q
    .orderBy('w.id')
    .limit(MAX_WORKERS + 1)
    .execute();
}

/** The postings: the ids given (each readable and active), or every active readable posting matching the filter. */
async function selectPostings(db: DB, actor: Actor, f: AllocationInput['postings']) {
  const scope = scopeOf(actor, LP.read);
  if (f.ids) {
    const rows = await postingQuery(db, scope)
      .where('p.id', 'in', [...new Set(f.ids)])
      .select(sql<boolean>`${activePostingSql}`.as('active'))
      .execute();
    const found = new Map(rows.map((r) => [r.id, r]));
    const errors: Record<string, Msg> = {};
    f.ids.forEach((id, i) => {
      if (!found.has(id)) errors[`postings.ids.${i}`] = m('labor.posting.field_unknown');
    });
    if (Object.keys(errors).length) throw invalid(m('labor.allocation.unknown_postings'), errors);
    if (rows.some((r) => !r.owned && !r.shared)) throw forbidden(m('labor.allocation.postings_not_readable'));
    const inactive = Object.fromEntries(f.ids.flatMap((id, i) => (found.get(id)!.active ? [] : [[`postings.ids.${i}`, m('labor.allocation.field_posting_inactive')]])));
    if (Object.keys(inactive).length) throw conflict(m('labor.allocation.postings_inactive'), inactive);
    return rows;
  }
  return filterPostings(postingQuery(db, scope).where(readablePostingSql(scope)).where(activePostingSql), f)
    .orderBy('p.id')
    .execute();
}

/**
 * Runs the engine over the chosen workers and postings and stores the result as a draft: one entry per worker
 * (allocated or not), the postings with their open headcount as capacity. Nothing becomes a referral until confirm.
 */
export async function createAllocation(db: DB, actor: Actor, input: AllocationInput): Promise<AllocationDetail> {
  const org = await db.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', actor.orgId).executeTakeFirstOrThrow();
  requireInScope(actor, LP.manage, { id: org.id, regionCode: org.region_code });
  const workers = await selectWorkers(db, actor, input.workers);
  if (workers.length > MAX_WORKERS)
    throw unprocessable(m('labor.allocation.too_many_workers', { max: MAX_WORKERS }), { workers: m('labor.allocation.field_too_many_workers', { max: MAX_WORKERS }) });
  const postings = await selectPostings(db, actor, input.postings);
  if (!workers.length) throw unprocessable(m('labor.allocation.no_workers'), { workers: m('labor.allocation.field_none_selected') });
  if (!postings.length) throw unprocessable(m('labor.allocation.no_postings'), { postings: m('labor.allocation.field_none_selected') });
  const day = today();
  const candidates = workers.map(toCandidate);
  const openings = createIndex(postings.map(toOpening));
  let result: EngineAllocation;
  try {
    result =
      input.mode === 'stable'
        ? allocateStable(candidates, openings, { minScore: input.minScore, today: day, listLength: Infinity })
        : allocateOptimal(candidates, openings, { minScore: input.minScore, today: day });
  } catch (err) {
    if (err instanceof RangeError) throw unprocessable(m('labor.allocation.too_large', { detail: err.message }), { mode: m('labor.allocation.field_too_large') });
    throw err;
  }
  const candidateById = new Map(candidates.map((c) => [c.id, c]));
  const openingById = new Map(openings.openings.map((o) => [o.id, o]));
  const pairOf = new Map(result.pairs.map((p) => [p.candidateId, p]));
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('labor_allocations')
      .values({
        org_id: org.id,
        name: input.name,
        mode: input.mode,
        min_score: input.minScore,
        stats: JSON.stringify({ ...result.stats, unmatched: result.unmatched.length }),
        created_by: actor.userId,
        updated_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('labor_allocation_postings')
      .values(postings.map((p) => ({ allocation_id: id, posting_id: p.id, capacity: p.open_headcount })))
      .execute();
    const entries = workers.map((w) => {
      const pair = pairOf.get(w.id);
      const explanation = pair ? explanationJson(score(candidateById.get(w.id)!, openingById.get(pair.openingId)!, { today: day })) : null;
      return { allocation_id: id, worker_id: w.id, posting_id: pair?.openingId ?? null, score: pair?.score ?? null, explanation: explanation && JSON.stringify(explanation) };
    });
    for (let i = 0; i < entries.length; i += CHUNK)
      await trx
        .insertInto('labor_allocation_entries')
        .values(entries.slice(i, i + CHUNK))
        .execute();
    const row = await allocationQuery(trx).where('a.id', '=', id).executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'labor.allocation.create', entity: 'labor_allocation', entityId: id, orgId: org.id, after: toAllocation(row) });
    return allocationDetail(trx, row);
  });
}
