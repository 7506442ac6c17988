import { sql } from 'kysely';
import { GS1_COMPANY_PREFIX, LOCATIONS } from '@gearbridge/plant';
import type { Accounting, Box, Delivery, Pallet, PalletStatus, StockRow, TransferOrder, TransferOrderStatus, UnitPlace } from '@gearbridge/contracts/factory';
import { orgInScopeSql, requireInScope, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { containing, paged } from '../../../platform/db';
import { conflict, invalid, notFound } from '../../../platform/errors';
import { localDay } from '../../../platform/time';
import type { DB } from '../db';
import { m } from '../messages';
import { FP } from '../permissions';
import { requireOwnPlant } from '../own-plant';
import { buildSscc } from '../labels/gs1';
import { palletLabelsPdf, unitLabelsPdf, type LabelProduct } from '../labels/pdf';
import { codeOf, placedUnitQuery, toUnit } from '../production/units.service';

/**
 * Logistics handoff (issue #13 item 5). Finished units (status done, not held) are packed into boxes and boxes or
 * units onto pallets, each pallet with a GS1 SSCC; a closed pallet goes to the finished-goods warehouse by an AGV
 * transfer order (sent and answered through the ingest, agv.ts) whose delivery is the warehouse receipt; pallets in
 * stock are shipped in deliveries. A unit's place follows from its packed row: none (line end), packed, in stock,
 * shipped — every finished unit is in exactly one (`accounting`).
 */

/** The SSCC's extension digit: the plant assigns all its SSCCs with 0. */
export const SSCC_EXTENSION = 0;
const LINE_END = LOCATIONS[0].code;
const WAREHOUSE = LOCATIONS[1].code;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A line the actor may act on for logistics: its organisation and code. */
async function ownLine(db: DB, actor: Actor, lineId: string) {
  const line = await db
    .selectFrom('factory_lines as l')
    .innerJoin('organisations as o', 'o.id', 'l.org_id')
    .select(['l.id', 'l.code', 'l.org_id', 'o.region_code'])
    .where('l.id', '=', lineId)
    .executeTakeFirst();
  if (!line) throw notFound(m('factory.line.not_found'));
  requireInScope(actor, FP.read, { id: line.org_id, regionCode: line.region_code });
  requireOwnPlant(actor, FP.logistics, line.org_id);
  return line;
}

async function loadBox(db: DB, actor: Actor, id: string, act: boolean) {
  const b = await db
    .selectFrom('factory_boxes as b')
    .innerJoin('organisations as o', 'o.id', 'b.org_id')
    .innerJoin('factory_lines as l', 'l.id', 'b.line_id')
    .select(['b.id', 'b.org_id', 'o.region_code', 'b.line_id', 'l.code as line_code', 'b.number', 'b.status', 'b.pallet_id', 'b.created_at', 'b.closed_at'])
    .where('b.id', '=', id)
    .$if(act, (q) => q.forUpdate('b'))
    .executeTakeFirst();
  if (!b) throw notFound(m('factory.logistics.box_not_found'));
  requireInScope(actor, FP.read, { id: b.org_id, regionCode: b.region_code });
  if (act) requireOwnPlant(actor, FP.logistics, b.org_id);
  return b;
}

async function loadPallet(db: DB, actor: Actor, id: string, act: boolean) {
  const p = await db
    .selectFrom('factory_pallets as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.org_id', 'o.region_code', 'o.name as org_name', 'p.line_id', 'p.sscc', 'p.status', 'p.location', 'p.received_at', 'p.delivery_id', 'p.closed_at'])
    .where('p.id', '=', id)
    .$if(act, (q) => q.forUpdate('p'))
    .executeTakeFirst();
  if (!p) throw notFound(m('factory.logistics.pallet_not_found'));
  requireInScope(actor, FP.read, { id: p.org_id, regionCode: p.region_code });
  if (act) requireOwnPlant(actor, FP.logistics, p.org_id);
  return p;
}

