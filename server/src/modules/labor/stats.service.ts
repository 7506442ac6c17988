import { sql } from 'kysely';
import { WorkerStatus as WorkerStatuses } from '@gearbridge/contracts/labor';
import type { LaborStats, WorkerStatus } from '@gearbridge/contracts/labor';
import { scopeOf, type Actor, type Scope } from '../../platform/authz';
import { JOB_STATUSES } from './placement/alerts.service';
import { LP } from './permissions';
import { activePostingSql, postingSourceSql } from './postings/postings.service';
import { referralQuery, referralVisibleSql } from './placement/referrals.service';
import { addMonths } from './placement/retention';
import { ownedSql, workerSourceSql } from './workers/worker-view';
import { today } from './workers/worker-input';
import type { DB } from './db';

type Level = NonNullable<LaborStats['byRegion']['level']>;

/** Where a GB/T 2260 code sits: 12 digits village, 9 town, else province (xx0000), city (xxxx00) or county. */
export function levelOf(code: string): Level {
  if (code.length === 12) return 'village';
  if (code.length === 9) return 'town';
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'city' : 'county';
}

/** A code and its ancestors up to the province, itself first: 500229106 → 500229 → 500200 → 500000. */
export function ancestry(code: string): string[] {
  const chain = [code];
  if (code.length === 12) chain.push(code.slice(0, 9));
  if (code.length >= 9) chain.push(code.slice(0, 6));
  const six = chain.at(-1)!;
  if (!six.endsWith('00')) chain.push(`${six.slice(0, 4)}00`);
  if (!chain.at(-1)!.endsWith('0000')) chain.push(`${six.slice(0, 2)}0000`);
  return chain;
}

/**
 * The region one level below which the breakdown is made: the smallest region that holds every code strictly
 * below it (null: above the provinces). For the towns of one county, the county.
 */
export function breakdownParent(codes: string[]): string | null {
  if (!codes.length) return null;
  const [first, ...rest] = codes.map((c) => ancestry(c).slice(1));
  const others = rest.map((a) => new Set(a));
  return first.find((c) => others.every((s) => s.has(c))) ?? null;
}

/** The child of `parent` (null: the root) that holds `code`. */
function childUnder(code: string, parent: string | null): string {
  const chain = ancestry(code);
  return parent === null ? chain.at(-1)! : chain[chain.indexOf(parent) - 1];
}

/** True when the scope reaches the whole region (a region grant over it or above it, or everything). */
const scopeHolds = (scope: Scope, code: string) => scope.all || scope.regionPrefixes.some((p) => code.startsWith(p));

/** The last 12 calendar months up to the one holding `day`, oldest first, as YYYY-MM. */
export function lastMonths(day: string, count = 12): string[] {
  const first = `${day.slice(0, 7)}-01`;
  return Array.from({ length: count }, (_v, i) => addMonths(first, i - count + 1).slice(0, 7));
}

/**
 * The labour dashboard's figures over exactly what the lists show the user (labor.read): workers and postings of
 * the own scope or shared with it, referrals of which either side is in scope. Every figure is a GROUP BY in SQL;
 * only a few dozen grouped rows leave the database.
 */
