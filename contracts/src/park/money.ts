import { z } from 'zod';

/**
 * Investment amounts are given in 亿元 (10^8 yuan) as decimal text with at most 8 decimals, so every amount is a
 * whole number of yuan; the server stores whole yuan (numeric) and sums them in the database. No floating point
 * anywhere: these helpers convert text ↔ whole yuan with BigInt.
 */
export const YI = 100_000_000n;

/** '242.15' → 24215000000n; null when the text is not an amount in 亿元 exact to the yuan. */
export function yiToYuan(text: string): bigint | null {
  // Up to 12 whole digits: sums read back from the API pass the 6 an input may have.
  const m = /^(\d{1,12})(?:\.(\d{1,8}))?$/.exec(text.trim());
  if (!m) return null;
  return BigInt(m[1]) * YI + BigInt((m[2] ?? '').padEnd(8, '0'));
}

/** 24215000000n → '242.15' (trailing zeros dropped). */
export function yuanToYi(yuan: bigint | string): string {
  const v = BigInt(yuan);
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  const frac = (a % YI).toString().padStart(8, '0').replace(/0+$/, '');
  return `${sign}${a / YI}${frac ? `.${frac}` : ''}`;
}

/** An amount in 亿元: up to 999999.99999999, at most 8 decimals (one yuan), more than zero. */
export const AmountYi = z
  .string()
  .trim()
  .regex(/^\d{1,6}(\.\d{1,8})?$/, 'park.validation.amount_yi')
  .refine((s) => (yiToYuan(s) ?? 0n) > 0n, 'park.validation.amount_positive');
