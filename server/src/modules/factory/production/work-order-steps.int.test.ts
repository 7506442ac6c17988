import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { WorkOrder } from '@gearbridge/contracts/factory';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { rawQueryOf } from '../../../platform/db';
import { factoryDb, type DB } from '../db';
import { recordUnitEvent } from './unit-events';

/**
 * A work order completes when its good units reach its quantity, whether the last one is reported by a device (the
 * ingest's path) or at the station page; a rush order that completes gives its line back to the order it displaced.
 * The demo's trade order on L7 (released in place of L7's own order by the factory's public interface) is the case.
 */
let t: TestApp;
let db: DB;
let manager: Client; // gear.manager
let planner: Client; // gear.planner
let operator: Client; // gear.operator

type Device = { id: string; code: string; cellCode: string | null };

beforeAll(async () => {
  t = await startTestApp();
  db = factoryDb(t.platform.handle.db);
  [manager, planner, operator] = await Promise.all([t.login('gear.manager'), t.login('gear.planner'), t.login('gear.operator')]);
});
afterAll(() => t?.close());

const workOrders = async (c: Client, q = '') => ((await c.get(`/api/factory/work-orders?pageSize=100${q}`)).json() as { items: WorkOrder[] }).items;
const audits = (action: string, entityId: string) =>
  db.selectFrom('audit_log').select(['actor_id', 'before', 'after']).where('action', '=', action).where('entity_id', '=', entityId).orderBy('id').execute();

/** `count` good units of the work order, put straight into the database (the station path is tested elsewhere). */
async function goodUnits(wo: WorkOrder, prefix: string, count: number, status: 'done' | 'nok' = 'done') {
  const ops = await db.selectFrom('factory_routing_ops').select('op').where('product_id', '=', wo.productId).orderBy('seq').execute();
  await sql`insert into factory_units (org_id, serial, product_id, work_order_id, line_id, status, last_op, born_at, done_at)
            select ${wo.orgId}, ${prefix} || '-' || lpad(i::text, 4, '0'), ${wo.productId}, ${wo.id}, ${wo.lineId}, ${status}, ${ops.at(-1)!.op},
                   now() - interval '2 hours', case when ${status} = 'done' then now() - interval '1 hour' end
              from generate_series(1, ${count}::int) as i`.execute(db);
}