const boxCounts = (db: DB) =>
  db
    .selectFrom('factory_packed_units')
    .select(['box_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('box_id', 'is not', null)
    .groupBy('box_id');

function boxQuery(db: DB) {
  return db
    .selectFrom('factory_boxes as b')
    .innerJoin('organisations as o', 'o.id', 'b.org_id')
    .innerJoin('factory_lines as l', 'l.id', 'b.line_id')
    .leftJoin(boxCounts(db).as('c'), 'c.box_id', 'b.id')
    .select(['b.id', 'b.number', 'l.code as line_code', 'b.status', 'b.pallet_id', 'b.created_at', 'b.closed_at', 'c.n']);
}
type BoxRow = Awaited<ReturnType<ReturnType<typeof boxQuery>['executeTakeFirstOrThrow']>>;
const toBox = (r: BoxRow): Box => ({
  id: r.id,
  number: r.number,
  lineCode: r.line_code,
  status: r.status,
  palletId: r.pallet_id,
  units: Number(r.n ?? 0),
  createdAt: r.created_at.toISOString(),
  closedAt: iso(r.closed_at),
});
const getBox = async (db: DB, id: string) => toBox(await boxQuery(db).where('b.id', '=', id).executeTakeFirstOrThrow());

export async function listBoxes(db: DB, actor: Actor, q: { status?: 'open' | 'closed'; lineId?: string; loose?: boolean }) {
  let base = boxQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.status) base = base.where('b.status', '=', q.status);
  if (q.lineId) base = base.where('b.line_id', '=', q.lineId);
  if (q.loose) base = base.where('b.pallet_id', 'is', null);
  return (await base.orderBy('b.created_at', 'desc').limit(200).execute()).map(toBox);
}

function palletQuery(db: DB) {
  return db
    .selectFrom('factory_pallets as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .innerJoin('factory_lines as l', 'l.id', 'p.line_id')
    .leftJoin('factory_deliveries as d', 'd.id', 'p.delivery_id')
    .select([
      'p.id',
      'p.sscc',
      'p.line_id',
      'l.code as line_code',
      'p.status',
      'p.location',
      'p.received_at',
      'p.delivery_id',
      'd.number as delivery_number',
      'p.created_at',
      'p.closed_at',
      (eb) =>
        eb
          .selectFrom('factory_packed_units')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('pallet_id', '=', 'p.id')
          .as('units'),
      (eb) =>
        eb
          .selectFrom('factory_boxes')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('pallet_id', '=', 'p.id')
          .as('boxes'),
      sql<string[] | null>`(select array_agg(distinct pr.part_no order by pr.part_no) from factory_packed_units x
        join factory_units u on u.id = x.unit_id join factory_products pr on pr.id = u.product_id where x.pallet_id = p.id)`.as('part_nos'),
      sql<{ number: string; status: string; reason: string | null } | null>`(select json_build_object('number', t.number, 'status', t.status, 'reason', t.reason)
        from factory_transfer_orders t where t.pallet_id = p.id order by t.created_at desc limit 1)`.as('transfer'),
    ]);
}
type PalletRow = Awaited<ReturnType<ReturnType<typeof palletQuery>['executeTakeFirstOrThrow']>>;
const palletStatus = (r: { status: 'open' | 'closed'; delivery_id: string | null; received_at: Date | null }): PalletStatus =>
  r.delivery_id ? 'shipped' : r.received_at ? 'stock' : r.status;
const toPallet = (r: PalletRow): Pallet => ({
  id: r.id,
  sscc: r.sscc,
  lineId: r.line_id,
  lineCode: r.line_code,
  status: palletStatus(r),
  location: r.location,
  units: Number(r.units ?? 0),
  boxes: Number(r.boxes ?? 0),
  partNos: r.part_nos ?? [],
  receivedAt: iso(r.received_at),
  deliveryNumber: r.delivery_number,
  createdAt: r.created_at.toISOString(),
  closedAt: iso(r.closed_at),
  transfer: typeof r.transfer === 'string' ? JSON.parse(r.transfer) : r.transfer,
});
const getPallet = async (db: DB, id: string) => toPallet(await palletQuery(db).where('p.id', '=', id).executeTakeFirstOrThrow());

export async function listPallets(db: DB, actor: Actor, q: { page: number; pageSize: number; status?: PalletStatus; lineId?: string; q?: string }) {
  let base = palletQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.lineId) base = base.where('p.line_id', '=', q.lineId);
  if (q.q) base = base.where('p.sscc', 'like', `%${q.q.replace(/[^0-9]/g, '')}%`);
  if (q.status === 'shipped') base = base.where('p.delivery_id', 'is not', null);
  else if (q.status === 'stock') base = base.where('p.delivery_id', 'is', null).where('p.received_at', 'is not', null);
  else if (q.status) base = base.where('p.delivery_id', 'is', null).where('p.received_at', 'is', null).where('p.status', '=', q.status);
  const { rows, total } = await paged(base, q, (b) => b.orderBy('p.created_at', 'desc'));
  return { items: rows.map(toPallet), total };
}

export async function createBox(db: DB, actor: Actor, lineId: string): Promise<Box> {
  const line = await ownLine(db, actor, lineId);
  const id = await db.transaction().execute(async (trx) => {
    const { n } = (await sql<{ n: string }>`select nextval('factory_box_seq')::text as n`.execute(trx)).rows[0];
    const number = `BOX-${line.code}-${n.padStart(6, '0')}`;
    const b = await trx.insertInto('factory_boxes').values({ org_id: line.org_id, line_id: line.id, number, created_by: actor.userId }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'factory.box.create', entity: 'box', entityId: b.id, orgId: line.org_id, after: { number } });
    return b.id;
  });
  return getBox(db, id);
}

