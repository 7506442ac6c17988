import { sql } from 'kysely';
import { formatQuantity, parseQuantity, type Product, type Rfq, type SupplyMonth } from '@gearbridge/contracts/trade';
import type { z } from 'zod';
import type { Actor } from '../../platform/authz';
import { scopeOf } from '../../platform/authz';
import type { Column } from '../../platform/excel/workbook';
import { TP } from './permissions';
import { getRfq, listRfqs, readableQuotes, type QuoteWithRfq } from './rfqs.service';
import { listProducts } from './catalogue.service';
import { getContract } from './supply.service';
import type { DB } from './db';

/**
 * Excel exports of the trade lists (docs/trade.md, "Exports"): what the caller's list shows, no page limit up to
 * EXPORT_MAX rows. Money as exact 元 text ("19650.00"), never a binary number. Quotes come only through
 * `listQuotes`, so every quote row passed the sealing rule (`quoteReadableSql`) in SQL.
 */
export const EXPORT_MAX = 50_000;
/** At most this many RFQs' quotes in one export of quotes. */
const QUOTE_RFQS_MAX = 2_000;

type ProductQuery = z.output<typeof import('@gearbridge/contracts/trade').ProductExportQuery>;
type RfqQuery = z.output<typeof import('@gearbridge/contracts/trade').RfqExportQuery>;

const VERTICAL = { zh: { gear: '齿轮', nev_part: '新能源汽车零部件', aluminium: '交通铝材' }, en: { gear: 'Gears', nev_part: 'NEV parts', aluminium: 'Transport aluminium' } };
const UNIT = { zh: { piece: '件', t: '吨' }, en: { piece: 'pcs', t: 't' } };
const STATUS = {
  zh: { open: '报价中', closed: '已截止', awarded: '已定标', cancelled: '已取消' },
  en: { open: 'Open', closed: 'Closed', awarded: 'Awarded', cancelled: 'Cancelled' },
};
const PRODUCT_STATUS = { zh: { active: '在售', inactive: '已下架' }, en: { active: 'Active', inactive: 'Withdrawn' } };
const VISIBILITY = { zh: { invited: '定向邀请', open: '公开' }, en: { invited: 'Invited', open: 'Open' } };
const lang = (zh: boolean) => (zh ? 'zh' : 'en');
const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

export async function exportProducts(db: DB, actor: Actor, q: ProductQuery) {
  const { items } = await listProducts(db, actor, { ...q, page: 1, pageSize: EXPORT_MAX });
  return items;
}
export const productColumns = (zh: boolean): Column<Product>[] => [
  { key: 'supplier', header: zh ? '供应商' : 'Supplier', width: 24, value: (p) => p.supplierName },
  { key: 'vertical', header: zh ? '行业' : 'Vertical', value: (p) => VERTICAL[lang(zh)][p.vertical] },
  { key: 'name', header: zh ? '商品名称' : 'Product', width: 28, value: (p) => p.name },
  { key: 'partNumber', header: zh ? '零件号' : 'Part number', value: (p) => p.partNumber },
  { key: 'attributes', header: zh ? '技术参数' : 'Attributes', width: 40, value: (p) => attrs(p.attributes) },
  { key: 'unit', header: zh ? '单位' : 'Unit', width: 8, value: (p) => UNIT[lang(zh)][p.unit] },
  { key: 'unitPrice', header: zh ? '单价（元，不含税）' : 'Unit price (yuan, excl. VAT)', value: (p) => p.unitPrice },
  { key: 'unitPriceWithVat', header: zh ? '含税单价（元，13%）' : 'Unit price incl. 13% VAT (yuan)', value: (p) => p.unitPriceWithVat },
  { key: 'status', header: zh ? '状态' : 'Status', width: 10, value: (p) => PRODUCT_STATUS[lang(zh)][p.status] },
  { key: 'updatedAt', header: zh ? '更新时间' : 'Updated', kind: 'datetime', value: (p) => p.updatedAt },
];

