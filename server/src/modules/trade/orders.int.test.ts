import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Order, Quote, Rfq } from '@gearbridge/contracts/trade';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { localDay } from '../../platform/time';
import { tradeDb, type DB } from './db';

/** Award → orders: after the deadline, whole or split, exact money, all in one transaction. */
let t: TestApp;
let db: DB;
let buyer: Client; // youshen.buyer
let qineng: Client;
let xingxu: Client;
let gear: Client; // a supplier not invited
let officer: Client; // no trade permission
const QINENG = '旗能电铝有限公司';
const XINGXU = '星旭铝业';
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp();
  db = tradeDb(t.platform.handle.db);
  [buyer, qineng, xingxu, gear, officer] = await Promise.all(['youshen.buyer', 'qineng.supplier', 'xingxu.supplier', 'gear.sales', 'park.officer'].map((u) => t.login(u)));
});
afterAll(() => t?.close());

/** An RFQ for 1,200.5 t quoted by 旗能 (20,150.50, from 1,000 t 20,100.05) and 星旭 (20,390.00), deadline passed unless asked. */
async function quotedRfq(pass = true): Promise<{ rfq: Rfq; q: Quote; x: Quote }> {
  const res = await buyer.post('/api/trade/rfqs', {
    title: '铝液 A356 月度采购',
    vertical: 'aluminium',
    attributes: { alloy: 'A356', form: 'molten' },
    quantity: '1200.5',
    deliveryDate: localDay(Date.now() + 20 * DAY),
    deliveryPlace: '上海友升铝业綦江工厂',
    visibility: 'invited',
    invitedOrgIds: [await t.orgId(QINENG), await t.orgId(XINGXU)],
    deadline: new Date(Date.now() + 3 * DAY).toISOString(),
  });
  const rfq: Rfq = res.json();
  const quote = async (c: Client, tiers: [string, string][]) =>
    (
      await c.request('PUT', `/api/trade/rfqs/${rfq.id}/quote`, {
        tiers: tiers.map(([minQuantity, unitPrice]) => ({ minQuantity, unitPrice })),
        leadTimeDays: 3,
        validUntil: localDay(Date.now() + 40 * DAY),
      })
    ).json() as Quote;
  const q = await quote(qineng, [
    ['0', '20150.50'],
    ['1000', '20100.05'],
  ]);
  const x = await quote(xingxu, [['100', '20390.00']]);
  if (pass) await db.updateTable('trade_rfqs').set({ deadline: sql`now() - interval '1 second'` }).where('id', '=', rfq.id).execute();
  return { rfq, q, x };
}
const orderCount = async (rfqId: string) => (await db.selectFrom('trade_orders').select('id').where('rfq_id', '=', rfqId).execute()).length;
/** Every order's payment terms and milestones, counted. */
const scheduleRows = async () =>
  (await sql<{ n: string }>`select ((select count(*) from trade_order_milestones) + (select count(*) from trade_order_payment_terms))::text as n`.execute(db)).rows[0].n;