/** A new pallet with the next SSCC: extension digit, the plant's GS1 Company Prefix, a serial reference from a sequence. */
export async function createPallet(db: DB, actor: Actor, lineId: string): Promise<Pallet> {
  const line = await ownLine(db, actor, lineId);
  const id = await db.transaction().execute(async (trx) => {
    const { n } = (await sql<{ n: string }>`select nextval('factory_sscc_serial_seq')::text as n`.execute(trx)).rows[0];
    const sscc = buildSscc(SSCC_EXTENSION, GS1_COMPANY_PREFIX, BigInt(n));
    const p = await trx
      .insertInto('factory_pallets')
      .values({ org_id: line.org_id, line_id: line.id, sscc, location: LINE_END, created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'factory.pallet.create', entity: 'pallet', entityId: p.id, orgId: line.org_id, after: { sscc } });
    return p.id;
  });
  return getPallet(db, id);
}

/**
 * Packs units into an open box or onto an open pallet, all or nothing. Only a finished unit (done) that is not on
 * hold, made on the container's line, of the container's product and in no other container may be packed: anything
 * else is a 409 naming the unit and why, and nothing is packed.
 */
export async function pack(db: DB, actor: Actor, target: { boxId: string } | { palletId: string }, serials: string[]) {
  return db.transaction().execute(async (trx) => {
    const c =
      'boxId' in target
        ? await loadBox(trx, actor, target.boxId, true).then((b) => ({ ...b, name: b.number, kind: 'box' as const, closedKey: 'box_closed', params: { number: b.number } }))
        : await loadPallet(trx, actor, target.palletId, true).then((p) => ({ ...p, name: p.sscc, kind: 'pallet' as const, closedKey: 'pallet_closed', params: { sscc: p.sscc } }));
    if (c.status !== 'open') throw conflict(m(`factory.logistics.${c.closedKey}` as 'factory.logistics.box_closed', c.params as never));
    const codes = serials.map(codeOf);
    const seen = new Set<string>();
    for (const code of codes) {
      if (seen.has(code)) throw invalid(m('factory.logistics.serial_twice', { serial: code }), { serials: m('factory.logistics.serial_twice', { serial: code }) });
      seen.add(code);
    }
    // Locked: a hold (or another packing) of these units waits for this transaction, and this one for it.
    const units = await trx
      .selectFrom('factory_units as u')
      .innerJoin('factory_lines as l', 'l.id', 'u.line_id')
      .leftJoin('factory_packed_units as pu', 'pu.unit_id', 'u.id')
      .leftJoin('factory_boxes as bx', 'bx.id', 'pu.box_id')
      .leftJoin('factory_pallets as pl', 'pl.id', 'pu.pallet_id')
      .select([
        'u.id',
        'u.serial',
        'u.product_serial',
        'u.product_id',
        'u.line_id',
        'l.code as line_code',
        'u.status',
        'u.last_op',
        'u.held',
        'u.hold_reason',
        'bx.number as box',
        'pl.sscc',
      ])
      .where('u.org_id', '=', c.org_id)
      .where((eb) => eb.or([eb('u.serial', 'in', codes), eb('u.product_serial', 'in', codes)]))
      .forUpdate('u')
      .execute();
    // The product already in the container, if any.
    const inside = await trx
      .selectFrom('factory_packed_units as x')
      .innerJoin('factory_units as u', 'u.id', 'x.unit_id')
      .innerJoin('factory_products as p', 'p.id', 'u.product_id')
      .select(['u.product_id', 'p.part_no'])
      .where(c.kind === 'box' ? 'x.box_id' : 'x.pallet_id', '=', c.id)
      .limit(1)
      .executeTakeFirst();
    let productId = inside?.product_id ?? null;
    const ids: number[] = [];
    for (const code of codes) {
      const u = units.find((x) => x.serial === code || x.product_serial === code);
      if (!u) throw notFound(m('factory.unit.not_found', { code }));
      const serial = u.serial;
      if (u.status === 'nok') throw conflict(m('factory.logistics.unit_nok', { serial }));
      if (u.status === 'scrapped') throw conflict(m('factory.logistics.unit_scrapped', { serial }));
      if (u.status === 'wip') throw conflict(m('factory.logistics.unit_wip', { serial, op: u.last_op ?? '—' }));
      if (u.held) throw conflict(m('factory.logistics.unit_held', { serial, reason: u.hold_reason ?? '' }));
      if (u.box || u.sscc) throw conflict(m('factory.logistics.unit_packed', { serial, container: (u.box ?? u.sscc)! }));
      if (u.line_id !== c.line_id) throw conflict(m('factory.logistics.unit_other_line', { serial, line: u.line_code }));
      if (productId && u.product_id !== productId) throw conflict(m('factory.logistics.product_mixed', { serial, container: c.name }));
      productId = u.product_id;
      ids.push(u.id);
    }
    const rows = await trx
      .insertInto('factory_packed_units')
      .values(ids.map((id) => ({ unit_id: id, box_id: c.kind === 'box' ? c.id : null, pallet_id: c.kind === 'pallet' ? c.id : null, packed_by: actor.userId })))
      .onConflict((oc) => oc.column('unit_id').doNothing())
      .returning('unit_id')
      .execute();
    if (rows.length !== ids.length) throw conflict(m('factory.logistics.unit_packed', { serial: codes[0], container: c.name }));
    await writeAudit(trx, actor, {
      action: `factory.${c.kind}.pack`,
      entity: c.kind,
      entityId: c.id,
      orgId: c.org_id,
      after: { container: c.name, serials: units.filter((u) => ids.includes(u.id)).map((u) => u.serial) },
    });
    const { n } = await trx
      .selectFrom('factory_packed_units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(c.kind === 'box' ? 'box_id' : 'pallet_id', '=', c.id)
      .executeTakeFirstOrThrow();
    return { packed: ids.length, units: Number(n) };
  });
}

export async function closeBox(db: DB, actor: Actor, id: string): Promise<Box> {
  await db.transaction().execute(async (trx) => {
    const b = await loadBox(trx, actor, id, true);
    if (b.status !== 'open') throw conflict(m('factory.logistics.box_closed', { number: b.number }));
    const has = await trx.selectFrom('factory_packed_units').select('unit_id').where('box_id', '=', id).limit(1).executeTakeFirst();
    if (!has) throw conflict(m('factory.logistics.box_empty', { number: b.number }));
    await trx.updateTable('factory_boxes').set({ status: 'closed', closed_at: new Date() }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'factory.box.close', entity: 'box', entityId: id, orgId: b.org_id, after: { number: b.number } });
  });
  return getBox(db, id);
}

