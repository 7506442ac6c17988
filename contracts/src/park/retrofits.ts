import { z } from 'zod';
import { PageQuery, pageOf, text } from '../common';
import { PlantKpis } from '../factory/interface';
import { Yuan } from './enterprises';
import { CERTIFICATION_KINDS, CHECKLISTS } from './checklists';
import { CERT_FILE_KINDS } from './documents';

export { CERTIFICATION_KINDS, CHECKLISTS };
export { CERT_FILE_ACCEPT, CERT_FILE_KINDS, CERT_FILE_LIMITS, type CertFileKind } from './documents';

const IsoDate = z.iso.date();

// ---- smart retrofits (智能化改造) ---------------------------------------------------------------------------------
export const RETROFIT_STATUSES = ['planned', 'in_progress', 'completed'] as const;
export const RetrofitStatus = z.enum(RETROFIT_STATUSES);
export type RetrofitStatus = z.infer<typeof RetrofitStatus>;

/** A percentage as exact decimal text, 0–100 with at most 4 decimals (a yield of 99.99 %). */
export const Percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'park.validation.percent')
  .refine((s) => Number(s.split('.')[0]) <= 100 && !(s.startsWith('100.') && /[1-9]/.test(s.split('.')[1])), 'park.validation.percent');

/** A line's figures before or after a retrofit: units per 8-hour shift, first-pass yield (%), people per line. */
export const RetrofitKpis = z.object({
  outputPerShift: z.number().int().min(0).max(1_000_000).nullable().optional(),
  yieldPct: Percent.nullable().optional(),
  staffPerLine: z.number().int().min(0).max(10_000).nullable().optional(),
});
export type RetrofitKpis = z.infer<typeof RetrofitKpis>;
export const Milestone = z.object({ name: text(120), dueOn: IsoDate, doneOn: IsoDate.nullable().optional() });
export type Milestone = z.infer<typeof Milestone>;

const retrofitFields = {
  name: text(120),
  /** What is retrofitted: the line, its machines and systems. */
  scope: text(1000),
  /** Budget and the subsidy granted, whole yuan as decimal text: exact. */
  budget: Yuan,
  subsidy: Yuan,
  status: RetrofitStatus,
  startedOn: IsoDate.nullable().optional(),
  completedOn: IsoDate.nullable().optional(),
  before: RetrofitKpis,
  after: RetrofitKpis,
  milestones: z.array(Milestone).max(30),
};
export const RetrofitInput = z.object({
  /** The registry entry (park_enterprises.id) of the enterprise retrofitting. */
  enterpriseId: z.uuid(),
  ...retrofitFields,
  subsidy: Yuan.default('0'),
  status: RetrofitStatus.default('planned'),
  before: RetrofitKpis.default({}),
  after: RetrofitKpis.default({}),
  milestones: retrofitFields.milestones.default([]),
});
export type RetrofitInput = z.input<typeof RetrofitInput>;
export const RetrofitPatch = z.object({
  name: retrofitFields.name.optional(),
  scope: retrofitFields.scope.optional(),
  budget: Yuan.optional(),
  subsidy: Yuan.optional(),
  status: RetrofitStatus.optional(),
  startedOn: retrofitFields.startedOn,
  completedOn: retrofitFields.completedOn,
  before: RetrofitKpis.optional(),
  after: RetrofitKpis.optional(),
  /** When given, replaces the milestones. */
  milestones: retrofitFields.milestones.optional(),
});
export type RetrofitPatch = z.infer<typeof RetrofitPatch>;

