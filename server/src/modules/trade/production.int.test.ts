import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderProduction } from '@gearbridge/contracts/trade';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { localDay } from '../../platform/time';
import { tradeContext, tradeDb, type DB } from './db';
import { lineReference } from './production.service';
import { demoActor } from './seed-order';
import { awardedGearOrder } from './test/orders';

/**
 * Order → production through the factory's public interface: the supplier's plant makes a work order for an order
 * line by the factory's own rules, once per line however often it is asked; the buyer follows its progress.
 */
let t: TestApp;
let db: DB;
let buyer: Client; // jingjiang.buyer, 荆江半轴
let plant: Client; // gear.planner: 綦江齿轮传动's planner (plant manager's permissions), also its trade supplier
let sales: Client; // gear.sales: supplier of 綦江齿轮传动, no factory.plan
let qineng: Client; // another supplier
let youshen: Client; // another buyer
let officer: Client; // no trade permission
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp();
  db = tradeDb(t.platform.handle.db);
  [buyer, plant, sales, qineng, youshen, officer] = await Promise.all(
    ['jingjiang.buyer', 'gear.planner', 'gear.sales', 'qineng.supplier', 'youshen.buyer', 'park.officer'].map((u) => t.login(u)),
  );
});
afterAll(() => t?.close());

const order = (qty = '120') => awardedGearOrder(t, db, buyer, sales, qty);

describe('order → work order', () => {
  it("makes one work order in the supplier's plant for a line, by the factory's rules, however often asked", async () => {
    const o = await order();
    const parts = (await plant.get(`/api/trade/orders/${o.id}/parts`)).json() as { partNo: string; lineCode: string | null }[];
    expect(parts.length).toBeGreaterThan(0);
    const part = parts.find((p) => p.lineCode)!;
    const before = await t.auditCount({ action: 'factory.work_order.create' });

    const res = await plant.post(`/api/trade/orders/${o.id}/production`, { lineNo: 1, partNo: part.partNo });
    expect(res.statusCode, res.body).toBe(200);
    const made: OrderProduction = res.json();
    expect(made.available).toBe(true);
    const p = made.lines[0].progress!;
    expect(p).toMatchObject({ partNo: part.partNo, lineCode: part.lineCode, qty: 120, status: 'planned', dueDate: localDay(Date.now() + 30 * DAY), started: 0 });
    expect(made.lines[0]).toMatchObject({ lineNo: 1, partNo: part.partNo, reference: `trade:order:${o.id}:1` });
    // The factory's own record: its audit row and its work-order page.
    expect(await t.auditCount({ action: 'factory.work_order.create' })).toBe(before + 1);
    const wo = (await plant.get(`/api/factory/work-orders/${p.workOrderId}`)).json();
    expect(wo).toMatchObject({ number: p.number, qty: 120, status: 'planned' });

    // A retry, and two at once: still the one work order.
    const again: OrderProduction = (await plant.post(`/api/trade/orders/${o.id}/production`, { lineNo: 1, partNo: part.partNo })).json();
    expect(again.lines[0].progress!.workOrderId).toBe(p.workOrderId);
    const both = await Promise.all([1, 2].map(() => plant.post(`/api/trade/orders/${o.id}/production`, { lineNo: 1, partNo: part.partNo })));
    for (const r of both) expect((r.json() as OrderProduction).lines[0].progress!.workOrderId).toBe(p.workOrderId);
    expect(await t.auditCount({ action: 'factory.work_order.create' })).toBe(before + 1);
    expect(await t.auditCount({ action: 'trade.order.production', entityId: o.id })).toBe(1);
    // Another part for a line already in production: refused.
    const other = parts.find((x) => x.partNo !== part.partNo && x.lineCode);
    if (other) expect((await plant.post(`/api/trade/orders/${o.id}/production`, { lineNo: 1, partNo: other.partNo })).statusCode).toBe(409);

    // The buyer follows the progress; the plant releases the order and the buyer sees it.
    expect(((await buyer.get(`/api/trade/orders/${o.id}/production`)).json() as OrderProduction).lines[0].progress!.status).toBe('planned');
    await plant.post(`/api/factory/work-orders/${p.workOrderId}/actions`, { action: 'cancel' });
    expect(((await buyer.get(`/api/trade/orders/${o.id}/production`)).json() as OrderProduction).lines[0].progress!.status).toBe('cancelled');
    // Nobody else reads it.
    expect((await qineng.get(`/api/trade/orders/${o.id}/production`)).statusCode).toBe(404);
    expect((await youshen.get(`/api/trade/orders/${o.id}/production`)).statusCode).toBe(404);
  });

  it("applies the factory's rules and the order's: 401, 403, 400, 404", async () => {
    const o = await order('50');
    const url = `/api/trade/orders/${o.id}/production`;
    const part = ((await plant.get(`/api/trade/orders/${o.id}/parts`)).json() as { partNo: string; lineCode: string | null }[]).find((p) => p.lineCode)!;
    const before = await t.auditCount();
    const anon = t.anonymous();
    for (const [method, path, body] of [
      ['GET', `/api/trade/orders/${o.id}/parts`, undefined],
      ['GET', url, undefined],
      ['POST', url, { lineNo: 1, partNo: part.partNo }],
    ] as const) {
      expect((await anon.request(method, path, body)).statusCode, `${method} ${path}`).toBe(401);
      expect((await officer.request(method, path, body)).statusCode, `${method} ${path}`).toBe(403);
    }
    // The supplier's salesman may not plan the plant (the factory's rule), the buyer is not the supplier.
    const noPlan = await sales.post(url, { lineNo: 1, partNo: part.partNo });
    expect(noPlan.statusCode).toBe(403);
    expect((await buyer.post(url, { lineNo: 1, partNo: part.partNo })).statusCode).toBe(403);
    expect((await buyer.get(`/api/trade/orders/${o.id}/parts`)).statusCode).toBe(403);
    expect((await qineng.post(url, { lineNo: 1, partNo: part.partNo })).statusCode).toBe(404);
    // Bad input.
    expect((await plant.post(url, { lineNo: 0, partNo: part.partNo })).statusCode).toBe(400);
    expect((await plant.post(url, { lineNo: 1, partNo: '' })).statusCode).toBe(400);
    expect((await plant.post(url, { lineNo: 1, partNo: part.partNo, dueDate: 'soon' })).statusCode).toBe(400);
    expect((await plant.post('/api/trade/orders/nope/production', { lineNo: 1, partNo: part.partNo })).statusCode).toBe(400);
    expect((await plant.post(url, { lineNo: 2, partNo: part.partNo })).json().error.fieldMessages.lineNo.key).toBe('trade.field.unknown_line');
    expect((await plant.post(url, { lineNo: 1, partNo: 'NO-SUCH-PART' })).json().error.fieldMessages.partNo.key).toBe('factory.product.unknown_field');
    const past = await plant.post(url, { lineNo: 1, partNo: part.partNo, dueDate: localDay(Date.now() - 2 * DAY) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.key).toBe('factory.work_order.due_in_past');
    expect(await t.auditCount()).toBe(before);
    expect(((await plant.get(url)).json() as OrderProduction).lines[0].progress).toBeNull();
  });

  it('answers a line larger than a work order may be with a 400 on the quantity, not the table check', async () => {
    const big = await order('2000000');
    const part = ((await plant.get(`/api/trade/orders/${big.id}/parts`)).json() as { partNo: string; lineCode: string | null }[]).find((p) => p.lineCode)!;
    const before = await t.auditCount();
    const res = await plant.post(`/api/trade/orders/${big.id}/production`, { lineNo: 1, partNo: part.partNo });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ key: 'factory.production_request.invalid', fieldMessages: { qty: { key: 'validation.too_big' } } });
    expect(await t.auditCount()).toBe(before);
  });
});

