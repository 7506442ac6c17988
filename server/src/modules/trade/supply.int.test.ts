import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { SupplyContract, SupplyContractDetail } from '@gearbridge/contracts/trade';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { monthOf, monthsBefore } from './supply.service';
import { tradeDb, type DB } from './db';
import { localDay } from '../../platform/time';

/**
 * The molten-aluminium supply agreement: the demo's records reproduce the article's 300 元/t and 1,500万元 a year
 * when computed; a month settles to the 分 as computed by hand; tickets, settlements and index prices keep their
 * rules; every route answers 401, 403 and 400.
 */
let t: TestApp;
let db: DB;
let buyer: Client; // youshen.buyer, 上海友升铝业
let qineng: Client; // qineng.supplier, 旗能电铝
let xingxu: Client; // xingxu.supplier: not a party
let operator: Client; // park.trade: enters the index
let officer: Client; // park.officer: no trade permission
const current = monthOf();
const M = monthsBefore(current, 2);

beforeAll(async () => {
  t = await startTestApp();
  db = tradeDb(t.platform.handle.db);
  [buyer, qineng, xingxu, operator, officer] = await Promise.all(['youshen.buyer', 'qineng.supplier', 'xingxu.supplier', 'park.trade', 'park.officer'].map((u) => t.login(u)));
});
afterAll(() => t?.close());

const demo = async (c: Client) => ((await c.get('/api/trade/supply-contracts')).json() as SupplyContract[]).find((x) => x.title === '电解铝液长期直供协议')!;

describe('the demo agreement (旗能电铝 → 上海友升铝业)', () => {
  it("computes the article's 300 元/t and 1,500万元 a year from its records", async () => {
    const c = await demo(buyer);
    expect(c).toMatchObject({ supplierName: '旗能电铝有限公司', buyerName: '上海友升铝业有限公司', index: 'A00', side: 'buyer' });
    expect(c.savingPerTonne).toBe('300.00');
    expect(c.lastYear).toEqual({ from: monthsBefore(current, 12), to: monthsBefore(current, 1), tonnes: '50000', saving: '15000000.00', savingPerTonne: '300.00' });
    // The tonnes are the tickets' own: summed in SQL, independently of the service.
    const { net } = await db
      .selectFrom('trade_supply_tickets')
      .select(sql<string>`sum(net_t)::text`.as('net'))
      .where('contract_id', '=', c.id)
      .where('month', '>=', `${monthsBefore(current, 12)}-01`)
      .where('month', '<', `${current}-01`)
      .executeTakeFirstOrThrow();
    expect(Number(net)).toBe(50_000);
    // The supplier sees the same figures; every whole month is settled, this one is still open.
    const detail: SupplyContractDetail = (await qineng.get(`/api/trade/supply-contracts/${c.id}`)).json();
    expect(detail.side).toBe('supplier');
    expect(detail.lastYear).toEqual(c.lastYear);
    expect(detail.months.filter((mo) => mo.settled)).toHaveLength(12);
    expect(detail.months.at(-1)).toMatchObject({ month: current, settled: false });
    const settledSum = await db.selectFrom('trade_supply_settlements').select(sql<string>`sum(saving_fen)::text`.as('s')).where('contract_id', '=', c.id).executeTakeFirstOrThrow();
    expect(settledSum.s).toBe('1500000000');
    // Each settled month's gross = net + VAT; its unit price = its index average + the processing fee.
    for (const mo of detail.months.filter((x) => x.settled))
      expect(Math.round(Number(mo.unitPrice) * 100)).toBe(Math.round(Number(mo.indexAverage) * 100) + Math.round(Number(detail.processingFee) * 100));
  });

  it('shows a contract to its two parties only', async () => {
    const c = await demo(buyer);
    expect(await demo(xingxu)).toBeUndefined();
    expect((await xingxu.get(`/api/trade/supply-contracts/${c.id}`)).statusCode).toBe(404);
    expect((await operator.get(`/api/trade/supply-contracts/${c.id}`)).statusCode).toBe(404);
    expect((await (await t.login('jingjiang.buyer')).get(`/api/trade/supply-contracts/${c.id}/tickets?month=${M}`)).statusCode).toBe(404);
  });
});

