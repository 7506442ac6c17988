import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Quote, Rfq } from '@gearbridge/contracts/trade';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { localDay } from '../../platform/time';
import { tradeDb, type DB } from './db';

/**
 * RFQs and SEALED quotes: no route returns a quote before its RFQ's deadline to anybody but its own supplier, and
 * no supplier ever reads another's. The deadline "passes" by moving it in the database.
 */
let t: TestApp;
let db: DB;
let buyer: Client; // youshen.buyer, 上海友升铝业
let qineng: Client; // qineng.supplier, 旗能电铝
let xingxu: Client; // xingxu.supplier, 星旭铝业
let gear: Client; // gear.sales, 綦江齿轮传动 (not invited below)
let jingjiang: Client; // jingjiang.buyer, another buyer
let operator: Client; // park.trade over 綦江区
let admin: Client;
let officer: Client; // park.officer: no trade permission
const QINENG = '旗能电铝有限公司';
const XINGXU = '星旭铝业';
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp();
  db = tradeDb(t.platform.handle.db);
  [buyer, qineng, xingxu, gear, jingjiang, operator, admin, officer] = await Promise.all(
    ['youshen.buyer', 'qineng.supplier', 'xingxu.supplier', 'gear.sales', 'jingjiang.buyer', 'park.trade', 'admin', 'park.officer'].map((u) => t.login(u)),
  );
});
afterAll(() => t?.close());

const rfqBody = async (over: Record<string, unknown> = {}) => ({
  title: '铝液 A356 月度采购',
  vertical: 'aluminium',
  attributes: { alloy: 'A356', form: 'molten' },
  quantity: '1200.5',
  deliveryDate: localDay(Date.now() + 20 * DAY),
  deliveryPlace: '上海友升铝业綦江工厂',
  visibility: 'invited',
  invitedOrgIds: [await t.orgId(QINENG), await t.orgId(XINGXU)],
  deadline: new Date(Date.now() + 3 * DAY).toISOString(),
  ...over,
});
async function postRfq(over: Record<string, unknown> = {}): Promise<Rfq> {
  const res = await buyer.post('/api/trade/rfqs', await rfqBody(over));
  if (res.statusCode !== 201) throw new Error(`rfq: ${res.statusCode} ${res.body}`);
  return res.json();
}
const quoteBody = (price: string, over: Record<string, unknown> = {}) => ({
  tiers: [
    { minQuantity: '0', unitPrice: price },
    { minQuantity: '1000', unitPrice: '20100.05' },
  ],
  leadTimeDays: 2,
  validUntil: localDay(Date.now() + 40 * DAY),
  ...over,
});
async function quote(c: Client, rfqId: string, price: string): Promise<Quote> {
  const res = await c.request('PUT', `/api/trade/rfqs/${rfqId}/quote`, quoteBody(price));
  if (res.statusCode !== 200) throw new Error(`quote: ${res.statusCode} ${res.body}`);
  return res.json();
}
const pass = (rfqId: string) => db.updateTable('trade_rfqs').set({ deadline: sql`now() - interval '1 second'` }).where('id', '=', rfqId).execute();
const quotes = async (c: Client, rfqId: string) => {
  const res = await c.get(`/api/trade/rfqs/${rfqId}/quotes`);
  return { status: res.statusCode, body: res.json() as Quote[] };
};

