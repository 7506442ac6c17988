import type { ColumnType, Generated } from 'kysely';
import type { LaborTables } from './schema.labor';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

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

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: Generated<Date>;
  success: boolean;
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

export interface FactorySitesTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  name: string;
  region_code: string | null;
  created_at: Generated<Date>;
}
export interface FactoryAreasTable {
  id: Generated<string>;
  site_id: string;
  code: string;
  name: string;
}
export interface FactoryLinesTable {
  id: Generated<string>;
  area_id: string;
  org_id: string;
  code: string;
  name_zh: string;
  name_en: string;
  product: string | null;
}
export interface FactoryCellsTable {
  id: Generated<string>;
  line_id: string;
  code: string;
  name: string;
}
export interface FactorySparkplugGroupsTable {
  group_id: string;
  org_id: string;
  site_id: string;
}
export interface FactoryDevicesTable {
  id: Generated<string>;
  num: Generated<number>;
  org_id: string;
  site_id: string;
  line_id: string | null;
  cell_id: string | null;
  code: string;
  kind: 'cnc' | 'washer' | 'leak_tester' | 'cmm' | 'laser_marker' | 'robot' | 'agv' | 'other';
  name_zh: string;
  name_en: string;
  ideal_cycle_s: number | null;
  sp_group: string;
  sp_node: string;
  sp_device: string;
  online: Generated<boolean>;
  last_seen_at: Date | null;
  last_birth_at: Date | null;
  discovered: Generated<boolean>;
  created_at: Generated<Date>;
}
export interface FactoryMetricsTable {
  id: Generated<number>;
  device_num: number;
  name: string;
  datatype: string;
  unit: string | null;
}
export interface FactoryTelemetryTable {
  device_num: number;
  metric_id: number;
  ts: Date;
  value: number | null;
  value_text: string | null;
}
export interface FactoryTelemetry1mTable {
  device_num: number;
  metric_id: number;
  bucket: Date;
  n: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  last_ts: Date;
}
export interface FactoryRollupQueueTable {
  bucket: Date;
  marks: Generated<number>;
}
export interface FactoryDeadLettersTable {
  id: Generated<number>;
  at: Generated<Date>;
  topic: string;
  reason: string;
  detail: string;
  payload: Buffer | null;
}
export interface FactoryDeviceEventsTable {
  id: Generated<number>;
  device_num: number;
  at: Date;
  kind: 'online' | 'offline';
  reason: string | null;
}

export interface FactoryStateIntervalsTable {
  id: Generated<number>;
  device_num: number;
  state: 'running' | 'idle' | 'down' | 'setup' | 'planned_stop' | 'offline';
  reason_code: number | null;
  started_at: Date;
  ended_at: Date | null;
}
export interface FactoryShiftsTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  name: string;
  start_time: string;
  end_time: string;
  breaks: ColumnType<{ start: string; end: string }[], string, string>;
  position: number;
}

export interface FactoryAlarmCodesTable {
  org_id: string;
  code: number;
  name_zh: string;
  name_en: string;
}
export type Severity = 'info' | 'warning' | 'critical';
export interface FactoryAlarmRulesTable {
  id: Generated<string>;
  org_id: string;
  device_id: string | null;
  device_kind: string | null;
  metric: string;
  op: '>' | '>=' | '<' | '<=';
  threshold: number;
  severity: Severity;
  name_zh: string;
  name_en: string;
  enabled: Generated<boolean>;
  created_at: Generated<Date>;
}
export interface FactoryAlarmsTable {
  id: Generated<number>;
  org_id: string;
  device_num: number;
  source: 'device' | 'rule';
  code: string;
  severity: Severity;
  message_zh: string;
  message_en: string;
  value: number | null;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  note: string | null;
  updated_at: Generated<Date>;
}

export interface Database extends LaborTables {
  regions: RegionsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  roles: RolesTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  import_jobs: ImportJobsTable;
  factory_sites: FactorySitesTable;
  factory_areas: FactoryAreasTable;
  factory_lines: FactoryLinesTable;
  factory_cells: FactoryCellsTable;
  factory_sparkplug_groups: FactorySparkplugGroupsTable;
  factory_devices: FactoryDevicesTable;
  factory_metrics: FactoryMetricsTable;
  factory_telemetry: FactoryTelemetryTable;
  factory_telemetry_1m: FactoryTelemetry1mTable;
  factory_rollup_queue: FactoryRollupQueueTable;
  factory_dead_letters: FactoryDeadLettersTable;
  factory_device_events: FactoryDeviceEventsTable;
  factory_state_intervals: FactoryStateIntervalsTable;
  factory_shifts: FactoryShiftsTable;
  factory_alarm_codes: FactoryAlarmCodesTable;
  factory_alarm_rules: FactoryAlarmRulesTable;
  factory_alarms: FactoryAlarmsTable;
}
