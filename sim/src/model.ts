/**
 * Behaviour of the plant's machines, pure and seeded: the same seed, start time and sequence of `step(dt)` calls
 * give the same metric values. No I/O, no wall clock, no Math.random.
 *
 * Each device runs a small state machine (running → idle / setup / down / planned_stop → running), with times drawn
 * from the distributions in PROFILES, and a few analog signals that follow their state with first-order lags and noise.
 * The stations of a line (line.ts) pass units along the routing: a station runs while it works on a unit, waits
 * (idle) when no unit is there for it (starved) or the buffer after it is full (blocked), and reports each unit's
 * start and completion as an event. AGVs carry out transfer orders (`command`) and report them as events.
 */
import {
  AGV_METRICS,
  ALARM_REASONS,
  deviceMetrics,
  PLANT,
  ROUTING,
  STATE_CODES,
  UNIT_METRICS,
  type AlarmReason,
  type DeviceKind,
  type MetricDef,
  type MetricValue,
  type PlantDevice,
} from '@gearbridge/plant';
import { LineModel } from './line';
import { Rng } from './rng';
import { DEFAULT_BREAKS, DEFAULT_SHIFT_CHANGES, PROFILES, type PlannedBreak } from './profiles';

export { DEFAULT_BREAKS, DEFAULT_SHIFT_CHANGES, PROFILES, type PlannedBreak } from './profiles';

export type MachineState = keyof typeof STATE_CODES;

export interface ModelOptions {
  seed: number;
  /** Simulated clock at the start, ms since the epoch (decides when the planned breaks fall). */
  startTimeMs: number;
  /** Planned stops by local time of day; default DEFAULT_BREAKS (a 30-minute meal break in each of 3 shifts). */
  breaks?: readonly PlannedBreak[];
  /** Shift changes by local minute of day; default DEFAULT_SHIFT_CHANGES (08:00, 16:00, 00:00). */
  shiftChanges?: readonly number[];
  /** Offset of the plant's local time from UTC in minutes: Qijiang is UTC+8 all year. */
  utcOffsetMin?: number;
  /**
   * Probability that a part is bad: per handled part for robots and AGVs, per unit over the whole routing for the
   * stations of a line (each operation gets its share); default 1e-4.
   */
  badRate?: number;
  /**
   * The timestamp an event at a simulated time is reported with, ms since the epoch; default the simulated time. The
   * simulator maps simulated time onto the wall clock (at time scale 1 they agree).
   */
  stamp?: (simMs: number) => number;
}

/** One event's metrics, sent together in one DDATA at one timestamp. */
export interface DeviceEvent {
  timestampMs: number;
  values: Record<string, MetricValue>;
}

/** A unit travelling the routing (line.ts makes them). */
export interface Unit {
  serial: string;
  /** Completed NOK at some operation: it leaves the line there. */
  nok: boolean;
}

/** What a station of a line asks its line for. */
export interface StationFlow {
  /** Whether a unit waits for this station. */
  available(station: DeviceModel): boolean;
  /** The next unit for this station (at `timestampMs`, when it starts on it), or null when none waits. */
  take(station: DeviceModel, timestampMs: number): Unit | null;
  /** The unit is done: its result, measurements, lots … as the metrics of the `complete` event (sets unit.nok). */
  complete(station: DeviceModel, unit: Unit, timestampMs: number): Record<string, MetricValue>;
  /** Hands a finished unit on; false while the buffer after the station is full. */
  release(station: DeviceModel, unit: Unit): boolean;
}

/** Why an AGV turned an order down: another order on, broken down, at the charger, or parked for the break. */
export type AgvRefusal = 'busy' | 'down' | 'charging' | 'planned_stop';

/** Events a device keeps for the simulator to send; beyond this the oldest are dropped (nobody is reading). */
const MAX_PENDING_EVENTS = 10_000;
/** An AGV's travel to the pick-up and on to the drop-off, simulated seconds. */
const AGV_TO_PICK_S: [number, number] = [30, 90];
const AGV_TO_DROP_S: [number, number] = [60, 180];

