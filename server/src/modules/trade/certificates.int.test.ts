import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Certificate, CertificateSummary, Order, Rfq, TradeDashboard } from '@gearbridge/contracts/trade';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { deliveredUnits } from '../../test/delivered-units';
import { pdfFonts, readPdf, renderPdfPage } from '../../test/pdf';
import { PNG } from 'pngjs';
import { decodeBarcode } from '../../test/barcode';
import { localDay } from '../../platform/time';
import { tradeDb, type DB } from './db';
import { awardedGearOrder } from './test/orders';

/**
 * Quality certificates: built from exactly the delivered units' own records (read through the factory's interface),
 * frozen as issued, as PDF (font embedded, QR code of the verification page) and Excel; the parties read them.
 */
let t: TestApp;
let db: DB;
let buyer: Client; // jingjiang.buyer
let plant: Client; // gear.planner: the plant, supplier of the order
let sales: Client; // gear.sales
let qineng: Client;
let youshen: Client;
let officer: Client; // signed in, no trade permission
const DAY = 86_400_000;
let order: Order;
let delivered: Awaited<ReturnType<typeof deliveredUnits>>;
let other: Awaited<ReturnType<typeof deliveredUnits>>;

beforeAll(async () => {
  t = await startTestApp();
  db = tradeDb(t.platform.handle.db);
  [buyer, plant, sales, qineng, youshen, officer] = await Promise.all(
    ['jingjiang.buyer', 'gear.planner', 'gear.sales', 'qineng.supplier', 'youshen.buyer', 'park.officer'].map((u) => t.login(u)),
  );
  const raw = t.platform.handle.db as never;
  delivered = await deliveredUnits(raw, { prefix: `QC${Date.now() % 100000}A`, count: 6, nokAt: [2] });
  other = await deliveredUnits(raw, { prefix: `QC${Date.now() % 100000}B`, count: 4 });
  order = await awardedGearOrder(t, db, buyer, sales, '10', '变速箱壳体');
  // The line is in production as the delivered part.
  const p = await plant.post(`/api/trade/orders/${order.id}/production`, { lineNo: 1, partNo: delivered.partNo });
  expect(p.statusCode, p.body).toBe(200);
});
afterAll(() => t?.close());

