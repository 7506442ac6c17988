import { CompiledQuery, type SqlBool, sql } from 'kysely';
import type { Genealogy, GenealogyOp, RecallQuery, RecallResult, StationEventInput, Unit, UnitStatus } from '@gearbridge/contracts/factory';
import { orgInScopeSql, requireInScope, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { rawQueryOf } from '../../../platform/db';
import { conflict, invalid, notFound } from '../../../platform/errors';
import { FP } from '../permissions';
import type { DB } from '../db';
import { m } from '../messages';
import { requireOwnPlant } from '../own-plant';
import { parseHumanReadableGs1, recordUnitEvent, type UnitEventRefusal } from './unit-events';
import { crewsAt } from './crews.service';

export function unitQuery(db: DB) {
  return db
    .selectFrom('factory_units as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .innerJoin('factory_products as p', 'p.id', 'u.product_id')
    .innerJoin('factory_lines as l', 'l.id', 'u.line_id')
    .leftJoin('factory_work_orders as w', 'w.id', 'u.work_order_id')
    .select([
      'u.id',
      'u.org_id',
      'o.region_code',
      'u.serial',
      'u.product_serial',
      'u.gs1',
      'u.product_id',
      'p.part_no',
      'p.revision',
      'p.name_zh as product_name_zh',
      'p.name_en as product_name_en',
      'l.code as line_code',
      'u.work_order_id',
      'w.number as work_order_number',
      'u.status',
      'u.last_op',
      'u.held',
      'u.hold_reason',
      'u.born_at',
      'u.done_at',
    ]);
}
export type UnitRow = Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>;

export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  orgId: r.org_id,
  serial: r.serial,
  productSerial: r.product_serial,
  gs1: r.gs1,
  productId: r.product_id,
  partNo: r.part_no,
  revision: r.revision,
  productNameZh: r.product_name_zh,
  productNameEn: r.product_name_en,
  lineCode: r.line_code,
  workOrderId: r.work_order_id,
  workOrderNumber: r.work_order_number,
  status: r.status,
  lastOp: r.last_op,
  held: r.held,
  holdReason: r.hold_reason,
  bornAt: r.born_at.toISOString(),
  doneAt: r.done_at ? r.done_at.toISOString() : null,
});