const Kpis = z.object({ outputPerShift: z.number().int().nullable(), yieldPct: z.string().nullable(), staffPerLine: z.number().int().nullable() });
export const Retrofit = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  orgId: z.uuid(),
  name: z.string(),
  scope: z.string(),
  budget: z.string(),
  subsidy: z.string(),
  status: RetrofitStatus,
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  before: Kpis,
  after: Kpis,
  milestones: z.array(z.object({ name: z.string(), dueOn: z.string(), doneOn: z.string().nullable() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Retrofit = z.infer<typeof Retrofit>;
export const RetrofitQuery = PageQuery.extend({ enterpriseId: z.uuid().optional(), status: RetrofitStatus.optional() });
export type RetrofitQuery = z.infer<typeof RetrofitQuery>;
export const RetrofitPage = pageOf(Retrofit);

// ---- certifications (市级智能工厂 / 数字化车间) ---------------------------------------------------------------------
export const CertificationKind = z.enum(CERTIFICATION_KINDS);
export type CertificationKind = z.infer<typeof CertificationKind>;
/** applied → under_review (scored against the checklist) → certified | rejected. */
export const CERTIFICATION_STATUSES = ['applied', 'under_review', 'certified', 'rejected'] as const;
export const CertificationStatus = z.enum(CERTIFICATION_STATUSES);
export type CertificationStatus = z.infer<typeof CertificationStatus>;

export const CertDocument = z.object({ name: text(200), note: z.string().trim().max(500).nullable().optional() });
export const CertificationInput = z.object({
  enterpriseId: z.uuid(),
  kind: CertificationKind,
  /** The plant or workshop put forward. */
  title: text(120),
  appliedOn: IsoDate,
  retrofitId: z.uuid().nullable().optional(),
  documents: z.array(CertDocument).max(20).default([]),
});
export type CertificationInput = z.input<typeof CertificationInput>;
export const ReviewItemInput = z.object({
  code: z.string().trim().min(1).max(40),
  score: z.number().int().min(0).max(100),
  /** The document the score rests on. */
  document: z.string().trim().max(200).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
});
export const ReviewInput = z.object({ items: z.array(ReviewItemInput).min(1).max(20) });
export type ReviewInput = z.infer<typeof ReviewInput>;
export const DecisionInput = z.object({
  decision: z.enum(['certified', 'rejected']),
  decidedOn: IsoDate,
  note: z.string().trim().max(1000).nullable().optional(),
  certificateNo: z.string().trim().max(60).nullable().optional(),
  validUntil: IsoDate.nullable().optional(),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

export const CertificationStep = z.object({ step: z.enum(['apply', 'review', 'decide']), at: z.string(), by: z.string().nullable(), note: z.string().nullable() });
export const Certification = z.object({
  id: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  orgId: z.uuid(),
  kind: CertificationKind,
  title: z.string(),
  status: CertificationStatus,
  appliedOn: z.string(),
  retrofitId: z.uuid().nullable(),
  documents: z.array(z.object({ name: z.string(), note: z.string().nullable() })),
  /** The checklist's scores once reviewed. */
  items: z.array(z.object({ code: z.string(), max: z.number().int(), score: z.number().int(), document: z.string().nullable(), note: z.string().nullable() })),
  scoreTotal: z.number().int().nullable(),
  passScore: z.number().int(),
  decidedOn: z.string().nullable(),
  decisionNote: z.string().nullable(),
  certificateNo: z.string().nullable(),
  validUntil: z.string().nullable(),
  steps: z.array(CertificationStep),
});
export type Certification = z.infer<typeof Certification>;
export const CertificationQuery = PageQuery.extend({ enterpriseId: z.uuid().optional(), status: CertificationStatus.optional(), kind: CertificationKind.optional() });
export type CertificationQuery = z.infer<typeof CertificationQuery>;
export const CertificationPage = pageOf(Certification);

/**
 * A certified plant's live figures beside its certificate, read from the factory module's public interface:
 * `live` with the figures; `no_factory_module` when this installation has no factory module; `no_lines` when the
 * enterprise runs no line on it; `not_certified` before a certificate.
 */
export const PlantLive = z.object({ status: z.enum(['live', 'no_factory_module', 'no_lines', 'not_certified']), kpis: PlantKpis.nullable() });
export type PlantLive = z.infer<typeof PlantLive>;

/** A certification's documents as files (uploaded raw, the type found by the content; readers: the officer and the enterprise). */
export const CertFileUploadQuery = z.object({ fileName: z.string().trim().min(1).max(200) });
export const CertFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });
export const CertFile = z.object({
  id: z.uuid(),
  certificationId: z.uuid(),
  fileName: z.string(),
  kind: z.enum(CERT_FILE_KINDS),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});
export type CertFile = z.infer<typeof CertFile>;
export const CertFileList = z.array(CertFile);
