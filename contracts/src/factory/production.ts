import { z } from 'zod';
import { bool, pageOf, PageQuery, text } from '../common';
import { MessageRef } from '../messages/core';
import { NcrSource, NcrStatus } from './ncr-kinds';
import { OeeFigures } from './schemas';
import { SpcCapability, SpcChart, SpcHistogram, SpcLimits, SpcRuleId, SpcRuleSet } from './spc';

/** Factory II (issue #13): products and routings, work orders, serialised units and their genealogy, recall. */

export const Characteristic = z.object({
  id: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  nominal: z.number(),
  lsl: z.number().nullable(),
  usl: z.number().nullable(),
  decimals: z.number().int(),
  chart: z.enum(['xbar_r', 'xbar_s', 'i_mr', 'p', 'u']),
  subgroupSize: z.number().int(),
  rules: z.array(z.string()),
  /** p and u charts: minutes of the operation's completions one subgroup spans (null for a variables chart). */
  subgroupMinutes: z.number().int().nullable(),
  /** u chart: the defect codes counted (null: every defect). */
  defectCodes: z.array(z.string()).nullable(),
});
export type Characteristic = z.infer<typeof Characteristic>;

export const BomItem = z.object({ componentId: z.uuid(), code: z.string(), partNo: z.string(), nameZh: z.string(), nameEn: z.string(), qty: z.number().int() });
export type BomItem = z.infer<typeof BomItem>;

export const RoutingOp = z.object({
  id: z.uuid(),
  op: z.string(),
  seq: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  stationKind: z.string(),
  idealCycleS: z.number(),
  marks: z.boolean(),
  characteristics: z.array(Characteristic),
  components: z.array(BomItem),
});
export type RoutingOp = z.infer<typeof RoutingOp>;

export const Product = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  partNo: z.string(),
  revision: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  gtin: z.string().nullable(),
  lineId: z.uuid().nullable(),
  lineCode: z.string().nullable(),
  ops: z.array(RoutingOp),
});
export type Product = z.infer<typeof Product>;

export const WorkOrderStatus = z.enum(['planned', 'released', 'completed', 'closed', 'cancelled']);
export type WorkOrderStatus = z.infer<typeof WorkOrderStatus>;

/** Units of a work order by where they are: started (born), done (past the last operation, good), NOK, scrapped. */
export const WorkOrderProgress = z.object({
  started: z.number().int(),
  wip: z.number().int(),
  done: z.number().int(),
  nok: z.number().int(),
  scrapped: z.number().int(),
  /** Units that passed every operation the first time ÷ units that finished or failed; null before any did. */
  firstPassYield: z.number().nullable(),
});
export type WorkOrderProgress = z.infer<typeof WorkOrderProgress>;

export const WorkOrder = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  number: z.string(),
  productId: z.uuid(),
  partNo: z.string(),
  revision: z.string(),
  productNameZh: z.string(),
  productNameEn: z.string(),
  lineId: z.uuid(),
  lineCode: z.string(),
  lineNameZh: z.string(),
  lineNameEn: z.string(),
  qty: z.number().int(),
  dueDate: z.string(),
  status: WorkOrderStatus,
  note: z.string().nullable(),
  releasedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The customer an order of another module (a trade order) named when it sent this work order; null: the plant's own. */
  customer: z.string().nullable(),
  progress: WorkOrderProgress,
});
export type WorkOrder = z.infer<typeof WorkOrder>;
export const WorkOrderQuery = PageQuery.extend({ status: WorkOrderStatus.optional(), lineId: z.uuid().optional() });
export const WorkOrderPage = pageOf(WorkOrder);
export const WorkOrderInput = z.object({
  /** Left out: the next WO-YYMMDD-NNN of the day (China time). */
  number: z
    .string()
    .trim()
    // A work order's number is longer than a model code: an ERP's numbers fit.
    .regex(/^[A-Za-z0-9_-]{1,30}$/, 'factory.validation.number_format')
    .optional(),
  productId: z.uuid(),
  lineId: z.uuid(),
  qty: z.number().int().min(1).max(1_000_000),
  dueDate: z.iso.date(),
  note: z.string().trim().max(500).nullish(),
});
export type WorkOrderInput = z.infer<typeof WorkOrderInput>;
/** Suspend: a released order back to planned, off its line (its units stay its own; released again later). */
export const WorkOrderAction = z.object({ action: z.enum(['release', 'suspend', 'complete', 'close', 'cancel']) });