const EPS = 1e-6;
/** How long before a breakdown its precursor (heat, vibration or load) starts to show, in operating seconds. */
const PRECURSOR_S = 15 * 60;
/** AGV battery, % and % per second: it drives to the charger at 20 % and leaves at 95 %. */
const AGV_LOW = 20;
const AGV_FULL = 95;
const AGV_DRAIN = 15 / 3600;
const AGV_CHARGE = 50 / 3600;
const AGV_STANDBY = 2 / 3600;

export class DeviceModel {
  readonly metrics: readonly MetricDef[];
  state: MachineState = 'running';
  alarmCode = 0;
  partCount = 0;
  badCount = 0;
  /** True for the step in which at least one part was completed. */
  cycleComplete = false;
  /** Simulated clock, ms since the epoch. */
  clockMs: number;
  /** The line this station takes its units from and hands them to; null for a machine on its own (always has work). */
  flow: StationFlow | null = null;
  /** The unit on the station (in work, held while down, or finished and waiting to be handed on). */
  unit: Unit | null = null;
  /** Idle because no unit waits for it, or because the buffer after it is full. */
  waiting: 'starved' | 'blocked' | null = null;
  /** Events not yet taken by `takeEvents`, and how many were dropped because nobody took them. */
  droppedEvents = 0;

  private readonly rng: Rng;
  private readonly profile: (typeof PROFILES)[DeviceKind];
  private readonly reasons: readonly AlarmReason[];
  private readonly breaks: readonly PlannedBreak[];
  /** Local minutes of day at which a machine stops taking new work: break starts and shift changes. */
  private readonly handovers: readonly { min: number; ownTime: boolean }[];
  private readonly utcOffsetMin: number;
  private readonly badRate: number;
  /** Each machine starts its break a little after the bell, so the plant does not stop in one second. */
  private readonly breakJitterMin: number;

  private stateLeftS = Infinity;
  private cycleS = 0;
  private cycleLeftS = 0;
  /** Simulated clock when the current cycle began. */
  private cycleBeganMs = 0;
  private opToFailureS = 0;
  private opToIdleS = 0;
  private opToChangeoverS = 0;
  private pendingReason: AlarmReason;
  private charging = false;
  private cycleLoad = 60;
  private programSpeed = 9000;

  // slow physical states
  private temperature: number;
  private vibrationBase = 0.1;
  private waterTemp = 58;
  private battery = 80;
  private leakRate = 0.8;
  private deviation = 0;

  private readonly out: MetricValue[];
  private readonly stamp: (simMs: number) => number;
  private lastStampMs = -Infinity;
  private events: DeviceEvent[] = [];
  /** The unit on the station is finished and waits for room after the station. */
  private unitDone = false;
  private order: { id: string; picked: boolean; leftS: number } | null = null;

  constructor(
    readonly device: PlantDevice,
    options: ModelOptions,
  ) {
    this.metrics = deviceMetrics(device);
    this.stamp = options.stamp ?? ((ms) => ms);
    this.rng = new Rng(options.seed, device.code);
    this.profile = PROFILES[device.kind];
    this.reasons = ALARM_REASONS.filter((r) => r.kind === device.kind);
    this.breaks = options.breaks ?? DEFAULT_BREAKS;
    // A break starts at the machine's own (staggered) time, a shift changes for everyone at the clock's.
    this.handovers = [...this.breaks.map((b) => ({ min: b.startMin, ownTime: true })), ...(options.shiftChanges ?? DEFAULT_SHIFT_CHANGES).map((min) => ({ min, ownTime: false }))];
    this.utcOffsetMin = options.utcOffsetMin ?? 480;
    this.badRate = options.badRate ?? 1e-4;
    this.clockMs = options.startTimeMs;
    this.breakJitterMin = this.rng.uniform(0, 3);
    this.pendingReason = this.rng.pick(this.reasons);
    this.battery = this.rng.uniform(40, 95);
    this.programSpeed = this.rng.pick([6000, 8000, 9000, 12000]);
    this.drawFailure();
    this.temperature = this.tempTarget() + this.rng.normal() * 0.5;
    this.opToIdleS = this.rng.exp(this.profile.idleEveryMin * 60);
    this.opToChangeoverS = this.rng.uniform(0, this.profile.changeoverH[1] * 3600);
    // Monitoring begins with the simulator: each machine starts a part then, so no work done before it is counted.
    this.newCycle();
    const u = this.rng.next();
    if (this.inBreak()) this.enter('planned_stop');
    else if (u < 0.1) this.enter('idle', this.rng.uniform(0, this.profile.idleMin[1] * 60));
    else if (u < 0.14) this.enter('setup', this.rng.uniform(0, this.profile.setupMin[1] * 60));
    else this.waitIfNoTime();
    this.out = this.metrics.map(() => 0);
    this.sample();
  }

