import { sql } from 'kysely';
import { parseYuan } from '@gearbridge/contracts/trade';
import type { Actor } from '../../platform/authz';
import { localDay } from '../../platform/time';
import { awardRfq, markMilestone } from './orders.service';
import { lineReference, requestProduction } from './production.service';
import { issueCertificate } from './certificates.service';
import type { ModuleContext } from './db';

const DAY = 86_400_000;
/** The demo order's RFQ (its title finds it again at run time). */
export const DEMO_ORDER_TITLE = '变速箱齿轮 批量采购（演示订单）';

/** A demo user as the actor the services take (null when the demo's users are not there). */
export async function demoActor(ctx: ModuleContext, username: string, requestId: string): Promise<Actor | null> {
  const u = await ctx.db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.status', 'o.id as org_id', 'o.kind'])
    .where('u.username', '=', username)
    .executeTakeFirst();
  if (!u || u.status !== 'active') return null;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    orgKind: u.kind,
    platformAdmin: false,
    grants: await ctx.sessions.grantsOf(u.id),
    requestId,
    ip: null,
  };
}

/**
 * The demo's awarded order for a factory-made part, made through the services as their users would: 荆江半轴
 * (jingjiang.buyer) asked 綦江齿轮传动 for gears, its quote (gear.sales) is past the deadline; the buyer awards it
 * (order, default payment terms and milestones in one transaction), the plant's planner (gear.planner) confirms it and
 * sends the line to production in its own plant through the factory's public interface (a work order by the
 * factory's own rules, naming the buyer as its customer), releases it to its line in place of the order the line
 * ran, and marks production started. Its deliveries and certificate come at run time
 * (`certifyDemoOrder`), from what the plant ships.
 */
export async function seedDemoOrder(ctx: ModuleContext, org: (name: string) => string, quoter: string | null): Promise<void> {
  const { db } = ctx;
  const buyer = await demoActor(ctx, 'jingjiang.buyer', 'demo-seed');
  const planner = await demoActor(ctx, 'gear.planner', 'demo-seed');
  const factory = ctx.interfaces.factory;
  if (!buyer || !planner || !factory) return;
  const part = (await factory.partsOf(planner.orgId)).find((p) => p.lineCode);
  if (!part) return;
  const now = Date.now();
  const { rfqId, quoteId } = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('trade_rfqs')
      .values({
        org_id: buyer.orgId,
        title: DEMO_ORDER_TITLE,
        vertical: 'gear',
        attributes: JSON.stringify({}),
        quantity: '240',
        unit: 'piece',
        delivery_date: localDay(now + 21 * DAY),
        delivery_place: '荆江半轴 綦江厂区',
        visibility: 'invited',
        deadline: new Date(now - DAY),
        note: `${part.partNo} ${part.nameZh}`,
        created_by: buyer.userId,
        created_at: new Date(now - 6 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('trade_rfq_invites')
      .values({ rfq_id: id, org_id: org('綦江齿轮传动有限公司') })
      .execute();
    const quote = await trx
      .insertInto('trade_quotes')
      .values({ rfq_id: id, org_id: planner.orgId, lead_time_days: 14, valid_until: localDay(now + 30 * DAY), note: null, created_by: quoter })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('trade_quote_tiers')
      .values([
        { quote_id: quote.id, min_quantity: '0', unit_price_fen: String(parseYuan('236.50')) },
        { quote_id: quote.id, min_quantity: '200', unit_price_fen: String(parseYuan('228.00')) },
      ])
      .execute();
    return { rfqId: id, quoteId: quote.id };
  });
  const [order] = await awardRfq(db, buyer, rfqId, { awards: [{ quoteId, quantity: '240' }] });
  const seqOf = (kind: string) => order.milestones.find((m) => m.kind === kind)!.seq;
  await markMilestone(db, planner, order.id, seqOf('confirmed'), { note: null });
  await requestProduction(ctx, planner, order.id, { lineNo: 1, partNo: part.partNo });
  // A rush order: the planner puts it on its line at once (the order the line ran goes back to planned), so the
  // line's units are born into it, and the plant's logistics ships them to the buyer the request named.
  await factory.releaseForOrder(planner, { orgId: planner.orgId, reference: lineReference(order.id, 1), displace: true });
  await markMilestone(db, planner, order.id, seqOf('production_start'), { note: null });
}

/**
 * At run time in the demo: once the plant has shipped a delivery holding the demo order's part (the simulator's lines
 * and the demo's logistics clerk), its supplier certifies it through the certificate service (the factory read
 * through its public interface) and marks the order delivered. True once done (or when there is nothing to do).
 */
export async function certifyDemoOrder(ctx: ModuleContext): Promise<boolean> {
  const { db } = ctx;
  const factory = ctx.interfaces.factory;
  const planner = await demoActor(ctx, 'gear.planner', 'demo-certify');
  if (!factory || !planner) return true;
  const order = await db
    .selectFrom('trade_orders as od')
    .innerJoin('trade_rfqs as r', 'r.id', 'od.rfq_id')
    .innerJoin('trade_order_lines as l', 'l.order_id', 'od.id')
    .innerJoin('organisations as o', 'o.id', 'od.buyer_org_id')
    .select(['od.id', 'od.supplier_org_id', 'l.part_no', 'o.name as buyer_name'])
    .where('r.title', '=', DEMO_ORDER_TITLE)
    .where('od.supplier_org_id', '=', planner.orgId)
    .executeTakeFirst();
  if (!order?.part_no) return true;
  if (await db.selectFrom('trade_certificates').select('id').where('order_id', '=', order.id).executeTakeFirst()) return true;
  for (const d of await factory.deliveriesOf(order.supplier_org_id, 20)) {
    const quality = await factory.deliveryQuality(order.supplier_org_id, d.id);
    // Only a delivery the certificate service accepts for the order: shipped to its buyer, all of the order's part.
    if (!quality?.units.length || quality.delivery.customer.trim() !== order.buyer_name || !quality.units.every((u) => u.partNo === order.part_no)) continue;
    await issueCertificate(ctx, planner, order.id, d.id);
    const delivery = await db
      .selectFrom('trade_order_milestones')
      .select('seq')
      .where('order_id', '=', order.id)
      .where('kind', '=', 'delivery')
      .where('done_on', 'is', null)
      .executeTakeFirst();
    if (delivery) await markMilestone(db, planner, order.id, delivery.seq, { note: d.number });
    return true;
  }
  return false;
}

/** Whether the demo order exists and waits for its certificate (the run-time job is started only then). */
export const demoOrderWaiting = async (ctx: ModuleContext) =>
  !!(await ctx.db
    .selectFrom('trade_orders as od')
    .innerJoin('trade_rfqs as r', 'r.id', 'od.rfq_id')
    .select('od.id')
    .where('r.title', '=', DEMO_ORDER_TITLE)
    .where(sql<boolean>`not exists (select 1 from trade_certificates c where c.order_id = od.id)`)
    .executeTakeFirst());
