import { sql, type SqlBool } from 'kysely';
import {
  CONFIRM_DAYS,
  DEFAULT_ACCEPTANCE_DAYS,
  DEFAULT_PAYMENT_TERMS,
  MILESTONE_PARTY,
  PAYMENT_TRIGGER,
  formatPercent,
  formatQuantity,
  formatYuan,
  lineAmounts,
  parseQuantity,
  splitByPercents,
  tierFor,
  type AwardInput,
  type Milestone,
  type MilestoneDoneInput,
  type MilestoneKind,
  type Order,
  type PaymentKind,
} from '@gearbridge/contracts/trade';
import { can, scopeOf, type Actor } from '../../platform/authz';
import { containing } from '../../platform/db';
import { writeAudit } from '../../platform/audit';
import { conflict, forbidden, invalid, notFound, type Msg } from '../../platform/errors';
import { localDay } from '../../platform/time';
import { TP } from './permissions';
import { checkTerms, type Terms } from './payment-terms';
import { m } from './messages';
import { buyerSideSql } from './rfqs.service';
import type { DB, Transaction } from './db';

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
      'r.vertical',
      'r.delivery_place',
    ])
    .select([
      sql<string>`od.net_fen::text`.as('net'),
      sql<string>`od.vat_fen::text`.as('vat'),
      sql<string>`od.gross_fen::text`.as('gross'),
      sql<string>`to_char(r.delivery_date, 'YYYY-MM-DD')`.as('delivery_date'),
      sql<boolean>`${buyerSideSql(actor)}`.as('is_buyer'),
      sql<boolean>`${can(actor, TP.sell) ? sql<SqlBool>`od.supplier_org_id = ${actor.orgId}` : sql<SqlBool>`false`}`.as('is_supplier'),
    ])
    .where(sql<SqlBool>`(${buyerSideSql(actor)} or ${supplier})`);
}

/** The milestone that must be done before this one (null: none). */
function prerequisite(kind: MilestoneKind, termKind: PaymentKind | null): MilestoneKind | null {
  if (kind === 'payment') return PAYMENT_TRIGGER[termKind!];
  return ({ confirmed: null, production_start: 'confirmed', delivery: 'confirmed', acceptance: 'delivery' } as const)[kind];
}

