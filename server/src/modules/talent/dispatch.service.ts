import { sql, type SqlBool } from 'kysely';
import {
  titleLevel,
  type Demand,
  type DemandCandidate,
  type DemandInput,
  type DemandQuery,
  type Dispatch,
  type DispatchDecision,
  type DispatchInput,
  type DispatchQuery,
  type MatchItem,
  type Side,
} from '@gearbridge/contracts/talent';
import { rankQualified, scoreQualification, type QualifiedCandidate, type QualifiedNeed, type QualificationScore } from '../../shared/matching';
import { inScope, orgInScopeSql, requirePermission, scopeOf, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { paged } from '../../platform/db';
import { conflict, forbidden, fromUniqueViolation, invalid, notFound } from '../../platform/errors';
import { localDay } from '../../platform/time';
import { regionPrefix } from '@gearbridge/contracts/regions';
import { loadPartnerships, ownSql, readScope, sideOf, type PartnershipRow } from './partnership.service';
import { loadOwnPerson } from './people.service';
import { ownOrg } from './activities.service';
import { fromOverlap, lockPerson } from './secondments.service';
import { TP } from './permissions';
import type { DB, Transaction, Tx } from './db';
import { m, type Msg } from './messages';

/**
 * Order-based dispatch (订单式选派, docs/talent.md): a host institution posts a demand list; the partner side's
 * professionals are ranked for each item by the shared engine's qualification score (shared/matching); the partner
 * issues dispatch orders; the sending unit approves them, and an approval records the term as a secondment.
 */

type FieldErrors = Record<string, Msg>;
const fail = (errors: FieldErrors) => invalid(m('talent.field.invalid', { fields: Object.keys(errors).join(', ') }), errors);
const other = (s: Side): Side => (s === 'west' ? 'east' : 'west');
/** Is the actor's scope for `permission` over the organisation? (false when it lacks the permission). */
function reaches(actor: Actor, permission: string, org: { id: string; regionCode: string }) {
  try {
    return inScope(scopeOf(actor, permission), org);
  } catch {
    return false;
  }
}

// ---- demands ------------------------------------------------------------------------------------------

function demandQuery(db: Tx, actor: Actor) {
  return db
    .selectFrom('talent_demands as d')
    .innerJoin('organisations as o', 'o.id', 'd.org_id')
    .leftJoin('talent_programmes as g', 'g.id', 'd.programme_id')
    .select([
      'd.id',
      'd.org_id',
      'o.name as org_name',
      'o.region_code as org_region_code',
      'd.title',
      'd.sector',
      'd.specialties',
      'd.min_level',
      'd.headcount',
      'd.starts_on',
      'd.ends_on',
      'd.goals',
      'd.programme_id',
      'g.name as programme_name',
      'd.created_at',
      ownSql(actor, TP.read, 'o').as('own'),
      sql<number>`(select count(*) from talent_dispatches x where x.demand_id = d.id and x.status = 'approved')::int`.as('approved'),
      sql<number>`(select count(*) from talent_dispatches x where x.demand_id = d.id and x.status = 'pending')::int`.as('pending'),
      // The specialties of the people ordered (pending or approved): what is covered so far.
      sql<string[]>`array(select distinct sp from talent_dispatches x join talent_people pp on pp.id = x.person_id
        cross join unnest(pp.specialties) sp where x.demand_id = d.id and x.status <> 'declined')`.as('covered'),
    ]);
}
type DemandRow = Awaited<ReturnType<ReturnType<typeof demandQuery>['executeTakeFirstOrThrow']>>;

/** The SQL of a fulfilment state, over demandQuery's columns. */
const fulfilmentSql = {
  open: sql<SqlBool>`not exists (select 1 from talent_dispatches x where x.demand_id = d.id and x.status = 'approved')`,
  fulfilled: sql<SqlBool>`(select count(*) from talent_dispatches x where x.demand_id = d.id and x.status = 'approved') >= d.headcount`,
  partial: sql<SqlBool>`(select count(*) from talent_dispatches x where x.demand_id = d.id and x.status = 'approved') between 1 and d.headcount - 1`,
};

const related = (a: string, b: string) => a === b || a.includes(b) || b.includes(a);

function toDemand(pairs: Omit<PartnershipRow, 'id'>[], r: DemandRow): Demand {
  const missing = Math.max(0, r.headcount - r.approved);
  const covered = r.covered ?? [];
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    side: sideOf(pairs, r.org_region_code) ?? 'west',
    access: r.own ? 'own' : 'partner',
    title: r.title,
    sector: r.sector,
    specialties: r.specialties,
    minLevel: r.min_level,
    headcount: r.headcount,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    goals: r.goals,
    programmeId: r.programme_id,
    programmeName: r.programme_name,
    approved: r.approved,
    pending: r.pending,
    missing,
    fulfilment: r.approved === 0 ? 'open' : missing === 0 ? 'fulfilled' : 'partial',
    missingSpecialties: r.specialties.filter((s) => !covered.some((c) => related(c, s))),
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function listDemands(db: DB, actor: Actor, f: DemandQuery): Promise<{ items: Demand[]; total: number }> {
  const scope = await readScope(db, actor);
  let q = demandQuery(db, actor).where(orgInScopeSql(scope, 'o'));
  if (f.fulfilment) q = q.where(fulfilmentSql[f.fulfilment]);
  if (f.sector) q = q.where('d.sector', '=', f.sector);
  if (f.orgId) q = q.where('d.org_id', '=', f.orgId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<SqlBool>`(d.title like ${like} or o.name like ${like} or exists (select 1 from unnest(d.specialties) s where s like ${like}))`);
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('d.starts_on', 'desc').orderBy('d.id'));
  const pairs = await loadPartnerships(db);
  return { items: rows.map((r) => toDemand(pairs, r)), total };
}

async function loadDemand(db: Tx, actor: Actor, id: string) {
  const scope = await readScope(db, actor);
  const row = await demandQuery(db, actor).select(orgInScopeSql(scope, 'o').as('readable')).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('talent.demand.not_found'));
  if (!row.readable) throw forbidden(m('talent.demand.out_of_scope'));
  return row;
}

