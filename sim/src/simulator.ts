/**
 * The Qijiang plant on MQTT: one Sparkplug edge node per line, each speaking for that line's devices, driven by the
 * seeded plant model. Every tick (1/rate seconds) the model advances by timeScale/rate simulated seconds and each
 * device publishes a DDATA with the metrics that changed, plus all its metrics every `fullRefreshS` seconds.
 *
 * Payload timestamps are wall-clock time even when timeScale > 1: a faster simulated clock shows breakdowns and
 * repairs within minutes, but its counters then grow faster than real time, so OEE performance is only meaningful
 * at timeScale 1. Events (a unit's start and completion, an AGV's answers) go out in the tick they happen, each as
 * its own DDATA, stamped with the simulated moment mapped onto the wall clock since start (start + simulated time
 * elapsed / timeScale), so that they keep their order and spacing; while a line is offline its devices keep their
 * events (up to 10,000 each) and send them after the births. A DCMD to an AGV is answered at once.
 *
 * With `history` the simulator first replays the plant's recent past: the simulated clock starts at `history.fromMs`,
 * the births and every message carry their simulated moment, and the model runs in steps of `history.stepS` as fast
 * as the broker acknowledges (a node waits while `history.window` of its QoS 1 messages are unacknowledged, so the
 * ingest's back-pressure reaches the model and nothing is refused). Once the clock has caught up with the wall clock
 * it goes on in real time in the same sessions, with the lines as full as the past left them.
 */
import { EdgeNode, emptyStats, type EdgeNodeEvent, type PublishStats, type Qos } from './edge-node';
import { PlantModel, type MachineState } from './model';
import { PLANT_DEVICES, PLANT_DEVICE_COUNT, SPARKPLUG_GROUP } from '@gearbridge/plant';
import { DEFAULT_SHIFT_CHANGES, type PlannedBreak } from './profiles';

export interface SimulatorOptions {
  /** mqtt://host:port (also mqtts://, ws://, wss://). */
  url: string;
  /** The first N devices of the plant, in plant order (line 1 first); default all 180. */
  devices?: number;
  /** DDATA messages per second per device; default 1. */
  rate?: number;
  seed?: number;
  /** Stop by itself after this many seconds; default: run until stop(). */
  durationS?: number;
  /** Simulated seconds per real second; default 1. */
  timeScale?: number;
  group?: string;
  /** Every device sends all its metrics at least this often (real seconds); default 60. */
  fullRefreshS?: number;
  dataQos?: Qos;
  birthQos?: Qos;
  protocolVersion?: 4 | 5;
  primaryHostId?: string;
  /** MQTT client ids are `<prefix>-<node>`; default gearbridge-sim-<group>. */
  clientIdPrefix?: string;
  reconnectMs?: number;
  maxInflight?: number;
  /** Simulated clock at the start (decides the planned breaks); default now. */
  startTimeMs?: number;
  breaks?: readonly PlannedBreak[];
  username?: string;
  password?: string;
  onEvent?: (event: EdgeNodeEvent) => void;
  /** Replay the recent past first (needs timeScale 1). */
  history?: HistoryOptions;
}

export interface HistoryOptions {
  /** Where the replay starts, ms since the epoch; before now. */
  fromMs: number;
  /**
   * Simulated seconds per step while replaying; default 60 (live: 1/rate). Each step is one DDATA per device, so
   * this decides the replay's cost; states and analog values of the past are sampled this often.
   */
  stepS?: number;
  /** Unacknowledged QoS 1 messages a node may have while replaying before the model waits; default 200. */
  window?: number;
  /** After each tenth of the replay, and once more when it is done. */
  onProgress?: (p: HistoryProgress) => void;
}

export interface HistoryProgress {
  /** Share of the past replayed, 0…1. */
  fraction: number;
  /** Simulated ms replayed so far. */
  simulatedMs: number;
  /** Wall-clock ms the replay has taken so far. */
  elapsedMs: number;
  /** DATA messages sent so far. */
  messages: number;
  done: boolean;
}

