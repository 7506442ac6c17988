import { sql, type RawBuilder, type SqlBool } from 'kysely';
import {
  formatQuantity,
  formatYuan,
  lineAmounts,
  parseQuantity,
  parseYuan,
  tierFor,
  VERTICAL_UNIT,
  type CancelInput,
  type Quote,
  type QuoteInput,
  type Rfq,
} from '@gearbridge/contracts/trade';
import type { z } from 'zod';
import { can, orgInScopeSql, scopeOf, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { conflict, forbidden, invalid, notFound, type Msg } from '../../platform/errors';
import { containing } from '../../platform/db';
import { localDay } from '../../platform/time';
import { TP } from './permissions';
import { m } from './messages';
import { checkAttributes } from './attributes';
import { checkTerms, termsOut } from './payment-terms';
import type { DB } from './db';

type Input = z.output<typeof import('@gearbridge/contracts/trade').RfqInput>;
type Query = z.output<typeof import('@gearbridge/contracts/trade').RfqQuery>;
const FALSE = sql<SqlBool>`false`;

/** The RFQ's buyer is on the caller's buying side (alias o: the buyer organisation). */
export function buyerSideSql(actor: Actor): RawBuilder<SqlBool> {
  return can(actor, TP.buy) ? orgInScopeSql(scopeOf(actor, TP.buy), 'o') : FALSE;
}
/** The caller operates the platform over the buyer (alias o). */
function operatorSql(actor: Actor): RawBuilder<SqlBool> {
  return can(actor, TP.operate) ? orgInScopeSql(scopeOf(actor, TP.operate), 'o') : FALSE;
}
/** The caller's own organisation may quote on the RFQ (alias r): invited, or the RFQ is open — never its own. */
export function supplierSideSql(actor: Actor): RawBuilder<SqlBool> {
  if (!can(actor, TP.quote)) return FALSE;
  return sql<SqlBool>`(r.org_id <> ${actor.orgId} and (r.visibility = 'open'
    or exists (select 1 from trade_rfq_invites i where i.rfq_id = r.id and i.org_id = ${actor.orgId})))`;
}

/**
 * The RFQ's quotes are unsealed (alias r): its deadline has passed, and not after a cancel — an RFQ cancelled
 * before its deadline keeps its quotes sealed for ever (docs/trade.md, "Cancelling an RFQ").
 */
export const unsealedSql = sql<SqlBool>`(r.deadline <= now() and (r.cancelled_at is null or r.cancelled_at >= r.deadline))`;

/**
 * THE SEALING RULE, the one condition every route that returns a quote applies in SQL (alias q: the quote, r: its
 * RFQ, o: the buyer): the quote's own supplier organisation always reads it; the buying side reads it once the
 * RFQ's deadline has passed (and the RFQ was not cancelled before it); nobody else, ever — not another supplier, not
 * the operator, not the buyer before it.
 */
export function quoteReadableSql(actor: Actor): RawBuilder<SqlBool> {
  return sql<SqlBool>`((${can(actor, TP.quote)} and q.org_id = ${actor.orgId}) or (${unsealedSql} and ${buyerSideSql(actor)}))`;
}

function rfqQuery(db: DB, actor: Actor) {
  const buyer = buyerSideSql(actor);
  const operator = operatorSql(actor);
  return db
    .selectFrom('trade_rfqs as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .selectAll('r')
    .select('o.name as buyer_name')
    .select(sql<string>`r.quantity::text`.as('quantity_text'))
    .select(sql<string>`to_char(r.delivery_date, 'YYYY-MM-DD')`.as('delivery_day'))
    .select(sql<boolean>`${buyer}`.as('buyer_side'))
    .select(sql<boolean>`${operator}`.as('operator_side'))
    .select(sql<boolean>`r.deadline <= now()`.as('past_deadline'))
    .select(sql<boolean>`exists (select 1 from trade_quotes q where q.rfq_id = r.id and q.org_id = ${actor.orgId})`.as('quoted'))
    .select(sql<boolean>`exists (select 1 from trade_rfq_round_suppliers rs where rs.rfq_id = r.id and rs.round = r.round and rs.org_id = ${actor.orgId})`.as('in_round'))
    .select(sql<number | null>`case when ${unsealedSql} and ${buyer} then (select count(*)::int from trade_quotes q where q.rfq_id = r.id) end`.as('quote_count'))
    .select(
      sql<{ orgId: string; name: string }[]>`coalesce((select json_agg(json_build_object('orgId', io.id, 'name', io.name) order by io.name)
        from trade_rfq_invites i join organisations io on io.id = i.org_id
        where i.rfq_id = r.id and (${buyer} or ${operator} or i.org_id = ${actor.orgId})), '[]'::json)`.as('invited'),
    )
    .where(sql<SqlBool>`(${buyer} or ${operator} or ${supplierSideSql(actor)})`);
}
type Row = Awaited<ReturnType<ReturnType<typeof rfqQuery>['executeTakeFirstOrThrow']>>;

function toRfq(r: Row, actor: Actor): Rfq {
  return {
    id: r.id,
    orgId: r.org_id,
    buyerName: r.buyer_name,
    title: r.title,
    vertical: r.vertical,
    attributes: r.attributes,
    quantity: formatQuantity(parseQuantity(r.quantity_text)!),
    unit: r.unit,
    deliveryDate: r.delivery_day,
    deliveryPlace: r.delivery_place,
    visibility: r.visibility,
    invited: r.invited,
    deadline: new Date(r.deadline).toISOString(),
    status: r.cancelled_at ? 'cancelled' : r.awarded_at ? 'awarded' : r.past_deadline ? 'closed' : 'open',
    cancelledAt: r.cancelled_at ? new Date(r.cancelled_at).toISOString() : null,
    cancelReason: r.cancel_reason,
    note: r.note,
    paymentTerms: r.payment_terms ? termsOut(r.payment_terms) : null,
    own: r.org_id === actor.orgId,
    quoted: r.quoted,
    round: r.round,
    inRound: r.round > 1 && !r.buyer_side && !r.operator_side ? r.in_round : null,
    quoteCount: r.quote_count,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** RFQs the caller sees (trade.read): its buying side's, those its organisation may quote on, and the operator's region. */
export async function listRfqs(db: DB, actor: Actor, q: Query) {
  scopeOf(actor, TP.read);
  let s = rfqQuery(db, actor);
  if (q.vertical) s = s.where('r.vertical', '=', q.vertical);
  if (q.view === 'own') s = s.where(buyerSideSql(actor));
  if (q.view === 'quotable') s = s.where(supplierSideSql(actor)).where(sql<SqlBool>`r.deadline > now() and r.cancelled_at is null`);
  if (q.status === 'open') s = s.where(sql<SqlBool>`r.deadline > now() and r.cancelled_at is null`);
  if (q.status === 'closed') s = s.where(sql<SqlBool>`r.deadline <= now() and r.cancelled_at is null and r.awarded_at is null`);
  if (q.status === 'awarded') s = s.where('r.awarded_at', 'is not', null);
  if (q.status === 'cancelled') s = s.where('r.cancelled_at', 'is not', null);
  if (q.q) {
    const t = containing(q.q);
    s = s.where((eb) => eb.or([eb('r.title', 'ilike', t), eb('o.name', 'ilike', t), eb('r.delivery_place', 'ilike', t)]));
  }
  const [{ total }, rows] = await Promise.all([
    s.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    s
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
  ]);
  return { items: rows.map((r) => toRfq(r, actor)), total, page: q.page, pageSize: q.pageSize };
}

export async function getRfq(db: DB, actor: Actor, id: string): Promise<Rfq> {
  scopeOf(actor, TP.read);
  const r = await rfqQuery(db, actor).where('r.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(m('trade.rfq.not_found'));
  return toRfq(r, actor);
}

/** A buyer posts an RFQ for its own organisation (trade.buy); quotes stay sealed until its deadline. */
export async function createRfq(db: DB, actor: Actor, input: Input): Promise<Rfq> {
  if (!can(actor, TP.buy)) throw forbidden();
  const errors: Record<string, Msg> = {};
  const attrs = checkAttributes(input.vertical, input.attributes, true);
  if (!attrs.ok) Object.assign(errors, attrs.errors);
  const deadline = new Date(input.deadline);
  if (deadline.getTime() <= Date.now()) errors.deadline = m('trade.field.deadline_past');
  else if (input.deliveryDate < localDay(deadline.getTime())) errors.deliveryDate = m('trade.field.delivery_before_deadline');
  const invited = [...new Set(input.invitedOrgIds)];
  if (input.visibility === 'invited' && !invited.length) errors.invitedOrgIds = m('trade.field.invite_required');
  if (invited.includes(actor.orgId)) errors.invitedOrgIds = m('trade.field.own_org');
  else if (invited.length) {
    const found = await db.selectFrom('organisations').select('id').where('id', 'in', invited).where('kind', '=', 'enterprise').execute();
    if (found.length !== invited.length) errors.invitedOrgIds = m('trade.field.not_a_supplier');
  }
  const terms = input.paymentTerms ? checkTerms(input.paymentTerms) : null;
  if (terms) Object.assign(errors, terms.fields);
  if (Object.keys(errors).length) throw invalid(m('trade.rfq.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('trade_rfqs')
      .values({
        org_id: actor.orgId,
        title: input.title,
        vertical: input.vertical,
        attributes: JSON.stringify(attrs.ok ? attrs.value : {}),
        quantity: formatQuantity(parseQuantity(input.quantity)!),
        unit: VERTICAL_UNIT[input.vertical],
        delivery_date: input.deliveryDate,
        delivery_place: input.deliveryPlace,
        visibility: input.visibility,
        deadline,
        note: input.note ?? null,
        payment_terms: terms ? JSON.stringify(terms.terms) : null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (invited.length)
      await trx
        .insertInto('trade_rfq_invites')
        .values(invited.map((org_id) => ({ rfq_id: id, org_id })))
        .execute();
    await writeAudit(trx, actor, { action: 'trade.rfq.create', entity: 'trade_rfq', entityId: id, orgId: actor.orgId, after: { ...input, invitedOrgIds: invited } });
    return id;
  });
  return getRfq(db, actor, id);
}

/** A readable quote with its RFQ's title, buyer, quantity and unit (the export's row). */
export type QuoteWithRfq = Quote & { rfqTitle: string; buyerName: string; rfqQuantity: string; unit: 'piece' | 't' };

/**
 * Quotes the caller may read under the sealing rule (`quoteReadableSql`, in SQL) — of one RFQ, or of the `latestRfqs`
 * most recent RFQs that have one the caller may read — in ONE query, their tiers in one more; each with the amounts at
 * its RFQ's quantity. Ordered by RFQ (newest first), then cheapest gross at the RFQ's quantity first.
 */
export async function readableQuotes(db: DB, actor: Actor, which: { rfqId: string } | { latestRfqs: number }): Promise<QuoteWithRfq[]> {
  let query = db
    .selectFrom('trade_quotes as q')
    .innerJoin('trade_rfqs as r', 'r.id', 'q.rfq_id')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .innerJoin('organisations as so', 'so.id', 'q.org_id')
    .select(['q.id', 'q.rfq_id', 'q.org_id', 'so.name as supplier_name', 'q.lead_time_days', 'q.note', 'q.revision', 'q.submitted_at'])
    .select(['r.title as rfq_title', 'o.name as buyer_name', 'r.unit', 'r.created_at as rfq_created_at'])
    .select(sql<string>`to_char(q.valid_until, 'YYYY-MM-DD')`.as('valid_until'))
    .select(sql<string>`r.quantity::text`.as('rfq_quantity'))
    .where(quoteReadableSql(actor));
  if ('rfqId' in which) query = query.where('q.rfq_id', '=', which.rfqId);
  else
    query = query.where(
      'q.rfq_id',
      'in',
      // The latest RFQs with a quote the caller reads (the same rule, on the subquery's own rows).
      db
        .selectFrom('trade_quotes as q')
        .innerJoin('trade_rfqs as r', 'r.id', 'q.rfq_id')
        .innerJoin('organisations as o', 'o.id', 'r.org_id')
        .select('r.id')
        .where(quoteReadableSql(actor))
        .groupBy('r.id')
        .orderBy(sql`max(r.created_at)`, 'desc')
        .orderBy('r.id')
        .limit(which.latestRfqs),
    );
  const rows = await query.execute();
  if (!rows.length) return [];
  const tiers = await db
    .selectFrom('trade_quote_tiers as t')
    .select(['t.quote_id', sql<string>`t.min_quantity::text`.as('min_qty'), sql<string>`t.unit_price_fen::text`.as('fen')])
    .where(
      't.quote_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('t.min_quantity')
    .execute();
  const byQuote = new Map<string, { minQtyMilli: bigint; fen: bigint }[]>();
  for (const t of tiers) byQuote.set(t.quote_id, [...(byQuote.get(t.quote_id) ?? []), { minQtyMilli: parseQuantity(t.min_qty)!, fen: BigInt(t.fen) }]);
  const quotes = rows.map((r) => {
    const own = byQuote.get(r.id) ?? [];
    const qty = parseQuantity(r.rfq_quantity)!;
    const tier = tierFor(own, qty);
    const amounts = tier ? lineAmounts({ unitFen: tier.fen, qtyMilli: qty }) : null;
    const quote: QuoteWithRfq = {
      id: r.id,
      rfqId: r.rfq_id,
      orgId: r.org_id,
      supplierName: r.supplier_name,
      tiers: own.map((t) => ({ minQuantity: formatQuantity(t.minQtyMilli), unitPrice: formatYuan(t.fen) })),
      leadTimeDays: r.lead_time_days,
      validUntil: r.valid_until,
      note: r.note,
      atQuantity: tier && amounts ? { unitPrice: formatYuan(tier.fen), net: formatYuan(amounts.net), vat: formatYuan(amounts.vat), gross: formatYuan(amounts.gross) } : null,
      submittedAt: new Date(r.submitted_at).toISOString(),
      revision: r.revision,
      rfqTitle: r.rfq_title,
      buyerName: r.buyer_name,
      rfqQuantity: formatQuantity(qty),
      unit: r.unit,
    };
    return { quote, rfqAt: new Date(r.rfq_created_at).getTime(), sortKey: amounts?.gross ?? -1n };
  });
  quotes.sort(
    (a, b) =>
      b.rfqAt - a.rfqAt ||
      a.quote.rfqId.localeCompare(b.quote.rfqId) ||
      (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.quote.supplierName.localeCompare(b.quote.supplierName)),
  );
  return quotes.map((x) => x.quote);
}

/** Quotes of one RFQ the caller may read under the sealing rule (in SQL), cheapest at the RFQ's quantity first. */
export async function listQuotes(db: DB, actor: Actor, rfqId: string): Promise<Quote[]> {
  await getRfq(db, actor, rfqId); // 404 unless the caller sees the RFQ at all
  return (await readableQuotes(db, actor, { rfqId })).map(({ rfqTitle: _t, buyerName: _b, rfqQuantity: _q, unit: _u, ...q }) => q);
}

/**
 * A supplier submits its organisation's quote, or revises it, until the deadline (trade.quote). The RFQ row is
 * locked and its deadline checked in the same transaction. The audit row names the quote, never its prices.
 */
export async function submitQuote(db: DB, actor: Actor, rfqId: string, input: QuoteInput): Promise<Quote> {
  if (!can(actor, TP.quote)) throw forbidden();
  const rfq = await getRfq(db, actor, rfqId);
  if (rfq.orgId === actor.orgId) throw forbidden(m('trade.rfq.own'));
  const tiers = input.tiers.map((t) => ({ minQtyMilli: parseQuantity(t.minQuantity)!, fen: parseYuan(t.unitPrice)! }));
  const errors: Record<string, Msg> = {};
  for (let i = 1; i < tiers.length; i++) if (tiers[i].minQtyMilli <= tiers[i - 1].minQtyMilli) errors[`tiers.${i}.minQuantity`] = m('trade.field.tiers_ascending');
  if (tiers[0].minQtyMilli > parseQuantity(rfq.quantity)!) errors['tiers.0.minQuantity'] = m('trade.field.first_tier_above_quantity');
  if (input.validUntil < localDay(new Date(rfq.deadline).getTime())) errors.validUntil = m('trade.field.valid_until_past');
  if (Object.keys(errors).length) throw invalid(m('trade.quote.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .selectFrom('trade_rfqs as r')
      .select(['r.id', 'r.cancelled_at', 'r.round', sql<boolean>`r.deadline <= now()`.as('closed')])
      .where('r.id', '=', rfqId)
      .where(supplierSideSql(actor))
      .forUpdate()
      .executeTakeFirst();
    if (!r) throw forbidden(m('trade.rfq.not_invited'));
    if (r.cancelled_at) throw forbidden(m('trade.rfq.cancelled'));
    if (r.closed) throw forbidden(m('trade.rfq.closed'));
    // In a revision round only the suppliers the buyer asked may revise.
    if (r.round > 1) {
      const asked = await trx
        .selectFrom('trade_rfq_round_suppliers')
        .select('org_id')
        .where('rfq_id', '=', rfqId)
        .where('round', '=', r.round)
        .where('org_id', '=', actor.orgId)
        .executeTakeFirst();
      if (!asked) throw forbidden(m('trade.rfq.not_in_round'));
    }
    const prev = await trx.selectFrom('trade_quotes').select(['id', 'revision']).where('rfq_id', '=', rfqId).where('org_id', '=', actor.orgId).executeTakeFirst();
    const values = { lead_time_days: input.leadTimeDays, valid_until: input.validUntil, note: input.note ?? null, created_by: actor.userId };
    let id: string;
    if (prev) {
      id = prev.id;
      await trx
        .updateTable('trade_quotes')
        .set({ ...values, revision: prev.revision + 1, submitted_at: sql`now()` })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('trade_quote_tiers').where('quote_id', '=', id).execute();
    } else {
      ({ id } = await trx
        .insertInto('trade_quotes')
        .values({ rfq_id: rfqId, org_id: actor.orgId, ...values })
        .returning('id')
        .executeTakeFirstOrThrow());
    }
    await trx
      .insertInto('trade_quote_tiers')
      .values(tiers.map((t) => ({ quote_id: id, min_quantity: formatQuantity(t.minQtyMilli), unit_price_fen: String(t.fen) })))
      .execute();
    await writeAudit(trx, actor, {
      action: prev ? 'trade.quote.revise' : 'trade.quote.submit',
      entity: 'trade_quote',
      entityId: id,
      orgId: actor.orgId,
      after: { rfqId, revision: prev ? prev.revision + 1 : 1, tiers: tiers.length, leadTimeDays: input.leadTimeDays },
    });
  });
  const own = (await listQuotes(db, actor, rfqId)).find((q) => q.orgId === actor.orgId);
  return own!;
}

/** The buying side's RFQ, locked for the rest of the transaction (404 when it is not the actor's to change). */
async function lockOwnRfq(trx: DB, actor: Actor, rfqId: string) {
  const r = await trx
    .selectFrom('trade_rfqs as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.org_id', 'r.round', 'r.deadline', 'r.cancelled_at', 'r.awarded_at', sql<boolean>`r.deadline <= now()`.as('closed')])
    .where('r.id', '=', rfqId)
    .where(buyerSideSql(actor))
    .forUpdate('r')
    .executeTakeFirst();
  if (!r) throw notFound(m('trade.rfq.not_found'));
  return r;
}

/**
 * The buyer asks suppliers that quoted for a revision round (trade.buy, the buying side): only after the deadline and
 * before the award. The RFQ's deadline moves to the round's, so every quote is sealed again until then — to the
 * buyer too — and only the round's suppliers may revise theirs. One transaction with its audit row.
 */
export async function requestRound(db: DB, actor: Actor, rfqId: string, input: z.output<typeof import('@gearbridge/contracts/trade').RoundInput>): Promise<Rfq> {
  if (!can(actor, TP.buy)) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const r = await lockOwnRfq(trx, actor, rfqId);
    if (r.cancelled_at) throw forbidden(m('trade.rfq.cancelled'));
    if (r.awarded_at) throw conflict(m('trade.award.already'));
    if (!r.closed) throw forbidden(m('trade.round.not_closed'));
    const errors: Record<string, Msg> = {};
    const deadline = new Date(input.deadline);
    if (deadline.getTime() <= Date.now()) errors.deadline = m('trade.field.deadline_past');
    const chosen = [...new Set(input.supplierOrgIds)];
    const quoted = await trx.selectFrom('trade_quotes').select('org_id').where('rfq_id', '=', rfqId).where('org_id', 'in', chosen).execute();
    if (quoted.length !== chosen.length) errors.supplierOrgIds = m('trade.field.not_quoted');
    if (Object.keys(errors).length) throw invalid(m('trade.round.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
    const round = r.round + 1;
    await trx
      .insertInto('trade_rfq_rounds')
      .values({ rfq_id: rfqId, round, previous_deadline: r.deadline, deadline, note: input.note ?? null, created_by: actor.userId })
      .execute();
    await trx
      .insertInto('trade_rfq_round_suppliers')
      .values(chosen.map((org_id) => ({ rfq_id: rfqId, round, org_id })))
      .execute();
    await trx.updateTable('trade_rfqs').set({ deadline, round }).where('id', '=', rfqId).execute();
    await writeAudit(trx, actor, {
      action: 'trade.rfq.round',
      entity: 'trade_rfq',
      entityId: rfqId,
      orgId: r.org_id,
      before: { round: r.round, deadline: new Date(r.deadline).toISOString() },
      after: { round, deadline: deadline.toISOString(), suppliers: chosen },
    });
  });
  return getRfq(db, actor, rfqId);
}

/**
 * The buying side cancels its RFQ before the award (trade.buy), saying why: no more quotes, rounds or award. A
 * cancel before the deadline keeps every quote sealed for ever (`unsealedSql`); after it, what the buyer could read
 * stays readable. One transaction with its audit row (`trade.rfq.cancel`).
 */
export async function cancelRfq(db: DB, actor: Actor, rfqId: string, input: CancelInput): Promise<Rfq> {
  if (!can(actor, TP.buy)) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const r = await lockOwnRfq(trx, actor, rfqId);
    if (r.cancelled_at) throw conflict(m('trade.rfq.cancelled'));
    if (r.awarded_at) throw conflict(m('trade.award.already'));
    await trx.updateTable('trade_rfqs').set({ cancelled_at: sql`now()`, cancelled_by: actor.userId, cancel_reason: input.reason }).where('id', '=', rfqId).execute();
    await writeAudit(trx, actor, {
      action: 'trade.rfq.cancel',
      entity: 'trade_rfq',
      entityId: rfqId,
      orgId: r.org_id,
      before: { status: r.closed ? 'closed' : 'open', round: r.round, deadline: new Date(r.deadline).toISOString() },
      after: { status: 'cancelled', reason: input.reason, quotesSealed: !r.closed },
    });
  });
  return getRfq(db, actor, rfqId);
}
