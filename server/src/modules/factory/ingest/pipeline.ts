import { AGV_METRICS, UNIT_METRICS } from '@gearbridge/plant';
import { unitEventsOf } from './units';
import { agvAnswersOf } from './agv';
import type { Logger } from '../../../platform/logger';
import type { Ack } from './consumer';
import type { Registry } from './registry';
import { sortForWrite, type TelemetryRow } from './rows';
import type { Batch, BatchWriter, ConflictingPoint, DeadLetterRow, DeviceEventRow, StateChange } from './writer';
import { JSON_NODE } from '../sparkplug/host';
import { JSON_NAMESPACE, SPARKPLUG_NAMESPACE } from '../sparkplug/topic';
import type { AlarmDetector } from './alarms';
import { AwaitingBirth, type Unblocked } from './replay';
import { DeadLetterLimiter, type DeadLetterLimits, type StoredDeadLetter } from './dead-letters';

/** The `state` metric's codes (sim/src/plant.ts STATE_CODES, and docs/json-device-format.md). */
const STATES: Record<number, StateChange['state']> = { 1: 'running', 2: 'idle', 3: 'down', 4: 'setup', 5: 'planned_stop' };

/**
 * What the Sparkplug host logic makes of one message (see ../sparkplug/host.ts `read`): its points column by column,
 * all of one origin.
 */
export interface HostPoints {
  group: string;
  node: string;
  device: string | null;
  length: number;
  metric: string[];
  ts: number[];
  value: (number | boolean | string | null)[];
  type: string[];
}
export interface HostResult {
  points: HostPoints;
  deadLetters: { topic: string; reason: string; detail: string; at: number }[];
  commands: { topic: string; payload: Uint8Array }[];
  events: { kind: 'online' | 'offline'; group: string; node: string; device: string | null; at: number; reason?: string }[];
  /** A message without values that says its device is alive at this time (ms): it moves the device's last-seen time. */
  heartbeat?: number;
}
export interface HostLike {
  read(topic: string, payload: Uint8Array, now: number): HostResult;
}

export interface IngestMessage {
  topic: string;
  payload: Buffer;
  receivedAt: number;
  ack: Ack;
}

export interface CommittedBatch {
  messages: { topic: string; payload: Buffer; receivedAt: number }[];
  points: number;
  inserted: number;
  duplicates: number;
  deadLetters: number;
  /** The batch's dead letters by reason: each stored one and each only counted (a flood's summary row). */
  deadLetterReasons: { reason: string; messages: number }[];
  committedAt: number;
  /** How long the writer's transaction took, including its wait for the batch before it to commit. */
  writeMs: number;
  /** From the ingest's receipt of the batch's oldest message (off the broker) to the commit. */
  lagMs: number;
}

export interface PipelineOptions {
  host: HostLike;
  registry: Registry;
  writer: BatchWriter;
  log: Logger;
  /** Sends a command the host asked for (a Sparkplug rebirth request). */
  publish(topic: string, payload: Uint8Array): void;
  /** Flush when this many points are waiting (and write at most about this many in one transaction)… */
  maxPoints?: number;
  /** …or when the oldest waiting message is this old. */
  maxDelayMs?: number;
  /** Dead letters stored per topic and minute, and in all (default DEFAULT_DEAD_LETTER_LIMITS). */
  deadLetterLimits?: DeadLetterLimits;
  onCommitted?(b: CommittedBatch): void;
  now?: () => number;
  /** Andon: alarms from alarm codes and threshold rules, raised and cleared in the batch's transaction. */
  alarms?: AlarmDetector;
  /** A fresh host, to read DATA set aside for want of its BIRTH once the BIRTH is in (replay.ts); without it they stay dead letters. */
  replayHost?: () => HostLike;
}

/**
 * Most points in one transaction. Measured with the benchmark (bench/ingest): a batch pays fixed costs (the round
 * trips of its statements, the device and state updates, the commit); 50,000 points spread them thin without a
 * batch taking long enough to hurt the p99 latency.
 */
export const MAX_POINTS = 50_000;

/** Metrics of the Sparkplug session itself, not measurements. */
const CONTROL = /^(bdSeq$|Node Control\/|Device Control\/|Properties\/)/;

interface Pending {
  msg: IngestMessage;
  result: HostResult;
  /** When it joined the queue (receivedAt is older for messages read back from the dead letters). */
  queuedAt: number;
  /** Re-read from the dead letters (replay.ts): this batch deletes the dead letter. */
  deadLetterId?: number;
}

