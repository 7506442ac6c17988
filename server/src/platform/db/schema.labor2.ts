import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely table interfaces of the labour module's second part (migrations 0006_labor_*): job-fair allocations,
 * follow-ups and anti-relapse alerts, training, workshops and public-welfare posts. Merged into LaborTables.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Day = ColumnType<string, string, string>;
type DayOrNull = ColumnType<string | null, string | null | undefined, string | null>;
/** jsonb read as parsed JSON, written as a JSON string. */
type JsonOf<T> = ColumnType<T, string, string>;

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

export interface LaborTables2 {
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
