import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateSummary, Order, OrderProduction } from '@gearbridge/contracts/trade';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { deliveredUnits } from '../../test/delivered-units';
import { tradeContext } from './db';
import { certifyDemoOrder, DEMO_ORDER_TITLE } from './seed-order';

/**
 * The demo's awarded gear order (seed-order.ts), made through the services: awarded with its terms and milestones,
 * confirmed and in production in the supplier's plant through the factory's interface; certified by the run-time
 * job only once the plant has shipped a delivery holding its part, and only once.
 */
let t: TestApp;
let buyer: Client; // jingjiang.buyer

beforeAll(async () => {
  t = await startTestApp();
  buyer = await t.login('jingjiang.buyer');
});
afterAll(() => t?.close());

describe('the demo order', () => {
  it('is awarded, confirmed and in production, and certified once its part ships', async () => {
    const ctx = tradeContext(t.platform.contextOf('trade'));
    const o = ((await buyer.get('/api/trade/orders')).json() as { items: Order[] }).items.find((x) => x.rfqTitle === DEMO_ORDER_TITLE)!;
    // 240 × 228.00 (the tier from 200) = 54,720.00; VAT 7,113.60; 30 / 60 / 10 of 61,833.60.
    expect(o).toMatchObject({ net: '54720.00', vat: '7113.60', gross: '61833.60', supplierName: '綦江齿轮传动有限公司', status: 'open' });
    expect(o.paymentTerms.map((p) => p.amount)).toEqual(['18550.08', '37100.16', '6183.36']);
    expect(o.milestones.filter((m) => m.doneOn).map((m) => m.kind)).toEqual(['confirmed', 'production_start']);
    const production: OrderProduction = (await buyer.get(`/api/trade/orders/${o.id}/production`)).json();
    const line = production.lines[0];
    expect(line.progress).toMatchObject({ number: expect.stringMatching(/^WO-/), status: 'released', qty: 240 });
    expect(await t.auditCount({ action: 'trade.order.production', entityId: o.id })).toBe(1);

    // No delivery of the plant yet: nothing to certify.
    expect(await certifyDemoOrder(ctx)).toBe(false);
    const lineCode = (await ctx.interfaces.factory!.partsOf(o.supplierOrgId)).find((p) => p.partNo === line.partNo)!.lineCode!;
    // The part shipped to another customer (as the demo's logistics clerk ships to the truck makers): not this order's.
    await deliveredUnits(t.platform.handle.db as never, { prefix: `DEMOX${Date.now() % 100000}`, count: 2, lineCode, customer: '上汽红岩汽车有限公司' });
    expect(await certifyDemoOrder(ctx)).toBe(false);
    const shipped = await deliveredUnits(t.platform.handle.db as never, { prefix: `DEMO${Date.now() % 100000}`, count: 4, lineCode });
    expect(shipped.partNo).toBe(line.partNo);
    expect(await certifyDemoOrder(ctx)).toBe(true);
    const certs: CertificateSummary[] = (await buyer.get(`/api/trade/orders/${o.id}/certificates`)).json();
    expect(certs.map((c) => [c.deliveryNumber, c.units])).toEqual([[shipped.deliveryNumber, 4]]);
    const after: Order = (await buyer.get(`/api/trade/orders/${o.id}`)).json();
    expect(after.milestones.find((m) => m.kind === 'delivery')).toMatchObject({ doneOn: expect.any(String), note: shipped.deliveryNumber });
    expect(after.milestones.find((m) => m.kind === 'acceptance')!.mayMark).toBe(true);
    // Once: a second round does nothing.
    expect(await certifyDemoOrder(ctx)).toBe(true);
    expect((await buyer.get(`/api/trade/orders/${o.id}/certificates`)).json()).toHaveLength(1);
  });
});
