import { z } from 'zod';
import { text } from '../common';
import { divHalfUp, lineAmounts, parseQuantity, type LineAmounts } from './money';
import { PositiveYuan, Yuan } from './catalogue';

/**
 * Long-term supply agreements (长期供货协议), e.g. molten aluminium (电解铝液) from 旗能电铝 to 上海友升铝业
 * (docs/trade.md, "Supply agreements"). All arithmetic in integer 分 and thousandths of a tonne; the rounding rules
 * are the functions below, and docs/trade.md writes them down.
 */

/** An index code: the A00 spot average (长江有色 A00 现货均价) is `A00`. */
export const IndexCode = z.string().regex(/^[A-Z0-9_]{1,20}$/, 'trade.field.index_code');
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'trade.field.month');
/**
 * A weighbridge reading in tonnes, at most three decimals (kilograms) and below 1,000,000,000 t — what the tickets'
 * numeric(12, 3) holds (a larger reading is a 400, not an overflow).
 */
const MAX_TICKET_MILLI = 1_000_000_000n * 1000n;
const Tonnes = z
  .string()
  .max(16)
  .refine(
    (s) => {
      const q = parseQuantity(s) ?? 0n;
      return q > 0n && q < MAX_TICKET_MILLI;
    },
    { message: 'trade.field.quantity' },
  );

/** The terms that price a tonne, per tonne excluding VAT. */
export interface SupplyTerms {
  /** 加工费: what the supplier charges over the index for a tonne delivered molten. */
  processingFeeFen: bigint;
  /** The ingot route: the ingot's price over the index (casting, handling, transport). */
  ingotPremiumFen: bigint;
  /** The ingot route: electricity to re-melt a tonne in the buyer's furnace. */
  remeltEnergyFen: bigint;
  /** The ingot route: labour to re-melt a tonne. */
  remeltLabourFen: bigint;
}

/**
 * A month's index price: the mean of the month's published daily prices (a day without a price — a weekend, a
 * holiday — does not count), rounded half-up to the 分. Null without any price.
 */
export function indexAverage(dailyFen: bigint[]): bigint | null {
  if (!dailyFen.length) return null;
  return divHalfUp(
    dailyFen.reduce((s, p) => s + p, 0n),
    BigInt(dailyFen.length),
  );
}

/** A weighbridge ticket's net tonnes (thousandths): gross − tare, exact; null unless above zero. */
export function ticketNet(grossMilli: bigint, tareMilli: bigint): bigint | null {
  const net = grossMilli - tareMilli;
  return net > 0n ? net : null;
}

/**
 * The saving of a tonne delivered molten against buying ingot and re-melting it: (index + ingot premium + re-melt
 * electricity + labour) − (index + processing fee). The index is on both sides, so it cancels.
 */
export function savingPerTonne(t: SupplyTerms): bigint {
  return t.ingotPremiumFen + t.remeltEnergyFen + t.remeltLabourFen - t.processingFeeFen;
}

export interface MonthSettlement extends LineAmounts {
  /** Index average + processing fee, 分 per tonne. */
  unitFen: bigint;
  /** What the same tonnes would have cost as ingot re-melted (index + premium + electricity + labour), excl. VAT. */
  ingotRouteFen: bigint;
  /** Net tonnes × saving per tonne, rounded half-up once. */
  savingFen: bigint;
}

/**
 * One month's settlement: ONE line — the month's net tonnes (the sum of its tickets, exact) at the unit price
 * (index average + processing fee) — its net rounded half-up to the 分, VAT 13 % on the rounded net, rounded half-up;
 * the month's saving is its net tonnes × the saving per tonne, rounded half-up once.
 */
export function settleMonth(indexAvgFen: bigint, terms: SupplyTerms, netMilli: bigint): MonthSettlement {
  const unitFen = indexAvgFen + terms.processingFeeFen;
  const amounts = lineAmounts({ unitFen, qtyMilli: netMilli });
  const ingotUnit = indexAvgFen + terms.ingotPremiumFen + terms.remeltEnergyFen + terms.remeltLabourFen;
  return {
    ...amounts,
    unitFen,
    ingotRouteFen: divHalfUp(ingotUnit * netMilli, 1000n),
    savingFen: divHalfUp(savingPerTonne(terms) * netMilli, 1000n),
  };
}

/** Saving per tonne over a period: the sum of its months' rounded savings ÷ its net tonnes, half-up to the 分. */
export function savingPerTonneOver(savingFen: bigint, netMilli: bigint): bigint | null {
  return netMilli > 0n ? divHalfUp(savingFen * 1000n, netMilli) : null;
}