describe('a delivery certificate', () => {
  let cert: Certificate;

  it('lists exactly the delivered serials with their own results', async () => {
    const deliveries = (await plant.get(`/api/trade/orders/${order.id}/deliveries`)).json() as { id: string; units: number }[];
    expect(deliveries.find((d) => d.id === delivered.deliveryId)?.units).toBe(6);
    const res = await plant.post(`/api/trade/orders/${order.id}/certificates`, { deliveryId: delivered.deliveryId });
    expect(res.statusCode, res.body).toBe(201);
    cert = res.json();
    expect(cert.number).toMatch(/^QC-\d{8}-\d{4}$/);
    expect(cert).toMatchObject({ units: 6, deliveryNumber: delivered.deliveryNumber, partNos: [delivered.partNo], buyerName: '荆江半轴' });
    // Exactly the delivered serials: none missing, none of the other delivery.
    expect(cert.content.units.map((u) => u.serial)).toEqual([...delivered.serials].sort());
    for (const s of other.serials) expect(cert.content.units.some((u) => u.serial === s)).toBe(false);
    // Each unit's own values and results.
    for (const u of cert.content.units) {
      expect(u.values).toEqual(delivered.values.get(u.serial));
      const nok = u.serial === delivered.serials[2];
      expect(u.operations.every((o) => o.result === 'OK')).toBe(!nok);
    }
    // Characteristics over exactly these values: n, min, max, mean, and Pp from their own standard deviation.
    expect(cert.content.characteristics.length).toBeGreaterThan(0);
    for (const c of cert.content.characteristics) {
      const vs = delivered.serials.map((s) => delivered.values.get(s)![c.code]);
      const mean = vs.reduce((a, b) => a + b, 0) / vs.length;
      const sd = Math.sqrt(vs.reduce((a, v) => a + (v - mean) ** 2, 0) / (vs.length - 1));
      expect(c).toMatchObject({ n: 6, min: Math.min(...vs), max: Math.max(...vs), outOfSpec: 0 });
      expect(c.mean).toBeCloseTo(mean, 9);
      if (c.lsl !== null && c.usl !== null) expect(c.pp).toBeCloseTo((c.usl - c.lsl) / (6 * sd), 9);
    }
    expect(await t.auditCount({ action: 'trade.certificate.issue', entityId: cert.id })).toBe(1);
  });

  it("is refused for a delivery that is not the order's: another customer, another part, or already certified on another order", async () => {
    const raw = t.platform.handle.db as never;
    const before = await t.auditCount({ action: 'trade.certificate.issue' });
    const field = async (orderId: string, deliveryId: string) =>
      (await plant.post(`/api/trade/orders/${orderId}/certificates`, { deliveryId })).json().error?.fieldMessages?.deliveryId?.key;
    // Shipped to another customer.
    const elsewhere = await deliveredUnits(raw, { prefix: `QC${Date.now() % 100000}C`, count: 2, customer: '上海友升铝业' });
    expect(await field(order.id, elsewhere.deliveryId)).toBe('trade.field.delivery_other_customer');
    // A second order of the same buyer, not in production: nothing to certify against it yet.
    const second = await awardedGearOrder(t, db, buyer, sales, '10', '变速箱壳体');
    expect(await field(second.id, other.deliveryId)).toBe('trade.field.order_not_in_production');
    // In production as the same part: the delivery already certified on the first order is a 409, not a second certificate.
    expect((await plant.post(`/api/trade/orders/${second.id}/production`, { lineNo: 1, partNo: delivered.partNo })).statusCode).toBe(200);
    const twice = await plant.post(`/api/trade/orders/${second.id}/certificates`, { deliveryId: delivered.deliveryId });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.key).toBe('trade.certificate.exists');
    expect(await t.auditCount({ action: 'trade.certificate.issue' })).toBe(before);
  });

  it('is frozen as issued, once per delivery, and read by the two parties only', async () => {
    expect((await plant.post(`/api/trade/orders/${order.id}/certificates`, { deliveryId: delivered.deliveryId })).statusCode).toBe(409);
    const bought: Certificate = (await buyer.get(`/api/trade/certificates/${cert.id}`)).json();
    expect(bought.content).toEqual(cert.content);
    expect(((await buyer.get(`/api/trade/orders/${order.id}/certificates`)).json() as CertificateSummary[]).map((c) => c.id)).toEqual([cert.id]);
    for (const c of [qineng, youshen]) {
      expect((await c.get(`/api/trade/certificates/${cert.id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/trade/certificates/${cert.id}/pdf`)).statusCode).toBe(404);
      expect((await c.get(`/api/trade/orders/${order.id}/certificates`)).statusCode).toBe(404);
    }
  });

  it('comes as a PDF with the font embedded and a QR code of its verification page, and as Excel', async () => {
    const pdf = await buyer.get(`/api/trade/certificates/${cert.id}/pdf?lang=zh`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const buf = pdf.rawPayload;
    const back = await readPdf(buf);
    const text = back.text.join(' ');
    expect(text).toContain('产品质量证明书');
    for (const s of delivered.serials) expect(text).toContain(s);
    for (const s of other.serials) expect(text).not.toContain(s);
    expect(pdfFonts(buf).every((f) => f.fontFile === 'FontFile2')).toBe(true);
    // The QR code sits in the top right corner of the landscape A4 page (32 mm, 12 mm from the edges): read there.
    const page = await renderPdfPage(buf, 1, 8);
    const url = decodeBarcode(PNG.sync.read(page.png), 'qrcode', { x: (297 - 12 - 36) * 8, y: 10 * 8, width: 40 * 8, height: 40 * 8 });
    expect(url).toMatch(new RegExp(`/trade/verify/${cert.verifyToken}$`));

    const xlsx = await buyer.get(`/api/trade/certificates/${cert.id}/xlsx?lang=en`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const units = wb.getWorksheet('Units')!;
    const serials: string[] = [];
    units.eachRow((row, i) => {
      if (i > 1) serials.push(String(row.getCell(1).value));
    });
    expect(serials).toEqual([...delivered.serials].sort());
  });

  it('verifies by the token to whoever signed in holds it', async () => {
    const v = await officer.get(`/api/trade/verify/${cert.verifyToken}`);
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ number: cert.number, sha256: cert.sha256, serials: [...delivered.serials].sort() });
    expect((await t.anonymous().get(`/api/trade/verify/${cert.verifyToken}`)).statusCode).toBe(401);
    expect((await officer.get('/api/trade/verify/not-a-token')).statusCode).toBe(400);
    expect((await officer.get(`/api/trade/verify/${'A'.repeat(22)}`)).statusCode).toBe(404);
  });

  it('answers 401, 403 and 400 on every route and writes nothing', async () => {
    const before = await t.auditCount();
    const anon = t.anonymous();
    for (const [method, path, body] of [
      ['GET', `/api/trade/orders/${order.id}/deliveries`, undefined],
      ['GET', `/api/trade/orders/${order.id}/certificates`, undefined],
      ['POST', `/api/trade/orders/${order.id}/certificates`, { deliveryId: other.deliveryId }],
      ['GET', `/api/trade/certificates/${cert.id}`, undefined],
      ['GET', `/api/trade/certificates/${cert.id}/pdf`, undefined],
      ['GET', `/api/trade/certificates/${cert.id}/xlsx`, undefined],
    ] as const) {
      expect((await anon.request(method, path, body)).statusCode, `${method} ${path}`).toBe(401);
      expect((await officer.request(method, path, body)).statusCode, `${method} ${path}`).toBe(403);
    }
    expect((await buyer.post(`/api/trade/orders/${order.id}/certificates`, { deliveryId: other.deliveryId })).statusCode).toBe(403);
    expect((await buyer.get(`/api/trade/orders/${order.id}/deliveries`)).statusCode).toBe(403);
    expect((await plant.post(`/api/trade/orders/${order.id}/certificates`, { deliveryId: 'x' })).statusCode).toBe(400);
    const unknown = await plant.post(`/api/trade/orders/${order.id}/certificates`, { deliveryId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.json().error.fieldMessages.deliveryId.key).toBe('trade.field.unknown_delivery');
    expect((await buyer.get(`/api/trade/certificates/${cert.id}/pdf?lang=fr`)).statusCode).toBe(400);
    expect((await buyer.get('/api/trade/certificates/nope')).statusCode).toBe(400);
    expect(await t.auditCount()).toBe(before);
  });
});

