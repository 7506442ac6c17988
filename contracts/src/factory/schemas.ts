import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { RegionCode } from '../regions';

export const DeviceKind = z.enum(['cnc', 'washer', 'leak_tester', 'cmm', 'laser_marker', 'robot', 'agv', 'other']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const FactoryLine = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  siteName: z.string(),
  areaName: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  product: z.string().nullable(),
  deviceCount: z.number().int(),
  onlineCount: z.number().int(),
});
export type FactoryLine = z.infer<typeof FactoryLine>;

export const FactoryDevice = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  lineId: z.uuid().nullable(),
  lineCode: z.string().nullable(),
  cellCode: z.string().nullable(),
  code: z.string(),
  kind: DeviceKind,
  nameZh: z.string(),
  nameEn: z.string(),
  idealCycleS: z.number().nullable(),
  sparkplug: z.object({ group: z.string(), node: z.string(), device: z.string() }),
  online: z.boolean(),
  lastSeenAt: z.string().nullable(),
  discovered: z.boolean(),
});
export type FactoryDevice = z.infer<typeof FactoryDevice>;
export const DeviceQuery = PageQuery.extend({
  lineId: z.uuid().optional(),
  kind: DeviceKind.optional(),
  online: z.enum(['true', 'false']).optional(),
  discovered: z.enum(['true', 'false']).optional(),
});
export const DeviceMetric = z.object({ name: z.string(), datatype: z.string(), unit: z.string().nullable() });
export const DevicePage = pageOf(FactoryDevice);

export const LineInput = z.object({
  areaId: z.uuid(),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,20}$/, 'factory.validation.code_format'),
  nameZh: text(50),
  nameEn: text(80),
  product: z.string().trim().max(80).nullish(),
  /** Units a shift is expected to make; null: none. */
  shiftTarget: z.number().int().min(1).max(10_000).nullish(),
  /** Nonconforming units per million the line should stay under; null: none. */
  ppmTarget: z.number().int().min(1).max(1_000_000).nullish(),
});
export const DevicePatch = z.object({
  nameZh: text(50).optional(),
  nameEn: text(80).optional(),
  lineId: z.uuid().nullable().optional(),
  cellCode: z.string().trim().max(20).nullable().optional(),
  idealCycleS: z.number().positive().max(86_400).nullable().optional(),
});

export const MetricSeriesQuery = z.object({
  metric: z.string().trim().min(1).max(100),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});
export const MetricPoint = z.object({ t: z.string(), avg: z.number(), min: z.number(), max: z.number(), last: z.number() });
export const MetricSeries = z.object({ device: z.string(), metric: z.string(), unit: z.string().nullable(), points: z.array(MetricPoint) });

export const IngestStats = z.object({
  deadLetters: z.object({ total: z.number().int(), last24h: z.number().int(), byReason: z.record(z.string(), z.number().int()) }),
  devices: z.object({ total: z.number().int(), online: z.number().int(), discovered: z.number().int() }),
  lastPointAt: z.string().nullable(),
  /**
   * Whether the plant feed runs: `live` while some device sent data within `staleAfterS` seconds; `silentS` since
   * the last point (null: none ever). When not live, `online` is the last known state, not today's.
   */
  feed: z.object({ live: z.boolean(), silentS: z.number().int().nullable(), staleAfterS: z.number().int() }),
});
export const DeadLetter = z.object({
  id: z.number().int(),
  at: z.string(),
  topic: z.string(),
  reason: z.string(),
  detail: z.string(),
  /** The whole message's size in bytes (only its first KiB is kept); null on a summary row. */
  size: z.number().int().nullable(),
  /** SHA-256 (hex) of the whole message; null on a summary row. */
  sha256: z.string().nullable(),
  /** Only the first part of the message is kept. */
  truncated: z.boolean(),
  /** Rejected messages the row stands for: 1, or n on a summary row (over the rate limit: counted, not stored). */
  messages: z.number().int(),
});
export const DeadLetterPage = pageOf(DeadLetter);
export const DeadLetterQuery = PageQuery.extend({ reason: z.string().max(40).optional() });