/** PostgreSQL error classes that retrying cannot fix (bad data), as opposed to a lost connection. */
const permanent = (err: unknown) => /^(22|23|42)/.test(String((err as { code?: string }).code ?? ''));

/** Per device, the earliest and latest time of a batch's rows: two batches whose spans meet may share a key. */
type Span = Map<number, { lo: number; hi: number }>;

function spanOf(rows: TelemetryRow[]): Span {
  const span: Span = new Map();
  for (const r of rows) {
    const s = span.get(r.device);
    if (!s) span.set(r.device, { lo: r.ts, hi: r.ts });
    else if (r.ts < s.lo) s.lo = r.ts;
    else if (r.ts > s.hi) s.hi = r.ts;
  }
  return span;
}

const meet = (a: Span, b: Span) => {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [device, s] of small) {
    const t = large.get(device);
    if (t && s.lo <= t.hi && t.lo <= s.hi) return true;
  }
  return false;
};

/**
 * A second, different value for a stored key, as a dead letter: under the topic its device publishes DATA on (the
 * message itself is not at hand once its rows are written), with the point as the payload.
 */
function conflictLetter(c: ConflictingPoint): DeadLetterRow {
  const topic =
    c.node === JSON_NODE
      ? `${JSON_NAMESPACE}/${c.group}/${c.device}`
      : c.device === ''
        ? `${SPARKPLUG_NAMESPACE}/${c.group}/NDATA/${c.node}`
        : `${SPARKPLUG_NAMESPACE}/${c.group}/DDATA/${c.node}/${c.device}`;
  const at = new Date(c.ts).toISOString();
  return {
    at: Date.now(),
    topic,
    reason: 'conflicting_value',
    detail: `metric ${JSON.stringify(c.metric)} at ${at} has ${JSON.stringify(c.stored)} stored; ${JSON.stringify(c.sent)} sent for the same time is not stored`,
    payload: Buffer.from(JSON.stringify({ metric: c.metric, ts: at, stored: c.stored, sent: c.sent })),
  };
}

/**
 * Batches decoded messages into one transaction each and acknowledges them only after it commits. Messages are
 * decoded on arrival, in order (Sparkplug seq checks need that). Up to the writer's `concurrency` batches write at
 * once (PostgreSQL: the next batch's COPY runs while the one before finishes), but they commit in the order they
 * were taken — each waits for the one before after its rows and before its states, alarms and presence — so
 * acknowledgements leave in order, after their own batch's commit. A batch whose rows could share a key with
 * one still writing (a redelivery: the same message twice, close together) starts only once that one committed,
 * so two open transactions never wait for each other's keys. A write that fails for a passing reason (database
 * restarting) is retried with back-off and nothing is acknowledged meanwhile: the broker holds the rest. A write
 * that can never succeed sets the batch's messages aside as dead letters.
 */
export class IngestPipeline {
  private batch: Pending[] = [];
  /** Last alarm code per device, for the reason of a down state reported without one. */
  private alarm = new Map<number, number>();
  /** Metric ids of `state` metrics, learned from the points' names. */
  private stateIds = new Set<number>();
  /** Metric id → name, for the alarm rules. */
  private metricNames = new Map<number, string>();
  private points = 0;
  private timer: NodeJS.Timeout | null = null;
  /** The last batch's write: resolves when it is committed and acknowledged (writes never reject; they retry). */
  private chain: Promise<void> = Promise.resolve();
  /** The batches taken and not yet committed, oldest first: each one's commit and its rows' span once built. */
  private open: { committed: Promise<void>; span: Span | null }[] = [];
  /** Resolves when the last taken batch starts writing: the next take waits for it. */
  private handoff: Promise<void> = Promise.resolve();
  /** A take of the waiting messages is queued behind the batch being written. */
  private takeQueued = false;
  /** Consumers held back while too many points wait (see push). */
  private drainWaiters: Array<() => void> = [];
  private closed = false;
  /** deadLetters: rejected messages; deadLettersSuppressed: those of them only counted (a flood, dead-letters.ts). */
  readonly stats = { messages: 0, points: 0, inserted: 0, duplicates: 0, deadLetters: 0, deadLettersSuppressed: 0, batches: 0, retries: 0, replayed: 0 };
  private readonly limiter: DeadLetterLimiter;
  /** queuedAt of the oldest message of each batch taken and not yet committed, oldest first. */
  private writing: number[] = [];
  private readonly awaiting: AwaitingBirth | null;
  private readonly startedAt = Date.now();

