import { sql, type SqlBool } from 'kysely';
import type { LaborPartner } from '@gearbridge/contracts/labor';
import { regionPrefix } from '@gearbridge/contracts/regions';
import { scopeOf, type Actor } from '../../../platform/authz';
import { LP } from '../permissions';
import type { DB } from '../db';

/** One East–West pair (labor_region_pairs) as the two sides' region codes. */
export interface RegionPair {
  west: string;
  east: string;
}

export async function regionPairs(db: DB): Promise<RegionPair[]> {
  const rows = await db.selectFrom('labor_region_pairs').select(['west_region_code', 'east_region_code']).execute();
  return rows.map((r) => ({ west: r.west_region_code, east: r.east_region_code }));
}

/**
 * The sides paired with a place: for every pair one of whose sides overlaps `area` (a region code prefix — an
 * organisation's region code, or a grant's subtree), the other side. Overlap: one lies within the other.
 */
export function pairedSides(pairs: RegionPair[], area: string): { side: string; other: string }[] {
  const overlaps = (side: string) => {
    const p = regionPrefix(side);
    return area.startsWith(p) || p.startsWith(area);
  };
  return pairs.flatMap((pr) => [...(overlaps(pr.west) ? [{ side: pr.west, other: pr.east }] : []), ...(overlaps(pr.east) ? [{ side: pr.east, other: pr.west }] : [])]);
}

/** True when an organisation in region `to` is a partner of one in region `owner`: their regions lie on the two sides of a pair. */
export function isPartnerRegion(pairs: RegionPair[], owner: string, to: string): boolean {
  return pairs.some(
    (p) => (owner.startsWith(regionPrefix(p.west)) && to.startsWith(regionPrefix(p.east))) || (owner.startsWith(regionPrefix(p.east)) && to.startsWith(regionPrefix(p.west))),
  );
}

/**
 * The organisations the actor may share with: those located in (at or below) a region paired with a region
 * holding an organisation of the actor's labor.share scope. A grant over a region subtree reaches every
 * organisation in it, so every pair overlapping the subtree counts; a grant without a region, the own
 * organisation's region. Government bodies first, then by region and name.
 */
export async function listPartners(db: DB, actor: Actor): Promise<LaborPartner[]> {
  const scope = scopeOf(actor, LP.share);
  const pairs = await regionPairs(db);
  const areas = [...scope.regionPrefixes];
  if (scope.orgIds.length) {
    const own = await db.selectFrom('organisations').select('region_code').where('id', 'in', scope.orgIds).execute();
    areas.push(...own.map((o) => o.region_code));
  }
  const sides = scope.all
    ? pairs.flatMap((p) => [
        { side: p.west, other: p.east },
        { side: p.east, other: p.west },
      ])
    : areas.flatMap((a) => pairedSides(pairs, a));
  /** Partner region prefix → the sharing side's region code. */
  const targets = new Map(sides.map((s) => [regionPrefix(s.other), s.side]));
  if (!targets.size) return [];
  const rows = await db
    .selectFrom('organisations as o')
    .leftJoin('regions as r', 'r.code', 'o.region_code')
    .select(['o.id', 'o.name', 'o.kind', 'o.region_code', 'r.full_name as region_name'])
    .where(
      sql<SqlBool>`(${sql.join(
        [...targets.keys()].map((p) => sql`o.region_code like ${`${p}%`}`),
        sql` or `,
      )})`,
    )
    .orderBy(sql`o.kind = 'government'`, 'desc')
    .orderBy('o.region_code')
    .orderBy('o.name')
    .execute();
  const names = new Map(
    (
      await db
        .selectFrom('regions')
        .select(['code', 'full_name'])
        .where('code', 'in', [...new Set(targets.values())])
        .execute()
    ).map((r) => [r.code, r.full_name]),
  );
  return rows.map((o) => {
    const paired = [...targets].find(([p]) => o.region_code.startsWith(p))![1];
    return { id: o.id, name: o.name, kind: o.kind, regionCode: o.region_code, regionName: o.region_name, pairedRegionCode: paired, pairedRegionName: names.get(paired) ?? null };
  });
}