describe('a month settled, computed by hand', () => {
  it('settles to the 分 of the hand computation, freezes the month and refuses what breaks the rules', async () => {
    const create = await buyer.post('/api/trade/supply-contracts', {
      contractNo: `T-${Date.now()}`,
      title: '铝液试验协议',
      supplierOrgId: await t.orgId('旗能电铝有限公司'),
      product: '电解铝液 A00',
      index: 'A00T',
      processingFee: '150.00',
      ingotPremium: '150',
      remeltEnergy: '230.00',
      remeltLabour: '70',
      annualTonnes: '1200',
      startMonth: monthsBefore(current, 3),
      endMonth: monthsBefore(current, -6),
      deliveryPlace: '上海友升铝业綦江工厂',
    });
    expect(create.statusCode, create.body).toBe(201);
    const c: SupplyContractDetail = create.json();
    expect(c.savingPerTonne).toBe('300.00');
    expect(c.plannedAnnualSaving).toBe('360000.00');
    const url = `/api/trade/supply-contracts/${c.id}`;

    // The index: 18,930, 18,950 and 18,975 元/t on three days of the month.
    const idx = await operator.request('PUT', '/api/trade/index-prices', {
      index: 'A00T',
      prices: [
        { day: `${M}-05`, price: '18930.00' },
        { day: `${M}-06`, price: '18950' },
        { day: `${M}-07`, price: '18975.00' },
      ],
    });
    expect(idx.statusCode, idx.body).toBe(200);
    expect((await buyer.get(`/api/trade/index-prices?index=A00T&month=${M}`)).json().average).toBe('18951.67');

    // Three ladle trucks: 38.517 − 16.204 = 22.313 t, 37.981 − 15.873 = 22.108 t, 39.002 − 16.5 = 22.502 t.
    const tickets: [string, string, string][] = [
      ['38.517', '16.204', '22.313'],
      ['37.981', '15.873', '22.108'],
      ['39.002', '16.5', '22.502'],
    ];
    for (const [i, [gross, tare, net]] of tickets.entries()) {
      const res = await qineng.post(`${url}/tickets`, { ticketNo: `W-${i + 1}`, weighedAt: `${M}-1${i}T02:00:00Z`, vehicle: '渝BQ3518', gross, tare });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ net, month: M });
    }
    const list = (await buyer.get(`${url}/tickets?month=${M}`)).json();
    expect(list.tonnes).toBe('66.923');

    const settled = await qineng.post(`${url}/settlements`, { month: M });
    expect(settled.statusCode, settled.body).toBe(201);
    const month = (settled.json() as SupplyContractDetail).months.find((x) => x.month === M)!;
    // By hand: average (18,930 + 18,950 + 18,975) / 3 = 18,951.666… → 18,951.67; unit 18,951.67 + 150 = 19,101.67;
    // net 19,101.67 × 66.923 = 1,278,341.06141 → 1,278,341.06; VAT 13 % = 166,184.3378 → 166,184.34;
    // gross 1,444,525.40; ingot route (18,951.67 + 150 + 230 + 70) × 66.923 = 1,298,417.95… → 1,298,417.96;
    // saving 66.923 × 300 = 20,076.90 (= ingot route − net).
    expect(month).toMatchObject({
      tickets: 3,
      tonnes: '66.923',
      indexAverage: '18951.67',
      indexDays: 3,
      settled: true,
      unitPrice: '19101.67',
      net: '1278341.06',
      vat: '166184.34',
      gross: '1444525.40',
      ingotRoute: '1298417.96',
      saving: '20076.90',
    });
    expect(await t.auditCount({ action: 'trade.supply.settle', entityId: c.id })).toBe(1);
    expect(await t.auditCount({ action: 'trade.supply.ticket', entityId: c.id })).toBe(3);

    // The month is frozen: no second settlement, no ticket into it, no index price in it.
    expect((await qineng.post(`${url}/settlements`, { month: M })).statusCode).toBe(409);
    const late = await qineng.post(`${url}/tickets`, { ticketNo: 'W-9', weighedAt: `${M}-20T02:00:00Z`, gross: '38', tare: '16' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.key).toBe('trade.supply.month_settled');
    expect((await operator.request('PUT', '/api/trade/index-prices', { index: 'A00T', prices: [{ day: `${M}-08`, price: '19000' }] })).statusCode).toBe(409);

    // Field rules.
    const field = async (body: Record<string, unknown>, key: string) => {
      const res = await qineng.post(`${url}/tickets`, { ticketNo: 'W-X', weighedAt: `${monthsBefore(current, 1)}-03T02:00:00Z`, gross: '38', tare: '16', ...body });
      expect(res.statusCode, res.body).toBe(400);
      return Object.values(res.json().error.fieldMessages as Record<string, { key: string }>)
        .map((f) => f.key)
        .includes(key);
    };
    expect(await field({ tare: '38' }, 'trade.field.tare_not_below_gross')).toBe(true);
    expect(await field({ ticketNo: 'W-1' }, 'trade.field.ticket_no_taken')).toBe(true);
    expect(await field({ weighedAt: `${monthsBefore(current, 5)}-03T02:00:00Z` }, 'trade.field.outside_contract')).toBe(true);
    expect(await field({ weighedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'trade.field.in_future')).toBe(true);
    expect(await field({ gross: '38.0001' }, 'trade.field.quantity')).toBe(true);
    const notOver = await qineng.post(`${url}/settlements`, { month: current });
    expect(notOver.json().error.fieldMessages.month.key).toBe('trade.field.month_not_over');
    const noTickets = await qineng.post(`${url}/settlements`, { month: monthsBefore(current, 3) });
    expect(noTickets.json().error.fieldMessages.month.key).toBe('trade.field.no_tickets');
    await qineng.post(`${url}/tickets`, { ticketNo: 'W-4', weighedAt: `${monthsBefore(current, 1)}-03T02:00:00Z`, gross: '38', tare: '16' });
    const noIndex = await qineng.post(`${url}/settlements`, { month: monthsBefore(current, 1) });
    expect(noIndex.json().error.fieldMessages.month).toEqual({ key: 'trade.field.no_index_price', params: { index: 'A00T' } });

    // Only the supplier records and settles; the buyer reads.
    expect((await buyer.post(`${url}/tickets`, { ticketNo: 'W-B', weighedAt: `${monthsBefore(current, 1)}-04T02:00:00Z`, gross: '38', tare: '16' })).statusCode).toBe(403);
    expect((await buyer.post(`${url}/settlements`, { month: monthsBefore(current, 1) })).statusCode).toBe(403);
    expect((await xingxu.post(`${url}/tickets`, { ticketNo: 'W-C', weighedAt: `${monthsBefore(current, 1)}-04T02:00:00Z`, gross: '38', tare: '16' })).statusCode).toBe(404);
  });
});

