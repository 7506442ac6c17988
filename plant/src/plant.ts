/**
 * The Qijiang gear plant (綦江齿轮传动有限公司 智能制造基地) as the demo and the simulator know it: 7 automated lines,
 * 180 devices. One Sparkplug edge node per line; one Sparkplug device per machine. Pure data, no I/O: the server's
 * demo seed registers exactly these devices, and the simulator speaks for them.
 */
import { AGV_METRICS, lotMetric, measurementMetric, ROUTING, toolMetric, UNIT_METRICS } from './production';

export type DeviceKind = 'cnc' | 'washer' | 'leak_tester' | 'cmm' | 'laser_marker' | 'robot' | 'agv';

export interface PlantDevice {
  /** Unique in the plant, also the Sparkplug device id: L1-CNC01. */
  code: string;
  kind: DeviceKind;
  nameZh: string;
  nameEn: string;
  /** Work cell (station) the device belongs to, e.g. OP10. */
  cell: string;
  /** Ideal cycle time of the operation, seconds (for OEE performance). */
  idealCycleS: number;
}

export interface PlantLine {
  code: string; // L1
  /** Sparkplug edge node id of the line's gateway. */
  node: string; // line-1
  nameZh: string;
  nameEn: string;
  product: string;
  devices: PlantDevice[];
}

export const SPARKPLUG_GROUP = 'qijiang-gear';

const KIND_NAMES: Record<DeviceKind, [string, string, string]> = {
  cnc: ['CNC', '加工中心', 'Machining centre'],
  washer: ['WSH', '清洗机', 'Washer'],
  leak_tester: ['LKT', '试漏机', 'Leak tester'],
  cmm: ['CMM', '三坐标测量机', 'CMM'],
  laser_marker: ['LSR', '激光打标机', 'Laser marker'],
  robot: ['ROB', '机器人', 'Robot'],
  agv: ['AGV', 'AGV 小车', 'AGV'],
};

/** Stations in routing order: rough machining, finishing, washing, leak test, measuring, marking. */
function lineDevices(line: number, robots: number): PlantDevice[] {
  const out: PlantDevice[] = [];
  // A station's ideal cycle time is its operation's (ROUTING): 12 machining centres in 4 operations of 3 parallel
  // machines at 15 min a housing each, then washing, leak test, CMM and marking. Robots and AGVs only handle, at
  // their own handling times.
  const add = (kind: DeviceKind, count: number, cellOf: (i: number) => string, handlingS?: number) => {
    const [abbr, zh, en] = KIND_NAMES[kind];
    for (let i = 1; i <= count; i++) {
      const n = String(i).padStart(2, '0');
      const cell = cellOf(i);
      const idealCycleS = handlingS ?? ROUTING.find((o) => o.op === cell)!.idealCycleS;
      out.push({ code: `L${line}-${abbr}${n}`, kind, nameZh: `${line}线 ${zh} ${n}`, nameEn: `Line ${line} ${en} ${n}`, cell, idealCycleS });
    }
  };
  add('cnc', 12, (i) => `OP${10 * Math.ceil(i / 3)}`);
  add('washer', 2, () => 'OP50');
  add('leak_tester', 2, () => 'OP60');
  add('cmm', 2, () => 'OP70');
  add('laser_marker', 1, () => 'OP80');
  add('robot', robots, (i) => `OP${10 * Math.min(i, 8)}`, 20);
  add('agv', 2, () => 'LOG', 180);
  return out;
}

const PRODUCTS = ['变速器壳体 A', '变速器壳体 B', '离合器壳体', '变速器壳体 C', '取力器壳体', '变速器上盖', '后桥主减壳'];

export const PLANT: PlantLine[] = Array.from({ length: 7 }, (_, i) => {
  const n = i + 1;
  return {
    code: `L${n}`,
    node: `line-${n}`,
    nameZh: `${n} 号自动化生产线`,
    nameEn: `Automated line ${n}`,
    product: PRODUCTS[i],
    // 5 robots on lines 1–5, 4 on lines 6–7: 5 × 26 + 2 × 25 = 180 devices.
    devices: lineDevices(n, n <= 5 ? 5 : 4),
  };
});

