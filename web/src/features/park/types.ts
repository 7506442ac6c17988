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
