import { createHash, randomBytes } from 'node:crypto';
import { lockKey } from '../../platform/db';
import { sql, type SqlBool } from 'kysely';
import type { PlantDelivery } from '@gearbridge/contracts/factory/interface';
import type { Certificate, CertificateSummary, CertificateVerification } from '@gearbridge/contracts/trade';
import { can, scopeOf, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../../platform/errors';
import { localDay } from '../../platform/time';
import { TP } from './permissions';
import { m } from './messages';
import { visibleOrder } from './production.service';
import { buyerSideSql } from './rfqs.service';
import type { DB, ModuleContext } from './db';

/** The plant's latest deliveries, to certify one against the order (the order's supplier). */
export async function orderDeliveries(ctx: ModuleContext, actor: Actor, orderId: string): Promise<PlantDelivery[]> {
  const order = await visibleOrder(ctx.db, actor, orderId);
  if (!order.is_supplier) throw forbidden(m('trade.production.supplier_only'));
  return (await ctx.interfaces.factory?.deliveriesOf(order.supplier_org_id, 50)) ?? [];
}

function certificateQuery(db: DB, actor: Actor) {
  const supplier = can(actor, TP.sell) ? sql<SqlBool>`c.supplier_org_id = ${actor.orgId}` : sql<SqlBool>`false`;
  return db
    .selectFrom('trade_certificates as c')
    .innerJoin('organisations as o', 'o.id', 'c.buyer_org_id')
    .innerJoin('organisations as so', 'so.id', 'c.supplier_org_id')
    .selectAll('c')
    .select(['o.name as buyer_name', 'so.name as supplier_name'])
    .where(sql<SqlBool>`(${buyerSideSql(actor)} or ${supplier})`);
}
type Row = Awaited<ReturnType<ReturnType<typeof certificateQuery>['executeTakeFirstOrThrow']>>;
const summary = (r: Row): CertificateSummary => ({
  id: r.id,
  number: r.number,
  orderId: r.order_id,
  buyerName: r.buyer_name,
  supplierName: r.supplier_name,
  deliveryNumber: r.delivery_number,
  units: r.units,
  partNos: [...new Set(r.content.units.map((u) => u.partNo))].sort(),
  sha256: r.sha256,
  issuedAt: new Date(r.issued_at).toISOString(),
  withdrawn: r.withdrawn_at && r.withdrawn_reason ? { at: new Date(r.withdrawn_at).toISOString(), reason: r.withdrawn_reason } : null,
});

/**
 * The supplier issues the certificate of one of its plant's deliveries against the order: the delivery's units and
 * their results as the factory's interface reports them now, frozen with their SHA-256 and a random verification
 * token. Once per order and delivery.
 */
export async function issueCertificate(ctx: ModuleContext, actor: Actor, orderId: string, deliveryId: string): Promise<Certificate> {
  const { db } = ctx;
  const order = await visibleOrder(db, actor, orderId);
  if (!order.is_supplier) throw forbidden(m('trade.production.supplier_only'));
  const factory = ctx.interfaces.factory;
  if (!factory) throw unprocessable(m('trade.production.unavailable'));
  const content = await factory.deliveryQuality(order.supplier_org_id, deliveryId);
  const fail = (key: Parameters<typeof m>[0]): never => {
    throw invalid(m('trade.certificate.invalid_fields', { fields: 'deliveryId' }), { deliveryId: m(key as 'trade.field.unknown_delivery') });
  };
  if (!content) return fail('trade.field.unknown_delivery');
  if (!content.units.length) fail('trade.field.delivery_empty');
  // The delivery must be this order's: shipped to its buyer, every unit of a part the order put into production.
  const parts = (await db.selectFrom('trade_order_lines').select('part_no').where('order_id', '=', orderId).execute()).map((l) => l.part_no).filter((p): p is string => !!p);
  if (!parts.length) fail('trade.field.order_not_in_production');
  if (!content.units.every((u) => parts.includes(u.partNo))) fail('trade.field.delivery_other_part');
  if (content.delivery.customer.trim() !== order.buyer_name) fail('trade.field.delivery_other_customer');
  const id = await db.transaction().execute(async (trx) => {
    // Numbers are counted per day and a delivery is certified once: both under one lock, so two at once cannot
    // take the same number or certify one delivery twice (unique indexes stand behind it).
    await lockKey(trx, 'trade.certificate.issue');
    const taken = await trx
      .selectFrom('trade_certificates')
      .select('number')
      .where('delivery_id', '=', deliveryId)
      // One that stands, on any order; a withdrawn one on this order too (an order's delivery is certified once).
      .where((eb) => eb.or([eb('withdrawn_at', 'is', null), eb('order_id', '=', orderId)]))
      .executeTakeFirst();
    if (taken) throw conflict(m('trade.certificate.exists', { number: taken.number }));
    const day = localDay().replaceAll('-', '');
    const { n } = await trx.selectFrom('trade_certificates').select(sql<number>`count(*)::int`.as('n')).where('number', 'like', `QC-${day}-%`).executeTakeFirstOrThrow();
    const number = `QC-${day}-${String(Number(n) + 1).padStart(4, '0')}`;
    const json = JSON.stringify(content);
    const row = await trx
      .insertInto('trade_certificates')
      .values({
        number,
        order_id: orderId,
        buyer_org_id: order.buyer_org_id,
        supplier_org_id: order.supplier_org_id,
        delivery_id: deliveryId,
        delivery_number: content.delivery.number,
        units: content.units.length,
        content: json,
        sha256: createHash('sha256').update(json).digest('hex'),
        verify_token: randomBytes(16).toString('base64url'),
        issued_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'trade.certificate.issue',
      entity: 'trade_certificate',
      entityId: row.id,
      orgId: order.supplier_org_id,
      after: { number, orderId, delivery: content.delivery.number, units: content.units.length },
    });
    return row.id;
  });
  return getCertificate(db, actor, id);
}

export async function listCertificates(db: DB, actor: Actor, orderId: string): Promise<CertificateSummary[]> {
  await visibleOrder(db, actor, orderId);
  // The ones that stand first; a withdrawn one stays listed, marked, below them.
  return (await certificateQuery(db, actor).where('c.order_id', '=', orderId).orderBy(sql`c.withdrawn_at is not null`).orderBy('c.issued_at', 'desc').execute()).map(summary);
}

export async function getCertificate(db: DB, actor: Actor, id: string): Promise<Certificate> {
  scopeOf(actor, TP.read);
  const r = await certificateQuery(db, actor).where('c.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(m('trade.certificate.not_found'));
  return { ...summary(r), verifyToken: r.verify_token, content: r.content };
}

/**
 * The page the certificate's QR code opens: whoever holds the token (signed in) sees that it is genuine and what
 * it covers — its number, parties, delivery, parts, serials and content hash; the measurements stay with the parties.
 */
export async function verifyCertificate(db: DB, token: string): Promise<CertificateVerification> {
  const r = await db
    .selectFrom('trade_certificates as c')
    .innerJoin('organisations as o', 'o.id', 'c.buyer_org_id')
    .innerJoin('organisations as so', 'so.id', 'c.supplier_org_id')
    .selectAll('c')
    .select(['o.name as buyer_name', 'so.name as supplier_name'])
    .where('c.verify_token', '=', token)
    .executeTakeFirst();
  if (!r) throw notFound(m('trade.certificate.not_found'));
  return { ...summary(r), serials: r.content.units.map((u) => u.serial) };
}
