import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Product, ProductPage, Storefront } from '@gearbridge/contracts/trade';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { tradeDb, type DB } from './db';

/** The typed catalogue: attributes validated per vertical, filters and facets on every attribute, storefronts. */
let t: TestApp;
let db: DB;
let gear: Client; // gear.sales, 綦江齿轮传动
let qineng: Client; // qineng.supplier
let buyer: Client; // youshen.buyer
let officer: Client; // park.officer: no trade permission
const GEAR = '綦江齿轮传动有限公司';

beforeAll(async () => {
  t = await startTestApp();
  db = tradeDb(t.platform.handle.db);
  [gear, qineng, buyer, officer] = await Promise.all(['gear.sales', 'qineng.supplier', 'youshen.buyer', 'park.officer'].map((u) => t.login(u)));
});
afterAll(() => t?.close());

const helical = (over: Record<string, unknown> = {}) => ({
  vertical: 'gear',
  name: '斜齿轮 m3.5 z47',
  partNumber: 'QJ-HG-3547',
  unitPrice: '318.45',
  attributes: { gearType: 'helical', module: 3.5, teeth: 47, pressureAngle: 20, helixAngle: 16, material: '20CrMnTi', heatTreatment: 'carburizing_quenching', accuracyGrade: '6' },
  ...over,
});
const page = async (c: Client, qs: string): Promise<ProductPage> => {
  const res = await c.get(`/api/trade/products?${qs}`);
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json();
};
const facet = (p: ProductPage, key: string) => Object.fromEntries(p.facets.find((f) => f.key === key)!.values.map((v) => [v.value, v.count]));
const count = async () => Number((await db.selectFrom('trade_products').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/trade/products', () => {
  it('lists a product for the own organisation with exact price and VAT, audited', async () => {
    const before = await t.auditCount({ action: 'trade.product.create' });
    const res = await gear.post('/api/trade/products', helical());
    expect(res.statusCode, res.body).toBe(201);
    const p: Product = res.json();
    // 318.45 × 1.13 = 359.8485 → 359.85 (half-up to the 分).
    expect(p).toMatchObject({ supplierName: GEAR, unit: 'piece', unitPrice: '318.45', unitPriceWithVat: '359.85', own: true, status: 'active' });
    expect(p.attributes).toMatchObject({ gearType: 'helical', module: 3.5, teeth: 47 });
    expect(await t.auditCount({ action: 'trade.product.create' })).toBe(before + 1);
  });
  it('validates attributes by the vertical, with a field error per attribute, and stores nothing', async () => {
    const n = await count();
    const bad = async (body: unknown) => {
      const res = await gear.post('/api/trade/products', body);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.fieldMessages as Record<string, { key: string }>;
    };
    expect((await bad(helical({ attributes: { ...helical().attributes, gearType: 'spur' } })))['attributes.helixAngle'].key).toBe('trade.field.spur_helix_zero');
    expect((await bad(helical({ attributes: { ...helical().attributes, helixAngle: 0 } })))['attributes.helixAngle'].key).toBe('trade.field.helix_required');
    expect((await bad(helical({ attributes: { ...helical().attributes, teeth: 47.5 } })))['attributes.teeth'].key).toBe('trade.field.integer');
    expect((await bad(helical({ attributes: { ...helical().attributes, module: 3.555 } })))['attributes.module'].key).toBe('trade.field.too_many_decimals');
    expect(await bad(helical({ attributes: { ...helical().attributes, accuracyGrade: '13' } }))).toHaveProperty(['attributes.accuracyGrade']);
    expect(await bad(helical({ attributes: { gearType: 'helical' } }))).toHaveProperty(['attributes.module']);
    expect((await bad(helical({ attributes: { ...helical().attributes, colour: 'red' } })))['attributes.colour'].key).toBe('trade.field.unknown_attribute');
    const molten = { vertical: 'aluminium', name: '铝液', attributes: { alloy: 'A356', form: 'molten', temper: 'T6', tonnage: 100 } };
    expect((await bad(molten))['attributes.temper'].key).toBe('trade.field.molten_no_temper');
    expect((await bad({ ...molten, attributes: { alloy: '6063', form: 'extrusion', tonnage: 5 } }))['attributes.temper'].key).toBe('trade.field.temper_required');
    expect((await bad(helical({ unitPrice: '1.005' }))).unitPrice.key).toBe('trade.field.yuan_positive');
    expect(await bad(helical({ unitPrice: 318.45 }))).toHaveProperty('unitPrice');
    expect(await count()).toBe(n);
  });
  it('answers 401 without a session and 403 without trade.sell', async () => {
    const n = await count();
    expect((await t.anonymous().post('/api/trade/products', helical())).statusCode).toBe(401);
    expect((await buyer.post('/api/trade/products', helical())).statusCode).toBe(403);
    expect((await officer.post('/api/trade/products', helical())).statusCode).toBe(403);
    expect(await count()).toBe(n);
  });
});

