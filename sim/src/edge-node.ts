/**
 * One Sparkplug B v3.0 edge node (a line's gateway) over mqtt.js.
 *
 * Session: CONNECT with clean session and the NDEATH will carrying this connection's bdSeq → subscribe NCMD (and the
 * primary host's STATE when configured) → NBIRTH (seq 0, bdSeq, Node Control/Rebirth) → one DBIRTH per device → DDATA
 * by alias, seq 1..255, 0, 1, … across all of the node's messages. NCMD Node Control/Rebirth=true re-sends NBIRTH and
 * DBIRTHs in the same session, so with the same bdSeq (tck-id-operational-behavior-data-commands-rebirth-action-3).
 * Every new CONNECT, reconnects included, increments bdSeq (mod 256).
 *
 * Each connection is its own mqtt.js client with mqtt.js reconnect off: mqtt.js would replay unacknowledged
 * publishes of the old connection before our new NBIRTH, which breaks Sparkplug's ordering. A lost connection
 * instead fails its unacknowledged publishes (counted as `failed`), and the next connection births afresh.
 *
 * Event metrics (MetricDef.event: a unit's start or completion, an AGV's answer) are declared in the DBIRTH with a
 * null value and sent only by publishEvent, one DDATA per event at the event's timestamp; periodic data never carries
 * them. DCMDs to the node's devices (`spBv1.0/<group>/DCMD/<node>/+`) go to `onCommand` with their metrics by name.
 *
 * QoS: DATA goes at QoS 1 by default, against the spec's QoS 0 (tck-id-payloads-ddata-qos), because Gearbridge's
 * promise is "every point the broker acknowledged is stored": only a PUBACK tells the publisher that. Births default to
 * the spec's QoS 0; `birthQos: 1` makes them survive a host that is briefly away.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { MetricDef, MetricValue } from '@gearbridge/plant';
import {
  decodePayload,
  encodeData,
  encodeDeviceBirth,
  encodeNodeBirth,
  encodeNodeDeath,
  parseTopic,
  REBIRTH_METRIC,
  stateTopic,
  toNumber,
  topic,
  type AliasedMetric,
} from './sparkplug';

export interface EdgeDevice {
  id: string;
  metrics: readonly MetricDef[];
}

export type Qos = 0 | 1;

export interface EdgeNodeOptions {
  url: string;
  group: string;
  node: string;
  devices: readonly EdgeDevice[];
  /** Current values of a device, in the order of its metrics: read for births and data. */
  read: (deviceIndex: number) => readonly MetricValue[];
  clientId?: string;
  /** bdSeq of the first CONNECT (a real node persists it across restarts); default 0. */
  bdSeq?: number;
  dataQos?: Qos;
  birthQos?: Qos;
  /** MQTT 3.1.1 (4, default) or 5. */
  protocolVersion?: 4 | 5;
  reconnectMs?: number;
  connectTimeoutMs?: number;
  keepaliveS?: number;
  /** Data publishes are refused (counted as throttled) while this many QoS 1 publishes wait for their PUBACK. */
  maxInflight?: number;
  /** Wait for this primary host application's STATE online before birth; go offline when it goes offline. */
  primaryHostId?: string;
  username?: string;
  password?: string;
  /** Wall clock for payload timestamps, ms since the epoch. */
  now?: () => number;
  onEvent?: (event: EdgeNodeEvent) => void;
  /** A DCMD for one of the devices: its metrics by name (a metric sent by alias is named from the DBIRTH). */
  onCommand?: (deviceIndex: number, values: Record<string, MetricValue>) => void;
}

export type EdgeNodeEvent =
  | { type: 'connected'; node: string; bdSeq: number }
  | { type: 'birth'; node: string; bdSeq: number; reason: 'connect' | 'rebirth' | 'host-online' }
  /** expected: ended by stop() or because the primary host went offline, not by a failure. */
  | { type: 'disconnected'; node: string; bdSeq: number; expected: boolean }
  | { type: 'error'; node: string; message: string }
  | { type: 'command'; node: string; device: string; metrics: string[] };

export interface PublishStats {
  /** DATA messages and the metric values in them (births are counted apart). */
  messages: number;
  points: number;
  /** DATA messages whose PUBACK came back, and their values: what the broker took responsibility for. */
  acknowledged: number;
  acknowledgedPoints: number;
  /** QoS 1 messages whose connection ended before the PUBACK (they may or may not have reached the broker). */
  failed: number;
  /** Data refused because the node was offline, rebirthing or had maxInflight messages in flight. */
  refused: number;
  births: number;
  birthPoints: number;
  acknowledgedBirths: number;
  acknowledgedBirthPoints: number;
  rebirths: number;
  connects: number;
}

