/**
 * Units through a line's routing (issue #13): the stations of each operation of ROUTING take units from the buffer
 * before them and hand them to the buffer after them, all stepped together on one simulated clock. Pure and seeded
 * like model.ts: the same seed, start time and steps give the same units, serials, measurements and lots.
 *
 * - A unit is born at the first operation with a process serial made of the line, the UTC date and time to the
 *   millisecond of its start, and the station: `L1-261207-093015123-2` (one station starts one unit at a time and its
 *   event timestamps strictly increase, so serials are unique, across restarts too as long as the clock goes forward).
 * - Between operations a buffer of BUFFER_CAPACITY units: a unit waits there while every station of the next
 *   operation is busy, down or stopped; a full buffer blocks the stations before it. A down station holds its unit.
 * - A NOK unit (about badRate of all units, spread over the operations, each with a defect code that fits the
 *   operation; or a measurement outside its limits) leaves the line at the station that found it.
 * - Measurements: each station's gauge for a characteristic reads nominal plus a slow drift (an Ornstein–Uhlenbeck
 *   process), now and then a shift of 1–1.5 σ for a few hours, and noise; σ gives Cp = 2, so values stay within the
 *   limits but drift and shifts make SPC rules fire now and then.
 * - Component lots are bound at their operations; a new casting lot every 150–250 units, dowel and plug lots every
 *   800–1,200: `CST-261207-103` (prefix, the plant's local date and, after the dash, the line and the local hour the
 *   lot was opened: unique per line and hour).
 * - Tools: each machining station reports the tool in each of its slots (`unit/tool/<slot>`, plant ROUTING). A tool
 *   is replaced by the station's next spare every TOOL_PERIOD_H hours (stations offset from each other), before its
 *   life in uses runs out: the copy in use follows from the clock alone, so a restarted simulator picks the same one.
 * - At the marking operation the GS1 element string (01) GTIN (21) product serial (11) production date (local).
 */
import {
  COMPONENTS,
  lotMetric,
  measurementMetric,
  PRODUCTS,
  ROUTING,
  TOOL_COPIES,
  toolCode,
  toolMetric,
  UNIT_METRICS,
  type CharacteristicDef,
  type MetricValue,
  type PlantLine,
} from '@gearbridge/plant';
import type { DeviceModel, ModelOptions, StationFlow, Unit } from './model';
import { Rng } from './rng';

/** Units that fit between two operations (a conveyor or rack); more blocks the stations before it. */
export const BUFFER_CAPACITY = 6;

/** Lot sizes in units, drawn uniformly from the range for each new lot. */
const LOT_UNITS: Record<string, [number, number]> = { CASTING: [150, 250], DOWEL: [800, 1200], PLUG: [800, 1200] };

/** Defect codes an operation finds; the first of a measured operation goes with a measurement out of its limits. */
const DEFECTS: Record<string, string[]> = {
  OP10: ['D01', 'D06'],
  OP20: ['D02', 'D04'],
  OP30: ['D02', 'D05', 'D06'],
  OP40: ['D02', 'D06'],
  OP50: ['D07'],
  OP60: ['D03'],
  OP70: ['D02', 'D04'],
  OP80: ['D04'],
};
/** The defect a measurement outside its limits is recorded as, by operation. */
const OUT_OF_SPEC: Record<string, string> = { OP10: 'D02', OP20: 'D02', OP30: 'D02', OP40: 'D02', OP50: 'D07', OP60: 'D03', OP70: 'D02' };

const H = 3600_000;
/** Hours a tool stays in its slot (≈ 40 units at a machining station's pace, under the 60 uses of its life). */
export const TOOL_PERIOD_H = 12;

/** The copy (1…TOOL_COPIES) of a station's tool in use at a moment: by the clock, each station offset by 2.5 h. */
export function toolCopyAt(station: string, timestampMs: number): number {
  const stationNo = Number(station.replace(/^.*?(\d+)$/, '$1')) || 0;
  return (Math.floor(timestampMs / H / TOOL_PERIOD_H + (stationNo * 2.5) / TOOL_PERIOD_H) % TOOL_COPIES) + 1;
}
/** Drift: time constant and size (σ of the process) of the slow wander; shifts: how often, how big, how long. */
const DRIFT_TAU_MS = 6 * H;
const DRIFT_SIGMA = 0.4;
const SHIFT_EVERY_MS = 24 * H;
const SHIFT_SIZE: [number, number] = [1, 1.5];
const SHIFT_MEAN_MS = 3 * H;

/** One station's gauge for one characteristic. */
class Gauge {
  private drift = 0;
  private shift = 0;
  private shiftUntilMs = -Infinity;
  private lastMs: number | null = null;
  readonly sigma: number;
  readonly centre: number;