export const UnitStatus = z.enum(['wip', 'done', 'nok', 'scrapped']);
export type UnitStatus = z.infer<typeof UnitStatus>;

export const Unit = z.object({
  id: z.number().int(),
  orgId: z.uuid(),
  serial: z.string(),
  productSerial: z.string().nullable(),
  gs1: z.string().nullable(),
  productId: z.uuid(),
  partNo: z.string(),
  revision: z.string(),
  productNameZh: z.string(),
  productNameEn: z.string(),
  lineCode: z.string(),
  workOrderId: z.uuid().nullable(),
  workOrderNumber: z.string().nullable(),
  status: UnitStatus,
  lastOp: z.string().nullable(),
  held: z.boolean(),
  holdReason: z.string().nullable(),
  bornAt: z.string(),
  doneAt: z.string().nullable(),
});
export type Unit = z.infer<typeof Unit>;
export const UnitQuery = PageQuery.extend({
  status: UnitStatus.optional(),
  lineId: z.uuid().optional(),
  workOrderId: z.uuid().optional(),
  held: bool.optional(),
});
export const UnitPage = pageOf(Unit);
/** A unit by what a person types or scans: the process serial, the product serial, or a GS1 element string. */
export const UnitLookup = z.object({ code: z.string().trim().min(1).max(200) });

export const GenealogyMeasurement = z.object({
  characteristicId: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  value: z.number(),
  nominal: z.number(),
  lsl: z.number().nullable(),
  usl: z.number().nullable(),
  decimals: z.number().int(),
  inSpec: z.boolean(),
  measuredAt: z.string(),
  source: z.enum(['device', 'manual', 'import']),
});
export const GenealogyComponent = z.object({
  lotId: z.number().int(),
  lotNo: z.string(),
  componentCode: z.string(),
  partNo: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  supplier: z.string().nullable(),
  qty: z.number().int(),
  boundAt: z.string(),
});
/** A device's numeric metrics as they last were when the unit completed there (or started, if it did not). */
export const GenealogyParameter = z.object({ metric: z.string(), value: z.number(), unit: z.string().nullable(), at: z.string() });
/** A tool the station reported in one of its slots when the unit completed there. */
export const GenealogyTool = z.object({
  toolId: z.uuid(),
  code: z.string(),
  kind: z.enum(['cutting', 'fixture', 'gauge']),
  description: z.string(),
  slot: z.string(),
  usedAt: z.string(),
});
export const GenealogyOp = z.object({
  op: z.string(),
  seq: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** Not reached yet: the rest are null and empty. */
  reached: z.boolean(),
  deviceId: z.uuid().nullable(),
  deviceCode: z.string().nullable(),
  deviceNameZh: z.string().nullable(),
  deviceNameEn: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  result: z.enum(['OK', 'NOK']).nullable(),
  defectCode: z.string().nullable(),
  defectNameZh: z.string().nullable(),
  defectNameEn: z.string().nullable(),
  source: z.enum(['device', 'manual']).nullable(),
  operatorName: z.string().nullable(),
  parameters: z.array(GenealogyParameter),
  measurements: z.array(GenealogyMeasurement),
  components: z.array(GenealogyComponent),
  tools: z.array(GenealogyTool),
});
export type GenealogyOp = z.infer<typeof GenealogyOp>;
/**
 * Where a packed unit went after the line: its box, the pallet (SSCC) it is on — directly or in the box —, where the
 * pallet is, the AGV transfers that moved it, and the delivery it left in. Null: never packed.
 */