// ---- shift calendar, machine states, OEE ---------------------------------------------------------------------

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'factory.validation.time_of_day');
export const ShiftDef = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,8}$/, 'factory.validation.shift_code'),
  name: text(20),
  start: TimeOfDay,
  end: TimeOfDay,
  breaks: z.array(z.object({ start: TimeOfDay, end: TimeOfDay })).max(6),
});
export type ShiftDef = z.infer<typeof ShiftDef>;
export const ShiftCalendar = z.object({ orgId: z.uuid(), shifts: z.array(ShiftDef), isDefault: z.boolean() });
export const ShiftCalendarInput = z.object({ orgId: z.uuid().optional(), shifts: z.array(ShiftDef).min(1).max(4) });

export const MachineStateName = z.enum(['running', 'idle', 'down', 'setup', 'planned_stop', 'offline']);
export const StateSeconds = z.record(MachineStateName, z.number());
export const OeeLosses = z.object({ breakdowns: z.number(), setup: z.number(), smallStops: z.number(), reducedSpeed: z.number(), defects: z.number() });
/** Unplanned stop time of one cause: down per alarm code (with the plant's name for it), setup, idle (small stops), offline. */
export const StopReason = z.object({
  state: z.enum(['down', 'setup', 'idle', 'offline']),
  code: z.number().int().nullable(),
  /** Seconds inside planned production time, summed over the devices (machine-seconds). */
  seconds: z.number(),
  /** Stops of this cause that began in the window. */
  count: z.number().int(),
  nameZh: z.string().nullable(),
  nameEn: z.string().nullable(),
});
export const OeeFigures = z.object({
  plannedS: z.number(),
  runS: z.number(),
  availability: z.number().nullable(),
  performance: z.number().nullable(),
  quality: z.number().nullable(),
  oee: z.number().nullable(),
  good: z.number(),
  total: z.number(),
  losses: OeeLosses,
  /**
   * Devices with planned production time in the figures: the times above are their device-seconds summed, and
   * divided by this they are the line's (or plant's) own time, in which the web shows the six big losses.
   */
  devices: z.number().int(),
  /** Unplanned stop time by cause, the longest first: why the line lost time. */
  stops: z.array(StopReason),
  mtbfMin: z.number().nullable(),
  mttrMin: z.number().nullable(),
  failures: z.number().int(),
  states: StateSeconds,
});
export const DeviceOee = OeeFigures.extend({ deviceId: z.uuid(), code: z.string() });
export const ShiftOee = z.object({
  code: z.string(),
  name: z.string(),
  start: z.string(),
  end: z.string(),
  /** A shift still in progress is counted up to now. */
  inProgress: z.boolean(),
  /** The devices of the shift combined: the line's figures (the plant's in PlantOee). */
  line: OeeFigures,
  devices: z.array(DeviceOee),
});
/**
 * When the figures were computed (ISO time): a shift in progress is counted up to it. The server keeps a day's
 * figures a few seconds (OEE_REFRESH_MS on the server) and never answers with figures older than half a minute.
 */
const AsOf = z.iso.datetime();
/**
 * Devices without an ideal cycle time (one just discovered and placed on a line): left out of the line's and the
 * plant's Performance and OEE, which are those of the devices that have one; the pages name them.
 */
export const NoIdealCycleDevice = z.object({ deviceId: z.uuid(), code: z.string() });
/**
 * Devices whose Performance for the day reads above OVER_SPEED_PERFORMANCE (on at least OVER_SPEED_MIN_PARTS parts):
 * they made parts faster than their ideal cycle time allows, which says the ideal cycle time is set too long (or the
 * part counter counts more than parts). A few per cent over 100 % come from where the counts and the state changes
 * fall (a part finished at a shift's last second, states reported every few seconds) and are not named. The figures
 * stay as measured; the pages name the devices so that someone checks them.
 */
export const OverSpeedDevice = z.object({ deviceId: z.uuid(), code: z.string(), performance: z.number() });
export const OVER_SPEED_MIN_PARTS = 10;
export const OVER_SPEED_PERFORMANCE = 1.05;
/** A line's OEE for a day: per shift, the day's total, and each device's day. */
export const LineOee = z.object({
  lineId: z.uuid(),
  day: z.string(),
  asOf: AsOf,
  shifts: z.array(ShiftOee),
  total: OeeFigures,
  devices: z.array(DeviceOee),
  noIdealCycle: z.array(NoIdealCycleDevice),
  overSpeed: z.array(OverSpeedDevice),
});
export const LineOeeQuery = z.object({ day: z.iso.date().optional() });
/** The plant's shift: every device on a line of the organisation combined (no per-device figures: a line's answer has them). */
export const PlantShiftOee = ShiftOee.omit({ devices: true });
/**
 * The plant's OEE for a day, sized to what the 大屏 and the plant overview show: every device on a line of the
 * organisation combined per shift and for the day by the same rules, and each line's day.
 */
