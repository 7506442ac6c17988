import type { ReactNode } from 'react';
import {
  AimOutlined, ApiOutlined, CarOutlined, ClearOutlined, ExperimentOutlined, HighlightOutlined, RobotOutlined, ToolOutlined,
} from '@ant-design/icons';
import type { DeviceKind, FactoryDevice, FactoryLine } from '../../api/types';
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

/** Machine state codes of the `state` metric (sim/src/plant.ts STATE_CODES), with their colours. */
export const MACHINE_STATES = [
  { code: 1, key: 'running', color: '#1a8f5a' },
  { code: 2, key: 'idle', color: '#e0a21e' },
  { code: 3, key: 'down', color: '#d23f3f' },
  { code: 4, key: 'setup', color: '#1f4fd1' },
  { code: 5, key: 'planned_stop', color: '#8c8c8c' },
] as const;
export type MachineStateKey = (typeof MACHINE_STATES)[number]['key'];

/** How a metric is drawn: machine state as steps, counters by their last value, measurements as mean with min–max band. */
export type ChartKind = 'state' | 'counter' | 'band';

export interface MetricDef {
  name: string;
  chart: ChartKind;
  /** Used when the series carries no unit of its own. */
  unit?: string;
}

const STATE: MetricDef = { name: 'state', chart: 'state' };
const PARTS: MetricDef = { name: 'part_count', chart: 'counter' };
const TEMPERATURE: MetricDef = { name: 'temperature', chart: 'band', unit: '°C' };
const VIBRATION: MetricDef = { name: 'vibration', chart: 'band', unit: 'mm/s' };

/**
 * The charts of a device page per kind: the metric set the plant's devices publish (sim/src/plant.ts METRICS).
 * The API has no list of a device's metrics yet, so a device of kind "other" (e.g. a JSON device) gets the common
 * ones, and a chart whose metric the device never reported is left out.
 */
export const CHARTS: Record<DeviceKind, MetricDef[]> = {
  cnc: [STATE, { name: 'spindle_load', chart: 'band', unit: '%' }, { name: 'spindle_speed', chart: 'band', unit: 'rpm' }, VIBRATION, TEMPERATURE, PARTS],
  washer: [STATE, { name: 'water_temp', chart: 'band', unit: '°C' }, TEMPERATURE, PARTS],
  leak_tester: [STATE, { name: 'leak_rate', chart: 'band', unit: 'Pa/s' }, TEMPERATURE, PARTS],
  cmm: [STATE, { name: 'deviation', chart: 'band', unit: 'µm' }, TEMPERATURE, PARTS],
  laser_marker: [STATE, TEMPERATURE, PARTS],
  robot: [STATE, VIBRATION, TEMPERATURE, PARTS],
  agv: [STATE, { name: 'battery', chart: 'band', unit: '%' }, TEMPERATURE, PARTS],
  other: [STATE, TEMPERATURE, PARTS],
};

/** Dead-letter reasons the ingest writes (server sparkplug/types.ts); unknown ones are shown as their code. */
export const DEAD_LETTER_REASONS = ['unknown_topic', 'bad_protobuf', 'bad_json', 'bad_metric', 'wrong_type', 'unknown_alias', 'no_birth', 'internal_error'] as const;

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