export interface SimulatorStats extends PublishStats {
  devices: number;
  nodes: number;
  /** Nodes currently online (births sent). */
  online: number;
  elapsedS: number;
  simulatedS: number;
  states: Record<MachineState, number>;
}

/** While replaying, a device sends all its metrics once in this many simulated seconds. */
const REPLAY_FULL_REFRESH_S = 600;

/** Largest number of overdue ticks worked off at once when the process falls behind (then it skips ahead). */
const MAX_CATCH_UP = 50;

export class Simulator {
  readonly model: PlantModel;
  readonly nodes: EdgeNode[];
  readonly done: Promise<void>;

  private readonly rate: number;
  private readonly dtSim: number;
  private readonly refreshTicks: number;
  /** For each node, the model index of each of its devices. */
  private readonly deviceIndex: number[][];
  private timer: NodeJS.Timeout | null = null;
  private durationTimer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  /** When the live clock began (the ticks are counted from there). */
  private liveAt = 0;
  private ticks = 0;
  private stopped: Promise<void> | null = null;
  /** Wall clock and simulated clock at start: events are stamped wallOrigin + (simulated − simOrigin) / timeScale. */
  private wallOrigin = Date.now();
  private simOrigin: number;
  /** The simulated clock, ms since the epoch. */
  private simNowMs: number;
  private readonly firstSimMs: number;
  /** True while the past is replayed: payloads carry the simulated clock instead of the wall clock. */
  private replaying = false;
  /** Resolves when the replay is over (at once without history). */
  caughtUp: Promise<void> = Promise.resolve();
  private resolveDone: () => void = () => undefined;

