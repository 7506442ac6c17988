import { sql, type SqlBool } from 'kysely';
import { formatQuantity, formatYuan, lineAmounts, parseQuantity, tierFor, type AwardInput, type Order } from '@gearbridge/contracts/trade';
import { can, scopeOf, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { conflict, forbidden, invalid, notFound, type Msg } from '../../platform/errors';
import { localDay } from '../../platform/time';
import { TP } from './permissions';
import { m } from './messages';
import { buyerSideSql } from './rfqs.service';
import type { DB } from './db';

/** Orders the caller sees: its buying side's, and its own organisation's as the supplier — never another supplier's. */
function ordersQuery(db: DB, actor: Actor) {
  const supplier = can(actor, TP.quote) ? sql<SqlBool>`od.supplier_org_id = ${actor.orgId}` : sql<SqlBool>`false`;
  return db
    .selectFrom('trade_orders as od')
    .innerJoin('trade_rfqs as r', 'r.id', 'od.rfq_id')
    .innerJoin('organisations as o', 'o.id', 'od.buyer_org_id')
    .innerJoin('organisations as so', 'so.id', 'od.supplier_org_id')
    .select([
      'od.id',
      'od.rfq_id',
      'r.title',
      'od.quote_id',
      'od.buyer_org_id',
      'o.name as buyer_name',
      'od.supplier_org_id',
      'so.name as supplier_name',
      'od.status',
      'od.created_at',
    ])
    .select([sql<string>`od.net_fen::text`.as('net'), sql<string>`od.vat_fen::text`.as('vat'), sql<string>`od.gross_fen::text`.as('gross')])
    .where(sql<SqlBool>`(${buyerSideSql(actor)} or ${supplier})`);
}

async function withLines(db: DB, rows: Awaited<ReturnType<ReturnType<typeof ordersQuery>['execute']>>): Promise<Order[]> {
  if (!rows.length) return [];
  const lines = await db
    .selectFrom('trade_order_lines')
    .select(['order_id', 'line_no', 'description', 'unit'])
    .select([
      sql<string>`quantity::text`.as('qty'),
      sql<string>`unit_price_fen::text`.as('price'),
      sql<string>`net_fen::text`.as('net'),
      sql<string>`vat_fen::text`.as('vat'),
      sql<string>`gross_fen::text`.as('gross'),
    ])
    .where(
      'order_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('line_no')
    .execute();
  const y = (fen: string) => formatYuan(BigInt(fen));
  return rows.map((r) => ({
    id: r.id,
    rfqId: r.rfq_id,
    rfqTitle: r.title,
    quoteId: r.quote_id,
    buyerOrgId: r.buyer_org_id,
    buyerName: r.buyer_name,
    supplierOrgId: r.supplier_org_id,
    supplierName: r.supplier_name,
    status: r.status,
    lines: lines
      .filter((l) => l.order_id === r.id)
      .map((l) => ({
        lineNo: l.line_no,
        description: l.description,
        quantity: formatQuantity(parseQuantity(l.qty)!),
        unit: l.unit,
        unitPrice: y(l.price),
        net: y(l.net),
        vat: y(l.vat),
        gross: y(l.gross),
      })),
    net: y(r.net),
    vat: y(r.vat),
    gross: y(r.gross),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function listOrders(db: DB, actor: Actor, rfqId?: string): Promise<Order[]> {
  scopeOf(actor, TP.read);
  let q = ordersQuery(db, actor);
  if (rfqId) q = q.where('od.rfq_id', '=', rfqId);
  return withLines(db, await q.orderBy('od.created_at', 'desc').orderBy('so.name').execute());
}

/**
 * The buyer awards an RFQ after its deadline (trade.buy over the buyer): each award gives a quote's supplier one
 * order, its line at the quote's tier for the awarded quantity, amounts exact (half-up per line). The RFQ is locked,
 * every award checked and every order written in ONE transaction: any bad award leaves nothing written.
 */
export async function awardRfq(db: DB, actor: Actor, rfqId: string, input: AwardInput): Promise<Order[]> {
  if (!can(actor, TP.buy)) throw forbidden();
  const orderIds = await db.transaction().execute(async (trx) => {
    const rfq = await trx
      .selectFrom('trade_rfqs as r')
      .innerJoin('organisations as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.org_id', 'r.title', 'r.unit', 'r.awarded_at', 'r.cancelled_at', sql<string>`r.quantity::text`.as('qty'), sql<boolean>`r.deadline <= now()`.as('closed')])
      .where('r.id', '=', rfqId)
      .where(buyerSideSql(actor))
      .forUpdate('r')
      .executeTakeFirst();
    if (!rfq) throw notFound(m('trade.rfq.not_found'));
    if (rfq.cancelled_at) throw forbidden(m('trade.rfq.cancelled'));
    if (!rfq.closed) throw forbidden(m('trade.award.not_closed'));
    if (rfq.awarded_at) throw conflict(m('trade.award.already'));
    await trx.updateTable('trade_rfqs').set({ awarded_at: sql`now()`, awarded_by: actor.userId }).where('id', '=', rfqId).execute();

    const requested = parseQuantity(rfq.qty)!;
    const today = localDay();
    let total = 0n;
    const ids: string[] = [];
    const seen = new Set<string>();
    for (const [i, a] of input.awards.entries()) {
      // Each award is checked where it is written, so a bad one after good ones rolls all of them back.
      const fail = (field: string, msg: Msg): never => {
        throw invalid(m('trade.award.invalid_fields', { fields: `awards.${i}.${field}` }), { [`awards.${i}.${field}`]: msg });
      };
      if (seen.has(a.quoteId)) fail('quoteId', m('trade.award.field_duplicate_quote'));
      seen.add(a.quoteId);
      const quote = await trx
        .selectFrom('trade_quotes')
        .select(['id', 'org_id', sql<string>`to_char(valid_until, 'YYYY-MM-DD')`.as('valid_until')])
        .where('id', '=', a.quoteId)
        .where('rfq_id', '=', rfqId)
        .executeTakeFirst();
      if (!quote) return fail('quoteId', m('trade.award.field_unknown_quote'));
      if (quote.valid_until < today) fail('quoteId', m('trade.award.field_expired', { date: quote.valid_until }));
      const qty = parseQuantity(a.quantity)!;
      total += qty;
      if (total > requested) fail('quantity', m('trade.award.field_over_quantity', { total: formatQuantity(total), quantity: formatQuantity(requested) }));
      const tiers = (
        await trx
          .selectFrom('trade_quote_tiers')
          .select([sql<string>`min_quantity::text`.as('min'), sql<string>`unit_price_fen::text`.as('fen')])
          .where('quote_id', '=', quote.id)
          .execute()
      ).map((t) => ({ minQtyMilli: parseQuantity(t.min)!, fen: BigInt(t.fen) }));
      const tier = tierFor(tiers, qty);
      if (!tier) {
        const least = tiers.reduce((x, t) => (t.minQtyMilli < x ? t.minQtyMilli : x), tiers[0].minQtyMilli);
        return fail('quantity', m('trade.award.field_below_tier', { quantity: formatQuantity(least) }));
      }
      const amounts = lineAmounts({ unitFen: tier.fen, qtyMilli: qty });
      const { id } = await trx
        .insertInto('trade_orders')
        .values({
          rfq_id: rfqId,
          quote_id: quote.id,
          buyer_org_id: rfq.org_id,
          supplier_org_id: quote.org_id,
          net_fen: String(amounts.net),
          vat_fen: String(amounts.vat),
          gross_fen: String(amounts.gross),
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('trade_order_lines')
        .values({
          order_id: id,
          line_no: 1,
          description: rfq.title,
          quantity: formatQuantity(qty),
          unit: rfq.unit,
          unit_price_fen: String(tier.fen),
          net_fen: String(amounts.net),
          vat_fen: String(amounts.vat),
          gross_fen: String(amounts.gross),
        })
        .execute();
      await writeAudit(trx, actor, {
        action: 'trade.order.create',
        entity: 'trade_order',
        entityId: id,
        orgId: rfq.org_id,
        after: { rfqId, quoteId: quote.id, supplierOrgId: quote.org_id, quantity: formatQuantity(qty), gross: formatYuan(amounts.gross) },
      });
      ids.push(id);
    }
    await writeAudit(trx, actor, { action: 'trade.rfq.award', entity: 'trade_rfq', entityId: rfqId, orgId: rfq.org_id, after: { awards: input.awards, orders: ids } });
    return ids;
  });
  return (await listOrders(db, actor, rfqId)).filter((o) => orderIds.includes(o.id));
}