  /** Advances the simulated clock by dtSeconds: any number of cycles, stops and repairs may happen in between. */
  step(dtSeconds: number): void {
    if (!(dtSeconds >= 0)) throw new RangeError(`step: dt must be >= 0, got ${dtSeconds}`);
    this.cycleComplete = false;
    let left = dtSeconds;
    while (left > EPS) {
      const h = Math.max(EPS, Math.min(left, this.timeToNextEvent()));
      this.advance(h);
      left -= h;
      this.handleEvents();
    }
    this.sample();
  }

  /** Current values, in the order of `metrics` (METRICS[kind]). Reading does not change the model. */
  values(): readonly MetricValue[] {
    return this.out;
  }

  value(name: string): MetricValue | undefined {
    const i = this.metrics.findIndex((m) => m.name === name);
    return i < 0 ? undefined : this.out[i];
  }

  /** The events since the last call, oldest first (a unit's start and completion, an AGV's answers). */
  takeEvents(): DeviceEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /**
   * An AGV transfer order (the metrics of a DCMD): answered at once with `accepted`, then `picked` and `delivered`
   * after the simulated travel times, or with `failed` and a reason when the AGV is busy, down, charging or parked
   * for a break. Returns false (and answers nothing) when this is not an AGV or the order lacks its number,
   * pick-up or drop-off.
   */
  command(values: Readonly<Record<string, MetricValue | undefined>>): boolean {
    const id = values[AGV_METRICS.order];
    const from = values[AGV_METRICS.from];
    const to = values[AGV_METRICS.to];
    if (this.device.kind !== 'agv' || typeof id !== 'string' || typeof from !== 'string' || typeof to !== 'string') return false;
    if (!id || id.length > 64 || !from || !to) return false;
    const ts = this.nextStamp();
    const refusal: AgvRefusal | null = this.order ? 'busy' : this.state === 'down' ? 'down' : this.charging ? 'charging' : this.state === 'planned_stop' ? 'planned_stop' : null;
    if (refusal) {
      this.emit(ts, { [AGV_METRICS.order]: id, [AGV_METRICS.status]: 'failed', [AGV_METRICS.reason]: refusal });
      return true;
    }
    this.order = { id, picked: false, leftS: this.rng.uniform(...AGV_TO_PICK_S) };
    this.enter('running');
    this.emit(ts, { [AGV_METRICS.order]: id, [AGV_METRICS.from]: from, [AGV_METRICS.to]: to, [AGV_METRICS.status]: 'accepted' });
    return true;
  }

  /** The order the AGV is carrying out, if any. */
  get orderId(): string | null {
    return this.order?.id ?? null;
  }

  // --- unit flow (called by the line, line.ts) -----------------------------------------------------------------

  /** Makes this machine a station of a line: it works only on the units the line gives it. */
  attach(flow: StationFlow): void {
    this.flow = flow;
    // Short stops are now real: a station waits when starved or blocked, not at random.
    this.opToIdleS = Infinity;
    if (this.state === 'running') this.pull();
  }

  /** Starved or blocked: tries again (a unit arrived, room was made). True when the station moved on. */
  retry(): boolean {
    if (this.state !== 'idle' || !this.waiting || !this.flow) return false;
    if (this.waiting === 'blocked') {
      if (!this.flow.release(this, this.unit!)) return false;
      this.unit = null;
      this.unitDone = false;
      this.enter('running');
      this.next();
      return true;
    }
    if (!this.flow.available(this)) return false;
    this.enter('running');
    this.pull();
    return true;
  }

