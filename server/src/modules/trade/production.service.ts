import { sql, type SqlBool } from 'kysely';
import type { FactoryPart } from '@gearbridge/contracts/factory/interface';
import { parseQuantity, type OrderProduction, type ProductionInput } from '@gearbridge/contracts/trade';
import { can, scopeOf, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../../platform/errors';
import { TP } from './permissions';
import { m } from './messages';
import { buyerSideSql } from './rfqs.service';
import type { DB, ModuleContext } from './db';

/** The reference a line's work order carries in the plant: the idempotency key of the request. */
export const lineReference = (orderId: string, lineNo: number) => `trade:order:${orderId}:${lineNo}`;

/** The order as the caller sees it (buyer side, or its own organisation as the supplier), or 404. */
export async function visibleOrder(db: DB, actor: Actor, id: string) {
  scopeOf(actor, TP.read);
  const supplier = can(actor, TP.sell) ? sql<SqlBool>`od.supplier_org_id = ${actor.orgId}` : sql<SqlBool>`false`;
  const order = await db
    .selectFrom('trade_orders as od')
    .innerJoin('trade_rfqs as r', 'r.id', 'od.rfq_id')
    .innerJoin('organisations as o', 'o.id', 'od.buyer_org_id')
    .select(['od.id', 'od.status', 'od.supplier_org_id', 'od.buyer_org_id', 'o.name as buyer_name', 'r.title', sql<string>`to_char(r.delivery_date, 'YYYY-MM-DD')`.as('delivery')])
    .select(sql<boolean>`${supplier}`.as('is_supplier'))
    .where('od.id', '=', id)
    .where(sql<SqlBool>`(${buyerSideSql(actor)} or ${supplier})`)
    .executeTakeFirst();
  if (!order) throw notFound(m('trade.order.not_found'));
  return order;
}

const factoryOf = (ctx: ModuleContext) => ctx.interfaces.factory;

/** The parts the supplier's own plant makes, to link an order line to (the order's supplier only). */
export async function supplierParts(ctx: ModuleContext, actor: Actor, orderId: string): Promise<FactoryPart[]> {
  const order = await visibleOrder(ctx.db, actor, orderId);
  if (!order.is_supplier) throw forbidden(m('trade.production.supplier_only'));
  return (await factoryOf(ctx)?.partsOf(order.supplier_org_id)) ?? [];
}

/**
 * The order's supplier asks its plant for a work order for one line: whole pieces of a part it makes, due on the
 * RFQ's delivery date unless given. Through the factory's public interface, as the caller — the factory's own rules
 * apply (factory.plan in its own plant). A retry answers the same work order: the line's reference is the key.
 */
export async function requestProduction(ctx: ModuleContext, actor: Actor, orderId: string, input: ProductionInput): Promise<OrderProduction> {
  const { db } = ctx;
  const order = await visibleOrder(db, actor, orderId);
  if (!order.is_supplier) throw forbidden(m('trade.production.supplier_only'));
  if (order.status !== 'open') throw conflict(m('trade.production.order_not_open'));
  const factory = factoryOf(ctx);
  if (!factory) throw unprocessable(m('trade.production.unavailable'));
  const line = await db
    .selectFrom('trade_order_lines')
    .select(['line_no', 'unit', 'part_no', sql<string>`quantity::text`.as('qty')])
    .where('order_id', '=', orderId)
    .where('line_no', '=', input.lineNo)
    .executeTakeFirst();
  if (!line) throw invalid(m('trade.production.invalid_fields', { fields: 'lineNo' }), { lineNo: m('trade.field.unknown_line') });
  const milli = parseQuantity(line.qty)!;
  if (line.unit !== 'piece' || milli % 1000n !== 0n) throw invalid(m('trade.production.invalid_fields', { fields: 'lineNo' }), { lineNo: m('trade.field.whole_pieces') });
  if (line.part_no && line.part_no !== input.partNo)
    throw conflict(m('trade.production.linked_other', { partNo: line.part_no }), { partNo: m('trade.production.linked_other', { partNo: line.part_no }) });
  const reference = lineReference(orderId, input.lineNo);
  const { created, progress } = await factory.workOrderForOrder(actor, {
    orgId: order.supplier_org_id,
    partNo: input.partNo,
    qty: Number(milli / 1000n),
    dueDate: input.dueDate ?? order.delivery,
    reference,
    note: `${order.title} · ${order.buyer_name}`.slice(0, 500),
    // The plant learns whom the order is for: its logistics ships the work order's units to the buyer.
    customer: order.buyer_name,
  });
  // The line records the link once; a retry after a failure here finds the work order the first call made.
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('trade_order_lines')
      .set({ part_no: input.partNo, production_ref: reference, production_requested_at: sql`now()`, production_requested_by: actor.userId })
      .where('order_id', '=', orderId)
      .where('line_no', '=', input.lineNo)
      .where('production_ref', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) || created)
      await writeAudit(trx, actor, {
        action: 'trade.order.production',
        entity: 'trade_order',
        entityId: orderId,
        orgId: order.supplier_org_id,
        after: { lineNo: input.lineNo, partNo: input.partNo, workOrder: progress.number, qty: progress.qty, dueDate: progress.dueDate },
      });
  });
  return orderProduction(ctx, actor, orderId);
}

/** Production of the order's lines, read through the factory's interface: the buyer side and the supplier see it. */
export async function orderProduction(ctx: ModuleContext, actor: Actor, orderId: string): Promise<OrderProduction> {
  const { db } = ctx;
  const order = await visibleOrder(db, actor, orderId);
  const lines = await db
    .selectFrom('trade_order_lines')
    .select(['line_no', 'part_no', 'production_ref', 'production_requested_at'])
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
  const factory = factoryOf(ctx);
  const refs = lines.map((l) => l.production_ref).filter((r): r is string => !!r);
  const progress = factory ? await factory.progressByReference(order.supplier_org_id, refs) : [];
  return {
    available: !!factory,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      partNo: l.part_no,
      reference: l.production_ref,
      requestedAt: l.production_requested_at ? new Date(l.production_requested_at).toISOString() : null,
      progress: progress.find((p) => p.reference === l.production_ref) ?? null,
    })),
  };
}