describe('POST /api/trade/rfqs/:id/award', () => {
  it('splits the award into one order per supplier at the tier price, exact to the 分, audited', async () => {
    const { rfq, q, x } = await quotedRfq();
    const [awards, ordersBefore] = [await t.auditCount({ action: 'trade.rfq.award' }), await t.auditCount({ action: 'trade.order.create' })];
    const res = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, {
      awards: [
        { quoteId: q.id, quantity: '1000' },
        { quoteId: x.id, quantity: '200.5' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const orders: Order[] = res.json();
    const bySupplier = (name: string) => orders.find((o) => o.supplierName === name)!;
    // 1,000 t × 20,100.05 = 20,100,050.00; VAT 13 % 2,613,006.50.
    expect(bySupplier(QINENG)).toMatchObject({ net: '20100050.00', vat: '2613006.50', gross: '22713056.50', buyerName: '上海友升铝业有限公司' });
    expect(bySupplier(QINENG).lines).toEqual([
      { lineNo: 1, description: '铝液 A356 月度采购', quantity: '1000', unit: 't', unitPrice: '20100.05', net: '20100050.00', vat: '2613006.50', gross: '22713056.50' },
    ]);
    // 200.5 t × 20,390.00 = 4,088,195.00; VAT 531,465.35.
    expect(bySupplier(XINGXU)).toMatchObject({ net: '4088195.00', vat: '531465.35', gross: '4619660.35' });
    // The default payment terms 30 / 60 / 10 of each order's gross, exact: 22,713,056.50 splits with no remainder;
    // 4,619,660.35 gives 1,385,898.105 and 461,966.035 — the one 分 left goes to the earlier half (splitting rule).
    expect(bySupplier(QINENG).paymentTerms.map((p) => p.amount)).toEqual(['6813916.95', '13627833.90', '2271305.65']);
    expect(bySupplier(XINGXU).paymentTerms.map((p) => p.amount)).toEqual(['1385898.11', '2771796.21', '461966.03']);
    expect((await buyer.get(`/api/trade/rfqs/${rfq.id}`)).json().status).toBe('awarded');
    expect(await t.auditCount({ action: 'trade.rfq.award' })).toBe(awards + 1);
    expect(await t.auditCount({ action: 'trade.order.create' })).toBe(ordersBefore + 2);

    // Each supplier reads its own order only; an uninvolved supplier none of them.
    const mine = async (c: Client) =>
      ((await c.get('/api/trade/orders?pageSize=500')).json() as { items: Order[] }).items.filter((o) => o.rfqId === rfq.id).map((o) => o.supplierName);
    expect((await mine(buyer)).sort()).toEqual([QINENG, XINGXU].sort());
    expect(await mine(qineng)).toEqual([QINENG]);
    expect(await mine(xingxu)).toEqual([XINGXU]);
    expect(await mine(gear)).toEqual([]);

    // Once awarded, never again.
    const again = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, { awards: [{ quoteId: q.id, quantity: '1' }] });
    expect(again.statusCode).toBe(409);
    expect(await orderCount(rfq.id)).toBe(2);
  });

  it('writes the award and its orders in one transaction: a bad award after a good one leaves nothing', async () => {
    const { rfq, q, x } = await quotedRfq();
    const before = await t.auditCount({ action: 'trade.order.create' });
    const schedule = await scheduleRows();
    const over = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, {
      awards: [
        { quoteId: q.id, quantity: '1000' },
        { quoteId: x.id, quantity: '300' },
      ],
    });
    expect(over.statusCode, over.body).toBe(400);
    expect(over.json().error.fieldMessages['awards.1.quantity']).toEqual({ key: 'trade.award.field_over_quantity', params: { total: '1300', quantity: '1200.5' } });
    expect(await orderCount(rfq.id)).toBe(0);
    expect((await db.selectFrom('trade_rfqs').select('awarded_at').where('id', '=', rfq.id).executeTakeFirstOrThrow()).awarded_at).toBeNull();
    expect(await t.auditCount({ action: 'trade.order.create' })).toBe(before);
    // The first award's order was written with its payment terms and milestones, then all of it rolled back.
    expect(await scheduleRows()).toBe(schedule);

    const below = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, {
      awards: [
        { quoteId: q.id, quantity: '1000' },
        { quoteId: x.id, quantity: '50' },
      ],
    });
    expect(below.json().error.fieldMessages['awards.1.quantity']).toEqual({ key: 'trade.award.field_below_tier', params: { quantity: '100' } });
    const twice = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, {
      awards: [
        { quoteId: q.id, quantity: '1' },
        { quoteId: q.id, quantity: '1' },
      ],
    });
    expect(twice.json().error.fieldMessages['awards.1.quoteId'].key).toBe('trade.award.field_duplicate_quote');
    const other = await quotedRfq();
    const foreign = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, { awards: [{ quoteId: other.q.id, quantity: '1' }] });
    expect(foreign.json().error.fieldMessages['awards.0.quoteId'].key).toBe('trade.award.field_unknown_quote');
    await db
      .updateTable('trade_quotes')
      .set({ valid_until: localDay(Date.now() - DAY) })
      .where('id', '=', x.id)
      .execute();
    const expired = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, { awards: [{ quoteId: x.id, quantity: '100' }] });
    expect(expired.json().error.fieldMessages['awards.0.quoteId'].key).toBe('trade.award.field_expired');
    expect(await orderCount(rfq.id)).toBe(0);
    expect((await buyer.get(`/api/trade/rfqs/${rfq.id}`)).json().status).toBe('closed');
  });

  it('refuses before the deadline, and answers 401, 403, 404 and 400 without writing', async () => {
    const { rfq, q } = await quotedRfq(false);
    const body = { awards: [{ quoteId: q.id, quantity: '1000' }] };
    const early = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, body);
    expect(early.statusCode).toBe(403);
    expect(early.json().error.key).toBe('trade.award.not_closed');
    expect((await t.anonymous().post(`/api/trade/rfqs/${rfq.id}/award`, body)).statusCode).toBe(401);
    expect((await qineng.post(`/api/trade/rfqs/${rfq.id}/award`, body)).statusCode).toBe(403);
    expect((await officer.post(`/api/trade/rfqs/${rfq.id}/award`, body)).statusCode).toBe(403);
    expect((await (await t.login('jingjiang.buyer')).post(`/api/trade/rfqs/${rfq.id}/award`, body)).statusCode).toBe(404);
    expect((await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, { awards: [] })).statusCode).toBe(400);
    expect((await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, { awards: [{ quoteId: q.id, quantity: '1.2345' }] })).statusCode).toBe(400);
    expect((await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, { awards: [{ quoteId: 'x', quantity: '1' }] })).statusCode).toBe(400);
    expect(await orderCount(rfq.id)).toBe(0);
    expect((await t.anonymous().get('/api/trade/orders')).statusCode).toBe(401);
    expect((await officer.get('/api/trade/orders')).statusCode).toBe(403);
    expect((await buyer.get('/api/trade/orders?rfqId=nope')).statusCode).toBe(400);
  });
});