  constructor(
    readonly c: CharacteristicDef,
    private readonly rng: Rng,
  ) {
    // Cp = 2: a two-sided tolerance is 12 σ wide; a one-sided one leaves 6 σ between nominal and its limit.
    this.sigma = c.lsl !== null && c.usl !== null ? (c.usl - c.lsl) / 12 : Math.abs((c.usl ?? c.lsl ?? c.nominal) - c.nominal) / 6;
    this.centre = c.nominal;
  }

  read(atMs: number): number {
    if (this.lastMs === null) {
      // The first reading: the drift is wherever the process happens to be, no shift under way.
      this.drift = DRIFT_SIGMA * this.rng.normal();
      this.lastMs = atMs;
    }
    const dt = Math.max(0, atMs - this.lastMs);
    this.lastMs = atMs;
    const a = Math.exp(-dt / DRIFT_TAU_MS);
    this.drift = this.drift * a + DRIFT_SIGMA * Math.sqrt(1 - a * a) * this.rng.normal();
    if (atMs >= this.shiftUntilMs) this.shift = 0;
    if (this.shift === 0 && this.rng.chance(1 - Math.exp(-dt / SHIFT_EVERY_MS))) {
      this.shift = (this.rng.chance(0.5) ? 1 : -1) * this.rng.uniform(...SHIFT_SIZE);
      this.shiftUntilMs = atMs + this.rng.exp(SHIFT_MEAN_MS);
    }
    let x = this.centre + this.sigma * (this.drift + this.shift + this.rng.normal());
    // Flatness, position, dirt and leak rate are never below 0.
    if (this.c.lsl === null) x = Math.max(0, x);
    return round(x, this.c.decimals);
  }

  /** A reading just outside a limit, for a unit found NOK on this characteristic. */
  outOfSpec(): number {
    const { lsl, usl } = this.c;
    const over = usl !== null && (lsl === null || this.rng.chance(0.5));
    const x = over ? usl! + this.sigma * this.rng.uniform(0.2, 1.5) : lsl! - this.sigma * this.rng.uniform(0.2, 1.5);
    const f = 10 ** this.c.decimals;
    // Rounded away from the limit, so that the reported value is outside it too.
    return over ? Math.ceil(x * f) / f : Math.floor(x * f) / f;
  }

