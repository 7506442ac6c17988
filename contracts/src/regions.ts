import { z } from 'zod';

/**
 * GB/T 2260 division code as officials write it: 6 digits for province (500000), city (371300) and county
 * (500229); 9 digits for a town (500229106) and 12 for a village (statistical division codes).
 */
export const RegionCode = z
  .string()
  .trim()
  .regex(/^(\d{6}|\d{9}|\d{12})$/, 'identity.validation.region_code_format');

/**
 * The code prefix every division inside a region shares: 500000 → 50, 371300 → 3713, 500229 → 500229.
 * (County codes never end in 00: xx xx 00 is the city itself.)
 */
export function regionPrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** True when `code` lies in the subtree of `ancestor` (or is it). */
export function regionWithin(code: string, ancestor: string): boolean {
  return code.startsWith(regionPrefix(ancestor));
}

export const RegionLevel = z.enum(['province', 'city', 'county', 'town', 'village']);

export const Region = z.object({
  code: RegionCode,
  parentCode: RegionCode.nullable(),
  name: z.string(),
  level: RegionLevel,
  /** Full name from the province down, e.g. 重庆市 城口县 修齐镇. */
  fullName: z.string(),
});
export type Region = z.infer<typeof Region>;

export const RegionQuery = z.object({
  parent: RegionCode.optional(),
  q: z.string().trim().max(50).optional(),
});
