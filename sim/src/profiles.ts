/**
 * The numbers behind the plant model: how often each kind of machine stops, and when the plant takes its planned
 * breaks. Pure data. Why a machine stops (the alarm codes) is the plant's catalogue, in @gearbridge/plant.
 */
import type { DeviceKind } from '@gearbridge/plant';

export interface KindProfile {
  /** Mean operating hours between breakdowns (MTBF). */
  mtbfH: number;
  /** Mean operating minutes between short stops (starved / blocked), and their length range in minutes. */
  idleEveryMin: number;
  idleMin: [number, number];
  /** Operating hours between product changes, and the setup (changeover) length range in minutes. */
  changeoverH: [number, number];
  setupMin: [number, number];
  /** Steady temperature of the machine while running, °C at a 20 °C ambient. */
  tempRun: number;
}

export const PROFILES: Record<DeviceKind, KindProfile> = {
  cnc: { mtbfH: 4, idleEveryMin: 45, idleMin: [1, 6], changeoverH: [5, 9], setupMin: [20, 40], tempRun: 38 },
  washer: { mtbfH: 8, idleEveryMin: 60, idleMin: [1, 4], changeoverH: [5, 9], setupMin: [5, 12], tempRun: 42 },
  leak_tester: { mtbfH: 6, idleEveryMin: 60, idleMin: [1, 4], changeoverH: [5, 9], setupMin: [8, 15], tempRun: 30 },
  cmm: { mtbfH: 10, idleEveryMin: 50, idleMin: [1, 5], changeoverH: [5, 9], setupMin: [10, 20], tempRun: 21 },
  laser_marker: { mtbfH: 12, idleEveryMin: 60, idleMin: [1, 3], changeoverH: [5, 9], setupMin: [5, 10], tempRun: 33 },
  robot: { mtbfH: 8, idleEveryMin: 45, idleMin: [1, 4], changeoverH: [5, 9], setupMin: [5, 10], tempRun: 41 },
  agv: { mtbfH: 5, idleEveryMin: 30, idleMin: [1, 5], changeoverH: [5, 9], setupMin: [3, 6], tempRun: 31 },
};

/** A planned stop by local time of day: starts at startMin minutes after midnight, lasts durationMin. */
export interface PlannedBreak {
  startMin: number;
  durationMin: number;
}

/** Three 8-hour shifts (08:00, 16:00, 00:00), each with a 30-minute meal break in its middle. */
export const DEFAULT_BREAKS: readonly PlannedBreak[] = [
  { startMin: 12 * 60, durationMin: 30 },
  { startMin: 20 * 60, durationMin: 30 },
  { startMin: 4 * 60, durationMin: 30 },
];

/** Shift changes by local time of day, minutes after midnight: 08:00, 16:00 and 00:00 (the plant's default calendar). */
export const DEFAULT_SHIFT_CHANGES: readonly number[] = [8 * 60, 16 * 60, 0];