/** "2026-11" → "2026-11-01"; the first day of the month after. */
export const monthStart = (month: string) => `${month}-01`;
export function nextMonth(month: string): string {
  const [y, mo] = month.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

// ---- API messages ----------------------------------------------------------------------------------------------

export const IndexPricesInput = z.object({
  index: IndexCode,
  /** Daily prices, 元 per tonne excluding VAT: entered by hand or a month pasted from the index's publication. */
  prices: z
    .array(z.object({ day: z.iso.date(), price: PositiveYuan }))
    .min(1)
    .max(62),
});
export type IndexPricesInput = z.infer<typeof IndexPricesInput>;
export const IndexPriceQuery = z.object({ index: IndexCode.default('A00'), month: Month });
export const IndexPriceMonth = z.object({
  index: z.string(),
  month: z.string(),
  prices: z.array(z.object({ day: z.string(), price: z.string() })),
  /** The mean of the days with a price, half-up to the 分; null without any. */
  average: z.string().nullable(),
});
export type IndexPriceMonth = z.infer<typeof IndexPriceMonth>;

export const SupplyContractInput = z.object({
  contractNo: text(40),
  title: text(120),
  supplierOrgId: z.uuid(),
  product: text(120),
  index: IndexCode,
  processingFee: Yuan,
  ingotPremium: Yuan,
  remeltEnergy: Yuan,
  remeltLabour: Yuan,
  /** Contracted tonnes a year. */
  annualTonnes: Tonnes,
  startMonth: Month,
  endMonth: Month,
  deliveryPlace: text(200),
});
export type SupplyContractInput = z.infer<typeof SupplyContractInput>;

const Money = z.string();
export const SupplyMonth = z.object({
  month: z.string(),
  tickets: z.number().int(),
  /** Net tonnes delivered (sum of the tickets). */
  tonnes: z.string(),
  /** The index average of the month, null while no price is in. */
  indexAverage: Money.nullable(),
  indexDays: z.number().int(),
  /** Settled: frozen figures; otherwise computed from the records as they are (null without an index price). */
  settled: z.boolean(),
  settledAt: z.string().nullable(),
  unitPrice: Money.nullable(),
  net: Money.nullable(),
  vat: Money.nullable(),
  gross: Money.nullable(),
  ingotRoute: Money.nullable(),
  saving: Money,
});
export type SupplyMonth = z.infer<typeof SupplyMonth>;

export const SupplyContract = z.object({
  id: z.uuid(),
  contractNo: z.string(),
  title: z.string(),
  buyerOrgId: z.uuid(),
  buyerName: z.string(),
  supplierOrgId: z.uuid(),
  supplierName: z.string(),
  product: z.string(),
  index: z.string(),
  processingFee: Money,
  ingotPremium: Money,
  remeltEnergy: Money,
  remeltLabour: Money,
  /** Computed from the terms: the ingot route's cost over the molten route's, per tonne. */
  savingPerTonne: Money,
  annualTonnes: z.string(),
  startMonth: z.string(),
  endMonth: z.string(),
  deliveryPlace: z.string(),
  /** The caller's side of the contract. */
  side: z.enum(['buyer', 'supplier']),
  /**
   * The last 12 whole months (or the contract's months among them): tonnes delivered, the sum of the months'
   * rounded savings, and that sum per tonne — the article's 300 元/t and 1,500万元 a year come from here.
   */
  lastYear: z.object({ from: z.string(), to: z.string(), tonnes: z.string(), saving: Money, savingPerTonne: Money.nullable() }),
  /** The contracted tonnes a year × the saving per tonne. */
  plannedAnnualSaving: Money,
  createdAt: z.string(),
});
export type SupplyContract = z.infer<typeof SupplyContract>;
export const SupplyContractList = z.array(SupplyContract);
export const SupplyContractDetail = SupplyContract.extend({ months: z.array(SupplyMonth) });
export type SupplyContractDetail = z.infer<typeof SupplyContractDetail>;

export const TicketInput = z.object({
  ticketNo: text(40),
  /** When the loaded ladle truck crossed the weighbridge. */
  weighedAt: z.iso.datetime({ offset: true }),
  vehicle: z.string().trim().max(20).nullish(),
  gross: Tonnes,
  tare: Tonnes,
});
export type TicketInput = z.infer<typeof TicketInput>;
export const Ticket = z.object({
  id: z.uuid(),
  ticketNo: z.string(),
  weighedAt: z.string(),
  month: z.string(),
  vehicle: z.string().nullable(),
  gross: z.string(),
  tare: z.string(),
  net: z.string(),
});
export type Ticket = z.infer<typeof Ticket>;
export const TicketQuery = z.object({ month: Month });
export const TicketList = z.object({ month: z.string(), tickets: z.array(Ticket), tonnes: z.string() });
export const SettleInput = z.object({ month: Month });
