import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Order } from '@gearbridge/contracts/trade';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { localDay } from '../../platform/time';
import { tradeDb, type DB } from './db';
import { awardedGearOrder } from './test/orders';

/**
 * An order's payment terms and milestones, written by the award in its transaction: amounts exact to the 分 and
 * summing to the order's gross, due dates from the RFQ and quote, each milestone marked done by its party only,
 * once, in order, audited; nobody else reads the order.
 */
let t: TestApp;
let db: DB;
let buyer: Client; // jingjiang.buyer, 荆江半轴
let sales: Client; // gear.sales, 綦江齿轮传动 (the supplier)
let qineng: Client; // another supplier
let youshen: Client; // another buyer
let officer: Client; // no trade permission
const DAY = 86_400_000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  db = tradeDb(t.platform.handle.db);
  [buyer, sales, qineng, youshen, officer] = await Promise.all(['jingjiang.buyer', 'gear.sales', 'qineng.supplier', 'youshen.buyer', 'park.officer'].map((u) => t.login(u)));
});
afterAll(() => t?.close());

const done = (c: Client, o: Order, seq: number, body: Record<string, unknown> = {}) => c.post(`/api/trade/orders/${o.id}/milestones/${seq}/done`, body);
const seqOf = (o: Order, kind: string, termKind?: string) =>
  o.milestones.find((x) => x.kind === kind && (!termKind || o.paymentTerms.find((p) => p.seq === x.termSeq)?.kind === termKind))!.seq;

