import { sql, type SqlBool } from 'kysely';
import { lockKey } from '../../platform/db';
import {
  divHalfUp,
  formatQuantity,
  formatYuan,
  nextMonth,
  parseQuantity,
  parseYuan,
  savingPerTonne,
  savingPerTonneOver,
  settleMonth,
  ticketNet,
  type IndexPriceMonth,
  type IndexPricesInput,
  type SupplyContract,
  type SupplyContractDetail,
  type SupplyContractInput,
  type SupplyMonth,
  type SupplyTerms,
  type Ticket,
  type TicketInput,
} from '@gearbridge/contracts/trade';
import { can, orgInScopeSql, scopeOf, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { conflict, forbidden, invalid, notFound, type Msg } from '../../platform/errors';
import { localDay } from '../../platform/time';
import { TP } from './permissions';
import { m } from './messages';
import type { DB } from './db';

/** The China-time month ("2026-12") of a moment. */
export const monthOf = (t: number = Date.now()) => localDay(t).slice(0, 7);
/** `n` months before "YYYY-MM". */
export function monthsBefore(month: string, n: number): string {
  const [y, mo] = month.split('-').map(Number);
  const i = y * 12 + (mo - 1) - n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
const y = (fen: string | bigint) => formatYuan(BigInt(fen));
const t = (milli: string | bigint) => formatQuantity(typeof milli === 'bigint' ? milli : parseQuantity(milli)!);

/**
 * The caller is a party to the contract (alias c, buyer organisation bo): the buying side (trade.buy over the buyer)
 * or the supplier's own organisation (trade.sell). Nobody else reads a contract — its prices are the parties'.
 */
function partySql(actor: Actor) {
  const buyer = can(actor, TP.buy) ? orgInScopeSql(scopeOf(actor, TP.buy), 'bo') : sql<SqlBool>`false`;
  const supplier = can(actor, TP.sell) ? sql<SqlBool>`c.supplier_org_id = ${actor.orgId}` : sql<SqlBool>`false`;
  return { buyer, supplier, either: sql<SqlBool>`(${buyer} or ${supplier})` };
}

function contractQuery(db: DB, actor: Actor) {
  const p = partySql(actor);
  return db
    .selectFrom('trade_supply_contracts as c')
    .innerJoin('organisations as bo', 'bo.id', 'c.buyer_org_id')
    .innerJoin('organisations as so', 'so.id', 'c.supplier_org_id')
    .selectAll('c')
    .select(['bo.name as buyer_name', 'so.name as supplier_name'])
    .select([
      sql<string>`c.processing_fee_fen::text`.as('fee'),
      sql<string>`c.ingot_premium_fen::text`.as('premium'),
      sql<string>`c.remelt_energy_fen::text`.as('energy'),
      sql<string>`c.remelt_labour_fen::text`.as('labour'),
      sql<string>`c.annual_tonnes::text`.as('annual'),
      sql<string>`to_char(c.start_month, 'YYYY-MM')`.as('start'),
      sql<string>`to_char(c.end_month, 'YYYY-MM')`.as('end'),
      sql<boolean>`${p.buyer}`.as('buyer_side'),
    ])
    .where(p.either);
}
type Row = Awaited<ReturnType<ReturnType<typeof contractQuery>['executeTakeFirstOrThrow']>>;

const termsOf = (r: Row): SupplyTerms => ({
  processingFeeFen: BigInt(r.fee),
  ingotPremiumFen: BigInt(r.premium),
  remeltEnergyFen: BigInt(r.energy),
  remeltLabourFen: BigInt(r.labour),
});

interface MonthFacts {
  tickets: number;
  netMilli: bigint;
  indexSum: bigint;
  indexDays: number;
  settled: null | { at: Date; unit: string; net: string; vat: string; gross: string; ingot: string; saving: string; avg: string; days: number };
}

/** Per month of the contracts: tickets and tonnes, the index's sum and days, the settlement if any. */
async function monthFacts(db: DB, rows: Row[]): Promise<Map<string, Map<string, MonthFacts>>> {
  const out = new Map<string, Map<string, MonthFacts>>();
  if (!rows.length) return out;
  const ids = rows.map((r) => r.id);
  const [tickets, settlements, index] = await Promise.all([
    db
      .selectFrom('trade_supply_tickets')
      .select(['contract_id', sql<string>`to_char(month, 'YYYY-MM')`.as('month'), sql<number>`count(*)::int`.as('n'), sql<string>`sum(net_t)::text`.as('net')])
      .where('contract_id', 'in', ids)
      .groupBy(['contract_id', 'month'])
      .execute(),
    db
      .selectFrom('trade_supply_settlements')
      .selectAll()
      .select([
        sql<string>`to_char(month, 'YYYY-MM')`.as('m'),
        sql<string>`unit_price_fen::text`.as('unit'),
        sql<string>`net_fen::text`.as('net'),
        sql<string>`vat_fen::text`.as('vat'),
        sql<string>`gross_fen::text`.as('gross'),
        sql<string>`ingot_route_fen::text`.as('ingot'),
        sql<string>`saving_fen::text`.as('saving'),
        sql<string>`index_avg_fen::text`.as('avg'),
      ])
      .where('contract_id', 'in', ids)
      .execute(),
    db
      .selectFrom('trade_index_prices')
      .select(['index_code', sql<string>`to_char(day, 'YYYY-MM')`.as('month'), sql<string>`sum(price_fen)::text`.as('sum'), sql<number>`count(*)::int`.as('days')])
      .where('index_code', 'in', [...new Set(rows.map((r) => r.index_code))])
      .where('day', '>=', `${rows.reduce((a, r) => (r.start < a ? r.start : a), rows[0].start)}-01`)
      .groupBy(['index_code', sql`to_char(day, 'YYYY-MM')`])
      .execute(),
  ]);
  for (const r of rows) {
    const months = new Map<string, MonthFacts>();
    const last = monthOf() < r.end ? monthOf() : r.end;
    for (let mo = r.start; mo <= last; mo = nextMonth(mo)) {
      const ix = index.find((i) => i.index_code === r.index_code && i.month === mo);
      months.set(mo, { tickets: 0, netMilli: 0n, indexSum: ix ? BigInt(ix.sum) : 0n, indexDays: ix?.days ?? 0, settled: null });
    }
    for (const tk of tickets.filter((x) => x.contract_id === r.id)) {
      const f = months.get(tk.month);
      if (f) Object.assign(f, { tickets: tk.n, netMilli: parseQuantity(tk.net)! });
    }
    for (const s of settlements.filter((x) => x.contract_id === r.id)) {
      const f = months.get(s.m);
      if (f) f.settled = { at: s.settled_at, unit: s.unit, net: s.net, vat: s.vat, gross: s.gross, ingot: s.ingot, saving: s.saving, avg: s.avg, days: s.index_days };
    }
    out.set(r.id, months);
  }
  return out;
}

function monthView(r: Row, month: string, f: MonthFacts): SupplyMonth {
  if (f.settled) {
    const s = f.settled;
    return {
      month,
      tickets: f.tickets,
      tonnes: t(f.netMilli),
      indexAverage: y(s.avg),
      indexDays: s.days,
      settled: true,
      settledAt: new Date(s.at).toISOString(),
      unitPrice: y(s.unit),
      net: y(s.net),
      vat: y(s.vat),
      gross: y(s.gross),
      ingotRoute: y(s.ingot),
      saving: y(s.saving),
    };
  }
  const terms = termsOf(r);
  const avg = f.indexDays ? divHalfUp(f.indexSum, BigInt(f.indexDays)) : null;
  const s = avg === null ? null : settleMonth(avg, terms, f.netMilli);
  return {
    month,
    tickets: f.tickets,
    tonnes: t(f.netMilli),
    indexAverage: avg === null ? null : y(avg),
    indexDays: f.indexDays,
    settled: false,
    settledAt: null,
    unitPrice: s ? y(s.unitFen) : null,
    net: s ? y(s.net) : null,
    vat: s ? y(s.vat) : null,
    gross: s ? y(s.gross) : null,
    ingotRoute: s ? y(s.ingotRouteFen) : null,
    // The saving does not depend on the index (it cancels): tonnes × saving per tonne, half-up once.
    saving: y(divHalfUp(savingPerTonne(terms) * f.netMilli, 1000n)),
  };
}

function toContract(r: Row, months: Map<string, MonthFacts>): SupplyContract & { months: SupplyMonth[] } {
  const terms = termsOf(r);
  const views = [...months.entries()].map(([mo, f]) => monthView(r, mo, f));
  // The last 12 whole months: the current month is still being delivered.
  const to = monthsBefore(monthOf(), 1);
  const from = monthsBefore(monthOf(), 12);
  const year = views.filter((v) => v.month >= from && v.month <= to);
  const tonnes = year.reduce((s, v) => s + parseQuantity(v.tonnes)!, 0n);
  const saving = year.reduce((s, v) => s + parseYuan(v.saving.replace('-', ''))! * (v.saving.startsWith('-') ? -1n : 1n), 0n);
  const perTonne = savingPerTonneOver(saving, tonnes);
  return {
    id: r.id,
    contractNo: r.contract_no,
    title: r.title,
    buyerOrgId: r.buyer_org_id,
    buyerName: r.buyer_name,
    supplierOrgId: r.supplier_org_id,
    supplierName: r.supplier_name,
    product: r.product,
    index: r.index_code,
    processingFee: y(r.fee),
    ingotPremium: y(r.premium),
    remeltEnergy: y(r.energy),
    remeltLabour: y(r.labour),
    savingPerTonne: y(savingPerTonne(terms)),
    annualTonnes: t(r.annual),
    startMonth: r.start,
    endMonth: r.end,
    deliveryPlace: r.delivery_place,
    side: r.buyer_side ? 'buyer' : 'supplier',
    lastYear: { from, to, tonnes: t(tonnes), saving: y(saving), savingPerTonne: perTonne === null ? null : y(perTonne) },
    plannedAnnualSaving: y(divHalfUp(savingPerTonne(terms) * parseQuantity(r.annual)!, 1000n)),
    createdAt: new Date(r.created_at).toISOString(),
    months: views,
  };
}

export async function listContracts(db: DB, actor: Actor): Promise<SupplyContract[]> {
  scopeOf(actor, TP.read);
  const rows = await contractQuery(db, actor).orderBy('c.created_at', 'desc').limit(200).execute();
  const facts = await monthFacts(db, rows);
  return rows.map((r) => {
    const { months: _, ...c } = toContract(r, facts.get(r.id)!);
    return c;
  });
}

async function contractRow(db: DB, actor: Actor, id: string): Promise<Row> {
  scopeOf(actor, TP.read);
  const r = await contractQuery(db, actor).where('c.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(m('trade.supply.not_found'));
  return r;
}

export async function getContract(db: DB, actor: Actor, id: string): Promise<SupplyContractDetail> {
  const r = await contractRow(db, actor, id);
  return toContract(r, (await monthFacts(db, [r])).get(r.id)!);
}

/** The buyer posts a supply agreement with a supplier (trade.buy, for its own organisation). */
export async function createContract(db: DB, actor: Actor, input: SupplyContractInput): Promise<SupplyContractDetail> {
  if (!can(actor, TP.buy)) throw forbidden();
  const errors: Record<string, Msg> = {};
  if (input.endMonth < input.startMonth) errors.endMonth = m('trade.field.end_before_start');
  if (input.supplierOrgId === actor.orgId) errors.supplierOrgId = m('trade.field.own_org');
  else {
    const s = await db.selectFrom('organisations').select('id').where('id', '=', input.supplierOrgId).where('kind', '=', 'enterprise').executeTakeFirst();
    if (!s) errors.supplierOrgId = m('trade.field.not_a_supplier');
  }
  const taken = await db.selectFrom('trade_supply_contracts').select('id').where('contract_no', '=', input.contractNo).executeTakeFirst();
  if (taken) errors.contractNo = m('trade.field.contract_no_taken');
  if (Object.keys(errors).length) throw invalid(m('trade.supply.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('trade_supply_contracts')
      .values({
        contract_no: input.contractNo,
        title: input.title,
        buyer_org_id: actor.orgId,
        supplier_org_id: input.supplierOrgId,
        product: input.product,
        index_code: input.index,
        processing_fee_fen: String(parseYuan(input.processingFee)),
        ingot_premium_fen: String(parseYuan(input.ingotPremium)),
        remelt_energy_fen: String(parseYuan(input.remeltEnergy)),
        remelt_labour_fen: String(parseYuan(input.remeltLabour)),
        annual_tonnes: input.annualTonnes,
        start_month: `${input.startMonth}-01`,
        end_month: `${input.endMonth}-01`,
        delivery_place: input.deliveryPlace,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'trade.supply.create', entity: 'trade_supply_contract', entityId: id, orgId: actor.orgId, after: input });
    return id;
  });
  return getContract(db, actor, id);
}

/** The contract row locked for a change by its supplier (trade.sell, own organisation). */
async function lockForSupplier(trx: DB, actor: Actor, id: string) {
  const r = await contractRow(trx, actor, id);
  if (!(can(actor, TP.sell) && r.supplier_org_id === actor.orgId)) throw forbidden(m('trade.supply.supplier_only'));
  await trx.selectFrom('trade_supply_contracts').select('id').where('id', '=', id).forUpdate().execute();
  return r;
}
const isSettled = async (db: DB, id: string, month: string) =>
  !!(await db.selectFrom('trade_supply_settlements').select('month').where('contract_id', '=', id).where('month', '=', `${month}-01`).executeTakeFirst());

export async function listTickets(db: DB, actor: Actor, id: string, month: string) {
  await contractRow(db, actor, id);
  const rows = await db
    .selectFrom('trade_supply_tickets')
    .select(['id', 'ticket_no', 'weighed_at', 'vehicle', sql<string>`gross_t::text`.as('g'), sql<string>`tare_t::text`.as('ta'), sql<string>`net_t::text`.as('n')])
    .where('contract_id', '=', id)
    .where('month', '=', `${month}-01`)
    .orderBy('weighed_at')
    .orderBy('ticket_no')
    .execute();
  const tickets: Ticket[] = rows.map((r) => ({
    id: r.id,
    ticketNo: r.ticket_no,
    weighedAt: new Date(r.weighed_at).toISOString(),
    month,
    vehicle: r.vehicle,
    gross: t(r.g),
    tare: t(r.ta),
    net: t(r.n),
  }));
  return { month, tickets, tonnes: t(rows.reduce((s, r) => s + parseQuantity(r.n)!, 0n)) };
}

/** The supplier records a weighbridge ticket (trade.sell): net = gross − tare, exact; never into a settled month. */
export async function addTicket(db: DB, actor: Actor, id: string, input: TicketInput): Promise<Ticket> {
  return db.transaction().execute(async (trx) => {
    const c = await lockForSupplier(trx, actor, id);
    const at = new Date(input.weighedAt).getTime();
    const month = monthOf(at);
    const errors: Record<string, Msg> = {};
    const gross = parseQuantity(input.gross)!;
    const net = ticketNet(gross, parseQuantity(input.tare)!);
    if (net === null) errors.tare = m('trade.field.tare_not_below_gross');
    if (at > Date.now() + 5 * 60_000) errors.weighedAt = m('trade.field.in_future');
    else if (month < c.start || month > c.end) errors.weighedAt = m('trade.field.outside_contract', { start: c.start, end: c.end });
    const dup = await trx.selectFrom('trade_supply_tickets').select('id').where('contract_id', '=', id).where('ticket_no', '=', input.ticketNo).executeTakeFirst();
    if (dup) errors.ticketNo = m('trade.field.ticket_no_taken');
    if (Object.keys(errors).length) throw invalid(m('trade.ticket.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
    if (await isSettled(trx, id, month)) throw conflict(m('trade.supply.month_settled', { month }));
    const row = await trx
      .insertInto('trade_supply_tickets')
      .values({
        contract_id: id,
        ticket_no: input.ticketNo,
        weighed_at: new Date(at),
        month: `${month}-01`,
        vehicle: input.vehicle ?? null,
        gross_t: formatQuantity(gross),
        tare_t: input.tare,
        net_t: formatQuantity(net!),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ticket: Ticket = {
      id: row.id,
      ticketNo: input.ticketNo,
      weighedAt: new Date(at).toISOString(),
      month,
      vehicle: input.vehicle ?? null,
      gross: t(gross),
      tare: t(parseQuantity(input.tare)!),
      net: t(net!),
    };
    await writeAudit(trx, actor, { action: 'trade.supply.ticket', entity: 'trade_supply_contract', entityId: id, orgId: c.supplier_org_id, after: ticket });
    return ticket;
  });
}

/**
 * The supplier settles a whole month (trade.sell): the month has ended (China time), has tickets and index prices;
 * the figures are computed by `settleMonth` and frozen, and the month takes no more tickets.
 */
export async function settle(db: DB, actor: Actor, id: string, month: string): Promise<SupplyContractDetail> {
  await db.transaction().execute(async (trx) => {
    const c = await lockForSupplier(trx, actor, id);
    await lockIndex(trx, c.index_code);
    const fail = (msg: Msg): never => {
      throw invalid(m('trade.settlement.invalid_fields', { fields: 'month' }), { month: msg });
    };
    if (month < c.start || month > c.end) fail(m('trade.field.outside_contract', { start: c.start, end: c.end }));
    if (month >= monthOf()) fail(m('trade.field.month_not_over'));
    if (await isSettled(trx, id, month)) throw conflict(m('trade.supply.month_settled', { month }));
    const f = (await monthFacts(trx, [c])).get(c.id)!.get(month)!;
    if (!f.tickets) fail(m('trade.field.no_tickets'));
    if (!f.indexDays) fail(m('trade.field.no_index_price', { index: c.index_code }));
    const avg = divHalfUp(f.indexSum, BigInt(f.indexDays));
    const s = settleMonth(avg, termsOf(c), f.netMilli);
    await trx
      .insertInto('trade_supply_settlements')
      .values({
        contract_id: id,
        month: `${month}-01`,
        tickets: f.tickets,
        net_t: formatQuantity(f.netMilli),
        index_avg_fen: String(avg),
        index_days: f.indexDays,
        unit_price_fen: String(s.unitFen),
        net_fen: String(s.net),
        vat_fen: String(s.vat),
        gross_fen: String(s.gross),
        ingot_route_fen: String(s.ingotRouteFen),
        saving_fen: String(s.savingFen),
        settled_by: actor.userId,
      })
      .execute();
    await writeAudit(trx, actor, {
      action: 'trade.supply.settle',
      entity: 'trade_supply_contract',
      entityId: id,
      orgId: c.supplier_org_id,
      after: { month, tickets: f.tickets, tonnes: formatQuantity(f.netMilli), indexAverage: y(avg), gross: y(s.gross), saving: y(s.savingFen) },
    });
  });
  return getContract(db, actor, id);
}

// ---- the index ---------------------------------------------------------------------------------------------------

export async function indexMonth(db: DB, actor: Actor, index: string, month: string): Promise<IndexPriceMonth> {
  scopeOf(actor, TP.read);
  const rows = await db
    .selectFrom('trade_index_prices')
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('d'), sql<string>`price_fen::text`.as('p')])
    .where('index_code', '=', index)
    .where('day', '>=', `${month}-01`)
    .where('day', '<', `${nextMonth(month)}-01`)
    .orderBy('day')
    .execute();
  const prices = rows.map((r) => BigInt(r.p));
  const avg = prices.length
    ? divHalfUp(
        prices.reduce((s, p) => s + p, 0n),
        BigInt(prices.length),
      )
    : null;
  return { index, month, prices: rows.map((r) => ({ day: r.d, price: y(r.p) })), average: avg === null ? null : y(avg) };
}

/**
 * Entering an index's prices and settling a month on it take this lock (per index code, till the transaction ends):
 * a settlement cannot read a month's prices while they change, nor prices change in a month being settled.
 */
export async function lockIndex(trx: DB, code: string) {
  await lockKey(trx, `trade.index:${code}`);
}

/**
 * The index codes among `codes` that an operator may not write: an index prices every contract on it, so an operator
 * writes one only while all of those contracts' parties are in its trade.operate reach (an unscoped operator: all).
 */
export async function indexesOutOfReach(db: DB, actor: Actor, codes: string[]): Promise<Set<string>> {
  const scope = scopeOf(actor, TP.operate);
  if (scope.all || !codes.length) return new Set();
  const rows = await db
    .selectFrom('trade_supply_contracts as c')
    .innerJoin('organisations as o', 'o.id', 'c.buyer_org_id')
    .innerJoin('organisations as so', 'so.id', 'c.supplier_org_id')
    .select('c.index_code')
    .distinct()
    .where('c.index_code', 'in', codes)
    .where(sql<SqlBool>`not (${orgInScopeSql(scope, 'o')} and ${orgInScopeSql(scope, 'so')})`)
    .execute();
  return new Set(rows.map((r) => r.index_code));
}

/**
 * The platform operator enters or imports an index's daily prices (trade.operate, over every contract on the index):
 * a day's price is replaced, but never in a month a contract on the index has settled (its settlement froze the
 * average).
 */
export async function putIndexPrices(db: DB, actor: Actor, input: IndexPricesInput): Promise<{ saved: number }> {
  if (!can(actor, TP.operate)) throw forbidden();
  const days = [...new Set(input.prices.map((p) => p.day))];
  if (days.length !== input.prices.length) throw invalid(m('trade.index.invalid_fields', { fields: 'prices' }), { prices: m('trade.field.duplicate_day') });
  const future = input.prices.findIndex((p) => p.day > localDay());
  if (future >= 0) throw invalid(m('trade.index.invalid_fields', { fields: `prices.${future}.day` }), { [`prices.${future}.day`]: m('trade.field.in_future') });
  return db.transaction().execute(async (trx) => {
    await lockIndex(trx, input.index);
    // Under the index's lock, so that the reach is the one the prices are written with.
    if ((await indexesOutOfReach(trx, actor, [input.index])).size) throw forbidden(m('trade.index.out_of_reach', { index: input.index }));
    const months = [...new Set(days.map((d) => `${d.slice(0, 7)}-01`))];
    const frozen = await trx
      .selectFrom('trade_supply_settlements as s')
      .innerJoin('trade_supply_contracts as c', 'c.id', 's.contract_id')
      .select(sql<string>`to_char(s.month, 'YYYY-MM')`.as('m'))
      .where('c.index_code', '=', input.index)
      .where('s.month', 'in', months)
      .executeTakeFirst();
    if (frozen) throw conflict(m('trade.index.month_settled', { month: frozen.m }));
    const before = await trx
      .selectFrom('trade_index_prices')
      .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('d'), sql<string>`price_fen::text`.as('p')])
      .where('index_code', '=', input.index)
      .where('day', 'in', days)
      .execute();
    await trx
      .insertInto('trade_index_prices')
      .values(input.prices.map((p) => ({ index_code: input.index, day: p.day, price_fen: String(parseYuan(p.price)), entered_by: actor.userId })))
      .onConflict((oc) => oc.columns(['index_code', 'day']).doUpdateSet({ price_fen: sql`excluded.price_fen`, entered_by: sql`excluded.entered_by`, entered_at: sql`now()` }))
      .execute();
    await writeAudit(trx, actor, {
      action: 'trade.index.prices',
      entity: 'trade_index',
      entityId: null,
      orgId: actor.orgId,
      before: before.length ? { index: input.index, prices: before.map((b) => ({ day: b.d, price: y(b.p) })) } : null,
      after: input,
    });
    return { saved: input.prices.length };
  });
}
