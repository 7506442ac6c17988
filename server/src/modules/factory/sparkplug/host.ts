/**
 * The Sparkplug B v3.0 host application's view of the plant: which edge nodes and devices are online, their
 * metric alias tables, the birth/death (bdSeq) and message (seq) sequences. Fed one MQTT message at a time; it
 * does no I/O and reads no clock — the caller passes `now` (ms since epoch) and carries out what comes back:
 * points to store, dead letters to store, commands to publish, online/offline events.
 *
 * Decisions (Sparkplug 3.0 leaves them to the host application):
 * - A seq gap requests a Rebirth at once and still accepts the message. The spec ("Host Application Message
 *   Ordering") SHOULD wait a Reorder Timeout for late messages first; this code has no timers, and through one
 *   broker, which delivers a client's messages in order, a gap means loss rather than reordering. The data itself is valid, so it is stored; the
 *   Rebirth re-establishes the alias tables in case the gap hid a new BIRTH. The gap is counted per node.
 * - Rebirth requests go out at most once per node per `rebirthIntervalMs` (default 5 s), whatever the cause.
 * - A DATA message that cannot be resolved completely (unknown alias, type differing from BIRTH) is dead-lettered
 *   as a whole: storing part of a message would make the rest look lost.
 * - BIRTH values are data points. Not stored as points: `bdSeq`, `Node Control/*` and `Device Control/*` (session
 *   bookkeeping), transient metrics (the spec says not to historise them) and types with no scalar value
 *   (DataSet, Template, Bytes, File, arrays).
 * - A new NBIRTH starts a new session: the node's devices are offline (event, reason 'node_birth') until their
 *   DBIRTH, because their alias tables belonged to the old session.
 * - An NDEATH is stale only when both it and the current NBIRTH carry a bdSeq and the two differ.
 * - Events carry `now` (host receive time), not the edge node's clock, so a device timeline never runs backwards.
 * - A compressed payload (Sparkplug 3.0 "Payload compression", compression.ts) is inflated and read as if it had
 *   come plain, seq included; one that cannot be inflated is dead-lettered as `bad_compression`.
 * - JSON-format devices have no node: their points and status use the node id `JSON_NODE`, which no Sparkplug
 *   node can have ('#' is reserved), and they come online with their first message; they have no death message.
 */
import {
  DATATYPES,
  PayloadError,
  ScannedPayload,
  decodeRawPayload,
  encodePayload,
  interpretMetric,
  scanPayload,
  scannedValue,
  type DecodedMetric,
  type RawMetric,
  type RawPayload,
} from './codec';
import { inflateBody, isCompressed } from './compression';
import { parseJsonPayload } from '../json/json-format';
import { nodeCommandTopic, parseTopic, stateTopic } from './topic';
import type { DeadLetterReason, DeviceEvent, EndpointStatus, HostRead, HostResult, Point, PointColumns, RebirthCause, SparkplugHostOptions, StateMessage } from './types';

export type * from './types';

export const JSON_NODE = '#json';
export const REBIRTH_METRIC = 'Node Control/Rebirth';

interface MetricDef {
  name: string;
  datatype: number;
}
interface AliasTable {
  byAlias: Map<number, MetricDef>;
  byName: Map<string, MetricDef>;
}
interface Endpoint {
  online: boolean;
  lastSeen: number;
  since: number;
  /** Null outside a BIRTH session. */
  table: AliasTable | null;
}
interface NodeState extends Endpoint {
  group: string;
  node: string;
  bdSeq: number | null;
  seq: number;
  seqGaps: number;
  devices: Map<string, Endpoint>;
}

/** A message that goes to the dead letters; a plain object rather than an Error so a flood costs no stack traces. */
class Reject {
  constructor(
    readonly reason: DeadLetterReason,
    readonly detail: string,
    readonly rebirth?: RebirthCause,
  ) {}
}

const isControlMetric = (name: string) => name === 'bdSeq' || name.startsWith('Node Control/') || name.startsWith('Device Control/');