/** Called once per QoS 1 publish: acknowledged or failed. */
export type DoneCallback = (acknowledged: boolean, seq: number) => void;

interface Session {
  client: MqttClient;
  bdSeq: number;
  connected: boolean;
  born: boolean;
  /** We are ending this session ourselves (NDEATH sent or being sent). */
  ending: boolean;
  ended?: Promise<void>;
  /** Settle functions of QoS 1 publishes still waiting for their PUBACK. */
  pending: Set<(err?: Error) => void>;
}

export function emptyStats(): PublishStats {
  return {
    messages: 0,
    points: 0,
    acknowledged: 0,
    acknowledgedPoints: 0,
    failed: 0,
    refused: 0,
    births: 0,
    birthPoints: 0,
    acknowledgedBirths: 0,
    acknowledgedBirthPoints: 0,
    rebirths: 0,
    connects: 0,
  };
}

export class EdgeNode {
  readonly stats: PublishStats = emptyStats();
  /** Aliases per device and metric, unique within the node and stable across sessions. */
  readonly metrics: readonly (readonly AliasedMetric[])[];

  private session: Session | null = null;
  private nextBdSeq: number;
  private seq = 0;
  private inflightCount = 0;
  private lastSent: (MetricValue[] | null)[];
  /**
   * The last timestamp given to each device's data: a device's payloads are stamped strictly later than the one
   * before, so two ticks caught up in the same millisecond (a busy machine) never send two values for one moment.
   */
  private lastStamp: number[];
  /** Per device, the timestamp of its last DBIRTH (0 before the first). */
  private bornAt: number[];
  /** Per device, the indexes of its periodic (non-event) metrics, or null when it has no event metrics. */
  private readonly periodic: (number[] | null)[];
  private stopping = false;
  private started = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private hostOnline = false;
  private hostTimestamp = -Infinity;
  private onlineWaiters: Array<() => void> = [];
  private readonly now: () => number;

  constructor(private readonly options: EdgeNodeOptions) {
    let alias = 1;
    this.metrics = options.devices.map((d) => d.metrics.map((m) => ({ name: m.name, type: m.type, unit: m.unit, alias: alias++ })));
    this.lastSent = options.devices.map(() => null);
    this.lastStamp = options.devices.map(() => 0);
    this.bornAt = options.devices.map(() => 0);
    this.periodic = options.devices.map((d) => (d.metrics.some((m) => m.event) ? d.metrics.flatMap((m, i) => (m.event ? [] : [i])) : null));
    this.nextBdSeq = (options.bdSeq ?? 0) & 0xff;
    this.now = options.now ?? Date.now;
  }

  get node(): string {
    return this.options.node;
  }

  /** True between the births of a session and its end: data may be published. */
  get online(): boolean {
    return this.session?.born === true;
  }

  /** bdSeq of the current (or last) connection. */
  get bdSeq(): number {
    return this.session?.bdSeq ?? (this.nextBdSeq + 255) & 0xff;
  }

  /** seq of the last message sent. */
  get lastSeq(): number {
    return this.seq;
  }

  get inflight(): number {
    return this.inflightCount;
  }

  /** Starts connecting; the node keeps (re)connecting until stop(). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.connect();
  }

  /** Resolves when the node is online (births sent), rejects after timeoutMs. */
  waitOnline(timeoutMs = 10_000): Promise<void> {
    if (this.online) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.onlineWaiters = this.onlineWaiters.filter((w) => w !== done);
        reject(new Error(`${this.options.node}: not online after ${timeoutMs} ms (${this.options.url})`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.onlineWaiters.push(done);
    });
  }

  /**
   * Publishes a DDATA for the device: the metrics that changed since they were last sent (report by exception), or
   * all of them when `full`. Returns false when nothing was sent (no change, offline, or too many in flight).
   */
  publishData(deviceIndex: number, full = false, done?: DoneCallback): boolean {
    const values = this.options.read(deviceIndex);
    const last = this.lastSent[deviceIndex];
    const periodic = this.periodic[deviceIndex];
    let indexes: number[] | undefined = periodic ?? undefined;
    if (!full && last) {
      indexes = [];
      if (periodic) {
        for (const i of periodic) if (values[i] !== last[i]) indexes.push(i);
      } else {
        for (let i = 0; i < values.length; i++) if (values[i] !== last[i]) indexes.push(i);
      }
      if (indexes.length === 0) return false;
    }
    const metrics = this.metrics[deviceIndex];
    const points = indexes ? indexes.length : metrics.length;
    const sent = this.sendData(deviceIndex, (seq, ts) => encodeData(ts, seq, metrics, values, indexes), points, done);
    if (sent) this.lastSent[deviceIndex] = values.slice();
    return sent;
  }

