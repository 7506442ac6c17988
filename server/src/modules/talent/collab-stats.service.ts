import { sql, type RawBuilder } from 'kysely';
import type { CollabFigures, CollabStats, StatsScope } from '@gearbridge/contracts/talent';
import { orgInScopeSql, scopeOf, type Actor, type Scope } from '../../platform/authz';
import { readScope } from './partnership.service';
import { TP } from './permissions';
import type { DB } from './db';

/**
 * The collaboration's figures by year, direction and sector, each counted from its records over what the actor
 * reads (docs/talent.md, "Statistics"): terms (cadres, professionals), approved dispatch orders, lectures and open
 * classes, distinct people signed in to trainings, mentees. Periods are calendar days in China time, [from, to].
 */
const METRICS = ['cadres', 'professionals', 'dispatches', 'lectures', 'openClasses', 'trained', 'mentored'] as const;
type Metric = (typeof METRICS)[number];
type Sector = CollabStats['rows'][number]['sector'];
type Direction = CollabStats['rows'][number]['direction'];

/**
 * Whose figures the actor gets. An officer (a region grant) or the platform: every record it reads — both sides of
 * the partnership. An institution (talent.read over its own organisation only) would read its own records plus the
 * partner region's whole, a mix that is neither its figures nor the partnership's: it gets its own institution's,
 * each record counted when the institution took part in it (`mine` below).
 */
export async function statsScope(db: DB, actor: Actor): Promise<{ kind: StatsScope['kind']; scope: Scope; orgIds: string[] }> {
  const own = scopeOf(actor, TP.read);
  if (own.all) return { kind: 'all', scope: own, orgIds: [] };
  if (!own.regionPrefixes.length) return { kind: 'institution', scope: own, orgIds: own.orgIds };
  return { kind: 'partnership', scope: await readScope(db, actor), orgIds: [] };
}

