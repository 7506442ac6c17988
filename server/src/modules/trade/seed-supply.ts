import { divHalfUp, formatQuantity, nextMonth, settleMonth, type SupplyTerms } from '@gearbridge/contracts/trade';
import { writeAudit } from '../../platform/audit';
import { localDay } from '../../platform/time';
import { monthOf, monthsBefore } from './supply.service';
import type { Transaction } from './db';

const HOUR = 3_600_000;
/** The start of a China-time month as a moment. */
const monthStartMs = (month: string) => Date.parse(`${month}-01T00:00:00+08:00`);

/** A small deterministic generator (LCG), so the demo is the same on every machine. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The demo's molten-aluminium agreement (旗能电铝 → 上海友升铝业): A00 spot average + 150 元/t processing fee,
 * against ingot at the index + 150 元/t re-melted with 230 元/t of electricity and 70 元/t of labour — 300 元/t
 * saved, as the company told the article. Its records: the A00 prices of every working day since the contract began,
 * the weighbridge tickets of the last 12 whole months (ladle trucks of 20.8–23.6 t net, 50,000 t in all — the
 * article's 1,500万元 a year when computed), each month settled, and this month's tickets so far.
 */
export async function seedSupply(trx: Transaction, org: (name: string) => string, users: Map<string, string>, now = Date.now()) {
  const current = monthOf(now);
  const start = monthsBefore(current, 12);
  const terms: SupplyTerms = { processingFeeFen: 15_000n, ingotPremiumFen: 15_000n, remeltEnergyFen: 23_000n, remeltLabourFen: 7_000n };
  const supplierUser = users.get('qineng.supplier') ?? null;
  const { id } = await trx
    .insertInto('trade_supply_contracts')
    .values({
      contract_no: `QNDL-YS-${start.replace('-', '')}`,
      title: '电解铝液长期直供协议',
      buyer_org_id: org('上海友升铝业有限公司'),
      supplier_org_id: org('旗能电铝有限公司'),
      product: '电解铝液 A00（铝包车直送）',
      index_code: 'A00',
      processing_fee_fen: String(terms.processingFeeFen),
      ingot_premium_fen: String(terms.ingotPremiumFen),
      remelt_energy_fen: String(terms.remeltEnergyFen),
      remelt_labour_fen: String(terms.remeltLabourFen),
      annual_tonnes: '50000',
      start_month: `${start}-01`,
      end_month: `${monthsBefore(start, -35)}-01`,
      delivery_place: '上海友升铝业綦江工厂熔铸车间',
      created_by: users.get('youshen.buyer') ?? null,
      created_at: new Date(monthStartMs(start) - 20 * 24 * HOUR),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  // The A00 spot average of every working day (Monday to Friday, China time) from the first month to yesterday.
  const rnd = random(20191);
  const prices: { index_code: string; day: string; price_fen: string; entered_by: null }[] = [];
  const byMonth = new Map<string, bigint[]>();
  let level = 18_900;
  for (let d = monthStartMs(start); localDay(d) < localDay(now); d += 24 * HOUR) {
    const dow = new Date(d + 8 * HOUR).getUTCDay();
    if (dow === 0 || dow === 6) continue;
    level = Math.round(Math.min(20_400, Math.max(17_600, level + (rnd() - 0.5) * 160)));
    const fen = BigInt(level) * 100n;
    const day = localDay(d);
    prices.push({ index_code: 'A00', day, price_fen: String(fen), entered_by: null });
    const mo = day.slice(0, 7);
    byMonth.set(mo, [...(byMonth.get(mo) ?? []), fen]);
  }
  for (let i = 0; i < prices.length; i += 500)
    await trx
      .insertInto('trade_index_prices')
      .values(prices.slice(i, i + 500))
      .execute();

  // 50,000.000 t over the 12 whole months, each month's share by its days, in ladle-truck tickets.
  const months: string[] = [];
  for (let mo = start; mo < current; mo = nextMonth(mo)) months.push(mo);
  const days = months.map((mo) => (monthStartMs(nextMonth(mo)) - monthStartMs(mo)) / (24 * HOUR));
  const allDays = days.reduce((s, d) => s + d, 0);
  const targets = days.map((d) => Math.floor((50_000_000 * d) / allDays));
  targets[targets.length - 1] += 50_000_000 - targets.reduce((s, x) => s + x, 0);
  const trucks = ['渝BQ3518', '渝BQ3526', '渝BQ3561', '渝BQ3572', '渝BQ3609', '渝BQ3617', '渝BQ3628', '渝BQ3633'];
  const tickets: {
    contract_id: string;
    ticket_no: string;
    weighed_at: Date;
    month: string;
    vehicle: string;
    gross_t: string;
    tare_t: string;
    net_t: string;
    created_by: string | null;
  }[] = [];
  /** Net kilograms (thousandths of a tonne) per month, as the tickets were written. */
  const kg = new Map<string, bigint>();
  const ticketsOf = (mo: string, nets: number[], from: number, to: number) =>
    nets.forEach((net, k) => {
      kg.set(mo, (kg.get(mo) ?? 0n) + BigInt(net));
      const tare = 15_600 + Math.floor(rnd() * 800);
      tickets.push({
        contract_id: id,
        ticket_no: `QN${mo.replace('-', '')}-${String(k + 1).padStart(4, '0')}`,
        weighed_at: new Date(Math.round(from + ((k + 0.5) / nets.length) * (to - from))),
        month: `${mo}-01`,
        vehicle: trucks[k % trucks.length],
        gross_t: formatQuantity(BigInt(tare + net)),
        tare_t: formatQuantity(BigInt(tare)),
        net_t: formatQuantity(BigInt(net)),
        created_by: supplierUser,
      });
    });
  const draw = () => 20_800 + Math.floor(rnd() * 2_801);
  months.forEach((mo, i) => {
    const nets: number[] = [];
    let left = targets[i];
    while (left > 44_400) {
      const n = draw();
      nets.push(n);
      left -= n;
    }
    if (left > 23_600) nets.push(Math.floor(left / 2), left - Math.floor(left / 2));
    else nets.push(left);
    ticketsOf(mo, nets, monthStartMs(mo), monthStartMs(nextMonth(mo)));
  });
  // This month so far: a truck about every 3.9 hours, up to an hour ago.
  const sinceStart = now - HOUR - monthStartMs(current);
  const sofar = Math.max(0, Math.floor(sinceStart / (3.9 * HOUR)));
  ticketsOf(current, Array.from({ length: sofar }, draw), monthStartMs(current), monthStartMs(current) + sofar * 3.9 * HOUR);
  for (let i = 0; i < tickets.length; i += 500)
    await trx
      .insertInto('trade_supply_tickets')
      .values(tickets.slice(i, i + 500))
      .execute();

  // The supplier settled each whole month on the 2nd of the next, through the same computation as the route.
  for (const [i, mo] of months.entries()) {
    const idx = byMonth.get(mo) ?? [];
    if (!idx.length) continue;
    const avg = divHalfUp(
      idx.reduce((s, p) => s + p, 0n),
      BigInt(idx.length),
    );
    const milli = kg.get(mo)!;
    if (milli !== BigInt(targets[i])) throw new Error(`demo supply: ${mo} has ${milli} kg, not ${targets[i]}`);
    const s = settleMonth(avg, terms, milli);
    const settledAt = Math.min(monthStartMs(nextMonth(mo)) + 33 * HOUR, now - HOUR);
    await trx
      .insertInto('trade_supply_settlements')
      .values({
        contract_id: id,
        month: `${mo}-01`,
        tickets: tickets.filter((t) => t.month === `${mo}-01`).length,
        net_t: formatQuantity(milli),
        index_avg_fen: String(avg),
        index_days: idx.length,
        unit_price_fen: String(s.unitFen),
        net_fen: String(s.net),
        vat_fen: String(s.vat),
        gross_fen: String(s.gross),
        ingot_route_fen: String(s.ingotRouteFen),
        saving_fen: String(s.savingFen),
        settled_by: supplierUser,
        settled_at: new Date(settledAt),
      })
      .execute();
  }
  await writeAudit(trx, null, { action: 'trade.demo.seed', entity: 'platform', orgId: null, after: { supplyContracts: 1, tickets: tickets.length, indexDays: prices.length } });
}
