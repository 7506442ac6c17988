import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { PROJECT_STAGES, yuanToYi, type ProjectCategory, type ProjectStage, type YearSummary } from '@gearbridge/contracts/park';
import { orgInScopeSql, scopeOf, type Actor } from '../../../platform/authz';
import type { DB } from '../db';
import { PP } from '../permissions';
import { localDay } from '../../../platform/time';
import { listBatches } from './batches.service';
import { revivedByYear } from '../space/space.service';

/**
 * The yearly summary (年度招商统计), computed from the project records of the actor's scope: the projects signed in
 * the year and their amount, the article's size bands (over 100亿, over 50亿, over 10亿), what broke ground and went
 * into production, the reserve, by category. Sums are taken in the database over whole-yuan numerics: exact.
 */
const YI = 100_000_000;

export async function yearSummary(db: DB, actor: Actor, asked: number | undefined): Promise<YearSummary> {
  const years = (
    await db
      .selectFrom('park_projects as p')
      .innerJoin('organisations as o', 'o.id', 'p.org_id')
      .where(orgInScopeSql(scopeOf(actor, PP.read), 'o'))
      .where('p.signed_on', 'is not', null)
      .select(sql<number>`extract(year from p.signed_on)::int`.as('year'))
      .distinct()
      .execute()
  )
    .map((r) => Number(r.year))
    .sort((a, b) => b - a);
  const year = asked ?? years[0] ?? Number(localDay().slice(0, 4));
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const scoped = db
    .selectFrom('park_projects as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .where(orgInScopeSql(scopeOf(actor, PP.read), 'o'));
  const inYear = (col: 'p.signed_on' | 'p.construction_on' | 'p.production_on') => sql<SqlBool>`(${sql.ref(col)} between ${from}::date and ${to}::date)`;
  const countAmount = (cond: RawBuilder<SqlBool>, n: string) => [
    sql<string>`count(*) filter (where ${cond})`.as(`${n}_count`),
    sql<string>`(coalesce(sum(p.amount_yuan) filter (where ${cond}), 0))::text`.as(`${n}_amount`),
  ];
  const signed = inYear('p.signed_on');
  const parts = {
    signed,
    over100: sql<SqlBool>`${signed} and p.amount_yuan > ${100 * YI}`,
    over50: sql<SqlBool>`${signed} and p.amount_yuan > ${50 * YI} and p.amount_yuan <= ${100 * YI}`,
    over10: sql<SqlBool>`${signed} and p.amount_yuan > ${10 * YI} and p.amount_yuan <= ${50 * YI}`,
    groundbroken: inYear('p.construction_on'),
    inProduction: inYear('p.production_on'),
    reserve: sql<SqlBool>`p.reserve and p.signed_on is null`,
  };
  const names = Object.keys(parts) as (keyof typeof parts)[];
  const totals = await scoped.select(names.flatMap((n) => countAmount(parts[n], n))).executeTakeFirstOrThrow();
  const t = totals as Record<string, string | number>;
  const pick = (n: keyof typeof parts) => ({ count: Number(t[`${n}_count`]), amount: yuanToYi(String(t[`${n}_amount`])) });

  const byCategory = await scoped
    .where(signed)
    .select(['p.category', sql<number>`count(*)`.as('count'), sql<string>`sum(p.amount_yuan)::text`.as('amount')])
    .groupBy('p.category')
    .orderBy(sql`sum(p.amount_yuan)`, 'desc')
    .orderBy('p.category')
    .execute();
  const largest = await scoped
    .where(signed)
    .select(['p.id', 'p.name', 'p.investor', 'p.category', sql<string>`p.amount_yuan::text`.as('amount')])
    .orderBy('p.amount_yuan', 'desc')
    .orderBy('p.name')
    .limit(10)
    .execute();
  return {
    year,
    years,
    signed: pick('signed'),
    over100: pick('over100'),
    over50: pick('over50'),
    over10: pick('over10'),
    groundbroken: pick('groundbroken'),
    inProduction: pick('inProduction'),
    reserve: pick('reserve'),
    byCategory: byCategory.map((r) => ({ category: r.category as ProjectCategory, count: Number(r.count), amount: yuanToYi(r.amount) })),
    largest: largest.map((r) => ({ id: r.id, name: r.name, investor: r.investor, category: r.category, amount: yuanToYi(r.amount) })),
    batches: await listBatches(db, actor, year),
    areaRevived: (await revivedByYear(db, actor, year)).map(({ areaM2, leases }) => ({ areaM2, leases }))[0] ?? { areaM2: 0, leases: 0 },
  };
}

/** Every project in scope by its current stage, for the kanban's column heads. */
export async function stageCounts(db: DB, actor: Actor): Promise<{ stage: ProjectStage; count: number; amount: string }[]> {
  const rows = await db
    .selectFrom('park_projects as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .where(orgInScopeSql(scopeOf(actor, PP.read), 'o'))
    .select(['p.stage', sql<number>`count(*)`.as('count'), sql<string>`sum(p.amount_yuan)::text`.as('amount')])
    .groupBy('p.stage')
    .execute();
  const by = new Map(rows.map((r) => [r.stage, r]));
  return PROJECT_STAGES.map((stage) => ({ stage, count: Number(by.get(stage)?.count ?? 0), amount: yuanToYi(by.get(stage)?.amount ?? '0') }));
}
