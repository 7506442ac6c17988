import { z } from 'zod';
import { RegionLevel } from '../regions';
import { WorkerStatus } from './workers';

// ---- the labour dashboard's figures (GET /api/labor/stats) -----------------------------------------------------
const n = z.number().int().min(0);

/**
 * Every figure of the labour dashboard and the 大屏, computed by the server over exactly what the worker, posting and
 * referral lists show the user: the own scope's records and what partners shared with it.
 */
export const LaborStats = z.object({
  /** The day the figures are computed for (UTC), YYYY-MM-DD. */
  asOf: z.string(),
  workers: z.object({
    /** Every worker the user may see: own and shared (the worker list's total). */
    total: n,
    own: n,
    /** Reached only through a partner's share. */
    shared: n,
    registeredPoor: n,
    /** 防返贫监测对象 among the own workers (a partner does not see the category). */
    monitored: n,
    /** In work: employed locally or out of province, self-employed or on a public-welfare post. */
    employed: n,
    /** One entry per status, every status, in the order of WorkerStatus. */
    byStatus: z.array(z.object({ status: WorkerStatus, count: n })),
  }),
  postings: z.object({
    /** Open, within validity today and with places left (the posting list's active=true). */
    active: n,
    /** Open places over those postings. */
    openHeadcount: n,
  }),
  placements: z.object({
    /** Referrals either side of which is in scope that started this calendar year. */
    thisYear: n,
    /** Starts per calendar month, the last 12 months up to this one, oldest first (YYYY-MM). */
    byMonth: z.array(z.object({ month: z.string(), count: n })),
  }),
  /**
   * Workers by home region, one level below the smallest region that holds them all: the towns of the own county for
   * a county bureau. A shared worker's home counts only to its county, as the partner sees it. Every region of that
   * level is listed, empty ones too, most workers first. `parent` is null above the provinces (or with no workers).
   */
  byRegion: z.object({
    parent: z.object({ code: z.string(), name: z.string(), fullName: z.string(), level: RegionLevel }).nullable(),
    level: RegionLevel.nullable(),
    items: z.array(z.object({ code: z.string(), name: z.string(), count: n })),
  }),
});
export type LaborStats = z.infer<typeof LaborStats>;
