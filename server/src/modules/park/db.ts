import type { ColumnType, Generated, Kysely, Transaction as KyselyTransaction } from 'kysely';
import type {
  BatchKind,
  ChainTier,
  CertificationKind,
  CertificationStatus,
  CertFileKind,
  EnterpriseScale,
  ProjectCategory,
  ProjectStage,
  RetrofitStatus,
  SiteCondition,
  SiteKind,
  SiteStatus,
} from '@gearbridge/contracts/park';
import { narrowDb } from '../../platform/db';
import type { PlatformDatabase, Timestamp } from '../../platform/db/tables';
import { moduleView, type ModuleContext as PlatformModuleContext } from '../../platform/module';

/**
 * The park module's tables (migrations in server/migrations/park/): investment projects with their stage history
 * and ceremony batches, the enterprise registry with yearly figures and contacts. Amounts are whole yuan in
 * numeric columns, read as text (`::text`) and never as floating point.
 */
type Day = ColumnType<string, string, string>;
type DayOrNull = ColumnType<string | null, string | null | undefined, string | null>;
/** numeric(20,0) of whole yuan: written as decimal text, read as text through `::text`. */
type Yuan = ColumnType<string, string, string>;

export interface ParkBatchesTable {
  id: Generated<string>;
  org_id: string;
  kind: BatchKind;
  name: string;
  held_on: Day;
  place: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ParkProjectsTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  investor: string;
  investor_org_id: string | null;
  amount_yuan: Yuan;
  category: ProjectCategory;
  reserve: Generated<boolean>;
  stage: ProjectStage;
  lead_on: DayOrNull;
  negotiating_on: DayOrNull;
  signed_on: DayOrNull;
  construction_on: DayOrNull;
  production_on: DayOrNull;
  signing_batch_id: string | null;
  groundbreaking_batch_id: string | null;
  production_batch_id: string | null;
  note: string | null;
  chain_link_id: Generated<string | null>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ParkProjectStagesTable {
  id: Generated<number>;
  project_id: string;
  stage: ProjectStage;
  previous_stage: ProjectStage | null;
  effective_on: Day;
  reason: string | null;
  changed_by: string | null;
  changed_at: Generated<Date>;
}

export interface ParkEnterprisesTable {
  id: Generated<string>;
  org_id: string;
  industry_code: string;
  scale: EnterpriseScale;
  products: string | null;
  zone: string | null;
  building: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ParkEnterpriseYearsTable {
  enterprise_id: string;
  year: number;
  employees: number;
  output_value_yuan: Yuan;
  tax_yuan: Yuan;
}

export interface ParkContactsTable {
  id: Generated<string>;
  enterprise_id: string;
  name_enc: string;
  name_masked: string;
  title: string | null;
  phone_enc: string | null;
  phone_masked: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ParkRetrofitsTable {
  id: Generated<string>;
  enterprise_id: string;
  name: string;
  scope: string;
  budget_yuan: Yuan;
  subsidy_yuan: Yuan;
  status: RetrofitStatus;
  started_on: DayOrNull;
  completed_on: DayOrNull;
  output_before: number | null;
  output_after: number | null;
  /** numeric(7,4) percent, read as text. */
  yield_before: string | null;
  yield_after: string | null;
  staff_before: number | null;
  staff_after: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ParkRetrofitMilestonesTable {
  retrofit_id: string;
  position: number;
  name: string;
  due_on: Day;
  done_on: DayOrNull;
}

export interface ParkCertificationsTable {
  id: Generated<string>;
  enterprise_id: string;
  kind: CertificationKind;
  title: string;
  status: CertificationStatus;
  applied_on: Day;
  retrofit_id: string | null;
  documents: ColumnType<{ name: string; note: string | null }[], string, string>;
  score_total: number | null;
  decided_on: DayOrNull;
  decision_note: string | null;
  certificate_no: string | null;
  valid_until: DayOrNull;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ParkCertificationFilesTable {
  id: Generated<string>;
  certification_id: string;
  file_name: string;
  kind: CertFileKind;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface ParkCertificationItemsTable {
  certification_id: string;
  code: string;
  max_score: number;
  score: number;
  document: string | null;
  note: string | null;
}

export interface ParkCertificationStepsTable {
  id: Generated<number>;
  certification_id: string;
  step: 'apply' | 'review' | 'decide';
  at: Generated<Date>;
  by_user: string | null;
  note: string | null;
}

export interface ParkSitesTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  name: string;
  kind: SiteKind;
  zone: string | null;
  area_m2: number;
  condition: SiteCondition;
  status: SiteStatus;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface ParkLeasesTable {
  id: Generated<string>;
  site_id: string;
  enterprise_id: string;
  starts_on: Day;
  ends_on: Day;
  area_m2: number;
  rent_yuan_month: Yuan;
  revives: boolean;
  ended_on: DayOrNull;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ParkChainsTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  name: string;
  position: Generated<number>;
}
export interface ParkChainLinksTable {
  id: Generated<string>;
  chain_id: string;
  name: string;
  tier: ChainTier;
  position: Generated<number>;
}
export interface ParkChainLinkEnterprisesTable {
  link_id: string;
  enterprise_id: string;
}
export interface ParkChainEdgesTable {
  from_link: string;
  to_link: string;
  note: string | null;
}

export interface ParkTables {
  park_chains: ParkChainsTable;
  park_chain_links: ParkChainLinksTable;
  park_chain_link_enterprises: ParkChainLinkEnterprisesTable;
  park_chain_edges: ParkChainEdgesTable;
  park_sites: ParkSitesTable;
  park_leases: ParkLeasesTable;
  park_retrofits: ParkRetrofitsTable;
  park_retrofit_milestones: ParkRetrofitMilestonesTable;
  park_certifications: ParkCertificationsTable;
  park_certification_items: ParkCertificationItemsTable;
  park_certification_files: ParkCertificationFilesTable;
  park_certification_steps: ParkCertificationStepsTable;
  park_batches: ParkBatchesTable;
  park_projects: ParkProjectsTable;
  park_project_stages: ParkProjectStagesTable;
  park_enterprises: ParkEnterprisesTable;
  park_enterprise_years: ParkEnterpriseYearsTable;
  park_contacts: ParkContactsTable;
}

/** The database as park code sees it: the platform's tables (the directory, audit, …) and its own, no other module's. */
export type Database = PlatformDatabase & ParkTables;
export type DB = Kysely<Database>;
export type Transaction = KyselyTransaction<Database>;
export type Tx = DB | Transaction;
export type ModuleContext = PlatformModuleContext<Database>;

/** The park's view of the context the platform hands to its hooks. */
export const parkContext = (ctx: PlatformModuleContext): ModuleContext => moduleView<ParkTables>(ctx);
/** A handle on the whole database (tests, the composition root) seen with the park's tables only. */
export const parkDb = narrowDb<Database>();