export async function listUnits(
  db: DB,
  actor: Actor,
  q: { page: number; pageSize: number; q?: string; status?: UnitStatus; lineId?: string; workOrderId?: string; held?: 'true' | 'false' },
) {
  let base = unitQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.status) base = base.where('u.status', '=', q.status);
  if (q.lineId) base = base.where('u.line_id', '=', q.lineId);
  if (q.workOrderId) base = base.where('u.work_order_id', '=', q.workOrderId);
  if (q.held) base = base.where('u.held', '=', q.held === 'true');
  if (q.q) {
    const code = codeOf(q.q);
    base = base.where((eb) => eb.or([eb('u.serial', '=', code), eb('u.product_serial', '=', code), eb('u.serial', 'like', `${code.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)]));
  }
  const [rows, total] = await Promise.all([
    base
      .orderBy('u.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
  ]);
  return { items: rows.map(toUnit), total };
}

/** What was typed or scanned → the serial to look for: a GS1 element string gives its (21) serial. */
export function codeOf(input: string): string {
  const s = input.trim();
  const ais = parseHumanReadableGs1(s);
  return ais?.get('21') ?? s;
}

async function findUnit(db: DB, actor: Actor, code: string): Promise<UnitRow> {
  const c = codeOf(code);
  const rows = await unitQuery(db)
    .where((eb) => eb.or([eb('u.serial', '=', c), eb('u.product_serial', '=', c)]))
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .limit(2)
    .execute();
  if (!rows.length) throw notFound(m('factory.unit.not_found', { code: c }));
  return rows[0];
}

async function loadUnit(db: DB, actor: Actor, id: number): Promise<UnitRow> {
  const r = await unitQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(m('factory.unit.not_found', { code: String(id) }));
  requireInScope(actor, FP.read, { id: r.org_id, regionCode: r.region_code });
  return r;
}

export const lookupUnit = async (db: DB, actor: Actor, code: string): Promise<Unit> => toUnit(await findUnit(db, actor, code));

/**
 * A unit's whole history at once: every operation of its routing — reached or not — with the station, times,
 * result and defect, the operator, the station's parameters at that moment (its numeric metrics' last values at
 * completion, from telemetry), the measurements against their limits, and the component lots bound there.
 */
export async function genealogy(db: DB, actor: Actor, code: string): Promise<Genealogy> {
  const u = await findUnit(db, actor, code);
  const [ops, done, meas, comps] = await Promise.all([
    db.selectFrom('factory_routing_ops').select(['op', 'seq', 'name_zh', 'name_en']).where('product_id', '=', u.product_id).orderBy('seq').execute(),
    db
      .selectFrom('factory_unit_ops as x')
      .leftJoin('factory_devices as d', 'd.num', 'x.device_num')
      .leftJoin('users as p', 'p.id', 'x.operator_id')
      .leftJoin('factory_defect_codes as dc', (j) => j.onRef('dc.code', '=', 'x.defect_code').on('dc.org_id', '=', u.org_id))
      .select([
        'x.op',
        'x.device_num',
        'd.id as device_id',
        'd.code as device_code',
        'd.name_zh as device_name_zh',
        'd.name_en as device_name_en',
        'x.started_at',
        'x.completed_at',
        'x.result',
        'x.defect_code',
        'dc.name_zh as defect_name_zh',
        'dc.name_en as defect_name_en',
        'x.source',
        'p.display_name as operator_name',
      ])
      .where('x.unit_id', '=', u.id)
      .execute(),
    db
      .selectFrom('factory_measurements as v')
      .innerJoin('factory_characteristics as c', 'c.id', 'v.characteristic_id')
      .innerJoin('factory_routing_ops as o', 'o.id', 'c.op_id')
      .select(['o.op', 'c.id', 'c.code', 'c.name_zh', 'c.name_en', 'c.unit', 'c.nominal', 'c.lsl', 'c.usl', 'c.decimals', 'v.value', 'v.measured_at', 'v.source'])
      .where('v.unit_id', '=', u.id)
      .orderBy('c.code')
      .execute(),
    db
      .selectFrom('factory_unit_components as uc')
      .innerJoin('factory_component_lots as lot', 'lot.id', 'uc.lot_id')
      .innerJoin('factory_components as c', 'c.id', 'lot.component_id')
      .select(['uc.op', 'uc.qty', 'uc.bound_at', 'lot.id', 'lot.lot_no', 'c.code', 'c.part_no', 'c.name_zh', 'c.name_en', 'c.supplier'])
      .where('uc.unit_id', '=', u.id)
      .orderBy('c.code')
      .execute(),
  ]);
  // Parameters: per reached operation, the station's numeric metrics as they last were at that moment (the last
  // value within ten minutes before it), read from the telemetry's primary key — every operation in one query.
  const params = new Map<string, GenealogyOp['parameters']>();
  const reached = done.flatMap((x) => {
    const at = x.completed_at ?? x.started_at;
    return x.device_num === null || !at ? [] : [{ op: x.op, device: x.device_num, at: at.toISOString() }];
  });
  if (reached.length) {
    const rows = await db.executeQuery<{ op: string; name: string; unit: string | null; value: number; ts: Date | string }>(
      CompiledQuery.raw(
        `select x.op, mt.name, mt.unit, t.value, t.ts
           from unnest($1::text[], $2::int[], $3::timestamptz[]) as x(op, device_num, at)
           join factory_metrics mt on mt.device_num = x.device_num and mt.datatype in ('Double', 'Float') and mt.name not like 'meas/%'
          cross join lateral (
            select value, ts from factory_telemetry
             where device_num = x.device_num and metric_id = mt.id and ts <= x.at and ts > x.at - interval '10 minutes' and value is not null
             order by ts desc limit 1) t
          order by x.op, mt.name`,
        [reached.map((r) => r.op), reached.map((r) => r.device), reached.map((r) => r.at)],
      ),
    );
    for (const r of rows.rows) {
      const list = params.get(r.op) ?? [];
      list.push({ metric: r.name, value: r.value, unit: r.unit, at: new Date(r.ts).toISOString() });
      params.set(r.op, list);
    }
  }
  // A device's report names no person: the crew on the line's shift at that moment did the work.
  const crews = new Map<string, string>();
  const unnamed = done.filter((x) => x.operator_name === null && (x.completed_at ?? x.started_at));
  if (unnamed.length) {
    const lineId = await db.selectFrom('factory_units').select('line_id').where('id', '=', u.id).executeTakeFirstOrThrow();
    const names = await crewsAt(
      db,
      u.org_id,
      lineId.line_id,
      unnamed.map((x) => (x.completed_at ?? x.started_at)!),
    );
    for (const [i, x] of unnamed.entries()) if (names[i].length) crews.set(x.op, names[i].join('、'));
  }
  // Earlier passes a rework sent it back through, and the NCRs naming it (migration 0010).
  const [reworks, ncrs] = await Promise.all([
    db
      .selectFrom('factory_unit_op_history as h')
      .innerJoin('factory_ncrs as n', 'n.id', 'h.ncr_id')
      .leftJoin('factory_devices as d', 'd.num', 'h.device_num')
      .select(['h.op', 'd.code as device_code', 'h.started_at', 'h.completed_at', 'h.result', 'h.defect_code', 'n.id as ncr_id', 'n.number', 'h.reworked_at'])
      .where('h.unit_id', '=', u.id)
      .orderBy('h.reworked_at')
      .orderBy('h.id')
      .limit(200)
      .execute(),
    db
      .selectFrom('factory_ncr_units as nu')
      .innerJoin('factory_ncrs as n', 'n.id', 'nu.ncr_id')
      .select(['n.id', 'n.number', 'n.status', 'n.disposition', 'n.description', 'n.created_at'])
      .where('nu.unit_id', '=', u.id)
      .orderBy('n.created_at', 'desc')
      .limit(50)
      .execute(),
  ]);
  return {
    unit: toUnit(u),
    reworks: reworks.map((h) => ({
      op: h.op,
      deviceCode: h.device_code,
      startedAt: h.started_at ? h.started_at.toISOString() : null,
      completedAt: h.completed_at ? h.completed_at.toISOString() : null,
      result: h.result,
      defectCode: h.defect_code,
      ncrId: h.ncr_id,
      ncrNumber: h.number,
      reworkedAt: h.reworked_at.toISOString(),
    })),
    ncrs: ncrs.map((n) => ({ id: n.id, number: n.number, status: n.status, disposition: n.disposition, description: n.description, createdAt: n.created_at.toISOString() })),
    ops: ops.map((o) => {
      const x = done.find((d) => d.op === o.op);
      return {
        op: o.op,
        seq: o.seq,
        nameZh: o.name_zh,
        nameEn: o.name_en,
        reached: !!x,
        deviceId: x?.device_id ?? null,
        deviceCode: x?.device_code ?? null,
        deviceNameZh: x?.device_name_zh ?? null,
        deviceNameEn: x?.device_name_en ?? null,
        startedAt: x?.started_at ? x.started_at.toISOString() : null,
        completedAt: x?.completed_at ? x.completed_at.toISOString() : null,
        result: x?.result ?? null,
        defectCode: x?.defect_code ?? null,
        defectNameZh: x?.defect_name_zh ?? null,
        defectNameEn: x?.defect_name_en ?? null,
        source: x?.source ?? null,
        operatorName: x?.operator_name ?? crews.get(o.op) ?? null,
        parameters: params.get(o.op) ?? [],
        measurements: meas
          .filter((v) => v.op === o.op)
          .map((v) => ({
            characteristicId: v.id,
            code: v.code,
            nameZh: v.name_zh,
            nameEn: v.name_en,
            unit: v.unit,
            value: v.value,
            nominal: v.nominal,
            lsl: v.lsl,
            usl: v.usl,
            decimals: v.decimals,
            inSpec: (v.lsl === null || v.value >= v.lsl) && (v.usl === null || v.value <= v.usl),
            measuredAt: v.measured_at.toISOString(),
            source: v.source,
          })),
        components: comps
          .filter((c) => c.op === o.op)
          .map((c) => ({
            lotId: c.id,
            lotNo: c.lot_no,
            componentCode: c.code,
            partNo: c.part_no,
            nameZh: c.name_zh,
            nameEn: c.name_en,
            supplier: c.supplier,
            qty: c.qty,
            boundAt: c.bound_at.toISOString(),
          })),
      };
    }),
  };
}

const REFUSAL_STATUS: Record<UnitEventRefusal, 'invalid' | 'conflict'> = {
  unit_station_unknown: 'invalid',
  unit_op_unknown: 'invalid',
  unit_not_born: 'conflict',
  unit_op_repeated: 'conflict',
  unit_gtin_mismatch: 'invalid',
  unit_product_serial_taken: 'conflict',
  unit_characteristic_unknown: 'invalid',
  unit_component_unknown: 'invalid',
  unit_lot_blocked: 'conflict',
};

/**
 * A person records a unit at a station (the station page: scanner or camera). Same rules as a device's report; a
 * completion recorded twice is a 409, not a second row. A NOK needs a defect code the organisation knows.
 */
export async function recordAtStation(db: DB, actor: Actor, input: StationEventInput): Promise<{ unit: Unit; op: string; created: boolean }> {
  const unitId = await db.transaction().execute(async (trx) => {
    const dev = await trx
      .selectFrom('factory_devices as d')
      .innerJoin('organisations as o', 'o.id', 'd.org_id')
      .select(['d.num', 'd.org_id', 'o.region_code'])
      .where('d.id', '=', input.deviceId)
      .executeTakeFirst();
    if (!dev) throw notFound(m('factory.device.not_found'));
    requireInScope(actor, FP.read, { id: dev.org_id, regionCode: dev.region_code });
    requireOwnPlant(actor, FP.station, dev.org_id);
    if (input.result === 'NOK') {
      const known = await trx.selectFrom('factory_defect_codes').select('code').where('org_id', '=', dev.org_id).where('code', '=', input.defectCode!).executeTakeFirst();
      if (!known) throw invalid(m('factory.unit.defect_unknown', { code: input.defectCode! }), { defectCode: m('factory.unit.defect_unknown', { code: input.defectCode! }) });
    }
    const serial = codeOf(input.serial);
    const outcome = await recordUnitEvent(rawQueryOf(trx), {
      device: dev.num,
      ts: Date.now(),
      event: input.event,
      serial,
      result: input.result ?? null,
      defect: input.defectCode ?? null,
      productId: null,
      measurements: input.measurements ?? {},
      lots: input.lots ?? {},
      source: 'manual',
      operatorId: actor.userId,
    });
    if (!outcome.ok) {
      const msg = m(`factory.unit.${outcome.reason}`, outcome.params as never);
      throw REFUSAL_STATUS[outcome.reason] === 'conflict' ? conflict(msg) : invalid(msg);
    }
    if (outcome.created) {
      await writeAudit(trx, actor, {
        action: `factory.unit.${input.event}`,
        entity: 'unit',
        entityId: String(outcome.unitId),
        orgId: dev.org_id,
        after: { serial, op: outcome.op, result: input.result ?? null, defectCode: input.defectCode ?? null, measurements: input.measurements, lots: input.lots },
      });
    }
    return { id: outcome.unitId, op: outcome.op, created: outcome.created };
  });
  return { unit: toUnit(await loadUnit(db, actor, unitId.id)), op: unitId.op, created: unitId.created };
}

/** The units a recall reaches, as a query over the units table (so listing, counting, holding and exporting agree). */
async function recallScope(db: DB, actor: Actor, q: RecallQuery) {
  let label: string;
  let kind: 'lot' | 'device';
  let lotId: number | null = null;
  let base = placedUnitQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.lotId !== undefined || q.componentCode) {
    const lot = await db
      .selectFrom('factory_component_lots as lot')
      .innerJoin('factory_components as c', 'c.id', 'lot.component_id')
      .innerJoin('organisations as o', 'o.id', 'c.org_id')
      .select(['lot.id', 'lot.lot_no', 'c.code', 'c.name_zh', 'c.org_id', 'o.region_code'])
      .$if(q.lotId !== undefined, (b) => b.where('lot.id', '=', q.lotId!))
      .$if(q.lotId === undefined, (b) => b.where('c.code', '=', q.componentCode!).where('lot.lot_no', '=', q.lotNo!))
      .where(orgInScopeSql(scopeOf(actor, FP.read)))
      .executeTakeFirst();
    if (!lot) throw notFound(m('factory.recall.lot_not_found'));
    kind = 'lot';
    lotId = lot.id;
    label = `${lot.code} ${lot.lot_no}`;
    // The lot's units as an array the units' key is probed with: `in (subquery)` let the planner walk the units in
    // key order (or scan them all) to the lot's, in time proportional to the table rather than to the lot.
    const ofLot = db.selectFrom('factory_unit_components').select('unit_id').where('lot_id', '=', lot.id);
    base = base.where(sql<SqlBool>`u.id = any(array(${ofLot}))`);
  } else {
    const dev = await db
      .selectFrom('factory_devices as d')
      .innerJoin('organisations as o', 'o.id', 'd.org_id')
      .select(['d.num', 'd.code', 'd.org_id', 'o.region_code'])
      .where('d.id', '=', q.deviceId!)
      .executeTakeFirst();
    if (!dev) throw notFound(m('factory.device.not_found'));
    requireInScope(actor, FP.read, { id: dev.org_id, regionCode: dev.region_code });
    const from = new Date(q.from!);
    const to = new Date(q.to!);
    if (!(from < to)) throw invalid(m('factory.recall.window_reversed'), { to: m('factory.recall.window_reversed') });
    kind = 'device';
    label = `${dev.code} ${q.from} – ${q.to}`;
    // Processed on the device in the window: the operation there started or completed within it.
    base = base.where('u.id', 'in', (eb) =>
      eb
        .selectFrom('factory_unit_ops')
        .select('unit_id')
        .where('device_num', '=', dev.num)
        .where((w) => w.or([w.between('completed_at', from, to), w.between('started_at', from, to)])),
    );
  }
  return { base, lotId, source: { kind, label } };
}

/**
 * The unit query with where each unit is in logistics (migration 0007): its box or pallet, the pallet's warehouse
 * receipt and delivery. `place`: line_end (not packed), packed, stock (its pallet received at the warehouse), shipped.
 */
export function placedUnitQuery(db: DB) {
  return unitQuery(db)
    .leftJoin('factory_packed_units as pu', 'pu.unit_id', 'u.id')
    .leftJoin('factory_boxes as bx', 'bx.id', 'pu.box_id')
    .leftJoin('factory_pallets as pl', 'pl.id', 'pu.pallet_id')
    .leftJoin('factory_deliveries as dl', 'dl.id', 'pl.delivery_id')
    .select([
      sql<string | null>`coalesce(pl.sscc, bx.number)`.as('container'),
      'dl.number as delivery_number',
      sql<'line_end' | 'packed' | 'stock' | 'shipped'>`case when pu.unit_id is null then 'line_end' when pl.delivery_id is not null then 'shipped'
        when pl.received_at is not null then 'stock' else 'packed' end`.as('place'),
    ]);
}
type PlacedRow = UnitRow & { container: string | null; delivery_number: string | null; place: 'line_end' | 'packed' | 'stock' | 'shipped' };

const whereOf = (r: PlacedRow): RecallResult['items'][number]['where'] => {
  const s: UnitStatus = r.status;
  if (s !== 'done') return s === 'wip' ? 'line' : s;
  return r.place === 'line_end' ? 'finished' : r.place;
};
const recallUnit = (r: PlacedRow) => ({ ...toUnit(r), where: whereOf(r), container: r.container, deliveryNumber: r.delivery_number });

export async function recall(db: DB, actor: Actor, q: RecallQuery): Promise<RecallResult> {
  const { base, source } = await recallScope(db, actor, q);
  const [rows, counts] = await Promise.all([
    base
      .orderBy('u.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .clearSelect()
      .select(['u.status', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(*) filter (where u.held)`.as('held')])
      .groupBy('u.status')
      .execute(),
  ]);
  const byStatus: Record<string, number> = {};
  for (const c of counts) byStatus[c.status] = Number(c.n);
  return {
    items: rows.map(recallUnit),
    total: counts.reduce((s, c) => s + Number(c.n), 0),
    held: counts.reduce((s, c) => s + Number(c.held), 0),
    page: q.page,
    pageSize: q.pageSize,
    byStatus,
    source,
  };
}