export async function getDemand(db: Tx, actor: Actor, id: string): Promise<Demand> {
  return toDemand(await loadPartnerships(db), await loadDemand(db, actor, id));
}

/** A host institution posts its own demand (talent.edit over it); an officer may post for an institution in scope. */
export async function createDemand(db: DB, actor: Actor, input: DemandInput): Promise<Demand> {
  const org = await ownOrg(db, actor, input.orgId ?? actor.orgId);
  const errors: FieldErrors = {};
  if (!sideOf(await loadPartnerships(db), org.region_code)) errors.orgId = m('talent.org.field_not_in_partnership');
  if (input.endsOn < input.startsOn) errors.endsOn = m('talent.field.on_or_after', { date: input.startsOn });
  if (input.programmeId && !(await db.selectFrom('talent_programmes').select('id').where('id', '=', input.programmeId).executeTakeFirst()))
    errors.programmeId = m('talent.secondment.unknown_programme');
  if (Object.keys(errors).length) throw fail(errors);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('talent_demands')
      .values({
        org_id: org.id,
        title: input.title,
        sector: input.sector,
        specialties: [...new Set(input.specialties)],
        min_level: input.minLevel ?? null,
        headcount: input.headcount,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        goals: input.goals,
        programme_id: input.programmeId ?? null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = await getDemand(trx, actor, id);
    await writeAudit(trx, actor, { action: 'talent.demand.create', entity: 'talent_demand', entityId: id, orgId: org.id, after });
    return after;
  });
}

// ---- ranking ------------------------------------------------------------------------------------------

const needOf = (d: DemandRow): QualifiedNeed => ({
  id: d.id,
  specialties: d.specialties,
  minLevel: d.min_level,
  startsOn: d.starts_on,
  endsOn: d.ends_on,
  open: d.headcount - d.approved - d.pending,
});

/**
 * The partner side's professionals of the demand's sector that the actor reads, as the engine's candidates: title
 * level, availability as recorded, terms held (secondments) and promised (pending orders) as busy spans, and the
 * terms served before the demand's start as past assignments.
 */