export const PlantOee = z.object({
  orgId: z.uuid(),
  day: z.string(),
  asOf: AsOf,
  shifts: z.array(PlantShiftOee),
  total: OeeFigures,
  lines: z.array(z.object({ lineId: z.uuid(), total: OeeFigures })),
  noIdealCycle: z.array(NoIdealCycleDevice.extend({ lineId: z.uuid() })),
  overSpeed: z.array(OverSpeedDevice.extend({ lineId: z.uuid() })),
});
export const PlantOeeQuery = z.object({ day: z.iso.date().optional(), orgId: z.uuid().optional() });

/**
 * OEE over a range of plant days (at most 366): `group` gives the series by day (default), ISO week (its Monday)
 * or month (its first day). Dates are plant days (UTC+8), `from` ≤ `to`.
 */
export const OeeRangeQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  group: z.enum(['day', 'week', 'month']).default('day'),
});
export const PlantOeeRangeQuery = OeeRangeQuery.extend({ orgId: z.uuid().optional() });
/** One point of the trend: a day, week or month combined by the OEE rules (sums, never an average of ratios). */
export const OeeRangePoint = z.object({
  /** The day, the week's Monday or the month's first day. */
  period: z.string(),
  /** The first and last plant day of the range in the period that had begun. */
  firstDay: z.string(),
  lastDay: z.string(),
  availability: z.number().nullable(),
  performance: z.number().nullable(),
  quality: z.number().nullable(),
  oee: z.number().nullable(),
  plannedS: z.number(),
  runS: z.number(),
  total: z.number(),
  good: z.number(),
  devices: z.number().int(),
});
/**
 * A line's (or the plant's) OEE over a range of plant days: the range's figures (the devices' parts of every shift
 * summed, as each day's answer sums them; `devices` counts device-shifts with planned time), the top 20 stop
 * causes, and the series. `days`: closed days read from the rollup (`stored`), computed for this request
 * (`computed`), the open day from the live figures (`live`), and stored days a late row or a change marked that
 * the server is computing again (`stale`: answered as stored until then), and closed days before the plant's first
 * state (`noData`: nothing to compute).
 */
export const LineOeeRange = z.object({
  lineId: z.uuid().optional(),
  orgId: z.uuid(),
  from: z.string(),
  to: z.string(),
  group: z.enum(['day', 'week', 'month']),
  asOf: AsOf,
  total: OeeFigures,
  series: z.array(OeeRangePoint),
  days: z.object({ stored: z.number().int(), computed: z.number().int(), live: z.number().int(), stale: z.number().int(), noData: z.number().int() }),
});
export const PlantOeeRange = LineOeeRange;

export const StateIntervalView = z.object({ state: MachineStateName, reasonCode: z.number().int().nullable(), start: z.string(), end: z.string().nullable() });
export const DeviceStatesQuery = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) });
export const DeviceStates = z.object({
  deviceId: z.uuid(),
  intervals: z.array(StateIntervalView),
  seconds: StateSeconds,
  availability: z.number().nullable(),
  mtbfMin: z.number().nullable(),
  mttrMin: z.number().nullable(),
  failures: z.number().int(),
});

// ---- andon ---------------------------------------------------------------------------------------------------

export const Severity = z.enum(['info', 'warning', 'critical']);
export const Alarm = z.object({
  id: z.number().int(),
  orgId: z.uuid(),
  deviceId: z.uuid(),
  deviceCode: z.string(),
  deviceNameZh: z.string(),
  deviceNameEn: z.string(),
  lineId: z.uuid().nullable(),
  lineCode: z.string().nullable(),
  source: z.enum(['device', 'rule', 'spc', 'tool']),
  code: z.string(),
  severity: Severity,
  messageZh: z.string(),
  messageEn: z.string(),
  value: z.number().nullable(),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  note: z.string().nullable(),
  /** Seconds from raised to acknowledged, and from raised to resolved. */
  responseS: z.number().nullable(),
  repairS: z.number().nullable(),
});
export type Alarm = z.infer<typeof Alarm>;
export const AlarmQuery = PageQuery.extend({
  state: z.enum(['open', 'unacknowledged', 'resolved', 'all']).default('open'),
  lineId: z.uuid().optional(),
  deviceId: z.uuid().optional(),
});
export const AlarmPage = pageOf(Alarm);
export const AlarmResolve = z.object({ note: z.string().trim().max(500).optional() });

