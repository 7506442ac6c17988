/**
 * Sparkplug B payload decoding and encoding. Pure: bytes in, values out. (The platform's JSON device format is
 * ../json/json-format.ts.)
 *
 * Decoding reads the protobuf with the generated classes that ship inside sparkplug-payload rather than with its
 * `decodePayload`, because that one (1.0.3) cannot read a DATA metric that leaves its datatype to the BIRTH, reads
 * a missing Int32 value as 0 and an Int8 -23 sent as 0xE9 as 233, and throws the same TypeError for a malformed
 * DataSet as for a broken protobuf, so a dead letter could not say which it was. Encoding uses the package's
 * `encodePayload` as it is.
 *
 * Integers: Sparkplug carries Int8/16/32 and UInt8/16/32 in a uint32 field and the 64-bit types in a uint64 field.
 * Encoders disagree on how a negative Int8 looks in the uint32 field (0xE9 or 0xFFFFFFE9 for -23), so both are
 * accepted. 64-bit values come out of protobufjs as {low, high} pairs; a value that a JS number holds exactly
 * (|v| ≤ 2^53 − 1) becomes a number, a larger one becomes its exact decimal string (type still 'Int64' / 'UInt64'),
 * so a counter past 2^53 is never silently rounded. Timestamps, seq and aliases beyond 2^53 are rejected.
 */
import { isUtf8 } from 'node:buffer';
import sp from 'sparkplug-payload';
import wireRoot from 'sparkplug-payload/lib/sparkplugPayloadProto.js';
import type { org } from 'sparkplug-payload/lib/sparkplugPayloadProto.js';

// Generated classes keep defaults on the prototype ("" for name, 0 for datatype…): presence is an own property.
type WireMetric = org.eclipse.tahu.protobuf.Payload.IMetric;
type WireLong = { low: number; high: number };

const WirePayload = wireRoot.org.eclipse.tahu.protobuf.Payload;

export type PayloadErrorReason = 'bad_protobuf' | 'bad_metric' | 'wrong_type' | 'bad_json' | 'bad_compression';

export class PayloadError extends Error {
  constructor(
    readonly reason: PayloadErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'PayloadError';
  }
}

/** Sparkplug DataType enum (spec §6.4.16), index = wire code. */
export const DATATYPES = [
  'Unknown',
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'Float',
  'Double',
  'Boolean',
  'String',
  'DateTime',
  'Text',
  'UUID',
  'DataSet',
  'Bytes',
  'File',
  'Template',
  'PropertySet',
  'PropertySetList',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Int64Array',
  'UInt8Array',
  'UInt16Array',
  'UInt32Array',
  'UInt64Array',
  'FloatArray',
  'DoubleArray',
  'BooleanArray',
  'StringArray',
  'DateTimeArray',
] as const;
export type DataTypeName = (typeof DATATYPES)[number];

/** Valid as a metric's datatype: everything but Unknown and the two PropertyValue-only types. */
export function isMetricDatatype(code: number): boolean {
  return Number.isInteger(code) && code >= 1 && code < DATATYPES.length && code !== 20 && code !== 21;
}

export type MetricValue = number | boolean | string | null;

export interface DecodedMetric {
  name?: string;
  alias?: number;
  type: string;
  timestamp?: number;
  value: MetricValue;
  isNull: boolean;
  isHistorical: boolean;
  /** Spec: of interest now but not to be stored in a historian. */
  isTransient: boolean;
  /** DataSet, Bytes, File, Template and the array types: known to the alias table, value not decoded (null). */
  unsupported: boolean;
}

export interface DecodedPayload {
  timestamp?: number;
  seq?: number;
  metrics: DecodedMetric[];
}

/** A metric read from the wire whose value is not yet interpreted: DATA metrics may leave the datatype to BIRTH. */
export interface RawMetric {
  name?: string;
  alias?: number;
  timestamp?: number;
  datatype?: number;
  isNull: boolean;
  isHistorical: boolean;
  isTransient: boolean;
  wire: WireMetric;
}

