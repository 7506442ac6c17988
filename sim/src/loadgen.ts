/**
 * The benchmark's load generator: real Sparkplug edge nodes (births, seq, NDEATH) whose devices send DDATA of N
 * Double metrics as fast as a target rate and an in-flight limit allow, at QoS 1.
 *
 * Every acknowledged DDATA is logged with its node, device, seq, per-device message number, payload timestamp,
 * metric count, publish time and PUBACK time, so a benchmark can check that exactly the acknowledged points reached
 * the database and measure publish → committed latency. The key of a message is (device, timestamp): the payload
 * timestamp (also every metric's timestamp) is strictly increasing per device, and metric m01 carries msgNo.
 */
import { EdgeNode, type Qos } from './edge-node';
import { PLANT_DEVICES, type MetricDef, type MetricValue } from '@gearbridge/plant';
import { DataTemplate } from './sparkplug';

export interface LoadOptions {
  url: string;
  /** Sparkplug group; default gearbridge-bench. */
  group?: string;
  /** Number of devices: the plant's first N (their lines are the edge nodes); beyond 180, extra devices on line nodes. */
  devices?: number;
  /** Double metrics per DDATA; default 20. */
  metrics?: number;
  /** Target points per second over all devices; default unlimited (bounded by `inflight`). */
  rate?: number;
  /** Publishing time in seconds; default 10. */
  durationS?: number;
  /** Stop after this many DDATA messages (whichever comes first with durationS). */
  messages?: number;
  /** Most DDATA messages waiting for their PUBACK at any time, over all connections; default 1000. */
  inflight?: number;
  /** Births at QoS 1 by default here, so a benchmark cannot lose a DBIRTH (and with it every alias) unnoticed. */
  birthQos?: Qos;
  protocolVersion?: 4 | 5;
  clientIdPrefix?: string;
  username?: string;
  password?: string;
  /** Keep the per-message log (default true); onAck sees every acknowledged message either way. */
  record?: boolean;
  onAck?: (ack: AckRecord) => void;
  signal?: AbortSignal;
  /** How long to wait for every node's births, and for the last PUBACKs at the end; default 10 s each. */
  connectTimeoutMs?: number;
  drainTimeoutMs?: number;
}

export interface AckRecord {
  node: string;
  device: string;
  deviceIndex: number;
  seq: number;
  /** 1, 2, 3 … per device: also the value of metric m01. */
  msgNo: number;
  /** Payload and metric timestamp, ms since the epoch, strictly increasing per device. */
  timestamp: number;
  points: number;
  /** Wall clock (ms since the epoch, sub-millisecond) when published and when the PUBACK arrived. */
  publishedAt: number;
  ackedAt: number;
}

export interface LoadResult {
  published: number;
  acknowledged: number;
  acknowledgedPoints: number;
  failed: number;
  /** From the first DDATA to the last PUBACK. */
  durationMs: number;
  acknowledgedPointsPerS: number;
  /** DBIRTH values are points too (msgNo 0, all zeros, the birth's timestamp); counted apart from DDATA. */
  births: number;
  acknowledgedBirthPoints: number;
  /** Highest number of DDATA in flight observed (≤ inflight). */
  maxInflight: number;
  devices: ReadonlyArray<{ node: string; device: string }>;
  log: AckLog;
}

/** Column store of acknowledged messages: a million entries take ~40 MB, not a million objects. */
export class AckLog {
  length = 0;
  deviceIndex = new Uint32Array(1024);
  seq = new Uint8Array(1024);
  msgNo = new Uint32Array(1024);
  timestamp = new Float64Array(1024);
  points = new Uint16Array(1024);
  publishedAt = new Float64Array(1024);
  ackedAt = new Float64Array(1024);

  constructor(readonly devices: ReadonlyArray<{ node: string; device: string }>) {}

  push(deviceIndex: number, seq: number, msgNo: number, timestamp: number, points: number, publishedAt: number, ackedAt: number): void {
    if (this.length === this.seq.length) this.grow();
    const i = this.length++;
    this.deviceIndex[i] = deviceIndex;
    this.seq[i] = seq;
    this.msgNo[i] = msgNo;
    this.timestamp[i] = timestamp;
    this.points[i] = points;
    this.publishedAt[i] = publishedAt;
    this.ackedAt[i] = ackedAt;
  }

  get(i: number): AckRecord {
    const d = this.devices[this.deviceIndex[i]];
    return {
      node: d.node,
      device: d.device,
      deviceIndex: this.deviceIndex[i],
      seq: this.seq[i],
      msgNo: this.msgNo[i],
      timestamp: this.timestamp[i],
      points: this.points[i],
      publishedAt: this.publishedAt[i],
      ackedAt: this.ackedAt[i],
    };
  }