/**
 * A Sparkplug payload read with the library, a compressed one (compression.ts) inflated and read as if it had come
 * plain — seq and timestamp from the inner payload, else from the wrapper. Compressed twice is not a payload.
 */
function decoded(payload: Uint8Array): RawPayload {
  const outer = decodeRawPayload(payload);
  if (!isCompressed(outer)) return outer;
  const inner = decodeRawPayload(inflateBody(outer));
  if (isCompressed(inner)) throw new PayloadError('bad_compression', 'a compressed payload inside a compressed payload');
  if (inner.seq === undefined && outer.seq !== undefined) inner.seq = outer.seq;
  if (inner.timestamp === undefined && outer.timestamp !== undefined) inner.timestamp = outer.timestamp;
  return inner;
}

function interpreted(raw: RawMetric, datatype: number, cause?: RebirthCause): DecodedMetric {
  try {
    return interpretMetric(raw, datatype);
  } catch (e) {
    if (e instanceof PayloadError) throw new Reject(e.reason, e.message, e.reason === 'wrong_type' ? cause : undefined);
    throw e;
  }
}

/** The alias table a BIRTH declares; the spec requires a name and a datatype on every BIRTH metric. */
function birthTable(metrics: RawMetric[], what: 'NBIRTH' | 'DBIRTH'): AliasTable {
  const table: AliasTable = { byAlias: new Map(), byName: new Map() };
  for (const m of metrics) {
    if (m.name === undefined) throw new Reject('bad_metric', `${what} metric with alias ${m.alias} but no name`);
    if (m.datatype === undefined) throw new Reject('bad_metric', `${what} metric ${JSON.stringify(m.name)} without datatype`);
    const def = { name: m.name, datatype: m.datatype };
    table.byName.set(m.name, def);
    if (m.alias !== undefined) {
      const other = table.byAlias.get(m.alias);
      if (other && other.name !== m.name) {
        throw new Reject('bad_metric', `${what} gives alias ${m.alias} to both ${JSON.stringify(other.name)} and ${JSON.stringify(m.name)}`);
      }
      table.byAlias.set(m.alias, def);
    }
  }
  return table;
}

/** BIRTH and DEATH metrics: each names itself and carries its datatype. */
function selfDescribing(metrics: RawMetric[], what: string): Array<[string, DecodedMetric]> {
  return metrics.map((m) => {
    if (m.name === undefined || m.datatype === undefined) throw new Reject('bad_metric', `${what} metric ${m.name ?? `alias ${m.alias}`} without name or datatype`);
    return [m.name, interpreted(m, m.datatype)];
  });
}

/**
 * DATA metrics resolved against the BIRTH table: name from the alias, datatype from BIRTH when left out. A metric
 * sent by a name the BIRTH did not declare is still taken when it carries its own datatype.
 */
function resolve(metrics: RawMetric[], table: AliasTable, what: 'NBIRTH' | 'DBIRTH'): Array<[string, DecodedMetric]> {
  return metrics.map((raw) => {
    const def = raw.alias !== undefined ? table.byAlias.get(raw.alias) : table.byName.get(raw.name ?? '');
    if (raw.alias !== undefined && !def) throw new Reject('unknown_alias', `alias ${raw.alias} is not in the ${what}`, 'unknown_alias');
    const datatype = raw.datatype ?? def?.datatype;
    if (datatype === undefined) throw new Reject('bad_metric', `metric ${JSON.stringify(raw.name)} has no datatype and is not in the ${what}`);
    if (def && raw.datatype !== undefined && raw.datatype !== def.datatype) {
      const detail = `metric ${JSON.stringify(def.name)} is ${DATATYPES[raw.datatype]} but ${DATATYPES[def.datatype]} in the ${what}`;
      throw new Reject('wrong_type', detail, 'wrong_type');
    }
    return [def?.name ?? raw.name ?? '', interpreted(raw, datatype, 'wrong_type')];
  });
}