export interface RawPayload {
  timestamp?: number;
  seq?: number;
  metrics: RawMetric[];
  /** Sparkplug leaves it to the application; "SPBV1.0_COMPRESSED" marks a compressed payload (compression.ts). */
  uuid?: string;
  /** Opaque bytes: a compressed payload's inner payload. */
  body?: Uint8Array;
}

const has = (o: object, key: string) => Object.hasOwn(o, key);
/** The largest time a JS Date holds, in ms since 1970: later timestamps are rejected. */
export const MAX_DATE_MS = 8.64e15;
const TWO_32 = 4294967296;

function unsignedLong(v: number | WireLong): number | string {
  if (typeof v === 'number') return v;
  const n = (v.high >>> 0) * TWO_32 + (v.low >>> 0);
  return Number.isSafeInteger(n) ? n : ((BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0)).toString();
}

function signedLong(v: number | WireLong): number | string {
  if (typeof v === 'number') return v;
  const n = (v.high | 0) * TWO_32 + (v.low >>> 0);
  return Number.isSafeInteger(n) ? n : BigInt.asIntN(64, (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0)).toString();
}

/** A uint64 field that must fit a JS number exactly (timestamps, seq, alias), or undefined when it does not. */
function safeUnsigned(v: number | WireLong): number | undefined {
  const n = unsignedLong(v);
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** Reads the protobuf and checks the envelope of every metric; values are interpreted by `interpretMetric`. */
export function decodeRawPayload(buf: Uint8Array): RawPayload {
  let wire: org.eclipse.tahu.protobuf.Payload;
  try {
    wire = WirePayload.decode(buf);
  } catch (e) {
    throw new PayloadError('bad_protobuf', `not a Sparkplug B payload: ${e instanceof Error ? e.message : String(e)}`);
  }
  const out: RawPayload = { metrics: [] };
  if (has(wire, 'timestamp')) {
    const ts = safeUnsigned(wire.timestamp);
    if (ts === undefined || ts > MAX_DATE_MS) throw new PayloadError('bad_protobuf', 'payload timestamp out of range');
    out.timestamp = ts;
  }
  if (has(wire, 'seq')) {
    const seq = safeUnsigned(wire.seq);
    if (seq === undefined) throw new PayloadError('bad_protobuf', 'seq out of range');
    out.seq = seq;
  }
  if (has(wire, 'uuid') && typeof wire.uuid === 'string') out.uuid = wire.uuid;
  if (has(wire, 'body') && wire.body) out.body = wire.body;
  wire.metrics.forEach((m, i) => {
    const raw: RawMetric = {
      isNull: m.isNull === true,
      isHistorical: m.isHistorical === true,
      isTransient: m.isTransient === true,
      wire: m,
    };
    if (has(m, 'name') && typeof m.name === 'string') raw.name = m.name;
    if (has(m, 'alias') && m.alias != null) {
      raw.alias = safeUnsigned(m.alias);
      if (raw.alias === undefined) throw new PayloadError('bad_metric', `metric #${i}: alias out of range`);
    }
    if (raw.name === undefined && raw.alias === undefined) throw new PayloadError('bad_metric', `metric #${i}: neither name nor alias`);
    if (has(m, 'timestamp') && m.timestamp != null) {
      raw.timestamp = safeUnsigned(m.timestamp);
      if (raw.timestamp === undefined || raw.timestamp > MAX_DATE_MS) {
        throw new PayloadError('bad_metric', `metric ${label(raw)}: timestamp out of range`);
      }
    }
    if (has(m, 'datatype') && m.datatype != null) {
      if (!isMetricDatatype(m.datatype)) throw new PayloadError('bad_metric', `metric ${label(raw)}: unknown datatype ${m.datatype}`);
      raw.datatype = m.datatype;
    }
    out.metrics.push(raw);
  });
  return out;
}

const VALUE_FIELDS = [
  'intValue',
  'longValue',
  'floatValue',
  'doubleValue',
  'booleanValue',
  'stringValue',
  'bytesValue',
  'datasetValue',
  'templateValue',
  'extensionValue',
] as const;
type ValueField = (typeof VALUE_FIELDS)[number];

/** Which member of the `value` oneof is set. */
function valueField(m: WireMetric): ValueField | 'several' | undefined {
  let found: ValueField | undefined;
  for (const f of VALUE_FIELDS) {
    if (has(m, f) && m[f] != null) {
      if (found) return 'several';
      found = f;
    }
  }
  return found;
}

function label(m: { name?: string; alias?: number }): string {
  return m.name !== undefined ? JSON.stringify(m.name) : `alias ${m.alias}`;
}

const INT_RANGE: Record<number, [bits: number, signed: boolean]> = {
  1: [8, true],
  2: [16, true],
  3: [32, true],
  5: [8, false],
  6: [16, false],
  7: [32, false],
};

/** An Int8…UInt32 from the uint32 field (or, as some encoders do, the uint64 field). */
function smallInt(m: WireMetric, field: string, bits: number, signed: boolean): number | undefined {
  let v: number;
  if (field === 'intValue' && m.intValue !== null && m.intValue !== undefined) v = m.intValue >>> 0;
  else if (field === 'longValue' && m.longValue !== null && m.longValue !== undefined) {
    const l = m.longValue;
    if (typeof l === 'number') v = l;
    else if (l.high === 0) v = l.low >>> 0;
    else if (signed && (l.high | 0) === -1 && (l.low | 0) < 0)
      v = l.low >>> 0; // a negative value sign-extended to 64 bits
    else return undefined;
  } else return undefined;
  if (!Number.isInteger(v)) return undefined;
  const span = 2 ** bits;
  if (!signed) return v >= 0 && v < span ? v : undefined;
  if (v >= 0 && v < span) return v >= span / 2 ? v - span : v; // two's complement in the type's own width
  const s = v | 0; // two's complement in 32 bits
  return v <= 0xffffffff && s < 0 && s >= -span / 2 ? s : undefined;
}

// A module-level function, not a closure per metric: creating one per metric was half the decoding time.
function wrongType(raw: RawMetric, type: string, field: string): PayloadError {
  return new PayloadError('wrong_type', `metric ${label(raw)}: ${type} value carried in ${field}`);
}

/** The value of a raw metric read as `datatype` (the metric's own or, for DATA, the one declared in BIRTH). */
export function interpretMetric(raw: RawMetric, datatype: number): DecodedMetric {
  if (!isMetricDatatype(datatype)) throw new PayloadError('bad_metric', `metric ${label(raw)}: unknown datatype ${datatype}`);
  const type = DATATYPES[datatype];
  const out: DecodedMetric = {
    type,
    value: null,
    isNull: raw.isNull,
    isHistorical: raw.isHistorical,
    isTransient: raw.isTransient,
    unsupported: false,
  };
  if (raw.name !== undefined) out.name = raw.name;
  if (raw.alias !== undefined) out.alias = raw.alias;
  if (raw.timestamp !== undefined) out.timestamp = raw.timestamp;
  if ((datatype >= 16 && datatype <= 19) || datatype >= 22) {
    out.unsupported = true;
    return out;
  }
  const m = raw.wire;
  const field = valueField(m);
  if (field === 'several') throw new PayloadError('bad_metric', `metric ${label(raw)}: more than one value field`);
  // A metric with neither a value nor is_null is read as null: stricter would throw away a whole BIRTH for it.
  if (raw.isNull || field === undefined) {
    out.isNull = true;
    return out;
  }
  const range = INT_RANGE[datatype];
  if (range) {
    const v = smallInt(m, field, range[0], range[1]);
    if (v === undefined) {
      if (field === 'intValue' || field === 'longValue') throw new PayloadError('bad_metric', `metric ${label(raw)}: value out of range for ${type}`);
      throw wrongType(raw, type, field);
    }
    out.value = v;
    return out;
  }
  switch (type) {
    case 'Int64':
    case 'UInt64':
    case 'DateTime': {
      if (field === 'longValue' && m.longValue !== null && m.longValue !== undefined) {
        out.value = type === 'Int64' ? signedLong(m.longValue) : unsignedLong(m.longValue);
      } else if (field === 'intValue' && m.intValue !== null && m.intValue !== undefined) {
        out.value = type === 'Int64' ? m.intValue | 0 : m.intValue >>> 0;
      } else throw wrongType(raw, type, field);
      return out;
    }
    case 'Float':
    case 'Double': {
      // NaN and ±Infinity are legal IEEE values and pass through; PostgreSQL's float8 stores them.
      const v = field === 'doubleValue' ? m.doubleValue : field === 'floatValue' ? m.floatValue : undefined;
      if (typeof v !== 'number') throw wrongType(raw, type, field);
      out.value = v;
      return out;
    }
    case 'Boolean':
      if (field !== 'booleanValue' || typeof m.booleanValue !== 'boolean') throw wrongType(raw, type, field);
      out.value = m.booleanValue;
      return out;
    default: // String, Text, UUID
      if (field !== 'stringValue' || typeof m.stringValue !== 'string') throw wrongType(raw, type, field);
      out.value = m.stringValue;
      return out;
  }
}

/** Decodes a self-describing payload: every metric must carry its datatype (true of BIRTH, NDEATH, NCMD). */
export function decodePayload(buf: Uint8Array): DecodedPayload {
  const raw = decodeRawPayload(buf);
  const out: DecodedPayload = {
    metrics: raw.metrics.map((m) => {
      if (m.datatype === undefined) throw new PayloadError('bad_metric', `metric ${label(m)}: no datatype`);
      return interpretMetric(m, m.datatype);
    }),
  };
  if (raw.timestamp !== undefined) out.timestamp = raw.timestamp;
  if (raw.seq !== undefined) out.seq = raw.seq;
  return out;
}

// ---- Encoding ----------------------------------------------------------------------------------------------

export type EncodableType = Exclude<DataTypeName, 'Unknown' | 'PropertySet' | 'PropertySetList'>;

export interface EncodableMetric {
  name?: string;
  alias?: number;
  type: EncodableType;
  /** bigint for 64-bit values beyond 2^53; null sets is_null. */
  value: number | bigint | boolean | string | null;
  timestamp?: number;
  isHistorical?: boolean;
  isTransient?: boolean;
}

export interface EncodablePayload {
  timestamp?: number;
  seq?: number;
  metrics: EncodableMetric[];
}

// The package's own types want `Long` instances for 64-bit values; protobufjs accepts any {low, high}, which is
// what a bigint becomes here. This interface is the part of the package used, typed for that.
interface LibMetric {
  name?: string;
  alias?: number;
  type: string;
  value: number | boolean | string | null | WireLong;
  timestamp?: number;
  isHistorical?: boolean;
  isTransient?: boolean;
}
interface SparkplugLib {
  encodePayload(p: { timestamp?: number; seq?: number; metrics: LibMetric[] }): Uint8Array;
}
function loadLib(): SparkplugLib {
  const found = sp.get('spBv1.0') as unknown as SparkplugLib | null;
  if (!found) throw new Error('sparkplug-payload does not know the spBv1.0 namespace');
  return found;
}
const lib = loadLib();

function toWireLong(v: bigint): WireLong {
  const u = BigInt.asUintN(64, v);
  return { low: Number(u & 0xffffffffn) | 0, high: Number(u >> 32n) | 0 };
}

export function encodePayload(p: EncodablePayload): Uint8Array {
  return lib.encodePayload({
    ...p,
    metrics: p.metrics.map((m) => ({ ...m, value: typeof m.value === 'bigint' ? toWireLong(m.value) : m.value })),
  });
}

// ---- Fast scanning of DATA payloads --------------------------------------------------------------------------

/**
 * A payload's metrics read straight off the protobuf wire into columns, by `scanPayload`: no object per metric, no
 * Long. Absent numbers are −1 (every valid value is ≥ 0); `field` is the value's protobuf field number (10 int, 11
 * long, 12 float, 13 double, 14 boolean, 15 string), 0 when there is none; `num` holds the number (uint32 for
 * `int_value`, a safe uint64 for `long_value`, 0/1 for a boolean), `str` the string. One instance is reused from
 * message to message: read it before the next scan.
 */
export class ScannedPayload {
  timestamp = -1;
  seq = -1;
  count = 0;
  name: (string | undefined)[] = [];
  alias: number[] = [];
  ts: number[] = [];
  datatype: number[] = [];
  isNull: boolean[] = [];
  isHistorical: boolean[] = [];
  isTransient: boolean[] = [];
  field: number[] = [];
  num: number[] = [];
  str: (string | undefined)[] = [];
}

/** Thrown inside the scanner for anything it leaves to the library; caught by scanPayload (never escapes). */
const GIVE_UP = -2;

/** A varint of at most 5 bytes as protobufjs's uint32() reads it; GIVE_UP past 5 bytes or the end. */
function scanU32(b: Buffer, p: number, end: number, at: Int32Array): number {
  let v = 0;
  for (let i = 0; i < 5; i++) {
    if (p >= end) return GIVE_UP;
    const c = b[p++];
    v = i < 4 ? v | ((c & 0x7f) << (7 * i)) : v | ((c & 0x0f) << 28);
    if (c < 0x80) {
      at[0] = p;
      return v >>> 0;
    }
  }
  return GIVE_UP;
}

/** A varint that a JS number holds exactly (≤ 2^53 − 1), as a number; GIVE_UP otherwise or past the end. */
function scanSafe(b: Buffer, p: number, end: number, at: Int32Array): number {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 8; i++) {
    if (p >= end) return GIVE_UP;
    const c = b[p++];
    v += (c & 0x7f) * mul;
    if (c < 0x80) {
      if (v > Number.MAX_SAFE_INTEGER) return GIVE_UP;
      at[0] = p;
      return v;
    }
    mul *= 128;
  }
  return GIVE_UP; // 2^56 and beyond, or a sign-extended negative: the library's exact reading
}

