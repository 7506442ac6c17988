import type { ReactNode } from 'react';
import { AimOutlined, ApiOutlined, CarOutlined, ClearOutlined, ExperimentOutlined, HighlightOutlined, RobotOutlined, ToolOutlined } from '@ant-design/icons';
import type { DeviceKind, DeviceMetric, FactoryDevice, FactoryLine, MachineStateName, Severity } from '../../api/types';
import { currentLocale } from '../../i18n';

/** Every device kind in display order; the Record type makes the compiler flag a kind added to contracts. */
const KIND_ORDER: Record<DeviceKind, number> = { cnc: 0, washer: 1, leak_tester: 2, cmm: 3, laser_marker: 4, robot: 5, agv: 6, other: 7 };
export const DEVICE_KINDS = (Object.keys(KIND_ORDER) as DeviceKind[]).sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);

export const KIND_ICONS: Record<DeviceKind, ReactNode> = {
  cnc: <ToolOutlined />,
  washer: <ClearOutlined />,
  leak_tester: <ExperimentOutlined />,
  cmm: <AimOutlined />,
  laser_marker: <HighlightOutlined />,
  robot: <RobotOutlined />,
  agv: <CarOutlined />,
  other: <ApiOutlined />,
};

/** Machine state codes of the `state` metric (sim/src/plant.ts STATE_CODES). */
export const MACHINE_STATES = [
  { code: 1, key: 'running' },
  { code: 2, key: 'idle' },
  { code: 3, key: 'down' },
  { code: 4, key: 'setup' },
  { code: 5, key: 'planned_stop' },
] as const;
export type MachineStateKey = (typeof MACHINE_STATES)[number]['key'];

/** Every state of the timeline and the OEE, with its colour: the five machine states and "offline" (no data). */
export const STATE_COLORS: Record<MachineStateName, string> = {
  running: '#1a8f5a',
  idle: '#e0a21e',
  down: '#d23f3f',
  setup: '#1f4fd1',
  planned_stop: '#8c8c8c',
  offline: '#c9ced8',
};
export const STATE_ORDER = Object.keys(STATE_COLORS) as MachineStateName[];

export const SEVERITIES: Severity[] = ['critical', 'warning', 'info'];

/** How a metric is drawn: counters and other integers by their last value as steps, measurements as mean with min–max band. */
export type ChartKind = 'counter' | 'band';

export interface MetricDef {
  name: string;
  chart: ChartKind;
  unit: string | null;
}

/** Measurements first in the order an engineer reads a machine (load before temperature), the rest by name. */
const PREFERRED = ['spindle_load', 'spindle_speed', 'vibration', 'temperature', 'water_temp', 'leak_rate', 'deviation', 'battery', 'part_count', 'bad_count'];
const INTEGER = /^U?Int(8|16|32|64)$/;
const NUMERIC = /^(U?Int(8|16|32|64)|Float|Double)$/;
/** Metrics with numbers (not booleans or text): what can be charted or compared with a threshold. */
export const isNumeric = (m: Pick<DeviceMetric, 'datatype'>) => NUMERIC.test(m.datatype);
/** Drawn elsewhere: the state as the timeline, the alarm code as its down reasons and on the andon board. */
const NOT_CHARTED = new Set(['state', 'alarm_code']);

/**
 * The charts of a device page from the metrics it declared: every numeric one (booleans and strings have no
 * 1-minute rollup worth a line), counters and integers as steps of their last value.
 */
export function chartsOf(metrics: DeviceMetric[]): MetricDef[] {
  const rank = (n: string) => (PREFERRED.includes(n) ? PREFERRED.indexOf(n) : PREFERRED.length);
  return metrics
    .filter((m) => isNumeric(m) && !NOT_CHARTED.has(m.name))
    .map((m): MetricDef => ({ name: m.name, unit: m.unit, chart: INTEGER.test(m.datatype) || /(^|_)count$/.test(m.name) ? 'counter' : 'band' }))
    .sort((a, b) => (a.chart === b.chart ? 0 : a.chart === 'band' ? -1 : 1) || rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

/** Dead-letter reasons the ingest writes (server sparkplug/types.ts); unknown ones are shown as their code. */
export const DEAD_LETTER_REASONS = [
  'unknown_topic',
  'bad_protobuf',
  'bad_json',
  'bad_metric',
  'wrong_type',
  'unknown_alias',
  'no_birth',
  'bad_compression',
  'conflicting_value',
  'unknown_group',
  'write_failed',
  'internal_error',
  'unit_event_invalid',
  'unit_station_unknown',
  'unit_op_unknown',
  'unit_not_born',
  'unit_op_repeated',
  'unit_gtin_mismatch',
  'unit_product_serial_taken',
  'unit_tool_unknown',
] as const;

const zh = () => currentLocale() === 'zh-CN';
export const deviceName = (d: Pick<FactoryDevice, 'nameZh' | 'nameEn'>) => (zh() ? d.nameZh : d.nameEn);
export const lineName = (l: Pick<FactoryLine, 'nameZh' | 'nameEn'>) => (zh() ? l.nameZh : l.nameEn);

/** Stations in routing order: OP10 … OP80 by number, then logistics and other codes, then devices with none. */
export function compareStations(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const na = /^OP(\d+)$/i.exec(a);
  const nb = /^OP(\d+)$/i.exec(b);
  if (na && nb) return Number(na[1]) - Number(nb[1]);
  if (na) return -1;
  if (nb) return 1;
  return a.localeCompare(b);
}

/** The ingest registers a device that speaks the JSON format under this pseudo edge node. */
const JSON_NODE = '#json';
export const isJsonDevice = (d: Pick<FactoryDevice, 'sparkplug'>) => d.sparkplug.node === JSON_NODE;

/** The MQTT topic a device's data arrives on: Sparkplug DDATA of its edge node, or its JSON topic. */
export function deviceTopic(d: Pick<FactoryDevice, 'sparkplug'>): string {
  const { group, node, device } = d.sparkplug;
  return isJsonDevice(d) ? `gb/v1/${group}/${device}` : `spBv1.0/${group}/DDATA/${node}/${device}`;
}