describe('the index', () => {
  it('is entered only by an operator whose reach holds every contract on it', async () => {
    const admin = await t.login('admin');
    const roles = (await admin.get('/api/roles')).json() as { id: string; code: string }[];
    const created = await admin.post('/api/users', {
      orgId: await t.orgId('城口县就业和人才服务局'),
      username: 'ck.trade.operator',
      displayName: '城口运营',
      password: 'Long-enough-1',
      roles: [{ roleId: roles.find((r) => r.code === 'trade_operator')!.id, regionCode: '500229' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const ck = await t.login('ck.trade.operator', 'Long-enough-1');
    const before = await t.auditCount();
    const day = localDay(Date.now() - 86_400_000);
    // A00 prices the demo agreement of two 綦江 enterprises: outside a 城口 operator's reach.
    const refused = await ck.request('PUT', '/api/trade/index-prices', { index: 'A00', prices: [{ day, price: '1' }] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ key: 'trade.index.out_of_reach', params: { index: 'A00' } });
    expect(await t.auditCount()).toBe(before);
    // An index no contract uses is anyone's with trade.operate; 綦江's operator reaches both parties of A00's contracts.
    expect((await ck.request('PUT', '/api/trade/index-prices', { index: 'CK1', prices: [{ day, price: '1' }] })).statusCode).toBe(200);
    expect((await operator.request('PUT', '/api/trade/index-prices', { index: 'A00', prices: [{ day, price: '19000' }] })).statusCode).not.toBe(403);
  });
});

describe('every route: 401, 403, 400', () => {
  it('answers them and changes nothing', async () => {
    const c = await demo(buyer);
    const url = `/api/trade/supply-contracts/${c.id}`;
    const anon = t.anonymous();
    const ticket = { ticketNo: 'Z-1', weighedAt: new Date(Date.now() - 60_000).toISOString(), gross: '38', tare: '16' };
    const contract = {
      contractNo: 'X-1',
      title: 'x',
      supplierOrgId: await t.orgId('星旭铝业'),
      product: 'x',
      index: 'A00',
      processingFee: '1',
      ingotPremium: '1',
      remeltEnergy: '1',
      remeltLabour: '1',
      annualTonnes: '1',
      startMonth: current,
      endMonth: current,
      deliveryPlace: 'x',
    };
    const before = await t.auditCount();
    for (const [method, path, body] of [
      ['GET', '/api/trade/supply-contracts', undefined],
      ['GET', url, undefined],
      ['POST', '/api/trade/supply-contracts', contract],
      ['GET', `${url}/tickets?month=${M}`, undefined],
      ['POST', `${url}/tickets`, ticket],
      ['POST', `${url}/settlements`, { month: M }],
      ['GET', `/api/trade/index-prices?month=${M}`, undefined],
      ['PUT', '/api/trade/index-prices', { index: 'A00', prices: [{ day: `${M}-01`, price: '1' }] }],
    ] as const) {
      expect((await anon.request(method, path, body)).statusCode, `${method} ${path}`).toBe(401);
      expect((await officer.request(method, path, body)).statusCode, `${method} ${path}`).toBe(403);
    }
    // Permission without the role's side: the supplier cannot sign as buyer, the buyer cannot enter the index.
    const signed = await qineng.post('/api/trade/supply-contracts', contract);
    expect(signed.statusCode).toBe(403);
    expect((await buyer.request('PUT', '/api/trade/index-prices', { index: 'A00', prices: [{ day: `${M}-01`, price: '1' }] })).statusCode).toBe(403);
    // 400s.
    expect((await buyer.post('/api/trade/supply-contracts', { title: 'x' })).statusCode).toBe(400);
    expect((await buyer.post('/api/trade/supply-contracts', { ...contract, endMonth: monthsBefore(current, 1) })).json().error.fieldMessages.endMonth.key).toBe(
      'trade.field.end_before_start',
    );
    expect((await buyer.post('/api/trade/supply-contracts', { ...contract, contractNo: c.contractNo })).json().error.fieldMessages.contractNo.key).toBe(
      'trade.field.contract_no_taken',
    );
    expect((await buyer.get('/api/trade/supply-contracts/nope')).statusCode).toBe(400);
    expect((await buyer.get(`${url}/tickets?month=2026-13`)).statusCode).toBe(400);
    expect((await qineng.post(`${url}/tickets`, { ...ticket, gross: 38 })).statusCode).toBe(400);
    // A reading past what a ticket holds (numeric(12, 3)) is a field error, not an overflow.
    const huge = await qineng.post(`${url}/tickets`, { ...ticket, gross: '9999999999' });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.fieldMessages.gross.key).toBe('trade.field.quantity');
    expect((await qineng.post(`${url}/settlements`, { month: '2026/01' })).statusCode).toBe(400);
    expect((await buyer.get('/api/trade/index-prices?month=x')).statusCode).toBe(400);
    const prices = await operator.request('PUT', '/api/trade/index-prices', { index: 'a00', prices: [{ day: `${M}-01`, price: '1' }] });
    expect(prices.statusCode).toBe(400);
    expect((await operator.request('PUT', '/api/trade/index-prices', { index: 'A00', prices: [{ day: '2999-01-01', price: '1' }] })).statusCode).toBe(400);
    expect(
      (await operator.request('PUT', '/api/trade/index-prices', { index: 'A00', prices: Array.from({ length: 63 }, () => ({ day: `${M}-01`, price: '1' })) })).statusCode,
    ).toBe(400);
    expect(await t.auditCount()).toBe(before);
  });
});