  /**
   * Publishes one event of a device as its own DDATA: the given event metrics (by name, all declared in the DBIRTH),
   * at the event's timestamp. Returns false when not sent (offline, too many in flight, or a metric it does not know).
   */
  publishEvent(deviceIndex: number, timestampMs: number, values: Readonly<Record<string, MetricValue>>, done?: DoneCallback): boolean {
    const all = this.metrics[deviceIndex];
    const metrics: AliasedMetric[] = [];
    const vs: MetricValue[] = [];
    for (const [name, v] of Object.entries(values)) {
      const m = all.find((x) => x.name === name);
      if (!m) {
        this.emit({ type: 'error', node: this.options.node, message: `event metric ${name} of ${this.options.devices[deviceIndex].id} is not in its DBIRTH` });
        return false;
      }
      metrics.push(m);
      vs.push(v);
    }
    // The DBIRTH declared these metrics null at its own timestamp: an event of that very millisecond (the first
    // unit started as a replay begins) goes 1 ms later, or the host would hold two values for one moment.
    const at = timestampMs === this.bornAt[deviceIndex] ? timestampMs + 1 : timestampMs;
    return this.sendData(deviceIndex, (seq) => encodeData(at, seq, metrics, vs), metrics.length, done);
  }

  /**
   * The primitive under publishData: a DDATA whose payload `encode` builds for the seq and timestamp it is given.
   * For load generators that encode their own payloads; the node still owns the session, seq and counting.
   */
  sendData(deviceIndex: number, encode: (seq: number, timestamp: number) => Buffer, points: number, done?: DoneCallback): boolean {
    const s = this.session;
    const maxInflight = this.options.maxInflight ?? 10_000;
    const qos = this.options.dataQos ?? 1;
    if (!s || !s.born || this.stopping || (qos === 1 && this.inflightCount >= maxInflight)) {
      this.stats.refused++;
      return false;
    }
    const seq = this.advanceSeq();
    const stamp = Math.max(this.now(), this.lastStamp[deviceIndex] + 1);
    this.lastStamp[deviceIndex] = stamp;
    const payload = encode(seq, stamp);
    this.stats.messages++;
    this.stats.points += points;
    this.publish(s, topic(this.options.group, 'DDATA', this.options.node, this.options.devices[deviceIndex].id), payload, qos, (ok) => {
      if (ok) {
        this.stats.acknowledged++;
        this.stats.acknowledgedPoints += points;
      }
      done?.(ok, seq);
    });
    return true;
  }

  /** Ends the session cleanly: NDEATH (MQTT 3.1.1) or DISCONNECT with will (MQTT 5), after in-flight PUBACKs. */
  stop(timeoutMs = 5_000): Promise<void> {
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const s = this.session;
    return s ? this.endSession(s, timeoutMs) : Promise.resolve();
  }

  /** Fault injection: drops the TCP connection without DISCONNECT, as a cable pull would; the broker sends the will. */
  dropConnection(): void {
    this.session?.client.stream.destroy();
  }

  // --- session -------------------------------------------------------------------------------------------------

  private connect(): void {
    if (this.stopping) return;
    const bdSeq = this.nextBdSeq;
    this.nextBdSeq = (bdSeq + 1) & 0xff;
    // A new connection births only on a STATE it receives itself, even if the host was online before.
    this.hostOnline = false;
    const { options } = this;
    const v5 = options.protocolVersion === 5;
    const mqttOptions: IClientOptions = {
      // mqtt.js logs several debug lines a packet: off unless DEBUG asks for them (bench/ingest/load-cpu.ts).
      ...(/mqttjs|\*/.test(process.env.DEBUG ?? '') ? {} : { log: () => {} }),
      clientId: options.clientId ?? `gearbridge-sim-${options.group}-${options.node}`,
      protocolVersion: v5 ? 5 : 4,
      clean: true,
      reconnectPeriod: 0,
      connectTimeout: options.connectTimeoutMs ?? 5_000,
      keepalive: options.keepaliveS ?? 30,
      will: { topic: topic(options.group, 'NDEATH', options.node), payload: Buffer.from(encodeNodeDeath(bdSeq)), qos: 1, retain: false },
      username: options.username,
      password: options.password,
    };
    if (v5) mqttOptions.properties = { sessionExpiryInterval: 0 };
    const client = mqtt.connect(options.url, mqttOptions);
    const session: Session = { client, bdSeq, connected: false, born: false, ending: false, pending: new Set() };
    this.session = session;
    client.on('connect', () => this.onConnect(session));
    client.on('message', (t, payload) => this.onMessage(session, t, payload));
    client.on('error', (err) => this.emit({ type: 'error', node: options.node, message: err.message }));
    client.on('close', () => this.onClose(session));
  }