  constructor(readonly options: SimulatorOptions) {
    const count = options.devices ?? PLANT_DEVICE_COUNT;
    if (!Number.isInteger(count) || count < 1 || count > PLANT_DEVICE_COUNT) {
      throw new RangeError(`devices must be an integer from 1 to ${PLANT_DEVICE_COUNT}, got ${count}`);
    }
    this.rate = options.rate ?? 1;
    if (!(this.rate > 0) || !Number.isFinite(this.rate)) throw new RangeError(`rate must be a positive number, got ${this.rate}`);
    const timeScale = options.timeScale ?? 1;
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
    this.dtSim = timeScale / this.rate;
    this.refreshTicks = Math.max(1, Math.round((options.fullRefreshS ?? 60) * this.rate));
    const chosen = PLANT_DEVICES.slice(0, count);
    const h = options.history;
    if (h) {
      if (timeScale !== 1) throw new RangeError(`history needs timeScale 1, got ${timeScale}`);
      if (!Number.isFinite(h.fromMs) || h.fromMs >= Date.now()) throw new RangeError('history.fromMs must be a moment in the past');
      if (h.stepS !== undefined && !(h.stepS > 0 && h.stepS <= 600)) throw new RangeError(`history.stepS must be from 0 to 600 seconds, got ${h.stepS}`);
      if (h.window !== undefined && !(Number.isInteger(h.window) && h.window >= 1)) throw new RangeError(`history.window must be a positive integer, got ${h.window}`);
    }
    this.simOrigin = h ? h.fromMs : (options.startTimeMs ?? Date.now());
    this.simNowMs = this.firstSimMs = this.simOrigin;
    // Replayed events are stamped with their simulated moment.
    if (h) this.wallOrigin = this.simOrigin;
    this.model = new PlantModel(
      chosen.map((c) => c.device),
      { seed: options.seed ?? 1, startTimeMs: this.simOrigin, breaks: options.breaks, stamp: (ms) => this.wallOrigin + (ms - this.simOrigin) / timeScale },
    );
    const group = options.group ?? SPARKPLUG_GROUP;
    const lines = [...new Set(chosen.map((c) => c.line))];
    this.deviceIndex = lines.map((line) => chosen.flatMap((c, i) => (c.line === line ? [i] : [])));
    this.nodes = lines.map(
      (line, n) =>
        new EdgeNode({
          url: options.url,
          group,
          node: line.node,
          devices: this.deviceIndex[n].map((i) => ({ id: chosen[i].device.code, metrics: this.model.devices[i].metrics })),
          read: (k) => this.model.devices[this.deviceIndex[n][k]].values(),
          clientId: `${options.clientIdPrefix ?? `gearbridge-sim-${group}`}-${line.node}`,
          dataQos: options.dataQos,
          birthQos: options.birthQos,
          protocolVersion: options.protocolVersion,
          primaryHostId: options.primaryHostId,
          reconnectMs: options.reconnectMs,
          maxInflight: options.maxInflight,
          username: options.username,
          password: options.password,
          onEvent: options.onEvent,
          now: () => (this.replaying ? this.simNowMs : Date.now()),
          onCommand: (k, values) => {
            const device = this.model.devices[this.deviceIndex[n][k]];
            if (device.command(values)) this.publishEvents(n, k);
          },
        }),
    );
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /** Connects all nodes and starts the clock; with durationS, stops by itself (see `done`). */
  start(): void {
    if (this.startedAt) return;
    this.startedAt = performance.now();
    if (this.options.history) {
      this.replaying = true;
      for (const node of this.nodes) node.start();
      this.caughtUp = this.replay(this.options.history);
    } else {
      this.wallOrigin = Date.now();
      this.liveAt = this.startedAt;
      for (const node of this.nodes) node.start();
      this.schedule();
    }
    if (this.options.durationS !== undefined) {
      this.durationTimer = setTimeout(() => void this.stop(), this.options.durationS * 1000);
    }
  }

  /** Resolves when every node has sent its births. */
  async waitOnline(timeoutMs = 10_000): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.waitOnline(timeoutMs)));
  }

  /** Stops the clock and ends every node's session cleanly (NDEATH). Safe to call more than once. */
  stop(): Promise<void> {
    if (!this.stopped) {
      if (this.timer) clearTimeout(this.timer);
      if (this.durationTimer) clearTimeout(this.durationTimer);
      this.timer = null;
      this.stopped = Promise.all(this.nodes.map((n) => n.stop())).then(() => this.resolveDone());
    }
    return this.stopped;
  }

  stats(): SimulatorStats {
    const total = emptyStats();
    for (const n of this.nodes) {
      for (const key of Object.keys(total) as (keyof PublishStats)[]) total[key] += n.stats[key];
    }
    return {
      ...total,
      devices: this.model.devices.length,
      nodes: this.nodes.length,
      online: this.nodes.filter((n) => n.online).length,
      elapsedS: this.startedAt ? (performance.now() - this.startedAt) / 1000 : 0,
      simulatedS: (this.simNowMs - this.firstSimMs) / 1000,
      states: this.model.stateCounts(),
    };
  }

  private schedule(): void {
    const next = this.liveAt + ((this.ticks + 1) * 1000) / this.rate;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - performance.now()));
  }

  private tick(): void {
    if (this.stopped) return;
    const due = Math.floor(((performance.now() - this.liveAt) * this.rate) / 1000) - this.ticks;
    for (let k = 0; k < Math.min(due, MAX_CATCH_UP); k++) this.advance();
    // Hopelessly behind (a paused process, an overloaded machine): skip the backlog, keep the simulated clock honest.
    if (due > MAX_CATCH_UP) this.ticks += due - MAX_CATCH_UP;
    this.schedule();
  }

  private advance(): void {
    this.step(this.dtSim, this.ticks++, this.refreshTicks);
  }

  /** Advances the model by dtS and publishes what happened; `tick` and `refreshTicks` decide the full refreshes. */
  private step(dtS: number, tick: number, refreshTicks: number): void {
    this.model.step(dtS);
    this.simNowMs += dtS * 1000;
    this.nodes.forEach((node, n) => {
      if (!node.online) return;
      const indexes = this.deviceIndex[n];
      for (let k = 0; k < indexes.length; k++) {
        this.publishEvents(n, k);
        node.publishData(k, (tick + indexes[k]) % refreshTicks === 0);
      }
    });
  }

  /**
   * The past from history.fromMs to now, as fast as acknowledgements come back: before each step every node must be
   * online with fewer than `window` messages unacknowledged. Then the clocks are joined and the live ticks begin.
   */
  private async replay(h: HistoryOptions): Promise<void> {
    const stepS = h.stepS ?? 60;
    const window = h.window ?? 200;
    // Each step carries what changed (analog values change every step); all the metrics every 10 simulated minutes.
    const refresh = Math.max(1, Math.round(REPLAY_FULL_REFRESH_S / stepS));
    const began = performance.now();
    const progress = (done: boolean) => {
      const total = Math.max(1, Date.now() - this.firstSimMs);
      const simulatedMs = this.simNowMs - this.firstSimMs;
      h.onProgress?.({ fraction: done ? 1 : simulatedMs / total, simulatedMs, elapsedMs: performance.now() - began, messages: this.stats().messages, done });
    };
    let tick = 0;
    let reported = 0;
    while (!this.stopped) {
      const leftS = (Date.now() - this.simNowMs) / 1000;
      await this.capacity(window);
      if (this.stopped) return;
      // The last step ends at now: the live clock takes over from there.
      const last = leftS <= stepS;
      this.step(Math.max(0, last ? (Date.now() - this.simNowMs) / 1000 : stepS), tick++, refresh);
      if (last) break;
      const tenth = Math.floor(((this.simNowMs - this.firstSimMs) / Math.max(1, Date.now() - this.firstSimMs)) * 10);
      if (tenth > reported && tenth < 10) {
        reported = tenth;
        progress(false);
      }
    }
    if (this.stopped) return;
    // Live from here: events stamped at their simulated moment, which now runs with the wall clock.
    this.simOrigin = this.wallOrigin = this.simNowMs;
    this.replaying = false;
    this.liveAt = performance.now();
    this.ticks = 0;
    progress(true);
    this.schedule();
  }

  /** Waits until every node is online with fewer than `window` QoS 1 messages unacknowledged (or the simulator stops). */
  private async capacity(window: number): Promise<void> {
    while (!this.stopped && this.nodes.some((n) => !n.online || n.inflight >= window)) await new Promise((r) => setTimeout(r, 2));
  }

  private publishEvents(n: number, k: number): void {
    for (const e of this.model.devices[this.deviceIndex[n][k]].takeEvents()) this.nodes[n].publishEvent(k, e.timestampMs, e.values);
  }
}

