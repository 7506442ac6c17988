/**
 * Exact money for the trade module (docs/trade.md, "Money"). Amounts are integer 分 (bigint here, BIGINT in the
 * database) and travel in the API as 元 strings with at most two decimals ("1234.50"); quantities are decimal strings
 * with at most three decimals (kept as integer thousandths). No floating point anywhere.
 *
 * Rounding: a line amount (unit price × quantity) is rounded half-up to the 分; VAT is computed per line on the
 * rounded net amount and rounded half-up to the 分; a document's totals are the sums of its rounded lines.
 */

/** 增值税 13 % (general rate for goods), in basis points. */
export const VAT_RATE_BP = 1300n;

const YUAN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;
const QTY = /^(0|[1-9]\d{0,9})(\.\d{1,3})?$/;

/** "1234.5" → 123450n 分; null when not a non-negative amount with at most two decimals. */
export function parseYuan(text: string): bigint | null {
  const s = text.trim();
  if (!YUAN.test(s)) return null;
  const [int, frac = ''] = s.split('.');
  return BigInt(int) * 100n + BigInt(frac.padEnd(2, '0'));
}

/** 123450n → "1234.50". */
export function formatYuan(fen: bigint): string {
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** "12.5" → 12500n thousandths; null when not a non-negative quantity with at most three decimals. */
export function parseQuantity(text: string): bigint | null {
  const s = text.trim();
  if (!QTY.test(s)) return null;
  const [int, frac = ''] = s.split('.');
  return BigInt(int) * 1000n + BigInt(frac.padEnd(3, '0'));
}

/** 12500n → "12.5" (trailing zeros dropped). */
export function formatQuantity(milli: bigint): string {
  const int = milli / 1000n;
  const frac = String(milli % 1000n)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return frac ? `${int}.${frac}` : String(int);
}

/** n / d rounded half-up (away from zero at exactly half), for n ≥ 0, d > 0. */
export function divHalfUp(n: bigint, d: bigint): bigint {
  if (n < 0n) return -divHalfUp(-n, d);
  return (n * 2n + d) / (2n * d);
}

/** Unit price (分) × quantity (thousandths) → the line's net amount in 分, half-up. */
export function lineNet(unitFen: bigint, qtyMilli: bigint): bigint {
  return divHalfUp(unitFen * qtyMilli, 1000n);
}

/** VAT on a net amount in 分, half-up (rate in basis points, 13 % by default). */
export function vatOf(netFen: bigint, rateBp: bigint = VAT_RATE_BP): bigint {
  return divHalfUp(netFen * rateBp, 10_000n);
}

export interface Line {
  unitFen: bigint;
  qtyMilli: bigint;
}
export interface LineAmounts {
  net: bigint;
  vat: bigint;
  gross: bigint;
}

/** One line: net rounded to the 分, VAT on the rounded net rounded to the 分, gross their sum. */
export function lineAmounts(line: Line, rateBp: bigint = VAT_RATE_BP): LineAmounts {
  const net = lineNet(line.unitFen, line.qtyMilli);
  const vat = vatOf(net, rateBp);
  return { net, vat, gross: net + vat };
}

/** A document's totals: the sums of its rounded lines (never a rounding of the unrounded sum). */
export function totals(lines: Line[], rateBp: bigint = VAT_RATE_BP): LineAmounts & { lines: LineAmounts[] } {
  const each = lines.map((l) => lineAmounts(l, rateBp));
  const sum = (k: keyof LineAmounts) => each.reduce((a, l) => a + l[k], 0n);
  return { net: sum('net'), vat: sum('vat'), gross: sum('gross'), lines: each };
}

/** The price tier that applies to a quantity: the one with the largest minimum quantity not above it. */
export function tierFor<T extends { minQtyMilli: bigint }>(tiers: T[], qtyMilli: bigint): T | null {
  let best: T | null = null;
  for (const t of tiers) if (t.minQtyMilli <= qtyMilli && (!best || t.minQtyMilli > best.minQtyMilli)) best = t;
  return best;
}
