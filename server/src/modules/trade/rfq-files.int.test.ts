import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ATTACHMENT_LIMITS, type Attachment, type Quote, type Rfq, type TradeDashboard } from '@gearbridge/contracts/trade';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { localDay } from '../../platform/time';
import { tradeDb, type DB } from './db';

/**
 * Drawings on RFQs (type by content, readers), cancelling an RFQ (quotes sealed for ever when cancelled before the
 * deadline) and the Excel exports (a sealed quote's price in none of them). The deadline "passes" in the database.
 */
let t: TestApp;
let db: DB;
let buyer: Client; // youshen.buyer, 上海友升铝业
let qineng: Client; // qineng.supplier, 旗能电铝 (invited below)
let xingxu: Client; // xingxu.supplier, 星旭铝业 (invited below)
let gear: Client; // gear.sales, 綦江齿轮传动 (not invited)
let jingjiang: Client; // another buyer
let operator: Client; // park.trade
let admin: Client;
let officer: Client; // no trade permission
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp();
  db = tradeDb(t.platform.handle.db);
  [buyer, qineng, xingxu, gear, jingjiang, operator, admin, officer] = await Promise.all(
    ['youshen.buyer', 'qineng.supplier', 'xingxu.supplier', 'gear.sales', 'jingjiang.buyer', 'park.trade', 'admin', 'park.officer'].map((u) => t.login(u)),
  );
});
afterAll(() => t?.close());