/** A closed box onto an open pallet of its line (and of the same product): its units are on the pallet from now on. */
export async function boxOntoPallet(db: DB, actor: Actor, palletId: string, boxId: string): Promise<Pallet> {
  await db.transaction().execute(async (trx) => {
    const p = await loadPallet(trx, actor, palletId, true);
    const b = await loadBox(trx, actor, boxId, true);
    if (p.status !== 'open') throw conflict(m('factory.logistics.pallet_closed', { sscc: p.sscc }));
    if (b.status !== 'closed') throw conflict(m('factory.logistics.box_open', { number: b.number }));
    if (b.pallet_id) throw conflict(m('factory.logistics.box_on_pallet', { number: b.number }));
    const first = await trx
      .selectFrom('factory_packed_units as x')
      .innerJoin('factory_units as u', 'u.id', 'x.unit_id')
      .select(['u.serial', 'u.product_id', 'u.line_id', 'u.held', 'u.hold_reason'])
      .where('x.box_id', '=', b.id)
      .limit(1)
      .executeTakeFirstOrThrow();
    if (b.line_id !== p.line_id) throw conflict(m('factory.logistics.unit_other_line', { serial: first.serial, line: b.line_code }));
    const other = await trx
      .selectFrom('factory_packed_units as x')
      .innerJoin('factory_units as u', 'u.id', 'x.unit_id')
      .select('u.product_id')
      .where('x.pallet_id', '=', p.id)
      .limit(1)
      .executeTakeFirst();
    if (other && other.product_id !== first.product_id) throw conflict(m('factory.logistics.product_mixed', { serial: first.serial, container: p.sscc }));
    await trx.updateTable('factory_boxes').set({ pallet_id: p.id }).where('id', '=', b.id).execute();
    await trx.updateTable('factory_packed_units').set({ pallet_id: p.id }).where('box_id', '=', b.id).execute();
    await writeAudit(trx, actor, { action: 'factory.pallet.add_box', entity: 'pallet', entityId: p.id, orgId: p.org_id, after: { sscc: p.sscc, box: b.number } });
  });
  return getPallet(db, palletId);
}