  *[Symbol.iterator](): IterableIterator<AckRecord> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  private grow(): void {
    const n = this.seq.length * 2;
    const grow = <T extends Uint32Array | Uint8Array | Uint16Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.deviceIndex = grow(this.deviceIndex, (k) => new Uint32Array(k));
    this.seq = grow(this.seq, (k) => new Uint8Array(k));
    this.msgNo = grow(this.msgNo, (k) => new Uint32Array(k));
    this.timestamp = grow(this.timestamp, (k) => new Float64Array(k));
    this.points = grow(this.points, (k) => new Uint16Array(k));
    this.publishedAt = grow(this.publishedAt, (k) => new Float64Array(k));
    this.ackedAt = grow(this.ackedAt, (k) => new Float64Array(k));
  }
}

/** Devices of a load run: the plant's, then more on the same line nodes if asked for more than 180. */
export function loadDevices(count: number): Array<{ node: string; device: string }> {
  return Array.from({ length: count }, (_, i) => {
    const p = PLANT_DEVICES[i % PLANT_DEVICES.length];
    const round = Math.floor(i / PLANT_DEVICES.length);
    return { node: p.line.node, device: round === 0 ? p.device.code : `${p.device.code}-${round}` };
  });
}

const wallNow = () => performance.timeOrigin + performance.now();
/** Least time between two publishing passes while the rate holds publishing back. */
const PUMP_MS = 4;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const deviceCount = options.devices ?? 180;
  const metricCount = options.metrics ?? 20;
  const inflight = options.inflight ?? 1000;
  const durationS = options.durationS ?? 10;
  const maxMessages = options.messages ?? Infinity;
  const msgRate = (options.rate ?? Infinity) / metricCount;
  if (!Number.isInteger(deviceCount) || deviceCount < 1) throw new RangeError(`devices must be a positive integer, got ${deviceCount}`);
  if (!Number.isInteger(metricCount) || metricCount < 1 || metricCount > 1000) throw new RangeError(`metrics must be an integer from 1 to 1000, got ${metricCount}`);
  if (!Number.isInteger(inflight) || inflight < 1 || inflight > 65_000) throw new RangeError(`inflight must be an integer from 1 to 65000, got ${inflight}`);
  if (!(msgRate > 0)) throw new RangeError(`rate must be positive, got ${options.rate}`);
  if (!(durationS > 0)) throw new RangeError(`durationS must be positive, got ${durationS}`);

  const group = options.group ?? 'gearbridge-bench';
  const defs: MetricDef[] = Array.from({ length: metricCount }, (_, j) => ({ name: `m${String(j + 1).padStart(2, '0')}`, type: 'Double' }));
  const devices = loadDevices(deviceCount);
  const nodeNames = [...new Set(devices.map((d) => d.node))];
  const members = nodeNames.map((n) => devices.flatMap((d, i) => (d.node === n ? [i] : [])));
  // Per device: its node, its index within the node, message counter, last timestamp, current values.
  const nodeOf = new Uint16Array(deviceCount);
  const localIndex = new Uint32Array(deviceCount);
  for (const [n, list] of members.entries()) {
    for (const [k, d] of list.entries()) {
      nodeOf[d] = n;
      localIndex[d] = k;
    }
  }
  const msgNo = new Uint32Array(deviceCount);
  const lastTs = new Float64Array(deviceCount);
  const values: MetricValue[][] = devices.map(() => defs.map(() => 0));

  const nodes = nodeNames.map(
    (node, n) =>
      new EdgeNode({
        url: options.url,
        group,
        node,
        devices: members[n].map((d) => ({ id: devices[d].device, metrics: defs })),
        read: (k) => values[members[n][k]],
        clientId: `${options.clientIdPrefix ?? `gearbridge-load-${group}`}-${node}`,
        dataQos: 1,
        birthQos: options.birthQos ?? 1,
        protocolVersion: options.protocolVersion,
        maxInflight: inflight,
        username: options.username,
        password: options.password,
      }),
  );
  const aliased = devices.map((_, d) => nodes[nodeOf[d]].metrics[localIndex[d]]);
  const templates = aliased.map((metrics) => new DataTemplate(metrics));
  const log = new AckLog(devices);
  const record = options.record ?? true;
  let published = 0;
  let acknowledged = 0;
  let acknowledgedPoints = 0;
  let failed = 0;
  let outstanding = 0;
  let maxOutstanding = 0;
  let lastAckAt = 0;
  let cursor = 0;
  let pumpScheduled = false;
  let waitTimer: NodeJS.Timeout | null = null;
  let finished = false;
  let finish: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (finish = resolve));

  try {
    for (const n of nodes) n.start();
    await Promise.all(nodes.map((n) => n.waitOnline(options.connectTimeoutMs ?? 10_000)));
    const t0 = performance.now();
    const endAt = t0 + durationS * 1000;
    const startedAt = wallNow();

    const complete = () => {
      if (finished) return;
      finished = true;
      if (waitTimer) clearTimeout(waitTimer);
      finish();
    };
    const stopPublishing = () => published >= maxMessages || performance.now() >= endAt || options.signal?.aborted === true;

    const publishOne = (d: number): boolean => {
      const node = nodes[nodeOf[d]];
      const no = msgNo[d] + 1;
      const v = values[d];
      v[0] = no;
      for (let j = 1; j < metricCount; j++) v[j] = ((no * 31 + j * 17) % 1000) / 10;
      const ts = Math.max(Date.now(), lastTs[d] + 1);
      const publishedAt = wallNow();
      const ok = node.sendData(
        localIndex[d],
        (seq) => templates[d].encode(ts, seq, v),
        metricCount,
        (acked, seq) => {
          outstanding--;
          if (acked) {
            acknowledged++;
            acknowledgedPoints += metricCount;
            lastAckAt = wallNow();
            if (record) log.push(d, seq, no, ts, metricCount, publishedAt, lastAckAt);
            options.onAck?.({
              node: devices[d].node,
              device: devices[d].device,
              deviceIndex: d,
              seq,
              msgNo: no,
              timestamp: ts,
              points: metricCount,
              publishedAt,
              ackedAt: lastAckAt,
            });
          } else {
            failed++;
          }
          // Pump again when the in-flight limit was what held publishing back, or to finish. Not after every
          // PUBACK otherwise: the rate timer publishes what is due in one pass, and mqtt.js then writes those
          // messages to the socket in one call — a pump per PUBACK made one system call per message, the
          // generator's largest cost (bench/ingest, profiled).
          if (outstanding === inflight - 1 || stopPublishing()) schedulePump();
        },
      );
      if (!ok) return false;
      msgNo[d] = no;
      lastTs[d] = ts;
      published++;
      outstanding++;
      if (outstanding > maxOutstanding) maxOutstanding = outstanding;
      return true;
    };

    const pump = () => {
      pumpScheduled = false;
      if (finished) return;
      if (stopPublishing()) {
        if (outstanding === 0) complete();
        return;
      }
      const allowed = Number.isFinite(msgRate) ? Math.floor(((performance.now() - t0) / 1000) * msgRate) + 1 : Infinity;
      let refusedInARow = 0;
      while (outstanding < inflight && published < allowed && published < maxMessages) {
        const d = cursor;
        cursor = (cursor + 1) % deviceCount;
        if (publishOne(d)) {
          refusedInARow = 0;
        } else if (++refusedInARow >= deviceCount) {
          break; // every node offline (broker restart): look again shortly
        }
      }
      if (waitTimer) clearTimeout(waitTimer);
      waitTimer = null;
      if (refusedInARow >= deviceCount) {
        waitTimer = setTimeout(pump, 20);
      } else if (published >= allowed) {
        // What is due is published in passes at least PUMP_MS apart: each pass writes every node's messages to its
        // socket in one system call, so fewer, fuller passes cost the generator less CPU a message (load-cpu.ts).
        const nextAt = t0 + ((published + 1) / msgRate) * 1000;
        waitTimer = setTimeout(pump, Math.max(PUMP_MS, Math.min(nextAt, endAt) - performance.now()));
      } else if (outstanding === 0) {
        waitTimer = setTimeout(pump, 1);
      }
      // else: in-flight limit reached; the next PUBACK pumps again
    };
    function schedulePump() {
      if (pumpScheduled || finished) return;
      pumpScheduled = true;
      setImmediate(pump);
    }
    const endTimer = setTimeout(schedulePump, durationS * 1000 + 1);
    const abort = () => schedulePump();
    options.signal?.addEventListener('abort', abort, { once: true });
    pump();
    const drainTimeout = new Promise<void>((resolve) => {
      // whatever is still unacknowledged this long after the end counts as not acknowledged
      const check = setInterval(() => {
        if (finished || performance.now() > endAt + (options.drainTimeoutMs ?? 10_000)) {
          clearInterval(check);
          resolve();
        }
      }, 50);
    });
    await Promise.race([allDone, drainTimeout]);
    complete();
    clearTimeout(endTimer);
    options.signal?.removeEventListener('abort', abort);
    const durationMs = Math.max(0, (lastAckAt || wallNow()) - startedAt);
    await Promise.all(nodes.map((n) => n.stop()));
    return {
      published,
      acknowledged,
      acknowledgedPoints,
      failed: failed + outstanding,
      durationMs,
      acknowledgedPointsPerS: durationMs > 0 ? (acknowledgedPoints * 1000) / durationMs : 0,
      births: nodes.reduce((s, n) => s + n.stats.births, 0),
      acknowledgedBirthPoints: nodes.reduce((s, n) => s + n.stats.acknowledgedBirthPoints, 0),
      maxInflight: maxOutstanding,
      devices,
      log,
    };
  } finally {
    if (waitTimer) clearTimeout(waitTimer);
    await Promise.all(nodes.map((n) => n.stop(1_000)));
  }
}