async function candidatesFor(db: Tx, actor: Actor, d: DemandRow, personId?: string) {
  const pairs = await loadPartnerships(db);
  const side = sideOf(pairs, d.org_region_code);
  if (!side) return [];
  const codes = [...new Set(pairs.map((p) => (side === 'west' ? p.east_region_code : p.west_region_code)))];
  const scope = await readScope(db, actor);
  let q = db
    .selectFrom('talent_people as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .where(orgInScopeSql(scope, 'o'))
    .where(
      sql<SqlBool>`(${sql.join(
        codes.map((c) => sql`o.region_code like ${`${regionPrefix(c)}%`}`),
        sql` or `,
      )})`,
    )
    .where('p.kind', '=', 'professional')
    .where('p.sector', '=', d.sector)
    .select([
      'p.id',
      'p.name',
      'p.org_id',
      'o.name as org_name',
      'o.region_code',
      'p.unit',
      'p.title_code',
      'p.specialties',
      'p.availability',
      'p.available_from',
      ownSql(actor, TP.edit, 'o').as('editable'),
      sql<{ from: string; to: string }[]>`coalesce((select json_agg(json_build_object('from', s.starts_on::text, 'to', s.ends_on::text))
        from talent_secondments s where s.person_id = p.id), '[]')`.as('terms'),
      sql<{ from: string; to: string }[]>`coalesce((select json_agg(json_build_object('from', dd.starts_on::text, 'to', dd.ends_on::text))
        from talent_dispatches x join talent_demands dd on dd.id = x.demand_id where x.person_id = p.id and x.status = 'pending'), '[]')`.as('promised'),
      sql<number>`(select count(*) from talent_secondments s where s.person_id = p.id and s.ends_on < ${d.starts_on})::int`.as('past'),
    ]);
  if (personId) q = q.where('p.id', '=', personId);
  const rows = await q.execute();
  return rows.map((r) => ({
    row: r,
    candidate: {
      id: r.id,
      specialties: r.specialties,
      level: titleLevel(r.title_code),
      available: r.availability !== 'unavailable',
      availableFrom: r.available_from,
      busy: [...r.terms, ...r.promised],
      pastAssignments: r.past,
    } satisfies QualifiedCandidate,
  }));
}

const itemsOf = (s: QualificationScore): MatchItem[] => s.items.map((i) => ({ ...i, params: i.params as MatchItem['params'] }));

/** The partner side's professionals for a demand, best first, each score with its explanation. */
export async function rankCandidates(db: DB, actor: Actor, demandId: string, limit: number): Promise<DemandCandidate[]> {
  const d = await loadDemand(db, actor, demandId);
  const pool = await candidatesFor(db, actor, d);
  const byId = new Map(pool.map((p) => [p.row.id, p.row]));
  // Ranked against the places still open; a filled demand ranks as if one were open, so the list stays readable.
  const need = { ...needOf(d), open: Math.max(1, needOf(d).open) };
  return rankQualified(
    pool.map((p) => p.candidate),
    need,
    limit,
  ).map((r) => {
    const p = byId.get(r.candidate.id)!;
    return {
      personId: p.id,
      name: p.name,
      orgName: p.org_name,
      unit: p.unit,
      titleCode: p.title_code as DemandCandidate['titleCode'],
      titleLevel: titleLevel(p.title_code),
      specialties: p.specialties,
      pastDispatches: p.past,
      score: r.score,
      items: itemsOf(r.explanation),
      canIssue: !!p.editable,
    };
  });
}

// ---- dispatch orders ----------------------------------------------------------------------------------

function dispatchQuery(db: Tx, actor: Actor) {
  return db
    .selectFrom('talent_dispatches as x')
    .innerJoin('talent_demands as d', 'd.id', 'x.demand_id')
    .innerJoin('organisations as h', 'h.id', 'd.org_id')
    .innerJoin('talent_people as p', 'p.id', 'x.person_id')
    .innerJoin('organisations as o', 'o.id', 'x.org_id')
    .leftJoin('users as ui', 'ui.id', 'x.issued_by')
    .leftJoin('users as ud', 'ud.id', 'x.decided_by')
    .leftJoin('talent_secondments as s', 's.id', 'x.secondment_id')
    .select([
      'x.id',
      'x.demand_id',
      'd.title as demand_title',
      'h.name as host_org_name',
      'x.person_id',
      'p.name as person_name',
      'x.org_id',
      'o.name as org_name',
      'o.region_code as org_region_code',
      'x.status',
      'x.score',
      'x.explanation',
      'x.note',
      'x.issued_by',
      'ui.display_name as issued_by_name',
      'x.issued_at',
      'ud.display_name as decided_by_name',
      'x.decided_at',
      'x.decision_note',
      'x.secondment_id',
      sql<string>`coalesce(s.starts_on, d.starts_on)::text`.as('starts_on'),
      sql<string>`coalesce(s.ends_on, d.ends_on)::text`.as('ends_on'),
      ownSql(actor, TP.approve, 'o').as('approvable'),
    ]);
}
type DispatchRow = Awaited<ReturnType<ReturnType<typeof dispatchQuery>['executeTakeFirstOrThrow']>>;

function toDispatch(actor: Actor, r: DispatchRow): Dispatch {
  const today = localDay();
  const explanation = (typeof r.explanation === 'string' ? JSON.parse(r.explanation) : r.explanation) as QualificationScore;
  return {
    id: r.id,
    demandId: r.demand_id,
    demandTitle: r.demand_title,
    hostOrgName: r.host_org_name,
    personId: r.person_id,
    personName: r.person_name,
    sendingOrgId: r.org_id,
    sendingOrgName: r.org_name,
    status: r.status,
    score: r.score,
    items: itemsOf(explanation),
    note: r.note,
    issuedByName: r.issued_by_name,
    issuedAt: new Date(r.issued_at).toISOString(),
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decisionNote: r.decision_note,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    termState: r.status !== 'approved' ? null : r.starts_on > today ? 'planned' : r.ends_on < today ? 'ended' : 'active',
    secondmentId: r.secondment_id,
    canDecide: r.status === 'pending' && !!r.approvable && r.issued_by !== actor.userId,
  };
}

/** Orders the actor reads: those for a demand of an organisation it reads, or sending a person it reads. */
export async function listDispatches(db: DB, actor: Actor, f: DispatchQuery): Promise<{ items: Dispatch[]; total: number }> {
  const scope = await readScope(db, actor);
  let q = dispatchQuery(db, actor).where((eb) => eb.or([orgInScopeSql(scope, 'h'), orgInScopeSql(scope, 'o')]));
  if (f.demandId) q = q.where('x.demand_id', '=', f.demandId);
  if (f.status) q = q.where('x.status', '=', f.status);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<SqlBool>`(p.name like ${like} or d.title like ${like} or h.name like ${like})`);
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy(sql`case when x.status = 'pending' then 0 else 1 end`).orderBy('x.issued_at', 'desc').orderBy('x.id'));
  return { items: rows.map((r) => toDispatch(actor, r)), total };
}