export class SparkplugHost {
  private readonly rebirthIntervalMs: number;
  private readonly checkSequence: boolean;
  /** The fast scanner for DATA (off only to compare it with the library's path in tests). */
  private readonly fast: boolean;
  private readonly nodes = new Map<string, NodeState>();
  private readonly jsonDevices = new Map<string, Endpoint & { group: string; device: string }>();
  private readonly lastRebirth = new Map<string, number>();

  constructor(options: SparkplugHostOptions = {}) {
    this.rebirthIntervalMs = options.rebirthIntervalMs ?? 5000;
    this.checkSequence = options.checkSequence ?? true;
    this.fast = options.fastData ?? true;
  }

  /** Never throws: whatever is wrong with a message ends up as a dead letter. */
  handle(topic: string, payload: Uint8Array, now: number): HostResult {
    const r = this.read(topic, payload, now);
    return { ...r, points: pointsOf(r.points) };
  }

  /**
   * `handle` with the message's points as columns, as the ingest takes them. DDATA and NDATA in a Buffer go
   * through the fast scanner (codec.ts `scanPayload`) when it can read them; anything it leaves, and every other
   * message, through the library's decoding — with the same result either way (host.unit.test.ts).
   */
  read(topic: string, payload: Uint8Array, now: number): HostRead {
    const r: HostRead = { points: noPoints(), deadLetters: [], commands: [], events: [] };
    const t = parseTopic(topic);
    try {
      if (!t) throw new Reject('unknown_topic', 'fits neither spBv1.0/{group}/{type}/{node}[/{device}] nor gb/v1/{group}/{device}');
      if (t.kind === 'state') return r; // other host applications' STATE, or our own echoed back
      if (t.kind === 'json') {
        this.onJson(t.group, t.device, payload, now, r);
        return r;
      }
      const { group, node, device } = t;
      try {
        switch (t.messageType) {
          case 'NCMD':
          case 'DCMD':
            return r; // commands, ours or another host's
          case 'NBIRTH':
            this.onNodeBirth(group, node, decoded(payload), now, r);
            break;
          case 'NDEATH':
            this.onNodeDeath(group, node, decoded(payload), now, r);
            break;
          case 'DDATA':
          case 'NDATA':
            // The scanner leaves a compressed payload (its uuid and body) to the library's path, which inflates it.
            if (this.fast && Buffer.isBuffer(payload) && this.fastData(group, node, device, payload, now, r)) break;
            this.onSessionMessage(t.messageType, group, node, device, decoded(payload), now, r);
            break;
          default:
            this.onSessionMessage(t.messageType, group, node, device, decoded(payload), now, r);
        }
      } catch (e) {
        if (e instanceof Reject && e.rebirth) this.requestRebirth(group, node, e.rebirth, now, r);
        throw e;
      }
    } catch (e) {
      r.points = noPoints();
      if (e instanceof Reject) r.deadLetters.push({ topic, reason: e.reason, detail: e.detail, at: now });
      else if (e instanceof PayloadError) r.deadLetters.push({ topic, reason: e.reason, detail: e.message, at: now });
      else r.deadLetters.push({ topic, reason: 'internal_error', detail: e instanceof Error ? e.message : String(e), at: now });
    }
    return r;
  }

  /**
   * JSON-format devices have no DEATH: one silent for `timeoutMs` goes offline, as of its last message (when it
   * was last known to work). Its next message brings it online again. Call it now and then (the ingest: every 10 s).
   */
  sweep(now: number, timeoutMs: number): HostRead {
    const r: HostRead = { points: noPoints(), deadLetters: [], commands: [], events: [] };
    for (const [key, d] of this.jsonDevices) {
      if (now - d.lastSeen < timeoutMs) continue;
      this.jsonDevices.delete(key);
      r.events.push({ kind: 'offline', group: d.group, node: JSON_NODE, device: d.device, at: d.lastSeen, reason: 'silent' }); // ingest/writer.ts SILENT
    }
    return r;
  }

