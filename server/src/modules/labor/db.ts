import type { ColumnType, Generated, Kysely, Transaction as KyselyTransaction } from 'kysely';
import { narrowDb } from '../../platform/db';
import type { JsonOf, PlatformDatabase, Timestamp } from '../../platform/db/tables';
import type { ImportEnv as PlatformImportEnv, Importer as PlatformImporter } from '../../platform/excel/importer';
import { moduleView, type ModuleContext as PlatformModuleContext } from '../../platform/module';
import type { TextRef } from '@gearbridge/contracts/messages';

/** A server-written text as a key with parameters (texts.ts), jsonb read as TextRef, written as JSON; null: none. */
type TextRefJson = ColumnType<TextRef | null, string | null, string | null>;

/**
 * The labour module's tables (migrations in server/migrations/labor/): workers, postings, shares, referrals, region
 * pairs; job-fair allocations, follow-ups and anti-relapse alerts, training, workshops and public-welfare posts.
 */
type Day = ColumnType<string, string, string>;
type DayOrNull = ColumnType<string | null, string | null | undefined, string | null>;

export interface LaborAllocationsTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  mode: 'stable' | 'optimal';
  min_score: number;
  status: Generated<'draft' | 'confirmed' | 'discarded'>;
  stats: JsonOf<Record<string, number>>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_by: string | null;
  updated_at: Timestamp;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  discarded_by: string | null;
  discarded_at: Date | null;
}

export interface LaborAllocationPostingsTable {
  allocation_id: string;
  posting_id: string;
  capacity: number;
}

export interface LaborAllocationEntriesTable {
  id: Generated<string>;
  allocation_id: string;
  worker_id: string;
  posting_id: string | null;
  score: number | null;
  explanation: ColumnType<unknown, string | null, string | null>;
  source: Generated<'engine' | 'manual'>;
  referral_id: string | null;
  updated_at: Timestamp;
}

export type LaborFollowUpOutcome = 'same_employer' | 'other_employer' | 'not_employed';
export type LaborContactMethod = 'phone' | 'visit' | 'wechat' | 'other';

export interface LaborFollowUpsTable {
  id: Generated<string>;
  referral_id: string;
  worker_id: string;
  milestone: number;
  due_on: Day;
  outcome: LaborFollowUpOutcome | null;
  monthly_wage: number | null;
  problems: string | null;
  contact_method: LaborContactMethod | null;
  contacted_on: DayOrNull;
  recorded_by: string | null;
  recorded_at: Date | null;
  created_at: Generated<Date>;
}

export interface LaborRelapseAlertsTable {
  id: Generated<string>;
  worker_id: string;
  trigger: 'status_change' | 'followup';
  followup_id: string | null;
  reason: string;
  reason_ref: TextRefJson;
  status: Generated<'open' | 'acknowledged' | 'closed'>;
  raised_at: Generated<Date>;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
  closed_by: string | null;
  closed_at: Date | null;
  close_note: string | null;
}

