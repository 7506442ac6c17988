import type { ColumnType, Generated, Kysely, Transaction as KyselyTransaction } from 'kysely';
import type { ImportEnv as PlatformImportEnv, Importer as PlatformImporter } from '../../platform/excel/importer';
import { narrowDb } from '../../platform/db';
import type { PlatformDatabase, Timestamp } from '../../platform/db/tables';
import { moduleView, type ModuleContext as PlatformModuleContext } from '../../platform/module';

/** The talent module's tables (migrations in server/migrations/talent/). */
type Day = ColumnType<string, string, string>;
type DayOrNull = ColumnType<string | null, string | null | undefined, string | null>;
type Sector = 'health' | 'education' | 'agriculture' | 'cadre' | 'science' | 'other';
export type Direction = 'west_to_east' | 'east_to_west';

export interface TalentPartnershipsTable {
  id: Generated<string>;
  name: string;
  west_region_code: string;
  east_region_code: string;
  parent_id: string | null;
  since: DayOrNull;
  created_at: Generated<Date>;
}

export interface TalentProgrammesTable {
  id: Generated<string>;
  partnership_id: string;
  name: string;
  sector: Sector;
  direction: Direction | 'both';
  started_on: DayOrNull;
  description: string | null;
  created_at: Generated<Date>;
}