describe('payment terms stated on the RFQ', () => {
  const rfqBody = async (paymentTerms: unknown, title = '齿轮 条款') => ({
    title,
    vertical: 'gear',
    attributes: {},
    quantity: '10',
    deliveryDate: localDay(Date.now() + 30 * DAY),
    deliveryPlace: '荆江半轴 綦江厂区',
    visibility: 'invited',
    invitedOrgIds: [await t.orgId('綦江齿轮传动有限公司')],
    deadline: new Date(Date.now() + 2 * DAY).toISOString(),
    paymentTerms,
  });
  const wanted = [
    { kind: 'advance', percent: '20', days: 10 },
    { kind: 'acceptance', percent: '75.5', days: 45 },
    { kind: 'retention', percent: '4.5', days: 730 },
  ];

  it('are shown to the invited supplier before it quotes, and the award without terms takes them', async () => {
    const posted = await buyer.post('/api/trade/rfqs', await rfqBody(wanted));
    expect(posted.statusCode, posted.body).toBe(201);
    const rfq = posted.json() as { id: string; paymentTerms: unknown };
    expect(rfq.paymentTerms).toEqual(wanted);
    expect(((await sales.get(`/api/trade/rfqs/${rfq.id}`)).json() as { paymentTerms: unknown }).paymentTerms).toEqual(wanted);
    const audit = await db.selectFrom('audit_log').select('after').where('action', '=', 'trade.rfq.create').where('entity_id', '=', rfq.id).executeTakeFirstOrThrow();
    expect((audit.after as { paymentTerms: unknown }).paymentTerms).toEqual(wanted);
    const quote = await sales.request('PUT', `/api/trade/rfqs/${rfq.id}/quote`, {
      tiers: [{ minQuantity: '0', unitPrice: '100.00' }],
      leadTimeDays: 5,
      validUntil: localDay(Date.now() + 40 * DAY),
    });
    expect(quote.statusCode, quote.body).toBe(200);
    await db.updateTable('trade_rfqs').set({ deadline: sql`now() - interval '1 second'` }).where('id', '=', rfq.id).execute();
    const awarded = await buyer.post(`/api/trade/rfqs/${rfq.id}/award`, { awards: [{ quoteId: quote.json().id, quantity: '10' }] });
    expect(awarded.statusCode, awarded.body).toBe(201);
    // 10 × 100.00 = 1,000.00 + VAT 130.00 = 1,130.00: 20 % 226.00, 75.5 % 853.15, 4.5 % 50.85.
    const [o] = awarded.json() as Order[];
    expect(o.paymentTerms.map((x) => [x.kind, x.percent, x.days, x.amount])).toEqual([
      ['advance', '20', 10, '226.00'],
      ['acceptance', '75.5', 45, '853.15'],
      ['retention', '4.5', 730, '50.85'],
    ]);
  });

  it('an RFQ without terms says so (null), and bad terms are a 400 with field errors and nothing written', async () => {
    const none = await buyer.post('/api/trade/rfqs', await rfqBody(undefined, '齿轮 无条款'));
    expect(none.statusCode, none.body).toBe(201);
    expect(none.json().paymentTerms).toBeNull();
    const before = Number(
      (
        await db
          .selectFrom('trade_rfqs')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const bad = async (terms: unknown) => {
      const r = await buyer.post('/api/trade/rfqs', await rfqBody(terms, '齿轮 坏条款'));
      expect(r.statusCode, JSON.stringify(terms)).toBe(400);
      return r.json().error;
    };
    // Not adding up to 100 %: on paymentTerms, with the total.
    expect(
      (
        await bad([
          { kind: 'advance', percent: '30', days: 0 },
          { kind: 'delivery', percent: '60', days: 30 },
        ])
      ).fieldMessages.paymentTerms,
    ).toEqual({
      key: 'trade.field.terms_sum',
      params: { total: '90' },
    });
    // A kind twice: on that term's kind.
    expect(
      (
        await bad([
          { kind: 'advance', percent: '50', days: 0 },
          { kind: 'advance', percent: '50', days: 10 },
        ])
      ).fieldMessages['paymentTerms.1.kind'].key,
    ).toBe('trade.field.term_kind_twice');
    // The schema: a percent with three decimals or as a number, days out of range, an unknown kind, none, five terms.
    expect(Object.keys((await bad([{ kind: 'advance', percent: '99.999', days: 0 }])).fieldMessages)).toContain('paymentTerms.0.percent');
    expect(Object.keys((await bad([{ kind: 'advance', percent: 100, days: 0 }])).fieldMessages)).toContain('paymentTerms.0.percent');
    expect(Object.keys((await bad([{ kind: 'advance', percent: '100', days: -1 }])).fieldMessages)).toContain('paymentTerms.0.days');
    expect(Object.keys((await bad([{ kind: 'cash', percent: '100', days: 0 }])).fieldMessages)).toContain('paymentTerms.0.kind');
    expect(Object.keys((await bad([])).fieldMessages)).toContain('paymentTerms');
    expect(Object.keys((await bad(Array.from({ length: 5 }, () => ({ kind: 'advance', percent: '20', days: 0 })))).fieldMessages)).toContain('paymentTerms');
    const after = Number(
      (
        await db
          .selectFrom('trade_rfqs')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before);
  });
});

describe('payment terms and milestones written by the award', () => {
  it('gives the default terms 30 / 60 / 10 exact to the 分 and the milestones their due dates', async () => {
    const o = await awardedGearOrder(t, db, buyer, sales, '120');
    // 120 × 860.00 = 103,200.00; VAT 13,416.00; gross 116,616.00 → 34,984.80 + 69,969.60 + 11,661.60.
    expect(o.gross).toBe('116616.00');
    expect(o.paymentTerms).toEqual([
      { seq: 1, kind: 'advance', percent: '30', days: 0, amount: '34984.80' },
      { seq: 2, kind: 'delivery', percent: '60', days: 30, amount: '69969.60' },
      { seq: 3, kind: 'retention', percent: '10', days: 365, amount: '11661.60' },
    ]);
    const today = localDay();
    const delivery = localDay(Date.now() + 30 * DAY);
    expect(o.deliveryDate).toBe(delivery);
    expect(o.milestones.map((x) => [x.kind, x.termSeq, x.amount, x.dueDate, x.party, x.doneOn])).toEqual([
      ['confirmed', null, null, addDays(today, 2), 'supplier', null],
      ['production_start', null, null, addDays(delivery, -20), 'supplier', null], // the quote's lead time before delivery
      ['delivery', null, null, delivery, 'supplier', null],
      ['acceptance', null, null, addDays(delivery, 7), 'buyer', null],
      ['payment', 1, '34984.80', addDays(today, 2), 'buyer', null],
      ['payment', 2, '69969.60', addDays(delivery, 30), 'buyer', null],
      ['payment', 3, '11661.60', addDays(delivery, 7 + 365), 'buyer', null],
    ]);
    // The buyer sees nothing to mark yet (the supplier confirms first); the supplier sees its confirmation.
    expect(o.milestones.filter((x) => x.mayMark)).toEqual([]);
    const asSupplier: Order = (await sales.get(`/api/trade/orders/${o.id}`)).json();
    expect(asSupplier.side).toBe('supplier');
    expect(asSupplier.milestones.filter((x) => x.mayMark).map((x) => x.kind)).toEqual(['confirmed']);
    const audit = await db.selectFrom('audit_log').select('after').where('action', '=', 'trade.order.create').where('entity_id', '=', o.id).executeTakeFirstOrThrow();
    expect((audit.after as { paymentTerms: unknown[] }).paymentTerms).toHaveLength(3);
  });

  it("takes the buyer's terms at the award and splits by the largest remainder, summing exactly", async () => {
    const o = await awardedGearOrder(t, db, buyer, sales, '7', '齿轮 小批量', {
      paymentTerms: [
        { kind: 'advance', percent: '33.33', days: 5 },
        { kind: 'delivery', percent: '33.33', days: 0 },
        { kind: 'acceptance', percent: '33.34', days: 15 },
      ],
      acceptanceDays: 3,
    });
    // 7 × 860.00 = 6,020.00; VAT 782.60; gross 6,802.60. Exact shares 2,267.30658, 2,267.30658, 2,267.98684: rounded
    // down 2,267.30 + 2,267.30 + 2,267.98 = 6,802.58; the two 分 left go to the largest remainders (.684, then the
    // first .658).
    expect(o.gross).toBe('6802.60');
    expect(o.paymentTerms.map((p) => p.amount)).toEqual(['2267.31', '2267.30', '2267.99']);
    const delivery = localDay(Date.now() + 30 * DAY);
    expect(o.milestones.find((x) => x.kind === 'acceptance')!.dueDate).toBe(addDays(delivery, 3));
    expect(o.milestones.find((x) => x.termSeq === 3)!.dueDate).toBe(addDays(delivery, 18));
    expect(o.milestones.find((x) => x.termSeq === 1)!.dueDate).toBe(addDays(localDay(), 2 + 5));
    // In the database too, the terms sum to the gross.
    const [{ sum, gross }] = (
      await sql<{
        sum: string;
        gross: string;
      }>`select sum(pt.amount_fen)::text as sum, min(od.gross_fen)::text as gross from trade_order_payment_terms pt join trade_orders od on od.id = pt.order_id where od.id = ${o.id}`.execute(
        db,
      )
    ).rows;
    expect(sum).toBe(gross);
  });

  it('refuses terms that do not add up to 100 %, a kind twice or a bad percentage: 400, nothing written', async () => {
    const bad = async (paymentTerms: unknown, field: string, key?: string) => {
      const before = (await db.selectFrom('trade_orders').select('id').execute()).length;
      const rfq = (await buyer.get('/api/trade/rfqs?view=own&status=closed&pageSize=100')).json().items as { id: string }[];
      // Any closed RFQ of the buyer: the terms are refused before the RFQ is even read.
      const id = rfq[0]?.id ?? '00000000-0000-4000-8000-000000000000';
      const res = await buyer.post(`/api/trade/rfqs/${id}/award`, { paymentTerms, awards: [{ quoteId: '00000000-0000-4000-8000-000000000000', quantity: '1' }] });
      expect(res.statusCode, res.body).toBe(400);
      const fm = res.json().error.fieldMessages;
      expect(Object.keys(fm)).toContain(field);
      if (key) expect(fm[field].key).toBe(key);
      expect((await db.selectFrom('trade_orders').select('id').execute()).length).toBe(before);
      return fm[field];
    };
    expect(
      await bad(
        [
          { kind: 'advance', percent: '30', days: 0 },
          { kind: 'delivery', percent: '60', days: 0 },
        ],
        'paymentTerms',
        'trade.field.terms_sum',
      ),
    ).toEqual({ key: 'trade.field.terms_sum', params: { total: '90' } });
    await bad(
      [
        { kind: 'advance', percent: '50', days: 0 },
        { kind: 'advance', percent: '50', days: 0 },
      ],
      'paymentTerms.1.kind',
      'trade.field.term_kind_twice',
    );
    await bad([{ kind: 'advance', percent: '0', days: 0 }], 'paymentTerms.0.percent');
    await bad([{ kind: 'advance', percent: '100.5', days: 0 }], 'paymentTerms.0.percent');
    await bad([{ kind: 'advance', percent: 100, days: 0 }], 'paymentTerms.0.percent');
    await bad([{ kind: 'deposit', percent: '100', days: 0 }], 'paymentTerms.0.kind');
    await bad([{ kind: 'advance', percent: '100', days: -1 }], 'paymentTerms.0.days');
  });
  // A failing award leaving no order, term or milestone: orders.int.test.ts (a bad award after a good one).
});

describe('marking milestones done', () => {
  it('refuses a day before the milestone it follows was done (400 naming that day), and takes one on or after it', async () => {
    const o = await awardedGearOrder(t, db, buyer, sales, '12', '齿轮 节点日期');
    await db
      .updateTable('trade_orders')
      .set({ created_at: new Date(Date.now() - 10 * DAY) })
      .where('id', '=', o.id)
      .execute();
    const confirmedOn = localDay(Date.now() - 2 * DAY);
    expect((await done(sales, o, seqOf(o, 'confirmed'), { doneOn: confirmedOn })).statusCode).toBe(200);
    const audits = await t.auditCount({ action: 'trade.order.milestone' });
    const early = await done(buyer, o, seqOf(o, 'payment', 'advance'), { doneOn: localDay(Date.now() - 5 * DAY) });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fieldMessages.doneOn).toEqual({ key: 'trade.field.done_before_previous', params: { date: confirmedOn } });
    expect(await t.auditCount({ action: 'trade.order.milestone' })).toBe(audits);
    expect((await done(buyer, o, seqOf(o, 'payment', 'advance'), { doneOn: confirmedOn })).statusCode).toBe(200);
  });

  it('lets the supplier confirm, start and deliver, the buyer accept and pay, in order, once each, audited; the last completes the order', async () => {
    const o = await awardedGearOrder(t, db, buyer, sales, '12', '齿轮 节点');
    const audits = await t.auditCount({ action: 'trade.order.milestone' });
    // The wrong party: 403 with the party's message.
    expect((await done(buyer, o, seqOf(o, 'confirmed'))).json().error.key).toBe('trade.milestone.supplier_only');
    expect((await done(sales, o, seqOf(o, 'acceptance'))).statusCode).toBe(403);
    expect((await done(sales, o, seqOf(o, 'payment', 'advance'))).json().error.key).toBe('trade.milestone.buyer_only');
    // Out of order: the advance is paid after the confirmation, acceptance after delivery.
    const early = await done(buyer, o, seqOf(o, 'payment', 'advance'));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.key).toBe('trade.milestone.not_ready');
    expect((await done(sales, o, seqOf(o, 'delivery'))).statusCode).toBe(409);
    // Bad days: in the future, before the order.
    const future = await done(sales, o, seqOf(o, 'confirmed'), { doneOn: localDay(Date.now() + 2 * DAY) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fieldMessages.doneOn.key).toBe('trade.field.in_future');
    const past = await done(sales, o, seqOf(o, 'confirmed'), { doneOn: localDay(Date.now() - 5 * DAY) });
    expect(past.json().error.fieldMessages.doneOn).toEqual({ key: 'trade.field.done_before_order', params: { date: localDay() } });
    expect((await done(sales, o, seqOf(o, 'confirmed'), { doneOn: '2026-02-30' })).statusCode).toBe(400);
    expect(await t.auditCount({ action: 'trade.order.milestone' })).toBe(audits);

    const confirmed = await done(sales, o, seqOf(o, 'confirmed'), { note: '已排产' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const c: Order = confirmed.json();
    expect(c.milestones[0]).toMatchObject({ kind: 'confirmed', doneOn: localDay(), note: '已排产', mayMark: false, doneByName: expect.any(String) });
    expect(c.milestones.filter((x) => x.mayMark).map((x) => x.kind)).toEqual(['production_start', 'delivery']);
    const again = await done(sales, o, seqOf(o, 'confirmed'));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ key: 'trade.milestone.already_done', params: { date: localDay() } });
    expect(await t.auditCount({ action: 'trade.order.milestone' })).toBe(audits + 1);
    const row = await db
      .selectFrom('audit_log')
      .select(['before', 'after', 'org_id'])
      .where('action', '=', 'trade.order.milestone')
      .where('entity_id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(row.after).toMatchObject({ seq: 1, kind: 'confirmed', doneOn: localDay(), note: '已排产' });
    expect(row.before).toMatchObject({ doneOn: null });
    expect(row.org_id).toBe(o.supplierOrgId);

    // The buyer pays the advance now; the audit row names the amount.
    expect((await done(buyer, o, seqOf(o, 'payment', 'advance'))).statusCode).toBe(200);
    const paid = await db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'trade.order.milestone')
      .where('entity_id', '=', o.id)
      .where(sql<boolean>`after->>'kind' = 'payment'`)
      .executeTakeFirstOrThrow();
    expect(paid.after).toMatchObject({ payment: 'advance', amount: o.paymentTerms[0].amount });
    for (const [c2, kind, term] of [
      [sales, 'production_start'],
      [sales, 'delivery'],
      [buyer, 'acceptance'],
      [buyer, 'payment', 'delivery'],
    ] as [Client, string, string?][])
      expect((await done(c2, o, seqOf(o, kind, term))).statusCode).toBe(200);
    const last = await done(buyer, o, seqOf(o, 'payment', 'retention'));
    expect(last.statusCode).toBe(200);
    const finished: Order = last.json();
    expect(finished.status).toBe('completed');
    expect(finished.milestones.every((x) => x.doneOn && !x.mayMark)).toBe(true);
    expect(await t.auditCount({ action: 'trade.order.milestone' })).toBe(audits + 7);
  });

  it('answers 401, 403, 404 and 400; a competitor and a non-party read nothing of the order', async () => {
    const o = await awardedGearOrder(t, db, buyer, sales, '3', '齿轮 权限');
    const seq = seqOf(o, 'confirmed');
    expect((await t.anonymous().get(`/api/trade/orders/${o.id}`)).statusCode).toBe(401);
    expect((await t.anonymous().post(`/api/trade/orders/${o.id}/milestones/${seq}/done`, {})).statusCode).toBe(401);
    expect((await officer.get(`/api/trade/orders/${o.id}`)).statusCode).toBe(403);
    expect((await done(officer, o, seq)).statusCode).toBe(403);
    // Another supplier and another buyer: not found, on every route (its existence is not told).
    for (const c of [qineng, youshen]) {
      expect((await c.get(`/api/trade/orders/${o.id}`)).statusCode).toBe(404);
      expect((await done(c, o, seq)).statusCode).toBe(404);
      expect(((await c.get('/api/trade/orders')).json() as { items: Order[] }).items.some((x) => x.id === o.id)).toBe(false);
      expect((await c.get(`/api/trade/orders?rfqId=${o.rfqId}`)).json()).toMatchObject({ items: [], total: 0 });
    }
    expect((await buyer.get(`/api/trade/orders/${o.id}`)).json().side).toBe('buyer');
    expect((await buyer.get('/api/trade/orders/nope')).statusCode).toBe(400);
    expect((await sales.post(`/api/trade/orders/${o.id}/milestones/x/done`, {})).statusCode).toBe(400);
    expect((await sales.post(`/api/trade/orders/${o.id}/milestones/99/done`, {})).statusCode).toBe(404);
    expect((await sales.post(`/api/trade/orders/${o.id}/milestones/${seq}/done`, { note: 'x'.repeat(501) })).statusCode).toBe(400);
    expect((await buyer.get('/api/trade/orders?status=lost')).statusCode).toBe(400);
    const open = ((await sales.get('/api/trade/orders?status=open')).json() as { items: Order[] }).items;
    expect(open.some((x) => x.id === o.id)).toBe(true);
    expect(open.every((x) => x.supplierOrgId === o.supplierOrgId)).toBe(true);
    // Paged (jingjiang.buyer has this order and the demo's): the total under the filters, pages in one stable order.
    type OrderPage = { items: Order[]; total: number; page: number; pageSize: number };
    const all = (await buyer.get('/api/trade/orders?pageSize=500')).json() as OrderPage;
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThanOrEqual(2);
    const pages = await Promise.all([1, 2].map(async (p) => (await buyer.get(`/api/trade/orders?pageSize=1&page=${p}`)).json() as OrderPage));
    expect(pages.map((p) => [p.total, p.page, p.pageSize])).toEqual([
      [all.total, 1, 1],
      [all.total, 2, 1],
    ]);
    expect(pages.map((p) => p.items.map((x) => x.id))).toEqual([[all.items[0].id], [all.items[1].id]]);
    const found = (await buyer.get(`/api/trade/orders?q=${encodeURIComponent(o.rfqTitle)}`)).json() as OrderPage;
    expect(found.items.map((x) => x.id)).toEqual([o.id]);
    expect(found.total).toBe(1);
    for (const bad of ['pageSize=0', 'pageSize=501', 'page=0', 'page=x']) expect((await buyer.get(`/api/trade/orders?${bad}`)).statusCode, bad).toBe(400);
    // Nothing was marked by any of it.
    expect(((await sales.get(`/api/trade/orders/${o.id}`)).json() as Order).milestones.every((x) => !x.doneOn)).toBe(true);
  });
});