  constructor(private readonly o: PipelineOptions) {
    this.awaiting = o.replayHost ? new AwaitingBirth(o.replayHost) : null;
    this.limiter = new DeadLetterLimiter(o.deadLetterLimits);
  }

  /** Rejected messages as rows to store: capped, over the rate limit only counted; counted in the stats either way. */
  private deadLetterRows(raw: DeadLetterRow[]): StoredDeadLetter[] {
    if (!raw.length) return [];
    const now = (this.o.now ?? Date.now)();
    const { stored, suppressed } = this.limiter.admit(raw, now);
    this.stats.deadLetters += raw.length;
    this.stats.deadLettersSuppressed += suppressed;
    const line = this.limiter.logLine(now);
    if (line) this.o.log.warn(line, 'dead letters over the rate limit: counted in summary rows, not stored one by one');
    const refusals = this.limiter.refusalLine(now);
    if (refusals) this.o.log.warn(refusals, 'unit reports or AGV answers refused by the production rules: stored as dead letters (this line at most once a minute)');
    return stored;
  }

  push(msg: IngestMessage): void | Promise<void> {
    if (this.closed) return; // not acknowledged: the broker redelivers to whoever consumes next
    const now = (this.o.now ?? Date.now)();
    const result = this.o.host.read(msg.topic, msg.payload, now);
    for (const c of result.commands) this.o.publish(c.topic, c.payload);
    this.awaiting?.note(msg.topic, msg.payload, result);
    this.batch.push({ msg, result, queuedAt: now });
    this.points += result.points.length;
    const max = this.o.maxPoints ?? MAX_POINTS;
    if (this.points >= max) this.flushSoon(0);
    else this.flushSoon(this.o.maxDelayMs ?? 100);
    // Backpressure. Brokers do not always keep to their in-flight window (Mosquitto 2.0 sends a subscriber its
    // whole queue once acknowledgements flow): after an outage the backlog arrived faster than it could be
    // written and piled up in memory. Past a few batches, the consumer reads the next message only once
    // writing has caught up; the rest waits in the broker.
    if (this.points >= 4 * max) return new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }

  /**
   * Presence changes the host found by itself (a JSON device gone silent): written with the next batch, like the
   * events of a message. Nothing to acknowledge.
   */
  pushEvents(result: HostResult): void {
    if (this.closed || !result.events.length) return;
    const now = (this.o.now ?? Date.now)();
    this.batch.push({ msg: { topic: '$host/sweep', payload: Buffer.alloc(0), receivedAt: now, ack: () => {} }, result, queuedAt: now });
    this.flushSoon(this.o.maxDelayMs ?? 100);
  }