export const AlarmRuleInput = z.object({
  deviceId: z.uuid().nullable().default(null),
  deviceKind: DeviceKind.nullable().default(null),
  metric: z.string().trim().min(1).max(100),
  op: z.enum(['>', '>=', '<', '<=']),
  threshold: z.number().finite(),
  severity: Severity,
  nameZh: text(50),
  nameEn: text(80),
  enabled: z.boolean().default(true),
});
export const AlarmRulePatch = AlarmRuleInput.partial();
export const AlarmRule = AlarmRuleInput.extend({ id: z.uuid(), orgId: z.uuid(), createdAt: z.string() });

// ---- the ISA-95 equipment model (enterprise = organisation → site → area → line → work cell → device) ----------
// Codes are what people type on drawings and in Sparkplug topics: short, no spaces. Lines keep LineInput above.
const ModelCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,20}$/, 'factory.validation.code_format');

export const SiteInput = z.object({
  /** The owning enterprise; defaults to the signed-in user's organisation. */
  orgId: z.uuid().optional(),
  code: ModelCode,
  name: text(50),
  regionCode: RegionCode.nullish(),
});
export const SitePatch = SiteInput.omit({ orgId: true }).partial();
export const AreaInput = z.object({ siteId: z.uuid(), code: ModelCode, name: text(50) });
export const AreaPatch = AreaInput.omit({ siteId: true }).partial();
/** A line may move to another area of its own site (its devices stay on that site). */
export const LinePatch = LineInput.partial();
export const CellInput = z.object({ lineId: z.uuid(), code: ModelCode, name: text(50) });
export const CellPatch = CellInput.omit({ lineId: true }).partial();

export const PlantSite = z.object({ id: z.uuid(), orgId: z.uuid(), code: z.string(), name: z.string(), regionCode: z.string().nullable() });
export const PlantArea = z.object({ id: z.uuid(), siteId: z.uuid(), code: z.string(), name: z.string() });
export const PlantLine = z.object({
  id: z.uuid(),
  areaId: z.uuid(),
  orgId: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  product: z.string().nullable(),
  shiftTarget: z.number().int().nullable(),
  ppmTarget: z.number().int().nullable(),
});
export const PlantCell = z.object({ id: z.uuid(), lineId: z.uuid(), code: z.string(), name: z.string() });
export type PlantSite = z.infer<typeof PlantSite>;
export type PlantArea = z.infer<typeof PlantArea>;
export type PlantLine = z.infer<typeof PlantLine>;
export type PlantCell = z.infer<typeof PlantCell>;

/** GET /factory/model: the tree with the devices at each level (a site also counts devices not placed on a line). */
export const PlantCellNode = PlantCell.extend({ deviceCount: z.number().int() });
export const PlantLineNode = PlantLine.extend({ deviceCount: z.number().int(), cells: z.array(PlantCellNode) });
export const PlantAreaNode = PlantArea.extend({ deviceCount: z.number().int(), lines: z.array(PlantLineNode) });
export const PlantSiteNode = PlantSite.extend({
  orgName: z.string(),
  regionName: z.string().nullable(),
  deviceCount: z.number().int(),
  /** Devices of the site on no line yet (discovered by the ingest, waiting to be placed). */
  unplacedCount: z.number().int(),
  areas: z.array(PlantAreaNode),
});
export const PlantModel = z.object({ sites: z.array(PlantSiteNode) });
export type PlantModel = z.infer<typeof PlantModel>;

/** Which site a Sparkplug group id belongs to: devices of an unknown group are dead-lettered, not guessed. */
export const SparkplugGroupInput = z.object({
  // Sparkplug B v3.0 §4.1.1: a group id is a valid UTF-8 string without the MQTT wildcards and separator.
  groupId: z
    .string()
    .trim()
    .regex(/^[^/+#\s]{1,64}$/, 'factory.validation.group_id'),
  siteId: z.uuid(),
});
export const SparkplugGroup = z.object({
  groupId: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  siteId: z.uuid(),
  siteCode: z.string(),
  siteName: z.string(),
  deviceCount: z.number().int(),
});
export type SparkplugGroup = z.infer<typeof SparkplugGroup>;
export const SparkplugGroupParams = z.object({ groupId: z.string().min(1).max(64) });