async function postRfq(over: Record<string, unknown> = {}): Promise<Rfq> {
  const res = await buyer.post('/api/trade/rfqs', {
    title: '铝合金副车架 图纸询价',
    vertical: 'aluminium',
    attributes: { alloy: 'A356', form: 'casting', temper: 'T6' },
    quantity: '100',
    deliveryDate: localDay(Date.now() + 20 * DAY),
    deliveryPlace: '上海友升铝业綦江工厂',
    visibility: 'invited',
    invitedOrgIds: [await t.orgId('旗能电铝有限公司'), await t.orgId('星旭铝业')],
    deadline: new Date(Date.now() + 3 * DAY).toISOString(),
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function quote(c: Client, rfqId: string, price: string): Promise<Quote> {
  const res = await c.request('PUT', `/api/trade/rfqs/${rfqId}/quote`, {
    tiers: [{ minQuantity: '0', unitPrice: price }],
    leadTimeDays: 5,
    validUntil: localDay(Date.now() + 40 * DAY),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const pass = (rfqId: string) => db.updateTable('trade_rfqs').set({ deadline: sql`now() - interval '1 second'` }).where('id', '=', rfqId).execute();
const upload = (c: Client, rfqId: string, name: string, body: Buffer, type = 'application/octet-stream') =>
  c.request('POST', `/api/trade/rfqs/${rfqId}/attachments?fileName=${encodeURIComponent(name)}`, body, { 'content-type': type });
const countAttachments = async (rfqId: string) =>
  Number((await db.selectFrom('trade_rfq_attachments').select(sql<number>`count(*)::int`.as('n')).where('rfq_id', '=', rfqId).executeTakeFirstOrThrow()).n);

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const DWG = Buffer.concat([Buffer.from('AC1032'), Buffer.alloc(64, 0)]);
const DXF = Buffer.from('999\nexported\n  0\nSECTION\n  2\nHEADER\n  0\nENDSEC\n  0\nEOF\n');
const STEP = Buffer.from("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('subframe'),'2;1');\nENDSEC;\n");

describe('drawings on an RFQ', () => {
  it('attaches PDF, DWG, DXF, STEP and pictures by their content, audited, for the buyer only', async () => {
    const r = await postRfq();
    const before = await t.auditCount({ action: 'trade.rfq.attach' });
    for (const [name, body] of [
      ['副车架 总图 A-01.pdf', PDF],
      ['subframe.DWG', DWG],
      ['subframe.dxf', DXF],
      ['subframe.stp', STEP],
      ['照片.png', PNG],
    ] as const) {
      const res = await upload(buyer, r.id, name, body);
      expect(res.statusCode, res.body).toBe(201);
      expect((res.json() as Attachment).fileName).toBe(name);
    }
    expect(await t.auditCount({ action: 'trade.rfq.attach' })).toBe(before + 5);
    const list: Attachment[] = (await buyer.get(`/api/trade/rfqs/${r.id}/attachments`)).json();
    expect(list.map((a) => a.kind)).toEqual(['pdf', 'dwg', 'dxf', 'step', 'png']);
    expect(list[0].sizeBytes).toBe(PDF.length);
  });

  it('answers 401, 403 and 400 and writes nothing', async () => {
    const r = await postRfq();
    expect((await upload(t.anonymous(), r.id, 'a.pdf', PDF)).statusCode).toBe(401);
    expect((await upload(qineng, r.id, 'a.pdf', PDF)).statusCode).toBe(403); // a supplier
    expect((await upload(officer, r.id, 'a.pdf', PDF)).statusCode).toBe(403);
    expect((await upload(operator, r.id, 'a.pdf', PDF)).statusCode).toBe(403);
    expect((await upload(jingjiang, r.id, 'a.pdf', PDF)).statusCode).toBe(404); // another buyer does not see it
    const notPdf = await upload(buyer, r.id, 'a.pdf', Buffer.from('hello, not a drawing'));
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().error.fieldMessages.file.key).toBe('trade.field.drawing_type');
    const pngAsPdf = await upload(buyer, r.id, 'a.pdf', PNG);
    expect(pngAsPdf.statusCode).toBe(400);
    expect(pngAsPdf.json().error.fieldMessages.fileName.key).toBe('trade.field.drawing_extension');
    // An executable or an HTML page named .pdf is refused by its content too.
    expect((await upload(buyer, r.id, 'a.pdf', Buffer.from('<html><script>alert(1)</script></html>'))).statusCode).toBe(400);
    expect((await upload(buyer, r.id, 'a.pdf', Buffer.from('MZ\x90\x00'))).statusCode).toBe(400);
    expect((await buyer.request('POST', `/api/trade/rfqs/${r.id}/attachments`, PDF, { 'content-type': 'application/octet-stream' })).statusCode).toBe(400); // no name
    expect((await upload(buyer, r.id, 'a.pdf', Buffer.alloc(0))).statusCode).toBe(400);
    expect((await upload(buyer, r.id, '/', PDF)).statusCode).toBe(400); // no name left without the path
    expect((await upload(buyer, r.id, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]))).statusCode).toBe(413);
    expect((await upload(buyer, 'not-a-uuid', 'a.pdf', PDF)).statusCode).toBe(400);
    expect(await countAttachments(r.id)).toBe(0);
  });

  it('is read by the buyer and the invited suppliers only; the download has its type and UTF-8 name', async () => {
    const r = await postRfq();
    const a: Attachment = (await upload(buyer, r.id, '副车架 "总图".pdf', PDF)).json();
    for (const c of [buyer, qineng, xingxu]) {
      expect((await c.get(`/api/trade/rfqs/${r.id}/attachments`)).json()).toHaveLength(1);
      const d = await c.get(`/api/trade/rfqs/${r.id}/attachments/${a.id}`);
      expect(d.statusCode).toBe(200);
      expect(d.headers['content-type']).toBe('application/pdf');
      // The ASCII stand-in has a _ for each non-ASCII character and each quote; the UTF-8 name is the name as it was.
      expect(d.headers['content-disposition']).toBe(`attachment; filename="___ ____.pdf"; filename*=UTF-8''${encodeURIComponent('副车架 "总图".pdf')}`);
      expect(d.headers['x-content-type-options']).toBe('nosniff');
      expect(d.rawPayload.equals(PDF)).toBe(true);
    }
    expect((await gear.get(`/api/trade/rfqs/${r.id}/attachments`)).statusCode).toBe(404); // not invited
    expect((await gear.get(`/api/trade/rfqs/${r.id}/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await jingjiang.get(`/api/trade/rfqs/${r.id}/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await operator.get(`/api/trade/rfqs/${r.id}/attachments`)).statusCode).toBe(403); // sees the RFQ, not its drawings
    expect((await operator.get(`/api/trade/rfqs/${r.id}/attachments/${a.id}`)).statusCode).toBe(403);
    expect((await officer.get(`/api/trade/rfqs/${r.id}/attachments`)).statusCode).toBe(403);
    expect((await t.anonymous().get(`/api/trade/rfqs/${r.id}/attachments/${a.id}`)).statusCode).toBe(401);
    expect((await buyer.get(`/api/trade/rfqs/${r.id}/attachments/not-a-uuid`)).statusCode).toBe(400);
    // An attachment of another RFQ is not found through this one.
    const other = await postRfq();
    expect((await buyer.get(`/api/trade/rfqs/${other.id}/attachments/${a.id}`)).statusCode).toBe(404);
    // An open RFQ: any supplier reads its drawings.
    const open = await postRfq({ visibility: 'open', invitedOrgIds: [] });
    const o: Attachment = (await upload(buyer, open.id, 'gear.png', PNG)).json();
    const g = await gear.get(`/api/trade/rfqs/${open.id}/attachments/${o.id}`);
    expect(g.statusCode).toBe(200);
    expect(g.headers['content-type']).toBe('image/png');
  });

  it('takes drawings only while the RFQ is open, and at most ten', async () => {
    const r = await postRfq();
    for (let i = 0; i < 10; i++) expect((await upload(buyer, r.id, `p${i}.pdf`, PDF)).statusCode).toBe(201);
    const eleventh = await upload(buyer, r.id, 'p10.pdf', PDF);
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json().error.key).toBe('trade.attachment.too_many');
    const closed = await postRfq();
    await pass(closed.id);
    expect((await upload(buyer, closed.id, 'late.pdf', PDF)).statusCode).toBe(409);
  });

  it('keeps a buying organisation’s drawings within its quota: the file that would pass it is a 409, not stored', async () => {
    const r = await postRfq();
    // The organisation's drawings made to weigh just under the quota: rows of recorded size only (the bytes stay small;
    // a drawing is at most 20 MiB, so it takes about a hundred of them), on another of its RFQs.
    const filler = await postRfq();
    const { total } = (
      await sql<{ total: string }>`select coalesce(sum(a.size_bytes), 0)::text as total from trade_rfq_attachments a join trade_rfqs q on q.id = a.rfq_id
        where q.org_id = (select org_id from trade_rfqs where id = ${r.id})`.execute(db)
    ).rows[0];
    const room = ATTACHMENT_LIMITS.perOrgBytes - Number(total) - PDF.length + 1; // one byte short for the next file
    const full = Math.floor(room / ATTACHMENT_LIMITS.bytes);
    await sql`insert into trade_rfq_attachments (rfq_id, file_name, kind, size_bytes, sha256, content)
      select ${filler.id}, 'filler-' || g || '.pdf', 'pdf', case when g <= ${full}::int then ${ATTACHMENT_LIMITS.bytes}::int else ${room - full * ATTACHMENT_LIMITS.bytes}::int end,
             repeat('0', 64), '\\x00'::bytea
        from generate_series(1, ${full + 1}::int) g`.execute(db);
    const [files, audits] = [await sql<{ n: number }>`select count(*)::int as n from trade_rfq_attachments`.execute(db), await t.auditCount({ action: 'trade.rfq.attach' })];
    const over = await upload(buyer, r.id, 'over.pdf', PDF);
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ key: 'trade.attachment.org_quota', params: { gb: 2 } });
    expect((await sql<{ n: number }>`select count(*)::int as n from trade_rfq_attachments`.execute(db)).rows[0].n).toBe(files.rows[0].n);
    expect(await t.auditCount({ action: 'trade.rfq.attach' })).toBe(audits);
    await sql`delete from trade_rfq_attachments where rfq_id = ${filler.id} and file_name = 'filler-1.pdf'`.execute(db);
    expect((await upload(buyer, r.id, 'fits.pdf', PDF)).statusCode).toBe(201);
  });

  it('the buyer deletes a drawing before the deadline, audited; from the deadline on the drawings are sealed (409)', async () => {
    const r = await postRfq();
    const keep = (await upload(buyer, r.id, '副车架.pdf', PDF)).json() as { id: string };
    const wrong = (await upload(buyer, r.id, 'wrong.png', PNG)).json() as { id: string; sha256: string };
    const del = (c: Client, id: string, rfqId = r.id) => c.request('DELETE', `/api/trade/rfqs/${rfqId}/attachments/${id}`);
    // Nobody else deletes: signed out 401, no trade permission 403, an invited supplier and the operator 403 (they
    // see the RFQ), another buyer 404 (it does not); a bad id 400; nothing gone.
    expect((await t.anonymous().request('DELETE', `/api/trade/rfqs/${r.id}/attachments/${wrong.id}`)).statusCode).toBe(401);
    expect((await del(officer, wrong.id)).statusCode).toBe(403);
    expect((await del(qineng, wrong.id)).statusCode).toBe(403);
    expect((await del(operator, wrong.id)).statusCode).toBe(403);
    expect((await del(jingjiang, wrong.id)).statusCode).toBe(404);
    expect((await del(buyer, 'nope')).statusCode).toBe(400);
    // A drawing of another RFQ is not found through this one.
    const other = await postRfq();
    const elsewhere = (await upload(buyer, other.id, 'other.pdf', PDF)).json() as { id: string };
    expect((await del(buyer, elsewhere.id)).statusCode).toBe(404);
    expect(await countAttachments(r.id)).toBe(2);
    expect(await countAttachments(other.id)).toBe(1);

    const before = await t.auditCount({ action: 'trade.rfq.detach' });
    const ok = await del(buyer, wrong.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(((await buyer.get(`/api/trade/rfqs/${r.id}/attachments`)).json() as { id: string }[]).map((a) => a.id)).toEqual([keep.id]);
    expect((await qineng.get(`/api/trade/rfqs/${r.id}/attachments/${wrong.id}`)).statusCode).toBe(404);
    expect(await t.auditCount({ action: 'trade.rfq.detach' })).toBe(before + 1);
    const audit = await db.selectFrom('audit_log').select(['before', 'entity_id']).where('action', '=', 'trade.rfq.detach').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe(r.id);
    expect(audit.before).toMatchObject({ attachmentId: wrong.id, fileName: 'wrong.png', kind: 'png', sha256: wrong.sha256 });
    // Twice: not found.
    expect((await del(buyer, wrong.id)).statusCode).toBe(404);

    // From the deadline on: sealed, nothing deleted.
    await pass(r.id);
    const sealed = await del(buyer, keep.id);
    expect(sealed.statusCode).toBe(409);
    expect(sealed.json().error.key).toBe('trade.attachment.sealed');
    expect(await countAttachments(r.id)).toBe(1);
    // A cancelled RFQ's drawings stay too.
    const cancelled = await postRfq();
    const kept = (await upload(buyer, cancelled.id, 'kept.pdf', PDF)).json() as { id: string };
    expect((await buyer.post(`/api/trade/rfqs/${cancelled.id}/cancel`, { reason: '需求取消' })).statusCode).toBe(200);
    const gone = await del(buyer, kept.id, cancelled.id);
    expect(gone.statusCode).toBe(409);
    expect(gone.json().error.key).toBe('trade.rfq.cancelled');
    expect(await countAttachments(cancelled.id)).toBe(1);
    expect(await t.auditCount({ action: 'trade.rfq.detach' })).toBe(before + 1);
  });
});

describe('cancelling an RFQ', () => {
  it('answers 401, 403, 404 and 400 and changes nothing', async () => {
    const r = await postRfq();
    expect((await t.anonymous().post(`/api/trade/rfqs/${r.id}/cancel`, { reason: '需求取消' })).statusCode).toBe(401);
    expect((await qineng.post(`/api/trade/rfqs/${r.id}/cancel`, { reason: '需求取消' })).statusCode).toBe(403);
    expect((await officer.post(`/api/trade/rfqs/${r.id}/cancel`, { reason: '需求取消' })).statusCode).toBe(403);
    expect((await operator.post(`/api/trade/rfqs/${r.id}/cancel`, { reason: '需求取消' })).statusCode).toBe(403);
    expect((await jingjiang.post(`/api/trade/rfqs/${r.id}/cancel`, { reason: '需求取消' })).statusCode).toBe(404);
    const blank = await buyer.post(`/api/trade/rfqs/${r.id}/cancel`, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.fields.reason).toBeTruthy();
    expect((await buyer.post(`/api/trade/rfqs/${r.id}/cancel`, {})).statusCode).toBe(400);
    expect((await buyer.post(`/api/trade/rfqs/${r.id}/cancel`, { reason: 'x'.repeat(501) })).statusCode).toBe(400);
    expect(((await buyer.get(`/api/trade/rfqs/${r.id}`)).json() as Rfq).status).toBe('open');
  });

  it('before the deadline: the suppliers see it cancelled, nobody quotes, and its quotes stay sealed for ever', async () => {
    const dashboard = async () => ((await buyer.get('/api/trade/dashboard')).json() as TradeDashboard).quoteResponse.quotes;
    const quotesCounted = await dashboard();
    const r = await postRfq();
    await quote(qineng, r.id, '23456.78');
    const before = await t.auditCount({ action: 'trade.rfq.cancel', entityId: r.id });
    const res = await buyer.post(`/api/trade/rfqs/${r.id}/cancel`, { reason: '设计变更，重新询价' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Rfq).status).toBe('cancelled');
    expect((res.json() as Rfq).cancelReason).toBe('设计变更，重新询价');
    expect(await t.auditCount({ action: 'trade.rfq.cancel', entityId: r.id })).toBe(before + 1);
    const seen: Rfq = (await xingxu.get(`/api/trade/rfqs/${r.id}`)).json();
    expect(seen.status).toBe('cancelled');
    expect(seen.cancelReason).toBe('设计变更，重新询价');
    expect(
      (
        await xingxu.request('PUT', `/api/trade/rfqs/${r.id}/quote`, {
          tiers: [{ minQuantity: '0', unitPrice: '1.00' }],
          leadTimeDays: 1,
          validUntil: localDay(Date.now() + 40 * DAY),
        })
      ).statusCode,
    ).toBe(403);
    expect((await buyer.post(`/api/trade/rfqs/${r.id}/cancel`, { reason: '再次取消' })).statusCode).toBe(409);
    // The deadline passes (moved in the database; the cancel kept before it, as it was).
    await db.updateTable('trade_rfqs').set({ deadline: sql`now() - interval '1 second'`, cancelled_at: sql`now() - interval '1 hour'` }).where('id', '=', r.id).execute();
    // The deadline has passed, but the RFQ was cancelled before it: the buyer reads nothing, on any route.
    expect((await buyer.get(`/api/trade/rfqs/${r.id}/quotes`)).json()).toEqual([]);
    expect(((await buyer.get(`/api/trade/rfqs/${r.id}`)).json() as Rfq).quoteCount).toBeNull();
    for (const path of [`/api/trade/quotes/export?rfqId=${r.id}`, '/api/trade/quotes/export', '/api/trade/rfqs/export']) {
      expect(await cellsOf(await buyer.get(path))).not.toContain('23456.78');
    }
    expect((await buyer.post(`/api/trade/rfqs/${r.id}/award`, { awards: [{ quoteId: (await quotesOf(qineng, r.id))[0].id, quantity: '100' }] })).statusCode).toBe(403);
    // Its own supplier still reads its quote.
    expect((await quotesOf(qineng, r.id))[0].tiers[0].unitPrice).toBe('23456.78');
    // Nor does the dashboard count it in the quote response time.
    expect(await dashboard()).toBe(quotesCounted);
  });

  it('after the deadline: what the buyer could read stays readable; an awarded RFQ cannot be cancelled', async () => {
    const r = await postRfq();
    await quote(qineng, r.id, '20000.00');
    await pass(r.id);
    expect((await buyer.post(`/api/trade/rfqs/${r.id}/cancel`, { reason: '预算取消' })).statusCode).toBe(200);
    expect(await quotesOf(buyer, r.id)).toHaveLength(1);
    const a = await postRfq();
    const q = await quote(qineng, a.id, '20000.00');
    await pass(a.id);
    expect((await buyer.post(`/api/trade/rfqs/${a.id}/award`, { awards: [{ quoteId: q.id, quantity: '100' }] })).statusCode).toBe(201);
    const late = await buyer.post(`/api/trade/rfqs/${a.id}/cancel`, { reason: '预算取消' });
    expect(late.statusCode).toBe(409);
    expect(((await buyer.get(`/api/trade/rfqs/${a.id}`)).json() as Rfq).status).toBe('awarded');
  });
});

const quotesOf = async (c: Client, rfqId: string): Promise<Quote[]> => (await c.get(`/api/trade/rfqs/${rfqId}/quotes`)).json();
/** Every cell of the first sheet of an exported workbook, as text (numbers too). */
async function cellsOf(res: { statusCode: number; rawPayload: Buffer; body: string }): Promise<string> {
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.worksheets[0].eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))));
  return out.join('\n');
}