describe("a rush order on the plant's line", () => {
  it('gives the line back to the order it displaced when the planner completes or cancels it, audited; not to an order cancelled since', async () => {
    const ctx = tradeContext(t.platform.contextOf('trade'));
    const factory = ctx.interfaces.factory!;
    const actor = (await demoActor(ctx, 'gear.planner', 'test-rush'))!;
    const workOrders = async () =>
      ((await plant.get('/api/factory/work-orders?pageSize=100')).json() as { items: { id: string; number: string; status: string; lineCode: string; customer: string | null }[] })
        .items;
    /** An awarded order sent to production and put on its line at once, in place of what the line ran. */

    const send = async () => {
      const o = await order('30');
      const part = ((await plant.get(`/api/trade/orders/${o.id}/parts`)).json() as { partNo: string; lineCode: string | null }[]).find((p) => p.lineCode)!;
      const made: OrderProduction = (await plant.post(`/api/trade/orders/${o.id}/production`, { lineNo: 1, partNo: part.partNo })).json();
      const running = (await workOrders()).find((w) => w.lineCode === part.lineCode && w.status === 'released')!;
      const p = await factory.releaseForOrder(actor, { orgId: actor.orgId, reference: lineReference(o.id, 1), displace: true });
      expect(p).toMatchObject({ workOrderId: made.lines[0].progress!.workOrderId, status: 'released' });
      const now = await workOrders();
      expect(now.find((w) => w.id === running.id)!.status).toBe('planned');
      expect(now.find((w) => w.id === p.workOrderId)!.customer).toBe('荆江半轴');
      return { wo: p.workOrderId, number: p.number, displaced: running };
    };
    const act = async (id: string, action: string) => {
      const r = await plant.post(`/api/factory/work-orders/${id}/actions`, { action });
      expect(r.statusCode, r.body).toBe(200);
    };
    const lastRelease = async (id: string) =>
      (await db
        .selectFrom('audit_log')
        .select(['actor_id', 'after'])
        .where('action', '=', 'factory.work_order.release')
        .where('entity_id', '=', id)
        .orderBy('id', 'desc')
        .executeTakeFirst())!;

    // Completed by the planner: the displaced order runs again, released by the planner's step.
    const a = await send();
    await act(a.wo, 'complete');
    expect((await workOrders()).find((w) => w.id === a.displaced.id)!.status).toBe('released');
    expect(await lastRelease(a.displaced.id)).toEqual({ actor_id: actor.userId, after: { status: 'released', resumedAfter: a.number } });

    // Cancelled while on the line: the same.
    const b = await send();
    expect(b.displaced.id).toBe(a.displaced.id);
    await act(b.wo, 'cancel');
    expect((await workOrders()).find((w) => w.id === b.displaced.id)!.status).toBe('released');
    expect((await lastRelease(b.displaced.id)).after).toEqual({ status: 'released', resumedAfter: b.number });

    // The displaced order cancelled meanwhile: the line stays free when the rush order completes.
    const c = await send();
    await act(c.displaced.id, 'cancel');
    const releases = await t.auditCount({ action: 'factory.work_order.release' });
    await act(c.wo, 'complete');
    expect(await t.auditCount({ action: 'factory.work_order.release' })).toBe(releases);
    const line = (await workOrders()).find((w) => w.id === c.wo)!.lineCode;
    expect((await workOrders()).filter((w) => w.lineCode === line && w.status === 'released')).toEqual([]);
  });
});