export interface LaborTrainingClassesTable {
  id: Generated<string>;
  org_id: string;
  provider_org_id: string | null;
  provider_name: string | null;
  title: string;
  occupation_code: string;
  starts_on: Day;
  ends_on: Day;
  place: string | null;
  capacity: number;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export type LaborParticipantStatus = 'enrolled' | 'passed' | 'failed' | 'dropped';
export interface LaborTrainingParticipantsTable {
  id: Generated<string>;
  class_id: string;
  worker_id: string;
  status: Generated<LaborParticipantStatus>;
  enrolled_on: Day;
  completed_on: DayOrNull;
  note: string | null;
  certificate_name: string | null;
  certificate_number: string | null;
  certificate_issued_on: DayOrNull;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface LaborWorkshopsTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  enterprise_org_id: string | null;
  enterprise_name: string | null;
  region_code: string;
  address: string | null;
  products: string | null;
  recognised_on: DayOrNull;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface LaborWorkshopWorkersTable {
  id: Generated<string>;
  workshop_id: string;
  worker_id: string;
  joined_on: Day;
  left_on: DayOrNull;
  leave_reason: string | null;
}

export interface LaborWelfarePostsTable {
  id: Generated<string>;
  org_id: string;
  post_name: string;
  unit_name: string | null;
  region_code: string;
  funding_source: string;
  holder_worker_id: string | null;
  term_from: Day;
  term_to: Day;
  monthly_subsidy: number;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export type LaborWorkerStatus = 'unemployed' | 'employed_local' | 'employed_out_of_province' | 'self_employed' | 'public_welfare_post' | 'in_training' | 'unable_to_work';
export type LaborEducation = 'none' | 'primary' | 'junior_secondary' | 'senior_secondary' | 'secondary_vocational' | 'college' | 'bachelor' | 'postgraduate';
export type LaborSkillLevel = 'none' | 'level5' | 'level4' | 'level3' | 'level2' | 'level1';

export interface LaborSkillJson {
  code: string;
  level: LaborSkillLevel;
}
export interface LaborCertificateJson {
  name: string;
  occupationCode?: string | null;
  level?: LaborSkillLevel | null;
  issuedOn?: string | null;
}

export interface LaborWorkersTable {
  id: Generated<string>;
  org_id: string;
  caseworker_id: string | null;
  id_enc: string;
  id_hash: string;
  name_enc: string;
  name_hash: string;
  name_masked: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  gender: 'male' | 'female';
  birth_date: ColumnType<string, string, string>;
  home_region_code: string;
  home_village: string | null;
  registered_poor: Generated<boolean>;
  monitoring_category: 'unstable' | 'marginal' | 'sudden_hardship' | null;
  education: Generated<LaborEducation>;
  skills: JsonOf<LaborSkillJson[]>;
  certificates: JsonOf<LaborCertificateJson[]>;
  work_ability: Generated<'full' | 'partial' | 'unable'>;
  disability: string | null;
  status: LaborWorkerStatus;
  status_since: ColumnType<string, string, string>;
  wanted_occupations: string[];
  wanted_regions: string[];
  min_monthly_wage: number | null;
  needs_housing: Generated<boolean>;
  available_from: ColumnType<string | null, string | null, string | null>;
  needs_note: string | null;
  consent_share: Generated<boolean>;
  consent_at: Date | null;
  consent_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface LaborWorkerStatusHistoryTable {
  id: Generated<number>;
  worker_id: string;
  status: LaborWorkerStatus;
  previous_status: LaborWorkerStatus | null;
  effective_on: ColumnType<string, string, string>;
  reason: string | null;
  reason_ref: TextRefJson;
  changed_by: string | null;
  changed_at: Generated<Date>;
}

export interface LaborPostingsTable {
  id: Generated<string>;
  org_id: string;
  posted_by_org_id: string;
  created_by: string | null;
  title: string;
  occupation_code: string;
  headcount: number;
  open_headcount: number;
  wage_min: number;
  wage_max: number;
  work_region_code: string;
  work_address: string | null;
  requirements: string | null;
  required_certificates: string[];
  age_min: number | null;
  age_max: number | null;
  housing: Generated<boolean>;
  meals: Generated<boolean>;
  transport_subsidy: Generated<number>;
  valid_from: ColumnType<string, string, string>;
  valid_to: ColumnType<string, string, string>;
  status: Generated<'open' | 'closed'>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface LaborSharesTable {
  id: Generated<string>;
  kind: 'worker' | 'posting';
  worker_id: string | null;
  posting_id: string | null;
  from_org_id: string;
  to_org_id: string;
  note: string | null;
  shared_by: string | null;
  shared_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export type LaborReferralStatus = 'recommended' | 'contacted' | 'interviewed' | 'hired' | 'declined' | 'started';
export interface LaborReferralsTable {
  id: Generated<string>;
  worker_id: string;
  posting_id: string;
  status: Generated<LaborReferralStatus>;
  note: string | null;
  note_ref: TextRefJson;
  step_note: string | null;
  declined_stage: Exclude<LaborReferralStatus, 'declined' | 'started'> | null;
  declined_reason: string | null;
  created_by: string | null;
  updated_by: string | null;
  recommended_at: Generated<Date>;
  contacted_at: Date | null;
  interviewed_at: Date | null;
  hired_at: Date | null;
  started_on: ColumnType<string | null, string | null, string | null>;
  declined_at: Date | null;
  updated_at: Timestamp;
}

/** East–West pairs (migration labor/0006_create_region_pairs): GB/T 2260 codes of the regions tree. */
export interface LaborRegionPairsTable {
  west_region_code: string;
  east_region_code: string;
  note: string | null;
  created_at: Generated<Date>;
}

export interface LaborTables {
  labor_region_pairs: LaborRegionPairsTable;
  labor_workers: LaborWorkersTable;
  labor_worker_status_history: LaborWorkerStatusHistoryTable;
  labor_postings: LaborPostingsTable;
  labor_shares: LaborSharesTable;
  labor_referrals: LaborReferralsTable;
  labor_allocations: LaborAllocationsTable;
  labor_allocation_postings: LaborAllocationPostingsTable;
  labor_allocation_entries: LaborAllocationEntriesTable;
  labor_followups: LaborFollowUpsTable;
  labor_relapse_alerts: LaborRelapseAlertsTable;
  labor_training_classes: LaborTrainingClassesTable;
  labor_training_participants: LaborTrainingParticipantsTable;
  labor_workshops: LaborWorkshopsTable;
  labor_workshop_workers: LaborWorkshopWorkersTable;
  labor_welfare_posts: LaborWelfarePostsTable;
}

/** The database as labour code sees it: the platform's tables (the directory, audit, …) and its own, no other module's. */
export type Database = PlatformDatabase & LaborTables;
export type DB = Kysely<Database>;
export type Transaction = KyselyTransaction<Database>;
export type ModuleContext = PlatformModuleContext<Database>;
export type Importer<Row> = PlatformImporter<Row, Database>;
export type ImportEnv = PlatformImportEnv<Database>;

/** Labour's view of the context the platform hands to its hooks. */
export const laborContext = (ctx: PlatformModuleContext): ModuleContext => moduleView<LaborTables>(ctx);
/** A handle on the whole database (tests, the composition root) seen with labour's tables only. */
export const laborDb = narrowDb<Database>();
