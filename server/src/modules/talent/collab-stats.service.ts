import { sql, type RawBuilder } from 'kysely';
import type { CollabFigures, CollabStats } from '@gearbridge/contracts/talent';
import { orgInScopeSql, type Actor } from '../../platform/authz';
import { readScope } from './partnership.service';
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

export async function collabFigures(db: DB, actor: Actor, from: string, to: string, byYear: boolean) {
  const scope = await readScope(db, actor);
  const year = (col: RawBuilder<unknown>) => (byYear ? sql<number>`extract(year from ${col})::int` : sql<number>`0`);
  const within = (col: RawBuilder<unknown>) => sql<boolean>`${col} between ${from}::date and ${to}::date`;
  const local = (col: string) => sql`(${sql.ref(col)} at time zone 'Asia/Shanghai')::date`;
  type Row = { year: number; direction: Direction; sector: Sector; n: number };
  const queries: [Metric, Promise<Row[]>][] = [];
  const terms = (kind: 'cadre' | 'professional') =>
    db
      .selectFrom('talent_secondments as s')
      .innerJoin('talent_people as p', 'p.id', 's.person_id')
      .innerJoin('organisations as o', 'o.id', 's.org_id')
      .where(orgInScopeSql(scope, 'o'))
      .where('p.kind', '=', kind)
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
      .where(orgInScopeSql(scope, 'o'))
      .where('x.status', '=', 'approved')
      .where(within(sql.ref('s.starts_on')))
      .select([year(sql.ref('s.starts_on')).as('year'), 's.direction', 'd.sector', sql<number>`count(*)::int`.as('n')])
      .groupBy([sql`1`, 's.direction', 'd.sector'])
      .execute() as Promise<Row[]>,
  ]);
  const activities = (kind: 'lecture' | 'open_class') =>
    db
      .selectFrom('talent_activities as a')
      .innerJoin('organisations as o', 'o.id', 'a.org_id')
      .where(orgInScopeSql(scope, 'o'))
      .where('a.kind', '=', kind)
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
      .where(orgInScopeSql(scope, 'o'))
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
      .where(orgInScopeSql(scope, 'o'))
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
  const [rows, totals] = await Promise.all([collabFigures(db, actor, from, to, true), collabFigures(db, actor, from, to, false)]);
  return { fromYear, toYear, rows, totals: totals.map(({ year: _y, ...t }) => t) };
}
