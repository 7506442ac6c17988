import { z } from 'zod';

/**
 * Whose records the figures cover: `partnership` — both sides' (a talent officer, who reads its region and the
 * partner's); `institution` — one institution's own (its people sent or hosted, the dispatches it sent or asked for,
 * the activities it held or its people gave, its mentorships), named in `orgNames`; `all` — the platform's.
 */
export const StatsScope = z.object({ kind: z.enum(['all', 'partnership', 'institution']), orgNames: z.array(z.string()) });
export type StatsScope = z.infer<typeof StatsScope>;

/** Secondments counted from the records (人次: one per term) by direction and kind over a span of years. */
export const ExchangeCounts = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  cadres: z.object({ westToEast: z.number().int(), eastToWest: z.number().int() }),
  professionals: z.object({ westToEast: z.number().int(), eastToWest: z.number().int() }),
  scope: StatsScope,
});
export type ExchangeCounts = z.infer<typeof ExchangeCounts>;
export const ExchangeQuery = z.object({
  fromYear: z.coerce.number().int().min(2000).max(2100),
  toYear: z.coerce.number().int().min(2000).max(2100),
});

/** The figures the collaboration reports (人次 or people), per direction and sector, counted from the records. */
export const CollabFigures = z.object({
  /** Cadres seconded: cadre terms starting in the period. */
  cadres: z.number().int(),
  /** Professionals sent: professional terms starting in the period. */
  professionals: z.number().int(),
  /** Order-based dispatches approved whose term starts in the period (人次). */
  dispatches: z.number().int(),
  lectures: z.number().int(),
  openClasses: z.number().int(),
  /** People trained: distinct phones signed in to trainings held in the period. */
  trained: z.number().int(),
  /** Young staff mentored: mentees of mentorships starting in the period. */
  mentored: z.number().int(),
});
export type CollabFigures = z.infer<typeof CollabFigures>;
const Cell = z.object({ direction: z.enum(['west_to_east', 'east_to_west']), sector: z.enum(['health', 'education', 'agriculture', 'cadre', 'science', 'other']) });

export const CollabStats = z.object({
  fromYear: z.number().int(),
  toYear: z.number().int(),
  scope: StatsScope,
  /** One row per year, direction and sector with anything in it. */
  rows: z.array(Cell.extend({ year: z.number().int() }).extend(CollabFigures.shape)),
  /** Per direction and sector over the whole span (people trained counted once however often they came). */
  totals: z.array(Cell.extend(CollabFigures.shape)),
});
export type CollabStats = z.infer<typeof CollabStats>;
export const CollabStatsQuery = ExchangeQuery;
/** The county's quarterly report: the quarter, the year to its end, and everything since the start. */
export const QuarterReportQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
  lang: z.enum(['zh', 'en']).default('zh'),
});
