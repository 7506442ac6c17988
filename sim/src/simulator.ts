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
 */
import { EdgeNode, emptyStats, type EdgeNodeEvent, type PublishStats, type Qos } from './edge-node';
import { PlantModel, type MachineState } from './model';
import { PLANT_DEVICES, PLANT_DEVICE_COUNT, SPARKPLUG_GROUP } from '@gearbridge/plant';
import type { PlannedBreak } from './profiles';

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
  private ticks = 0;
  private stopped: Promise<void> | null = null;
  /** Wall clock and simulated clock at start: events are stamped wallOrigin + (simulated − simOrigin) / timeScale. */
  private wallOrigin = Date.now();
  private readonly simOrigin: number;
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
    this.simOrigin = options.startTimeMs ?? Date.now();
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
    this.wallOrigin = Date.now();
    for (const node of this.nodes) node.start();
    this.schedule();
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
      simulatedS: this.ticks * this.dtSim,
      states: this.model.stateCounts(),
    };
  }

  private schedule(): void {
    const next = this.startedAt + ((this.ticks + 1) * 1000) / this.rate;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - performance.now()));
  }

  private tick(): void {
    if (this.stopped) return;
    const due = Math.floor(((performance.now() - this.startedAt) * this.rate) / 1000) - this.ticks;
    for (let k = 0; k < Math.min(due, MAX_CATCH_UP); k++) this.advance();
    // Hopelessly behind (a paused process, an overloaded machine): skip the backlog, keep the simulated clock honest.
    if (due > MAX_CATCH_UP) this.ticks += due - MAX_CATCH_UP;
    this.schedule();
  }

  private advance(): void {
    this.model.step(this.dtSim);
    const tick = this.ticks++;
    this.nodes.forEach((node, n) => {
      if (!node.online) return;
      const indexes = this.deviceIndex[n];
      for (let k = 0; k < indexes.length; k++) {
        this.publishEvents(n, k);
        node.publishData(k, (tick + indexes[k]) % this.refreshTicks === 0);
      }
    });
  }

  private publishEvents(n: number, k: number): void {
    for (const e of this.model.devices[this.deviceIndex[n][k]].takeEvents()) this.nodes[n].publishEvent(k, e.timestampMs, e.values);
  }
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
