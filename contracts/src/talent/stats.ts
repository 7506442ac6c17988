import { z } from 'zod';

/** Secondments counted from the records (人次: one per term) by direction and kind over a span of years. */
export const ExchangeCounts = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  cadres: z.object({ westToEast: z.number().int(), eastToWest: z.number().int() }),
  professionals: z.object({ westToEast: z.number().int(), eastToWest: z.number().int() }),
});
export type ExchangeCounts = z.infer<typeof ExchangeCounts>;
export const ExchangeQuery = z.object({
  fromYear: z.coerce.number().int().min(2000).max(2100),
  toYear: z.coerce.number().int().min(2000).max(2100),
});