  /** Between units: the changeover (tool change) that came due during the last one, else the next unit. */
  private next(): void {
    if (this.opToChangeoverS <= EPS) this.changeOver();
    else this.pull();
  }

  /** Starts the next unit if there is one and time for its cycle before the next break or shift change. */
  private pull(): void {
    const flow = this.flow!;
    this.newCycle();
    const left = this.timeToHandoverS();
    if (this.cycleLeftS > left) {
      this.enter('idle', left + 1e-3);
      return;
    }
    const ts = this.nextStamp();
    const unit = flow.take(this, ts);
    if (!unit) {
      this.enter('idle');
      this.waiting = 'starved';
      return;
    }
    this.unit = unit;
    this.unitDone = false;
    this.emit(ts, { [UNIT_METRICS.event]: 'start', [UNIT_METRICS.serial]: unit.serial });
  }

  /** Hands the finished unit on and takes the next, or waits (blocked) holding it. */
  private handOn(): void {
    if (this.flow!.release(this, this.unit!)) {
      this.unit = null;
      this.unitDone = false;
      this.next();
    } else {
      this.enter('idle');
      this.waiting = 'blocked';
    }
  }

  /** The timestamp of an event now: strictly increasing per device, so that two events never share one. */
  private nextStamp(): number {
    const t = Math.max(Math.round(this.stamp(this.clockMs)), this.lastStampMs + 1);
    this.lastStampMs = t;
    return t;
  }

  private emit(timestampMs: number, values: Record<string, MetricValue>): void {
    if (this.events.length >= MAX_PENDING_EVENTS) {
      this.events.shift();
      this.droppedEvents++;
    }
    this.events.push({ timestampMs, values });
  }

  // --- state machine -------------------------------------------------------------------------------------------

  private enter(state: MachineState, durationS = Infinity): void {
    this.state = state;
    this.stateLeftS = durationS;
    this.waiting = null;
    this.alarmCode = state === 'down' ? this.pendingReason.code : 0;
    if (state !== 'idle') this.charging = false;
  }

  private drawFailure(): void {
    this.opToFailureS = this.rng.exp(this.profile.mtbfH * 3600);
    this.pendingReason = this.rng.pick(this.reasons);
  }

  private newCycle(): void {
    // A machine never beats its ideal cycle; real cycles run a little slower (performance ≈ 98 %).
    this.cycleS = this.device.idealCycleS * Math.max(1, 1.02 + 0.015 * this.rng.normal());
    this.cycleLeftS = this.cycleS;
    this.cycleBeganMs = this.clockMs;
    this.cycleLoad = this.rng.uniform(50, 70);
  }

  /** @internal Seconds to this device's next event (the line steps its stations together). */
  timeToNextEvent(): number {
    let t = this.timeToBreakBoundaryS();
    if (this.state === 'running') {
      // A station changes over between units, not in the middle of one (see next()).
      const changeover = this.flow ? Infinity : this.opToChangeoverS;
      t = Math.min(t, this.order ? this.order.leftS : this.cycleLeftS, this.opToFailureS, this.opToIdleS, changeover);
      if (this.device.kind === 'agv') t = Math.min(t, Math.max(0, (this.battery - AGV_LOW) / AGV_DRAIN) + EPS);
    } else {
      t = Math.min(t, this.stateLeftS);
    }
    return t;
  }

  /** @internal */
  advance(h: number): void {
    this.clockMs += h * 1000;
    if (this.state === 'running') {
      if (this.order) this.order.leftS -= h;
      else this.cycleLeftS -= h;
      this.opToFailureS -= h;
      this.opToIdleS -= h;
      this.opToChangeoverS -= h;
    } else {
      this.stateLeftS -= h;
    }
    this.battery = Math.min(100, Math.max(0, this.battery + this.batteryRate() * h));
    this.temperature = this.lag(this.temperature, this.tempTarget(), 15 * 60, 0.4, h);
    this.vibrationBase = this.lag(this.vibrationBase, this.vibrationTarget(), 120, 0.02, h);
    const heaterOn = this.state !== 'planned_stop' && !(this.state === 'down' && this.alarmCode === 6002);
    this.waterTemp = this.lag(this.waterTemp, heaterOn ? 60 : 32, heaterOn ? 20 * 60 : 60 * 60, 0.15, h);
  }