const cursor = new Int32Array(1);

/**
 * Reads a Sparkplug B payload's timestamp, seq and plain metrics into `out`, or returns false — having decided
 * nothing — for anything it does not handle, which the caller then reads with `decodeRawPayload` (the library):
 * any field but timestamp, metrics and seq in the payload (uuid, body); metadata, properties, bytes, DataSet,
 * Template or extension values in a metric; a field given twice, two value fields, a wire type other than the
 * schema's, a string that is not valid UTF-8, an unknown datatype, a metric with neither name nor alias, numbers
 * beyond 2^53 or a timestamp a Date cannot hold, and anything truncated. So it never throws a PayloadError: every
 * error keeps coming from the library's path, with its reason. Proven equal to that path by codec.unit.test.ts
 * (fast-check) and measured in bench/ingest/micro.ts.
 */
export function scanPayload(b: Buffer, out: ScannedPayload): boolean {
  const end = b.length;
  let p = 0;
  let n = 0;
  out.timestamp = -1;
  out.seq = -1;
  const at = cursor;
  while (p < end) {
    const tag = b[p++];
    if (tag === 0x12) {
      // 2: metric, length-delimited
      const len = scanU32(b, p, end, at);
      if (len === GIVE_UP) return false;
      p = at[0];
      const stop = p + len;
      if (stop > end) return false;
      if (!scanMetric(b, p, stop, out, n)) return false;
      n++;
      p = stop;
    } else if (tag === 0x08 && out.timestamp === -1) {
      const v = scanSafe(b, p, end, at);
      if (v === GIVE_UP || v > MAX_DATE_MS) return false;
      out.timestamp = v;
      p = at[0];
    } else if (tag === 0x18 && out.seq === -1) {
      const v = scanSafe(b, p, end, at);
      if (v === GIVE_UP) return false;
      out.seq = v;
      p = at[0];
    } else return false;
  }
  out.count = n;
  return true;
}