export const PLANT_DEVICE_COUNT = PLANT.reduce((s, l) => s + l.devices.length, 0);

/** Sparkplug datatypes the plant uses (names as sparkplug-payload writes them). */
export type MetricType = 'Int32' | 'Int64' | 'Double' | 'Boolean' | 'String';

/**
 * A metric's value as the simulator holds it: Int32, Int64 (below 2^53) and Double as number, Boolean as boolean,
 * String as string; null is Sparkplug's is_null (an event metric between events).
 */
export type MetricValue = number | boolean | string | null;

export interface MetricDef {
  name: string;
  type: MetricType;
  unit?: string;
  /**
   * Sent only in the DDATA of the event it belongs to (a unit's start or completion, an AGV's answer), never in the
   * periodic data: declared in the DBIRTH with a null value.
   */
  event?: boolean;
}

/**
 * Machine state codes published in the `state` metric. The ingest maps them to the platform's machine states;
 * a down state carries its reason in `alarm_code`.
 */
export const STATE_CODES = { running: 1, idle: 2, down: 3, setup: 4, planned_stop: 5 } as const;

const COMMON: MetricDef[] = [
  { name: 'state', type: 'Int32' },
  { name: 'alarm_code', type: 'Int32' },
  { name: 'part_count', type: 'Int64' },
  { name: 'bad_count', type: 'Int64' },
  { name: 'cycle_complete', type: 'Boolean' },
  { name: 'temperature', type: 'Double', unit: '°C' },
];

export const METRICS: Record<DeviceKind, MetricDef[]> = {
  cnc: [
    ...COMMON,
    { name: 'spindle_load', type: 'Double', unit: '%' },
    { name: 'spindle_speed', type: 'Double', unit: 'rpm' },
    { name: 'vibration', type: 'Double', unit: 'mm/s' },
  ],
  washer: [...COMMON, { name: 'water_temp', type: 'Double', unit: '°C' }],
  leak_tester: [...COMMON, { name: 'leak_rate', type: 'Double', unit: 'Pa/s' }],
  cmm: [...COMMON, { name: 'deviation', type: 'Double', unit: 'µm' }],
  laser_marker: [...COMMON],
  robot: [...COMMON, { name: 'vibration', type: 'Double', unit: 'mm/s' }],
  agv: [...COMMON, { name: 'battery', type: 'Double', unit: '%' }],
};

/** Every device with its line, in plant order (line 1's devices first): "the first N devices" means a prefix of this. */
export const PLANT_DEVICES: ReadonlyArray<{ line: PlantLine; device: PlantDevice }> = PLANT.flatMap((line) => line.devices.map((device) => ({ line, device })));

/**
 * Every metric a device declares in its DBIRTH: its kind's METRICS, and the event metrics it reports with — a
 * station of the routing its unit metrics (UNIT_METRICS, `meas/<code>` of its operation's characteristics as Double
 * with their unit, `unit/lot/<component>` of the components bound there, `unit/tool/<slot>` of its tool slots, `unit/product_id` at the marking
 * operation), an AGV its transfer-order metrics (AGV_METRICS). Event metrics are Strings unless said otherwise.
 */
export function deviceMetrics(device: PlantDevice): MetricDef[] {
  const base = METRICS[device.kind];
  if (device.kind === 'agv') return [...base, ...Object.values(AGV_METRICS).map((name): MetricDef => ({ name, type: 'String', event: true }))];
  const op = ROUTING.find((o) => o.op === device.cell && o.kind === device.kind);
  if (!op) return base;
  const event = (name: string, type: MetricType = 'String', unit?: string): MetricDef => (unit ? { name, type, unit, event: true } : { name, type, event: true });
  return [
    ...base,
    event(UNIT_METRICS.event),
    event(UNIT_METRICS.serial),
    event(UNIT_METRICS.result),
    event(UNIT_METRICS.defect),
    ...op.characteristics.map((c) => event(measurementMetric(c.code), 'Double', c.unit)),
    ...op.binds.map((b) => event(lotMetric(b.component))),
    ...(op.tools ?? []).map((t) => event(toolMetric(t.slot))),
    ...(op.marks ? [event(UNIT_METRICS.productId)] : []),
  ];
}