export async function exportRfqs(db: DB, actor: Actor, q: RfqQuery) {
  const { items } = await listRfqs(db, actor, { ...q, page: 1, pageSize: EXPORT_MAX });
  return items;
}
export const rfqColumns = (zh: boolean): Column<Rfq>[] => [
  { key: 'title', header: zh ? '询价标题' : 'RFQ', width: 28, value: (r) => r.title },
  { key: 'buyer', header: zh ? '采购方' : 'Buyer', width: 24, value: (r) => r.buyerName },
  { key: 'vertical', header: zh ? '行业' : 'Vertical', value: (r) => VERTICAL[lang(zh)][r.vertical] },
  { key: 'spec', header: zh ? '规格要求' : 'Specification', width: 32, value: (r) => attrs(r.attributes) },
  { key: 'quantity', header: zh ? '数量' : 'Quantity', value: (r) => r.quantity },
  { key: 'unit', header: zh ? '单位' : 'Unit', width: 8, value: (r) => UNIT[lang(zh)][r.unit] },
  { key: 'deliveryDate', header: zh ? '交货日期' : 'Delivery date', kind: 'date', value: (r) => r.deliveryDate },
  { key: 'deliveryPlace', header: zh ? '交货地点' : 'Delivery place', width: 24, value: (r) => r.deliveryPlace },
  { key: 'visibility', header: zh ? '报价范围' : 'Visibility', width: 10, value: (r) => VISIBILITY[lang(zh)][r.visibility] },
  { key: 'deadline', header: zh ? '报价截止时间' : 'Deadline', kind: 'datetime', value: (r) => r.deadline },
  { key: 'round', header: zh ? '轮次' : 'Round', width: 8, value: (r) => r.round },
  { key: 'status', header: zh ? '状态' : 'Status', width: 10, value: (r) => STATUS[lang(zh)][r.status] },
  // Null while the quotes are sealed, and for suppliers (the RFQ's own rule).
  { key: 'quoteCount', header: zh ? '报价数' : 'Quotes', width: 8, value: (r) => r.quoteCount },
  { key: 'cancelReason', header: zh ? '取消原因' : 'Cancel reason', width: 24, value: (r) => r.cancelReason },
  { key: 'createdAt', header: zh ? '发布时间' : 'Posted', kind: 'datetime', value: (r) => r.createdAt },
];

/** A readable quote with its RFQ, for the export of quotes. */
export type QuoteRow = QuoteWithRfq;

/**
 * The quotes the caller may read, of one RFQ (404 unless the caller sees it) or of the latest QUOTE_RFQS_MAX RFQs
 * with one it may read: ONE query under the sealing rule (`readableQuotes`, `quoteReadableSql` in SQL), not one per RFQ.
 */
export async function exportQuotes(db: DB, actor: Actor, rfqId?: string): Promise<QuoteRow[]> {
  scopeOf(actor, TP.read);
  if (rfqId) await getRfq(db, actor, rfqId);
  return readableQuotes(db, actor, rfqId ? { rfqId } : { latestRfqs: QUOTE_RFQS_MAX });
}
export const quoteColumns = (zh: boolean): Column<QuoteRow>[] => [
  { key: 'rfq', header: zh ? '询价标题' : 'RFQ', width: 28, value: (q) => q.rfqTitle },
  { key: 'buyer', header: zh ? '采购方' : 'Buyer', width: 24, value: (q) => q.buyerName },
  { key: 'supplier', header: zh ? '供应商' : 'Supplier', width: 24, value: (q) => q.supplierName },
  { key: 'revision', header: zh ? '版本' : 'Revision', width: 8, value: (q) => q.revision },
  { key: 'submittedAt', header: zh ? '提交时间' : 'Submitted', kind: 'datetime', value: (q) => q.submittedAt },
  {
    key: 'tiers',
    header: zh ? '阶梯价格（起订量: 单价）' : 'Price tiers (from: unit price)',
    width: 36,
    value: (q) => q.tiers.map((t) => `${t.minQuantity}: ${t.unitPrice}`).join('; '),
  },
  { key: 'quantity', header: zh ? '询价数量' : 'RFQ quantity', value: (q) => q.rfqQuantity },
  { key: 'unit', header: zh ? '单位' : 'Unit', width: 8, value: (q) => UNIT[lang(zh)][q.unit] },
  { key: 'unitPrice', header: zh ? '适用单价（元，不含税）' : 'Unit price applied (yuan)', value: (q) => q.atQuantity?.unitPrice },
  { key: 'net', header: zh ? '不含税金额（元）' : 'Net (yuan)', value: (q) => q.atQuantity?.net },
  { key: 'vat', header: zh ? '增值税（元，13%）' : 'VAT 13% (yuan)', value: (q) => q.atQuantity?.vat },
  { key: 'gross', header: zh ? '价税合计（元）' : 'Gross (yuan)', value: (q) => q.atQuantity?.gross },
  { key: 'leadTime', header: zh ? '交货周期（天）' : 'Lead time (days)', width: 10, value: (q) => q.leadTimeDays },
  { key: 'validUntil', header: zh ? '有效期至' : 'Valid until', kind: 'date', value: (q) => q.validUntil },
  { key: 'note', header: zh ? '备注' : 'Note', width: 24, value: (q) => q.note },
];