function scanMetric(b: Buffer, start: number, stop: number, out: ScannedPayload, i: number): boolean {
  let p = start;
  let seen = 0;
  let name: string | undefined;
  let alias = -1;
  let ts = -1;
  let datatype = -1;
  let isNull = false;
  let isHistorical = false;
  let isTransient = false;
  let field = 0;
  let num = 0;
  let str: string | undefined;
  const at = cursor;
  while (p < stop) {
    const tag = b[p++];
    const f = tag >>> 3;
    const wt = tag & 7;
    if (tag >= 0x80 || f === 0 || seen & (1 << f)) return false;
    seen |= 1 << f;
    if (wt === 0) {
      let v: number;
      switch (f) {
        case 2: // alias
        case 3: // timestamp
        case 11: // long_value
          v = scanSafe(b, p, stop, at);
          break;
        case 4: // datatype
        case 5: // is_historical
        case 6: // is_transient
        case 7: // is_null
        case 10: // int_value
        case 14: // boolean_value
          v = scanU32(b, p, stop, at);
          break;
        default:
          return false;
      }
      if (v === GIVE_UP) return false;
      p = at[0];
      if (f === 2) alias = v;
      else if (f === 3) {
        if (v > MAX_DATE_MS) return false;
        ts = v;
      } else if (f === 4) {
        if (!isMetricDatatype(v)) return false;
        datatype = v;
      } else if (f === 5) isHistorical = v !== 0;
      else if (f === 6) isTransient = v !== 0;
      else if (f === 7) isNull = v !== 0;
      else {
        if (field !== 0) return false;
        field = f;
        num = f === 14 ? (v !== 0 ? 1 : 0) : v;
      }
    } else if (wt === 2 && (f === 1 || f === 15)) {
      const len = scanU32(b, p, stop, at);
      if (len === GIVE_UP) return false;
      p = at[0];
      if (p + len > stop) return false;
      const s = b.subarray(p, p + len);
      // protobufjs reads a Buffer's strings with Buffer's own UTF-8 decoder; invalid UTF-8 is left to it.
      if (!isUtf8(s)) return false;
      const text = b.toString('utf8', p, p + len);
      p += len;
      if (f === 1) name = text;
      else {
        if (field !== 0) return false;
        field = 15;
        str = text;
      }
    } else if (wt === 1 && f === 13) {
      if (p + 8 > stop || field !== 0) return false;
      field = 13;
      num = b.readDoubleLE(p);
      p += 8;
    } else if (wt === 5 && f === 12) {
      if (p + 4 > stop || field !== 0) return false;
      field = 12;
      num = b.readFloatLE(p);
      p += 4;
    } else return false;
  }
  if (name === undefined && alias === -1) return false;
  out.name[i] = name;
  out.alias[i] = alias;
  out.ts[i] = ts;
  out.datatype[i] = datatype;
  out.isNull[i] = isNull;
  out.isHistorical[i] = isHistorical;
  out.isTransient[i] = isTransient;
  out.field[i] = field;
  out.num[i] = num;
  out.str[i] = str;
  return true;
}

