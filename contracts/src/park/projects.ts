import { z } from 'zod';
import { PageQuery, pageOf, text } from '../common';
import { AmountYi } from './money';

const IsoDate = z.iso.date();

/** The investment pipeline, in order: 线索 → 洽谈 → 签约 → 开工（在建） → 投产. */
export const PROJECT_STAGES = ['lead', 'negotiating', 'signed', 'construction', 'production'] as const;
export const ProjectStage = z.enum(PROJECT_STAGES);
export type ProjectStage = z.infer<typeof ProjectStage>;

/**
 * Industry categories of investment projects: the strategic emerging industries the park targets (the article:
 * industrial sensors, automotive electronics, new energy, big data, 5G; new materials and high-end equipment), and
 * the park's established chains (gear transmission, auto parts, aluminium).
 */
export const PROJECT_CATEGORIES = [
  'industrial_sensors',
  'automotive_electronics',
  'new_energy',
  'big_data',
  'five_g',
  'new_materials',
  'high_end_equipment',
  'gear_transmission',
  'auto_parts',
  'aluminium',
  'other',
] as const;
export const ProjectCategory = z.enum(PROJECT_CATEGORIES);
export type ProjectCategory = z.infer<typeof ProjectCategory>;

/** Ceremony batches: 集中签约 / 集中开工 / 集中投产; each groups projects reaching that stage together. */
export const BatchKind = z.enum(['signing', 'groundbreaking', 'production']);
export type BatchKind = z.infer<typeof BatchKind>;

const projectFields = {
  name: text(120),
  investor: text(120),
  /** The investor's core organisation record, when it has one. */
  investorOrgId: z.uuid().nullable().optional(),
  amount: AmountYi,
  category: ProjectCategory,
  reserve: z.boolean().default(false),
  note: z.string().trim().max(1000).nullable().optional(),
  /** The industrial-chain link the project fills (补链). */
  chainLinkId: z.uuid().nullable().optional(),
};

/** A new project enters the pipeline at `stage` (default lead) on `stageOn` (default today). */
export const ProjectInput = z.object({
  orgId: z.uuid().optional(),
  ...projectFields,
  stage: ProjectStage.default('lead'),
  stageOn: IsoDate.optional(),
});
export type ProjectInput = z.input<typeof ProjectInput>;
export const ProjectPatch = z.object({
  name: projectFields.name.optional(),
  investor: projectFields.investor.optional(),
  investorOrgId: projectFields.investorOrgId,
  amount: AmountYi.optional(),
  category: ProjectCategory.optional(),
  reserve: z.boolean().optional(),
  note: projectFields.note,
  chainLinkId: projectFields.chainLinkId,
});
export type ProjectPatch = z.infer<typeof ProjectPatch>;

/** Move a project to another stage. Forward on `on` (default today); back only with a reason (audited). */
export const StageChangeInput = z.object({
  stage: ProjectStage,
  on: IsoDate.optional(),
  reason: z.string().trim().max(500).optional(),
});
export type StageChangeInput = z.infer<typeof StageChangeInput>;

export const StageDates = z.object({
  lead: z.string().nullable(),
  negotiating: z.string().nullable(),
  signed: z.string().nullable(),
  construction: z.string().nullable(),
  production: z.string().nullable(),
});

export const Project = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  investor: z.string(),
  investorOrgId: z.uuid().nullable(),
  /** 亿元, exact decimal text. */
  amount: z.string(),
  category: ProjectCategory,
  reserve: z.boolean(),
  stage: ProjectStage,
  stageDates: StageDates,
  batches: z.array(z.object({ id: z.uuid(), kind: BatchKind, name: z.string(), heldOn: z.string() })),
  note: z.string().nullable(),
  chainLinkId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof Project>;

export const StageHistoryEntry = z.object({
  stage: ProjectStage,
  previousStage: ProjectStage.nullable(),
  effectiveOn: z.string(),
  reason: z.string().nullable(),
  changedAt: z.string(),
});
export type StageHistoryEntry = z.infer<typeof StageHistoryEntry>;

export const ProjectQuery = PageQuery.extend({
  stage: ProjectStage.optional(),
  category: ProjectCategory.optional(),
  reserve: z.enum(['true', 'false']).optional(),
  /** Projects signed in this year. */
  signedYear: z.coerce.number().int().min(1990).max(2100).optional(),
  batchId: z.uuid().optional(),
});
export type ProjectQuery = z.infer<typeof ProjectQuery>;
export const ProjectPage = pageOf(Project);

// ---- ceremony batches -----------------------------------------------------------------------------------------
export const BatchInput = z.object({
  orgId: z.uuid().optional(),
  kind: BatchKind,
  name: text(120),
  heldOn: IsoDate,
  place: z.string().trim().max(200).nullable().optional(),
  /** Projects joining the batch; each is moved to the batch's stage on its date if it is not there yet. */
  projectIds: z.array(z.uuid()).max(200).default([]),
});
export type BatchInput = z.input<typeof BatchInput>;
export const Batch = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  kind: BatchKind,
  name: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  projectCount: z.number().int(),
  amount: z.string(),
});
export type Batch = z.infer<typeof Batch>;
export const BatchQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() });

// ---- the yearly summary -----------------------------------------------------------------------------------------
/** Without a year: the latest year with signed projects in scope (or this year when there is none). */
export const SummaryQuery = z.object({ year: z.coerce.number().int().min(1990).max(2100).optional() });
const CountAmount = z.object({ count: z.number().int(), amount: z.string() });
export const YearSummary = z.object({
  year: z.number().int(),
  /** The years with projects signed in scope, latest first (the year picker's choices). */
  years: z.array(z.number().int()),
  /** Projects signed in the year (signing date in the year, still at signed or beyond). */
  signed: CountAmount,
  /** Signed in the year by size: over 100亿, over 50亿 (up to 100), over 10亿 (up to 50). */
  over100: CountAmount,
  over50: CountAmount,
  over10: CountAmount,
  /** Started construction / production in the year. */
  groundbroken: CountAmount,
  inProduction: CountAmount,
  /** Reserve projects not signed yet (today). */
  reserve: CountAmount,
  byCategory: z.array(z.object({ category: ProjectCategory, count: z.number().int(), amount: z.string() })),
  /** The largest signed projects of the year (at most 10). */
  largest: z.array(z.object({ id: z.uuid(), name: z.string(), investor: z.string(), amount: z.string(), category: ProjectCategory })),
  batches: z.array(Batch),
  /** Idle plant space brought back to use in the year: leases starting in it of sites that stood idle or offered. */
  areaRevived: z.object({ areaM2: z.number().int(), leases: z.number().int() }),
});
export type YearSummary = z.infer<typeof YearSummary>;

/** Projects by stage for the kanban (every project in scope, reserve included). */
export const StageCounts = z.array(z.object({ stage: ProjectStage, count: z.number().int(), amount: z.string() }));