  /** @internal */
  handleEvents(): void {
    if (this.state === 'running' && this.order) {
      if (this.opToFailureS <= EPS) {
        this.emit(this.nextStamp(), { [AGV_METRICS.order]: this.order.id, [AGV_METRICS.status]: 'failed', [AGV_METRICS.reason]: 'down' });
        this.order = null;
        this.enter('down', 60 * (5 + 35 * this.rng.next() ** 1.7));
      } else if (this.order.leftS <= EPS) {
        const { id } = this.order;
        if (this.order.picked) this.order = null;
        else this.order = { id, picked: true, leftS: this.rng.uniform(...AGV_TO_DROP_S) };
        this.emit(this.nextStamp(), { [AGV_METRICS.order]: id, [AGV_METRICS.status]: this.order ? 'picked' : 'delivered' });
      }
      // Short stops, changeovers, breaks and the charger wait until the order is done.
      return;
    }
    if (this.state === 'running') {
      if (this.cycleLeftS <= EPS) this.completePart();
      // A station that finished its unit may now wait (starved, blocked, no time before a break): see below.
      if (this.state === 'running') {
        this.runningEvents();
        return;
      }
    }
    this.stoppedEvents();
  }

  private runningEvents(): void {
    if (this.opToFailureS <= EPS) {
      this.enter('down', 60 * (5 + 35 * this.rng.next() ** 1.7));
    } else if (this.opToChangeoverS <= EPS && !this.flow) {
      this.changeOver();
    } else if (this.opToIdleS <= EPS) {
      this.opToIdleS = this.rng.exp(this.profile.idleEveryMin * 60);
      this.enter('idle', 60 * this.rng.uniform(this.profile.idleMin[0], this.profile.idleMin[1]));
    } else if (this.inBreak()) {
      this.enter('planned_stop');
    } else if (this.device.kind === 'agv' && this.battery <= AGV_LOW + EPS) {
      this.enter('idle', (AGV_FULL - this.battery) / AGV_CHARGE);
      this.charging = true;
    }
  }

  private changeOver(): void {
    this.opToChangeoverS = this.rng.uniform(this.profile.changeoverH[0], this.profile.changeoverH[1]) * 3600;
    this.programSpeed = this.rng.pick([6000, 8000, 9000, 12000]);
    this.enter('setup', 60 * this.rng.uniform(this.profile.setupMin[0], this.profile.setupMin[1]));
  }

  private stoppedEvents(): void {
    if (this.state === 'planned_stop') {
      if (!this.inBreak()) this.resume();
      return;
    }
    if (this.state === 'idle' && !this.charging && this.inBreak()) {
      this.enter('planned_stop');
      return;
    }
    if (this.stateLeftS <= EPS) {
      if (this.state === 'down') this.drawFailure();
      if (this.state === 'setup') this.newCycle();
      if (this.inBreak()) this.enter('planned_stop');
      else this.resume();
    }
  }

  private resume(): void {
    this.enter('running');
    if (this.flow) {
      if (!this.unit) this.pull();
      else if (this.unitDone) this.handOn();
      else {
        // A unit held through a stop goes on where it was; one begun before a break or shift change starts over.
        if (this.handoverSince(this.cycleBeganMs)) this.newCycle();
        this.waitIfNoTime();
      }
      return;
    }
    // A part begun before a break or a shift change is started over after it (the next shift does not inherit it).
    if (this.cycleLeftS <= EPS || this.handoverSince(this.cycleBeganMs)) this.newCycle();
    this.waitIfNoTime();
  }

  /** Running with a part it cannot finish before the next break or shift change: waits (idle) until then. */
  private waitIfNoTime(): void {
    const left = this.timeToHandoverS();
    if (this.state === 'running' && this.cycleLeftS > left) this.enter('idle', left + 1e-3);
  }

  /**
   * Seconds until the next break start or shift change. A machine does not start a part it cannot finish before
   * then: it waits (a short idle) instead, so that each shift's output is its own shift's work and a machine never
   * looks faster than its ideal cycle time.
   */
  private timeToHandoverS(): number {
    let best = Infinity;
    for (const h of this.handovers) {
      const to = (h.min - this.minuteOfDay(h.ownTime) + 1440) % 1440;
      best = Math.min(best, to === 0 ? 1440 : to);
    }
    return best * 60;
  }