export const GenealogyHandoff = z.object({
  packedAt: z.string(),
  boxNumber: z.string().nullable(),
  palletSscc: z.string().nullable(),
  palletStatus: z.enum(['open', 'closed']).nullable(),
  /** A location code of the plant (LINE-END, FG-WH, DOCK) with its names. */
  location: z.string().nullable(),
  locationNameZh: z.string().nullable(),
  locationNameEn: z.string().nullable(),
  receivedAt: z.string().nullable(),
  deliveryNumber: z.string().nullable(),
  customer: z.string().nullable(),
  shippedAt: z.string().nullable(),
  transfers: z.array(
    z.object({
      number: z.string(),
      from: z.string(),
      to: z.string(),
      status: z.enum(['pending', 'sent', 'accepted', 'picked', 'delivered', 'failed', 'timed_out']),
      createdAt: z.string(),
      answeredAt: z.string().nullable(),
    }),
  ),
});
export type GenealogyHandoff = z.infer<typeof GenealogyHandoff>;
/** An earlier pass of an operation that a rework sent the unit back through (its NCR named). */
export const GenealogyRework = z.object({
  op: z.string(),
  deviceCode: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  result: z.enum(['OK', 'NOK']).nullable(),
  defectCode: z.string().nullable(),
  ncrId: z.uuid(),
  ncrNumber: z.string(),
  reworkedAt: z.string(),
});
/** The nonconformance records that name the unit. */
export const GenealogyNcr = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(['open', 'dispositioned', 'closed', 'cancelled']),
  disposition: z.enum(['rework', 'scrap', 'use_as_is', 'return_to_supplier']).nullable(),
  description: z.string(),
  createdAt: z.string(),
});
export const Genealogy = z.object({
  unit: Unit,
  ops: z.array(GenealogyOp),
  handoff: GenealogyHandoff.nullable(),
  reworks: z.array(GenealogyRework),
  ncrs: z.array(GenealogyNcr),
});
export type Genealogy = z.infer<typeof Genealogy>;

/** A station's report of a unit, entered by a person at a station page (scanner or camera) — or sent by a device. */
export const StationEventInput = z
  .object({
    deviceId: z.uuid(),
    serial: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[\x21-\x7e]+$/, 'factory.validation.serial_format'),
    event: z.enum(['start', 'complete']),
    result: z.enum(['OK', 'NOK']).optional(),
    defectCode: z.string().trim().max(20).optional(),
    /** By characteristic code. */
    measurements: z
      .record(z.string().max(40), z.number().finite())
      .refine((r) => Object.keys(r).length <= 50, { message: 'factory.validation.too_many_measurements' })
      .optional(),
    /** Component code → the lot number scanned from its label. */
    lots: z
      .record(z.string().max(40), z.string().trim().min(1).max(60))
      .refine((r) => Object.keys(r).length <= 20, { message: 'factory.validation.too_many_lots' })
      .optional(),
    /** Tool slot → the code of the tool in it (with a completion); an unregistered tool is refused. */
    tools: z
      .record(z.string().trim().min(1).max(20), z.string().trim().min(1).max(60))
      .refine((r) => Object.keys(r).length <= 10, { message: 'factory.validation.too_many_tools' })
      .optional(),
  })
  .refine((e) => e.event === 'start' || e.result !== undefined, { path: ['result'], message: 'factory.validation.result_required' })
  .refine((e) => e.result !== 'NOK' || !!e.defectCode, { path: ['defectCode'], message: 'factory.validation.defect_required' });
export type StationEventInput = z.infer<typeof StationEventInput>;
export const StationEventResult = z.object({ unit: Unit, op: z.string(), created: z.boolean() });

/** What a recall starts from: a component lot, a tool (optionally within a time window), or a device over a time window. */
export const RecallQuery = z
  .object({
    lotId: z.coerce.number().int().positive().optional(),
    toolId: z.uuid().optional(),
    componentCode: z.string().trim().max(40).optional(),
    lotNo: z.string().trim().max(60).optional(),
    deviceId: z.uuid().optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
  })
  .refine((q) => q.lotId !== undefined || (q.componentCode && q.lotNo) || q.toolId !== undefined || (q.deviceId && q.from && q.to), { message: 'factory.recall.query_required' });
