import type { ColumnType, Generated, Kysely } from 'kysely';
import { narrowDb, narrowHandle, type DbHandle as PlatformDbHandle } from '../../platform/db';
import type { PlatformDatabase } from '../../platform/db/tables';
import { moduleHandle, moduleView, type ModuleContext as PlatformModuleContext } from '../../platform/module';
import type { FactoryConfig } from './config';
import type { MessageRef } from '@gearbridge/contracts/messages';

/** The factory's tables (migrations in server/migrations/factory/); the platform's slice is in platform/db/tables.ts. */

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
  /** Units a shift is expected to make (migration 0006). */
  shift_target: number | null;
  /** Nonconforming units per million the line is expected to stay under (migration 0008). */
  ppm_target: number | null;
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
  /** The whole message's size; null on a summary row and on rows from before migration 0005 without payload. */
  size: number | null;
  sha256: string | null;
  truncated: Generated<boolean>;
  /** Rejected messages the row stands for: 1, or n on a summary row (over the rate limit: counted, not stored). */
  messages: Generated<number>;
  summary_key: string | null;
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
  source: 'device' | 'rule' | 'spc' | 'tool';
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

export interface FactoryProductsTable {
  id: Generated<string>;
  org_id: string;
  part_no: string;
  revision: string;
  name_zh: string;
  name_en: string;
  gtin: string | null;
  line_id: string | null;
  created_at: Generated<Date>;
}
export interface FactoryRoutingOpsTable {
  id: Generated<string>;
  product_id: string;
  op: string;
  seq: number;
  name_zh: string;
  name_en: string;
  station_kind: string;
  ideal_cycle_s: number;
  marks: Generated<boolean>;
}
export interface FactoryCharacteristicsTable {
  id: Generated<string>;
  op_id: string;
  product_id: string;
  code: string;
  name_zh: string;
  name_en: string;
  unit: string;
  nominal: number;
  lsl: number | null;
  usl: number | null;
  decimals: Generated<number>;
  chart: Generated<'xbar_r' | 'xbar_s' | 'i_mr' | 'p' | 'u'>;
  subgroup_size: Generated<number>;
  rules: ColumnType<string[], string[] | undefined, string[]>;
  /** u chart: the defect codes counted (null: all); migration 0011. */
  defect_codes: string[] | null;
  /** p and u charts: minutes of completions a subgroup spans. */
  subgroup_minutes: number | null;
}
export interface FactoryToolsTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  kind: 'cutting' | 'fixture' | 'gauge';
  description: Generated<string>;
  life_limit: number | null;
  uses: Generated<number>;
  status: Generated<'active' | 'blocked' | 'retired'>;
  life_alarm_at: Date | null;
  created_at: Generated<Date>;
}
/** A unit's rows copied when it left the line (migration 0015, production/traces.ts). */
export interface FactoryUnitTracesTable {
  unit_id: number;
  ops: unknown;
  meas: unknown;
  comps: unknown;
  tools: unknown;
  params: unknown;
  built_at: Generated<Date>;
}
export interface FactoryUnitTraceQueueTable {
  unit_id: number;
}
export interface FactoryUnitOpToolsTable {
  unit_id: number;
  op: string;
  tool_id: string;
  slot: string;
  used_at: Date;
}
export interface FactoryComponentsTable {
  id: Generated<string>;
  org_id: string;
  code: string;
  part_no: string;
  name_zh: string;
  name_en: string;
  supplier: string | null;
}
export interface FactoryBomItemsTable {
  product_id: string;
  op_id: string;
  component_id: string;
  qty: number;
}
export interface FactoryComponentLotsTable {
  id: Generated<number>;
  component_id: string;
  lot_no: string;
  received_at: Date | null;
  first_seen_at: Generated<Date>;
  /** Blocked when an NCR returns it to its supplier (migration 0010). */
  blocked_at: Date | null;
  blocked_ncr_id: string | null;
}
export type WorkOrderStatus = 'planned' | 'released' | 'completed' | 'closed' | 'cancelled';
export interface FactoryWorkOrdersTable {
  id: Generated<string>;
  org_id: string;
  number: string;
  product_id: string;
  line_id: string;
  qty: number;
  due_date: ColumnType<string, string, string>;
  status: Generated<WorkOrderStatus>;
  note: string | null;
  released_at: Date | null;
  closed_at: Date | null;
  closed_good: number | null;
  closed_nok: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
  /** Another module's order line this work order was made for (migration 0013, interface/orders.ts). */
  external_ref: Generated<string | null>;
  /** The customer the order line's buyer is, when the request named one (migration 0015): its units ship to it. */
  customer: Generated<string | null>;
  /** The order this one took its line from (migration 0017): it goes back on the line when this one is done. */
  displaced_id: Generated<string | null>;
}
export type UnitStatus = 'wip' | 'done' | 'nok' | 'scrapped';
export interface FactoryUnitsTable {
  /** bigint, read as a number (platform/db). */
  id: Generated<number>;
  org_id: string;
  serial: string;
  product_id: string;
  work_order_id: string | null;
  line_id: string;
  status: Generated<UnitStatus>;
  last_op: string | null;
  product_serial: string | null;
  gs1: string | null;
  held: Generated<boolean>;
  hold_reason: string | null;
  born_at: Date;
  done_at: Date | null;
}
export interface FactoryUnitOpsTable {
  unit_id: number;
  op: string;
  device_num: number | null;
  started_at: Date | null;
  completed_at: Date | null;
  result: 'OK' | 'NOK' | null;
  defect_code: string | null;
  source: 'device' | 'manual';
  operator_id: string | null;
}
export interface FactoryMeasurementsTable {
  characteristic_id: string;
  unit_id: number;
  value: number;
  measured_at: Date;
  device_num: number | null;
  source: 'device' | 'manual' | 'import';
}
export interface FactoryUnitComponentsTable {
  unit_id: number;
  lot_id: number;
  op: string;
  qty: number;
  bound_at: Date;
}
export interface FactoryDefectCodesTable {
  org_id: string;
  code: string;
  name_zh: string;
  name_en: string;
}

