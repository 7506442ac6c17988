import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { rawQueryOf } from '../../../platform/db';
import { factoryHandle } from '../db';
import { recordUnitEvent } from '../production/unit-events';
import { recordAgvAnswer } from './agv';
import { clerkActor, clerkRound } from './demo-clerk';

/**
 * The demo's trade order reaches a quality certificate from records: the order's work order (made through the
 * factory's public interface, naming the buyer) runs on its line, so the line's units are born into it as the
 * stations report them; the demo's logistics clerk packs them on pallets of their own and ships them to that buyer
 * (the AGV answers driven here as the simulator's AGVs answer); the supplier then certifies exactly that delivery.
 */
let t: TestApp;
let planner: Client; // gear.planner, 綦江齿轮传动
let buyer: Client; // jingjiang.buyer, 荆江半轴
const ROUTE = ['OP10', 'OP20', 'OP30', 'OP40', 'OP50', 'OP60', 'OP70', 'OP80'];
const db = () => t.platform.handle.db;
const fdb = () => factoryHandle(t.platform.handle).db;

beforeAll(async () => {
  t = await startTestApp();
  planner = await t.login('gear.planner');
  buyer = await t.login('jingjiang.buyer');
});
afterAll(() => t?.close());

/** A unit through every operation of the line's routing, as its stations report it (the ingest's code path). */
async function build(lineCode: string, serial: string, at: number) {
  const stations = await db()
    .selectFrom('factory_devices as d')
    .innerJoin('factory_lines as l', 'l.id', 'd.line_id')
    .innerJoin('factory_cells as c', 'c.id', 'd.cell_id')
    .select(['d.num', 'c.code'])
    .where('l.code', '=', lineCode)
    .where('d.kind', 'not in', ['robot', 'agv'])
    .execute();
  for (const [i, op] of ROUTE.entries()) {
    const r = await db()
      .transaction()
      .execute((trx) =>
        recordUnitEvent(rawQueryOf(trx), {
          device: stations.find((s) => s.code === op)!.num,
          ts: at + i * 60_000,
          event: 'complete',
          serial,
          result: 'OK',
          defect: null,
          productId: null,
          measurements: {},
          lots: {},
          source: 'device',
          operatorId: null,
        }),
      );
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
}

/** Every transfer order still under way answered delivered by its AGV: the warehouse receipt. */
async function agvsDeliver() {
  const orders = await db().selectFrom('factory_transfer_orders').select(['number', 'device_num']).where('status', 'in', ['pending', 'sent', 'accepted', 'picked']).execute();
  for (const o of orders) {
    const r = await db()
      .transaction()
      .execute((trx) => recordAgvAnswer(rawQueryOf(trx), { device: o.device_num, ts: Date.now(), order: o.number, status: 'delivered', reason: null }));
    expect(r.ok).toBe(true);
  }
}

describe("the demo order's certificate, from records", () => {
  it('is released on its line, its units ship to its buyer on pallets of their own, and the delivery is certified', async () => {
    const wo = await db()
      .selectFrom('factory_work_orders as w')
      .innerJoin('factory_lines as l', 'l.id', 'w.line_id')
      .select(['w.id', 'w.number', 'w.status', 'w.customer', 'w.line_id', 'l.code as line_code'])
      .where('w.external_ref', 'like', 'trade:order:%')
      .executeTakeFirstOrThrow();
    // The plant learnt the customer through the production request; the planner released it in place of the line's order.
    expect(wo).toMatchObject({ status: 'released', customer: '荆江半轴' });
    const others = await db().selectFrom('factory_work_orders').select(['status']).where('line_id', '=', wo.line_id).where('id', '<>', wo.id).execute();
    expect(others.map((o) => o.status).sort()).toEqual(['planned', 'planned']);
    expect(await t.auditCount({ action: 'factory.work_order.suspend' })).toBe(1);
    expect(await t.auditCount({ action: 'factory.work_order.release', entityId: wo.id })).toBe(1);

    // Six units on the order's line (born into its released work order), two on another line (its own order).
    const stamp = Date.now() % 1_000_000;
    const mine = Array.from({ length: 6 }, (_, i) => `DO${stamp}-${i + 1}`);
    for (const [i, s] of mine.entries()) await build(wo.line_code, s, Date.now() - 3_600_000 + i * 1000);
    const otherLine = wo.line_code === 'L2' ? 'L3' : 'L2';
    for (const s of [`DX${stamp}-1`, `DX${stamp}-2`]) await build(otherLine, s, Date.now() - 3_600_000);
    const born = await db().selectFrom('factory_units').select(['serial', 'work_order_id']).where('serial', 'in', mine).execute();
    expect(born.every((u) => u.work_order_id === wo.id)).toBe(true);

    const clerk = (await clerkActor(fdb(), t.platform.ctx.sessions))!;
    // Two units a pallet, three pallets a delivery: the order's six units make three pallets of their own.
    await clerkRound(fdb(), clerk, { palletUnits: 2, deliveryPallets: 3, orderPallets: 3 });
    await agvsDeliver();
    const r = await clerkRound(fdb(), clerk, { palletUnits: 2, deliveryPallets: 3, orderPallets: 3 });
    expect(r.deliveries).toBe(1);
    const delivery = await db().selectFrom('factory_deliveries').select(['id', 'number', 'customer']).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(delivery.customer).toBe('荆江半轴');
    const shipped = await db()
      .selectFrom('factory_units as u')
      .innerJoin('factory_packed_units as pu', 'pu.unit_id', 'u.id')
      .innerJoin('factory_pallets as pl', 'pl.id', 'pu.pallet_id')
      .select('u.serial')
      .where('pl.delivery_id', '=', delivery.id)
      .execute();
    expect(shipped.map((u) => u.serial).sort()).toEqual([...mine].sort());
    // The other line's units are on a pallet of their own, not shipped with the order (one pallet: below three).
    const stray = await db()
      .selectFrom('factory_units as u')
      .innerJoin('factory_packed_units as pu', 'pu.unit_id', 'u.id')
      .innerJoin('factory_pallets as pl', 'pl.id', 'pu.pallet_id')
      .select(['pl.delivery_id'])
      .where('u.serial', 'like', `DX${stamp}-%`)
      .execute();
    expect(stray).toHaveLength(2);
    expect(stray.every((p) => p.delivery_id === null)).toBe(true);

    // The supplier's plant shows the delivery to the order; the supplier certifies it: exactly the six serials.
    const list = ((await planner.get('/api/trade/orders')).json() as { items: { id: string; rfqTitle: string }[] }).items;
    const order = list.find((o) => o.rfqTitle === '变速箱齿轮 批量采购（演示订单）')!;
    const deliveries = (await planner.get(`/api/trade/orders/${order.id}/deliveries`)).json() as { id: string }[];
    expect(deliveries.map((d) => d.id)).toContain(delivery.id);
    const issued = await planner.post(`/api/trade/orders/${order.id}/certificates`, { deliveryId: delivery.id });
    expect(issued.statusCode, issued.body).toBe(201);
    const cert = issued.json() as { id: string; content: { units: { serial: string; workOrder: string | null }[] } };
    expect(cert.content.units.map((u) => u.serial).sort()).toEqual([...mine].sort());
    expect(cert.content.units.every((u) => u.workOrder === wo.number)).toBe(true);
    const seen = (await buyer.get(`/api/trade/orders/${order.id}/certificates`)).json() as { deliveryNumber: string; units: number }[];
    expect(seen.map((c) => [c.deliveryNumber, c.units])).toEqual([[delivery.number, 6]]);
  });
});