export async function laborStats(db: DB, actor: Actor): Promise<LaborStats> {
  const scope = scopeOf(actor, LP.read);
  const day = today();
  const months = lastMonths(day);
  const owned = ownedSql(scope);
  const workers = db.selectFrom('labor_workers as w').innerJoin('organisations as o', 'o.id', 'w.org_id').where(workerSourceSql(scope));

  const [groups, homes, postings, starts] = await Promise.all([
    // One row per status × own/shared × registered-poor × monitored: at most 56 rows.
    workers
      .select([
        'w.status',
        // 建档立卡 counts for a shared worker only with consent: a partner's figure must not reveal it.
        sql<boolean>`(w.registered_poor and (${owned} or w.consent_share))`.as('registered_poor'),
        sql<boolean>`${owned}`.as('owned'),
        sql<boolean>`w.monitoring_category is not null`.as('monitored'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      // By position: the scope condition carries parameters, so repeating it would not match the selected column.
      .groupBy([sql`1`, sql`2`, sql`3`, sql`4`])
      .execute(),
    // Homes as the user may see them: the full code of the own workers, only the county of a shared one.
    workers
      .select([sql<string>`case when ${owned} then w.home_region_code else substr(w.home_region_code, 1, 6) end`.as('code'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(sql`1`)
      .execute(),
    db
      .selectFrom('labor_postings as p')
      .innerJoin('organisations as o', 'o.id', 'p.org_id')
      .where(postingSourceSql(scope))
      .where(activePostingSql)
      .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number | null>`sum(p.open_headcount)`.as('places')])
      .executeTakeFirstOrThrow(),
    referralQuery(db)
      .clearSelect()
      .where(referralVisibleSql(scope))
      .where('r.status', '=', 'started')
      .where('r.started_on', '>=', `${months[0]}-01`)
      .where('r.started_on', '<', addMonths(`${months.at(-1)}-01`, 1))
      .select([sql<string>`to_char(r.started_on, 'YYYY-MM')`.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(sql`1`)
      .execute(),
  ]);

  const byStatus = new Map<WorkerStatus, number>();
  const w = { total: 0, own: 0, shared: 0, registeredPoor: 0, monitored: 0, employed: 0 };
  for (const g of groups) {
    const n = Number(g.n);
    w.total += n;
    if (g.owned) w.own += n;
    else w.shared += n;
    if (g.registered_poor) w.registeredPoor += n;
    // A partner neither sees nor filters by the monitoring category (the worker list's monitored filter).
    if (g.owned && g.monitored) w.monitored += n;
    if (JOB_STATUSES.has(g.status)) w.employed += n;
    byStatus.set(g.status, (byStatus.get(g.status) ?? 0) + n);
  }
  const perMonth = new Map(starts.map((s) => [s.month, Number(s.n)]));
  const year = day.slice(0, 4);

  return {
    asOf: day,
    workers: { ...w, byStatus: WorkerStatuses.options.map((status) => ({ status, count: byStatus.get(status) ?? 0 })) },
    postings: { active: Number(postings.n), openHeadcount: Number(postings.places ?? 0) },
    placements: {
      thisYear: months.filter((m) => m.startsWith(year)).reduce((sum, m) => sum + (perMonth.get(m) ?? 0), 0),
      byMonth: months.map((month) => ({ month, count: perMonth.get(month) ?? 0 })),
    },
    byRegion: await byRegion(
      db,
      scope,
      homes.map((h) => ({ code: h.code, n: Number(h.n) })),
    ),
  };
}

/**
 * Counts per home code rolled up to the level below their smallest common region, named from the region tree.
 * Within a region the user's scope holds, every region of that level is listed (an empty town is worth seeing);
 * elsewhere — e.g. the partner's county — only those workers came from.
 */
async function byRegion(db: DB, scope: Scope, homes: { code: string; n: number }[]): Promise<LaborStats['byRegion']> {
  if (!homes.length) return { parent: null, level: null, items: [] };
  const parentCode = breakdownParent(homes.map((h) => h.code));
  const counts = new Map<string, number>();
  for (const h of homes) {
    const child = childUnder(h.code, parentCode);
    counts.set(child, (counts.get(child) ?? 0) + h.n);
  }
  const everyChild = parentCode !== null && scopeHolds(scope, parentCode);
  let regions = db.selectFrom('regions').select(['code', 'name', 'full_name', 'level', 'parent_code']);
  regions = everyChild
    ? regions.where((eb) => eb.or([eb('parent_code', '=', parentCode!), eb('code', '=', parentCode!)]))
    : regions.where('code', 'in', [...counts.keys(), ...(parentCode ? [parentCode] : [])]);
  const rows = await regions.execute();
  const parent = rows.find((r) => r.code === parentCode);
  const names = new Map(rows.filter((r) => r.code !== parentCode).map((r) => [r.code, r.name]));
  for (const code of names.keys()) if (!counts.has(code)) counts.set(code, 0);
  const items = [...counts].map(([code, count]) => ({ code, name: names.get(code) ?? code, count }));
  items.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return {
    parent: parentCode ? { code: parentCode, name: parent?.name ?? parentCode, fullName: parent?.full_name ?? parentCode, level: levelOf(parentCode) } : null,
    level: levelOf(items[0].code),
    items,
  };
}
