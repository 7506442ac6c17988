import { sql } from 'kysely';
import { CERTIFICATION_KINDS, CERTIFICATION_STATUSES, RETROFIT_STATUSES, yuanToYi, type ParkDashboard, type ProjectCategory } from '@gearbridge/contracts/park';
import { orgInScopeSql, requirePermission, scopeOf, type Actor } from '../../../platform/authz';
import type { DB } from '../db';
import { PP } from '../permissions';
import { stageCounts } from '../projects/summary.service';
import { spaceSummary } from '../space/space.service';
import { chainMap } from '../chains/chains.service';

/**
 * The park dashboard and 大屏: the figures of the reader's scope in one answer, each counted or summed by the database
 * from the records (amounts over the whole-yuan numerics, read as text and shown in 亿元 — exact), the chains' and
 * the space's figures from the same services as their pages.
 */
export async function dashboard(db: DB, actor: Actor): Promise<ParkDashboard> {
  requirePermission(actor, PP.read);
  const scope = orgInScopeSql(scopeOf(actor, PP.read), 'o');
  const projects = db.selectFrom('park_projects as p').innerJoin('organisations as o', 'o.id', 'p.org_id').where(scope);
  const countAmount = [sql<string>`count(*)::text`.as('n'), sql<string>`coalesce(sum(p.amount_yuan), 0)::text`.as('amount')] as const;

  const [byStage, byCategory, byYear, reserve, chains, space, retrofits, money, certs] = await Promise.all([
    stageCounts(db, actor),
    projects
      .where(sql<boolean>`not (p.reserve and p.signed_on is null)`)
      .select(['p.category', ...countAmount])
      .groupBy('p.category')
      .orderBy(sql`sum(p.amount_yuan)`, 'desc')
      .orderBy('p.category')
      .execute(),
    projects
      .where('p.signed_on', 'is not', null)
      .select([sql<number>`extract(year from p.signed_on)::int`.as('year'), ...countAmount])
      .groupBy(sql`extract(year from p.signed_on)`)
      .orderBy(sql`extract(year from p.signed_on)`)
      .execute(),
    projects.where('p.reserve', '=', true).where('p.signed_on', 'is', null).select(countAmount).executeTakeFirstOrThrow(),
    chainMap(db, actor),
    spaceSummary(db, actor),
    db
      .selectFrom('park_retrofits as r')
      .innerJoin('park_enterprises as e', 'e.id', 'r.enterprise_id')
      .innerJoin('organisations as o', 'o.id', 'e.org_id')
      .where(scope)
      .select(['r.status', sql<string>`count(*)::text`.as('n')])
      .groupBy('r.status')
      .execute(),
    db
      .selectFrom('park_retrofits as r')
      .innerJoin('park_enterprises as e', 'e.id', 'r.enterprise_id')
      .innerJoin('organisations as o', 'o.id', 'e.org_id')
      .where(scope)
      .select([sql<string>`coalesce(sum(r.budget_yuan), 0)::text`.as('budget'), sql<string>`coalesce(sum(r.subsidy_yuan), 0)::text`.as('subsidy')])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('park_certifications as c')
      .innerJoin('park_enterprises as e', 'e.id', 'c.enterprise_id')
      .innerJoin('organisations as o', 'o.id', 'e.org_id')
      .where(scope)
      .select(['c.kind', 'c.status', sql<string>`count(*)::text`.as('n')])
      .groupBy(['c.kind', 'c.status'])
      .execute(),
  ]);
  const retrofitBy = new Map(retrofits.map((r) => [r.status, Number(r.n)]));
  const certBy = new Map(certs.map((c) => [`${c.kind}/${c.status}`, Number(c.n)]));
  return {
    byStage,
    byCategory: byCategory.map((r) => ({ category: r.category as ProjectCategory, count: Number(r.n), amount: yuanToYi(r.amount) })),
    signedByYear: byYear.map((r) => ({ year: Number(r.year), count: Number(r.n), amount: yuanToYi(r.amount) })),
    reserve: { count: Number(reserve.n), amount: yuanToYi(reserve.amount) },
    chains: {
      ...chains.coverage,
      byChain: chains.chains.map((c) => ({
        id: c.id,
        name: c.name,
        links: c.links.length,
        covered: c.links.filter((l) => !l.missing).length,
        targeted: c.links.filter((l) => l.missing && l.projects.length > 0).length,
      })),
    },
    space,
    retrofits: { byStatus: RETROFIT_STATUSES.map((status) => ({ status, count: retrofitBy.get(status) ?? 0 })), budget: money.budget, subsidy: money.subsidy },
    certifications: CERTIFICATION_KINDS.flatMap((kind) => CERTIFICATION_STATUSES.map((status) => ({ kind, status, count: certBy.get(`${kind}/${status}`) ?? 0 }))),
  };
}