/** Every unit of a recall, for its Excel export (bounded: a recall past 100,000 units is refused). */
export async function recallAll(db: DB, actor: Actor, q: RecallQuery) {
  const { base, source } = await recallScope(db, actor, q);
  const rows = await base.orderBy('u.id').limit(100_001).execute();
  if (rows.length > 100_000) throw invalid(m('factory.recall.too_many', { max: 100_000 }));
  return { units: rows.map(recallUnit), source };
}

/** The ids of a recall's units (at most `max + 1`: the caller refuses more) and the lot it started from, if any. */
export async function recallUnitIds(db: DB, actor: Actor, q: RecallQuery, max: number): Promise<{ ids: number[]; lotId: number | null }> {
  const { base, lotId } = await recallScope(db, actor, q);
  const rows = await base
    .clearSelect()
    .select('u.id')
    .orderBy('u.id')
    .limit(max + 1)
    .execute();
  return { ids: rows.map((r) => r.id), lotId };
}

/** Holds (or releases) units — one, or everything a recall found — with a reason; each change audited. */
export async function setHold(db: DB, actor: Actor, target: { unitId: number } | { recall: RecallQuery }, hold: boolean, reason: string): Promise<{ changed: number }> {
  return db.transaction().execute(async (trx) => {
    let ids: { id: number; org_id: string; serial: string }[];
    if ('unitId' in target) {
      const u = await loadUnit(trx, actor, target.unitId);
      ids = [{ id: u.id, org_id: u.org_id, serial: u.serial }];
    } else {
      const { base } = await recallScope(trx, actor, target.recall);
      ids = (await base.clearSelect().select(['u.id', 'u.org_id', 'u.serial']).limit(100_001).execute()) as typeof ids;
      if (ids.length > 100_000) throw invalid(m('factory.recall.too_many', { max: 100_000 }));
    }
    for (const org of new Set(ids.map((i) => i.org_id))) requireOwnPlant(actor, FP.quality, org);
    const changed = await trx
      .updateTable('factory_units')
      .set({ held: hold, hold_reason: hold ? reason : null })
      .where(
        'id',
        'in',
        ids.map((i) => i.id),
      )
      .where('held', '=', !hold)
      .returning(['id', 'org_id', 'serial'])
      .execute()
      .then((r) => (ids.length ? r : []));
    for (const u of changed) {
      await writeAudit(trx, actor, {
        action: hold ? 'factory.unit.hold' : 'factory.unit.release',
        entity: 'unit',
        entityId: String(u.id),
        orgId: u.org_id,
        after: { serial: u.serial, held: hold, reason },
      });
    }
    if ('unitId' in target && !changed.length) throw conflict(m(hold ? 'factory.unit.already_held' : 'factory.unit.not_held'));
    return { changed: changed.length };
  });
}

