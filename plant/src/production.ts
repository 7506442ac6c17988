/**
 * What the demo plant makes and how a unit travels (issue #13, Factory II): each line's gearbox housing with its
 * part number, revision and GTIN; the routing OP10 … OP80 with the stations' ideal cycle times; the
 * characteristics measured at each operation; the components bound by lot; defect codes; and the Sparkplug / JSON
 * metric names a station uses to report a unit. Pure data: the server's seed registers it, the ingest reads the
 * metric names, the simulator speaks them.
 *
 * Throughput (the article: 70–80 housings per line per 8-hour shift, from 30): the slowest operation sets the
 * line's pace — three machining centres in parallel at 840 s each make one housing every 280 s, 103 in an 8-hour
 * shift at 100 %. After the meal break, breakdowns (MTBF 4 h, 5–40 min repairs), tool changes and the units waiting
 * between operations, the simulator's lines make 75–78 a shift on average (sim/src/line.unit.test.ts); at 900 s they
 * made 70, the bottom of the article's range, with single shifts down to 63.
 */
import type { DeviceKind } from './plant';

export interface CharacteristicDef {
  /** Unique within a product: BORE_D1. Reported as the metric `meas/BORE_D1`. */
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  nominal: number;
  /** A one-sided characteristic (flatness, leak rate) has no lower limit. */
  lsl: number | null;
  usl: number | null;
  /** Decimal places a gauge reports. */
  decimals: number;
}

export interface RoutingOpDef {
  /** OP10 … OP80; also the work cell code the stations of the operation sit in. */
  op: string;
  nameZh: string;
  nameEn: string;
  /** The device kind whose stations perform the operation (robots and AGVs only handle, they perform none). */
  kind: DeviceKind;
  /** Ideal cycle time of one unit on one station, seconds: the OEE's Performance uses it. */
  idealCycleS: number;
  characteristics: CharacteristicDef[];
  /** Components bound to the unit at this operation, by their code in `COMPONENTS`. */
  binds: { component: string; qty: number }[];
  /** The operation where the unit gets its laser-marked product identifier (GS1). */
  marks?: boolean;
  /** The tools each station of the operation works with, one per slot (reported as `unit/tool/<slot>`). */
  tools?: ToolSlotDef[];
}

/** A tool slot of a station: the kind of tool mounted there and how many uses a tool lasts. */
export interface ToolSlotDef {
  /** MILL, BORE, TAP …: the metric `unit/tool/<slot>` names it. */
  slot: string;
  kind: 'cutting' | 'fixture' | 'gauge';
  nameZh: string;
  nameEn: string;
  lifeUses: number;
}

export interface ComponentDef {
  code: string;
  partNo: string;
  nameZh: string;
  nameEn: string;
  /** The supplier as a name; the demo registers it as an organisation. */
  supplier: string;
  /** Prefix of the lot numbers on the component's labels: CST-261207-103. */
  lotPrefix: string;
}

export interface ProductDef {
  partNo: string;
  revision: string;
  nameZh: string;
  nameEn: string;
  /** GTIN-14 with a valid GS1 check digit (company prefix 697543 is invented for the demo). */
  gtin: string;
  /** The line (PlantLine.code) that makes it. */
  line: string;
}

const mm = (code: string, nameZh: string, nameEn: string, nominal: number, lsl: number | null, usl: number | null, decimals = 3): CharacteristicDef => ({
  code,
  nameZh,
  nameEn,
  unit: 'mm',
  nominal,
  lsl,
  usl,
  decimals,
});