  /** Every edge node, device and JSON device seen since the host started. */
  devices(): EndpointStatus[] {
    const out: EndpointStatus[] = [];
    const status = (group: string, node: string, device: string | null, e: Endpoint, seqGaps: number) =>
      out.push({ group, node, device, online: e.online, lastSeen: e.lastSeen, since: e.since, seqGaps });
    for (const n of this.nodes.values()) {
      status(n.group, n.node, null, n, n.seqGaps);
      for (const [id, d] of n.devices) status(n.group, n.node, id, d, 0);
    }
    for (const d of this.jsonDevices.values()) status(d.group, JSON_NODE, d.device, d, 0);
    return out;
  }

  /**
   * The host application's STATE message (v3.0): publish it retained with QoS 1 as the MQTT will with
   * online = false, and right after connecting with online = true. The spec wants the birth's timestamp equal to
   * the will's, so pass the same `now` (the connect time) to both.
   */
  stateMessage(hostId: string, online: boolean, now: number): StateMessage {
    return { topic: stateTopic(hostId), payload: JSON.stringify({ online, timestamp: now }), qos: 1, retain: true };
  }

  private onJson(group: string, device: string, payload: Uint8Array, now: number, r: HostRead): void {
    const msg = parseJsonPayload(payload);
    const key = `${group}/${device}`;
    let d = this.jsonDevices.get(key);
    if (!d) {
      d = { group, device, online: true, lastSeen: now, since: now, table: null };
      this.jsonDevices.set(key, d);
      r.events.push({ kind: 'online', group, node: JSON_NODE, device, at: now, reason: 'first_message' });
    }
    d.lastSeen = now;
    const ts = msg.ts ?? now;
    const c = origin(r.points, group, JSON_NODE, device);
    for (const m of msg.metrics) push(c, m.name, ts, m.value, m.type);
    if (!msg.metrics.length) r.heartbeat = ts;
  }

  private onNodeBirth(group: string, node: string, p: RawPayload, now: number, r: HostRead): void {
    const table = birthTable(p.metrics, 'NBIRTH');
    const metrics = selfDescribing(p.metrics, 'NBIRTH');
    const bdSeq = bdSeqOf(metrics);
    const key = `${group}/${node}`;
    const prev = this.nodes.get(key);
    const devices = prev?.devices ?? new Map<string, Endpoint>();
    // At the NBIRTH's own time (never later than it arrived): data replayed or caught up after a rebirth is stamped
    // with the edge's clock, and an offline interval opened at the arrival would hide every state change before it.
    const at = Math.min(typeof p.timestamp === 'number' && Number.isFinite(p.timestamp) ? p.timestamp : now, now);
    for (const [id, d] of devices) takeOffline(d, { kind: 'offline', group, node, device: id, at, reason: 'node_birth' }, r);
    this.nodes.set(key, {
      group,
      node,
      bdSeq,
      table,
      devices,
      online: true,
      lastSeen: now,
      since: now,
      seq: p.seq ?? 0, // spec: NBIRTH seq is 0; any other value still starts the sequence
      seqGaps: prev?.seqGaps ?? 0,
    });
    r.events.push({ kind: 'online', group, node, device: null, at: now, reason: 'nbirth' });
    this.pushPoints(r, group, node, null, metrics, p.timestamp, now);
  }

  private onNodeDeath(group: string, node: string, p: RawPayload, now: number, r: HostRead): void {
    const bdSeq = bdSeqOf(selfDescribing(p.metrics, 'NDEATH'));
    const n = this.nodes.get(`${group}/${node}`);
    if (!n || !n.online) return; // nothing to take offline
    if (n.bdSeq !== null && bdSeq !== null && bdSeq !== n.bdSeq) return; // the will of an earlier session
    n.online = false;
    n.since = now;
    n.table = null;
    r.events.push({ kind: 'offline', group, node, device: null, at: now, reason: 'ndeath' });
    for (const [id, d] of n.devices) takeOffline(d, { kind: 'offline', group, node, device: id, at: now, reason: 'node_death' }, r);
  }