export async function listLots(db: DB, actor: Actor, q: { page: number; pageSize: number; q?: string; componentCode?: string }) {
  let base = db
    .selectFrom('factory_component_lots as lot')
    .innerJoin('factory_components as c', 'c.id', 'lot.component_id')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.componentCode) base = base.where('c.code', '=', q.componentCode);
  if (q.q) base = base.where('lot.lot_no', 'ilike', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [rows, total] = await Promise.all([
    base
      .select([
        'lot.id',
        'lot.lot_no',
        'lot.first_seen_at',
        'c.code',
        'c.part_no',
        'c.name_zh',
        'c.name_en',
        'c.supplier',
        (eb) =>
          eb
            .selectFrom('factory_unit_components as uc')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('uc.lot_id', '=', 'lot.id')
            .as('units'),
      ])
      .orderBy('lot.first_seen_at', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      componentCode: r.code,
      partNo: r.part_no,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      lotNo: r.lot_no,
      supplier: r.supplier,
      units: Number(r.units ?? 0),
      firstSeenAt: r.first_seen_at.toISOString(),
    })),
    total,
  };
}

export async function listDefectCodes(db: DB, actor: Actor) {
  return db
    .selectFrom('factory_defect_codes as d')
    .innerJoin('organisations as o', 'o.id', 'd.org_id')
    .select(['d.code', 'd.name_zh as nameZh', 'd.name_en as nameEn'])
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .orderBy('d.code')
    .execute();
}
