import { type SqlBool, sql } from 'kysely';
import { DEMO_CUSTOMERS, DEMO_DELIVERY_PALLETS, DEMO_ORDER_DELIVERY_PALLETS, DEMO_PALLET_UNITS, LOCATIONS } from '@gearbridge/plant';
import type { Actor } from '../../../platform/authz';
import type { SessionStore } from '../../../platform/sessions';
import type { DB } from '../db';
import { ACTIVE, closePallet, createPallet, createTransferOrder, pack, ship } from './logistics.service';

const LINE_END = LOCATIONS[0].code;
const WAREHOUSE = LOCATIONS[1].code;
/** A pallet's customer: that of the work order of the units on it (straight or in a box), '' for none. */
const palletCustomerSql = sql<string>`coalesce((select w.customer from factory_packed_units pu
     left join factory_boxes b on b.id = pu.box_id join factory_units u on u.id = pu.unit_id
     join factory_work_orders w on w.id = u.work_order_id
    where (pu.pallet_id = pl.id or b.pallet_id = pl.id) and w.customer is not null limit 1), '')`;
/** Units packed a line a round at most: a first round after the history replay catches up over a few rounds. */
const UNITS_A_ROUND = 120;

/**
 * The demo's logistics clerk: with the simulator running on demo data, what the plant's people at the logistics
 * board do, done by the demo operator (gear.operator) through the board's own service functions — the same rules,
 * refusals and audit rows as the board. Each round, per line: its finished good units not packed go onto the line's
 * open pallet (a new one when none), DEMO_PALLET_UNITS a pallet, a full pallet is closed and sent to the warehouse
 * with an AGV transfer order (the simulated AGVs answer the DCMD, the warehouse receives it); then the stock
 * with no unit on hold ships: units of a work order that names its customer (an order another module passed to the
 * plant through the factory's public interface), on pallets of their own, to that customer in part deliveries of
 * DEMO_ORDER_DELIVERY_PALLETS pallets; the rest, DEMO_DELIVERY_PALLETS pallets at a time, to the next of the demo's
 * truck makers. So the demo's logistics
 * board, stock and genealogy show units leaving the plant from records.
 */