/** yyyy-mm-dd plus n days. */
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function withLines(db: DB, actor: Actor, rows: Awaited<ReturnType<ReturnType<typeof ordersQuery>['execute']>>): Promise<Order[]> {
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
  const ids = rows.map((r) => r.id);
  const terms = await db
    .selectFrom('trade_order_payment_terms')
    .select(['order_id', 'seq', 'kind', 'percent_bp', 'days', sql<string>`amount_fen::text`.as('amount')])
    .where('order_id', 'in', ids)
    .orderBy('seq')
    .execute();
  const milestones = await db
    .selectFrom('trade_order_milestones as ms')
    .leftJoin('users as u', 'u.id', 'ms.done_by')
    .select(['ms.order_id', 'ms.seq', 'ms.kind', 'ms.term_seq', 'ms.done_at', 'ms.note', 'u.display_name'])
    .select([sql<string>`to_char(ms.due_date, 'YYYY-MM-DD')`.as('due'), sql<string | null>`to_char(ms.done_on, 'YYYY-MM-DD')`.as('done_on')])
    .where('ms.order_id', 'in', ids)
    .orderBy('ms.seq')
    .execute();
  const y = (fen: string) => formatYuan(BigInt(fen));
  const milestonesOf = (r: (typeof rows)[number]): Milestone[] => {
    const own = milestones.filter((x) => x.order_id === r.id);
    const ownTerms = terms.filter((x) => x.order_id === r.id);
    const done = new Set(own.filter((x) => x.done_on).map((x) => x.kind));
    return own.map((x) => {
      const term = x.term_seq === null ? undefined : ownTerms.find((tm) => tm.seq === x.term_seq);
      const party = MILESTONE_PARTY[x.kind];
      const before = prerequisite(x.kind, term?.kind ?? null);
      const mine = party === 'buyer' ? r.is_buyer && can(actor, TP.buy) : r.is_supplier;
      return {
        seq: x.seq,
        kind: x.kind,
        termSeq: x.term_seq,
        amount: term ? y(term.amount) : null,
        dueDate: x.due,
        doneOn: x.done_on,
        doneAt: x.done_at ? new Date(x.done_at).toISOString() : null,
        doneByName: x.done_on ? x.display_name : null,
        note: x.note,
        party,
        mayMark: r.status === 'open' && !!mine && !x.done_on && (!before || done.has(before)),
      };
    });
  };
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
    vertical: r.vertical,
    deliveryDate: r.delivery_date,
    deliveryPlace: r.delivery_place,
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
    paymentTerms: terms.filter((x) => x.order_id === r.id).map((x) => ({ seq: x.seq, kind: x.kind, percent: formatPercent(x.percent_bp), days: x.days, amount: y(x.amount) })),
    milestones: milestonesOf(r),
    side: r.is_buyer ? 'buyer' : 'supplier',
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** A page of the caller's orders (its buying side's and its own organisation's as supplier), newest first. */
export async function listOrders(db: DB, actor: Actor, filter: { rfqId?: string; status?: Order['status']; q?: string; page?: number; pageSize?: number } = {}) {
  scopeOf(actor, TP.read);
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 20;
  let q = ordersQuery(db, actor);
  if (filter.rfqId) q = q.where('od.rfq_id', '=', filter.rfqId);
  if (filter.status) q = q.where('od.status', '=', filter.status);
  if (filter.q) {
    const t = containing(filter.q);
    q = q.where((eb) => eb.or([eb('r.title', 'ilike', t), eb('o.name', 'ilike', t), eb('so.name', 'ilike', t)]));
  }
  const [{ total }, rows] = await Promise.all([
    q.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    q
      .orderBy('od.created_at', 'desc')
      .orderBy('so.name')
      .orderBy('od.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items: await withLines(db, actor, rows), total, page, pageSize };
}

/** One order, to its buying side and its supplier; anyone else 404 (another supplier never learns it exists). */
export async function getOrder(db: DB, actor: Actor, id: string): Promise<Order> {
  scopeOf(actor, TP.read);
  const [order] = await withLines(db, actor, await ordersQuery(db, actor).where('od.id', '=', id).execute());
  if (!order) throw notFound(m('trade.order.not_found'));
  return order;
}

/** The award's payment terms checked (one per kind, adding up to 100 % exactly): a 400 with the field errors. */
function checkedTerms(given: AwardInput['paymentTerms'] & object): Terms {
  const { terms, fields } = checkTerms(given);
  if (Object.keys(fields).length) throw invalid(m('trade.award.invalid_fields', { fields: Object.keys(fields).join(', ') }), fields);
  return terms;
}

/**
 * An order's payment terms and milestones, in the award's transaction. Due dates: confirmed CONFIRM_DAYS after the
 * award; production start the lead time before the delivery date (not before the confirmation); delivery on the
 * RFQ's date; acceptance `acceptanceDays` after it; each payment its term's days after the milestone it hangs on.
 * The terms' amounts split the order's gross by the splitting rule (exact, summing to the gross).
 */
async function writeSchedule(
  trx: Transaction,
  orderId: string,
  grossFen: bigint,
  terms: { kind: PaymentKind; bp: number; days: number }[],
  s: { awardDay: string; deliveryDate: string; leadTimeDays: number; acceptanceDays: number },
) {
  const amounts = splitByPercents(
    grossFen,
    terms.map((x) => x.bp),
  );
  await trx
    .insertInto('trade_order_payment_terms')
    .values(terms.map((x, i) => ({ order_id: orderId, seq: i + 1, kind: x.kind, percent_bp: x.bp, days: x.days, amount_fen: String(amounts[i]) })))
    .execute();
  const confirmed = addDays(s.awardDay, CONFIRM_DAYS);
  const start = addDays(s.deliveryDate, -s.leadTimeDays);
  const due: Record<Exclude<MilestoneKind, 'payment'>, string> = {
    confirmed,
    production_start: start < confirmed ? confirmed : start,
    delivery: s.deliveryDate,
    acceptance: addDays(s.deliveryDate, s.acceptanceDays),
  };
  const kinds = ['confirmed', 'production_start', 'delivery', 'acceptance'] as const;
  await trx
    .insertInto('trade_order_milestones')
    .values([
      ...kinds.map((kind, i) => ({ order_id: orderId, seq: i + 1, kind, term_seq: null, due_date: due[kind] })),
      ...terms.map((x, i) => ({
        order_id: orderId,
        seq: kinds.length + i + 1,
        kind: 'payment' as const,
        term_seq: i + 1,
        due_date: addDays(due[PAYMENT_TRIGGER[x.kind]], x.days),
      })),
    ])
    .execute();
  return amounts;
}

/**
 * The buyer awards an RFQ after its deadline (trade.buy over the buyer): each award gives a quote's supplier one
 * order, its line at the quote's tier for the awarded quantity, amounts exact (half-up per line). The RFQ is locked,
 * every award checked and every order written in ONE transaction: any bad award leaves nothing written.
 */
export async function awardRfq(db: DB, actor: Actor, rfqId: string, input: AwardInput): Promise<Order[]> {
  if (!can(actor, TP.buy)) throw forbidden();
  // The buyer's terms at the award; without them, those the RFQ asked for (checked when it was posted), else the default.
  const given = input.paymentTerms ? checkedTerms(input.paymentTerms) : null;
  const acceptanceDays = input.acceptanceDays ?? DEFAULT_ACCEPTANCE_DAYS;
  const orderIds = await db.transaction().execute(async (trx) => {
    const rfq = await trx
      .selectFrom('trade_rfqs as r')
      .innerJoin('organisations as o', 'o.id', 'r.org_id')
      .select([
        'r.id',
        'r.org_id',
        'r.title',
        'r.unit',
        'r.awarded_at',
        'r.cancelled_at',
        'r.payment_terms',
        sql<string>`r.quantity::text`.as('qty'),
        sql<boolean>`r.deadline <= now()`.as('closed'),
        sql<string>`to_char(r.delivery_date, 'YYYY-MM-DD')`.as('delivery_date'),
      ])
      .where('r.id', '=', rfqId)
      .where(buyerSideSql(actor))
      .forUpdate('r')
      .executeTakeFirst();
    if (!rfq) throw notFound(m('trade.rfq.not_found'));
    if (rfq.cancelled_at) throw forbidden(m('trade.rfq.cancelled'));
    if (!rfq.closed) throw forbidden(m('trade.award.not_closed'));
    if (rfq.awarded_at) throw conflict(m('trade.award.already'));
    const terms = given ?? (rfq.payment_terms as Terms | null) ?? checkedTerms(DEFAULT_PAYMENT_TERMS);
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
        .select(['id', 'org_id', 'lead_time_days', sql<string>`to_char(valid_until, 'YYYY-MM-DD')`.as('valid_until')])
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
      const shares = await writeSchedule(trx, id, amounts.gross, terms, { awardDay: today, deliveryDate: rfq.delivery_date, leadTimeDays: quote.lead_time_days, acceptanceDays });
      await writeAudit(trx, actor, {
        action: 'trade.order.create',
        entity: 'trade_order',
        entityId: id,
        orgId: rfq.org_id,
        after: {
          rfqId,
          quoteId: quote.id,
          supplierOrgId: quote.org_id,
          quantity: formatQuantity(qty),
          gross: formatYuan(amounts.gross),
          paymentTerms: terms.map((x, i) => ({ kind: x.kind, percent: formatPercent(x.bp), days: x.days, amount: formatYuan(shares[i]) })),
          acceptanceDays,
        },
      });
      ids.push(id);
    }
    await writeAudit(trx, actor, { action: 'trade.rfq.award', entity: 'trade_rfq', entityId: rfqId, orgId: rfq.org_id, after: { awards: input.awards, orders: ids } });
    return ids;
  });
  const written = await ordersQuery(db, actor).where('od.id', 'in', orderIds).orderBy('so.name').execute();
  return withLines(db, actor, written);
}

/**
 * The right party marks a milestone done (MILESTONE_PARTY: the supplier with trade.sell its confirmation, production
 * start and delivery; the buying side with trade.buy acceptance and payments), once, after the milestone it follows,
 * on a day not in the future nor before the order. Audited; the order is completed with its last milestone.
 */
export async function markMilestone(db: DB, actor: Actor, orderId: string, seq: number, input: MilestoneDoneInput): Promise<Order> {
  scopeOf(actor, TP.read);
  const today = localDay();
  await db.transaction().execute(async (trx) => {
    const order = await ordersQuery(trx, actor).where('od.id', '=', orderId).forUpdate('od').executeTakeFirst();
    if (!order) throw notFound(m('trade.order.not_found'));
    const rows = await trx
      .selectFrom('trade_order_milestones as ms')
      .leftJoin('trade_order_payment_terms as pt', (j) => j.onRef('pt.order_id', '=', 'ms.order_id').onRef('pt.seq', '=', 'ms.term_seq'))
      .select(['ms.seq', 'ms.kind', 'pt.kind as term_kind', sql<string>`pt.amount_fen::text`.as('amount')])
      .select(sql<string | null>`to_char(ms.done_on, 'YYYY-MM-DD')`.as('done_on'))
      .where('ms.order_id', '=', orderId)
      .execute();
    const ms = rows.find((x) => x.seq === seq);
    if (!ms) throw notFound(m('trade.milestone.not_found'));
    const party = MILESTONE_PARTY[ms.kind];
    if (party === 'buyer' && !(order.is_buyer && can(actor, TP.buy))) throw forbidden(m('trade.milestone.buyer_only'));
    if (party === 'supplier' && !order.is_supplier) throw forbidden(m('trade.milestone.supplier_only'));
    if (order.status !== 'open') throw conflict(m('trade.order.not_open'));
    if (ms.done_on) throw conflict(m('trade.milestone.already_done', { date: ms.done_on }));
    const before = prerequisite(ms.kind, ms.term_kind);
    if (before && !rows.some((x) => x.kind === before && x.done_on)) throw conflict(m('trade.milestone.not_ready'));
    const doneOn = input.doneOn ?? today;
    const orderDay = localDay(new Date(order.created_at).getTime());
    if (doneOn > today) throw invalid(m('trade.milestone.invalid_fields', { fields: 'doneOn' }), { doneOn: m('trade.field.in_future') });
    if (doneOn < orderDay) throw invalid(m('trade.milestone.invalid_fields', { fields: 'doneOn' }), { doneOn: m('trade.field.done_before_order', { date: orderDay }) });
    // Not before the milestone it follows: acceptance after delivery, the retention payment after acceptance.
    const after = before ? rows.find((x) => x.kind === before && x.done_on)?.done_on : null;
    if (after && doneOn < after) throw invalid(m('trade.milestone.invalid_fields', { fields: 'doneOn' }), { doneOn: m('trade.field.done_before_previous', { date: after }) });
    const note = input.note || null;
    await trx
      .updateTable('trade_order_milestones')
      .set({ done_on: doneOn, done_at: sql`now()`, done_by: actor.userId, note })
      .where('order_id', '=', orderId)
      .where('seq', '=', seq)
      .execute();
    const completed = rows.every((x) => x.seq === seq || x.done_on);
    if (completed) await trx.updateTable('trade_orders').set({ status: 'completed' }).where('id', '=', orderId).execute();
    await writeAudit(trx, actor, {
      action: 'trade.order.milestone',
      entity: 'trade_order',
      entityId: orderId,
      orgId: party === 'buyer' ? order.buyer_org_id : order.supplier_org_id,
      before: { seq, kind: ms.kind, doneOn: null },
      after: {
        seq,
        kind: ms.kind,
        doneOn,
        note,
        ...(ms.term_kind && { payment: ms.term_kind, amount: formatYuan(BigInt(ms.amount!)) }),
        ...(completed && { orderStatus: 'completed' }),
      },
    });
  });
  return getOrder(db, actor, orderId);
}
