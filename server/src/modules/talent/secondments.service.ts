import { sql, type SqlBool } from 'kysely';
import type { Secondment, SecondmentInput, SecondmentPatch, SecondmentQuery, SecondmentReport, SecondmentReportInput } from '@gearbridge/contracts/talent';
import { inScope, orgInScopeSql, scopeOf, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { paged } from '../../platform/db';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors';
import { localDay, localTodaySql } from '../../platform/time';
import { loadPartnerships, ownSql, readScope, sideOf } from './partnership.service';
import { loadOwnPerson } from './people.service';
import { TP } from './permissions';
import type { DB, Direction, Transaction, Tx } from './db';
import { m, type Msg } from './messages';

type FieldErrors = Record<string, Msg>;
const fail = (errors: FieldErrors) => invalid(m('talent.field.invalid', { fields: Object.keys(errors).join(', ') }), errors);

function secondmentQuery(db: Tx, actor: Actor) {
  return db
    .selectFrom('talent_secondments as s')
    .innerJoin('talent_people as p', 'p.id', 's.person_id')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .leftJoin('talent_programmes as g', 'g.id', 's.programme_id')
    .select([
      's.id',
      's.person_id',
      'p.name as person_name',
      'p.kind as person_kind',
      'p.sector',
      's.org_id',
      'p.unit as home_unit',
      'o.name as home_org_name',
      'o.region_code as org_region_code',
      's.direction',
      's.host_org_id',
      's.host_unit',
      's.post',
      's.starts_on',
      's.ends_on',
      's.programme_id',
      'g.name as programme_name',
      's.note',
      sql<number>`(s.ends_on - ${localTodaySql})`.as('days_left'),
      sql<number>`(select count(*) from talent_secondment_reports r where r.secondment_id = s.id)::int`.as('report_count'),
      ownSql(actor, TP.read, 'o').as('own'),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof secondmentQuery>['executeTakeFirstOrThrow']>>;

const toSecondment = (r: Row): Secondment => {
  const today = localDay();
  return {
    id: r.id,
    personId: r.person_id,
    personName: r.person_name,
    personKind: r.person_kind,
    sector: r.sector,
    orgId: r.org_id,
    homeUnit: r.home_unit,
    homeOrgName: r.home_org_name,
    side: r.direction === 'west_to_east' ? 'west' : 'east',
    access: r.own ? 'own' : 'partner',
    direction: r.direction,
    hostOrgId: r.host_org_id,
    hostUnit: r.host_unit,
    post: r.post,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    daysLeft: Number(r.days_left),
    state: r.starts_on > today ? 'planned' : r.ends_on < today ? 'ended' : 'active',
    programmeId: r.programme_id,
    programmeName: r.programme_name,
    reportCount: r.report_count,
    note: r.note,
  };
};

export async function listSecondments(db: DB, actor: Actor, f: SecondmentQuery): Promise<{ items: Secondment[]; total: number }> {
  const scope = await readScope(db, actor);
  let q = secondmentQuery(db, actor).where(orgInScopeSql(scope, 'o'));
  if (f.direction) q = q.where('s.direction', '=', f.direction);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.personId) q = q.where('s.person_id', '=', f.personId);
  if (f.year) q = q.where(sql<SqlBool>`extract(year from s.starts_on) = ${f.year}`);
  if (f.active === 'true') q = q.where(sql<SqlBool>`${localTodaySql} between s.starts_on and s.ends_on`);
  if (f.active === 'false') q = q.where(sql<SqlBool>`not (${localTodaySql} between s.starts_on and s.ends_on)`);
  // The officer's reminder: terms under way that end within N days (today included).
  if (f.endingWithin !== undefined) {
    q = q.where(sql<SqlBool>`(s.starts_on <= ${localTodaySql} and s.ends_on between ${localTodaySql} and ${localTodaySql} + ${f.endingWithin}::int)`);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<SqlBool>`(p.name like ${like} or s.host_unit like ${like} or s.post like ${like} or p.unit like ${like})`);
  }
  const order = f.endingWithin !== undefined ? (b: typeof q) => b.orderBy('s.ends_on').orderBy('s.id') : (b: typeof q) => b.orderBy('s.starts_on', 'desc').orderBy('s.id');
  const { rows, total } = await paged(q, f, order);
  return { items: rows.map(toSecondment), total };
}

async function loadSecondment(db: Tx, actor: Actor, id: string) {
  const scope = await readScope(db, actor);
  const row = await secondmentQuery(db, actor).select(orgInScopeSql(scope, 'o').as('readable')).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('talent.secondment.not_found'));
  if (!row.readable) throw forbidden(m('talent.secondment.out_of_scope'));
  return row;
}

export const getSecondment = async (db: Tx, actor: Actor, id: string) => toSecondment(await loadSecondment(db, actor, id));

interface Term {
  hostOrgId?: string | null;
  startsOn: string;
  endsOn: string;
  programmeId?: string | null;
}

/** Field checks of a term against the person's side; returns the direction the term goes. */
async function checkTerm(trx: Tx, personRegion: string, t: Term, errors: FieldErrors): Promise<Direction | null> {
  const pairs = await loadPartnerships(trx);
  const side = sideOf(pairs, personRegion);
  if (t.endsOn < t.startsOn) errors.endsOn = m('talent.field.on_or_after', { date: t.startsOn });
  if (t.hostOrgId) {
    const host = await trx.selectFrom('organisations').select('region_code').where('id', '=', t.hostOrgId).executeTakeFirst();
    if (!host) errors.hostOrgId = m('talent.org.field_unknown');
    else if (!side || sideOf(pairs, host.region_code) !== (side === 'west' ? 'east' : 'west')) errors.hostOrgId = m('talent.secondment.host_not_partner');
  }
  if (t.programmeId) {
    const g = await trx.selectFrom('talent_programmes').select('id').where('id', '=', t.programmeId).executeTakeFirst();
    if (!g) errors.programmeId = m('talent.secondment.unknown_programme');
  }
  if (!side) errors.personId = m('talent.org.field_not_in_partnership');
  return side === 'west' ? 'west_to_east' : side === 'east' ? 'east_to_west' : null;
}

/**
 * Refuses a term that overlaps another of the same person, with the other term's dates on both date fields. The
 * caller holds the person's row lock (loadOwnPerson … for update), and the table's trigger checks again, so two
 * requests at once cannot both pass.
 */
async function checkOverlap(trx: Transaction, personId: string, t: Term, exceptId: string | null) {
  let q = trx
    .selectFrom('talent_secondments')
    .select(['starts_on', 'ends_on'])
    .where('person_id', '=', personId)
    .where('starts_on', '<=', t.endsOn)
    .where('ends_on', '>=', t.startsOn);
  if (exceptId) q = q.where('id', '<>', exceptId);
  const other = await q.orderBy('starts_on').executeTakeFirst();
  if (other) throw overlap(other.starts_on, other.ends_on);
}
const overlap = (startsOn: string, endsOn: string) =>
  conflict(m('talent.secondment.overlap', { startsOn, endsOn }), {
    startsOn: m('talent.secondment.field_overlap', { startsOn, endsOn }),
    endsOn: m('talent.secondment.field_overlap', { startsOn, endsOn }),
  });
/** The database's own refusal (trigger talent_secondments_no_overlap), should a check above ever be bypassed. */
export const fromOverlap = (err: unknown) => ((err as { code?: string })?.code === '23P01' ? conflict(m('talent.secondment.overlap', { startsOn: '', endsOn: '' })) : err);

export const lockPerson = (trx: Transaction, personId: string) => trx.selectFrom('talent_people').select('id').where('id', '=', personId).forUpdate().execute();

export async function createSecondment(db: DB, actor: Actor, input: SecondmentInput): Promise<Secondment> {
  return db.transaction().execute(async (trx) => {
    const person = await loadOwnPerson(trx, actor, input.personId);
    await lockPerson(trx, person.id);
    const errors: FieldErrors = {};
    const direction = await checkTerm(trx, person.org_region_code, input, errors);
    if (!direction || Object.keys(errors).length) throw fail(errors);
    await checkOverlap(trx, person.id, input, null);
    let id: string;
    try {
      ({ id } = await trx
        .insertInto('talent_secondments')
        .values({
          person_id: person.id,
          org_id: person.org_id,
          direction,
          host_org_id: input.hostOrgId ?? null,
          host_unit: input.hostUnit,
          post: input.post,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          programme_id: input.programmeId ?? null,
          note: input.note || null,
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (err) {
      throw fromOverlap(err);
    }
    const after = await getSecondment(trx, actor, id);
    await writeAudit(trx, actor, { action: 'talent.secondment.create', entity: 'talent_secondment', entityId: id, orgId: person.org_id, after });
    return after;
  });
}

/** The owning side's edit right over a secondment (its person's organisation). */
function requireOwner(actor: Actor, row: { org_id: string; org_region_code: string }) {
  let ok = false;
  try {
    ok = inScope(scopeOf(actor, TP.edit), { id: row.org_id, regionCode: row.org_region_code });
  } catch {}
  if (!ok) throw forbidden(m('talent.person.partner_read_only'));
}

export async function updateSecondment(db: DB, actor: Actor, id: string, p: SecondmentPatch): Promise<Secondment> {
  return db.transaction().execute(async (trx) => {
    const row = await loadSecondment(trx, actor, id);
    requireOwner(actor, row);
    await lockPerson(trx, row.person_id);
    const before = toSecondment(row);
    const term: Term = {
      hostOrgId: p.hostOrgId !== undefined ? p.hostOrgId : row.host_org_id,
      startsOn: p.startsOn ?? row.starts_on,
      endsOn: p.endsOn ?? row.ends_on,
      programmeId: p.programmeId !== undefined ? p.programmeId : row.programme_id,
    };
    const errors: FieldErrors = {};
    await checkTerm(trx, row.org_region_code, term, errors);
    if (Object.keys(errors).length) throw fail(errors);
    await checkOverlap(trx, row.person_id, term, id);
    try {
      await trx
        .updateTable('talent_secondments')
        .set({
          host_org_id: term.hostOrgId ?? null,
          starts_on: term.startsOn,
          ends_on: term.endsOn,
          programme_id: term.programmeId ?? null,
          ...(p.hostUnit !== undefined && { host_unit: p.hostUnit }),
          ...(p.post !== undefined && { post: p.post }),
          ...(p.note !== undefined && { note: p.note || null }),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .execute();
    } catch (err) {
      throw fromOverlap(err);
    }
    const after = await getSecondment(trx, actor, id);
    await writeAudit(trx, actor, { action: 'talent.secondment.update', entity: 'talent_secondment', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

const toReport = (r: {
  id: string;
  secondment_id: string;
  reported_on: string;
  kind: SecondmentReport['kind'];
  summary: string;
  created_by_name: string | null;
  created_at: Date;
}): SecondmentReport => ({
  id: r.id,
  secondmentId: r.secondment_id,
  reportedOn: r.reported_on,
  kind: r.kind,
  summary: r.summary,
  createdByName: r.created_by_name,
  createdAt: new Date(r.created_at).toISOString(),
});

function reportQuery(db: Tx) {
  return db
    .selectFrom('talent_secondment_reports as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select(['r.id', 'r.secondment_id', 'r.reported_on', 'r.kind', 'r.summary', 'u.display_name as created_by_name', 'r.created_at']);
}

export async function listReports(db: DB, actor: Actor, secondmentId: string): Promise<SecondmentReport[]> {
  await loadSecondment(db, actor, secondmentId);
  return (await reportQuery(db).where('r.secondment_id', '=', secondmentId).orderBy('r.reported_on').orderBy('r.created_at').execute()).map(toReport);
}

/** A report during (or at the end of) the term, filed by the sending side or by the host unit. */
export async function addReport(db: DB, actor: Actor, secondmentId: string, input: SecondmentReportInput): Promise<SecondmentReport> {
  return db.transaction().execute(async (trx) => {
    const row = await loadSecondment(trx, actor, secondmentId);
    let host: { id: string; region_code: string } | undefined;
    if (row.host_org_id) host = await trx.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', row.host_org_id).executeTakeFirst();
    let ok = false;
    try {
      const edit = scopeOf(actor, TP.edit);
      ok = inScope(edit, { id: row.org_id, regionCode: row.org_region_code }) || (!!host && inScope(edit, { id: host.id, regionCode: host.region_code }));
    } catch {}
    if (!ok) throw forbidden(m('talent.person.partner_read_only'));
    if (input.reportedOn < row.starts_on) throw fail({ reportedOn: m('talent.field.on_or_after', { date: row.starts_on }) });
    const { id } = await trx
      .insertInto('talent_secondment_reports')
      .values({ secondment_id: secondmentId, reported_on: input.reportedOn, kind: input.kind, summary: input.summary, created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const report = toReport(await reportQuery(trx).where('r.id', '=', id).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, { action: 'talent.secondment.report', entity: 'talent_secondment', entityId: secondmentId, orgId: row.org_id, after: report });
    return report;
  });
}