  private onConnect(s: Session): void {
    s.connected = true;
    this.stats.connects++;
    this.emit({ type: 'connected', node: this.options.node, bdSeq: s.bdSeq });
    const subs: Record<string, { qos: Qos }> = {
      [topic(this.options.group, 'NCMD', this.options.node)]: { qos: 1 },
      [topic(this.options.group, 'DCMD', this.options.node, '+')]: { qos: 1 },
    };
    if (this.options.primaryHostId) subs[stateTopic(this.options.primaryHostId)] = { qos: 1 };
    // The NCMD subscription must be in place before NBIRTH (tck-id-message-flow-edge-node-ncmd-subscribe).
    s.client.subscribe(subs, (err) => {
      if (err) {
        this.emit({ type: 'error', node: this.options.node, message: `subscribe: ${err.message}` });
        return;
      }
      if (this.session !== s || this.stopping) return;
      if (!this.options.primaryHostId || this.hostOnline) this.birth(s, 'connect');
    });
  }

  private onClose(s: Session): void {
    if (this.session === s) this.session = null;
    const wasConnected = s.connected;
    s.connected = false;
    s.born = false;
    // Publishes still waiting for a PUBACK will not get one on this connection: mqtt.js fails them on end(true)
    // (reconnect is off); any it does not reach (a client already disconnecting) are failed here.
    s.client.end(true);
    const lost = new Error('connection closed before PUBACK');
    for (const settle of [...s.pending]) settle(lost);
    if (wasConnected) this.emit({ type: 'disconnected', node: this.options.node, bdSeq: s.bdSeq, expected: s.ending || this.stopping });
    if (!this.stopping && this.session === null && !this.reconnectTimer) {
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.connect();
      }, this.options.reconnectMs ?? 1_000);
    }
  }

  private onMessage(s: Session, t: string, payload: Buffer): void {
    if (this.session !== s) return;
    if (this.options.primaryHostId && t === stateTopic(this.options.primaryHostId)) {
      this.onHostState(s, payload);
      return;
    }
    const parsed = parseTopic(t);
    if (parsed?.verb === 'DCMD' && parsed.group === this.options.group && parsed.node === this.options.node) {
      this.onDeviceCommand(s, parsed.device!, payload);
      return;
    }
    if (!parsed || parsed.verb !== 'NCMD') return;
    let rebirth = false;
    try {
      for (const m of decodePayload(payload).metrics ?? []) if (m.name === REBIRTH_METRIC && m.value === true) rebirth = true;
    } catch (err) {
      this.emit({ type: 'error', node: this.options.node, message: `bad NCMD payload: ${(err as Error).message}` });
      return;
    }
    if (rebirth && s.born && !this.stopping) {
      this.stats.rebirths++;
      this.birth(s, 'rebirth');
    }
  }

  private onDeviceCommand(s: Session, deviceId: string, payload: Buffer): void {
    const k = this.options.devices.findIndex((d) => d.id === deviceId);
    if (k < 0 || !s.born || this.stopping) return;
    const byAlias = new Map(this.metrics[k].map((m) => [m.alias, m.name]));
    const values: Record<string, MetricValue> = {};
    try {
      for (const m of decodePayload(payload).metrics ?? []) {
        const name = m.name ?? (m.alias !== undefined && m.alias !== null ? byAlias.get(toNumber(m.alias)) : undefined);
        const v = m.value;
        if (!name) continue;
        values[name] = typeof v === 'string' || typeof v === 'boolean' || v === null ? v : typeof v === 'number' ? v : toNumber(v);
      }
    } catch (err) {
      this.emit({ type: 'error', node: this.options.node, message: `bad DCMD payload for ${deviceId}: ${(err as Error).message}` });
      return;
    }
    this.emit({ type: 'command', node: this.options.node, device: deviceId, metrics: Object.keys(values) });
    this.options.onCommand?.(k, values);
  }

  /** Sparkplug 3.0 STATE: JSON {online, timestamp}; older STATE messages (by timestamp) are ignored. */
  private onHostState(s: Session, payload: Buffer): void {
    let state: { online?: unknown; timestamp?: unknown };
    try {
      state = JSON.parse(payload.toString('utf8')) as { online?: unknown; timestamp?: unknown };
    } catch {
      this.emit({ type: 'error', node: this.options.node, message: 'bad STATE payload' });
      return;
    }
    const ts = typeof state.timestamp === 'number' ? state.timestamp : 0;
    if (typeof state.online !== 'boolean' || ts < this.hostTimestamp) return;
    this.hostTimestamp = ts;
    this.hostOnline = state.online;
    if (state.online && s.connected && !s.born) this.birth(s, 'host-online');
    // The primary host went away: NDEATH, disconnect, and start over (tck-id-operational-behavior-edge-node-termination-host-offline).
    if (!state.online && s.connected && !this.stopping) void this.endSession(s, 2_000);
  }

  private birth(s: Session, reason: 'connect' | 'rebirth' | 'host-online'): void {
    const { options } = this;
    const qos = options.birthQos ?? 0;
    const ts = this.now();
    this.seq = 0;
    s.born = true;
    this.stats.births++;
    this.publish(s, topic(options.group, 'NBIRTH', options.node), Buffer.from(encodeNodeBirth(s.bdSeq, ts)), qos, () => undefined);
    options.devices.forEach((d, i) => {
      const values = options.read(i);
      const points = values.length;
      this.stats.births++;
      this.stats.birthPoints += points;
      const payload = Buffer.from(encodeDeviceBirth(ts, this.advanceSeq(), this.metrics[i], values));
      this.publish(s, topic(options.group, 'DBIRTH', options.node, d.id), payload, qos, (ok) => {
        if (ok && qos === 1) {
          this.stats.acknowledgedBirths++;
          this.stats.acknowledgedBirthPoints += points;
        }
      });
      this.lastSent[i] = values.slice();
      this.lastStamp[i] = Math.max(this.lastStamp[i], ts);
      this.bornAt[i] = ts;
    });
    this.emit({ type: 'birth', node: options.node, bdSeq: s.bdSeq, reason });
    const waiters = this.onlineWaiters;
    this.onlineWaiters = [];
    for (const w of waiters) w();
  }

  /** One NDEATH per session however often it is ended (stop() twice, stop() while the host went offline). */
  private endSession(s: Session, timeoutMs: number): Promise<void> {
    s.ended ??= this.doEndSession(s, timeoutMs);
    return s.ended;
  }

  private async doEndSession(s: Session, timeoutMs: number): Promise<void> {
    const { client } = s;
    s.born = false;
    s.ending = true;
    if (!s.connected) {
      client.end(true);
      return;
    }
    // Whichever comes first: done, the connection gone anyway, or the broker too slow to wait for.
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    const deadline = Promise.race([closed, timer]);
    if (this.options.protocolVersion === 5) {
      // 0x04 Disconnect with Will Message: the broker publishes our NDEATH (tck-id-payloads-ndeath-will-message-publisher-disconnect-mqtt50).
      await Promise.race([new Promise<void>((resolve) => client.end(false, { reasonCode: 4 }, () => resolve())), deadline]);
    } else {
      const death = Buffer.from(encodeNodeDeath(s.bdSeq, this.now()));
      await Promise.race([new Promise<void>((resolve) => this.publish(s, topic(this.options.group, 'NDEATH', this.options.node), death, 1, () => resolve())), deadline]);
      await Promise.race([new Promise<void>((resolve) => client.end(false, {}, () => resolve())), deadline]);
    }
    // Still connected after the deadline: the broker stopped answering; cut the connection.
    if (client.connected) client.stream.destroy();
  }

  private publish(s: Session, t: string, payload: Buffer, qos: Qos, done: (acknowledged: boolean) => void): void {
    if (qos === 0) {
      s.client.publish(t, payload, { qos, retain: false }, () => done(false));
      return;
    }
    this.inflightCount++;
    const settle = (err?: Error) => {
      if (!s.pending.delete(settle)) return; // settled already
      this.inflightCount--;
      if (err) this.stats.failed++;
      done(!err);
    };
    s.pending.add(settle);
    s.client.publish(t, payload, { qos, retain: false }, (err) => settle(err ?? undefined));
  }

  private advanceSeq(): number {
    this.seq = (this.seq + 1) & 0xff;
    return this.seq;
  }

  private emit(event: EdgeNodeEvent): void {
    this.options.onEvent?.(event);
  }
}