  private flushSoon(delay: number) {
    if (delay === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      void this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, delay);
    }
  }

  /**
   * Writes what is waiting; resolves when it (and every earlier batch) is committed and acknowledged.
   *
   * Group commit: the messages are taken when the writer is free, not when flush is called, so whatever arrives
   * while a batch is being written joins the next one. Under load batches grow to maxPoints instead of queueing
   * up as many small ones, each paying a transaction. (Brokers do not always hold their
   * in-flight window: Mosquitto 2.0 sends a subscriber its whole queue once acknowledgements flow.)
   */
  flush(): Promise<void> {
    if (this.takeQueued || !this.batch.length) return this.chain;
    this.takeQueued = true;
    const previousCommit = this.chain;
    // A free writer: the batch `concurrency` places before this one has committed.
    const slots = Math.max(1, this.o.writer.concurrency ?? 1);
    const slot = this.open.length >= slots ? this.open[this.open.length - slots].committed : undefined;
    const mine: { committed: Promise<void>; span: Span | null } = { committed: previousCommit, span: null };
    this.open.push(mine);
    // Taken (and built) once the previous batch starts writing: building — rows, states, alarms — runs while the
    // database writes the batches before, and only one batch waits ready at a time, so batches still grow under load.
    const built = this.handoff.then(async () => {
      this.takeQueued = false;
      const cap = this.o.maxPoints ?? MAX_POINTS;
      let n = 0;
      let points = 0;
      while (n < this.batch.length && (n === 0 || points + this.batch[n].result.points.length <= cap)) points += this.batch[n++].result.points.length;
      const taken = this.batch.splice(0, n);
      this.points -= points;
      if (this.drainWaiters.length && this.points < 2 * cap) for (const release of this.drainWaiters.splice(0)) release();
      if (this.batch.length) {
        void this.flush(); // a backlog: the next batch right after this one
      } else {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
      }
      if (!taken.length) return null;
      this.writing.push(taken[0].queuedAt);
      // A failure here (the database away while registering new metrics) is retried inside commit.
      const batch = await this.build(taken).catch(() => null);
      return { taken, batch };
    });
    const start = Promise.all([built, slot]).then(async ([b]) => {
      if (!b) return null;
      mine.span = b.batch ? spanOf(b.batch.rows) : null;
      // Rows that may meet a batch still writing (or not built): after every earlier batch has committed.
      const earlier = this.open.slice(0, this.open.indexOf(mine));
      if (earlier.length && (!mine.span || earlier.some((e) => !e.span || meet(e.span, mine.span!)))) await previousCommit;
      return b;
    });
    this.handoff = start.then(() => undefined);
    this.chain = start.then((b) => (b ? this.commit(b.taken, b.batch, previousCommit) : previousCommit));
    mine.committed = this.chain;
    void this.chain.then(() => {
      const i = this.open.indexOf(mine);
      if (i >= 0) this.open.splice(i, 1);
    });
    return this.chain;
  }

  /**
   * The ingest's lag: how long the oldest message it received and has not committed yet has waited (0 when
   * nothing waits). It grows while the database is away or writing falls behind the broker.
   */
  pendingAgeMs(now = Date.now()): number {
    const oldest = this.writing[0] ?? this.batch[0]?.queuedAt;
    return oldest === undefined ? 0 : Math.max(0, now - oldest);
  }

  /** Stops taking messages and writes what was taken. */
  async close(): Promise<void> {
    this.closed = true;
    for (const release of this.drainWaiters.splice(0)) release();
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
  }

  private async commit(taken: Pending[], prebuilt: Batch | null, before: Promise<void>): Promise<void> {
    let batch: Batch | null = prebuilt;
    for (let attempt = 0; ; attempt++) {
      try {
        // Inside the retry: building may register new devices and metrics, and a database that is away must
        // not reject the chain (that stalled the ingest for good, unacknowledged, and crashed it unhandled).
        // Built late (the first build failed), its span was unknown: it started after the earlier batches committed.
        batch ??= await this.build(taken);
        const writeStarted = performance.now();
        const r = await this.o.writer.write(batch, before);
        const writeMs = performance.now() - writeStarted;
        for (const p of taken) p.msg.ack();
        this.writing.shift();
        if (this.awaiting) for (const p of taken) for (const u of this.awaiting.unblocked(p.msg.topic, p.msg.payload)) void this.replay(u);
        const s = this.stats;
        s.replayed += batch.replayed?.length ?? 0;
        s.batches++;
        s.messages += taken.length;
        s.points += batch.rows.length;
        s.inserted += r.inserted;
        s.duplicates += r.duplicates;
        this.o.onCommitted?.({
          messages: taken.map((p) => ({ topic: p.msg.topic, payload: p.msg.payload, receivedAt: p.msg.receivedAt })),
          points: batch.rows.length,
          inserted: r.inserted,
          duplicates: r.duplicates,
          deadLetters: [...batch.deadLetters, ...(r.conflicting ?? []), ...(r.refused ?? [])].reduce((n, d) => n + d.messages, 0),
          deadLetterReasons: [...batch.deadLetters, ...(r.conflicting ?? []), ...(r.refused ?? [])].map((d) => ({ reason: d.reason, messages: d.messages })),
          committedAt: Date.now(),
          writeMs,
          lagMs: (this.o.now ?? Date.now)() - taken[0].queuedAt,
        });
        return;
      } catch (err) {
        if (permanent(err)) {
          this.o.log.error({ err, messages: taken.length }, 'batch cannot be written; setting its messages aside as dead letters');
          const at = Date.now();
          const dead: Batch = {
            rows: [],
            states: [],
            alarms: [],
            events: [],
            seen: new Map(),
            deadLetters: this.deadLetterRows(
              taken.map((p) => ({ at, topic: p.msg.topic, reason: 'write_failed', detail: String((err as Error).message), payload: p.msg.payload })),
            ),
          };
          // If even this fails, the loop retries it like any transient failure.
          batch = dead;
          continue;
        }
        this.stats.retries++;
        const wait = Math.min(5_000, 100 * 2 ** Math.min(attempt, 6));
        this.o.log.warn({ err: (err as Error).message, attempt, wait }, 'batch write failed; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /**
   * Host results → rows with device and metric numbers; a message whose device has no organisation is set aside.
   * Numbers come from the registry's cache: the metrics a batch brings for the first time (a plant's first BIRTHs
   * bring thousands) are registered up front in one round trip, and the loop over the points awaits nothing once
   * they are known (an await per point cost more than building the row).
   */
  private async build(taken: Pending[]): Promise<Batch> {
    await this.registerNewMetrics(taken);
    const rows: TelemetryRow[] = [];
    const states: StateChange[] = [];
    const deadLetters: DeadLetterRow[] = [];
    const events: DeviceEventRow[] = [];
    const units: NonNullable<Batch['units']> = [];
    const agv: NonNullable<Batch['agv']> = [];
    const seen = new Map<number, number>();
    const reg = this.o.registry;
    for (const { msg, result } of taken) {
      for (const d of result.deadLetters) deadLetters.push({ ...d, payload: msg.payload });
      // The message's rows go straight into the batch's, from `first` on (taken back if its group is unknown).
      const first = rows.length;
      let stateRows = 0;
      let unitRows = 0;
      let agvRows = 0;
      let unknown: string | null = null;
      // The points of a message share their device: looked up once per message, not once per point.
      const pts = result.points;
      const ofNode = pts.device === null;
      let device = -1;
      let ids: ReadonlyMap<string, number> | undefined;
      let latest = 0;
      for (let i = 0; i < pts.length; i++) {
        const name = pts.metric[i];
        if (ofNode && CONTROL.test(name)) continue;
        if (device === -1) {
          const key = { group: pts.group, node: pts.node, device: pts.device ?? '' };
          const found = reg.cachedDevice(key) ?? (await reg.deviceNum(key));
          if (found === null) {
            unknown = pts.group;
            break;
          }
          device = found;
          ids = reg.metricsOf(device);
        }
        let metric = ids?.get(name);
        if (metric === undefined) {
          metric = await reg.metricId(device, name, pts.type[i]);
          ids = reg.metricsOf(device);
          if (name === 'state') this.stateIds.add(metric);
          this.metricNames.set(metric, name);
        } else if (!this.metricNames.has(metric)) {
          if (name === 'state') this.stateIds.add(metric);
          this.metricNames.set(metric, name);
        }
        const v = pts.value[i];
        const ts = pts.ts[i];
        rows.push({ device, metric, ts, value: typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : null, text: typeof v === 'string' ? v : null });
        if (ts > latest) latest = ts;
        if (name === 'state') stateRows++;
        else if (name === UNIT_METRICS.event) unitRows++;
        else if (name === AGV_METRICS.status) agvRows++;
        if (name === 'alarm_code' && typeof v === 'number') this.alarm.set(device, v);
      }
      if (pts.length === 0 && result.heartbeat !== undefined) {
        // No values, yet the device is alive (a JSON device's `{"metrics":{}}`): its last-seen time moves all the same.
        const found =
          reg.cachedDevice({ group: pts.group, node: pts.node, device: pts.device ?? '' }) ?? (await reg.deviceNum({ group: pts.group, node: pts.node, device: pts.device ?? '' }));
        if (found === null) unknown = pts.group;
        else {
          device = found;
          latest = result.heartbeat;
        }
      }
      if (device !== -1 && latest > (seen.get(device) ?? 0)) seen.set(device, latest);
      // States after the values of their message: a down state takes the alarm code sent with it as its reason.
      for (let k = first; stateRows > 0 && k < rows.length; k++) {
        const r = rows[k];
        if (!this.stateIds.has(r.metric)) continue;
        stateRows--;
        const state = r.value === null ? undefined : STATES[r.value];
        if (state) states.push({ device: r.device, ts: r.ts, state, reason: state === 'down' ? (this.alarm.get(r.device) ?? null) : null });
      }
      if (unitRows > 0 && unknown === null) {
        const u = unitEventsOf(rows, first, (id) => this.metricNames.get(id));
        for (const event of u.events) units.push({ event, topic: msg.topic, payload: msg.payload, at: msg.receivedAt });
        for (const detail of u.invalid) deadLetters.push({ at: msg.receivedAt, topic: msg.topic, reason: 'unit_event_invalid', detail, payload: msg.payload });
      }
      if (agvRows > 0 && unknown === null) {
        const a = agvAnswersOf(rows, first, (id) => this.metricNames.get(id));
        for (const answer of a.answers) agv.push({ answer, topic: msg.topic, payload: msg.payload, at: msg.receivedAt });
        for (const detail of a.invalid) deadLetters.push({ at: msg.receivedAt, topic: msg.topic, reason: 'agv_answer_invalid', detail, payload: msg.payload });
      }
      if (unknown !== null) {
        rows.length = first;
        deadLetters.push({
          at: msg.receivedAt,
          topic: msg.topic,
          reason: 'unknown_group',
          detail: `Sparkplug group ${unknown} is not registered to any organisation`,
          payload: msg.payload,
        });
        continue;
      }
      for (const e of result.events) {
        // A node's own presence is carried by its devices' events (an NDEATH sends each device offline too).
        if (e.device === null) continue;
        const key = { group: e.group, node: e.node, device: e.device };
        const device = reg.cachedDevice(key) ?? (await reg.deviceNum(key));
        if (device === null) continue;
        events.push({ device, at: e.at, kind: e.kind, reason: e.reason ?? null });
        if (e.kind === 'offline') states.push({ device, ts: e.at, state: 'offline', reason: null });
      }
    }
    let alarms: Batch['alarms'] = [];
    if (this.o.alarms) {
      await this.o.alarms.refresh();
      alarms = this.o.alarms.evaluate(rows, (id) => this.metricNames.get(id));
    }
    // In primary-key order for the write: PostgreSQL then inserts each series' keys next to each other instead of
    // jumping across the whole index for every row — COPY of a sorted batch measured 1.5–1.6× the rows/s of the
    // same batch in arrival order (bench/ingest). Alarms above needed arrival order; nothing below does.
    sortForWrite(rows);
    const replayed = taken.flatMap((p) => (p.deadLetterId === undefined ? [] : [p.deadLetterId]));
    return {
      rows,
      states,
      alarms,
      deadLetters: this.deadLetterRows(deadLetters),
      events,
      seen,
      conflicts: (found) => this.deadLetterRows(found.map(conflictLetter)),
      refused: (rows) => this.deadLetterRows(rows),
      ...(replayed.length ? { replayed } : {}),
      ...(units.length ? { units } : {}),
      ...(agv.length ? { agv } : {}),
    };
  }

  /**
   * Reads the data topic's no_birth dead letters of this process again, against the BIRTH just committed, into
   * the next batches; each batch deletes the dead letters it stores (a redelivery stored meanwhile is a duplicate).
   */
  private async replay(u: Unblocked): Promise<void> {
    const LIMIT = 5_000;
    try {
      for (let after = 0; ; ) {
        const parked = await this.o.writer.setAside(u.dataTopic, 'no_birth', this.startedAt, after, LIMIT);
        for (const d of parked) {
          after = d.id;
          const result = u.read(d.payload, d.at);
          if (!result) continue;
          this.batch.push({ msg: { topic: u.dataTopic, payload: d.payload, receivedAt: d.at, ack: () => {} }, result, deadLetterId: d.id, queuedAt: Date.now() });
          this.points += result.points.length;
        }
        if (parked.length) this.flushSoon(0);
        if (parked.length < LIMIT) return;
      }
    } catch (err) {
      this.awaiting?.stillWaiting(u.dataTopic);
      this.o.log.warn({ err: (err as Error).message, topic: u.dataTopic }, 'could not read back messages set aside before their BIRTH; trying again at the next BIRTH');
    }
  }

  private async registerNewMetrics(taken: Pending[]): Promise<void> {
    const reg = this.o.registry;
    const fresh: { device: number; name: string; datatype: string }[] = [];
    for (const { result } of taken) {
      const pts = result.points;
      const ofNode = pts.device === null;
      let device = -1;
      let ids: ReadonlyMap<string, number> | undefined;
      for (let i = 0; i < pts.length; i++) {
        const name = pts.metric[i];
        if (ofNode && CONTROL.test(name)) continue;
        if (device === -1) {
          const key = { group: pts.group, node: pts.node, device: pts.device ?? '' };
          const found = reg.cachedDevice(key) ?? (await reg.deviceNum(key));
          if (found === null) break;
          device = found;
          ids = reg.metricsOf(device);
        }
        if (ids?.get(name) === undefined) fresh.push({ device, name, datatype: pts.type[i] });
      }
    }
    if (fresh.length) await reg.ensureMetrics(fresh);
  }
}