/** A weighbridge ticket of a supply agreement, for the export. */
export type TicketRow = { ticketNo: string; weighedAt: Date; month: string; vehicle: string | null; gross: string; tare: string; net: string };

/** The agreement's tickets (the parties only: `getContract` answers 404 to anyone else), one month or all. */
export async function exportTickets(db: DB, actor: Actor, id: string, month?: string) {
  const contract = await getContract(db, actor, id);
  let s = db
    .selectFrom('trade_supply_tickets')
    .select([
      'ticket_no',
      'weighed_at',
      'vehicle',
      sql<string>`to_char(month, 'YYYY-MM')`.as('m'),
      sql<string>`gross_t::text`.as('g'),
      sql<string>`tare_t::text`.as('ta'),
      sql<string>`net_t::text`.as('n'),
    ])
    .where('contract_id', '=', id);
  if (month) s = s.where('month', '=', `${month}-01`);
  const rows = await s.orderBy('weighed_at').orderBy('ticket_no').limit(EXPORT_MAX).execute();
  const t = (v: string) => formatQuantity(parseQuantity(v)!);
  return {
    contract,
    rows: rows.map((r): TicketRow => ({ ticketNo: r.ticket_no, weighedAt: new Date(r.weighed_at), month: r.m, vehicle: r.vehicle, gross: t(r.g), tare: t(r.ta), net: t(r.n) })),
  };
}
export const ticketColumns = (zh: boolean): Column<TicketRow>[] => [
  { key: 'ticketNo', header: zh ? '磅单号' : 'Ticket', value: (r) => r.ticketNo },
  { key: 'weighedAt', header: zh ? '过磅时间' : 'Weighed', kind: 'datetime', value: (r) => r.weighedAt },
  { key: 'month', header: zh ? '结算月份' : 'Month', width: 10, value: (r) => r.month },
  { key: 'vehicle', header: zh ? '车牌号' : 'Vehicle', width: 12, value: (r) => r.vehicle },
  { key: 'gross', header: zh ? '毛重（吨）' : 'Gross (t)', width: 12, value: (r) => r.gross },
  { key: 'tare', header: zh ? '皮重（吨）' : 'Tare (t)', width: 12, value: (r) => r.tare },
  { key: 'net', header: zh ? '净重（吨）' : 'Net (t)', width: 12, value: (r) => r.net },
];

/** The agreement's months: tonnes, index average, settlement amounts and saving (settled: frozen; else computed). */
export const monthColumns = (zh: boolean, index: string): Column<SupplyMonth>[] => [
  { key: 'month', header: zh ? '月份' : 'Month', width: 10, value: (r) => r.month },
  { key: 'tickets', header: zh ? '磅单数' : 'Tickets', width: 8, value: (r) => r.tickets },
  { key: 'tonnes', header: zh ? '净重（吨）' : 'Net (t)', width: 12, value: (r) => r.tonnes },
  { key: 'indexAverage', header: zh ? `${index} 月均价（元/吨）` : `${index} monthly average (yuan/t)`, value: (r) => r.indexAverage },
  { key: 'indexDays', header: zh ? '报价天数' : 'Index days', width: 8, value: (r) => r.indexDays },
  { key: 'unitPrice', header: zh ? '结算单价（元/吨）' : 'Unit price (yuan/t)', value: (r) => r.unitPrice },
  { key: 'net', header: zh ? '不含税金额（元）' : 'Net (yuan)', value: (r) => r.net },
  { key: 'vat', header: zh ? '增值税（元，13%）' : 'VAT 13% (yuan)', value: (r) => r.vat },
  { key: 'gross', header: zh ? '价税合计（元）' : 'Gross (yuan)', value: (r) => r.gross },
  { key: 'ingotRoute', header: zh ? '铝锭重熔成本（元）' : 'Ingot route (yuan)', value: (r) => r.ingotRoute },
  { key: 'saving', header: zh ? '节约（元）' : 'Saving (yuan)', value: (r) => r.saving },
  { key: 'settled', header: zh ? '状态' : 'Status', width: 10, value: (r) => (r.settled ? (zh ? '已结算' : 'Settled') : zh ? '未结算' : 'Not settled') },
  { key: 'settledAt', header: zh ? '结算时间' : 'Settled at', kind: 'datetime', value: (r) => r.settledAt },
];

/** The agreement with its months (the parties only), or only the one month asked for. */
export async function monthsOf(db: DB, actor: Actor, id: string, month?: string) {
  const c = await getContract(db, actor, id);
  return { ...c, months: month ? c.months.filter((x) => x.month === month) : c.months };
}