export async function clerkRound(
  db: DB,
  actor: Actor,
  opts: { palletUnits?: number; deliveryPallets?: number; orderPallets?: number } = {},
): Promise<{ packed: number; pallets: number; transfers: number; deliveries: number }> {
  const palletUnits = opts.palletUnits ?? DEMO_PALLET_UNITS;
  const deliveryPallets = opts.deliveryPallets ?? DEMO_DELIVERY_PALLETS;
  const orderPallets = opts.orderPallets ?? DEMO_ORDER_DELIVERY_PALLETS;
  const out = { packed: 0, pallets: 0, transfers: 0, deliveries: 0 };
  const lines = await db.selectFrom('factory_lines').select(['id', 'code']).where('org_id', '=', actor.orgId).orderBy('code').execute();
  for (const line of lines) {
    const waiting = await db
      .selectFrom('factory_units as u')
      .leftJoin('factory_work_orders as w', 'w.id', 'u.work_order_id')
      .select(['u.serial', 'w.customer'])
      .where('u.line_id', '=', line.id)
      .where('u.status', '=', 'done')
      .where('u.held', '=', false)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('factory_packed_units as pu').select('pu.unit_id').whereRef('pu.unit_id', '=', 'u.id'))))
      .orderBy('u.done_at')
      .limit(UNITS_A_ROUND)
      .execute();
    // A work order naming a customer has pallets of its own: they ship to that customer, never mixed with others.
    const byCustomer = new Map<string, string[]>();
    for (const u of waiting) byCustomer.set(u.customer ?? '', [...(byCustomer.get(u.customer ?? '') ?? []), u.serial]);
    for (const [customer, group] of byCustomer) {
      let serials = group;
      while (serials.length) {
        const open = await db
          .selectFrom('factory_pallets as pl')
          .select([
            'pl.id',
            (eb) =>
              eb
                .selectFrom('factory_packed_units as pu')
                .select((e) => e.fn.countAll<number>().as('n'))
                .whereRef('pu.pallet_id', '=', 'pl.id')
                .as('units'),
          ])
          .where('pl.line_id', '=', line.id)
          .where('pl.status', '=', 'open')
          .where('pl.location', '=', LINE_END)
          .where(sql<SqlBool>`${palletCustomerSql} = ${customer}`)
          .orderBy('pl.created_at')
          .executeTakeFirst();
        const pallet = open ? { id: open.id, units: Number(open.units ?? 0) } : { id: (await createPallet(db, actor, line.id)).id, units: 0 };
        if (!open) out.pallets++;
        const room = Math.max(0, palletUnits - pallet.units);
        const batch = serials.slice(0, room);
        serials = serials.slice(room);
        if (batch.length) {
          await pack(db, actor, { palletId: pallet.id }, batch);
          out.packed += batch.length;
        }
        if (pallet.units + batch.length >= palletUnits) await closePallet(db, actor, pallet.id);
      }
    }
    // Closed pallets still at the line end with no order under way go to the warehouse.
    const toMove = await db
      .selectFrom('factory_pallets as pl')
      .select('pl.id')
      .where('pl.line_id', '=', line.id)
      .where('pl.status', '=', 'closed')
      .where('pl.location', '=', LINE_END)
      .where('pl.delivery_id', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('factory_transfer_orders as t').select('t.id').whereRef('t.pallet_id', '=', 'pl.id').where('t.status', 'in', ACTIVE))))
      .execute();
    for (const p of toMove) {
      await createTransferOrder(db, actor, { palletId: p.id });
      out.transfers++;
    }
  }
  const stocked = await db
    .selectFrom('factory_pallets as pl')
    .select(['pl.id', sql<string>`${palletCustomerSql}`.as('customer')])
    .where('pl.org_id', '=', actor.orgId)
    .where('pl.status', '=', 'closed')
    .where('pl.location', '=', WAREHOUSE)
    .where('pl.delivery_id', 'is', null)
    // A pallet holding a unit on hold (a recall or a nonconformance found it after packing) stays until released.
    .where(
      sql<SqlBool>`not exists (select 1 from factory_packed_units pu join factory_units u on u.id = pu.unit_id
                    left join factory_boxes b on b.id = pu.box_id
                   where (pu.pallet_id = pl.id or b.pallet_id = pl.id) and u.held)`,
    )
    .orderBy('pl.received_at')
    .execute();
  // The stock of each customer ships apart: pallets of a work order naming its customer go to that customer, the rest
  // to the next of the demo's truck makers.
  const groups = new Map<string, string[]>();
  for (const p of stocked) groups.set(p.customer, [...(groups.get(p.customer) ?? []), p.id]);
  for (const [customer, ids] of [...groups].sort(([a], [b]) => (a === '' ? 1 : 0) - (b === '' ? 1 : 0))) {
    // A customer's order ships in part deliveries of DEMO_ORDER_DELIVERY_PALLETS as its pallets come.
    const take = customer ? orderPallets : deliveryPallets;
    if (ids.length < take) continue;
    const shipped = await db
      .selectFrom('factory_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', actor.orgId)
      .executeTakeFirstOrThrow();
    await ship(db, actor, { customer: customer || DEMO_CUSTOMERS[Number(shipped.n) % DEMO_CUSTOMERS.length], palletIds: ids.slice(0, take) });
    out.deliveries++;
  }
  return out;
}

/** The demo operator as an actor (null when the demo's users are not there: not demo data). */
export async function clerkActor(db: DB, sessions: SessionStore, username = 'gear.operator'): Promise<Actor | null> {
  const u = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.status', 'o.id as org_id', 'o.kind'])
    .where('u.username', '=', username)
    .executeTakeFirst();
  if (!u || u.status !== 'active') return null;
  const grants = await sessions.grantsOf(u.id);
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    orgKind: u.kind,
    platformAdmin: false,
    grants,
    requestId: 'demo-clerk',
    ip: null,
  };
}
