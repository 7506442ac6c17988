import { sql } from 'kysely';
import type { Retrofit, RetrofitInput, RetrofitKpis, RetrofitPatch, RetrofitQuery } from '@gearbridge/contracts/park';
import { orgInScopeSql, requireInScope, requirePermission, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { invalid, notFound } from '../../../platform/errors';
import { containing, paged } from '../../../platform/db';
import type { DB, Tx } from '../db';
import { m, type Msg } from '../messages';
import { PP } from '../permissions';
import { enterpriseForWrite, iso } from './scope';

/**
 * Smart-retrofit projects (智能化改造): an enterprise's line retrofitted, with budget and subsidy in whole yuan,
 * milestones and the line's figures before and after. Read with park.read over the enterprise's organisation;
 * filed and edited with park.apply there (the enterprise itself, or the park officer for the district).
 */
type FieldErrors = Record<string, Msg>;

function retrofitQuery(db: Tx) {
  return db
    .selectFrom('park_retrofits as r')
    .innerJoin('park_enterprises as e', 'e.id', 'r.enterprise_id')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .selectAll('r')
    .select(['o.name as enterprise_name', 'e.org_id', 'o.region_code'])
    .select([
      sql<string>`r.budget_yuan::text`.as('budget'),
      sql<string>`r.subsidy_yuan::text`.as('subsidy'),
      sql<string | null>`r.yield_before::text`.as('yield_b'),
      sql<string | null>`r.yield_after::text`.as('yield_a'),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof retrofitQuery>['executeTakeFirstOrThrow']>>;

/** '97.5000' → '97.5': the percentage as it was given (trailing zeros of the numeric column dropped). */
const trimPct = (v: string | null) => (v === null ? null : v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

async function toRetrofits(db: Tx, rows: Row[]): Promise<Retrofit[]> {
  const ids = rows.map((r) => r.id);
  const ms = ids.length ? await db.selectFrom('park_retrofit_milestones').selectAll().where('retrofit_id', 'in', ids).orderBy('retrofit_id').orderBy('position').execute() : [];
  return rows.map((r) => ({
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    orgId: r.org_id,
    name: r.name,
    scope: r.scope,
    budget: r.budget,
    subsidy: r.subsidy,
    status: r.status,
    startedOn: r.started_on,
    completedOn: r.completed_on,
    before: { outputPerShift: r.output_before, yieldPct: trimPct(r.yield_b), staffPerLine: r.staff_before },
    after: { outputPerShift: r.output_after, yieldPct: trimPct(r.yield_a), staffPerLine: r.staff_after },
    milestones: ms.filter((x) => x.retrofit_id === r.id).map((x) => ({ name: x.name, dueOn: x.due_on, doneOn: x.done_on })),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

export async function listRetrofits(db: DB, actor: Actor, f: RetrofitQuery): Promise<{ items: Retrofit[]; total: number }> {
  requirePermission(actor, PP.read);
  let q = retrofitQuery(db).where(orgInScopeSql(scopeOf(actor, PP.read), 'o'));
  if (f.enterpriseId) q = q.where('r.enterprise_id', '=', f.enterpriseId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('r.name', 'ilike', like), eb('o.name', 'ilike', like), eb('r.scope', 'ilike', like)]));
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('r.started_on', 'desc').orderBy('r.name').orderBy('r.id'));
  return { items: await toRetrofits(db, rows), total };
}

async function loadRetrofit(db: Tx, actor: Actor, id: string, permission: string) {
  requirePermission(actor, permission);
  const row = await retrofitQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('park.retrofit.not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.region_code });
  return row;
}
export const getRetrofit = async (db: Tx, actor: Actor, id: string) => (await toRetrofits(db, [await loadRetrofit(db, actor, id, PP.read)]))[0];

const kpiColumns = (k: RetrofitKpis | undefined, side: 'before' | 'after') =>
  k === undefined
    ? {}
    : side === 'before'
      ? { output_before: k.outputPerShift ?? null, yield_before: k.yieldPct ?? null, staff_before: k.staffPerLine ?? null }
      : { output_after: k.outputPerShift ?? null, yield_after: k.yieldPct ?? null, staff_after: k.staffPerLine ?? null };

/** The rules the schema cannot see alone: a subsidy within the budget, completion not before the start, milestones' days. */
function check(v: { budget: string; subsidy: string; startedOn: string | null; completedOn: string | null; milestones: { dueOn: string; doneOn?: string | null }[] }) {
  const errors: FieldErrors = {};
  if (BigInt(v.subsidy) > BigInt(v.budget)) errors.subsidy = m('park.retrofit.field_subsidy_over_budget');
  if (v.startedOn && v.completedOn && v.completedOn < v.startedOn) errors.completedOn = m('park.retrofit.field_completed_before_start');
  if (Object.keys(errors).length) throw invalid(m('park.retrofit.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
}

async function writeMilestones(trx: Tx, id: string, ms: RetrofitInput['milestones']) {
  await trx.deleteFrom('park_retrofit_milestones').where('retrofit_id', '=', id).execute();
  if (ms?.length)
    await trx
      .insertInto('park_retrofit_milestones')
      .values(ms.map((x, i) => ({ retrofit_id: id, position: i + 1, name: x.name, due_on: x.dueOn, done_on: x.doneOn ?? null })))
      .execute();
}

export async function createRetrofit(db: DB, actor: Actor, input: RetrofitInput): Promise<Retrofit> {
  const e = await enterpriseForWrite(db, actor, input.enterpriseId, PP.apply);
  const v = { budget: input.budget, subsidy: input.subsidy ?? '0', startedOn: input.startedOn ?? null, completedOn: input.completedOn ?? null, milestones: input.milestones ?? [] };
  check(v);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('park_retrofits')
      .values({
        enterprise_id: e.id,
        name: input.name,
        scope: input.scope,
        budget_yuan: v.budget,
        subsidy_yuan: v.subsidy,
        status: input.status ?? 'planned',
        started_on: v.startedOn,
        completed_on: v.completedOn,
        ...kpiColumns(input.before, 'before'),
        ...kpiColumns(input.after, 'after'),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeMilestones(trx, id, v.milestones);
    const after = await getRetrofit(trx, actor, id);
    await writeAudit(trx, actor, { action: 'park.retrofit.create', entity: 'park_retrofit', entityId: id, orgId: e.org_id, after });
    return after;
  });
}

export async function updateRetrofit(db: DB, actor: Actor, id: string, p: RetrofitPatch): Promise<Retrofit> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('park_retrofits').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await loadRetrofit(trx, actor, id, PP.apply);
    const before = (await toRetrofits(trx, [row]))[0];
    check({
      budget: p.budget ?? before.budget,
      subsidy: p.subsidy ?? before.subsidy,
      startedOn: p.startedOn !== undefined ? p.startedOn : before.startedOn,
      completedOn: p.completedOn !== undefined ? p.completedOn : before.completedOn,
      milestones: p.milestones ?? before.milestones,
    });
    await trx
      .updateTable('park_retrofits')
      .set({
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.scope !== undefined ? { scope: p.scope } : {}),
        ...(p.budget !== undefined ? { budget_yuan: p.budget } : {}),
        ...(p.subsidy !== undefined ? { subsidy_yuan: p.subsidy } : {}),
        ...(p.status !== undefined ? { status: p.status } : {}),
        ...(p.startedOn !== undefined ? { started_on: p.startedOn } : {}),
        ...(p.completedOn !== undefined ? { completed_on: p.completedOn } : {}),
        ...kpiColumns(p.before, 'before'),
        ...kpiColumns(p.after, 'after'),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    if (p.milestones) await writeMilestones(trx, id, p.milestones);
    const after = await getRetrofit(trx, actor, id);
    await writeAudit(trx, actor, { action: 'park.retrofit.update', entity: 'park_retrofit', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}