async function loadDispatch(db: Tx, actor: Actor, id: string) {
  const scope = await readScope(db, actor);
  const row = await dispatchQuery(db, actor)
    .select((eb) => eb.or([orgInScopeSql(scope, 'h'), orgInScopeSql(scope, 'o')]).as('readable'))
    .where('x.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(m('talent.dispatch.not_found'));
  if (!row.readable) throw forbidden(m('talent.dispatch.out_of_scope'));
  return row;
}

export const getDispatch = async (db: Tx, actor: Actor, id: string) => toDispatch(actor, await loadDispatch(db, actor, id));

const duplicateOrder = () => conflict(m('talent.dispatch.duplicate'), { personId: m('talent.dispatch.duplicate') });
const lockDemand = (trx: Transaction, id: string) => trx.selectFrom('talent_demands').select('id').where('id', '=', id).forUpdate().execute();

/**
 * The partner side orders one of its professionals for a demand (talent.edit over the person's organisation). The
 * person must be of the host's partner region and fit (the engine excludes nobody it would rank); the demand must
 * have a place neither approved nor promised.
 */
export async function issueDispatch(db: DB, actor: Actor, demandId: string, input: DispatchInput): Promise<Dispatch> {
  requirePermission(actor, TP.edit);
  return db.transaction().execute(async (trx) => {
    await lockDemand(trx, demandId);
    const d = await loadDemand(trx, actor, demandId);
    const person = await loadOwnPerson(trx, actor, input.personId);
    const pairs = await loadPartnerships(trx);
    const hostSide = sideOf(pairs, d.org_region_code);
    if (!hostSide || sideOf(pairs, person.org_region_code) !== other(hostSide)) throw fail({ personId: m('talent.dispatch.not_partner') });
    if (person.kind !== 'professional') throw fail({ personId: m('talent.dispatch.not_professional') });
    const need = needOf(d);
    if (need.open <= 0) throw conflict(m('talent.demand.filled', { headcount: d.headcount }));
    const live = await trx
      .selectFrom('talent_dispatches')
      .select('id')
      .where('demand_id', '=', d.id)
      .where('person_id', '=', person.id)
      .where('status', '<>', 'declined')
      .executeTakeFirst();
    if (live) throw duplicateOrder();
    const [c] = await candidatesFor(trx, actor, d, person.id);
    const explanation = c ? scoreQualification(c.candidate, need) : null;
    if (!explanation || explanation.excluded) {
      const reasons = explanation ? explanation.exclusions.map((e) => e.code).join(', ') : 'sector';
      throw invalid(m('talent.dispatch.excluded', { reasons }), { personId: m('talent.dispatch.field_excluded') });
    }
    let id: string;
    try {
      ({ id } = await trx
        .insertInto('talent_dispatches')
        .values({
          demand_id: d.id,
          person_id: person.id,
          org_id: person.org_id,
          score: explanation.total,
          explanation: JSON.stringify(explanation),
          note: input.note || null,
          issued_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (err) {
      throw fromUniqueViolation(err, { talent_dispatches_live_key: 'personId' }) ? duplicateOrder() : err;
    }
    const after = await getDispatch(trx, actor, id);
    await writeAudit(trx, actor, { action: 'talent.dispatch.issue', entity: 'talent_dispatch', entityId: id, orgId: person.org_id, after });
    return after;
  });
}

/**
 * The sending unit approves or declines an order (talent.approve over the person's organisation; not the user who
 * issued it). An approval records the term — the demand's dates, host and programme — as a secondment, under the
 * person's row lock, so it cannot overlap another term (409).
 */
export async function decideDispatch(db: DB, actor: Actor, id: string, input: DispatchDecision): Promise<Dispatch> {
  requirePermission(actor, TP.approve);
  return db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('talent_dispatches').select(['demand_id', 'person_id']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!locked) throw notFound(m('talent.dispatch.not_found'));
    await lockDemand(trx, locked.demand_id);
    const row = await loadDispatch(trx, actor, id);
    if (!reaches(actor, TP.approve, { id: row.org_id, regionCode: row.org_region_code })) throw forbidden(m('talent.dispatch.not_sender'));
    if (row.issued_by === actor.userId) throw forbidden(m('talent.dispatch.own_order'));
    if (row.status !== 'pending') throw conflict(m('talent.dispatch.decided', { status: row.status }));
    const before = toDispatch(actor, row);
    let secondmentId: string | null = null;
    if (input.approve) {
      const d = await loadDemand(trx, actor, row.demand_id);
      if (d.approved >= d.headcount) throw conflict(m('talent.demand.filled', { headcount: d.headcount }));
      await lockPerson(trx, row.person_id);
      const clash = await trx
        .selectFrom('talent_secondments')
        .select(['starts_on', 'ends_on'])
        .where('person_id', '=', row.person_id)
        .where('starts_on', '<=', d.ends_on)
        .where('ends_on', '>=', d.starts_on)
        .executeTakeFirst();
      if (clash) throw conflict(m('talent.secondment.overlap', { startsOn: clash.starts_on, endsOn: clash.ends_on }));
      const side = sideOf(await loadPartnerships(trx), row.org_region_code);
      try {
        ({ id: secondmentId } = await trx
          .insertInto('talent_secondments')
          .values({
            person_id: row.person_id,
            org_id: row.org_id,
            direction: side === 'west' ? 'west_to_east' : 'east_to_west',
            host_org_id: d.org_id,
            host_unit: d.org_name,
            post: d.title,
            starts_on: d.starts_on,
            ends_on: d.ends_on,
            programme_id: d.programme_id,
            created_by: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow());
      } catch (err) {
        throw fromOverlap(err);
      }
    }
    await trx
      .updateTable('talent_dispatches')
      .set({
        status: input.approve ? 'approved' : 'declined',
        decided_by: actor.userId,
        decided_at: sql<Date>`now()`,
        decision_note: input.note || null,
        secondment_id: secondmentId,
      })
      .where('id', '=', id)
      .execute();
    const after = await getDispatch(trx, actor, id);
    await writeAudit(trx, actor, {
      action: input.approve ? 'talent.dispatch.approve' : 'talent.dispatch.decline',
      entity: 'talent_dispatch',
      entityId: id,
      orgId: row.org_id,
      before,
      after,
    });
    return after;
  });
}