export type RecallQuery = z.infer<typeof RecallQuery>;
/**
 * Where a recalled unit is now: on the line, finished at the line end, packed (in a box or on a pallet not yet in
 * the warehouse), in stock, shipped (in `deliveryNumber`), NOK or scrapped; `container` is its box number or pallet SSCC.
 */
export const RecallUnit = Unit.extend({
  where: z.enum(['line', 'finished', 'packed', 'stock', 'shipped', 'nok', 'scrapped']),
  container: z.string().nullable(),
  deliveryNumber: z.string().nullable(),
});
export const RecallResult = z.object({
  items: z.array(RecallUnit),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  held: z.number().int(),
  /** What the query started from, as a person reads it. */
  source: z.object({ kind: z.enum(['lot', 'device', 'tool']), label: z.string() }),
});
export type RecallResult = z.infer<typeof RecallResult>;

export const ComponentLot = z.object({
  id: z.number().int(),
  componentCode: z.string(),
  partNo: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  lotNo: z.string(),
  supplier: z.string().nullable(),
  units: z.number().int(),
  firstSeenAt: z.string(),
});
export const ComponentLotQuery = PageQuery.extend({ componentCode: z.string().max(40).optional() });
export const ComponentLotPage = pageOf(ComponentLot);

export const DefectCode = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });
export const HoldInput = z.object({ reason: text(200) });

/** The output of a window: units finished good, units found NOK, and the yields that follow from them. */
export const OutputFigures = z.object({
  /** Units that completed the routing's last operation OK in the window. */
  good: z.number().int(),
  /** Units given a NOK result in the window (at any operation). */
  nok: z.number().int(),
  /** good ÷ (good + nok); null when neither. */
  firstPassYield: z.number().nullable(),
  /** The product over operations of OK ÷ completed there in the window; null when nothing completed. */
  rolledThroughputYield: z.number().nullable(),
  /** nok ÷ (good + nok) × 1,000,000; null when neither. */
  ppm: z.number().nullable(),
});
export type OutputFigures = z.infer<typeof OutputFigures>;
export const DefectCount = z.object({ code: z.string(), nameZh: z.string().nullable(), nameEn: z.string().nullable(), count: z.number().int() });

export const ShiftReportQuery = z.object({ lineId: z.uuid(), day: z.iso.date().optional(), shift: z.string().max(8).optional() });
export const ShiftReportAlarm = z.object({
  deviceCode: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
  severity: z.string(),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** Seconds the alarm was open inside the shift. */
  openS: z.number(),
});
/**
 * A line's shift: output against the line's target (the article's 70–80 housings per 8-hour shift), units per hour,
 * yields and ppm against the line's ppm target (100 in the demo), OEE with its losses and stop causes (downtime Pareto), defect Pareto, alarms.
 */
