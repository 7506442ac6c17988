import { sql, type Transaction } from 'kysely';
import { NCR_MAX_UNITS, type Ncr, type NcrDetail, type NcrDispositionInput, type NcrInput, type NcrQuery } from '@gearbridge/contracts/factory';
import { orgInScopeSql, requireInScope, requirePermission, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors';
import { localDay } from '../../../platform/time';
import { FP } from '../permissions';
import type { Database, DB } from '../db';
import { m } from '../messages';
import { requireOwnPlant } from '../own-plant';
import { recallUnitIds } from './units.service';
import { containing } from '../../../platform/db';

/**
 * Nonconformance records (migration 0010). Creating one contains its units (puts them on hold); the disposition acts
 * on them in the same transaction — scrap, rework (back to an operation: the records from there on move to the
 * unit's history), use as is (a concession: released once a second person approves), return to supplier (the lot
 * blocked, its units held). Closing records root cause and corrective action and changes nothing else. Reading needs
 * factory.read over the organisation; every change needs factory.quality in the plant's own organisation.
 */

type Trx = Transaction<Database>;

/** The unit list a detail shows at most (the record may name up to NCR_MAX_UNITS). */
const DETAIL_UNITS = 200;

function ncrQuery(db: DB) {
  return db
    .selectFrom('factory_ncrs as n')
    .innerJoin('organisations as o', 'o.id', 'n.org_id')
    .leftJoin('factory_lines as l', 'l.id', 'n.line_id')
    .leftJoin('factory_defect_codes as dc', (j) => j.onRef('dc.org_id', '=', 'n.org_id').onRef('dc.code', '=', 'n.defect_code'))
    .leftJoin('factory_component_lots as lot', 'lot.id', 'n.lot_id')
    .leftJoin('factory_components as c', 'c.id', 'lot.component_id')
    .leftJoin('users as ud', 'ud.id', 'n.dispositioned_by')
    .leftJoin('users as ua', 'ua.id', 'n.approved_by')
    .leftJoin('users as uc', 'uc.id', 'n.closed_by')
    .leftJoin('users as ucr', 'ucr.id', 'n.created_by')
    .select([
      'n.id',
      'n.org_id',
      'o.region_code',
      'n.number',
      'n.status',
      'n.source',
      'n.spc_signal_id',
      'n.line_id',
      'l.code as line_code',
      'n.op',
      'n.defect_code',
      'dc.name_zh as defect_name_zh',
      'dc.name_en as defect_name_en',
      'n.description',
      'n.quantity',
      'n.lot_id',
      'lot.lot_no',
      'lot.blocked_at',
      'c.code as component_code',
      'c.supplier',
      'n.disposition',
      'n.disposition_reason',
      'n.rework_op',
      'n.dispositioned_by',
      'ud.display_name as dispositioned_name',
      'n.dispositioned_at',
      'n.approved_by',
      'ua.display_name as approved_name',
      'n.approved_at',
      'n.root_cause',
      'n.corrective_action',
      'n.closed_by',
      'uc.display_name as closed_name',
      'n.closed_at',
      'n.cancel_reason',
      'n.cancelled_at',
      'n.created_by',
      'ucr.display_name as created_name',
      'n.created_at',
      (eb) =>
        eb
          .selectFrom('factory_ncr_units as nu')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('nu.ncr_id', '=', 'n.id')
          .as('units'),
      (eb) =>
        eb
          .selectFrom('factory_ncr_units as nu')
          .innerJoin('factory_units as hu', 'hu.id', 'nu.unit_id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('nu.ncr_id', '=', 'n.id')
          .where('hu.held', '=', true)
          .as('held'),
    ]);
}
type NcrRow = Awaited<ReturnType<ReturnType<typeof ncrQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const who = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

const toNcr = (r: NcrRow): Ncr => ({
  id: r.id,
  orgId: r.org_id,
  number: r.number,
  status: r.status,
  source: r.source,
  spcSignalId: r.spc_signal_id,
  lineId: r.line_id,
  lineCode: r.line_code,
  op: r.op,
  defectCode: r.defect_code,
  defectNameZh: r.defect_name_zh,
  defectNameEn: r.defect_name_en,
  description: r.description,
  quantity: r.quantity,
  units: Number(r.units ?? 0),
  held: Number(r.held ?? 0),
  lot: r.lot_id !== null ? { id: r.lot_id, componentCode: r.component_code ?? '', lotNo: r.lot_no ?? '', supplier: r.supplier, blocked: r.blocked_at !== null } : null,
  disposition: r.disposition,
  dispositionReason: r.disposition_reason,
  reworkOp: r.rework_op,
  dispositionedBy: who(r.dispositioned_by, r.dispositioned_name),
  dispositionedAt: iso(r.dispositioned_at),
  awaitingApproval: r.status === 'dispositioned' && r.disposition === 'use_as_is' && r.approved_at === null,
  approvedBy: who(r.approved_by, r.approved_name),
  approvedAt: iso(r.approved_at),
  rootCause: r.root_cause,
  correctiveAction: r.corrective_action,
  closedBy: who(r.closed_by, r.closed_name),
  closedAt: iso(r.closed_at),
  cancelReason: r.cancel_reason,
  cancelledAt: iso(r.cancelled_at),
  createdBy: who(r.created_by, r.created_name),
  createdAt: r.created_at.toISOString(),
});

export async function listNcrs(db: DB, actor: Actor, q: NcrQuery) {
  let base = ncrQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.status) base = base.where('n.status', '=', q.status);
  if (q.source) base = base.where('n.source', '=', q.source);
  if (q.disposition) base = base.where('n.disposition', '=', q.disposition);
  if (q.lineId) base = base.where('n.line_id', '=', q.lineId);
  if (q.unitId !== undefined) {
    const unitId = q.unitId;
    base = base.where((eb) => eb.exists(eb.selectFrom('factory_ncr_units as f').select('f.unit_id').whereRef('f.ncr_id', '=', 'n.id').where('f.unit_id', '=', unitId)));
  }
  if (q.q) {
    const like = containing(q.q);
    base = base.where((eb) => eb.or([eb('n.number', 'ilike', like), eb('n.description', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    base
      .orderBy('n.created_at', 'desc')
      .orderBy('n.number', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
  ]);
  return { items: rows.map(toNcr), total, page: q.page, pageSize: q.pageSize };
}

async function loadNcr(db: DB, actor: Actor, id: string): Promise<NcrRow> {
  const r = await ncrQuery(db).where('n.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(m('factory.ncr.not_found'));
  requireInScope(actor, FP.read, { id: r.org_id, regionCode: r.region_code });
  return r;
}

export async function getNcr(db: DB, actor: Actor, id: string): Promise<NcrDetail> {
  const r = await loadNcr(db, actor, id);
  const units = await db
    .selectFrom('factory_ncr_units as nu')
    .innerJoin('factory_units as u', 'u.id', 'nu.unit_id')
    .select(['u.id', 'u.serial', 'u.product_serial', 'u.status', 'u.last_op', 'u.held'])
    .where('nu.ncr_id', '=', id)
    .orderBy('u.id')
    .limit(DETAIL_UNITS + 1)
    .execute();
  return {
    ...toNcr(r),
    unitList: units.slice(0, DETAIL_UNITS).map((u) => ({ id: u.id, serial: u.serial, productSerial: u.product_serial, status: u.status, lastOp: u.last_op, held: u.held })),
    unitsTruncated: units.length > DETAIL_UNITS,
  };
}

/** The next number of an organisation's year: NCR-2026-0001 (a row per organisation and year, locked by the upsert). */
async function nextNumber(trx: Trx, orgId: string): Promise<string> {
  const year = Number(localDay().slice(0, 4));
  const r = await trx
    .insertInto('factory_ncr_counters')
    .values({ org_id: orgId, year, last: 1 })
    .onConflict((oc) => oc.columns(['org_id', 'year']).doUpdateSet({ last: sql`factory_ncr_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `NCR-${year}-${String(r.last).padStart(4, '0')}`;
}

interface UnitLite {
  id: number;
  org_id: string;
  serial: string;
  product_id: string;
  line_id: string;
  status: 'wip' | 'done' | 'nok' | 'scrapped';
  held: boolean;
  last_op: string | null;
}
const unitLite = ['u.id', 'u.org_id', 'u.serial', 'u.product_id', 'u.line_id', 'u.status', 'u.held', 'u.last_op'] as const;

/** Puts units on hold for an NCR (those not held yet), each audited; returns the ids it held. */
async function holdUnits(trx: Trx, actor: Actor | null, units: UnitLite[], number: string): Promise<Set<number>> {
  const free = units.filter((u) => !u.held && u.status !== 'scrapped');
  if (!free.length) return new Set();
  const changed = await trx
    .updateTable('factory_units')
    .set({ held: true, hold_reason: number })
    .where(
      'id',
      'in',
      free.map((u) => u.id),
    )
    .where('held', '=', false)
    .returning(['id', 'org_id', 'serial'])
    .execute();
  for (const u of changed) {
    await writeAudit(trx, actor, { action: 'factory.unit.hold', entity: 'unit', entityId: String(u.id), orgId: u.org_id, after: { serial: u.serial, held: true, reason: number } });
  }
  return new Set(changed.map((u) => u.id));
}

/**
 * Records a nonconformance and contains it: the units it names (by id, or every unit a recall found) go on hold.
 * Line, operation and defect code default to what the units' NOK records say when they agree.
 */
export async function createNcr(db: DB, actor: Actor | null, input: NcrInput, opts: { createdAt?: Date } = {}): Promise<Ncr> {
  if (actor) requirePermission(actor, FP.quality);
  const id = await db.transaction().execute(async (trx) => {
    const scope = actor ? scopeOf(actor, FP.read) : null;
    // The units.
    let ids: number[] = input.unitIds ? [...new Set(input.unitIds)] : [];
    let lotId = input.lotId ?? null;
    if (input.recall) {
      if (!actor) throw invalid(m('factory.ncr.nothing_named'));
      const r = await recallUnitIds(trx, actor, input.recall, NCR_MAX_UNITS);
      ids = [...new Set([...ids, ...r.ids])];
      lotId ??= r.lotId;
    }
    // The SPC signal: its characteristic's operation and the line of its product.
    let signal: { id: number; org_id: string; op: string; line_id: string | null; unit_id: number | null } | undefined;
    if (input.spcSignalId !== undefined) {
      signal = await trx
        .selectFrom('factory_spc_signals as s')
        .innerJoin('factory_characteristics as ch', 'ch.id', 's.characteristic_id')
        .innerJoin('factory_routing_ops as r', 'r.id', 'ch.op_id')
        .innerJoin('factory_products as p', 'p.id', 'ch.product_id')
        .innerJoin('organisations as o', 'o.id', 'p.org_id')
        .select(['s.id', 'p.org_id', 'r.op', 'p.line_id', 's.unit_id'])
        .where('s.id', '=', input.spcSignalId)
        .$if(!!scope, (b) => b.where(orgInScopeSql(scope!)))
        .executeTakeFirst();
      if (!signal) throw notFound(m('factory.ncr.spc_signal_not_found'));
      // The unit whose measurement made the signal's last point is suspect: it is contained with the record.
      if (signal.unit_id !== null && !ids.includes(signal.unit_id)) ids.push(signal.unit_id);
    }
    if (ids.length > NCR_MAX_UNITS) throw invalid(m('factory.ncr.too_many_units', { max: NCR_MAX_UNITS }));
    let units: UnitLite[] = [];
    if (ids.length) {
      units = (await trx
        .selectFrom('factory_units as u')
        .innerJoin('organisations as o', 'o.id', 'u.org_id')
        .select(unitLite)
        .where('u.id', 'in', ids)
        .$if(!!scope, (b) => b.where(orgInScopeSql(scope!)))
        .forUpdate('u')
        .execute()) as UnitLite[];
      if (units.length !== ids.length) {
        const found = new Set(units.map((u) => u.id));
        const missing = ids.find((i) => !found.has(i))!;
        throw notFound(m('factory.ncr.unit_not_found', { id: missing }));
      }
    }
    // The lot.
    let lot: { id: number; org_id: string } | undefined;
    if (lotId !== null) {
      lot = await trx
        .selectFrom('factory_component_lots as lot')
        .innerJoin('factory_components as c', 'c.id', 'lot.component_id')
        .innerJoin('organisations as o', 'o.id', 'c.org_id')
        .select(['lot.id', 'c.org_id'])
        .where('lot.id', '=', lotId)
        .$if(!!scope, (b) => b.where(orgInScopeSql(scope!)))
        .executeTakeFirst();
      if (!lot) throw notFound(m('factory.ncr.lot_not_found'));
    }
    // The line.
    let line: { id: string; org_id: string } | undefined;
    if (input.lineId) {
      line = await trx
        .selectFrom('factory_lines as l')
        .innerJoin('organisations as o', 'o.id', 'l.org_id')
        .select(['l.id', 'l.org_id'])
        .where('l.id', '=', input.lineId)
        .$if(!!scope, (b) => b.where(orgInScopeSql(scope!)))
        .executeTakeFirst();
      if (!line) throw invalid(m('factory.line.not_found'), { lineId: m('factory.line.not_found') });
    }
    const orgs = new Set([...units.map((u) => u.org_id), lot?.org_id, signal?.org_id, line?.org_id].filter((o): o is string => !!o));
    if (orgs.size > 1) throw invalid(m('factory.ncr.one_org'));
    const orgId = [...orgs][0] ?? actor?.orgId;
    if (!orgId) throw invalid(m('factory.ncr.nothing_named'));
    if (actor) requireOwnPlant(actor, FP.quality, orgId);

    // What the units' NOK records say, when they agree.
    const noks = units.length
      ? await trx
          .selectFrom('factory_unit_ops')
          .select(['unit_id', 'op', 'defect_code'])
          .where(
            'unit_id',
            'in',
            units.map((u) => u.id),
          )
          .where('result', '=', 'NOK')
          .execute()
      : [];
    const agreed = <T>(values: T[]) => (values.length && values.every((v) => v === values[0]) ? values[0] : null);
    const lineId = line?.id ?? agreed(units.map((u) => u.line_id)) ?? signal?.line_id ?? null;
    const op = input.op ?? agreed(noks.map((n) => n.op)) ?? signal?.op ?? null;
    const defectCode = input.defectCode ?? agreed(noks.map((n) => n.defect_code)) ?? null;
    if (input.defectCode) {
      const known = await trx.selectFrom('factory_defect_codes').select('code').where('org_id', '=', orgId).where('code', '=', input.defectCode).executeTakeFirst();
      if (!known) throw invalid(m('factory.unit.defect_unknown', { code: input.defectCode }), { defectCode: m('factory.unit.defect_unknown', { code: input.defectCode }) });
    }
    const quantity = input.quantity ?? (units.length || 1);
    if (quantity < units.length) throw invalid(m('factory.ncr.too_many_units', { max: quantity }), { quantity: m('factory.ncr.too_many_units', { max: quantity }) });

    const number = await nextNumber(trx, orgId);
    const ncr = await trx
      .insertInto('factory_ncrs')
      .values({
        org_id: orgId,
        number,
        source: input.source,
        spc_signal_id: signal?.id ?? null,
        line_id: lineId,
        op,
        defect_code: defectCode,
        description: input.description,
        quantity,
        lot_id: lot?.id ?? null,
        created_by: actor?.userId ?? null,
        ...(opts.createdAt ? { created_at: opts.createdAt } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const heldHere = await holdUnits(trx, actor, units, number);
    for (let i = 0; i < units.length; i += 1000) {
      await trx
        .insertInto('factory_ncr_units')
        .values(units.slice(i, i + 1000).map((u) => ({ ncr_id: ncr.id, unit_id: u.id, held_here: heldHere.has(u.id) })))
        .execute();
    }
    await writeAudit(trx, actor, {
      action: 'factory.ncr.create',
      entity: 'ncr',
      entityId: ncr.id,
      orgId,
      after: { number, source: input.source, lineId, op, defectCode, description: input.description, quantity, lotId: lot?.id ?? null, units: units.length, held: heldHere.size },
    });
    return ncr.id;
  });
  return actor ? toNcr(await loadNcr(db, actor, id)) : toNcr((await ncrQuery(db).where('n.id', '=', id).executeTakeFirstOrThrow()) as NcrRow);
}

/** The NCR locked for a change by someone with the quality permission in its plant. */
async function lockNcr(trx: Trx, actor: Actor | null, id: string) {
  if (actor) requirePermission(actor, FP.quality);
  const n = await trx.selectFrom('factory_ncrs').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!n) throw notFound(m('factory.ncr.not_found'));
  if (actor) {
    const org = await trx.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', n.org_id).executeTakeFirstOrThrow();
    requireInScope(actor, FP.read, { id: org.id, regionCode: org.region_code });
    requireOwnPlant(actor, FP.quality, n.org_id);
  }
  return n;
}
const finished = (s: string) => s === 'closed' || s === 'cancelled';

async function ncrUnits(trx: Trx, ncrId: string): Promise<UnitLite[]> {
  return (await trx
    .selectFrom('factory_ncr_units as nu')
    .innerJoin('factory_units as u', 'u.id', 'nu.unit_id')
    .select(unitLite)
    .where('nu.ncr_id', '=', ncrId)
    .orderBy('u.id')
    .forUpdate('u')
    .execute()) as UnitLite[];
}

/** Units that are packed cannot be scrapped or reworked in place: the first such is named. */
async function refusePacked(trx: Trx, units: UnitLite[]) {
  if (!units.length) return;
  const packed = await trx
    .selectFrom('factory_packed_units as pu')
    .innerJoin('factory_units as u', 'u.id', 'pu.unit_id')
    .leftJoin('factory_boxes as b', 'b.id', 'pu.box_id')
    .leftJoin('factory_pallets as p', 'p.id', 'pu.pallet_id')
    .select(['u.serial', sql<string>`coalesce(b.number, p.sscc)`.as('container')])
    .where(
      'pu.unit_id',
      'in',
      units.map((u) => u.id),
    )
    .limit(1)
    .executeTakeFirst();
  if (packed) throw conflict(m('factory.ncr.unit_packed', { serial: packed.serial, container: packed.container }));
}

/** Releases units from hold (those held), each audited. */
async function releaseUnits(trx: Trx, actor: Actor | null, ids: number[], reason: string, extra: { status?: 'wip' | 'done' } = {}) {
  if (!ids.length) return;
  const changed = await trx
    .updateTable('factory_units')
    .set({ held: false, hold_reason: null })
    .where('id', 'in', ids)
    .where('held', '=', true)
    .returning(['id', 'org_id', 'serial'])
    .execute();
  for (const u of changed) {
    await writeAudit(trx, actor, {
      action: 'factory.unit.release',
      entity: 'unit',
      entityId: String(u.id),
      orgId: u.org_id,
      after: { serial: u.serial, held: false, reason, ...extra },
    });
  }
}

/**
 * Sends units back to `op`: their operation records from `op` on (by routing sequence) and those operations'
 * measurements move to the unit's history under this NCR; the unit is work in progress again, its last operation the
 * one before `op`, and off hold so the line can run it.
 */
async function rework(trx: Trx, actor: Actor | null, ncr: { id: string; number: string }, units: UnitLite[], op: string) {
  const routing = await trx
    .selectFrom('factory_routing_ops')
    .select(['id', 'product_id', 'op', 'seq'])
    .where('product_id', 'in', [...new Set(units.map((u) => u.product_id))])
    .execute();
  for (const u of units) {
    if (u.status === 'scrapped') throw conflict(m('factory.ncr.unit_scrapped', { serial: u.serial }));
    const own = routing.filter((r) => r.product_id === u.product_id);
    const at = own.find((r) => r.op === op);
    if (!at) throw invalid(m('factory.ncr.rework_op_unknown', { op, serial: u.serial }), { reworkOp: m('factory.ncr.rework_op_unknown', { op, serial: u.serial }) });
    const again = own.filter((r) => r.seq >= at.seq);
    const before = own.filter((r) => r.seq < at.seq).sort((a, b) => b.seq - a.seq)[0];
    const ops = again.map((r) => r.op);
    const opIds = again.map((r) => r.id);
    const measured = await trx
      .selectFrom('factory_measurements as v')
      .innerJoin('factory_characteristics as c', 'c.id', 'v.characteristic_id')
      .innerJoin('factory_routing_ops as r', 'r.id', 'c.op_id')
      .select(['r.op', 'v.characteristic_id', 'v.value', 'v.measured_at'])
      .where('v.unit_id', '=', u.id)
      .where('c.op_id', 'in', opIds)
      .execute();
    const done = await trx.selectFrom('factory_unit_ops').selectAll().where('unit_id', '=', u.id).where('op', 'in', ops).execute();
    if (done.length) {
      await trx
        .insertInto('factory_unit_op_history')
        .values(
          done.map((d) => ({
            unit_id: u.id,
            ncr_id: ncr.id,
            op: d.op,
            device_num: d.device_num,
            started_at: d.started_at,
            completed_at: d.completed_at,
            result: d.result,
            defect_code: d.defect_code,
            source: d.source,
            operator_id: d.operator_id,
            measurements: JSON.stringify(
              measured.filter((v) => v.op === d.op).map((v) => ({ characteristicId: v.characteristic_id, value: v.value, measuredAt: v.measured_at.toISOString() })),
            ),
          })),
        )
        .execute();
      await trx
        .deleteFrom('factory_measurements')
        .where('unit_id', '=', u.id)
        .where('characteristic_id', 'in', (eb) => eb.selectFrom('factory_characteristics').select('id').where('op_id', 'in', opIds))
        .execute();
      await trx.deleteFrom('factory_unit_ops').where('unit_id', '=', u.id).where('op', 'in', ops).execute();
    }
    await trx
      .updateTable('factory_units')
      .set({ status: 'wip', done_at: null, last_op: before?.op ?? null, held: false, hold_reason: null })
      .where('id', '=', u.id)
      .execute();
    await writeAudit(trx, actor, {
      action: 'factory.unit.rework',
      entity: 'unit',
      entityId: String(u.id),
      orgId: u.org_id,
      before: { status: u.status, lastOp: u.last_op, held: u.held },
      after: { serial: u.serial, status: 'wip', op, ncr: ncr.number, moved: done.map((d) => d.op) },
    });
  }
}

export async function dispositionNcr(db: DB, actor: Actor | null, id: string, input: NcrDispositionInput, opts: { at?: Date } = {}): Promise<Ncr> {
  await db.transaction().execute(async (trx) => {
    const n = await lockNcr(trx, actor, id);
    if (finished(n.status)) throw conflict(m('factory.ncr.finished', { number: n.number }));
    if (n.status !== 'open') throw conflict(m('factory.ncr.not_open', { number: n.number }));
    const units = await ncrUnits(trx, id);
    const d = input.disposition;
    if (d !== 'return_to_supplier' && !units.length) throw conflict(m('factory.ncr.needs_units'));
    if (d === 'return_to_supplier' && n.lot_id === null) throw conflict(m('factory.ncr.needs_lot'));
    const at = opts.at ?? new Date();
    if (d === 'scrap') {
      await refusePacked(trx, units);
      const scrap = units.filter((u) => u.status !== 'scrapped');
      if (scrap.length) {
        await trx
          .updateTable('factory_units')
          .set({ status: 'scrapped', held: false, hold_reason: null })
          .where(
            'id',
            'in',
            scrap.map((u) => u.id),
          )
          .execute();
      }
      for (const u of scrap) {
        await writeAudit(trx, actor, {
          action: 'factory.unit.scrap',
          entity: 'unit',
          entityId: String(u.id),
          orgId: u.org_id,
          before: { status: u.status, held: u.held },
          after: { serial: u.serial, status: 'scrapped', ncr: n.number },
        });
      }
    } else if (d === 'rework') {
      await refusePacked(trx, units);
      await rework(trx, actor, n, units, input.reworkOp!);
    } else if (d === 'return_to_supplier') {
      const lot = await trx
        .updateTable('factory_component_lots')
        .set({ blocked_at: at, blocked_ncr_id: id })
        .where('id', '=', n.lot_id!)
        .where('blocked_at', 'is', null)
        .returning(['id', 'lot_no'])
        .executeTakeFirst();
      if (lot)
        await writeAudit(trx, actor, {
          action: 'factory.component_lot.block',
          entity: 'component_lot',
          entityId: String(lot.id),
          orgId: n.org_id,
          after: { lotNo: lot.lot_no, ncr: n.number },
        });
      // Every unit the lot went into, in this plant, is contained (bounded as a recall is).
      const lotUnits = (await trx
        .selectFrom('factory_unit_components as uc')
        .innerJoin('factory_units as u', 'u.id', 'uc.unit_id')
        .select(unitLite)
        .where('uc.lot_id', '=', n.lot_id!)
        .where('u.org_id', '=', n.org_id)
        .limit(100_001)
        .execute()) as UnitLite[];
      if (lotUnits.length > 100_000) throw invalid(m('factory.recall.too_many', { max: 100_000 }));
      await holdUnits(trx, actor, lotUnits, n.number);
    }
    // use_as_is: nothing moves until a second person approves.
    await trx
      .updateTable('factory_ncrs')
      .set({
        status: 'dispositioned',
        disposition: d,
        disposition_reason: input.reason,
        rework_op: d === 'rework' ? input.reworkOp! : null,
        dispositioned_by: actor?.userId ?? null,
        dispositioned_at: at,
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, actor, {
      action: 'factory.ncr.disposition',
      entity: 'ncr',
      entityId: id,
      orgId: n.org_id,
      before: { status: n.status },
      after: { number: n.number, status: 'dispositioned', disposition: d, reason: input.reason, reworkOp: input.reworkOp ?? null, units: units.length },
    });
  });
  return reload(db, actor, id);
}

const reload = async (db: DB, actor: Actor | null, id: string) =>
  actor ? toNcr(await loadNcr(db, actor, id)) : toNcr((await ncrQuery(db).where('n.id', '=', id).executeTakeFirstOrThrow()) as NcrRow);

/**
 * The concession's second signature: someone with the quality permission other than whoever chose "use as is". The
 * units come off hold; a NOK unit goes on (work in progress) — or is finished, when its NOK was at the last operation.
 */
export async function approveNcr(db: DB, actor: Actor, id: string, opts: { at?: Date } = {}): Promise<Ncr> {
  await db.transaction().execute(async (trx) => {
    const n = await lockNcr(trx, actor, id);
    if (finished(n.status)) throw conflict(m('factory.ncr.finished', { number: n.number }));
    if (n.status !== 'dispositioned' || n.disposition !== 'use_as_is' || n.approved_at !== null) throw conflict(m('factory.ncr.no_approval_needed', { number: n.number }));
    if (n.dispositioned_by === actor.userId) throw forbidden(m('factory.ncr.approver_same'));
    const at = opts.at ?? new Date();
    const units = await ncrUnits(trx, id);
    const lastOps = await trx
      .selectFrom('factory_routing_ops')
      .select(['product_id', (eb) => eb.fn.max('seq').as('seq')])
      .where('product_id', 'in', units.length ? [...new Set(units.map((u) => u.product_id))] : ['00000000-0000-0000-0000-000000000000'])
      .groupBy('product_id')
      .execute();
    const routing = units.length
      ? await trx
          .selectFrom('factory_routing_ops')
          .select(['product_id', 'op', 'seq'])
          .where('product_id', 'in', [...new Set(units.map((u) => u.product_id))])
          .execute()
      : [];
    for (const u of units.filter((x) => x.status === 'nok')) {
      const last = lastOps.find((l) => l.product_id === u.product_id)?.seq;
      const atLast = routing.some((r) => r.product_id === u.product_id && r.op === u.last_op && r.seq === Number(last));
      await trx
        .updateTable('factory_units')
        .set(atLast ? { status: 'done', done_at: at } : { status: 'wip' })
        .where('id', '=', u.id)
        .execute();
    }
    await releaseUnits(
      trx,
      actor,
      units.filter((u) => u.status !== 'scrapped').map((u) => u.id),
      n.number,
    );
    await trx.updateTable('factory_ncrs').set({ approved_by: actor.userId, approved_at: at }).where('id', '=', id).execute();
    await writeAudit(trx, actor, {
      action: 'factory.ncr.approve',
      entity: 'ncr',
      entityId: id,
      orgId: n.org_id,
      after: { number: n.number, disposition: 'use_as_is', units: units.length },
    });
  });
  return reload(db, actor, id);
}

export async function closeNcr(db: DB, actor: Actor | null, id: string, input: { rootCause: string; correctiveAction: string }, opts: { at?: Date } = {}): Promise<Ncr> {
  await db.transaction().execute(async (trx) => {
    const n = await lockNcr(trx, actor, id);
    if (finished(n.status)) throw conflict(m('factory.ncr.finished', { number: n.number }));
    if (n.status !== 'dispositioned') throw conflict(m('factory.ncr.not_dispositioned', { number: n.number }));
    if (n.disposition === 'use_as_is' && n.approved_at === null) throw conflict(m('factory.ncr.awaiting_approval', { number: n.number }));
    await trx
      .updateTable('factory_ncrs')
      .set({ status: 'closed', root_cause: input.rootCause, corrective_action: input.correctiveAction, closed_by: actor?.userId ?? null, closed_at: opts.at ?? new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, actor, {
      action: 'factory.ncr.close',
      entity: 'ncr',
      entityId: id,
      orgId: n.org_id,
      before: { status: n.status },
      after: { number: n.number, status: 'closed', rootCause: input.rootCause, correctiveAction: input.correctiveAction },
    });
  });
  return reload(db, actor, id);
}

/** An NCR opened by mistake: cancelled while open; the holds it placed are lifted unless another live NCR holds the unit. */
export async function cancelNcr(db: DB, actor: Actor, id: string, input: { reason: string }): Promise<Ncr> {
  await db.transaction().execute(async (trx) => {
    const n = await lockNcr(trx, actor, id);
    if (finished(n.status)) throw conflict(m('factory.ncr.finished', { number: n.number }));
    if (n.status !== 'open') throw conflict(m('factory.ncr.not_open', { number: n.number }));
    const mine = await trx
      .selectFrom('factory_ncr_units as nu')
      .select('nu.unit_id')
      .where('nu.ncr_id', '=', id)
      .where('nu.held_here', '=', true)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('factory_ncr_units as o')
              .innerJoin('factory_ncrs as on', 'on.id', 'o.ncr_id')
              .select('o.unit_id')
              .whereRef('o.unit_id', '=', 'nu.unit_id')
              .where('o.ncr_id', '<>', id)
              .where('on.status', 'in', ['open', 'dispositioned']),
          ),
        ),
      )
      .execute();
    await releaseUnits(
      trx,
      actor,
      mine.map((u) => u.unit_id),
      n.number,
    );
    await trx
      .updateTable('factory_ncrs')
      .set({ status: 'cancelled', cancel_reason: input.reason, cancelled_by: actor.userId, cancelled_at: new Date() })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, actor, {
      action: 'factory.ncr.cancel',
      entity: 'ncr',
      entityId: id,
      orgId: n.org_id,
      before: { status: n.status },
      after: { number: n.number, status: 'cancelled', reason: input.reason, released: mine.length },
    });
  });
  return reload(db, actor, id);
}

/** Open NCRs (open or waiting on a disposition's approval) of the organisations a reader sees: the quality overview's figure. */
export async function openNcrCount(db: DB, actor: Actor, lineId?: string): Promise<number> {
  const r = await db
    .selectFrom('factory_ncrs as n')
    .innerJoin('organisations as o', 'o.id', 'n.org_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .where('n.status', 'in', ['open', 'dispositioned'])
    .$if(!!lineId, (b) => b.where('n.line_id', '=', lineId!))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
