/**
 * The platform's JSON device format (docs/json-device-format.md): `{ "ts"?, "metrics": { name: value } }` for devices
 * that cannot speak Sparkplug B. Pure: bytes in, typed metrics out; anything else is a PayloadError, dead-lettered by
 * the host like a bad Sparkplug payload.
 */
import { MAX_DATE_MS, PayloadError, type MetricValue } from '../sparkplug/codec';

export interface JsonMetric {
  name: string;
  value: MetricValue;
  /** 'Double' for numbers, 'Boolean', 'String', or 'Unknown' for null. */
  type: string;
}

export interface JsonPayload {
  ts?: number;
  metrics: JsonMetric[];
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseTs(ts: unknown): number {
  if (typeof ts === 'number') {
    if (Number.isInteger(ts) && ts >= 0 && ts <= MAX_DATE_MS) return ts;
    throw new PayloadError('wrong_type', '"ts" must be an integer number of milliseconds since 1970 (UTC)');
  }
  if (typeof ts === 'string') {
    const ms = ISO_WITH_ZONE.test(ts) ? Date.parse(ts) : NaN;
    if (Number.isFinite(ms)) return ms;
    throw new PayloadError('wrong_type', '"ts" string must be ISO 8601 with a zone, e.g. 2026-03-01T08:00:00.000+08:00');
  }
  throw new PayloadError('wrong_type', `"ts" must be a number or an ISO 8601 string, not ${jsonType(ts)}`);
}

function jsonType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

export function parseJsonPayload(buf: Uint8Array): JsonPayload {
  let doc: unknown;
  try {
    doc = JSON.parse(utf8.decode(buf));
  } catch (e) {
    throw new PayloadError('bad_json', `not UTF-8 JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!isPlainObject(doc)) throw new PayloadError('bad_json', `the message must be a JSON object, not ${jsonType(doc)}`);
  for (const key of Object.keys(doc)) {
    if (key !== 'ts' && key !== 'metrics') throw new PayloadError('bad_json', `unknown key ${JSON.stringify(key)} (allowed: ts, metrics)`);
  }
  if (!isPlainObject(doc.metrics)) throw new PayloadError('bad_json', `"metrics" must be an object of name → value, not ${jsonType(doc.metrics)}`);
  const out: JsonPayload = { metrics: [] };
  if (doc.ts !== undefined) out.ts = parseTs(doc.ts);
  for (const [name, value] of Object.entries(doc.metrics)) {
    if (name.length === 0) throw new PayloadError('bad_metric', 'empty metric name');
    if (typeof value === 'number') {
      // JSON.parse turns 1e999 into Infinity, which no JSON writer meant.
      if (!Number.isFinite(value)) throw new PayloadError('wrong_type', `metric ${JSON.stringify(name)}: number out of range`);
      out.metrics.push({ name, value, type: 'Double' });
    } else if (typeof value === 'boolean') out.metrics.push({ name, value, type: 'Boolean' });
    else if (typeof value === 'string') out.metrics.push({ name, value, type: 'String' });
    else if (value === null) out.metrics.push({ name, value, type: 'Unknown' });
    else throw new PayloadError('wrong_type', `metric ${JSON.stringify(name)}: ${jsonType(value)} is not a number, boolean, string or null`);
  }
  return out;
}