describe('POST /api/trade/rfqs', () => {
  it('posts an RFQ for the own organisation with invitations, audited', async () => {
    const before = await t.auditCount({ action: 'trade.rfq.create' });
    const r = await postRfq();
    expect(r).toMatchObject({ buyerName: '上海友升铝业有限公司', quantity: '1200.5', unit: 't', status: 'open', own: true, quoteCount: null, visibility: 'invited' });
    expect(r.invited.map((i) => i.name).sort()).toEqual([QINENG, XINGXU].sort());
    expect(await t.auditCount({ action: 'trade.rfq.create' })).toBe(before + 1);
  });
  it('answers 401 without a session, 403 without trade.buy, and changes nothing', async () => {
    const count = async () => Number((await db.selectFrom('trade_rfqs').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    expect((await t.anonymous().post('/api/trade/rfqs', await rfqBody())).statusCode).toBe(401);
    expect((await qineng.post('/api/trade/rfqs', await rfqBody())).statusCode).toBe(403);
    expect((await operator.post('/api/trade/rfqs', await rfqBody())).statusCode).toBe(403);
    expect((await officer.post('/api/trade/rfqs', await rfqBody())).statusCode).toBe(403);
    expect(await count()).toBe(n);
  });
  it('answers 400 with field errors for bad input, and changes nothing', async () => {
    const count = async () => Number((await db.selectFrom('trade_rfqs').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    const bad = async (over: Record<string, unknown>) => {
      const res = await buyer.post('/api/trade/rfqs', await rfqBody(over));
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error;
    };
    expect((await bad({ quantity: '1.2345' })).fieldMessages.quantity.key).toBe('trade.field.quantity');
    expect((await bad({ quantity: 12 })).fields).toHaveProperty('quantity');
    expect((await bad({ deadline: new Date(Date.now() - 1000).toISOString() })).fieldMessages.deadline.key).toBe('trade.field.deadline_past');
    expect((await bad({ deliveryDate: localDay(Date.now() + DAY) })).fieldMessages.deliveryDate.key).toBe('trade.field.delivery_before_deadline');
    expect((await bad({ invitedOrgIds: [] })).fieldMessages.invitedOrgIds.key).toBe('trade.field.invite_required');
    expect((await bad({ invitedOrgIds: [await t.orgId('上海友升铝业有限公司')] })).fieldMessages.invitedOrgIds.key).toBe('trade.field.own_org');
    expect((await bad({ invitedOrgIds: [await t.orgId('城口县人民医院')] })).fieldMessages.invitedOrgIds.key).toBe('trade.field.not_a_supplier');
    expect((await bad({ attributes: { alloy: '7075' } })).fields).toHaveProperty(['attributes.alloy']);
    expect((await bad({ attributes: { colour: 'red' } })).fieldMessages['attributes.colour']).toEqual({ key: 'trade.field.unknown_attribute', params: { key: 'colour' } });
    expect((await bad({ vertical: 'textiles' })).fields).toHaveProperty('vertical');
    expect(await count()).toBe(n);
  });
});

describe('GET /api/trade/rfqs', () => {
  it('shows the buyer its own, invited suppliers the invitation, others nothing of an invited RFQ', async () => {
    const r = await postRfq();
    const seen = async (c: Client) => ((await c.get('/api/trade/rfqs?pageSize=200')).json().items as Rfq[]).some((x) => x.id === r.id);
    expect(await seen(buyer)).toBe(true);
    expect(await seen(qineng)).toBe(true);
    expect(await seen(operator)).toBe(true);
    expect(await seen(admin)).toBe(true);
    expect(await seen(gear)).toBe(false);
    expect(await seen(jingjiang)).toBe(false);
    expect((await gear.get(`/api/trade/rfqs/${r.id}`)).statusCode).toBe(404);
    expect((await jingjiang.get(`/api/trade/rfqs/${r.id}`)).statusCode).toBe(404);
    // A supplier sees only its own invitation, not who else was invited.
    const forQineng: Rfq = (await qineng.get(`/api/trade/rfqs/${r.id}`)).json();
    expect(forQineng.invited.map((i) => i.name)).toEqual([QINENG]);
    expect(forQineng.own).toBe(false);
    const open = await postRfq({ visibility: 'open', invitedOrgIds: [] });
    expect(await (async () => ((await gear.get('/api/trade/rfqs?view=quotable&pageSize=200')).json().items as Rfq[]).some((x) => x.id === open.id))()).toBe(true);
  });
  it('shows the operator the RFQs of buyers in its region only', async () => {
    // A buyer in 城口县 (500229), outside park.trade's 綦江区 (500110).
    const org = await admin.post('/api/orgs', { name: `城口县测试采购企业${Date.now()}`, kind: 'enterprise', regionCode: '500229' });
    expect(org.statusCode, org.body).toBe(201);
    const roles: { id: string; code: string }[] = (await admin.get('/api/roles')).json();
    const username = `ck.buyer${Date.now() % 100000}`;
    const user = await admin.post('/api/users', {
      orgId: org.json().id,
      username,
      displayName: '城采',
      password: 'Long-enough-1',
      roles: [{ roleId: roles.find((r) => r.code === 'buyer')!.id }],
    });
    expect(user.statusCode, user.body).toBe(201);
    const far = await t.login(username, 'Long-enough-1');
    const res = await far.post('/api/trade/rfqs', await rfqBody({ visibility: 'open', invitedOrgIds: [] }));
    expect(res.statusCode, res.body).toBe(201);
    const farRfq: Rfq = res.json();
    const near = await postRfq();
    const seen = async (c: Client) => ((await c.get('/api/trade/rfqs?pageSize=500')).json().items as Rfq[]).map((x) => x.id);
    expect(await seen(operator)).toContain(near.id);
    expect(await seen(operator)).not.toContain(farRfq.id);
    expect((await operator.get(`/api/trade/rfqs/${farRfq.id}`)).statusCode).toBe(404);
    // Neither buyer sees the other's RFQ; an open RFQ reaches every supplier.
    expect(await seen(far)).not.toContain(near.id);
    expect(await seen(buyer)).not.toContain(farRfq.id);
    expect(await seen(qineng)).toContain(farRfq.id);
  });

  it('answers 401 and 403, and 400 for a bad query', async () => {
    expect((await t.anonymous().get('/api/trade/rfqs')).statusCode).toBe(401);
    expect((await officer.get('/api/trade/rfqs')).statusCode).toBe(403);
    expect((await buyer.get('/api/trade/rfqs?view=everything')).statusCode).toBe(400);
    expect((await buyer.get('/api/trade/rfqs/not-a-uuid')).statusCode).toBe(400);
    const r = await postRfq();
    expect((await t.anonymous().get(`/api/trade/rfqs/${r.id}`)).statusCode).toBe(401);
    expect((await officer.get(`/api/trade/rfqs/${r.id}`)).statusCode).toBe(403);
  });
});

describe('sealed quotes', () => {
  it('no one but its supplier reads a quote before the deadline; after it the buyer reads all, no supplier another', async () => {
    const r = await postRfq();
    const q1 = await quote(qineng, r.id, '20150.50');
    const q2 = await quote(xingxu, r.id, '20390.00');
    // Exact money at the RFQ's quantity (1,200.5 t at the 1,000 t tier, 20,100.05 元/t): 24,130,110.03 net,
    // 3,136,914.30 VAT (13 %, half-up), 27,267,024.33 gross.
    expect(q1.atQuantity).toEqual({ unitPrice: '20100.05', net: '24130110.03', vat: '3136914.30', gross: '27267024.33' });
    expect(q1.tiers).toEqual([
      { minQuantity: '0', unitPrice: '20150.50' },
      { minQuantity: '1000', unitPrice: '20100.05' },
    ]);

    // Before the deadline: every route, every caller.
    expect(await quotes(buyer, r.id)).toEqual({ status: 200, body: [] });
    expect((await quotes(qineng, r.id)).body.map((q) => q.id)).toEqual([q1.id]);
    expect((await quotes(xingxu, r.id)).body.map((q) => q.id)).toEqual([q2.id]);
    expect(await quotes(operator, r.id)).toEqual({ status: 200, body: [] });
    expect(await quotes(admin, r.id)).toEqual({ status: 200, body: [] });
    expect((await quotes(gear, r.id)).status).toBe(404);
    expect((await quotes(jingjiang, r.id)).status).toBe(404);
    expect((await buyer.get(`/api/trade/rfqs/${r.id}`)).json().quoteCount).toBeNull();
    // The audit log names the quote, never its prices.
    const audit = await admin.get(`/api/audit?entityId=${q1.id}`);
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual(['trade.quote.submit']);
    expect(audit.body).not.toContain('20150');

    await pass(r.id);
    const after = await quotes(buyer, r.id);
    expect(after.body.map((q) => q.supplierName)).toEqual([QINENG, XINGXU]); // cheapest at the quantity first
    expect((await buyer.get(`/api/trade/rfqs/${r.id}`)).json()).toMatchObject({ status: 'closed', quoteCount: 2 });
    expect((await quotes(qineng, r.id)).body.map((q) => q.id)).toEqual([q1.id]);
    expect((await quotes(xingxu, r.id)).body.map((q) => q.id)).toEqual([q2.id]);
    expect(await quotes(operator, r.id)).toEqual({ status: 200, body: [] });
    expect((await quotes(gear, r.id)).status).toBe(404);
  });

  it('a supplier that also quotes elsewhere never reads a competitor on an open RFQ', async () => {
    const r = await postRfq({ visibility: 'open', invitedOrgIds: [] });
    const mine = await quote(gear, r.id, '21000.00');
    await quote(qineng, r.id, '20000.00');
    await pass(r.id);
    expect((await quotes(gear, r.id)).body.map((q) => q.id)).toEqual([mine.id]);
    expect((await quotes(buyer, r.id)).body).toHaveLength(2);
  });

  it('revises in place until the deadline, and refuses after it', async () => {
    const r = await postRfq();
    const first = await quote(qineng, r.id, '20150.50');
    const second = await quote(qineng, r.id, '20000.00');
    expect(second).toMatchObject({ id: first.id, revision: 2 });
    expect(await t.auditCount({ action: 'trade.quote.revise', entityId: first.id })).toBe(1);
    await pass(r.id);
    const late = await qineng.request('PUT', `/api/trade/rfqs/${r.id}/quote`, quoteBody('1.00'));
    expect(late.statusCode).toBe(403);
    expect(late.json().error.key).toBe('trade.rfq.closed');
    const [kept] = (await quotes(qineng, r.id)).body;
    expect(kept.tiers[0].unitPrice).toBe('20000.00');
  });

  it('PUT …/quote: 401, 403 (no trade.quote, not invited, own RFQ), 400 with fields, and nothing changes', async () => {
    const r = await postRfq();
    const url = `/api/trade/rfqs/${r.id}/quote`;
    expect((await t.anonymous().request('PUT', url, quoteBody('1.00'))).statusCode).toBe(401);
    expect((await buyer.request('PUT', url, quoteBody('1.00'))).statusCode).toBe(403);
    expect((await operator.request('PUT', url, quoteBody('1.00'))).statusCode).toBe(403);
    expect((await gear.request('PUT', url, quoteBody('1.00'))).statusCode).toBe(404); // not invited: not even seen
    const bad = async (body: unknown) => {
      const res = await qineng.request('PUT', url, body);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error;
    };
    expect((await bad(quoteBody('0.00'))).fieldMessages['tiers.0.unitPrice'].key).toBe('trade.field.yuan_positive');
    expect((await bad(quoteBody('12.345'))).fieldMessages['tiers.0.unitPrice'].key).toBe('trade.field.yuan_positive');
    expect(
      (
        await bad(
          quoteBody('100', {
            tiers: [
              { minQuantity: '5', unitPrice: '2' },
              { minQuantity: '5', unitPrice: '1' },
            ],
          }),
        )
      ).fieldMessages['tiers.1.minQuantity'].key,
    ).toBe('trade.field.tiers_ascending');
    expect((await bad(quoteBody('100', { tiers: [{ minQuantity: '5000', unitPrice: '2' }] }))).fieldMessages['tiers.0.minQuantity'].key).toBe(
      'trade.field.first_tier_above_quantity',
    );
    expect((await bad(quoteBody('100', { validUntil: localDay() }))).fieldMessages.validUntil.key).toBe('trade.field.valid_until_past');
    expect((await bad(quoteBody('100', { tiers: [] }))).fields).toHaveProperty('tiers');
    expect(await db.selectFrom('trade_quotes').select('id').where('rfq_id', '=', r.id).execute()).toEqual([]);
  });

  it('an organisation never quotes on its own RFQ (the platform administrator holds every permission)', async () => {
    const res = await admin.post('/api/trade/rfqs', await rfqBody({ visibility: 'open', invitedOrgIds: [] }));
    expect(res.statusCode, res.body).toBe(201);
    const own = await admin.request('PUT', `/api/trade/rfqs/${res.json().id}/quote`, quoteBody('100.00'));
    expect(own.statusCode).toBe(403);
    expect(own.json().error.key).toBe('trade.rfq.own');
    expect(await db.selectFrom('trade_quotes').select('id').where('rfq_id', '=', res.json().id).execute()).toEqual([]);
  });

  it('GET …/quotes: 401 without a session, 403 without trade.read', async () => {
    const r = await postRfq();
    expect((await t.anonymous().get(`/api/trade/rfqs/${r.id}/quotes`)).statusCode).toBe(401);
    expect((await officer.get(`/api/trade/rfqs/${r.id}/quotes`)).statusCode).toBe(403);
    expect((await buyer.get('/api/trade/rfqs/x/quotes')).statusCode).toBe(400);
  });

  it('the demo: the closed aluminium RFQ shows the buyer both quotes, the open one none', async () => {
    const items: Rfq[] = (await buyer.get('/api/trade/rfqs?view=own&pageSize=200')).json().items;
    const closed = items.find((r) => r.title === '6063-T5 车用型材')!;
    const open = items.find((r) => r.title === '铝液 A00 月度直供（下月）')!;
    expect(closed.status).toBe('closed');
    expect((await quotes(buyer, closed.id)).body.map((q) => q.supplierName)).toEqual([XINGXU, QINENG]);
    expect(open.status).toBe('open');
    expect((await quotes(buyer, open.id)).body).toEqual([]);
    expect((await quotes(xingxu, open.id)).body).toEqual([]);
    expect((await quotes(qineng, open.id)).body).toHaveLength(1);
  });
});