export interface FactorySpcLimitsTable {
  id: Generated<string>;
  characteristic_id: string;
  revision: number;
  limits: ColumnType<unknown, string, string>;
  study_from: Date;
  study_to: Date;
  study_values: number;
  reason: string;
  /** The system's own reason as a message key with parameters (migration 0008); null: a person's words. */
  reason_ref: ColumnType<MessageRef | null, string | null, string | null>;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface FactorySpcSignalsTable {
  id: Generated<number>;
  characteristic_id: string;
  limits_id: string;
  rule: string;
  chart: 'location' | 'spread';
  at: Date;
  unit_id: number | null;
  device_num: number | null;
  alarm_id: number | null;
  created_at: Generated<Date>;
}

export interface FactoryShiftCrewsTable {
  org_id: string;
  line_id: string;
  day: ColumnType<string, string, string>;
  shift_code: string;
  user_id: string;
}
/** That a line's shift crew was set for a day (possibly to nobody): the carried-forward crew's source (0012). */
export interface FactoryShiftCrewDaysTable {
  org_id: string;
  line_id: string;
  shift_code: string;
  day: ColumnType<string, string, string>;
}
/** Logistics (migration 0007). */
export interface FactoryDeliveriesTable {
  id: Generated<string>;
  org_id: string;
  number: string;
  customer: string;
  shipped_at: Date;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface FactoryPalletsTable {
  id: Generated<string>;
  org_id: string;
  line_id: string;
  sscc: string;
  status: Generated<'open' | 'closed'>;
  location: Generated<string>;
  received_at: Date | null;
  delivery_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  closed_at: Date | null;
}
export interface FactoryBoxesTable {
  id: Generated<string>;
  org_id: string;
  line_id: string;
  number: string;
  status: Generated<'open' | 'closed'>;
  pallet_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  closed_at: Date | null;
}
export interface FactoryPackedUnitsTable {
  unit_id: number;
  box_id: string | null;
  pallet_id: string | null;
  packed_at: Generated<Date>;
  packed_by: string | null;
}
export type TransferOrderStatus = 'pending' | 'sent' | 'accepted' | 'picked' | 'delivered' | 'failed' | 'timed_out';
export interface FactoryTransferOrdersTable {
  id: Generated<string>;
  org_id: string;
  number: string;
  pallet_id: string;
  device_num: number;
  from_loc: string;
  to_loc: string;
  status: Generated<TransferOrderStatus>;
  reason: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
  answered_at: Date | null;
  updated_at: Generated<Date>;
}
/** Nonconformance records (migration 0010). */
export type NcrStatus = 'open' | 'dispositioned' | 'closed' | 'cancelled';
export type NcrSource = 'unit_nok' | 'spc_signal' | 'recall' | 'supplier_lot' | 'manual';
export type NcrDisposition = 'rework' | 'scrap' | 'use_as_is' | 'return_to_supplier';
export interface FactoryNcrCountersTable {
  org_id: string;
  year: number;
  last: number;
}
export interface FactoryNcrsTable {
  id: Generated<string>;
  org_id: string;
  number: string;
  status: Generated<NcrStatus>;
  source: NcrSource;
  spc_signal_id: number | null;
  line_id: string | null;
  op: string | null;
  defect_code: string | null;
  description: string;
  quantity: number;
  lot_id: number | null;
  disposition: NcrDisposition | null;
  disposition_reason: string | null;
  rework_op: string | null;
  dispositioned_by: string | null;
  dispositioned_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  root_cause: string | null;
  corrective_action: string | null;
  closed_by: string | null;
  closed_at: Date | null;
  cancel_reason: string | null;
  cancelled_by: string | null;
  cancelled_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
}
export interface FactoryNcrUnitsTable {
  ncr_id: string;
  unit_id: number;
  held_here: Generated<boolean>;
}
export interface FactoryUnitOpHistoryTable {
  id: Generated<number>;
  unit_id: number;
  ncr_id: string;
  op: string;
  device_num: number | null;
  started_at: Date | null;
  completed_at: Date | null;
  result: 'OK' | 'NOK' | null;
  defect_code: string | null;
  source: string;
  operator_id: string | null;
  measurements: ColumnType<unknown, string | undefined, string>;
  reworked_at: Generated<Date>;
}

/** A plant day whose OEE parts are stored (oee-rollup.ts); current while stored_gen = gen. */
export interface FactoryOeeDaysTable {
  org_id: string;
  day: string;
  span_start: Date;
  span_end: Date;
  gen: Generated<number>;
  stored_gen: number | null;
  computed_at: Date | null;
}
/** One device's part of one shift of a stored plant day: the OEE's own inputs (oee-rollup.ts). */
export interface FactoryOeeRollupTable {
  org_id: string;
  day: string;
  shift_pos: number;
  device_pos: number;
  shift_code: string;
  shift_start: Date;
  shift_end: Date;
  device_id: string;
  device_code: string;
  line_id: string | null;
  device_org_id: string;
  plant: boolean;
  scheduled_s: number;
  planned_stop_s: number;
  down_s: number;
  setup_s: number;
  idle_s: number;
  offline_s: number;
  ideal_cycle_s: number | null;
  total: number;
  bad: number;
  failures: number;
  states: number[];
  stops: ColumnType<{ state: 'down' | 'setup' | 'idle' | 'offline'; code: number | null; seconds: number; count: number }[], string, string>;
}

/** A line's (or the plant's: view_id = the organisation) stored day summed as its day answer sums it (oee-rollup.ts). */
export interface FactoryOeeViewDaysTable {
  view_id: string;
  day: string;
  org_id: string;
  sums: number[];
  ideal_run_s: number;
  parts: number;
  with_ideal: number;
  devices: number;
  failures: number;
  states: number[];
  stops: ColumnType<{ state: 'down' | 'setup' | 'idle' | 'offline'; code: number | null; seconds: number; count: number }[], string, string>;
}

export interface FactoryTables {
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
  factory_products: FactoryProductsTable;
  factory_routing_ops: FactoryRoutingOpsTable;
  factory_characteristics: FactoryCharacteristicsTable;
  factory_components: FactoryComponentsTable;
  factory_bom_items: FactoryBomItemsTable;
  factory_component_lots: FactoryComponentLotsTable;
  factory_work_orders: FactoryWorkOrdersTable;
  factory_units: FactoryUnitsTable;
  factory_unit_ops: FactoryUnitOpsTable;
  factory_measurements: FactoryMeasurementsTable;
  factory_unit_components: FactoryUnitComponentsTable;
  factory_defect_codes: FactoryDefectCodesTable;
  factory_spc_limits: FactorySpcLimitsTable;
  factory_spc_signals: FactorySpcSignalsTable;
  factory_shift_crews: FactoryShiftCrewsTable;
  factory_shift_crew_days: FactoryShiftCrewDaysTable;
  factory_deliveries: FactoryDeliveriesTable;
  factory_pallets: FactoryPalletsTable;
  factory_boxes: FactoryBoxesTable;
  factory_packed_units: FactoryPackedUnitsTable;
  factory_transfer_orders: FactoryTransferOrdersTable;
  factory_tools: FactoryToolsTable;
  factory_unit_op_tools: FactoryUnitOpToolsTable;
  factory_unit_traces: FactoryUnitTracesTable;
  factory_unit_trace_queue: FactoryUnitTraceQueueTable;
  factory_ncr_counters: FactoryNcrCountersTable;
  factory_ncrs: FactoryNcrsTable;
  factory_ncr_units: FactoryNcrUnitsTable;
  factory_unit_op_history: FactoryUnitOpHistoryTable;
  factory_oee_days: FactoryOeeDaysTable;
  factory_oee_rollup: FactoryOeeRollupTable;
  factory_oee_view_days: FactoryOeeViewDaysTable;
}

/** The database as factory code sees it: the platform's tables (the directory, audit, …) and its own, no other module's. */
export type Database = PlatformDatabase & FactoryTables;
export type DB = Kysely<Database>;
export type DbHandle = PlatformDbHandle<Database>;
export type ModuleContext = PlatformModuleContext<Database, FactoryConfig>;

/** The factory's view of the context the platform hands to its hooks. */
export const factoryContext = (ctx: PlatformModuleContext): ModuleContext => moduleView<FactoryTables, FactoryConfig>(ctx);
/** A platform-typed handle (a CLI command's) seen with the factory's tables too. */
export const factoryHandleOf = (handle: PlatformDbHandle): DbHandle => moduleHandle<FactoryTables>(handle);
/** A handle on the whole database (tests, the composition root) seen with the factory's tables only. */
export const factoryDb = narrowDb<Database>();
export const factoryHandle = narrowHandle<Database>();
