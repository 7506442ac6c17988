/**
 * Sparkplug B v3.0 on the wire, as an edge node writes it: topics, the birth and death certificates, and a fast
 * encoder for DATA messages. Births are rare and go through Eclipse Tahu's sparkplug-payload; DATA messages are
 * written directly into a buffer (byte for byte what sparkplug-payload would write, see sparkplug.unit.test.ts)
 * because a load test sends tens of thousands a second.
 */
import { get } from 'sparkplug-payload';
import type { UMetric, UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';
import type { MetricType, MetricValue } from '@gearbridge/plant';

const codec = get('spBv1.0');
if (!codec) throw new Error('sparkplug-payload does not know the spBv1.0 namespace');

export const encodePayload: (payload: UPayload) => Uint8Array = codec.encodePayload;
export const decodePayload: (bytes: Uint8Array) => UPayload = codec.decodePayload;
export type { UMetric, UPayload };

export const NAMESPACE = 'spBv1.0';
export const REBIRTH_METRIC = 'Node Control/Rebirth';
export const BDSEQ_METRIC = 'bdSeq';

export type Verb = 'NBIRTH' | 'NDEATH' | 'DBIRTH' | 'DDEATH' | 'NDATA' | 'DDATA' | 'NCMD' | 'DCMD';

export function topic(group: string, verb: Verb, node: string, device?: string): string {
  return device === undefined ? `${NAMESPACE}/${group}/${verb}/${node}` : `${NAMESPACE}/${group}/${verb}/${node}/${device}`;
}

/** Topic of a host application's STATE message (Sparkplug 3.0: spBv1.0/STATE/<host id>). */
export function stateTopic(hostId: string): string {
  return `${NAMESPACE}/STATE/${hostId}`;
}

export interface ParsedTopic {
  group: string;
  verb: Verb;
  node: string;
  device?: string;
}

const VERBS = new Set<string>(['NBIRTH', 'NDEATH', 'DBIRTH', 'DDEATH', 'NDATA', 'DDATA', 'NCMD', 'DCMD']);

export function parseTopic(text: string): ParsedTopic | null {
  const parts = text.split('/');
  if (parts[0] !== NAMESPACE || (parts.length !== 4 && parts.length !== 5) || !VERBS.has(parts[2])) return null;
  const parsed: ParsedTopic = { group: parts[1], verb: parts[2] as Verb, node: parts[3] };
  if (parts.length === 5) parsed.device = parts[4];
  return parsed;
}

/** Sparkplug datatype codes (spec §6.4.16) of the types the plant uses. */
export const DATATYPE: Record<MetricType, number> = { Int32: 3, Int64: 4, Double: 10, Boolean: 11, String: 12 };

/** A metric as its birth certificate declares it: name, alias unique within the edge node, type. */
export interface AliasedMetric {
  name: string;
  alias: number;
  type: MetricType;
  unit?: string;
}

/** NBIRTH: seq 0, the session's bdSeq and the Rebirth control metric (which must have no alias). */
export function encodeNodeBirth(bdSeq: number, timestamp: number): Uint8Array {
  return encodePayload({
    timestamp,
    seq: 0,
    metrics: [
      { name: BDSEQ_METRIC, type: 'Int64', value: bdSeq, timestamp },
      { name: REBIRTH_METRIC, type: 'Boolean', value: false, timestamp },
    ],
  });
}

/** NDEATH: only the bdSeq of the session it ends, no seq. The will copy has no timestamp: it is written at CONNECT. */
export function encodeNodeDeath(bdSeq: number, timestamp?: number): Uint8Array {
  const payload: UPayload = { metrics: [{ name: BDSEQ_METRIC, type: 'Int64', value: bdSeq }] };
  if (timestamp !== undefined) payload.timestamp = timestamp;
  return encodePayload(payload);
}

/** DBIRTH: every metric with name, alias, type, timestamp, current value, and its engineering unit as a property. */
export function encodeDeviceBirth(timestamp: number, seq: number, metrics: readonly AliasedMetric[], values: readonly MetricValue[]): Uint8Array {
  return encodePayload({
    timestamp,
    seq,
    metrics: metrics.map((m, i): UMetric => {
      const metric: UMetric = { name: m.name, alias: m.alias, type: m.type, value: values[i], timestamp };
      if (m.unit) metric.properties = { engUnit: { type: 'String', value: m.unit } };
      return metric;
    }),
  });
}

let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * DATA payload (NDATA or DDATA) by alias only: the metrics at `indexes` (all when omitted), each with the payload's
 * timestamp. The datatype is written although the spec says it SHOULD NOT be: sparkplug-payload, the reference
 * decoder most hosts use, reads a metric's value through its datatype and returns null without it.
 */
export function encodeData(timestamp: number, seq: number, metrics: readonly AliasedMetric[], values: readonly MetricValue[], indexes?: readonly number[]): Buffer {
  const count = indexes ? indexes.length : metrics.length;
  let worst = 32 + count * 48;
  for (let k = 0; k < count; k++) {
    const v = values[indexes ? indexes[k] : k];
    if (typeof v === 'string') worst += 8 + Buffer.byteLength(v);
  }
  if (scratch.length < worst) scratch = Buffer.allocUnsafe(worst * 2);
  const b = scratch;
  let p = 0;
  b[p++] = 0x08; // 1: timestamp
  p = varint(b, p, timestamp);
  for (let k = 0; k < count; k++) {
    const i = indexes ? indexes[k] : k;
    const m = metrics[i];
    const v = values[i];
    b[p++] = 0x12; // 2: metrics, length-delimited; one byte of length reserved (moved below for a long String)
    const lengthAt = p++;
    b[p++] = 0x10; // alias
    p = varint(b, p, m.alias);
    b[p++] = 0x18; // timestamp
    p = varint(b, p, timestamp);
    b[p++] = 0x20; // datatype
    p = varint(b, p, DATATYPE[m.type]);
    if (v === null) {
      b[p++] = 0x38; // 7: is_null
      b[p++] = 1;
    } else {
      switch (m.type) {
        case 'Double':
          b[p++] = 0x69; // double_value, fixed64
          b.writeDoubleLE(v as number, p);
          p += 8;
          break;
        case 'Boolean':
          b[p++] = 0x70;
          b[p++] = v ? 1 : 0;
          break;
        case 'Int32':
          b[p++] = 0x50; // int_value (uint32 on the wire)
          p = varint(b, p, (v as number) >>> 0);
          break;
        case 'Int64':
          if ((v as number) < 0) throw new RangeError(`negative Int64 ${m.name} is not supported by the fast encoder`);
          b[p++] = 0x58; // long_value
          p = varint(b, p, v as number);
          break;
        case 'String': {
          b[p++] = 0x7a; // 15: string_value, length-delimited UTF-8
          const text = String(v);
          const n = Buffer.byteLength(text);
          p = varint(b, p, n);
          p += b.write(text, p, 'utf8');
          break;
        }
      }
    }
    const length = p - lengthAt - 1;
    if (length < 0x80) b[lengthAt] = length;
    else {
      // A body of 128 bytes or more takes a longer length varint: move the body up to make room.
      const extra = varintLength(length) - 1;
      b.copyWithin(lengthAt + 1 + extra, lengthAt + 1, p);
      varint(b, lengthAt, length);
      p += extra;
    }
  }
  b[p++] = 0x18; // 3: seq
  p = varint(b, p, seq);
  const out = Buffer.allocUnsafe(p);
  b.copy(out, 0, 0, p);
  return out;
}

function varintLength(value: number): number {
  let n = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) n++;
  return n;
}

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);
const tsBytes = Buffer.allocUnsafe(10);

