/**
 * The Qijiang gear plant (綦江齿轮传动有限公司 智能制造基地) as the demo and the simulator know it: 7 automated lines,
 * 180 devices. One Sparkplug edge node per line; one Sparkplug device per machine. Pure data, no I/O: the server's
 * demo seed registers exactly these devices, and the simulator speaks for them.
 */
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
  const add = (kind: DeviceKind, count: number, cellOf: (i: number) => string, cycle: number) => {
    const [abbr, zh, en] = KIND_NAMES[kind];
    for (let i = 1; i <= count; i++) {
      const n = String(i).padStart(2, '0');
      out.push({ code: `L${line}-${abbr}${n}`, kind, nameZh: `${line}线 ${zh} ${n}`, nameEn: `Line ${line} ${en} ${n}`, cell: cellOf(i), idealCycleS: cycle });
    }
  };
  // 12 machining centres in 4 operations of 3 parallel machines: a housing takes ~6 min per op on one machine.
  add('cnc', 12, (i) => `OP${10 * Math.ceil(i / 3)}`, 360);
  add('washer', 2, () => 'OP50', 120);
  add('leak_tester', 2, () => 'OP60', 90);
  add('cmm', 2, () => 'OP70', 240);
  add('laser_marker', 1, () => 'OP80', 30);
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
export type MetricType = 'Int32' | 'Int64' | 'Double' | 'Boolean';

/** A metric's value as the simulator holds it: Int32, Int64 (below 2^53) and Double as number, Boolean as boolean. */
export type MetricValue = number | boolean;

export interface MetricDef {
  name: string;
  type: MetricType;
  unit?: string;
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