/**
 * Where the demo's default history starts: `fillH` hours before the previous shift began (a line fills in about
 * 1.5 h), so the previous shift is complete and full, and the current one is there so far. Shift changes are local
 * minutes of the day (UTC+8 in Qijiang).
 */
export function previousShiftStart(nowMs: number, fillH = 2, shiftChanges: readonly number[] = DEFAULT_SHIFT_CHANGES, utcOffsetMin = 480): number {
  const MIN = 60_000;
  const DAY = 1440 * MIN;
  const local = nowMs + utcOffsetMin * MIN;
  // The shift changes of yesterday, today and tomorrow (local), latest first; the second at or before now is the previous shift's start.
  const day = local - (((local % DAY) + DAY) % DAY);
  const changes = [-1, 0, 1].flatMap((d) => shiftChanges.map((m) => day + d * DAY + m * MIN)).sort((a, b) => b - a);
  const past = changes.filter((t) => t <= local);
  return past[1] - utcOffsetMin * MIN - fillH * 3_600_000;
}

/** Runs the simulator for options.durationS seconds (or until signal aborts) and returns its final stats. */
export async function runSimulator(options: SimulatorOptions, signal?: AbortSignal): Promise<SimulatorStats> {
  const sim = new Simulator(options);
  sim.start();
  const abort = () => void sim.stop();
  signal?.addEventListener('abort', abort, { once: true });
  if (signal?.aborted) abort();
  await sim.done;
  signal?.removeEventListener('abort', abort);
  return sim.stats();
}