export async function collabFigures(db: DB, actor: Actor, from: string, to: string, byYear: boolean) {
  const { kind, scope, orgIds } = await statsScope(db, actor);
  /**
   * The record counts: for an officer, its keeping organisation (`o`) in the read scope; for an institution, any of
   * the organisations it involves (`cols`: who sent, hosted, asked, held, spoke or mentored) is the institution.
   */
  const mine = (cols: string[]) =>
    kind === 'institution'
      ? sql<boolean>`(${sql.join(
          cols.map((c) => sql`${sql.ref(c)} in (${sql.join(orgIds)})`),
          sql` or `,
        )})`
      : orgInScopeSql(scope, 'o');
  const year = (col: RawBuilder<unknown>) => (byYear ? sql<number>`extract(year from ${col})::int` : sql<number>`0`);
  const within = (col: RawBuilder<unknown>) => sql<boolean>`${col} between ${from}::date and ${to}::date`;
  const local = (col: string) => sql`(${sql.ref(col)} at time zone 'Asia/Shanghai')::date`;
  type Row = { year: number; direction: Direction; sector: Sector; n: number };
  const queries: [Metric, Promise<Row[]>][] = [];
  const terms = (personKind: 'cadre' | 'professional') =>
    db
      .selectFrom('talent_secondments as s')
      .innerJoin('talent_people as p', 'p.id', 's.person_id')
      .innerJoin('organisations as o', 'o.id', 's.org_id')
      .where(mine(['s.org_id', 's.host_org_id']))
      .where('p.kind', '=', personKind)
      .where(within(sql.ref('s.starts_on')))
      .select([year(sql.ref('s.starts_on')).as('year'), 's.direction', 'p.sector', sql<number>`count(*)::int`.as('n')])
      .groupBy([sql`1`, 's.direction', 'p.sector'])
      .execute() as Promise<Row[]>;
  queries.push(['cadres', terms('cadre')], ['professionals', terms('professional')]);
  queries.push([
    'dispatches',
    db
      .selectFrom('talent_dispatches as x')
      .innerJoin('talent_demands as d', 'd.id', 'x.demand_id')
      .innerJoin('talent_secondments as s', 's.id', 'x.secondment_id')
      .innerJoin('organisations as o', 'o.id', 'x.org_id')
      .where(mine(['x.org_id', 'd.org_id']))
      .where('x.status', '=', 'approved')
      .where(within(sql.ref('s.starts_on')))
      .select([year(sql.ref('s.starts_on')).as('year'), 's.direction', 'd.sector', sql<number>`count(*)::int`.as('n')])
      .groupBy([sql`1`, 's.direction', 'd.sector'])
      .execute() as Promise<Row[]>,
  ]);
  const activities = (activityKind: 'lecture' | 'open_class') =>
    db
      .selectFrom('talent_activities as a')
      .innerJoin('organisations as o', 'o.id', 'a.org_id')
      .leftJoin('talent_people as sp', 'sp.id', 'a.speaker_id')
      .where(mine(['a.org_id', 'sp.org_id']))
      .where('a.kind', '=', activityKind)
      .where(within(local('a.starts_at')))
      .select([year(local('a.starts_at')).as('year'), 'a.direction', 'a.sector', sql<number>`count(*)::int`.as('n')])
      .groupBy([sql`1`, 'a.direction', 'a.sector'])
      .execute() as Promise<Row[]>;
  queries.push(['lectures', activities('lecture')], ['openClasses', activities('open_class')]);
  queries.push([
    'trained',
    db
      .selectFrom('talent_signins as g')
      .innerJoin('talent_activities as a', 'a.id', 'g.activity_id')
      .innerJoin('organisations as o', 'o.id', 'a.org_id')
      .leftJoin('talent_people as sp', 'sp.id', 'a.speaker_id')
      .where(mine(['a.org_id', 'sp.org_id']))
      .where('a.kind', '=', 'training')
      .where(within(local('a.starts_at')))
      .select([year(local('a.starts_at')).as('year'), 'a.direction', 'a.sector', sql<number>`count(distinct g.phone_hash)::int`.as('n')])
      .groupBy([sql`1`, 'a.direction', 'a.sector'])
      .execute() as Promise<Row[]>,
  ]);
  queries.push([
    'mentored',
    db
      .selectFrom('talent_mentees as e')
      .innerJoin('talent_mentorships as ms', 'ms.id', 'e.mentorship_id')
      .innerJoin('organisations as o', 'o.id', 'ms.org_id')
      .innerJoin('talent_people as mp', 'mp.id', 'ms.mentor_id')
      .where(mine(['ms.org_id', 'mp.org_id']))
      .where(within(sql.ref('ms.starts_on')))
      .select([year(sql.ref('ms.starts_on')).as('year'), 'ms.direction', 'ms.sector', sql<number>`count(*)::int`.as('n')])
      .groupBy([sql`1`, 'ms.direction', 'ms.sector'])
      .execute() as Promise<Row[]>,
  ]);
  const cells = new Map<string, { year: number; direction: Direction; sector: Sector } & CollabFigures>();
  for (const [metric, rows] of await Promise.all(queries.map(async ([k, q]) => [k, await q] as const))) {
    for (const r of rows) {
      const key = `${r.year}|${r.direction}|${r.sector}`;
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { year: Number(r.year), direction: r.direction, sector: r.sector, ...Object.fromEntries(METRICS.map((k) => [k, 0])) } as never));
      c![metric] += Number(r.n);
    }
  }
  return [...cells.values()].sort((a, b) => a.year - b.year || a.direction.localeCompare(b.direction) || a.sector.localeCompare(b.sector));
}

/** The figures of the years given, per year and over the span. */
export async function collabStats(db: DB, actor: Actor, fromYear: number, toYear: number): Promise<CollabStats> {
  const from = `${fromYear}-01-01`;
  const to = `${toYear}-12-31`;
  const [rows, totals, scope] = await Promise.all([collabFigures(db, actor, from, to, true), collabFigures(db, actor, from, to, false), describeScope(db, actor)]);
  return { fromYear, toYear, scope, rows, totals: totals.map(({ year: _y, ...t }) => t) };
}

/** The scope the figures cover, in words the page shows: an institution's name. */
export async function describeScope(db: DB, actor: Actor): Promise<StatsScope> {
  const { kind, orgIds } = await statsScope(db, actor);
  const orgNames = orgIds.length ? (await db.selectFrom('organisations').select('name').where('id', 'in', orgIds).orderBy('name').execute()).map((o) => o.name) : [];
  return { kind, orgNames };
}