  /** Whether a break start or shift change fell between `sinceMs` and now (simulated clock). */
  private handoverSince(sinceMs: number): boolean {
    const elapsedMin = (this.clockMs - sinceMs) / 60000;
    if (elapsedMin >= 1440) return true;
    return this.handovers.some((h) => {
      const back = (this.minuteOfDay(h.ownTime) - h.min + 1440) % 1440;
      return back < elapsedMin;
    });
  }

  private completePart(): void {
    this.partCount++;
    this.cycleComplete = true;
    if (this.flow && this.unit) {
      const ts = this.nextStamp();
      const unit = this.unit;
      const values = this.flow.complete(this, unit, ts);
      if (unit.nok) this.badCount++;
      this.emit(ts, { [UNIT_METRICS.event]: 'complete', [UNIT_METRICS.serial]: unit.serial, ...values });
      this.unitDone = true;
      this.handOn();
      return;
    }
    const bad = this.rng.chance(this.badRate);
    if (bad) this.badCount++;
    if (this.device.kind === 'leak_tester') {
      this.leakRate = bad ? this.rng.uniform(3, 6) : Math.max(0.05, 0.8 + 0.15 * this.rng.normal());
    } else if (this.device.kind === 'cmm') {
      this.deviation = bad ? (this.rng.chance(0.5) ? 1 : -1) * this.rng.uniform(25, 40) : 4 * this.rng.normal();
    }
    this.newCycle();
    this.waitIfNoTime();
  }

  // --- planned breaks (local time of day) ---------------------------------------------------------------------

  private minuteOfDay(ownTime = true): number {
    const m = (this.clockMs / 60000 + this.utcOffsetMin - (ownTime ? this.breakJitterMin : 0)) % 1440;
    return m < 0 ? m + 1440 : m;
  }

  private inBreak(): boolean {
    const m = this.minuteOfDay();
    return this.breaks.some((b) => {
      const into = (m - b.startMin + 1440) % 1440;
      return into < b.durationMin;
    });
  }

  /** Seconds until the next start or end of a break, landing just past it. */
  private timeToBreakBoundaryS(): number {
    if (this.breaks.length === 0) return Infinity;
    const m = this.minuteOfDay();
    let best = Infinity;
    for (const b of this.breaks) {
      const into = (m - b.startMin + 1440) % 1440;
      const toNext = into < b.durationMin ? b.durationMin - into : 1440 - into;
      best = Math.min(best, toNext);
    }
    return best * 60 + 1e-3;
  }

  // --- analog signals -----------------------------------------------------------------------------------------

  /** First-order lag toward target with time constant tau and process noise sigma, exact for any step h. */
  private lag(x: number, target: number, tau: number, sigma: number, h: number): number {
    const a = Math.exp(-h / tau);
    return target + (x - target) * a + sigma * Math.sqrt(1 - a * a) * this.rng.normal();
  }

  /** 0 far from a breakdown, rising to 1 at the moment of the breakdown. */
  private precursor(kind: AlarmReason['precursor']): number {
    if (this.state !== 'running' || this.pendingReason.precursor !== kind) return 0;
    return Math.max(0, 1 - this.opToFailureS / PRECURSOR_S);
  }

  private ambient(): number {
    if (this.device.kind === 'cmm') return 20; // the measuring room is climate controlled
    const hour = this.minuteOfDay() / 60;
    return 24 + 1.5 * Math.sin((2 * Math.PI * (hour - 9)) / 24);
  }

  private tempTarget(): number {
    const ambient = this.ambient();
    const warm = this.profile.tempRun - 20;
    const factor = this.state === 'running' ? 1 : this.state === 'idle' || this.state === 'setup' ? 0.5 : 0;
    return ambient + warm * factor + 10 * this.precursor('heat');
  }

  private vibrationTarget(): number {
    if (this.state !== 'running') return this.state === 'idle' ? 0.15 : 0.05;
    const base = this.device.kind === 'cnc' ? 1.6 : 0.8;
    return base * (1 + 2.5 * this.precursor('vibration'));
  }