/**
 * The value of scanned metric `i` read as `datatype`, exactly as `interpretMetric` reads it; `undefined` where that
 * one would throw, or for the types whose values are not decoded (the caller then takes the library's path).
 */
export function scannedValue(s: ScannedPayload, i: number, datatype: number): MetricValue | undefined {
  if ((datatype >= 16 && datatype <= 19) || datatype >= 22 || !isMetricDatatype(datatype)) return undefined;
  const field = s.field[i];
  if (s.isNull[i] || field === 0) return null;
  const v = s.num[i];
  if (datatype <= 7 && datatype !== 4) {
    // Int8…UInt32 (INT_RANGE), from the uint32 field only: the uint64 field's readings are the library's
    if (field !== 10) return undefined;
    const [bits, signed] = INT_RANGE[datatype];
    const span = 2 ** bits;
    if (!signed) return v < span ? v : undefined;
    if (v < span) return v >= span / 2 ? v - span : v;
    const x = v | 0;
    return x < 0 && x >= -span / 2 ? x : undefined;
  }
  switch (datatype) {
    case 4: // Int64
    case 8: // UInt64
    case 13: // DateTime
      if (field === 11) return v; // a safe non-negative value reads the same signed or not
      if (field === 10) return datatype === 4 ? v | 0 : v;
      return undefined;
    case 9: // Float
    case 10: // Double
      return field === 12 || field === 13 ? v : undefined;
    case 11: // Boolean
      return field === 14 ? v === 1 : undefined;
    default: // String, Text, UUID
      return field === 15 ? s.str[i] : undefined;
  }
}