/** The routing every housing follows (the lines differ in the product, not in the operations). */
export const ROUTING: RoutingOpDef[] = [
  {
    op: 'OP10',
    nameZh: '粗铣结合面',
    nameEn: 'Rough-mill joint face',
    kind: 'cnc',
    idealCycleS: 840,
    characteristics: [mm('FLAT_JOINT', '结合面平面度', 'Joint face flatness', 0.02, null, 0.05)],
    binds: [{ component: 'CASTING', qty: 1 }],
    tools: [{ slot: 'MILL', kind: 'cutting', nameZh: '面铣刀 Ø125', nameEn: 'Face mill Ø125', lifeUses: 60 }],
  },
  {
    op: 'OP20',
    nameZh: '镗轴承孔',
    nameEn: 'Bore bearing seats',
    kind: 'cnc',
    idealCycleS: 840,
    characteristics: [
      mm('BORE_D1', '输入轴承孔 Ø62H7', 'Input bearing bore Ø62H7', 62.015, 62.0, 62.03),
      mm('BORE_D2', '输出轴承孔 Ø80H7', 'Output bearing bore Ø80H7', 80.015, 80.0, 80.03),
    ],
    binds: [],
    tools: [{ slot: 'BORE', kind: 'cutting', nameZh: '精镗刀 Ø62/Ø80', nameEn: 'Finish boring bar Ø62/Ø80', lifeUses: 60 }],
  },
  {
    op: 'OP30',
    nameZh: '钻孔攻丝',
    nameEn: 'Drill and tap',
    kind: 'cnc',
    idealCycleS: 840,
    characteristics: [mm('POS_M10', 'M10 螺纹孔位置度', 'M10 thread position', 0.04, null, 0.1, 3)],
    binds: [],
    tools: [{ slot: 'TAP', kind: 'cutting', nameZh: '丝锥 M10', nameEn: 'Tap M10', lifeUses: 60 }],
  },
  {
    op: 'OP40',
    nameZh: '精铣与销孔',
    nameEn: 'Finish-mill and dowel holes',
    kind: 'cnc',
    idealCycleS: 840,
    characteristics: [mm('DIST_AXIS', '两轴中心距', 'Shaft centre distance', 120.0, 119.98, 120.02)],
    binds: [{ component: 'DOWEL', qty: 2 }],
    tools: [{ slot: 'MILL', kind: 'cutting', nameZh: '精铣刀 Ø20', nameEn: 'Finishing end mill Ø20', lifeUses: 60 }],
  },
  {
    op: 'OP50',
    nameZh: '清洗',
    nameEn: 'Wash',
    kind: 'washer',
    idealCycleS: 240,
    characteristics: [{ code: 'CLEAN_MG', nameZh: '清洁度残留', nameEn: 'Residual dirt', unit: 'mg', nominal: 2.0, lsl: null, usl: 5.0, decimals: 1 }],
    binds: [],
  },
  {
    op: 'OP60',
    nameZh: '装螺塞与试漏',
    nameEn: 'Fit plugs and leak test',
    kind: 'leak_tester',
    idealCycleS: 180,
    characteristics: [{ code: 'LEAK_RATE', nameZh: '泄漏率', nameEn: 'Leak rate', unit: 'Pa/s', nominal: 0.8, lsl: null, usl: 2.0, decimals: 2 }],
    binds: [{ component: 'PLUG', qty: 4 }],
  },
  {
    op: 'OP70',
    nameZh: '三坐标终检',
    nameEn: 'CMM final inspection',
    kind: 'cmm',
    idealCycleS: 600,
    characteristics: [
      mm('BORE_D1_F', '输入轴承孔终检', 'Input bearing bore, final', 62.015, 62.0, 62.03),
      mm('PERP_BORE', '轴承孔垂直度', 'Bore perpendicularity', 0.01, null, 0.03),
    ],
    binds: [],
  },
  {
    op: 'OP80',
    nameZh: '激光打标',
    nameEn: 'Laser marking',
    kind: 'laser_marker',
    idealCycleS: 60,
    characteristics: [],
    binds: [],
    marks: true,
  },
];

export const COMPONENTS: ComponentDef[] = [
  { code: 'CASTING', partNo: 'QJ-CST-100', nameZh: '壳体铸件毛坯', nameEn: 'Housing casting', supplier: '綦江永固铸造有限公司', lotPrefix: 'CST' },
  { code: 'DOWEL', partNo: 'GB/T119-10x24', nameZh: '圆柱销 10×24', nameEn: 'Dowel pin 10×24', supplier: '重庆渝标紧固件有限公司', lotPrefix: 'DWL' },
  { code: 'PLUG', partNo: 'QJ-PLG-M16', nameZh: '磁性螺塞 M16', nameEn: 'Magnetic plug M16', supplier: '重庆渝标紧固件有限公司', lotPrefix: 'PLG' },
];

/** One housing per line; the names match `PlantLine.product`. */
export const PRODUCTS: ProductDef[] = [
  { partNo: 'QJ-HSG-A01', revision: 'C', nameZh: '变速器壳体 A', nameEn: 'Gearbox housing A', gtin: '06975432100014', line: 'L1' },
  { partNo: 'QJ-HSG-B02', revision: 'B', nameZh: '变速器壳体 B', nameEn: 'Gearbox housing B', gtin: '06975432100021', line: 'L2' },
  { partNo: 'QJ-CLH-C01', revision: 'A', nameZh: '离合器壳体', nameEn: 'Clutch housing', gtin: '06975432100038', line: 'L3' },
  { partNo: 'QJ-HSG-C03', revision: 'D', nameZh: '变速器壳体 C', nameEn: 'Gearbox housing C', gtin: '06975432100045', line: 'L4' },
  { partNo: 'QJ-PTO-D01', revision: 'A', nameZh: '取力器壳体', nameEn: 'PTO housing', gtin: '06975432100052', line: 'L5' },
  { partNo: 'QJ-CVR-E01', revision: 'B', nameZh: '变速器上盖', nameEn: 'Gearbox top cover', gtin: '06975432100069', line: 'L6' },
  { partNo: 'QJ-AXH-F01', revision: 'A', nameZh: '后桥主减壳', nameEn: 'Rear axle final-drive housing', gtin: '06975432100076', line: 'L7' },
];