  /** NDATA, DBIRTH, DDATA, DDEATH: messages inside a node's BIRTH session, carrying its seq. */
  private onSessionMessage(type: 'NDATA' | 'DBIRTH' | 'DDATA' | 'DDEATH', group: string, node: string, device: string | null, p: RawPayload, now: number, r: HostRead): void {
    const n = this.nodes.get(`${group}/${node}`);
    if (!n || !n.online || !n.table) throw new Reject('no_birth', `${type} from edge node ${node} without its NBIRTH`, 'no_birth');
    this.checkSeq(n, p.seq, now, r);
    n.lastSeen = now;
    if (type === 'NDATA') {
      this.pushPoints(r, group, node, null, resolve(p.metrics, n.table, 'NBIRTH'), p.timestamp, now);
      return;
    }
    const id = device ?? '';
    const d = n.devices.get(id);
    if (type === 'DBIRTH') {
      const table = birthTable(p.metrics, 'DBIRTH');
      const metrics = selfDescribing(p.metrics, 'DBIRTH');
      n.devices.set(id, { online: true, lastSeen: now, since: now, table });
      r.events.push({ kind: 'online', group, node, device: id, at: now, reason: 'dbirth' });
      this.pushPoints(r, group, node, id, metrics, p.timestamp, now);
      return;
    }
    if (type === 'DDEATH') {
      if (!d || !d.online) return;
      Object.assign(d, { online: false, lastSeen: now, since: now, table: null });
      r.events.push({ kind: 'offline', group, node, device: id, at: now, reason: 'ddeath' });
      return;
    }
    if (!d || !d.online || !d.table) throw new Reject('no_birth', `DDATA from device ${id} without its DBIRTH`, 'no_birth');
    const metrics = resolve(p.metrics, d.table, 'DBIRTH');
    d.lastSeen = now;
    this.pushPoints(r, group, node, id, metrics, p.timestamp, now);
  }

  private checkSeq(n: NodeState, seq: number | undefined, now: number, r: HostRead): void {
    if (!this.checkSequence) return;
    if (seq === (n.seq + 1) % 256) {
      n.seq = seq;
      return;
    }
    n.seqGaps++;
    if (seq !== undefined && seq <= 255) n.seq = seq; // resynchronise, so the next in-order message is no gap
    this.requestRebirth(n.group, n.node, 'seq_gap', now, r);
  }

  private requestRebirth(group: string, node: string, cause: RebirthCause, now: number, r: HostRead): void {
    const key = `${group}/${node}`;
    const last = this.lastRebirth.get(key);
    // A clock that stepped back (now < last) must not silence requests until it catches up.
    if (last !== undefined && now >= last && now - last < this.rebirthIntervalMs) return;
    if (r.commands.some((c) => c.group === group && c.node === node)) return;
    this.lastRebirth.set(key, now);
    if (this.lastRebirth.size > 10_000) {
      // Bounded even under a flood of made-up node ids: forget requests that no longer throttle anything.
      for (const [k, at] of this.lastRebirth) if (now - at >= this.rebirthIntervalMs) this.lastRebirth.delete(k);
    }
    const payload = encodePayload({ timestamp: now, metrics: [{ name: REBIRTH_METRIC, type: 'Boolean', value: true, timestamp: now }] });
    r.commands.push({ kind: 'rebirth', group, node, topic: nodeCommandTopic(group, node), payload, qos: 0, retain: false, cause });
  }

  private pushPoints(r: HostRead, group: string, node: string, device: string | null, metrics: Array<[string, DecodedMetric]>, payloadTs: number | undefined, now: number): void {
    const c = origin(r.points, group, node, device);
    for (const [name, m] of metrics) {
      if (m.unsupported || m.isTransient || isControlMetric(name)) continue;
      push(c, name, m.timestamp ?? payloadTs ?? now, m.value, m.type);
    }
  }