export async function closePallet(db: DB, actor: Actor, id: string): Promise<Pallet> {
  await db.transaction().execute(async (trx) => {
    const p = await loadPallet(trx, actor, id, true);
    if (p.status !== 'open') throw conflict(m('factory.logistics.pallet_closed', { sscc: p.sscc }));
    const has = await trx.selectFrom('factory_packed_units').select('unit_id').where('pallet_id', '=', id).limit(1).executeTakeFirst();
    if (!has) throw conflict(m('factory.logistics.pallet_empty', { sscc: p.sscc }));
    await trx.updateTable('factory_pallets').set({ status: 'closed', closed_at: new Date() }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'factory.pallet.close', entity: 'pallet', entityId: id, orgId: p.org_id, after: { sscc: p.sscc } });
  });
  return getPallet(db, id);
}

/** The units in a box or on a pallet with their product, for labels. */
async function unitsIn(db: DB, where: { boxId: string } | { palletId: string }) {
  return db
    .selectFrom('factory_packed_units as x')
    .innerJoin('factory_units as u', 'u.id', 'x.unit_id')
    .innerJoin('factory_products as p', 'p.id', 'u.product_id')
    .leftJoin('factory_work_orders as w', 'w.id', 'u.work_order_id')
    .select(['u.serial', 'u.product_serial', 'u.done_at', 'u.born_at', 'p.part_no', 'p.revision', 'p.name_zh', 'p.name_en', 'p.gtin', 'w.number as work_order'])
    .$if('boxId' in where, (q) => q.where('x.box_id', '=', (where as { boxId: string }).boxId))
    .$if('palletId' in where, (q) => q.where('x.pallet_id', '=', (where as { palletId: string }).palletId))
    .orderBy('u.serial')
    .limit(501)
    .execute();
}

const labelProduct = (u: { part_no: string; revision: string; name_zh: string; name_en: string; gtin: string | null }): LabelProduct => {
  if (!u.gtin) throw invalid(m('factory.logistics.no_labels'));
  return { partNo: u.part_no, revision: u.revision, nameZh: u.name_zh, nameEn: u.name_en, gtin: u.gtin };
};