/** Defect codes a station or an inspector records with a NOK result. */
export const DEFECT_CODES: { code: string; nameZh: string; nameEn: string }[] = [
  { code: 'D01', nameZh: '铸造气孔', nameEn: 'Casting porosity' },
  { code: 'D02', nameZh: '尺寸超差', nameEn: 'Dimension out of tolerance' },
  { code: 'D03', nameZh: '泄漏', nameEn: 'Leak' },
  { code: 'D04', nameZh: '磕碰伤', nameEn: 'Dent or scratch' },
  { code: 'D05', nameZh: '螺纹不良', nameEn: 'Thread defect' },
  { code: 'D06', nameZh: '毛刺', nameEn: 'Burr' },
  { code: 'D07', nameZh: '清洁度超标', nameEn: 'Cleanliness exceeded' },
];

/**
 * The metrics a station reports a unit with, in one DDATA (Sparkplug) or one JSON message, all at the same
 * timestamp: `unit/event` says what happened, the others what with. String metrics unless said otherwise.
 * - `start`: the unit is at the station (`unit/serial`; at the routing's first operation the unit is born with it).
 * - `complete`: the operation is done — `unit/result` OK or NOK, `unit/defect` (a DEFECT_CODES code) with NOK,
 *   measurements as Double metrics `meas/<characteristic code>`, component lots bound here as
 *   `unit/lot/<component code>` (the lot number on the component's label), the tools in the station's slots as
 *   `unit/tool/<slot>` (a registered tool's code: an unknown one refuses the report), and at the marking operation the
 *   laser-marked GS1 element string in `unit/product_id` (human-readable form: (01)…(21)…(11)…).
 */
export const UNIT_METRICS = {
  event: 'unit/event',
  serial: 'unit/serial',
  result: 'unit/result',
  defect: 'unit/defect',
  productId: 'unit/product_id',
} as const;
export const UNIT_EVENTS = ['start', 'complete'] as const;
export type UnitEvent = (typeof UNIT_EVENTS)[number];
export const measurementMetric = (characteristic: string) => `meas/${characteristic}`;
export const lotMetric = (component: string) => `unit/lot/${component}`;
/** The tool in a station's slot at a completion: `unit/tool/<slot>` = the tool's code (it must be registered). */
export const toolMetric = (slot: string) => `unit/tool/${slot}`;

/** Spare tools of each station slot: a worn tool is replaced by the next (TOOL_COPIES of them, then the first again, reground). */
export const TOOL_COPIES = 8;
/** The code of a station's tool: `L1-CNC04-BORE-3` (station, slot, copy 1…TOOL_COPIES). */
export const toolCode = (station: string, slot: string, copy: number) => `${station}-${slot}-${copy}`;

/**
 * An AGV transfer order travels as a Sparkplug DCMD to the AGV device with the String metrics `agv/order` (the
 * order number), `agv/from` and `agv/to` (location codes); the AGV answers in DDATA with `agv/order` and
 * `agv/status` (`accepted`, `picked`, `delivered`, or `failed` with `agv/reason`).
 */
export const AGV_METRICS = { order: 'agv/order', from: 'agv/from', to: 'agv/to', status: 'agv/status', reason: 'agv/reason' } as const;
export const AGV_STATUSES = ['accepted', 'picked', 'delivered', 'failed'] as const;
export type AgvStatus = (typeof AGV_STATUSES)[number];

/** The plant's GS1 Company Prefix (invented for the demo, as in the GTINs above): pallets' SSCCs are built on it. */
export const GS1_COMPANY_PREFIX = '697543';

/** Where finished units go: the line-end buffer, the finished-goods warehouse, the shipping dock. */
export const LOCATIONS = [
  { code: 'LINE-END', nameZh: '线尾缓存区', nameEn: 'Line-end buffer' },
  { code: 'FG-WH', nameZh: '成品库', nameEn: 'Finished-goods warehouse' },
  { code: 'DOCK', nameZh: '发运月台', nameEn: 'Shipping dock' },
] as const;

/**
 * The demo's logistics clerk (server: factory/logistics/demo-clerk.ts): housings a pallet, how many stocked pallets
 * make a delivery, and the customers it ships to in turn — heavy-truck makers, whose gearboxes these housings go into.
 */
export const DEMO_PALLET_UNITS = 12;
export const DEMO_DELIVERY_PALLETS = 6;
/** Pallets a delivery of a work order naming its customer (another module's order) takes in the demo: it ships in part deliveries. */
export const DEMO_ORDER_DELIVERY_PALLETS = 2;
export const DEMO_CUSTOMERS = ['上汽红岩汽车有限公司', '陕西汽车控股集团有限公司', '中国重型汽车集团有限公司', '北汽福田汽车股份有限公司'] as const;

/** The article's shift target: 70–80 housings per line per 8-hour shift (from 30 before the lines were automated). */
export const SHIFT_TARGET_UNITS = 75;

/**
 * The article's quality target: first-pass yield from 99 % to 99.99 % — at most 100 nonconforming housings per
 * million (ppm). The article also says "1 in 100,000", which would be 10 ppm; 99.99 % is what the demo uses. Seeded
 * as each line's `ppm_target` (factory migration 0008); a plant manager changes it per line.
 */
export const PPM_TARGET = 100;
