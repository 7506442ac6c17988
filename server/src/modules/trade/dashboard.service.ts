import { sql, type SqlBool } from 'kysely';
import { formatYuan, type TradeDashboard } from '@gearbridge/contracts/trade';
import { can, orgInScopeSql, scopeOf, type Actor } from '../../platform/authz';
import { forbidden } from '../../platform/errors';
import { localDay } from '../../platform/time';
import { TP } from './permissions';
import { buyerSideSql, unsealedSql } from './rfqs.service';
import type { DB } from './db';

const DAY = 86_400_000;
/** The buyer organisation (alias o) is the caller's buying side or in the operator's region. */
function reachSql(actor: Actor) {
  const operator = can(actor, TP.operate) ? orgInScopeSql(scopeOf(actor, TP.operate), 'o') : sql<SqlBool>`false`;
  return sql<SqlBool>`(${buyerSideSql(actor)} or ${operator})`;
}
/**
 * The trade dashboard over the RFQs of the buyers the caller reaches (its own buying side; the operator's region):
 * GMV by vertical, RFQ-to-order conversion, quote response time (sealed quotes counted only after the deadline),
 * on-time delivery and supplier ratings from the certified deliveries (docs/trade.md, "Dashboard").
 */
export async function dashboard(db: DB, actor: Actor, days: number, now = Date.now()): Promise<TradeDashboard> {
  if (!can(actor, TP.buy) && !can(actor, TP.operate)) throw forbidden();
  const since = new Date(now - days * DAY);
  const reach = reachSql(actor);
  const [gmv, rfqs, quotes, certs] = await Promise.all([
    db
      .selectFrom('trade_orders as od')
      .innerJoin('trade_rfqs as r', 'r.id', 'od.rfq_id')
      .innerJoin('organisations as o', 'o.id', 'od.buyer_org_id')
      .innerJoin('organisations as so', 'so.id', 'od.supplier_org_id')
      .select(['r.vertical', 'od.supplier_org_id', 'so.name', sql<number>`count(*)::int`.as('n'), sql<string>`sum(od.gross_fen)::text`.as('gross')])
      .where('od.created_at', '>=', since)
      .where(reach)
      .groupBy(['r.vertical', 'od.supplier_org_id', 'so.name'])
      .execute(),
    db
      .selectFrom('trade_rfqs as r')
      .innerJoin('organisations as o', 'o.id', 'r.org_id')
      .select([sql<number>`count(*)::int`.as('closed'), sql<number>`count(r.awarded_at)::int`.as('awarded')])
      .where('r.deadline', '>=', since)
      .where('r.deadline', '<=', new Date(now))
      .where('r.cancelled_at', 'is', null)
      .where(reach)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('trade_quotes as q')
      .innerJoin('trade_rfqs as r', 'r.id', 'q.rfq_id')
      .innerJoin('organisations as o', 'o.id', 'r.org_id')
      .select([
        sql<number>`count(*)::int`.as('n'),
        sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from (q.submitted_at - r.created_at)) / 3600.0)`.as('median'),
        sql<number | null>`avg(extract(epoch from (q.submitted_at - r.created_at)) / 3600.0)`.as('mean'),
      ])
      .where('r.deadline', '>=', since)
      .where(unsealedSql) // never the quotes of an RFQ still sealed, or cancelled before its deadline
      .where(reach)
      .executeTakeFirstOrThrow(),
    // Per certificate, read from its frozen content in the database (no certificate's content crosses into this
    // process): units delivered, units with a value outside its characteristic's limits, the day shipped.
    db
      .selectFrom('trade_certificates as c')
      .innerJoin('trade_orders as od', 'od.id', 'c.order_id')
      .innerJoin('trade_rfqs as r', 'r.id', 'od.rfq_id')
      .innerJoin('organisations as o', 'o.id', 'c.buyer_org_id')
      .innerJoin('organisations as so', 'so.id', 'c.supplier_org_id')
      .select([
        'c.supplier_org_id',
        'so.name',
        'c.units',
        sql<number>`(select count(*) from jsonb_array_elements(c.content -> 'units') u
           where exists (select 1 from jsonb_each_text(u -> 'values') kv
                           join jsonb_array_elements(c.content -> 'characteristics') x
                             on x ->> 'partNo' = u ->> 'partNo' and x ->> 'code' = kv.key
                          where (x ->> 'lsl' is not null and kv.value::numeric < (x ->> 'lsl')::numeric)
                             or (x ->> 'usl' is not null and kv.value::numeric > (x ->> 'usl')::numeric)))::int`.as('bad'),
        sql<string>`c.content -> 'delivery' ->> 'shippedAt'`.as('shipped_at'),
        sql<string>`to_char(r.delivery_date, 'YYYY-MM-DD')`.as('due'),
      ])
      .where('c.issued_at', '>=', since)
      .where('c.withdrawn_at', 'is', null)
      .where(reach)
      .execute(),
  ]);
  const verticals = new Map<TradeDashboard['gmvByVertical'][number]['vertical'], { orders: number; gross: bigint }>();
  const suppliers = new Map<string, TradeDashboard['suppliers'][number] & { grossFen: bigint; onTimeCount: number; bad: number }>();
  const supplier = (id: string, name: string) => {
    if (!suppliers.has(id))
      suppliers.set(id, { orgId: id, name, orders: 0, gross: '0.00', grossFen: 0n, deliveries: 0, onTimeRate: null, onTimeCount: 0, units: 0, bad: 0, ppm: null, rating: null });
    return suppliers.get(id)!;
  };
  for (const g of gmv) {
    const v = verticals.get(g.vertical) ?? { orders: 0, gross: 0n };
    v.orders += g.n;
    v.gross += BigInt(g.gross);
    verticals.set(g.vertical, v);
    const s = supplier(g.supplier_org_id, g.name);
    s.orders += g.n;
    s.grossFen += BigInt(g.gross);
  }
  // Every certified delivery counts once, for its supplier and in the on-time rate (numerator and denominator alike).
  let onTime = 0;
  for (const c of certs) {
    const s = supplier(c.supplier_org_id, c.name);
    const early = localDay(Date.parse(c.shipped_at)) <= c.due;
    if (early) onTime++;
    s.deliveries++;
    s.onTimeCount += early ? 1 : 0;
    s.units += c.units;
    s.bad += c.bad;
  }
  const total = [...verticals.values()].reduce((a, v) => a + v.gross, 0n);
  return {
    from: localDay(since.getTime()),
    to: localDay(now),
    gmv: formatYuan(total),
    gmvByVertical: [...verticals.entries()]
      .sort(([, a], [, b]) => (b.gross > a.gross ? 1 : b.gross < a.gross ? -1 : 0))
      .map(([vertical, v]) => ({ vertical, orders: v.orders, gross: formatYuan(v.gross) })),
    rfqs: { closed: rfqs.closed, awarded: rfqs.awarded, conversion: rfqs.closed ? rfqs.awarded / rfqs.closed : null },
    quoteResponse: { quotes: quotes.n, medianHours: quotes.median === null ? null : Number(quotes.median), meanHours: quotes.mean === null ? null : Number(quotes.mean) },
    onTime: { deliveries: certs.length, onTime, rate: certs.length ? onTime / certs.length : null },
    suppliers: [...suppliers.values()]
      .map(({ grossFen, onTimeCount, bad, ...s }) => {
        const onTimeRate = s.deliveries ? onTimeCount / s.deliveries : null;
        const ppm = s.units ? (bad / s.units) * 1_000_000 : null;
        const rating = onTimeRate === null || ppm === null ? null : Math.round((2.5 * onTimeRate + 2.5 * Math.max(0, 1 - ppm / 1000)) * 10) / 10;
        return { ...s, gross: formatYuan(grossFen), onTimeRate, ppm, rating };
      })
      .sort((a, b) => b.orders - a.orders || a.name.localeCompare(b.name)),
  };
}