  /**
   * DDATA / NDATA read by the fast scanner and resolved against the BIRTH table straight into the point columns.
   * Decides nothing and changes nothing until the whole message has been read and resolved: whatever it cannot
   * take as it stands (no BIRTH, an unknown alias, a type differing from the BIRTH, anything the scanner leaves
   * to the library) returns false, and `onSessionMessage` reads the message again the library's way — which
   * then makes the same decisions (dead letter, rebirth request, seq) as for any message.
   */
  private fastData(group: string, node: string, device: string | null, payload: Buffer, now: number, r: HostRead): boolean {
    const n = this.nodes.get(`${group}/${node}`);
    if (!n || !n.online || !n.table) return false;
    const d = device === null ? null : n.devices.get(device);
    const table = device === null ? n.table : d?.online ? d.table : null;
    if (!table) return false;
    const s = scanned;
    if (!scanPayload(payload, s)) return false;
    const c = origin(r.points, group, node, device);
    for (let i = 0; i < s.count; i++) {
      const alias = s.alias[i];
      const def = alias !== -1 ? table.byAlias.get(alias) : table.byName.get(s.name[i] ?? '');
      if (alias !== -1 && !def) return this.fastGiveUp(r);
      const own = s.datatype[i];
      const datatype = own !== -1 ? own : def?.datatype;
      if (datatype === undefined || (def && own !== -1 && own !== def.datatype)) return this.fastGiveUp(r);
      const value = scannedValue(s, i, datatype);
      if (value === undefined) return this.fastGiveUp(r);
      const name = def?.name ?? s.name[i] ?? '';
      if (s.isTransient[i] || isControlMetric(name)) continue;
      const ts = s.ts[i];
      push(c, name, ts !== -1 ? ts : s.timestamp !== -1 ? s.timestamp : now, value, DATATYPES[datatype]);
    }
    this.checkSeq(n, s.seq === -1 ? undefined : s.seq, now, r);
    n.lastSeen = now;
    if (d) d.lastSeen = now;
    return true;
  }

  private fastGiveUp(r: HostRead): false {
    r.points = noPoints();
    return false;
  }
}

/** The scanner's columns, reused from message to message (the host handles one message at a time). */
const scanned = new ScannedPayload();

const noPoints = (): PointColumns => ({ group: '', node: '', device: null, length: 0, metric: [], ts: [], value: [], type: [] });

/** The columns, for points of this origin (a message's points all share it). */
function origin(c: PointColumns, group: string, node: string, device: string | null): PointColumns {
  c.group = group;
  c.node = node;
  c.device = device;
  return c;
}

function push(c: PointColumns, metric: string, ts: number, value: Point['value'], type: string): void {
  c.metric.push(metric);
  c.ts.push(ts);
  c.value.push(value);
  c.type.push(type);
  c.length++;
}

/** The columns as one `Point` each. */
export function pointsOf(c: PointColumns): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < c.length; i++) out.push({ group: c.group, node: c.node, device: c.device, metric: c.metric[i], ts: c.ts[i], value: c.value[i], type: c.type[i] });
  return out;
}

/** Ends a device's BIRTH session; the event only when it was online. */
function takeOffline(d: Endpoint, event: DeviceEvent, r: { events: DeviceEvent[] }): void {
  if (d.online) {
    r.events.push(event);
    d.since = event.at;
  }
  d.online = false;
  d.table = null;
}

/** The bdSeq metric's value (spec: Int64/UInt64 0–255); null when the payload has none. */
function bdSeqOf(metrics: Array<[string, DecodedMetric]>): number | null {
  const m = metrics.find(([name]) => name === 'bdSeq')?.[1];
  if (!m || m.isNull) return null;
  if (typeof m.value !== 'number' || !Number.isInteger(m.value)) throw new Reject('bad_metric', `bdSeq must be an integer, got ${m.type}`);
  return m.value;
}
