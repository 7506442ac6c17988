import { sql, type SqlBool } from 'kysely';
import type { MentoringLogInput, Mentorship, MentorshipInput, MentorshipQuery } from '@gearbridge/contracts/talent';
import { orgInScopeSql, requireInScope, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { paged } from '../../platform/db';
import { forbidden, invalid, notFound } from '../../platform/errors';
import { ownOrg } from './activities.service';
import { loadPartnerships, ownSql, readScope, sideOf } from './partnership.service';
import { TP } from './permissions';
import type { DB, Tx } from './db';
import { m, type Msg } from './messages';

/**
 * 传帮带 (docs/talent.md, "Mentoring"): a mentor of the talent pool (either side, read through the partnership),
 * the young staff they bring on (names and units), the progress logs, and the outcomes linked to it. The keeping
 * organisation's side records and logs; the partner reads.
 */
function mentorshipQuery(db: Tx, actor: Actor) {
  return db
    .selectFrom('talent_mentorships as ms')
    .innerJoin('organisations as o', 'o.id', 'ms.org_id')
    .innerJoin('talent_people as p', 'p.id', 'ms.mentor_id')
    .leftJoin('talent_programmes as g', 'g.id', 'ms.programme_id')
    .select([
      'ms.id',
      'ms.org_id',
      'o.name as org_name',
      'o.region_code as org_region_code',
      'ms.mentor_id',
      'p.name as mentor_name',
      'p.unit as mentor_unit',
      'ms.sector',
      'ms.direction',
      'ms.starts_on',
      'ms.ends_on',
      'ms.goals',
      'g.name as programme_name',
      ownSql(actor, TP.read, 'o').as('own'),
      sql<{ id: string; name: string; unit: string }[]>`coalesce((select json_agg(json_build_object('id', e.id, 'name', e.name, 'unit', e.unit) order by e.created_at, e.name, e.id)
        from talent_mentees e where e.mentorship_id = ms.id), '[]')`.as('mentees'),
      sql<
        { id: string; loggedOn: string; summary: string }[]
      >`coalesce((select json_agg(json_build_object('id', l.id, 'loggedOn', l.logged_on::text, 'summary', l.summary) order by l.logged_on, l.id)
        from talent_mentoring_logs l where l.mentorship_id = ms.id), '[]')`.as('logs'),
      sql<
        { id: string; title: string; achievedOn: string }[]
      >`coalesce((select json_agg(json_build_object('id', x.id, 'title', x.title, 'achievedOn', x.achieved_on::text) order by x.achieved_on, x.id)
        from talent_outcomes x where x.mentorship_id = ms.id and x.org_id = ms.org_id), '[]')`.as('outcomes'),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof mentorshipQuery>['executeTakeFirstOrThrow']>>;

const toMentorship = (r: Row): Mentorship => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  access: r.own ? 'own' : 'partner',
  mentorId: r.mentor_id,
  mentorName: r.mentor_name,
  mentorUnit: r.mentor_unit,
  sector: r.sector,
  direction: r.direction,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  goals: r.goals,
  programmeName: r.programme_name,
  mentees: r.mentees,
  logs: r.logs,
  outcomes: r.outcomes,
});

export async function listMentorships(db: DB, actor: Actor, f: MentorshipQuery): Promise<{ items: Mentorship[]; total: number }> {
  const scope = await readScope(db, actor);
  let q = mentorshipQuery(db, actor).where(orgInScopeSql(scope, 'o'));
  if (f.sector) q = q.where('ms.sector', '=', f.sector);
  if (f.direction) q = q.where('ms.direction', '=', f.direction);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<SqlBool>`(p.name like ${like} or o.name like ${like} or exists (select 1 from talent_mentees e where e.mentorship_id = ms.id and e.name like ${like}))`);
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('ms.starts_on', 'desc').orderBy('ms.id'));
  return { items: rows.map(toMentorship), total };
}

async function loadMentorship(db: Tx, actor: Actor, id: string) {
  const scope = await readScope(db, actor);
  const row = await mentorshipQuery(db, actor).select(orgInScopeSql(scope, 'o').as('readable')).where('ms.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('talent.mentorship.not_found'));
  if (!row.readable) throw forbidden(m('talent.mentorship.out_of_scope'));
  return row;
}

export async function createMentorship(db: DB, actor: Actor, input: MentorshipInput): Promise<Mentorship> {
  const org = await ownOrg(db, actor, input.orgId ?? actor.orgId);
  const scope = await readScope(db, actor);
  const mentor = await db
    .selectFrom('talent_people as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .select(['o.region_code', 'p.sector', orgInScopeSql(scope, 'o').as('readable')])
    .where('p.id', '=', input.mentorId)
    .executeTakeFirst();
  if (!mentor?.readable) throw invalid(m('talent.field.invalid', { fields: 'mentorId' }), { mentorId: m('talent.person.field_unknown') });
  // The statistics count mentees by direction and sector: both follow the mentor, not what a form sent.
  const side = sideOf(await loadPartnerships(db), mentor.region_code);
  const errors: Record<string, Msg> = {};
  if (input.direction !== (side === 'east' ? 'east_to_west' : 'west_to_east')) errors.direction = m('talent.mentorship.field_direction_of_mentor');
  if (input.sector !== mentor.sector) errors.sector = m('talent.mentorship.field_sector_of_mentor');
  if (Object.keys(errors).length) throw invalid(m('talent.field.invalid', { fields: Object.keys(errors).join(', ') }), errors);
  if (input.endsOn && input.endsOn < input.startsOn)
    throw invalid(m('talent.field.invalid', { fields: 'endsOn' }), { endsOn: m('talent.field.on_or_after', { date: input.startsOn }) });
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('talent_mentorships')
      .values({
        org_id: org.id,
        mentor_id: input.mentorId,
        sector: input.sector,
        direction: input.direction,
        starts_on: input.startsOn,
        ends_on: input.endsOn ?? null,
        goals: input.goals,
        programme_id: input.programmeId ?? null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('talent_mentees')
      .values(input.mentees.map((e) => ({ mentorship_id: id, name: e.name, unit: e.unit })))
      .execute();
    const after = toMentorship(await loadMentorship(trx, actor, id));
    await writeAudit(trx, actor, { action: 'talent.mentorship.create', entity: 'talent_mentorship', entityId: id, orgId: org.id, after });
    return after;
  });
}

/** A progress log, by the keeping side. */
export async function addMentoringLog(db: DB, actor: Actor, id: string, input: MentoringLogInput): Promise<Mentorship> {
  return db.transaction().execute(async (trx) => {
    const row = await loadMentorship(trx, actor, id);
    try {
      requireInScope(actor, TP.edit, { id: row.org_id, regionCode: row.org_region_code });
    } catch {
      throw forbidden(m('talent.person.partner_read_only'));
    }
    if (input.loggedOn < row.starts_on) throw invalid(m('talent.field.invalid', { fields: 'loggedOn' }), { loggedOn: m('talent.field.on_or_after', { date: row.starts_on }) });
    await trx.insertInto('talent_mentoring_logs').values({ mentorship_id: id, logged_on: input.loggedOn, summary: input.summary, created_by: actor.userId }).execute();
    const after = toMentorship(await loadMentorship(trx, actor, id));
    await writeAudit(trx, actor, { action: 'talent.mentorship.log', entity: 'talent_mentorship', entityId: id, orgId: row.org_id, after: input });
    return after;
  });
}