describe('a work order at its quantity', () => {
  it("completes the demo's trade order on L7 at 240 good units, by a device's report, and L7 goes back to its own order", async () => {
    const l7 = (await workOrders(manager)).filter((w) => w.lineCode === 'L7');
    const rush = l7.find((w) => w.status === 'released')!;
    // The trade order names its customer; the plant's own order it displaced waits, planned.
    expect(rush).toMatchObject({ qty: 240, customer: '荆江半轴' });
    const own = l7.find((w) => w.status === 'planned' && w.customer === null && w.releasedAt !== null)!;
    expect((await db.selectFrom('factory_work_orders').select('displaced_id').where('id', '=', rush.id).executeTakeFirstOrThrow()).displaced_id).toBe(own.id);
    expect(await audits('factory.work_order.suspend', own.id)).toHaveLength(1);
    // A planner finds it by its customer.
    expect((await workOrders(planner, `&q=${encodeURIComponent('荆江')}`)).map((w) => w.id)).toEqual([rush.id]);

    // 238 good and 3 NOK: NOK units do not count.
    await goodUnits(rush, 'T-L7-FILL', 238);
    await goodUnits(rush, 'T-L7-NOK', 3, 'nok');
    const devices = ((await manager.get('/api/factory/devices?q=L7&pageSize=200')).json() as { items: Device[] }).items;
    const ops = await db.selectFrom('factory_routing_ops').select('op').where('product_id', '=', rush.productId).orderBy('seq').execute();
    const at = (op: string) => devices.find((d) => d.cellCode === op)!;
    expect(ops.every((o) => at(o.op))).toBe(true);

    // The 239th at the station page, operation by operation: still released.
    for (const o of ops) {
      const r = await operator.post('/api/factory/stations/events', { deviceId: at(o.op).id, serial: 'T-L7-0239', event: 'complete', result: 'OK' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().unit.workOrderNumber).toBe(rush.number);
    }
    expect((await workOrders(manager)).find((w) => w.id === rush.id)).toMatchObject({ status: 'released', progress: { done: 239, nok: 3 } });

    // The 240th by the line's devices, as the ingest records it in its batch's transaction.
    const nums = await db
      .selectFrom('factory_devices')
      .select(['id', 'num'])
      .where(
        'id',
        'in',
        ops.map((o) => at(o.op).id),
      )
      .execute();
    let ts = Date.now();
    await db.transaction().execute(async (trx) => {
      for (const o of ops) {
        const r = await recordUnitEvent(rawQueryOf(trx), {
          device: nums.find((d) => d.id === at(o.op).id)!.num,
          ts: ts++,
          event: 'complete',
          serial: 'T-L7-0240',
          result: 'OK',
          defect: null,
          productId: null,
          measurements: {},
          lots: {},
          source: 'device',
          operatorId: null,
        });
        expect(r, o.op).toMatchObject({ ok: true });
      }
    });
    const after = await workOrders(manager);
    expect(after.find((w) => w.id === rush.id)).toMatchObject({ status: 'completed', progress: { done: 240 } });
    expect(after.find((w) => w.id === own.id)).toMatchObject({ status: 'released' });
    // Both steps audited, as the system's (no actor): the completion with its count, the release naming the order it follows.
    expect(await audits('factory.work_order.complete', rush.id)).toEqual([
      { actor_id: null, before: { status: 'released' }, after: { status: 'completed', good: 240, qty: 240, reason: 'quantity_reached' } },
    ]);
    const resumed = await audits('factory.work_order.release', own.id);
    expect(resumed.at(-1)).toEqual({ actor_id: null, before: { status: 'planned' }, after: { status: 'released', resumedAfter: rush.number } });

    // The next unit on L7 is born into the plant's own order, not the trade order's; the trade order keeps 240.
    const next = await operator.post('/api/factory/stations/events', { deviceId: at(ops[0].op).id, serial: 'T-L7-0241', event: 'start' });
    expect(next.json().unit.workOrderNumber).toBe(own.number);
    expect((await workOrders(manager)).find((w) => w.id === rush.id)!.progress.done).toBe(240);
  });

  it('completes an order of the plant at its quantity too, and leaves the line free when it displaced nothing', async () => {
    const l2 = (await workOrders(manager)).find((w) => w.lineCode === 'L2' && w.status === 'released')!;
    await goodUnits(l2, 'T-L2-FILL', l2.qty - 1 - l2.progress.done);
    const devices = ((await manager.get('/api/factory/devices?q=L2&pageSize=200')).json() as { items: Device[] }).items;
    const ops = await db.selectFrom('factory_routing_ops').select('op').where('product_id', '=', l2.productId).orderBy('seq').execute();
    for (const o of ops) {
      const r = await operator.post('/api/factory/stations/events', {
        deviceId: devices.find((d) => d.cellCode === o.op)!.id,
        serial: 'T-L2-LAST',
        event: 'complete',
        result: 'OK',
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const after = await workOrders(manager, `&lineId=${l2.lineId}`);
    expect(after.find((w) => w.id === l2.id)).toMatchObject({ status: 'completed', progress: { done: l2.qty } });
    expect(after.filter((w) => w.status === 'released')).toEqual([]);
    expect((await audits('factory.work_order.complete', l2.id)).map((a) => a.actor_id)).toEqual([null]);
  });
});

describe('suspending a work order', () => {
  it('puts a released order back to planned for planners of the plant only; 401, 403, 409, 400; audited', async () => {
    const l3 = (await workOrders(planner)).find((w) => w.lineCode === 'L3' && w.status === 'released')!;
    const url = `/api/factory/work-orders/${l3.id}/actions`;
    const [officer, other] = await Promise.all([t.login('park.officer'), t.login('ck.admin')]);
    const before = await t.auditCount();
    expect((await t.anonymous().post(url, { action: 'suspend' })).statusCode).toBe(401);
    expect((await operator.post(url, { action: 'suspend' })).statusCode).toBe(403);
    expect((await officer.post(url, { action: 'suspend' })).statusCode).toBe(403);
    // Another organisation's admin: not its plant.
    expect((await other.post(url, { action: 'suspend' })).statusCode).toBe(403);
    expect((await planner.post(url, { action: 'pause' })).statusCode).toBe(400);
    expect(await t.auditCount()).toBe(before);
    expect((await workOrders(planner)).find((w) => w.id === l3.id)!.status).toBe('released');

    const r = await planner.post(url, { action: 'suspend' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'planned', releasedAt: expect.any(String) });
    expect(await audits('factory.work_order.suspend', l3.id)).toEqual([expect.objectContaining({ before: { status: 'released' }, after: { status: 'planned' } })]);
    // Planned now: suspending again is a 409 naming it; released again, it runs on.
    const again = await planner.post(url, { action: 'suspend' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ key: 'factory.work_order.cannot_suspend', params: { number: l3.number } });
    expect((await planner.post(url, { action: 'release' })).json().status).toBe('released');
  });
});
