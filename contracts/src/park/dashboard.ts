import { z } from 'zod';
import { ProjectCategory, ProjectStage } from './projects';
import { CertificationKind, CertificationStatus, RetrofitStatus } from './retrofits';
import { SiteStatus } from './space';

/** 亿元 as exact decimal text (whole yuan / 10^8), summed by the database: never a float. */
const Yi = z.string();
const CountAmount = z.object({ count: z.number().int(), amount: Yi });

/**
 * The park dashboard and 大屏 (GET /api/park/dashboard), every figure counted from the records of the reader's scope:
 * the pipeline by current stage and by category, the projects signed per year with their amount, the reserve, the
 * chains' coverage, the space by status and the area revived per year, the retrofits by status with budget and
 * subsidy (whole yuan as decimal text), and the certifications by kind and status.
 */
export const ParkDashboard = z.object({
  byStage: z.array(CountAmount.extend({ stage: ProjectStage })),
  /** Every project not a reserve one, by category (any stage). */
  byCategory: z.array(CountAmount.extend({ category: ProjectCategory })),
  /** Projects by the year they were signed, oldest first. */
  signedByYear: z.array(CountAmount.extend({ year: z.number().int() })),
  reserve: CountAmount,
  chains: z.object({
    links: z.number().int(),
    covered: z.number().int(),
    missing: z.number().int(),
    targeted: z.number().int(),
    byChain: z.array(z.object({ id: z.uuid(), name: z.string(), links: z.number().int(), covered: z.number().int(), targeted: z.number().int() })),
  }),
  space: z.object({
    byStatus: z.array(z.object({ status: SiteStatus, count: z.number().int(), areaM2: z.number().int() })),
    totalAreaM2: z.number().int(),
    revivedByYear: z.array(z.object({ year: z.number().int(), areaM2: z.number().int(), leases: z.number().int() })),
  }),
  retrofits: z.object({
    byStatus: z.array(z.object({ status: RetrofitStatus, count: z.number().int() })),
    /** Whole yuan, decimal text. */
    budget: z.string(),
    subsidy: z.string(),
  }),
  certifications: z.array(z.object({ kind: CertificationKind, status: CertificationStatus, count: z.number().int() })),
});
export type ParkDashboard = z.infer<typeof ParkDashboard>;
