import type { ColumnType, Generated } from 'kysely';
import type { LaborTables2 } from './schema.labor2';

/** Kysely table interfaces of the labour module (migration 0005_labor_*); merged into Database in schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb read as parsed JSON, written as a JSON string. */
type JsonOf<T> = ColumnType<T, string, string>;

export type LaborWorkerStatus =
  | 'unemployed'
  | 'employed_local'
  | 'employed_out_of_province'
  | 'self_employed'
  | 'public_welfare_post'
  | 'in_training'
  | 'unable_to_work';
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

/** East–West pairs (migration 0008_labor_create_region_pairs): GB/T 2260 codes of the regions tree. */
export interface LaborRegionPairsTable {
  west_region_code: string;
  east_region_code: string;
  note: string | null;
  created_at: Generated<Date>;
}

export interface LaborTables extends LaborTables2 {
  labor_region_pairs: LaborRegionPairsTable;
  labor_workers: LaborWorkersTable;
  labor_worker_status_history: LaborWorkerStatusHistoryTable;
  labor_postings: LaborPostingsTable;
  labor_shares: LaborSharesTable;
  labor_referrals: LaborReferralsTable;
}
