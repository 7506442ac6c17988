import { sql, type Transaction } from 'kysely';
import type { PlantArea, PlantCell, PlantLine, PlantSite } from '@gearbridge/contracts/factory';
import { requireInScope, type Actor } from '../../platform/authz';
import { conflict, DomainError, invalid, notFound } from '../../platform/errors';
import { FP } from './permissions';
import type { DB, Database } from './db';

// What the plant model's use cases share (plant-model.service.ts, sparkplug-groups.service.ts): one transaction
// per change with constraint violations as conflicts, the refusal to delete what is still used, loading a site in
// scope, and the row → contract mappers.

export type Trx = Transaction<Database>;

// ---- errors ---------------------------------------------------------------------------------------------------

/** The unique constraints of migration 0002, as the form field and the sentence a person reads. */
const UNIQUE: Record<string, { field: string; message: string }> = {
  factory_sites_code_key: { field: 'code', message: 'A site with this code already exists in this organisation' },
  factory_areas_code_key: { field: 'code', message: 'An area with this code already exists on this site' },
  factory_lines_code_key: { field: 'code', message: 'A line with this code already exists in this organisation' },
  factory_cells_code_key: { field: 'code', message: 'A work cell with this code already exists on this line' },
  factory_sparkplug_groups_pkey: { field: 'groupId', message: 'This Sparkplug group is already mapped to a site' },
};

/**
 * Constraint violations become conflicts: a duplicate code names its field; a foreign key that fails means another
 * request added a child or removed a parent between our check and our write.
 */
export function fromConstraint(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23505') {
    const name = e.constraint ?? Object.keys(UNIQUE).find((c) => e.message?.includes(`"${c}"`));
    const u = name ? UNIQUE[name] : undefined;
    return u ? conflict(u.message, { [u.field]: 'already taken' }) : conflict('A record with these values already exists');
  }
  if (e?.code === '23503') return conflict('The equipment model changed meanwhile; reload and try again');
  return err;
}

/** One transaction per change; constraint violations leave it rolled back and come out as conflicts. */
export async function change<T>(db: DB, fn: (trx: Trx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(fn);
  } catch (err) {
    throw fromConstraint(err);
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Refuses to delete a record that still has children or devices, naming them (nothing is cascaded away). */
export function refuseIfUsed(what: string, uses: Array<[number, string, string]>) {
  const parts = uses.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  if (!parts.length) return;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  throw conflict(`This ${what} still has ${list}; move or remove them first`);
}

type ChildTable = 'factory_areas' | 'factory_lines' | 'factory_cells' | 'factory_devices' | 'factory_sparkplug_groups';

/** How many rows of `table` point at a parent (table and column are constants of this file, never input). */
export async function countWhere(trx: Trx, table: ChildTable, column: string, id: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(trx);
  return Number(r.rows[0].n);
}

export const toSite = (r: { id: string; org_id: string; code: string; name: string; region_code: string | null }): PlantSite => ({
  id: r.id,
  orgId: r.org_id,
  code: r.code,
  name: r.name,
  regionCode: r.region_code,
});
export const toArea = (r: { id: string; site_id: string; code: string; name: string }): PlantArea => ({ id: r.id, siteId: r.site_id, code: r.code, name: r.name });
export const toLine = (r: { id: string; area_id: string; org_id: string; code: string; name_zh: string; name_en: string; product: string | null }): PlantLine => ({
  id: r.id,
  areaId: r.area_id,
  orgId: r.org_id,
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  product: r.product,
});
export const toCell = (r: { id: string; line_id: string; code: string; name: string }): PlantCell => ({ id: r.id, lineId: r.line_id, code: r.code, name: r.name });

// ---- loading one record for a change ------------------------------------------------------------------------------
// Loaders check factory.manage over the record's organisation: a user who may only read the plant gets 403.

export async function loadSite(db: DB, actor: Actor, id: string) {
  const r = await db
    .selectFrom('factory_sites as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .select(['s.id', 's.org_id', 's.code', 's.name', 's.region_code', 'o.region_code as org_region'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound('Site');
  requireInScope(actor, FP.manage, { id: r.org_id, regionCode: r.org_region });
  return r;
}

/** A parent named in a request body that does not exist is a bad field (400), not a missing resource (404). */
export async function parent<T>(load: () => Promise<T>, field: string, what: string): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') throw invalid(`Unknown ${what}`, { [field]: `unknown ${what}` });
    throw err;
  }
}
