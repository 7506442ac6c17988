/**
 * An order's payment terms and milestones without zod (the web imports it at run time as
 * `@gearbridge/contracts/trade/terms`): the kinds, who marks what, the defaults and THE SPLITTING RULE
 * (docs/trade.md, "Milestones and payment terms").
 */
import { parseYuan } from './money';

/** advance 预付款 (on the order's confirmation), delivery 到货款, acceptance 验收款, retention 质保金 (after acceptance). */
export const PAYMENT_KINDS = ['advance', 'delivery', 'acceptance', 'retention'] as const;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** The milestones of an order, in their order; `payment` once per payment term. */
export const MILESTONE_KINDS = ['confirmed', 'production_start', 'delivery', 'acceptance', 'payment'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

/** The milestone a payment term's due date counts from. */
export const PAYMENT_TRIGGER: Record<PaymentKind, Exclude<MilestoneKind, 'payment' | 'production_start'>> = {
  advance: 'confirmed',
  delivery: 'delivery',
  acceptance: 'acceptance',
  retention: 'acceptance',
};
/** Who marks a milestone done: the supplier confirms, starts production and ships; the buyer accepts and pays. */
export const MILESTONE_PARTY: Record<MilestoneKind, 'buyer' | 'supplier'> = {
  confirmed: 'supplier',
  production_start: 'supplier',
  delivery: 'supplier',
  acceptance: 'buyer',
  payment: 'buyer',
};

/** "30" or "12.5" percent → basis points (3000, 1250); null when not a percentage above 0, at most 100, two decimals. */
export function parsePercent(text: string): number | null {
  const fen = parseYuan(text);
  if (fen === null || fen <= 0n || fen > 10_000n) return null;
  return Number(fen);
}
/** 3000 → "30", 1250 → "12.5". */
export function formatPercent(bp: number): string {
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return frac ? `${Math.floor(bp / 100)}.${frac}` : String(Math.floor(bp / 100));
}

/**
 * THE SPLITTING RULE. A total in 分 split by shares in basis points that add up to 10,000 (100 %): each share's
 * exact amount (total × bp ÷ 10,000) is rounded DOWN to the 分, and the 分 left over — fewer than the number of
 * shares — go one each to the shares with the largest remainders, the earlier share first on a tie (largest
 * remainder method). So every amount is its exact share rounded down or up (never off by a whole 分 or more), none
 * is negative, an exact share is kept as it is, and the amounts sum to the total exactly.
 */
export function splitByPercents(totalFen: bigint, bps: number[]): bigint[] {
  if (totalFen < 0n) throw new RangeError('negative total');
  if (!bps.length || bps.some((b) => !Number.isInteger(b) || b <= 0) || bps.reduce((a, b) => a + b, 0) !== 10_000) throw new RangeError('shares must add up to 100 %');
  const exact = bps.map((b) => totalFen * BigInt(b));
  const amounts = exact.map((e) => e / 10_000n);
  let left = totalFen - amounts.reduce((a, b) => a + b, 0n);
  const byRemainder = exact.map((e, i) => ({ i, r: e % 10_000n })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    amounts[i] += 1n;
    left -= 1n;
  }
  return amounts;
}

/** The default terms when the award names none: 30 % on the order, 60 % on delivery, 10 % retention a year after acceptance. */
export const DEFAULT_PAYMENT_TERMS: { kind: PaymentKind; percent: string; days: number }[] = [
  { kind: 'advance', percent: '30', days: 0 },
  { kind: 'delivery', percent: '60', days: 30 },
  { kind: 'retention', percent: '10', days: 365 },
];
/** Days the buyer has to accept a delivery when the award does not say. */
export const DEFAULT_ACCEPTANCE_DAYS = 7;
/** Days the supplier has to confirm an awarded order. */
export const CONFIRM_DAYS = 2;
