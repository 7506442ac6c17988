/** What the benchmark's processes report back. The load generator: its totals and every message the broker acknowledged. */
export interface LoadReport {
  published: number;
  acknowledged: number;
  acknowledgedPoints: number;
  failed: number;
  durationMs: number;
  maxInflight: number;
  /** Device ids by index. */
  devices: string[];
  log: {
    length: number;
    deviceIndex: Uint32Array;
    /** 1, 2, 3 … per device; also metric m01's value. */
    msgNo: Uint32Array;
    /** Payload timestamp (ms): with the device, the message's key, and the rows' ts. */
    timestamp: Float64Array;
    points: Uint16Array;
    /** Wall clock, ms since the epoch. */
    publishedAt: Float64Array;
    ackedAt: Float64Array;
  };
}

/** What the benchmark tells an ingest process of its own (ingest-child.ts). */
export interface IngestChildOptions {
  databaseUrl: string;
  mqttUrl: string;
  shareGroup?: string;
  clientId: string;
  maxPoints?: number;
  maxDelayMs?: number;
  writers?: number;
  receiveMaximum?: number;
}

/** What an ingest process reports: connected, each committed batch's DDATA messages, its totals when stopped. */
export type IngestChildReport =
  | { kind: 'ready' }
  | ({ kind: 'committed' } & CommittedDdata)
  | { kind: 'stopped'; stats: { messages: number; points: number; batches: number; duplicates: number; deadLetters: number; retries: number } };

/** A committed batch's DDATA messages by device id and payload timestamp (the message's key), and when it committed. */
export interface CommittedDdata {
  device: string[];
  ts: number[];
  at: number;
}

/** A DDATA payload's timestamp: protobuf field 1, written first by every encoder we meet; null otherwise. */
export function payloadTimestamp(b: Buffer): number | null {
  if (b[0] !== 0x08) return null;
  let v = 0;
  let mul = 1;
  for (let i = 1; i < 11 && i < b.length; i++) {
    const c = b[i];
    v += (c & 0x7f) * mul;
    if (c < 0x80) return v;
    mul *= 128;
  }
  return null;
}

export function committedDdata(b: { messages: { topic: string; payload: Buffer }[]; committedAt: number }): CommittedDdata {
  const out: CommittedDdata = { device: [], ts: [], at: b.committedAt };
  for (const m of b.messages) {
    if (!m.topic.includes('/DDATA/')) continue;
    const ts = payloadTimestamp(m.payload);
    if (ts === null) continue;
    out.device.push(m.topic.slice(m.topic.lastIndexOf('/') + 1));
    out.ts.push(ts);
  }
  return out;
}
