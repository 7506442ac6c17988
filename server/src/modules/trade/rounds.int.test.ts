import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Quote, Rfq } from '@gearbridge/contracts/trade';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { localDay } from '../../platform/time';
import { tradeDb, type DB } from './db';

/**
 * Quote revision rounds: after the deadline the buyer asks chosen suppliers to revise; every quote is sealed again
 * until the round's deadline — to the buyer too — and no supplier reads another's, in any round.
 */
let t: TestApp;
let db: DB;
let buyer: Client; // youshen.buyer
let qineng: Client;
let xingxu: Client;
let officer: Client;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp();
  db = tradeDb(t.platform.handle.db);
  [buyer, qineng, xingxu, officer] = await Promise.all(['youshen.buyer', 'qineng.supplier', 'xingxu.supplier', 'park.officer'].map((u) => t.login(u)));
});
afterAll(() => t?.close());

const pass = (id: string) => db.updateTable('trade_rfqs').set({ deadline: sql`now() - interval '1 second'` }).where('id', '=', id).execute();
const quote = (c: Client, id: string, price: string) =>
  c.request('PUT', `/api/trade/rfqs/${id}/quote`, { tiers: [{ minQuantity: '0', unitPrice: price }], leadTimeDays: 3, validUntil: localDay(Date.now() + 40 * DAY) });
const prices = async (c: Client, id: string) => ((await c.get(`/api/trade/rfqs/${id}/quotes`)).json() as Quote[]).map((q) => `${q.supplierName}:${q.tiers[0].unitPrice}`).sort();

describe('revision rounds', () => {
  it('seals every quote again until the new deadline, lets only the chosen suppliers revise, and never shows a competitor', async () => {
    const rfq: Rfq = (
      await buyer.post('/api/trade/rfqs', {
        title: '铝液 A00 季度采购',
        vertical: 'aluminium',
        attributes: { alloy: 'A00', form: 'molten' },
        quantity: '3000',
        deliveryDate: localDay(Date.now() + 30 * DAY),
        deliveryPlace: '上海友升铝业綦江工厂',
        visibility: 'invited',
        invitedOrgIds: [await t.orgId('旗能电铝有限公司'), await t.orgId('星旭铝业')],
        deadline: new Date(Date.now() + DAY).toISOString(),
      })
    ).json();
    expect((await quote(qineng, rfq.id, '19700.00')).statusCode).toBe(200);
    expect((await quote(xingxu, rfq.id, '19800.00')).statusCode).toBe(200);
    await pass(rfq.id);
    expect(await prices(buyer, rfq.id)).toEqual(['旗能电铝有限公司:19700.00', '星旭铝业:19800.00']);

    const res = await buyer.post(`/api/trade/rfqs/${rfq.id}/rounds`, {
      deadline: new Date(Date.now() + 2 * DAY).toISOString(),
      supplierOrgIds: [await t.orgId('旗能电铝有限公司')],
      note: '请按 3000 吨重新报价',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ round: 2, status: 'open', quoteCount: null });
    expect(await t.auditCount({ action: 'trade.rfq.round', entityId: rfq.id })).toBe(1);
    // Sealed again: the buyer reads nothing, each supplier only its own.
    expect(await prices(buyer, rfq.id)).toEqual([]);
    expect(await prices(qineng, rfq.id)).toEqual(['旗能电铝有限公司:19700.00']);
    expect(((await qineng.get(`/api/trade/rfqs/${rfq.id}`)).json() as Rfq).inRound).toBe(true);
    expect(((await xingxu.get(`/api/trade/rfqs/${rfq.id}`)).json() as Rfq).inRound).toBe(false);
    // Only the asked supplier revises; the other is refused.
    const refused = await quote(xingxu, rfq.id, '19500.00');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.key).toBe('trade.rfq.not_in_round');
    expect((await quote(qineng, rfq.id, '19620.00')).statusCode).toBe(200);
    expect(await prices(xingxu, rfq.id)).toEqual(['星旭铝业:19800.00']);
    expect(await prices(buyer, rfq.id)).toEqual([]);
    // No award before the round's deadline.
    const early = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, {
      awards: [{ quoteId: (await qineng.get(`/api/trade/rfqs/${rfq.id}/quotes`)).json()[0].id, quantity: '3000' }],
    });
    expect(early.statusCode).toBe(403);
    // After it: the revised price.
    await pass(rfq.id);
    expect(await prices(buyer, rfq.id)).toEqual(['旗能电铝有限公司:19620.00', '星旭铝业:19800.00']);
    expect(await prices(qineng, rfq.id)).toEqual(['旗能电铝有限公司:19620.00']);
  });

  it('answers 401, 403, 404, 409 and 400 and writes nothing', async () => {
    const rfq: Rfq = (
      await buyer.post('/api/trade/rfqs', {
        title: '铝液',
        vertical: 'aluminium',
        attributes: {},
        quantity: '10',
        deliveryDate: localDay(Date.now() + 30 * DAY),
        deliveryPlace: '上海友升铝业綦江工厂',
        visibility: 'open',
        deadline: new Date(Date.now() + DAY).toISOString(),
      })
    ).json();
    await quote(qineng, rfq.id, '19700.00');
    const url = `/api/trade/rfqs/${rfq.id}/rounds`;
    const body = { deadline: new Date(Date.now() + 2 * DAY).toISOString(), supplierOrgIds: [await t.orgId('旗能电铝有限公司')] };
    const other = await t.login('jingjiang.buyer');
    const before = await t.auditCount();
    // Before the deadline: no round.
    expect((await buyer.post(url, body)).json().error.key).toBe('trade.round.not_closed');
    await pass(rfq.id);
    expect((await t.anonymous().post(url, body)).statusCode).toBe(401);
    expect((await officer.post(url, body)).statusCode).toBe(403);
    expect((await qineng.post(url, body)).statusCode).toBe(403);
    expect((await other.post(url, body)).statusCode).toBe(404);
    expect((await buyer.post(url, { ...body, supplierOrgIds: [] })).statusCode).toBe(400);
    expect((await buyer.post(url, { ...body, deadline: 'tomorrow' })).statusCode).toBe(400);
    expect((await buyer.post(url, { ...body, deadline: new Date(Date.now() - DAY).toISOString() })).json().error.fieldMessages.deadline.key).toBe('trade.field.deadline_past');
    expect((await buyer.post(url, { ...body, supplierOrgIds: [await t.orgId('星旭铝业')] })).json().error.fieldMessages.supplierOrgIds.key).toBe('trade.field.not_quoted');
    expect(await t.auditCount()).toBe(before);
    // Awarded: no more rounds.
    const q = (await buyer.get(`/api/trade/rfqs/${rfq.id}/quotes`)).json()[0] as Quote;
    expect((await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, { awards: [{ quoteId: q.id, quantity: '10' }] })).statusCode).toBe(201);
    expect((await buyer.post(url, body)).statusCode).toBe(409);
  });
});
