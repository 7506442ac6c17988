import { sql } from 'kysely';
import type { FactoryDevice, FactoryLine } from '@gearbridge/contracts/factory';
import { requireInScope, scopeOf, type Actor, orgInScopeSql } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { invalid, notFound } from '../../platform/errors';
import { FP } from './permissions';
import type { DB } from './db';
import { m } from './messages';
import { containing, paged } from '../../platform/db';

export async function listLines(db: DB, actor: Actor): Promise<FactoryLine[]> {
  const rows = await db
    .selectFrom('factory_lines as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .innerJoin('factory_areas as a', 'a.id', 'l.area_id')
    .innerJoin('factory_sites as s', 's.id', 'a.site_id')
    .leftJoin('factory_devices as d', 'd.line_id', 'l.id')
    .select([
      'l.id',
      'l.org_id',
      's.name as site_name',
      'a.name as area_name',
      'l.code',
      'l.name_zh',
      'l.name_en',
      'l.product',
      (eb) => eb.fn.count<number>('d.id').as('devices'),
      (eb) => eb.fn.sum<number>(sql`case when d.online then 1 else 0 end`).as('online'),
    ])
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .groupBy(['l.id', 's.name', 'a.name'])
    .orderBy('l.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    siteName: r.site_name,
    areaName: r.area_name,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    product: r.product,
    deviceCount: Number(r.devices),
    onlineCount: Number(r.online ?? 0),
  }));
}

function deviceQuery(db: DB) {
  return db
    .selectFrom('factory_devices as d')
    .innerJoin('organisations as o', 'o.id', 'd.org_id')
    .leftJoin('factory_lines as l', 'l.id', 'd.line_id')
    .leftJoin('factory_cells as c', 'c.id', 'd.cell_id')
    .select([
      'd.id',
      'd.org_id',
      'o.region_code',
      'd.line_id',
      'l.code as line_code',
      'c.code as cell_code',
      'd.code',
      'd.kind',
      'd.name_zh',
      'd.name_en',
      'd.ideal_cycle_s',
      'd.sp_group',
      'd.sp_node',
      'd.sp_device',
      'd.online',
      'd.last_seen_at',
      'd.discovered',
    ]);
}
type DeviceRow = Awaited<ReturnType<ReturnType<typeof deviceQuery>['executeTakeFirstOrThrow']>>;

const toDevice = (r: DeviceRow): FactoryDevice => ({
  id: r.id,
  orgId: r.org_id,
  lineId: r.line_id,
  lineCode: r.line_code,
  cellCode: r.cell_code,
  code: r.code,
  kind: r.kind,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  idealCycleS: r.ideal_cycle_s,
  sparkplug: { group: r.sp_group, node: r.sp_node, device: r.sp_device },
  online: r.online,
  lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
  discovered: r.discovered,
});

export interface DeviceFilter {
  page: number;
  pageSize: number;
  q?: string;
  lineId?: string;
  kind?: FactoryDevice['kind'];
  online?: 'true' | 'false';
  discovered?: 'true' | 'false';
}

export async function listDevices(db: DB, actor: Actor, f: DeviceFilter): Promise<{ items: FactoryDevice[]; total: number }> {
  let q = deviceQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('d.code', 'ilike', like), eb('d.name_zh', 'ilike', like), eb('d.name_en', 'ilike', like)]));
  }
  if (f.lineId) q = q.where('d.line_id', '=', f.lineId);
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  if (f.online) q = q.where('d.online', '=', f.online === 'true');
  if (f.discovered) q = q.where('d.discovered', '=', f.discovered === 'true');
  const { rows, total } = await paged(q, f, (b) => b.orderBy('d.code'));
  return { items: rows.map(toDevice), total };
}

async function loadDevice(db: DB, actor: Actor, id: string, permission: string) {
  const row = await deviceQuery(db).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('factory.device.not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.region_code });
  return row;
}

export async function getDevice(db: DB, actor: Actor, id: string): Promise<FactoryDevice> {
  return toDevice(await loadDevice(db, actor, id, FP.read));
}

export interface DeviceChanges {
  nameZh?: string;
  nameEn?: string;
  lineId?: string | null;
  cellCode?: string | null;
  idealCycleS?: number | null;
}

/** Renames a device, or places it on a line and station (a discovered device stops being "discovered"). */
export async function updateDevice(db: DB, actor: Actor, id: string, c: DeviceChanges): Promise<FactoryDevice> {
  return db.transaction().execute(async (trx) => {
    const before = toDevice(await loadDevice(trx, actor, id, FP.manage));
    let lineId = before.lineId;
    if (c.lineId !== undefined) {
      if (c.lineId) {
        const line = await trx.selectFrom('factory_lines').select(['id', 'org_id']).where('id', '=', c.lineId).executeTakeFirst();
        if (!line || line.org_id !== before.orgId) throw invalid(m('factory.device.line_unknown'), { lineId: m('factory.device.line_unknown_field') });
      }
      lineId = c.lineId;
    }
    let cellId: string | null | undefined;
    if (c.cellCode !== undefined || c.lineId !== undefined) {
      const code = c.cellCode !== undefined ? c.cellCode : before.cellCode;
      if (code && !lineId) throw invalid(m('factory.device.station_needs_line'), { cellCode: m('factory.device.station_needs_line_field') });
      if (code && lineId) {
        const cell = await trx.selectFrom('factory_cells').select('id').where('line_id', '=', lineId).where('code', '=', code).executeTakeFirst();
        cellId = cell?.id ?? (await trx.insertInto('factory_cells').values({ line_id: lineId, code, name: code }).returning('id').executeTakeFirstOrThrow()).id;
      } else cellId = null;
    }
    const set = {
      ...(c.nameZh !== undefined && { name_zh: c.nameZh }),
      ...(c.nameEn !== undefined && { name_en: c.nameEn }),
      ...(c.lineId !== undefined && { line_id: lineId, discovered: false }),
      ...(cellId !== undefined && { cell_id: cellId }),
      ...(c.idealCycleS !== undefined && { ideal_cycle_s: c.idealCycleS }),
    };
    // An empty patch changes nothing: the device as it is, and no audit row (nothing happened).
    if (!Object.keys(set).length) return before;
    await trx.updateTable('factory_devices').set(set).where('id', '=', id).execute();
    // Its line or ideal cycle time counts in every stored OEE day of its organisation: computed again (oee-rollup.ts).
    if (c.lineId !== undefined || c.idealCycleS !== undefined)
      await trx
        .updateTable('factory_oee_days')
        .set((eb) => ({ gen: eb('gen', '+', 1) }))
        .where('org_id', '=', before.orgId)
        .execute();
    const after = toDevice(await loadDevice(trx, actor, id, FP.manage));
    await writeAudit(trx, actor, { action: 'factory.device.update', entity: 'device', entityId: id, orgId: after.orgId, before, after });
    return after;
  });
}

/** The metrics a device has declared (in its BIRTH or JSON messages), for its charts. */
export async function deviceMetrics(db: DB, actor: Actor, id: string) {
  await loadDevice(db, actor, id, FP.read);
  return db
    .selectFrom('factory_metrics as m')
    .innerJoin('factory_devices as d', 'd.num', 'm.device_num')
    .select(['m.name', 'm.datatype', 'm.unit'])
    .where('d.id', '=', id)
    .orderBy('m.name')
    .execute();
}
