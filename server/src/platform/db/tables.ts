import type { ColumnType, Generated } from 'kysely';

/**
 * The platform's slice of the database types. Each module declares its own slice in modules/<name>/db.ts; the
 * composition root (server/src/app.ts) intersects them into the full Database.
 */

/** A timestamptz column that may be left to its default on insert. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb read as parsed JSON, written as a JSON string (or null). */
export type Json = ColumnType<unknown, string | null, string | null>;
/** jsonb read as T, written as a JSON string. */
export type JsonOf<T> = ColumnType<T, string, string>;

/*
 * The directory: organisations in the GB/T 2260 region tree, users and their role grants. The identity module
 * creates these tables (its migrations) and is the only one that changes organisations, users and roles through
 * the API; the types live here because the platform itself reads them (a session resolves to an Actor through
 * users, organisations and roles; orgInScopeSql filters by organisations) and every module joins them, while no
 * module may import another.
 */

export interface RegionsTable {
  code: string;
  parent_code: string | null;
  name: string;
  level: 'province' | 'city' | 'county' | 'town' | 'village';
  full_name: string;
}

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  kind: 'enterprise' | 'government' | 'park_admin' | 'hospital' | 'school' | 'training_provider';
  region_code: string;
  uscc: string | null;
  contact_name: string | null;
  address: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  org_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  status: Generated<'active' | 'disabled'>;
  locale: Generated<'zh-CN' | 'en'>;
  last_login_at: Date | null;
  password_changed_at: Timestamp;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface RolesTable {
  id: Generated<string>;
  org_id: string | null;
  code: string;
  name_zh: string;
  name_en: string;
  permissions: string[];
  built_in: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface UserRolesTable {
  id: Generated<number>;
  user_id: string;
  role_id: string;
  region_code: string | null;
}

/* The platform's own tables: sessions, the audit log, pending spreadsheet imports. */

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
}

export interface ImportJobsTable {
  id: Generated<string>;
  kind: string;
  file_name: string;
  user_id: string;
  org_id: string;
  status: Generated<'pending' | 'confirmed' | 'discarded'>;
  total_rows: number;
  valid_rows: number;
  errors: Json;
  rows: Json;
  created_at: Generated<Date>;
  confirmed_at: Date | null;
}

/** The tables every module may read: the directory (written by the identity module). */
export interface DirectoryTables {
  regions: RegionsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  roles: RolesTable;
  user_roles: UserRolesTable;
}

/** Tables only the platform writes. */
export interface PlatformTables {
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  import_jobs: ImportJobsTable;
}

/** What platform code queries, and what every module's view of the database starts from. */
export type PlatformDatabase = DirectoryTables & PlatformTables;