describe('PATCH /api/trade/products/:id', () => {
  it("changes only the own organisation's product; a withdrawn product leaves the others' catalogue", async () => {
    const p: Product = (await gear.post('/api/trade/products', helical({ name: '待下架斜齿轮' }))).json();
    expect((await qineng.patch(`/api/trade/products/${p.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await buyer.patch(`/api/trade/products/${p.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await t.anonymous().patch(`/api/trade/products/${p.id}`, { name: 'x' })).statusCode).toBe(401);
    expect((await gear.patch(`/api/trade/products/${p.id}`, { unitPrice: '-1' })).statusCode).toBe(400);
    expect((await gear.patch(`/api/trade/products/${p.id}`, { attributes: { gearType: 'spur' } })).statusCode).toBe(400);
    const res = await gear.patch(`/api/trade/products/${p.id}`, { status: 'inactive', unitPrice: '300.10' });
    expect(res.json()).toMatchObject({ status: 'inactive', unitPrice: '300.10', unitPriceWithVat: '339.11' });
    expect((await buyer.get(`/api/trade/products/${p.id}`)).statusCode).toBe(404);
    expect((await gear.get(`/api/trade/products/${p.id}`)).statusCode).toBe(200);
    expect((await buyer.patch(`/api/trade/products/${p.id}`, { name: 'x' })).statusCode).toBe(403);
  });
});

describe('GET /api/trade/products', () => {
  it('filters by every attribute with facet counts from the database', async () => {
    const all = await page(buyer, 'vertical=gear&pageSize=200');
    const rows = await db.selectFrom('trade_products').select(['attributes']).where('vertical', '=', 'gear').where('status', '=', 'active').execute();
    expect(all.total).toBe(rows.length);
    // Every attribute of the vertical has a facet, and each count is the number of active products with that value.
    expect(all.facets.map((f) => f.key)).toEqual(['gearType', 'module', 'teeth', 'pressureAngle', 'helixAngle', 'material', 'heatTreatment', 'accuracyGrade']);
    for (const f of all.facets) for (const v of f.values) expect(v.count, `${f.key}=${v.value}`).toBe(rows.filter((r) => String(r.attributes[f.key]) === v.value).length);

    const hypoidOrBevel = await page(buyer, 'vertical=gear&attr=gearType:hypoid&attr=gearType:spiral_bevel&pageSize=200');
    expect(hypoidOrBevel.items.every((p) => ['hypoid', 'spiral_bevel'].includes(String(p.attributes.gearType)))).toBe(true);
    expect(hypoidOrBevel.total).toBe(rows.filter((r) => ['hypoid', 'spiral_bevel'].includes(String(r.attributes.gearType))).length);
    // The filtered attribute's own facet still shows its alternatives; the others count under the filter.
    expect(facet(hypoidOrBevel, 'gearType')).toEqual(facet(all, 'gearType'));
    expect(Object.values(facet(hypoidOrBevel, 'material')).reduce((a, b) => a + b, 0)).toBe(hypoidOrBevel.total);

    const grade6 = await page(buyer, 'vertical=gear&attr=accuracyGrade:6&attr=material:20CrMnTi');
    expect(grade6.items.length).toBeGreaterThan(0);
    expect(grade6.items.every((p) => p.attributes.accuracyGrade === '6' && p.attributes.material === '20CrMnTi')).toBe(true);
    const byModule = await page(buyer, 'vertical=gear&attr=module:2.5');
    expect(byModule.items.map((p) => p.attributes.module)).toEqual(byModule.items.map(() => 2.5));

    const molten = await page(buyer, 'vertical=aluminium&attr=form:molten');
    expect(molten.items.map((p) => p.supplierName)).toEqual(molten.items.map(() => '旗能电铝有限公司'));
    expect(molten.items.every((p) => p.unit === 't')).toBe(true);
  });
  it('without a vertical, facets count products by vertical', async () => {
    const p = await page(buyer, 'pageSize=1');
    const byVertical = facet(p, 'vertical');
    expect(byVertical.gear + byVertical.nev_part + byVertical.aluminium).toBe(p.total);
  });
  it('answers 401, 403, and 400 for an unknown attribute or a filter without a vertical', async () => {
    expect((await t.anonymous().get('/api/trade/products')).statusCode).toBe(401);
    expect((await officer.get('/api/trade/products')).statusCode).toBe(403);
    expect((await buyer.get('/api/trade/products?vertical=gear&attr=colour:red')).statusCode).toBe(400);
    expect((await buyer.get('/api/trade/products?attr=gearType:spur')).statusCode).toBe(400);
    expect((await buyer.get('/api/trade/products?attr=nocolon')).statusCode).toBe(400);
    expect((await buyer.get('/api/trade/products?vertical=textiles')).statusCode).toBe(400);
    expect((await buyer.get('/api/trade/products/not-a-uuid')).statusCode).toBe(400);
    const one = (await page(buyer, 'pageSize=1')).items[0];
    expect((await t.anonymous().get(`/api/trade/products/${one.id}`)).statusCode).toBe(401);
    expect((await officer.get(`/api/trade/products/${one.id}`)).statusCode).toBe(403);
    expect((await buyer.get('/api/trade/products/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await officer.patch(`/api/trade/products/${one.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await gear.patch('/api/trade/products/not-a-uuid', { name: 'x' })).statusCode).toBe(400);
  });
});

describe('GET /api/trade/suppliers', () => {
  it("shows each supplier's storefront by vertical", async () => {
    const list: Storefront[] = (await buyer.get('/api/trade/suppliers')).json();
    const qj = list.find((s) => s.name === GEAR)!;
    expect(qj.products.map((p) => p.vertical).sort()).toEqual(['gear', 'nev_part']);
    const one = await buyer.get(`/api/trade/suppliers/${qj.orgId}`);
    expect(one.json()).toEqual(qj);
    const sold = await page(buyer, `supplier=${qj.orgId}&pageSize=200`);
    expect(sold.total).toBe(qj.products.reduce((a, p) => a + p.count, 0));
    expect((await buyer.get(`/api/trade/suppliers/${await t.orgId('城口县人民医院')}`)).statusCode).toBe(404);
    expect((await t.anonymous().get('/api/trade/suppliers')).statusCode).toBe(401);
    expect((await officer.get('/api/trade/suppliers')).statusCode).toBe(403);
    expect((await buyer.get('/api/trade/suppliers/not-a-uuid')).statusCode).toBe(400);
    expect((await t.anonymous().get(`/api/trade/suppliers/${qj.orgId}`)).statusCode).toBe(401);
    expect((await officer.get(`/api/trade/suppliers/${qj.orgId}`)).statusCode).toBe(403);
  });
});