/** The pallet's label (A6, SSCC as GS1-128): product, quantity, work order, delivery, packing day. */
export async function palletLabel(db: DB, actor: Actor, id: string): Promise<{ sscc: string; pdf: Buffer }> {
  const p = await loadPallet(db, actor, id, false);
  const units = await unitsIn(db, { palletId: id });
  if (!units.length) throw conflict(m('factory.logistics.pallet_empty', { sscc: p.sscc }));
  const delivery = p.delivery_id ? await db.selectFrom('factory_deliveries').select('number').where('id', '=', p.delivery_id).executeTakeFirst() : undefined;
  const orders = [...new Set(units.map((u) => u.work_order).filter((w): w is string => !!w))];
  const pdf = await palletLabelsPdf([
    {
      sscc: p.sscc,
      product: labelProduct(units[0]),
      quantity: (
        await db
          .selectFrom('factory_packed_units')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('pallet_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
      ...(orders.length ? { workOrder: orders.join(' ') } : {}),
      ...(delivery ? { delivery: delivery.number } : {}),
      date: localDay((p.closed_at ?? new Date()).getTime()),
      shipper: p.org_name,
    },
  ]);
  return { sscc: p.sscc, pdf };
}

/** The unit labels (60 × 40 mm, GS1 DataMatrix (01)(21)(11)) of every unit in a box or on a pallet. */
export async function unitLabels(db: DB, actor: Actor, where: { boxId: string } | { palletId: string }): Promise<{ name: string; pdf: Buffer }> {
  const c = 'boxId' in where ? (await loadBox(db, actor, where.boxId, false)).number : (await loadPallet(db, actor, where.palletId, false)).sscc;
  const units = await unitsIn(db, where);
  if (!units.length) throw invalid(m('factory.logistics.no_labels'));
  const pdf = await unitLabelsPdf(
    units.slice(0, 500).map((u) => ({ product: labelProduct(u), serial: u.product_serial ?? u.serial, productionDate: localDay((u.done_at ?? u.born_at).getTime()) })),
  );
  return { name: c, pdf };
}

/** Transfer orders still under way (a pallet has at most one). */
export const ACTIVE: TransferOrderStatus[] = ['pending', 'sent', 'accepted', 'picked'];

function orderQuery(db: DB) {
  return db
    .selectFrom('factory_transfer_orders as t')
    .innerJoin('organisations as o', 'o.id', 't.org_id')
    .innerJoin('factory_pallets as p', 'p.id', 't.pallet_id')
    .innerJoin('factory_devices as d', 'd.num', 't.device_num')
    .select([
      't.id',
      't.number',
      't.pallet_id',
      'p.sscc',
      'd.code as device_code',
      't.from_loc',
      't.to_loc',
      't.status',
      't.reason',
      't.created_at',
      't.sent_at',
      't.answered_at',
      't.updated_at',
    ]);
}
type OrderRow = Awaited<ReturnType<ReturnType<typeof orderQuery>['executeTakeFirstOrThrow']>>;
const toOrder = (r: OrderRow): TransferOrder => ({
  id: r.id,
  number: r.number,
  palletId: r.pallet_id,
  sscc: r.sscc,
  deviceCode: r.device_code,
  from: r.from_loc,
  to: r.to_loc,
  status: r.status,
  reason: r.reason,
  createdAt: r.created_at.toISOString(),
  sentAt: iso(r.sent_at),
  answeredAt: iso(r.answered_at),
  updatedAt: r.updated_at.toISOString(),
});

export async function listTransferOrders(db: DB, actor: Actor, q: { page: number; pageSize: number; status?: TransferOrderStatus; q?: string }) {
  let base = orderQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.status) base = base.where('t.status', '=', q.status);
  if (q.q) base = base.where((eb) => eb.or([eb('t.number', '=', q.q!), eb('p.sscc', '=', q.q!)]));
  const { rows, total } = await paged(base, q, (b) => b.orderBy('t.created_at', 'desc'));
  return { items: rows.map(toOrder), total };
}

/**
 * A transfer order moving a closed pallet from the line end to the finished-goods warehouse, for an AGV of the
 * pallet's line (the one asked for, else the least busy Sparkplug AGV, online first). Written pending: the ingest
 * sends it as a DCMD (agv.ts) and the AGV's answers move it on.
 */
export async function createTransferOrder(db: DB, actor: Actor, input: { palletId: string; deviceId?: string }): Promise<TransferOrder> {
  const id = await db.transaction().execute(async (trx) => {
    const p = await loadPallet(trx, actor, input.palletId, true);
    if (p.status !== 'closed') throw conflict(m('factory.logistics.pallet_not_closed', { sscc: p.sscc }));
    if (p.delivery_id) throw conflict(m('factory.logistics.pallet_not_at', { sscc: p.sscc, location: p.location, expected: LINE_END }));
    if (p.location !== LINE_END) throw conflict(m('factory.logistics.pallet_not_at', { sscc: p.sscc, location: p.location, expected: LINE_END }));
    const moving = await trx.selectFrom('factory_transfer_orders').select('number').where('pallet_id', '=', p.id).where('status', 'in', ACTIVE).executeTakeFirst();
    if (moving) throw conflict(m('factory.logistics.pallet_moving', { sscc: p.sscc, number: moving.number }));
    const line = await trx.selectFrom('factory_lines').select('code').where('id', '=', p.line_id).executeTakeFirstOrThrow();
    const agvs = await trx
      .selectFrom('factory_devices as d')
      .select([
        'd.id',
        'd.num',
        'd.online',
        (eb) =>
          eb
            .selectFrom('factory_transfer_orders as t')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('t.device_num', '=', 'd.num')
            .where('t.status', 'in', ACTIVE)
            .as('busy'),
      ])
      .where('d.line_id', '=', p.line_id)
      .where('d.kind', '=', 'agv')
      .where('d.sp_node', '<>', '#json')
      .orderBy('d.code')
      .execute();
    let agv = agvs[0];
    if (input.deviceId) {
      agv = agvs.find((a) => a.id === input.deviceId)!;
      if (!agv) throw conflict(m('factory.logistics.agv_not_on_line', { line: line.code }));
    } else {
      agv = [...agvs].sort((a, b) => Number(a.busy ?? 0) - Number(b.busy ?? 0) || Number(b.online) - Number(a.online))[0];
    }
    if (!agv) throw conflict(m('factory.logistics.no_agv', { line: line.code }));
    const { n } = (await sql<{ n: string }>`select nextval('factory_transfer_order_seq')::text as n`.execute(trx)).rows[0];
    const number = `TO-${n.padStart(6, '0')}`;
    const t = await trx
      .insertInto('factory_transfer_orders')
      .values({ org_id: p.org_id, number, pallet_id: p.id, device_num: agv.num, from_loc: LINE_END, to_loc: WAREHOUSE, created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'factory.transfer_order.create', entity: 'transfer_order', entityId: t.id, orgId: p.org_id, after: { number, sscc: p.sscc } });
    return t.id;
  });
  return toOrder(await orderQuery(db).where('t.id', '=', id).executeTakeFirstOrThrow());
}

/** Units in closed pallets not shipped, by product and the pallets' location (LINE-END waiting, FG-WH in stock). */
export async function stock(db: DB, actor: Actor): Promise<StockRow[]> {
  const rows = await db
    .selectFrom('factory_pallets as pl')
    .innerJoin('organisations as o', 'o.id', 'pl.org_id')
    .innerJoin('factory_packed_units as x', 'x.pallet_id', 'pl.id')
    .innerJoin('factory_units as u', 'u.id', 'x.unit_id')
    .innerJoin('factory_products as p', 'p.id', 'u.product_id')
    .select([
      'p.id',
      'p.part_no',
      'p.revision',
      'p.name_zh',
      'p.name_en',
      'pl.location',
      sql<number>`count(distinct pl.id)::int`.as('pallets'),
      sql<number>`count(*)::int`.as('units'),
      sql<number>`(count(*) filter (where u.held))::int`.as('held'),
    ])
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .where('pl.status', '=', 'closed')
    .where('pl.delivery_id', 'is', null)
    .groupBy(['p.id', 'p.part_no', 'p.revision', 'p.name_zh', 'p.name_en', 'pl.location'])
    .orderBy('p.part_no')
    .orderBy('pl.location')
    .execute();
  return rows.map((r) => ({
    productId: r.id,
    partNo: r.part_no,
    revision: r.revision,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    location: r.location,
    pallets: Number(r.pallets),
    units: Number(r.units),
    held: Number(r.held),
  }));
}

function deliveryQuery(db: DB) {
  return db
    .selectFrom('factory_deliveries as d')
    .innerJoin('organisations as o', 'o.id', 'd.org_id')
    .select([
      'd.id',
      'd.number',
      'd.customer',
      'd.shipped_at',
      sql<number>`(select count(*)::int from factory_pallets p where p.delivery_id = d.id)`.as('pallets'),
      sql<number>`(select count(*)::int from factory_packed_units x join factory_pallets p on p.id = x.pallet_id where p.delivery_id = d.id)`.as('units'),
    ]);
}
type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveryQuery>['executeTakeFirstOrThrow']>>;
const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  number: r.number,
  customer: r.customer,
  shippedAt: r.shipped_at.toISOString(),
  pallets: Number(r.pallets),
  units: Number(r.units),
});