  inSpec(x: number): boolean {
    return (this.c.lsl === null || x >= this.c.lsl) && (this.c.usl === null || x <= this.c.usl);
  }
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f || 0;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** YYMMDD of a moment, shifted by offsetMin (0 for UTC). */
const yymmdd = (ms: number, offsetMin = 0) => {
  const d = new Date(ms + offsetMin * 60_000);
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
};
const hhmmssmmm = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}${pad(d.getUTCMilliseconds(), 3)}`;
};

export interface LineCounts {
  /** Units born at the first operation. */
  born: number;
  /** Units that completed the last operation OK. */
  finished: number;
  /** Units completed NOK somewhere, and so taken off the line. */
  nok: number;
}

/** A line's routing: the buffers, the units in them, the gauges and the lots in use. */
export class LineFlow implements StationFlow {
  readonly counts: LineCounts = { born: 0, finished: 0, nok: 0 };
  /** buffers[i]: units waiting for operation i (none for the first, which takes castings without limit). */
  readonly buffers: Unit[][] = ROUTING.map(() => []);

  private readonly opOf = new Map<DeviceModel, number>();
  private readonly gauges = new Map<string, Gauge>();
  private readonly lots = new Map<string, { code: string; left: number }>();
  private readonly rng: Rng;
  private readonly gtin: string;
  private readonly lineNo: string;
  private readonly badPerOp: number;
  private readonly utcOffsetMin: number;

  constructor(
    readonly line: PlantLine,
    stations: readonly DeviceModel[],
    options: ModelOptions,
  ) {
    this.rng = new Rng(options.seed, `${line.code}/flow`);
    this.gtin = PRODUCTS.find((p) => p.line === line.code)?.gtin ?? '00000000000000';
    this.lineNo = line.code.replace(/\D/g, '') || '0';
    this.badPerOp = (options.badRate ?? 1e-4) / ROUTING.length;
    this.utcOffsetMin = options.utcOffsetMin ?? 480;
    for (const s of stations) {
      const i = ROUTING.findIndex((o) => o.op === s.device.cell && o.kind === s.device.kind);
      if (i >= 0) this.opOf.set(s, i);
    }
  }

  /** Units on the line: in the buffers and on the stations. */
  wip(): number {
    let n = this.buffers.reduce((s, b) => s + b.length, 0);
    for (const s of this.opOf.keys()) if (s.unit) n++;
    return n;
  }

  available(station: DeviceModel): boolean {
    const i = this.opOf.get(station)!;
    return i === 0 || this.buffers[i].length > 0;
  }

  take(station: DeviceModel, timestampMs: number): Unit | null {
    const i = this.opOf.get(station)!;
    if (i > 0) return this.buffers[i].shift() ?? null;
    this.counts.born++;
    const stationNo = Number(station.device.code.slice(-2));
    return { serial: `${this.line.code}-${yymmdd(timestampMs)}-${hhmmssmmm(timestampMs)}-${stationNo}`, nok: false };
  }

  complete(station: DeviceModel, unit: Unit, timestampMs: number): Record<string, MetricValue> {
    const op = ROUTING[this.opOf.get(station)!];
    const rng = this.rng;
    const out: Record<string, MetricValue> = {};
    let defect: string | null = rng.chance(this.badPerOp) ? rng.pick(DEFECTS[op.op]) : null;
    const forced = defect !== null && defect === OUT_OF_SPEC[op.op] && op.characteristics.length > 0 ? rng.pick(op.characteristics).code : null;
    for (const c of op.characteristics) {
      const g = this.gauge(station, c);
      const x = c.code === forced ? g.outOfSpec() : g.read(timestampMs);
      out[measurementMetric(c.code)] = x;
      // A gauge that reads outside the limits fails the unit, whatever else was drawn.
      if (!g.inSpec(x) && defect === null) defect = OUT_OF_SPEC[op.op] ?? 'D02';
    }
    for (const b of op.binds) out[lotMetric(b.component)] = this.lot(b.component, timestampMs);
    for (const t of op.tools ?? []) out[toolMetric(t.slot)] = toolCode(station.device.code, t.slot, toolCopyAt(station.device.code, timestampMs));
    unit.nok = defect !== null;
    out[UNIT_METRICS.result] = unit.nok ? 'NOK' : 'OK';
    if (defect) out[UNIT_METRICS.defect] = defect;
    if (op.marks) {
      const productSerial = `${this.lineNo}${yymmdd(timestampMs)}${hhmmssmmm(timestampMs)}`;
      out[UNIT_METRICS.productId] = `(01)${this.gtin}(21)${productSerial}(11)${yymmdd(timestampMs, this.utcOffsetMin)}`;
    }
    return out;
  }

  release(station: DeviceModel, unit: Unit): boolean {
    const i = this.opOf.get(station)!;
    if (unit.nok) {
      this.counts.nok++;
      return true;
    }
    if (i === ROUTING.length - 1) {
      this.counts.finished++;
      return true;
    }
    const next = this.buffers[i + 1];
    if (next.length >= BUFFER_CAPACITY) return false;
    next.push(unit);
    return true;
  }

  private gauge(station: DeviceModel, c: CharacteristicDef): Gauge {
    const key = `${station.device.code}/${c.code}`;
    let g = this.gauges.get(key);
    if (!g) {
      g = new Gauge(c, new Rng(this.rngSeed(), key));
      this.gauges.set(key, g);
    }
    return g;
  }

  private rngSeed(): number {
    return Math.floor(this.rng.next() * 0x1_0000_0000);
  }

  /** The lot number of the component bound now, opening a new lot when the last one is used up. */
  private lot(component: string, timestampMs: number): string {
    let lot = this.lots.get(component);
    if (!lot || lot.left <= 0) {
      const prefix = COMPONENTS.find((c) => c.code === component)?.lotPrefix ?? component.slice(0, 3);
      const local = timestampMs + this.utcOffsetMin * 60_000;
      const code = `${prefix}-${yymmdd(local)}-${this.lineNo}${pad(new Date(local).getUTCHours())}`;
      lot = { code, left: this.rng.int(...(LOT_UNITS[component] ?? [1000, 1000])) };
      this.lots.set(component, lot);
    }
    lot.left--;
    return lot.code;
  }
}

/** A line's stations stepped together, so that a unit handed on is there for the next station at once. */
export class LineModel {
  readonly flow: LineFlow;

  constructor(
    readonly line: PlantLine,
    readonly stations: readonly DeviceModel[],
    options: ModelOptions,
  ) {
    this.flow = new LineFlow(line, stations, options);
    for (const s of stations) s.attach(this.flow);
    this.settle();
  }

  step(dtSeconds: number): void {
    if (!(dtSeconds >= 0)) throw new RangeError(`step: dt must be >= 0, got ${dtSeconds}`);
    for (const s of this.stations) s.cycleComplete = false;
    let left = dtSeconds;
    while (left > 1e-6) {
      let h = left;
      for (const s of this.stations) h = Math.min(h, s.timeToNextEvent());
      h = Math.max(1e-6, h);
      for (const s of this.stations) s.advance(h);
      left -= h;
      for (const s of this.stations) s.handleEvents();
      this.settle();
    }
    for (const s of this.stations) s.sample();
  }

  /** Starved and blocked stations try again until none can move (a unit handed on may unblock the one before). */
  private settle(): void {
    for (let round = 0; round <= this.stations.length; round++) {
      let moved = false;
      // Downstream first: a station that takes a unit makes room for the one before it.
      for (let k = this.stations.length - 1; k >= 0; k--) if (this.stations[k].retry()) moved = true;
      if (!moved) return;
    }
  }
}
