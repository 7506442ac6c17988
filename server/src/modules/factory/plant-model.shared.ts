import { sql, type Selectable, type Transaction } from 'kysely';
import type { PlantArea, PlantCell, PlantLine, PlantSite } from '@gearbridge/contracts/factory';
import { requireInScope, type Actor } from '../../platform/authz';
import type { MessageParams } from '@gearbridge/contracts/messages';
import { conflict, DomainError, invalid, notFound, pm } from '../../platform/errors';
import { FP } from './permissions';
import type { DB, Database, FactoryLinesTable } from './db';
import { m, type FactoryMessageKey } from './messages';

// What the plant model's use cases share (plant-model.service.ts, sparkplug-groups.service.ts): one transaction
// per change with constraint violations as conflicts, the refusal to delete what is still used, loading a site in
// scope, and the row → contract mappers.

export type Trx = Transaction<Database>;

// ---- errors ---------------------------------------------------------------------------------------------------

/** The unique constraints of migration 0002, as the form field and the sentence a person reads. */
const UNIQUE: Record<string, { field: string; message: FactoryMessageKey }> = {
  factory_sites_code_key: { field: 'code', message: 'factory.model.site_code_taken' },
  factory_areas_code_key: { field: 'code', message: 'factory.model.area_code_taken' },
  factory_lines_code_key: { field: 'code', message: 'factory.model.line_code_taken' },
  factory_cells_code_key: { field: 'code', message: 'factory.model.cell_code_taken' },
  factory_sparkplug_groups_pkey: { field: 'groupId', message: 'factory.model.group_taken' },
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
    return u ? conflict(m(u.message), { [u.field]: pm('platform.record.field_taken') }) : conflict(pm('platform.record.duplicate'));
  }
  if (e?.code === '23503') return conflict(m('factory.model.changed_meanwhile'));
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

/** What each level of the model can still hold, in the order the message names them. */
export const CHILDREN = { site: ['areas', 'devices', 'groups'], area: ['lines'], line: ['cells', 'devices'], cell: ['devices'], group: ['devices'] } as const;
export type Level = keyof typeof CHILDREN;
type Child = (typeof CHILDREN)[Level][number];
/** The English noun of a count, one and many (the `*_word` parameters; zh-CN does not need them). */
const WORDS: Record<Child, [string, string]> = {
  areas: ['area', 'areas'],
  lines: ['line', 'lines'],
  cells: ['work cell', 'work cells'],
  devices: ['device', 'devices'],
  groups: ['Sparkplug group', 'Sparkplug groups'],
};

/**
 * Refuses to delete a record that still has children or devices, naming them (nothing is cascaded away). The key
 * names the level and the kinds left (`factory.model.in_use.site.areas_devices`), the parameters their counts.
 */
export function refuseIfUsed<L extends Level>(what: L, counts: Record<(typeof CHILDREN)[L][number], number>) {
  const left = (CHILDREN[what] as readonly Child[]).filter((c) => (counts as Record<Child, number>)[c] > 0);
  if (!left.length) return;
  const params: MessageParams = {};
  for (const c of left) {
    const n = (counts as Record<Child, number>)[c];
    params[c] = n;
    params[`${c}_word`] = WORDS[c][n === 1 ? 0 : 1];
  }
  throw conflict(m(`factory.model.in_use.${what}.${left.join('_')}` as FactoryMessageKey, params));
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
export const toLine = (r: Selectable<FactoryLinesTable>): PlantLine => ({
  id: r.id,
  areaId: r.area_id,
  orgId: r.org_id,
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  product: r.product,
  shiftTarget: r.shift_target,
  ppmTarget: r.ppm_target,
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
  if (!r) throw notFound(m('factory.site.not_found'));
  requireInScope(actor, FP.manage, { id: r.org_id, regionCode: r.org_region });
  return r;
}

/** A parent named in a request body that does not exist is a bad field (400), not a missing resource (404). */
export async function parent<T>(load: () => Promise<T>, field: string, what: 'site' | 'area' | 'line'): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not_found') throw invalid(m(`factory.model.unknown_${what}`), { [field]: m(`factory.model.unknown_${what}_field`) });
    throw err;
  }
}
