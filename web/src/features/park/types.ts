// The park API's shapes, inferred from the shared zod schemas (contracts/src/park): nothing is redeclared here.
// Type-only imports keep zod out of the browser bundle.
import type { z } from 'zod';
import type * as C from '@gearbridge/contracts/park';

export type Project = C.Project;
export type ProjectStage = C.ProjectStage;
export type ProjectCategory = C.ProjectCategory;
export type ProjectInput = z.input<typeof C.ProjectInput>;
export type ProjectPatch = z.input<typeof C.ProjectPatch>;
export type ProjectQuery = Partial<z.infer<typeof C.ProjectQuery>>;
export type StageChangeInput = z.input<typeof C.StageChangeInput>;
export type StageCounts = z.infer<typeof C.StageCounts>;
export type YearSummary = C.YearSummary;
export type Batch = C.Batch;
export type Enterprise = C.Enterprise;
export type EnterpriseDetail = C.EnterpriseDetail;
export type EnterpriseQuery = Partial<z.infer<typeof C.EnterpriseQuery>>;
export type EnterpriseScale = C.EnterpriseScale;
export type Industry = C.Industry;

/** The pipeline's stages and the categories, in order (the contracts' lists, typed against them). */
export const STAGES = ['lead', 'negotiating', 'signed', 'construction', 'production'] as const satisfies readonly ProjectStage[];
export const CATEGORIES = [
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
] as const satisfies readonly ProjectCategory[];
export const SCALES = ['large', 'medium', 'small', 'micro'] as const satisfies readonly EnterpriseScale[];

export type Retrofit = C.Retrofit;
export type RetrofitStatus = C.RetrofitStatus;
export type RetrofitInput = z.input<typeof C.RetrofitInput>;
export type RetrofitPatch = z.input<typeof C.RetrofitPatch>;
export type RetrofitQuery = Partial<z.infer<typeof C.RetrofitQuery>>;
export type Certification = C.Certification;
export type CertFile = C.CertFile;
export type CertificationKind = C.CertificationKind;
export type CertificationStatus = C.CertificationStatus;
export type CertificationInput = z.input<typeof C.CertificationInput>;
export type CertificationQuery = Partial<z.infer<typeof C.CertificationQuery>>;
export type ReviewInput = z.input<typeof C.ReviewInput>;
export type DecisionInput = z.input<typeof C.DecisionInput>;
export type PlantLive = C.PlantLive;
export const RETROFIT_STATUSES = ['planned', 'in_progress', 'completed'] as const satisfies readonly RetrofitStatus[];
export const CERT_KINDS = ['smart_factory', 'digital_workshop'] as const satisfies readonly CertificationKind[];
export const CERT_STATUSES = ['applied', 'under_review', 'certified', 'rejected'] as const satisfies readonly CertificationStatus[];
export type Site = C.Site;
export type SiteDetail = C.SiteDetail;
export type SiteStatus = C.SiteStatus;
export type SiteQuery = Partial<z.infer<typeof C.SiteQuery>>;
export type LeaseInput = z.input<typeof C.LeaseInput>;
export type SpaceSummary = C.SpaceSummary;
export type ParkPlan = C.ParkPlan;
export const SITE_STATUSES = ['idle', 'offered', 'leased', 'in_use'] as const satisfies readonly SiteStatus[];
export type ChainMap = C.ChainMap;
export type BatchKind = C.BatchKind;
export type BatchInput = z.input<typeof C.BatchInput>;
export type ParkDashboard = C.ParkDashboard;
export type ChainTier = C.ChainTier;
export const CHAIN_TIERS = ['upstream', 'midstream', 'downstream'] as const satisfies readonly ChainTier[];
export type Chain = C.Chain;
export type ChainLink = C.ChainLink;
