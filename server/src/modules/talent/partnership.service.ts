import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Partnership, Programme, Side, TalentOrg } from '@gearbridge/contracts/talent';
import { regionPrefix } from '@gearbridge/contracts/regions';
import { orgInScopeSql, scopeOf, type Actor, type Scope } from '../../platform/authz';
import { TP } from './permissions';
import type { Tx } from './db';

export interface PartnershipRow {
  id: string;
  west_region_code: string;
  east_region_code: string;
}

/** The pairs of regions (a handful of rows): read once per request that needs them. */
export const loadPartnerships = (db: Tx): Promise<PartnershipRow[]> => db.selectFrom('talent_partnerships').select(['id', 'west_region_code', 'east_region_code']).execute();

/** Does a region (or a region prefix) lie in, or contain, the side's region? 371302 is in 371300; 3713 contains 371326. */
const overlaps = (prefix: string, sideCode: string) => sideCode.startsWith(prefix) || prefix.startsWith(regionPrefix(sideCode));

/** The side of the partnership an organisation's region belongs to, or null outside every partnership. */
export function sideOf(pairs: Omit<PartnershipRow, 'id'>[], regionCode: string): Side | null {
  if (pairs.some((p) => regionCode.startsWith(regionPrefix(p.west_region_code)))) return 'west';
  if (pairs.some((p) => regionCode.startsWith(regionPrefix(p.east_region_code)))) return 'east';
  return null;
}

/**
 * Where `talent.read` reaches: the actor's own scope, plus the paired region of every region it reaches (the
 * partnership shares the talent pool, secondments and pairings of both sides). Editing never widens: it is the
 * plain `scopeOf(actor, talent.edit)`.
 */
export async function readScope(db: Tx, actor: Actor): Promise<Scope> {
  const own = scopeOf(actor, TP.read);
  if (own.all) return own;
  const pairs = await loadPartnerships(db);
  const mine = [...own.regionPrefixes];
  if (own.orgIds.length) {
    const orgs = await db.selectFrom('organisations').select('region_code').where('id', 'in', own.orgIds).execute();
    mine.push(...orgs.map((o) => o.region_code));
  }
  return { all: false, orgIds: own.orgIds, regionPrefixes: [...new Set([...own.regionPrefixes, ...partnerPrefixes(pairs, mine)])] };
}

/**
 * The region prefixes paired with any of `mine` (region codes or prefixes the actor reaches): a region inside one
 * side's region, or containing it, reaches the other side whole.
 */
export function partnerPrefixes(pairs: Omit<PartnershipRow, 'id'>[], mine: string[]): string[] {
  const partner = new Set<string>();
  for (const p of pairs) {
    if (mine.some((r) => overlaps(r, p.west_region_code))) partner.add(regionPrefix(p.east_region_code));
    if (mine.some((r) => overlaps(r, p.east_region_code))) partner.add(regionPrefix(p.west_region_code));
  }
  return [...partner];
}

/** SQL: the organisation under `alias` is in the actor's own scope for `permission` (false when it has none). */
export function ownSql(actor: Actor, permission: string, alias: string): RawBuilder<SqlBool> {
  try {
    return orgInScopeSql(scopeOf(actor, permission), alias);
  } catch {
    return sql<SqlBool>`false`;
  }
}

export async function listPartnerships(db: Tx): Promise<Partnership[]> {
  const rows = await db
    .selectFrom('talent_partnerships as p')
    .leftJoin('regions as w', 'w.code', 'p.west_region_code')
    .leftJoin('regions as e', 'e.code', 'p.east_region_code')
    .select(['p.id', 'p.name', 'p.west_region_code', 'p.east_region_code', 'p.parent_id', 'p.since', 'w.name as west_name', 'e.name as east_name'])
    .orderBy('p.parent_id', 'desc')
    .orderBy('p.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    westRegionCode: r.west_region_code,
    westRegionName: r.west_name,
    eastRegionCode: r.east_region_code,
    eastRegionName: r.east_name,
    parentId: r.parent_id,
    since: r.since,
  }));
}

export async function listProgrammes(db: Tx): Promise<Programme[]> {
  const rows = await db.selectFrom('talent_programmes').selectAll().orderBy('started_on').orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id,
    partnershipId: r.partnership_id,
    name: r.name,
    sector: r.sector,
    direction: r.direction,
    startedOn: r.started_on,
    description: r.description,
  }));
}

/** The organisations of both sides the actor reads (a few dozen), those it edits for marked, for the forms' pickers. */
export async function listTalentOrgs(db: Tx, actor: Actor): Promise<TalentOrg[]> {
  const scope = await readScope(db, actor);
  const pairs = await loadPartnerships(db);
  const rows = await db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.name', 'o.kind', 'o.region_code', ownSql(actor, TP.edit, 'o').as('editable')])
    .where(orgInScopeSql(scope, 'o'))
    .orderBy('o.region_code')
    .orderBy('o.name')
    .execute();
  return rows.flatMap((o) => {
    const side = sideOf(pairs, o.region_code);
    return side ? [{ id: o.id, name: o.name, kind: o.kind, regionCode: o.region_code, side, editable: !!o.editable }] : [];
  });
}
