import type { PlantArea, PlantCell, PlantLine, PlantModel, PlantSite } from '@gearbridge/contracts/factory';
import { requireInScope, scopeOf, type Actor, orgInScopeSql } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { invalid, notFound } from '../../platform/errors';
import { FP } from './permissions';
import { change, countWhere, loadSite, parent, refuseIfUsed, toArea, toCell, toLine, toSite } from './plant-model.shared';
import type { DB } from './db';
import { m } from './messages';

// The ISA-95 equipment model above the devices: enterprise (an organisation) → site → area → line → work cell.
// Reads need factory.read, changes factory.manage, both over the organisation that owns the site. Every change
// first asks for factory.manage anywhere, so a user without it gets 403 before any 400 or 404 about the record.

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

// ---- the tree -------------------------------------------------------------------------------------------------

/** Every site the actor may read, with its areas, lines and work cells, and the devices at each level. */
export async function getModel(db: DB, actor: Actor): Promise<PlantModel> {
  const inScope = orgInScopeSql(scopeOf(actor, FP.read));
  const [sites, areas, lines, cells, devices] = await Promise.all([
    db
      .selectFrom('factory_sites as s')
      .innerJoin('organisations as o', 'o.id', 's.org_id')
      .leftJoin('regions as r', 'r.code', 's.region_code')
      .select(['s.id', 's.org_id', 's.code', 's.name', 's.region_code', 'o.name as org_name', 'r.name as region_name'])
      .where(inScope)
      .orderBy('o.name')
      .orderBy('s.code')
      .execute(),
    db
      .selectFrom('factory_areas as a')
      .innerJoin('factory_sites as s', 's.id', 'a.site_id')
      .innerJoin('organisations as o', 'o.id', 's.org_id')
      .select(['a.id', 'a.site_id', 'a.code', 'a.name'])
      .where(inScope)
      .orderBy('a.code')
      .execute(),
    db
      .selectFrom('factory_lines as l')
      .innerJoin('organisations as o', 'o.id', 'l.org_id')
      .select(['l.id', 'l.area_id', 'l.org_id', 'l.code', 'l.name_zh', 'l.name_en', 'l.product', 'l.shift_target', 'l.ppm_target'])
      .where(inScope)
      .orderBy('l.code')
      .execute(),
    db
      .selectFrom('factory_cells as c')
      .innerJoin('factory_lines as l', 'l.id', 'c.line_id')
      .innerJoin('organisations as o', 'o.id', 'l.org_id')
      .select(['c.id', 'c.line_id', 'c.code', 'c.name'])
      .where(inScope)
      .orderBy('c.code')
      .execute(),
    db
      .selectFrom('factory_devices as d')
      .innerJoin('organisations as o', 'o.id', 'd.org_id')
      .select(['d.site_id', 'd.line_id', 'd.cell_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where(inScope)
      .groupBy(['d.site_id', 'd.line_id', 'd.cell_id'])
      .execute(),
  ]);
  const bySite = new Map<string, number>();
  const byLine = new Map<string, number>();
  const byCell = new Map<string, number>();
  const unplaced = new Map<string, number>();
  const add = (m: Map<string, number>, k: string | null, n: number) => {
    if (k) m.set(k, (m.get(k) ?? 0) + n);
  };
  for (const d of devices) {
    const n = Number(d.n);
    add(bySite, d.site_id, n);
    add(byLine, d.line_id, n);
    add(byCell, d.cell_id, n);
    if (!d.line_id) add(unplaced, d.site_id, n);
  }
  const cellsOf = groupBy(cells, (c) => c.line_id);
  const linesOf = groupBy(lines, (l) => l.area_id);
  const areasOf = groupBy(areas, (a) => a.site_id);
  return {
    sites: sites.map((s) => ({
      ...toSite(s),
      orgName: s.org_name,
      regionName: s.region_name,
      deviceCount: bySite.get(s.id) ?? 0,
      unplacedCount: unplaced.get(s.id) ?? 0,
      areas: (areasOf.get(s.id) ?? []).map((a) => {
        const areaLines = (linesOf.get(a.id) ?? []).map((l) => ({
          ...toLine(l),
          deviceCount: byLine.get(l.id) ?? 0,
          cells: (cellsOf.get(l.id) ?? []).map((c) => ({ ...toCell(c), deviceCount: byCell.get(c.id) ?? 0 })),
        }));
        return { ...toArea(a), deviceCount: areaLines.reduce((sum, l) => sum + l.deviceCount, 0), lines: areaLines };
      }),
    })),
  };
}

// ---- loading one record for a change (factory.manage over its organisation) -------------------------------------

async function loadArea(db: DB, actor: Actor, id: string) {
  const r = await db
    .selectFrom('factory_areas as a')
    .innerJoin('factory_sites as s', 's.id', 'a.site_id')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .select(['a.id', 'a.site_id', 'a.code', 'a.name', 's.org_id', 'o.region_code as org_region'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound(m('factory.area.not_found'));
  requireInScope(actor, FP.manage, { id: r.org_id, regionCode: r.org_region });
  return r;
}

async function loadLine(db: DB, actor: Actor, id: string) {
  const r = await db
    .selectFrom('factory_lines as l')
    .innerJoin('factory_areas as a', 'a.id', 'l.area_id')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.area_id', 'l.org_id', 'l.code', 'l.name_zh', 'l.name_en', 'l.product', 'l.shift_target', 'l.ppm_target', 'a.site_id', 'o.region_code as org_region'])
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound(m('factory.line.not_found'));
  requireInScope(actor, FP.manage, { id: r.org_id, regionCode: r.org_region });
  return r;
}

async function loadCell(db: DB, actor: Actor, id: string) {
  const r = await db
    .selectFrom('factory_cells as c')
    .innerJoin('factory_lines as l', 'l.id', 'c.line_id')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['c.id', 'c.line_id', 'c.code', 'c.name', 'l.org_id', 'o.region_code as org_region'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound(m('factory.cell.not_found'));
  requireInScope(actor, FP.manage, { id: r.org_id, regionCode: r.org_region });
  return r;
}

async function requireRegion(db: DB, code: string | null | undefined) {
  if (!code) return;
  const r = await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst();
  if (!r) throw invalid(m('factory.region.unknown'), { regionCode: m('factory.region.unknown_field') });
}

// ---- sites ----------------------------------------------------------------------------------------------------

export interface SiteData {
  orgId?: string;
  code: string;
  name: string;
  regionCode?: string | null;
}

export async function createSite(db: DB, actor: Actor, d: SiteData): Promise<PlantSite> {
  scopeOf(actor, FP.manage);
  return change(db, async (trx) => {
    const org = await trx
      .selectFrom('organisations')
      .select(['id', 'region_code'])
      .where('id', '=', d.orgId ?? actor.orgId)
      .executeTakeFirst();
    if (!org) throw invalid(m('factory.org.unknown'), { orgId: m('factory.org.unknown_field') });
    requireInScope(actor, FP.manage, { id: org.id, regionCode: org.region_code });
    await requireRegion(trx, d.regionCode);
    const row = await trx
      .insertInto('factory_sites')
      // A site lies where its enterprise is registered unless told otherwise.
      .values({ org_id: org.id, code: d.code, name: d.name, region_code: d.regionCode === undefined ? org.region_code : d.regionCode })
      .returning(['id', 'org_id', 'code', 'name', 'region_code'])
      .executeTakeFirstOrThrow();
    const after = toSite(row);
    await writeAudit(trx, actor, { action: 'factory.site.create', entity: 'site', entityId: row.id, orgId: org.id, after });
    return after;
  });
}

export async function updateSite(db: DB, actor: Actor, id: string, p: Partial<Omit<SiteData, 'orgId'>>): Promise<PlantSite> {
  scopeOf(actor, FP.manage);
  return change(db, async (trx) => {
    const before = toSite(await loadSite(trx, actor, id));
    await requireRegion(trx, p.regionCode);
    const set = {
      ...(p.code !== undefined && { code: p.code }),
      ...(p.name !== undefined && { name: p.name }),
      ...(p.regionCode !== undefined && { region_code: p.regionCode }),
    };
    if (!Object.keys(set).length) return before;
    const row = await trx.updateTable('factory_sites').set(set).where('id', '=', id).returning(['id', 'org_id', 'code', 'name', 'region_code']).executeTakeFirstOrThrow();
    const after = toSite(row);
    await writeAudit(trx, actor, { action: 'factory.site.update', entity: 'site', entityId: id, orgId: before.orgId, before, after });
    return after;
  });
}

export async function deleteSite(db: DB, actor: Actor, id: string): Promise<void> {
  scopeOf(actor, FP.manage);
  await change(db, async (trx) => {
    const before = toSite(await loadSite(trx, actor, id));
    refuseIfUsed('site', {
      areas: await countWhere(trx, 'factory_areas', 'site_id', id),
      devices: await countWhere(trx, 'factory_devices', 'site_id', id),
      groups: await countWhere(trx, 'factory_sparkplug_groups', 'site_id', id),
    });
    await trx.deleteFrom('factory_sites').where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'factory.site.delete', entity: 'site', entityId: id, orgId: before.orgId, before });
  });
}

// ---- areas ----------------------------------------------------------------------------------------------------

export async function createArea(db: DB, actor: Actor, d: { siteId: string; code: string; name: string }): Promise<PlantArea> {
  scopeOf(actor, FP.manage);
  return change(db, async (trx) => {
    const site = await parent(() => loadSite(trx, actor, d.siteId), 'siteId', 'site');
    const row = await trx
      .insertInto('factory_areas')
      .values({ site_id: site.id, code: d.code, name: d.name })
      .returning(['id', 'site_id', 'code', 'name'])
      .executeTakeFirstOrThrow();
    const after = toArea(row);
    await writeAudit(trx, actor, { action: 'factory.area.create', entity: 'area', entityId: row.id, orgId: site.org_id, after });
    return after;
  });
}

export async function updateArea(db: DB, actor: Actor, id: string, p: { code?: string; name?: string }): Promise<PlantArea> {
  scopeOf(actor, FP.manage);
  return change(db, async (trx) => {
    const current = await loadArea(trx, actor, id);
    const before = toArea(current);
    const set = { ...(p.code !== undefined && { code: p.code }), ...(p.name !== undefined && { name: p.name }) };
    if (!Object.keys(set).length) return before;
    const row = await trx.updateTable('factory_areas').set(set).where('id', '=', id).returning(['id', 'site_id', 'code', 'name']).executeTakeFirstOrThrow();
    const after = toArea(row);
    await writeAudit(trx, actor, { action: 'factory.area.update', entity: 'area', entityId: id, orgId: current.org_id, before, after });
    return after;
  });
}

export async function deleteArea(db: DB, actor: Actor, id: string): Promise<void> {
  scopeOf(actor, FP.manage);
  await change(db, async (trx) => {
    const current = await loadArea(trx, actor, id);
    refuseIfUsed('area', { lines: await countWhere(trx, 'factory_lines', 'area_id', id) });
    await trx.deleteFrom('factory_areas').where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'factory.area.delete', entity: 'area', entityId: id, orgId: current.org_id, before: toArea(current) });
  });
}

// ---- lines ----------------------------------------------------------------------------------------------------

export interface LineData {
  areaId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  product?: string | null;
  shiftTarget?: number | null;
  ppmTarget?: number | null;
}

/** A line's org_id is its site's organisation, always: it is taken from the area, never from the request. */
export async function createLine(db: DB, actor: Actor, d: LineData): Promise<PlantLine> {
  scopeOf(actor, FP.manage);
  return change(db, async (trx) => {
    const area = await parent(() => loadArea(trx, actor, d.areaId), 'areaId', 'area');
    const row = await trx
      .insertInto('factory_lines')
      .values({
        area_id: area.id,
        org_id: area.org_id,
        code: d.code,
        name_zh: d.nameZh,
        name_en: d.nameEn,
        product: d.product || null,
        shift_target: d.shiftTarget ?? null,
        ppm_target: d.ppmTarget ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toLine(row);
    await writeAudit(trx, actor, { action: 'factory.line.create', entity: 'line', entityId: row.id, orgId: area.org_id, after });
    return after;
  });
}

export async function updateLine(db: DB, actor: Actor, id: string, p: Partial<LineData>): Promise<PlantLine> {
  scopeOf(actor, FP.manage);
  return change(db, async (trx) => {
    const current = await loadLine(trx, actor, id);
    if (p.areaId !== undefined && p.areaId !== current.area_id) {
      const area = await parent(() => loadArea(trx, actor, p.areaId!), 'areaId', 'area');
      // Its devices carry the site: a move to another site would leave them behind.
      if (area.site_id !== current.site_id) throw invalid(m('factory.model.line_other_site'), { areaId: m('factory.model.line_other_site_field') });
    }
    const set = {
      ...(p.areaId !== undefined && { area_id: p.areaId }),
      ...(p.code !== undefined && { code: p.code }),
      ...(p.nameZh !== undefined && { name_zh: p.nameZh }),
      ...(p.nameEn !== undefined && { name_en: p.nameEn }),
      ...(p.product !== undefined && { product: p.product || null }),
      ...(p.shiftTarget !== undefined && { shift_target: p.shiftTarget }),
      ...(p.ppmTarget !== undefined && { ppm_target: p.ppmTarget }),
    };
    if (!Object.keys(set).length) return toLine(current);
    const row = await trx.updateTable('factory_lines').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const after = toLine(row);
    await writeAudit(trx, actor, { action: 'factory.line.update', entity: 'line', entityId: id, orgId: current.org_id, before: toLine(current), after });
    return after;
  });
}

export async function deleteLine(db: DB, actor: Actor, id: string): Promise<void> {
  scopeOf(actor, FP.manage);
  await change(db, async (trx) => {
    const current = await loadLine(trx, actor, id);
    refuseIfUsed('line', {
      cells: await countWhere(trx, 'factory_cells', 'line_id', id),
      devices: await countWhere(trx, 'factory_devices', 'line_id', id),
    });
    await trx.deleteFrom('factory_lines').where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'factory.line.delete', entity: 'line', entityId: id, orgId: current.org_id, before: toLine(current) });
  });
}

// ---- work cells -----------------------------------------------------------------------------------------------

export async function createCell(db: DB, actor: Actor, d: { lineId: string; code: string; name: string }): Promise<PlantCell> {
  scopeOf(actor, FP.manage);
  return change(db, async (trx) => {
    const line = await parent(() => loadLine(trx, actor, d.lineId), 'lineId', 'line');
    const row = await trx
      .insertInto('factory_cells')
      .values({ line_id: line.id, code: d.code, name: d.name })
      .returning(['id', 'line_id', 'code', 'name'])
      .executeTakeFirstOrThrow();
    const after = toCell(row);
    await writeAudit(trx, actor, { action: 'factory.cell.create', entity: 'cell', entityId: row.id, orgId: line.org_id, after });
    return after;
  });
}

export async function updateCell(db: DB, actor: Actor, id: string, p: { code?: string; name?: string }): Promise<PlantCell> {
  scopeOf(actor, FP.manage);
  return change(db, async (trx) => {
    const current = await loadCell(trx, actor, id);
    const set = { ...(p.code !== undefined && { code: p.code }), ...(p.name !== undefined && { name: p.name }) };
    if (!Object.keys(set).length) return toCell(current);
    const row = await trx.updateTable('factory_cells').set(set).where('id', '=', id).returning(['id', 'line_id', 'code', 'name']).executeTakeFirstOrThrow();
    const after = toCell(row);
    await writeAudit(trx, actor, { action: 'factory.cell.update', entity: 'cell', entityId: id, orgId: current.org_id, before: toCell(current), after });
    return after;
  });
}

export async function deleteCell(db: DB, actor: Actor, id: string): Promise<void> {
  scopeOf(actor, FP.manage);
  await change(db, async (trx) => {
    const current = await loadCell(trx, actor, id);
    refuseIfUsed('cell', { devices: await countWhere(trx, 'factory_devices', 'cell_id', id) });
    await trx.deleteFrom('factory_cells').where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'factory.cell.delete', entity: 'cell', entityId: id, orgId: current.org_id, before: toCell(current) });
  });
}
