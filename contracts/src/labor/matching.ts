import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { Posting } from './postings';
import { OccupationCode, Worker, WorkerStatus } from './workers';

// ---- the engine's explanation of a score (server/src/shared/matching/types.ts) ----------------------
export const ScoreFactor = z.enum(['occupation', 'skill', 'region', 'wage', 'housing', 'start', 'certificates']);
/** Codes such as occupation.same or wage.below_minimum, for the web to translate; params fill in the figures. */
const Params = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]));
export const ScoreItem = z.object({ factor: ScoreFactor, points: z.number().int(), max: z.number().int(), detail: z.string(), params: Params });
export const ScoreExplanation = z.object({
  /** 0–100. */
  total: z.number().int(),
  /** A hard constraint failed (no headcount, closed, a required certificate missing, pay below a firm minimum, unable to work, age outside the range, work the person's limits rule out, an occupation or region not wanted). */
  excluded: z.boolean(),
  exclusions: z.array(z.object({ code: z.string(), params: Params })),
  items: z.array(ScoreItem),
});
export type ScoreExplanation = z.infer<typeof ScoreExplanation>;

// ---- recommendations both ways ----------------------------------------------------------------------------
export const RecommendationQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  minScore: z.coerce.number().int().min(0).max(100).default(0),
});
export const PostingRecommendation = z.object({ posting: Posting, score: z.number().int(), explanation: ScoreExplanation });
export type PostingRecommendation = z.infer<typeof PostingRecommendation>;
export const WorkerRecommendation = z.object({ worker: Worker, score: z.number().int(), explanation: ScoreExplanation });
export type WorkerRecommendation = z.infer<typeof WorkerRecommendation>;

// ---- batch allocation for job fairs (招聘会批量匹配) -----------------------------------------------------------
export const AllocationMode = z.enum(['stable', 'optimal']);
const regionPrefix = z
  .string()
  .trim()
  .regex(/^\d{2,12}$/, 'labor.validation.region_prefix');
export const AllocationInput = z.object({
  name: text(80),
  /** stable: worker-proposing deferred acceptance; optimal: the largest total score. */
  mode: AllocationMode.default('stable'),
  /** Pairs scoring below this are not allocated. */
  minScore: z.number().int().min(0).max(100).default(60),
  /** The workers: these ids, or (without ids) the own bureau's workers matching the filter. */
  workers: z
    .object({
      ids: z.array(z.uuid()).min(1).max(5000).optional(),
      /** Default: unemployed. */
      status: z.array(WorkerStatus).min(1).optional(),
      region: regionPrefix.optional(),
      registeredPoor: z.boolean().optional(),
      occupation: OccupationCode.optional(),
    })
    .default({}),
  /** The postings: these ids, or (without ids) every active posting the user may read that matches the filter. */
  postings: z
    .object({
      ids: z.array(z.uuid()).min(1).max(2000).optional(),
      region: regionPrefix.optional(),
      occupation: OccupationCode.optional(),
      orgId: z.uuid().optional(),
      /** Text in the title, employer, work region or occupation name (the posting list's q): "all matching". */
      q: z.string().trim().min(1).max(100).optional(),
    })
    .default({}),
});
export type AllocationInput = z.infer<typeof AllocationInput>;
export const AllocationStatus = z.enum(['draft', 'confirmed', 'discarded']);
export const Allocation = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  mode: AllocationMode,
  minScore: z.number().int(),
  status: AllocationStatus,
  workerCount: z.number().int(),
  postingCount: z.number().int(),
  pairCount: z.number().int(),
  totalScore: z.number().int(),
  stats: z.record(z.string(), z.number()),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
});
export type Allocation = z.infer<typeof Allocation>;
/** One worker of the allocation: the posting allocated (null: none), with the score and why. */
export const AllocationEntry = z.object({
  workerId: z.uuid(),
  workerNameMasked: z.string(),
  age: z.number().int(),
  homeRegionName: z.string().nullable(),
  postingId: z.uuid().nullable(),
  postingTitle: z.string().nullable(),
  employerName: z.string().nullable(),
  score: z.number().int().nullable(),
  explanation: ScoreExplanation.nullable(),
  source: z.enum(['engine', 'manual']),
  /** Things the engine does not weigh that the reviewer should see, e.g. age_outside_range. */
  warnings: z.array(z.string()),
  referralId: z.uuid().nullable(),
});
export type AllocationEntry = z.infer<typeof AllocationEntry>;
export const AllocationPosting = z.object({
  postingId: z.uuid(),
  title: z.string(),
  employerName: z.string(),
  /** Open headcount when the draft was made. */
  capacity: z.number().int(),
  /** Open headcount now. */
  openHeadcount: z.number().int(),
  allocated: z.number().int(),
  active: z.boolean(),
});
export type AllocationPosting = z.infer<typeof AllocationPosting>;
export const AllocationDetail = Allocation.extend({ entries: z.array(AllocationEntry), postings: z.array(AllocationPosting) });
export type AllocationDetail = z.infer<typeof AllocationDetail>;
export const AllocationQuery = PageQuery.extend({ status: AllocationStatus.optional() });
export type AllocationQuery = z.infer<typeof AllocationQuery>;
export const AllocationPage = pageOf(Allocation);
export const AllocationWorkerParams = z.object({ id: z.uuid(), workerId: z.uuid() });
/** Allocate the worker to another posting of the draft, or to none (null: removes the pair). */
export const AllocationEntryInput = z.object({ postingId: z.uuid().nullable() });