export interface TalentPeopleTable {
  id: Generated<string>;
  org_id: string;
  kind: 'cadre' | 'professional';
  name: string;
  id_enc: string;
  id_hash: string;
  id_masked: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  gender: 'male' | 'female';
  birth_date: Day;
  unit: string;
  post: string;
  title_code: string | null;
  specialties: string[];
  sector: Sector;
  availability: Generated<'available' | 'on_assignment' | 'unavailable'>;
  available_from: DayOrNull;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface TalentSecondmentsTable {
  id: Generated<string>;
  person_id: string;
  org_id: string;
  direction: Direction;
  host_org_id: string | null;
  host_unit: string;
  post: string;
  starts_on: Day;
  ends_on: Day;
  programme_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface TalentSecondmentReportsTable {
  id: Generated<string>;
  secondment_id: string;
  reported_on: Day;
  kind: 'monthly' | 'quarterly' | 'midterm' | 'final' | 'other';
  summary: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TalentPairingsTable {
  id: Generated<string>;
  kind: 'school' | 'hospital' | 'other';
  west_org_id: string;
  east_org_id: string;
  programme_id: string | null;
  started_on: Day;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TalentPairingAgreementsTable {
  id: Generated<string>;
  pairing_id: string;
  title: string;
  signed_on: Day;
  starts_on: Day;
  ends_on: DayOrNull;
  document_name: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TalentDemandsTable {
  id: Generated<string>;
  org_id: string;
  title: string;
  sector: Sector;
  specialties: string[];
  min_level: number | null;
  headcount: number;
  starts_on: Day;
  ends_on: Day;
  goals: string;
  programme_id: string | null;
  closed_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface TalentDispatchesTable {
  id: Generated<string>;
  demand_id: string;
  person_id: string;
  org_id: string;
  status: Generated<'pending' | 'approved' | 'declined'>;
  score: number;
  explanation: ColumnType<unknown, string, string>;
  note: string | null;
  issued_by: string | null;
  issued_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  secondment_id: string | null;
}

type Kind = 'lecture' | 'open_class' | 'training' | 'consultation' | 'surgery';
export interface TalentActivitiesTable {
  id: Generated<string>;
  org_id: string;
  kind: Kind;
  title: string;
  sector: Sector;
  direction: Direction;
  venue: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  speaker_id: string | null;
  programme_id: string | null;
  pairing_id: string | null;
  dispatch_id: string | null;
  signin_token: string;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface TalentSigninsTable {
  id: Generated<string>;
  activity_id: string;
  name: string;
  unit: string;
  phone_enc: string;
  phone_hash: string;
  phone_masked: string;
  created_at: Generated<Date>;
}
export interface TalentSigninAttemptsTable {
  activity_id: string | null;
  ip_hash: string;
  at: Generated<Date>;
}
export interface TalentMentorshipsTable {
  id: Generated<string>;
  org_id: string;
  mentor_id: string;
  sector: Sector;
  direction: Direction;
  starts_on: Day;
  ends_on: DayOrNull;
  goals: string;
  programme_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface TalentMenteesTable {
  id: Generated<string>;
  mentorship_id: string;
  name: string;
  unit: string;
  created_at: Generated<Date>;
}
export interface TalentMentoringLogsTable {
  id: Generated<string>;
  mentorship_id: string;
  logged_on: Day;
  summary: string;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface TalentOutcomesTable {
  id: Generated<string>;
  org_id: string;
  kind: 'facility' | 'discipline' | 'award' | 'other';
  title: string;
  achieved_on: Day;
  description: string | null;
  programme_id: string | null;
  pairing_id: string | null;
  dispatch_id: string | null;
  mentorship_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

type PlanStatus = 'not_started' | 'in_progress' | 'done' | 'cancelled' | 'carried_over';
export interface TalentPlansTable {
  id: Generated<string>;
  partnership_id: string;
  year: number;
  title: string;
  org_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
  /** Closed by the keeping side (talent/0005): its items are read-only until reopened. */
  closed_at: Date | null;
  closed_by: string | null;
}
export interface TalentPlanItemsTable {
  id: Generated<string>;
  plan_id: string;
  seq: number;
  area: 'organisation' | 'labour' | 'talent' | 'industry' | 'villages' | 'consumption' | 'other';
  content: string;
  lead_org_id: string;
  deadline: Day;
  status: Generated<PlanStatus>;
  programme_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  /** The previous year's item this one carries over (talent/0006); at most one item per origin. */
  carried_from_id: Generated<string | null>;
}
export interface TalentPlanItemUnitsTable {
  item_id: string;
  org_id: string;
}
export interface TalentPlanNotesTable {
  id: Generated<string>;
  item_id: string;
  org_id: string;
  noted_on: Day;
  text: string;
  status: PlanStatus | null;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface TalentVisitsTable {
  id: Generated<string>;
  partnership_id: string;
  org_id: string;
  kind: 'visit' | 'joint_meeting';
  direction: Direction | null;
  title: string;
  starts_on: Day;
  ends_on: Day;
  delegation: string;
  places: string;
  decisions: string;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface TalentVisitFollowupsTable {
  id: Generated<string>;
  visit_id: string;
  plan_item_id: string;
  content: string;
  created_at: Generated<Date>;
}

export interface TalentTables {
  talent_partnerships: TalentPartnershipsTable;
  talent_programmes: TalentProgrammesTable;
  talent_people: TalentPeopleTable;
  talent_secondments: TalentSecondmentsTable;
  talent_secondment_reports: TalentSecondmentReportsTable;
  talent_pairings: TalentPairingsTable;
  talent_pairing_agreements: TalentPairingAgreementsTable;
  talent_demands: TalentDemandsTable;
  talent_dispatches: TalentDispatchesTable;
  talent_activities: TalentActivitiesTable;
  talent_signins: TalentSigninsTable;
  talent_signin_attempts: TalentSigninAttemptsTable;
  talent_mentorships: TalentMentorshipsTable;
  talent_mentees: TalentMenteesTable;
  talent_mentoring_logs: TalentMentoringLogsTable;
  talent_outcomes: TalentOutcomesTable;
  talent_plans: TalentPlansTable;
  talent_plan_items: TalentPlanItemsTable;
  talent_plan_item_units: TalentPlanItemUnitsTable;
  talent_plan_notes: TalentPlanNotesTable;
  talent_visits: TalentVisitsTable;
  talent_visit_followups: TalentVisitFollowupsTable;
}

/** The database as talent code sees it: the platform's tables (the directory, audit, …) and its own, no other module's. */
export type Database = PlatformDatabase & TalentTables;
export type DB = Kysely<Database>;
export type Transaction = KyselyTransaction<Database>;
export type Tx = DB | Transaction;
export type ModuleContext = PlatformModuleContext<Database>;

/** Talent's view of the context the platform hands to its hooks. */
export const talentContext = (ctx: PlatformModuleContext): ModuleContext => moduleView<TalentTables>(ctx);
/** A handle on the whole database (tests, the composition root) seen with talent's tables only. */
export const talentDb = narrowDb<Database>();

export type Importer<Row> = PlatformImporter<Row, Database>;
export type ImportEnv = PlatformImportEnv<Database>;