  /** Signed change of the AGV battery in % per second: drains while driving, charges while parked at the charger. */
  private batteryRate(): number {
    if (this.device.kind !== 'agv') return 0;
    if (this.state === 'running') return -AGV_DRAIN;
    if (this.charging || this.state === 'planned_stop') return AGV_CHARGE;
    return -AGV_STANDBY;
  }

  /** Measured values with sensor noise; drawn once per step so that reading them is side-effect free. */
  /** @internal */
  sample(): void {
    const running = this.state === 'running';
    const progress = this.cycleS > 0 ? 1 - this.cycleLeftS / this.cycleS : 0;
    const cutting = running && progress > 0.1 && progress < 0.85;
    const r = this.rng;
    for (let i = 0; i < this.metrics.length; i++) {
      const m = this.metrics[i];
      let v: MetricValue;
      if (m.event) {
        this.out[i] = null; // sent with its event, never as a value of the moment
        continue;
      }
      switch (m.name) {
        case 'state':
          v = STATE_CODES[this.state];
          break;
        case 'alarm_code':
          v = this.alarmCode;
          break;
        case 'part_count':
          v = this.partCount;
          break;
        case 'bad_count':
          v = this.badCount;
          break;
        case 'cycle_complete':
          v = this.cycleComplete;
          break;
        case 'temperature':
          v = round(this.temperature + 0.05 * r.normal(), 1);
          break;
        case 'spindle_load':
          v = cutting ? round(this.cycleLoad + 25 * this.precursor('load') + 3 * r.normal(), 1) : running ? round(Math.max(0, 4 + r.normal()), 1) : 0;
          break;
        case 'spindle_speed':
          v = cutting ? Math.round(this.programSpeed + 20 * r.normal()) : 0;
          break;
        case 'vibration':
          v = round(Math.max(0, this.vibrationBase * (1 + 0.08 * r.normal())), 2);
          break;
        case 'water_temp':
          v = round(this.waterTemp + 0.1 * r.normal(), 1);
          break;
        case 'leak_rate':
          v = round(this.leakRate, 2);
          break;
        case 'deviation':
          v = round(this.deviation, 1);
          break;
        case 'battery':
          v = round(this.battery, 1);
          break;
        default:
          v = 0;
      }
      this.out[i] = v;
    }
  }
}

/** Rounds to a number of decimals the way a PLC would report it (no -0, no 0.30000000000000004). */
function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f || 0;
}

/**
 * All devices of a (part of the) plant. The stations of a line are stepped together with the units between them
 * (line.ts); a line's flow runs whole whenever any of its stations is asked for, so a device behaves the same
 * whichever other devices are simulated with it. Robots and AGVs step on their own.
 */
export class PlantModel {
  readonly devices: DeviceModel[];
  /** The lines whose stations are simulated, with their units. */
  readonly lines: LineModel[] = [];
  private readonly free: DeviceModel[];

  constructor(devices: readonly PlantDevice[], options: ModelOptions) {
    const byCode = new Map<string, DeviceModel>();
    const isStation = (d: PlantDevice) => ROUTING.some((o) => o.op === d.cell && o.kind === d.kind);
    for (const line of PLANT) {
      if (!devices.some((d) => isStation(d) && line.devices.some((x) => x.code === d.code))) continue;
      const stations = line.devices.filter(isStation).map((d) => new DeviceModel(d, options));
      for (const s of stations) byCode.set(s.device.code, s);
      this.lines.push(new LineModel(line, stations, options));
    }
    this.devices = devices.map((d) => byCode.get(d.code) ?? new DeviceModel(d, options));
    this.free = this.devices.filter((d) => !d.flow);
  }

  step(dtSeconds: number): void {
    for (const d of this.free) d.step(dtSeconds);
    for (const l of this.lines) l.step(dtSeconds);
  }

  stateCounts(): Record<MachineState, number> {
    const counts: Record<MachineState, number> = { running: 0, idle: 0, down: 0, setup: 0, planned_stop: 0 };
    for (const d of this.devices) counts[d.state]++;
    return counts;
  }
}