/**
 * `encodeData` of all of one device's metrics, by a template: the bytes that do not change from message to message
 * (tags, lengths, aliases, datatypes) are laid out once, and a message copies them and writes in its timestamp
 * (once per metric, as encodeData does), its values and its seq — byte for byte what encodeData writes
 * (sparkplug.unit.test.ts), in a third or less of its CPU (bench/ingest/micro.ts: 0.38 µs a 20-Double message against 1.0–2.2). Double and Boolean
 * metrics (fixed-size values); other types, and a timestamp whose varint is longer or shorter than the template's,
 * go through encodeData.
 */
export class DataTemplate {
  private readonly fits: boolean;
  private bytes: Buffer | null = null;
  private tsLength = 0;
  private tsAt = new Int32Array(0);
  private valueAt = new Int32Array(0);

  constructor(private readonly metrics: readonly AliasedMetric[]) {
    this.fits = metrics.every((m) => m.type === 'Double' || m.type === 'Boolean');
  }

  encode(timestamp: number, seq: number, values: readonly MetricValue[]): Buffer {
    const n = varint(tsBytes, 0, timestamp);
    if (!this.fits) return encodeData(timestamp, seq, this.metrics, values);
    if (n !== this.tsLength || !this.bytes) this.layOut(timestamp, n);
    const t = this.bytes!;
    const out = Buffer.allocUnsafe(t.length + 3);
    t.copy(out, 0);
    const { tsAt, valueAt, metrics } = this;
    for (let k = 0; k < tsAt.length; k++) for (let i = 0, o = tsAt[k]; i < n; i++) out[o + i] = tsBytes[i];
    for (let k = 0; k < metrics.length; k++) {
      const o = valueAt[k];
      const v = values[k];
      if (metrics[k].type === 'Boolean') out[o] = v ? 1 : 0;
      else {
        f64[0] = v as number;
        for (let i = 0; i < 8; i++) out[o + i] = f64Bytes[i];
      }
    }
    let p = t.length;
    out[p++] = 0x18; // 3: seq
    p = varint(out, p, seq);
    return out.subarray(0, p);
  }

  /** The template for timestamps whose varint takes `n` bytes: encodeData's output with the slots noted. */
  private layOut(timestamp: number, n: number): void {
    const zeros = this.metrics.map(() => 0);
    const sample = encodeData(timestamp, 0, this.metrics, zeros);
    const tsAt = [1];
    const valueAt: number[] = [];
    let p = 1 + n;
    for (const m of this.metrics) {
      const end = p + 2 + sample[p + 1];
      p += 2; // 0x12, length
      p += 1; // 0x10 alias
      while (sample[p] & 0x80) p++;
      p += 1;
      tsAt.push(p + 1); // 0x18 then the timestamp
      p += 1 + n + 2; // timestamp, 0x20 datatype
      valueAt.push(p + 1); // 0x69 / 0x70 then the value
      if (m.type === 'Boolean') p += 2;
      else p += 9;
      if (p !== end) throw new Error('DataTemplate: unexpected layout');
    }
    this.bytes = Buffer.from(sample.subarray(0, p));
    this.tsLength = n;
    this.tsAt = Int32Array.from(tsAt);
    this.valueAt = Int32Array.from(valueAt);
  }
}

/** Protobuf base-128 varint of a non-negative integer up to 2^53 (division, not bit operators, above 2^31). */
function varint(b: Buffer, p: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    b[p++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  b[p++] = v;
  return p;
}

/** A decoded uint64 (sparkplug-payload gives Long objects) as a JS number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toNumber' in value && typeof value.toNumber === 'function') {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number.NaN;
}