export async function listDeliveries(db: DB, actor: Actor, q: { page: number; pageSize: number; q?: string }) {
  let base = deliveryQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.q) base = base.where((eb) => eb.or([eb('d.number', '=', q.q!), eb('d.customer', 'ilike', containing(q.q!))]));
  const { rows, total } = await paged(base, q, (b) => b.orderBy('d.shipped_at', 'desc'));
  return { items: rows.map(toDelivery), total };
}

/**
 * Ships pallets in stock (received at the finished-goods warehouse) in one delivery: its units are shipped from
 * now on. A pallet holding a unit on hold is refused (409 naming the unit); all or nothing.
 */
export async function ship(db: DB, actor: Actor, input: { number?: string; customer: string; palletIds: string[] }): Promise<Delivery> {
  const id = await db.transaction().execute(async (trx) => {
    const ids = [...new Set(input.palletIds)];
    const pallets = [];
    for (const pid of ids) pallets.push(await loadPallet(trx, actor, pid, true));
    const orgs = new Set(pallets.map((p) => p.org_id));
    if (orgs.size !== 1) throw invalid(m('factory.logistics.pallet_not_found'));
    const orgId = pallets[0].org_id;
    for (const p of pallets) {
      if (p.delivery_id) {
        const d = await trx.selectFrom('factory_deliveries').select('number').where('id', '=', p.delivery_id).executeTakeFirstOrThrow();
        throw conflict(m('factory.logistics.pallet_shipped', { sscc: p.sscc, number: d.number }));
      }
      if (p.status !== 'closed' || !p.received_at || p.location !== WAREHOUSE) throw conflict(m('factory.logistics.pallet_not_in_stock', { sscc: p.sscc }));
    }
    // Units locked: a hold waits for the shipment, or the shipment sees the hold.
    const held = await trx
      .selectFrom('factory_packed_units as x')
      .innerJoin('factory_units as u', 'u.id', 'x.unit_id')
      .innerJoin('factory_pallets as p', 'p.id', 'x.pallet_id')
      .select(['u.serial', 'u.hold_reason', 'p.sscc', 'u.held'])
      .where('x.pallet_id', 'in', ids)
      .orderBy('u.serial')
      .forUpdate('u')
      .execute();
    const h = held.find((u) => u.held);
    if (h) throw conflict(m('factory.logistics.pallet_held', { sscc: h.sscc, serial: h.serial, reason: h.hold_reason ?? '' }));
    let number = input.number;
    if (!number) {
      const { n } = (await sql<{ n: string }>`select nextval('factory_delivery_seq')::text as n`.execute(trx)).rows[0];
      number = `DN-${localDay().replace(/-/g, '').slice(2)}-${n.padStart(5, '0')}`;
    }
    const taken = await trx.selectFrom('factory_deliveries').select('id').where('org_id', '=', orgId).where('number', '=', number).executeTakeFirst();
    if (taken) throw conflict(m('factory.logistics.delivery_taken', { number }));
    const d = await trx
      .insertInto('factory_deliveries')
      .values({ org_id: orgId, number, customer: input.customer, shipped_at: new Date(), created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('factory_pallets').set({ delivery_id: d.id }).where('id', 'in', ids).execute();
    await writeAudit(trx, actor, {
      action: 'factory.delivery.create',
      entity: 'delivery',
      entityId: d.id,
      orgId,
      after: { number, customer: input.customer, pallets: pallets.map((p) => p.sscc), units: held.length },
    });
    return d.id;
  });
  return toDelivery(await deliveryQuery(db).where('d.id', '=', id).executeTakeFirstOrThrow());
}

/**
 * Every finished unit (done) accounted for: at the line end, packed, in stock or shipped — the four add up to the
 * finished units — with a page of them (of one place, or all).
 */
export async function accounting(db: DB, actor: Actor, q: { page: number; pageSize: number; lineId?: string; place?: UnitPlace; q?: string }): Promise<Accounting> {
  let base = placedUnitQuery(db)
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .where('u.status', '=', 'done');
  if (q.lineId) base = base.where('u.line_id', '=', q.lineId);
  const place = sql<string>`case when pu.unit_id is null then 'line_end' when pl.delivery_id is not null then 'shipped' when pl.received_at is not null then 'stock' else 'packed' end`;
  const counts = await base
    .clearSelect()
    .select([place.as('place'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(place)
    .execute();
  const c = { line_end: 0, packed: 0, stock: 0, shipped: 0 };
  for (const r of counts) c[r.place as UnitPlace] = Number(r.n);
  // Counted on its own, from the units alone: the places must add up to it.
  let finished = db
    .selectFrom('factory_units as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .where('u.status', '=', 'done');
  if (q.lineId) finished = finished.where('u.line_id', '=', q.lineId);
  const done = Number((await finished.executeTakeFirstOrThrow()).n);
  const page = q.place ? base.where(place, '=', q.place) : base;
  const rows = await page
    .orderBy('u.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    done,
    counts: c,
    items: rows.map((r) => ({ ...toUnit(r), place: r.place, container: r.container, deliveryNumber: r.delivery_number })),
    total: q.place ? c[q.place] : done,
    page: q.page,
    pageSize: q.pageSize,
  };
}