describe('the dashboard', () => {
  it("counts the buyer's orders, certified deliveries and quality, and no sealed quote", async () => {
    const d = (await buyer.get('/api/trade/dashboard')).json() as TradeDashboard;
    expect(d.gmvByVertical.find((v) => v.vertical === 'gear')!.orders).toBeGreaterThanOrEqual(1);
    const gear = d.suppliers.find((s) => s.name === '綦江齿轮传动有限公司')!;
    // The certified delivery: 6 units, all within specification, shipped today before the due date.
    expect(gear).toMatchObject({ deliveries: 1, units: 6, ppm: 0, onTimeRate: 1, rating: 5 });
    expect(d.onTime).toMatchObject({ deliveries: 1, onTime: 1, rate: 1 });
    expect(d.rfqs.awarded).toBeGreaterThanOrEqual(1);
    // A quote on an RFQ still open changes nothing: sealed until the deadline.
    const open: Rfq = (
      await buyer.post('/api/trade/rfqs', {
        title: '半轴齿轮',
        vertical: 'gear',
        attributes: {},
        quantity: '5',
        deliveryDate: localDay(Date.now() + 30 * DAY),
        deliveryPlace: '荆江半轴',
        visibility: 'invited',
        invitedOrgIds: [await t.orgId('綦江齿轮传动有限公司')],
        deadline: new Date(Date.now() + DAY).toISOString(),
      })
    ).json();
    await sales.request('PUT', `/api/trade/rfqs/${open.id}/quote`, {
      tiers: [{ minQuantity: '0', unitPrice: '10' }],
      leadTimeDays: 5,
      validUntil: localDay(Date.now() + 40 * DAY),
    });
    expect(((await buyer.get('/api/trade/dashboard')).json() as TradeDashboard).quoteResponse).toEqual(d.quoteResponse);
    // The operator of the region sees the buyer's figures; another buyer not this one's.
    const operator = (await (await t.login('park.trade')).get('/api/trade/dashboard')).json() as TradeDashboard;
    expect(operator.suppliers.find((s) => s.name === '綦江齿轮传动有限公司')!.deliveries).toBe(1);
    const others = (await youshen.get('/api/trade/dashboard')).json() as TradeDashboard;
    expect(others.suppliers.find((s) => s.name === '綦江齿轮传动有限公司')).toBeUndefined();
    // 401, 403 (a supplier alone, no trade permission), 400.
    expect((await t.anonymous().get('/api/trade/dashboard')).statusCode).toBe(401);
    expect((await qineng.get('/api/trade/dashboard')).statusCode).toBe(403);
    expect((await officer.get('/api/trade/dashboard')).statusCode).toBe(403);
    expect((await buyer.get('/api/trade/dashboard?days=3')).statusCode).toBe(400);
  });

  it('counts a certified delivery whose order is older than the window, and a unit out of specification in the ppm', async () => {
    const raw = t.platform.handle.db;
    const cert = await raw
      .selectFrom('trade_certificates')
      .select(['id', 'order_id', 'content'])
      .where('supplier_org_id', '=', await t.orgId('綦江齿轮传动有限公司'))
      .executeTakeFirstOrThrow();
    const content = cert.content as { units: { partNo: string; values: Record<string, number> }[]; characteristics: { partNo: string; code: string; usl: number | null }[] };
    const x = content.characteristics.find((c) => c.usl !== null && content.units[0].values[c.code] !== undefined && c.partNo === content.units[0].partNo)!;
    content.units[0].values[x.code] = x.usl! + 1;
    // Test-only edits of frozen records: one delivered value past its upper limit, the order placed 400 days ago.
    await raw
      .updateTable('trade_certificates')
      .set({ content: JSON.stringify(content) })
      .where('id', '=', cert.id)
      .execute();
    await raw
      .updateTable('trade_orders')
      .set({ created_at: new Date(Date.now() - 400 * DAY) })
      .where('id', '=', cert.order_id)
      .execute();
    const d = (await buyer.get('/api/trade/dashboard')).json() as TradeDashboard;
    const gear = d.suppliers.find((s) => s.name === '綦江齿轮传动有限公司')!;
    expect(gear).toMatchObject({ deliveries: 1, units: 6, ppm: 1_000_000 / 6, onTimeRate: 1 });
    expect(d.onTime).toMatchObject({ deliveries: 1, onTime: 1, rate: 1 });
  });

  it('leaves out a withdrawn certificate (trade/0010: a delivery certified twice before the once-per-delivery rule): marked on the order and its page, not counted', async () => {
    const raw = t.platform.handle.db;
    const [c] = (await buyer.get(`/api/trade/orders/${order.id}/certificates`)).json() as CertificateSummary[];
    expect(c.withdrawn).toBeNull();
    const token = (await raw.selectFrom('trade_certificates').select('verify_token').where('id', '=', c.id).executeTakeFirstOrThrow()).verify_token;
    // What the migration writes for the later certificate of such a delivery.
    await raw.updateTable('trade_certificates').set({ withdrawn_at: new Date(), withdrawn_reason: 'duplicate_delivery' }).where('id', '=', c.id).execute();
    const [after] = (await buyer.get(`/api/trade/orders/${order.id}/certificates`)).json() as CertificateSummary[];
    expect(after).toMatchObject({ id: c.id, number: c.number, sha256: c.sha256, withdrawn: { reason: 'duplicate_delivery', at: expect.any(String) } });
    expect((await officer.get(`/api/trade/verify/${token}`)).json()).toMatchObject({ number: c.number, withdrawn: { reason: 'duplicate_delivery' } });
    const d = (await buyer.get('/api/trade/dashboard')).json() as TradeDashboard;
    expect(d.suppliers.find((s) => s.name === '綦江齿轮传动有限公司')).toMatchObject({ deliveries: 0, units: 0, ppm: null });
    expect(d.onTime.deliveries).toBe(0);
    // Not issued again on the same order (a 409 naming it, not the table's unique key).
    const again = await plant.post(`/api/trade/orders/${order.id}/certificates`, { deliveryId: delivered.deliveryId });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().error).toMatchObject({ key: 'trade.certificate.exists', params: { number: c.number } });
  });
});