describe('Excel exports of the trade lists', () => {
  it('never hold a sealed quote: not for the buyer before the deadline, another supplier, the operator or an administrator', async () => {
    const r = await postRfq({ title: '导出密封测试' });
    await quote(qineng, r.id, '19876.54');
    await quote(xingxu, r.id, '19765.43');
    const paths = ['/api/trade/quotes/export', `/api/trade/quotes/export?rfqId=${r.id}`, '/api/trade/rfqs/export', '/api/trade/products/export'];
    for (const [who, c] of [
      ['buyer', buyer],
      ['operator', operator],
      ['admin', admin],
    ] as const) {
      for (const p of paths) {
        const cells = await cellsOf(await c.get(p));
        expect(cells, `${who} ${p}`).not.toContain('19876.54');
        expect(cells, `${who} ${p}`).not.toContain('19765.43');
        expect(cells, `${who} ${p}`).not.toContain('1987654'); // net of 100 at that price
      }
    }
    // A supplier reads its own quote in the export, never the other's.
    const own = await cellsOf(await qineng.get('/api/trade/quotes/export'));
    expect(own).toContain('19876.54');
    expect(own).not.toContain('19765.43');
    expect(await cellsOf(await qineng.get(`/api/trade/quotes/export?rfqId=${r.id}`))).not.toContain('19765.43');
    const other = await cellsOf(await xingxu.get('/api/trade/quotes/export'));
    expect(other).toContain('19765.43');
    expect(other).not.toContain('19876.54');
    // The RFQ list export says no quote count while sealed.
    expect(await cellsOf(await buyer.get('/api/trade/rfqs/export?q=导出密封测试'))).not.toMatch(/\n2\n/);
    // After the deadline the buyer's export has both, with the amounts at the RFQ's quantity.
    await pass(r.id);
    const after = await cellsOf(await buyer.get(`/api/trade/quotes/export?rfqId=${r.id}&lang=en`));
    expect(after).toContain('19876.54');
    expect(after).toContain('1976543.00'); // 100 × 19,765.43, exact
    expect(after).toContain('256950.59'); // its VAT, 13 % half-up
    // …and still nothing for the other supplier or the operator.
    expect(await cellsOf(await operator.get(`/api/trade/quotes/export?rfqId=${r.id}`))).not.toContain('19876.54');
    expect(await cellsOf(await xingxu.get(`/api/trade/quotes/export?rfqId=${r.id}`))).not.toContain('19876.54');
  });

  it('of every RFQ at once (one query under the sealing rule): a supplier still never gets a competitor’s quote', async () => {
    // Three RFQs, both invited suppliers quote each; the first two pass their deadline, the third stays sealed.
    const rfqs = [await postRfq({ title: '导出多询价 一' }), await postRfq({ title: '导出多询价 二' }), await postRfq({ title: '导出多询价 三' })];
    const price = (who: 'q' | 'x', i: number) => `${who === 'q' ? 18 : 17}${i}11.2${i}`;
    for (const [i, r] of rfqs.entries()) {
      await quote(qineng, r.id, price('q', i));
      await quote(xingxu, r.id, price('x', i));
    }
    await pass(rfqs[0].id);
    await pass(rfqs[1].id);
    const mine = await cellsOf(await qineng.get('/api/trade/quotes/export'));
    const theirs = await cellsOf(await xingxu.get('/api/trade/quotes/export'));
    for (const i of [0, 1, 2]) {
      expect(mine).toContain(price('q', i));
      expect(mine).not.toContain(price('x', i));
      expect(theirs).toContain(price('x', i));
      expect(theirs).not.toContain(price('q', i));
    }
    // The buyer: both quotes of the two past their deadline, none of the sealed one; newest RFQ first.
    const buyers = await cellsOf(await buyer.get('/api/trade/quotes/export'));
    for (const i of [0, 1]) for (const w of ['q', 'x'] as const) expect(buyers).toContain(price(w, i));
    expect(buyers).not.toContain(price('q', 2));
    expect(buyers).not.toContain(price('x', 2));
    expect(buyers.indexOf('导出多询价 二')).toBeLessThan(buyers.indexOf('导出多询价 一'));
    // Nobody else reads any of them: the operator, another buyer.
    for (const c of [operator, jingjiang]) {
      const cells = await cellsOf(await c.get('/api/trade/quotes/export'));
      for (const i of [0, 1, 2]) for (const w of ['q', 'x'] as const) expect(cells).not.toContain(price(w, i));
    }
  });

  it('answer 401, 403 and 400', async () => {
    for (const p of ['/api/trade/quotes/export', '/api/trade/rfqs/export', '/api/trade/products/export']) {
      expect((await t.anonymous().get(p)).statusCode).toBe(401);
      expect((await officer.get(p)).statusCode).toBe(403);
    }
    expect((await buyer.get('/api/trade/rfqs/export?status=nonsense')).statusCode).toBe(400);
    expect((await buyer.get('/api/trade/products/export?attr=alloy:A356')).statusCode).toBe(400); // attr without vertical
    expect((await buyer.get('/api/trade/quotes/export?rfqId=nope')).statusCode).toBe(400);
    expect((await buyer.get('/api/trade/quotes/export?lang=fr')).statusCode).toBe(400);
    const r = await postRfq();
    expect((await gear.get(`/api/trade/quotes/export?rfqId=${r.id}`)).statusCode).toBe(404); // not invited
  });

  it('exports the catalogue and the RFQs as the lists show them', async () => {
    const cat = await cellsOf(await gear.get('/api/trade/products/export?vertical=gear&lang=zh'));
    expect(cat).toContain('齿轮');
    expect(cat).not.toContain('交通铝材');
    const res = await buyer.get('/api/trade/rfqs/export?view=own');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E8%AF%A2%E4%BB%B7");
    expect(await cellsOf(res)).toContain('上海友升铝业');
  });

  it("exports a supply agreement's tickets and months to its two parties only", async () => {
    const contract = await db.selectFrom('trade_supply_contracts').select(['id', 'contract_no']).executeTakeFirstOrThrow();
    const month = await db
      .selectFrom('trade_supply_settlements')
      .select([sql<string>`to_char(month, 'YYYY-MM')`.as('m'), 'tickets', sql<string>`net_t::text`.as('net'), sql<string>`saving_fen::text`.as('saving')])
      .where('contract_id', '=', contract.id)
      .orderBy('month', 'desc')
      .executeTakeFirstOrThrow();
    const tickets = await buyer.get(`/api/trade/supply-contracts/${contract.id}/tickets/export?month=${month.m}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tickets.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount - 1).toBe(month.tickets);
    const months = await cellsOf(await qineng.get(`/api/trade/supply-contracts/${contract.id}/months/export?month=${month.m}`));
    const fen = BigInt(month.saving);
    expect(months).toContain(`${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`);
    for (const p of [`/api/trade/supply-contracts/${contract.id}/tickets/export`, `/api/trade/supply-contracts/${contract.id}/months/export`]) {
      expect((await t.anonymous().get(p)).statusCode).toBe(401);
      expect((await officer.get(p)).statusCode).toBe(403);
      expect((await jingjiang.get(p)).statusCode).toBe(404);
      expect((await gear.get(p)).statusCode).toBe(404);
      expect((await buyer.get(`${p}?month=2026-13`)).statusCode).toBe(400);
    }
  });
});

async function priceSheet(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['指数', '日期', '价格（元/吨）']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('importing daily index prices', () => {
  it('reports bad, duplicate, conflicting, recorded and frozen days per row, writes nothing until confirmed, then exactly, audited', async () => {
    await db.insertInto('trade_index_prices').values({ index_code: 'A00', day: '2020-02-03', price_fen: '1890000' }).execute();
    const settled = await db.selectFrom('trade_supply_settlements').select(sql<string>`to_char(month, 'YYYY-MM-DD')`.as('d')).orderBy('month', 'desc').executeTakeFirstOrThrow();
    const buf = await priceSheet([
      ['A00', '2020-01-06', '18950.12'], // 2 valid
      ['a00', '2020/1/7', '18,960'], // 3 valid (code upper-cased, separators)
      ['A00', '2020-01-32', '18950'], // 4 no such day
      ['A00', localDay(Date.now() + 3 * DAY), '18950'], // 5 future
      ['A00', '2020-01-08', '18950.123'], // 6 three decimals
      ['A00', '2020-01-09', '18970'], // 7 valid
      ['A00', '2020-01-09', '18970.00'], // 8 same day, same price
      ['A00', '2020-01-10', '18980'], // 9 conflicting with 10: neither written
      ['A00', '2020-01-10', '18990'], // 10
      ['A00', '2020-02-03', '18900'], // 11 already recorded
      ['A00', settled.d, '18900'], // 12 a settled month
      ['A-00', '2020-01-13', '18900'], // 13 bad code
      ['A00', '2020-01-14', '-5'], // 14 not above zero
    ]);
    const auditsBefore = await t.auditCount({ action: 'trade.index.import' });
    const res = await operator.request('POST', '/api/imports/trade_index_prices?fileName=a00.xlsx', buf, { 'content-type': XLSX });
    expect(res.statusCode, res.body).toBe(201);
    const report = res.json() as { id: string; validRows: number; errors: { row: number; key: string; params?: Record<string, unknown> }[] };
    const keys = Object.fromEntries(report.errors.map((e) => [e.row, e.key]));
    expect(keys).toEqual({
      4: 'trade.field.day',
      5: 'trade.field.in_future',
      6: 'trade.field.yuan_positive',
      8: 'trade.import.same_day',
      10: 'trade.import.conflicting_day',
      11: 'trade.import.day_recorded',
      12: 'trade.field.index_month_settled',
      13: 'trade.field.index_code',
      14: 'trade.field.yuan_positive',
    });
    expect(report.validRows).toBe(3); // rows 2, 3, 7 (row 9 conflicts with row 10)
    const stored = () =>
      db
        .selectFrom('trade_index_prices')
        .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('d'), sql<string>`price_fen::text`.as('p')])
        .where('day', '>=', '2020-01-01')
        .where('day', '<', '2020-02-01')
        .orderBy('day')
        .execute();
    expect(await stored()).toEqual([]);
    const ok = await operator.post(`/api/imports/${report.id}/confirm`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().written).toBe(3);
    expect(await stored()).toEqual([
      { d: '2020-01-06', p: '1895012' },
      { d: '2020-01-07', p: '1896000' },
      { d: '2020-01-09', p: '1897000' },
    ]);
    expect(await t.auditCount({ action: 'trade.index.import' })).toBe(auditsBefore + 1);
    const month = (await buyer.get('/api/trade/index-prices?index=A00&month=2020-01')).json();
    expect(month.average).toBe('18960.04'); // (18950.12 + 18960 + 18970) / 3 = 18960.04
  });

  it('answers 401 and 403, and a confirm after prices were entered is a 409 that writes nothing', async () => {
    const buf = await priceSheet([['A00', '2020-03-02', '19000']]);
    expect((await t.anonymous().request('POST', '/api/imports/trade_index_prices?fileName=a.xlsx', buf, { 'content-type': XLSX })).statusCode).toBe(401);
    for (const c of [qineng, buyer, officer])
      expect((await c.request('POST', '/api/imports/trade_index_prices?fileName=a.xlsx', buf, { 'content-type': XLSX })).statusCode).toBe(403);
    const report = (await operator.request('POST', '/api/imports/trade_index_prices?fileName=a.xlsx', buf, { 'content-type': XLSX })).json();
    expect(report.validRows).toBe(1);
    expect((await operator.request('PUT', '/api/trade/index-prices', { index: 'A00', prices: [{ day: '2020-03-02', price: '19100.00' }] })).statusCode).toBe(200);
    const res = await operator.post(`/api/imports/${report.id}/confirm`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.key).toBe('trade.import.changed');
    const day = await db
      .selectFrom('trade_index_prices')
      .select(sql<string>`price_fen::text`.as('p'))
      .where('index_code', '=', 'A00')
      .where('day', '=', '2020-03-02')
      .executeTakeFirstOrThrow();
    expect(day.p).toBe('1910000');
  });
});