export const ShiftReport = z.object({
  line: z.object({ id: z.uuid(), code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  day: z.string(),
  shift: z.object({ code: z.string(), name: z.string(), start: z.string(), end: z.string(), inProgress: z.boolean() }),
  /** Every shift of the day, to switch between them. */
  shifts: z.array(z.object({ code: z.string(), name: z.string() })),
  asOf: z.string(),
  target: z.number().int().nullable(),
  /** The target scaled to the part of the shift gone by (a shift in progress), for "on track". */
  targetSoFar: z.number().nullable(),
  output: OutputFigures,
  hourly: z.array(z.object({ start: z.string(), good: z.number().int(), nok: z.number().int() })),
  /** The line's figures in the shift (null before the shift began). */
  oee: OeeFigures.nullable(),
  defects: z.array(DefectCount),
  alarms: z.object({ raised: z.number().int(), openS: z.number(), top: z.array(ShiftReportAlarm) }),
  workOrders: z.array(z.object({ number: z.string(), partNo: z.string(), good: z.number().int() })),
  /** The line's `ppm_target` (null: none set). */
  ppmTarget: z.number().nullable(),
  /**
   * The line's nonconformance records open at some time in the shift — raised in it, or raised before and not yet
   * closed or cancelled when it began (an NCR naming no line counts when it holds units of the line): how many, how
   * many raised in the shift, and the latest 50 with their status now.
   */
  ncrs: z.object({
    open: z.number().int(),
    raised: z.number().int(),
    items: z.array(
      z.object({
        id: z.uuid(),
        number: z.string(),
        status: NcrStatus,
        awaitingApproval: z.boolean(),
        source: NcrSource,
        description: z.string(),
        quantity: z.number().int(),
        createdAt: z.string(),
        raisedInShift: z.boolean(),
      }),
    ),
  }),
  /** Who worked the shift: its crew, set for the day or carried forward from `fromDay` (null: never set). */
  crew: z.object({ members: z.array(z.string()), fromDay: z.string().nullable(), carriedForward: z.boolean() }),
});
export type ShiftReport = z.infer<typeof ShiftReport>;

/** Output of the shift in progress, per line: the plant card's "output against the shift target". */
export const LinesOutput = z.object({
  asOf: z.string(),
  lines: z.array(
    z.object({
      lineId: z.uuid(),
      shiftCode: z.string().nullable(),
      good: z.number().int(),
      nok: z.number().int(),
      target: z.number().int().nullable(),
      targetSoFar: z.number().nullable(),
    }),
  ),
});
export type LinesOutput = z.infer<typeof LinesOutput>;

// ---- quality: SPC per characteristic ----------------------------------------------------------------------------

export const SpcLimitsRevision = z.object({
  id: z.uuid(),
  revision: z.number().int(),
  limits: SpcLimits,
  studyFrom: z.string(),
  studyTo: z.string(),
  studyValues: z.number().int(),
  /** Why it was revised: a person's words, or (English) the system's own reason, whose key is in `reasonRef`. */
  reason: z.string(),
  /** The system's reason as a message key with parameters (the first study); null: a person's words. */
  reasonRef: MessageRef.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type SpcLimitsRevision = z.infer<typeof SpcLimitsRevision>;

export const QualityCharacteristic = Characteristic.extend({
  productId: z.uuid(),
  partNo: z.string(),
  productNameZh: z.string(),
  productNameEn: z.string(),
  op: z.string(),
  lineCode: z.string().nullable(),
  /** The limits in force (null: no phase-I study yet). */
  limitsRevision: z.number().int().nullable(),
  lastValueAt: z.string().nullable(),
  /** Rule violations in the last 24 hours. */
  signals24h: z.number().int(),
});
export type QualityCharacteristic = z.infer<typeof QualityCharacteristic>;
export const QualityCharacteristicQuery = z.object({ lineId: z.uuid().optional() });

export const SpcChartQuery = z.object({ subgroups: z.coerce.number().int().min(5).max(500).default(125) });
/** A characteristic's chart: the latest subgroups against the limits in force, capability over them, the histogram. */
export const CharacteristicChart = z.object({
  characteristic: QualityCharacteristic,
  limits: SpcLimitsRevision.nullable(),
  chart: SpcChart.nullable(),
  /** Per plotted point: when its last value was measured, and the serials of its units. */
  points: z.array(z.object({ at: z.string(), serials: z.array(z.string()) })),
  capability: SpcCapability.nullable(),
  histogram: SpcHistogram.nullable(),
  /** Values charted, and the values waiting to make a subgroup full. */
  values: z.number().int(),
  /** No limits yet: why the system's first study has not been made (too few subgroups; a p or u chart with none nonconforming). */
  waiting: MessageRef.nullable(),
});
export type CharacteristicChart = z.infer<typeof CharacteristicChart>;
export const SpcStudyInput = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), reason: text(200) });
export const SpcRulesInput = z.object({ rules: SpcRuleSet });

export const SpcSignal = z.object({
  id: z.number().int(),
  characteristicId: z.uuid(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  lineCode: z.string().nullable(),
  rule: SpcRuleId,
  chart: z.enum(['location', 'spread']),
  at: z.string(),
  serial: z.string().nullable(),
  deviceCode: z.string().nullable(),
});
/** The quality page's day: each line's output and yields against its ppm target, the defect Pareto, recent SPC signals. */
export const QualityOverview = z.object({
  day: z.string(),
  from: z.string(),
  to: z.string(),
  /**
   * The plant's: the lines' targets weighted by what each made (the plant meets it when every line meets its own);
   * before anything was made, the strictest line's. Null when no line has one.
   */
  ppmTarget: z.number().nullable(),
  lines: z.array(z.object({ lineId: z.uuid(), code: z.string(), nameZh: z.string(), nameEn: z.string(), ppmTarget: z.number().int().nullable(), output: OutputFigures })),
  plant: OutputFigures,
  defects: z.array(DefectCount),
  signals: z.array(SpcSignal),
});
export type QualityOverview = z.infer<typeof QualityOverview>;
export const QualityOverviewQuery = z.object({ day: z.iso.date().optional() });

// ---- operators on shifts ------------------------------------------------------------------------------------------

export const CrewQuery = z.object({ lineId: z.uuid(), day: z.iso.date() });
/**
 * A shift's crew carries forward: a day with no crew set for a line and shift has the crew of the latest earlier
 * day one was set (`fromDay`, `carriedForward`). A crew set to nobody is set (the line not staffed that shift): it
 * stops the carrying forward until a crew is set again. `fromDay` null: never set up to that day.
 */
export const ShiftCrew = z.object({
  code: z.string(),
  name: z.string(),
  members: z.array(z.object({ userId: z.uuid(), name: z.string() })),
  fromDay: z.string().nullable(),
  carriedForward: z.boolean(),
});
export type ShiftCrew = z.infer<typeof ShiftCrew>;
export const Crew = z.object({
  lineId: z.uuid(),
  day: z.string(),
  shifts: z.array(ShiftCrew),
});
export type Crew = z.infer<typeof Crew>;
export const CrewPeopleQuery = z.object({ lineId: z.uuid() });
/** Who may be put on a line's shifts: the active people of the plant's organisation (names only). */
export const CrewPeople = z.array(z.object({ userId: z.uuid(), name: z.string() }));
export type CrewPeople = z.infer<typeof CrewPeople>;
export const CrewInput = z.object({ lineId: z.uuid(), day: z.iso.date(), shiftCode: z.string().trim().min(1).max(8), userIds: z.array(z.uuid()).max(50) });

/** A tool of the plant (cutting tool, fixture, gauge): its life in uses and how much of it is used. */
export const ToolKind = z.enum(['cutting', 'fixture', 'gauge']);
export const ToolStatus = z.enum(['active', 'blocked', 'retired']);
export const Tool = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  code: z.string(),
  kind: ToolKind,
  description: z.string(),
  lifeLimit: z.number().int().nullable(),
  uses: z.number().int(),
  status: ToolStatus,
  /** When the "past its life" alarm was raised (null: not past it, or reset since). */
  lifeAlarmAt: z.string().nullable(),
  /** The last unit operation it was reported at. */
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Tool = z.infer<typeof Tool>;
export const ToolQuery = PageQuery.extend({ kind: ToolKind.optional(), worn: bool.optional() });
export const ToolPage = pageOf(Tool);
export const ToolInput = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[\x21-\x7e]+$/, 'factory.validation.tool_code_format'),
  kind: ToolKind,
  description: z.string().trim().max(200).default(''),
  lifeLimit: z.number().int().min(1).max(10_000_000).nullable().default(null),
});
export type ToolInput = z.infer<typeof ToolInput>;
/** An edit: description, life limit, status; `resetUses` after a regrind or a new insert (uses back to 0, the alarm cleared). */
export const ToolUpdate = z.object({
  description: z.string().trim().max(200).optional(),
  lifeLimit: z.number().int().min(1).max(10_000_000).nullable().optional(),
  status: ToolStatus.optional(),
  resetUses: z.boolean().optional(),
});
export type ToolUpdate = z.infer<typeof ToolUpdate>;
