/** One telemetry value as written: device and metric by number, time in epoch ms. */
export interface TelemetryRow {
  device: number;
  metric: number;
  ts: number;
  value: number | null;
  text: string | null;
}

/** Sorts rows in place into the telemetry primary key's order (device, metric, time). */
export function sortForWrite(rows: TelemetryRow[]): TelemetryRow[] {
  return rows.sort((x, y) => x.device - y.device || x.metric - y.metric || x.ts - y.ts);
}

/** PostgreSQL's timestamp epoch (2000-01-01 UTC) in Unix ms. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const HEADER = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const CHUNK_ROWS = 16_384;
/** A row's fixed part: field count, three 4-byte length words with int4/int4/timestamptz, float8 (or null). */
const FIXED = 2 + 8 + 8 + 12 + 12;

/**
 * Binary COPY (`copy … from stdin with (format binary)`) of telemetry rows, in chunks of ~16k rows. Binary
 * spares PostgreSQL parsing a timestamp and a float from text for every row, and spares us formatting them:
 * measured on the 2-core machine, ~25 % more rows/s into the telemetry table than text COPY.
 * Layout per row: int16 field count 5; per field int32 length (−1 for null) and the value in network order —
 * int4 device, int4 metric, int8 µs since 2000-01-01, float8 value, text value (UTF-8).
 */
export function* copyBinary(rows: Iterable<TelemetryRow>): Generator<Buffer> {
  // Written through a DataView (big-endian by default): a third of the time of Buffer's writeInt32BE and friends,
  // which check their arguments on every call (bench/ingest/micro.ts).
  let buf = Buffer.allocUnsafe(HEADER.length + 8 + CHUNK_ROWS * (FIXED + 4));
  let dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
  HEADER.copy(buf, 0);
  dv.setInt32(HEADER.length, 0); // flags
  dv.setInt32(HEADER.length + 4, 0); // header extension length
  let o = HEADER.length + 8;
  let n = 0;
  let lastTs = NaN;
  let hi = 0;
  let lo = 0;
  const fresh = (size: number) => {
    buf = Buffer.allocUnsafe(size);
    dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
    o = 0;
    n = 0;
  };
  for (const r of rows) {
    const text = r.text === null ? null : Buffer.from(r.text, 'utf8');
    const need = FIXED + 4 + (text ? text.length : 0);
    if (o + need + 2 > buf.length) {
      yield buf.subarray(0, o);
      fresh(Math.max(CHUNK_ROWS * (FIXED + 4), need + 2));
    }
    if (r.ts !== lastTs) {
      // µs since 2000 as two 32-bit words: exact for any ms timestamp, without a BigInt per row.
      const us = (r.ts - PG_EPOCH_MS) * 1000;
      hi = Math.floor(us / 4294967296);
      lo = us - hi * 4294967296;
      lastTs = r.ts;
    }
    dv.setInt16(o, 5);
    dv.setInt32(o + 2, 4);
    dv.setInt32(o + 6, r.device);
    dv.setInt32(o + 10, 4);
    dv.setInt32(o + 14, r.metric);
    dv.setInt32(o + 18, 8);
    dv.setInt32(o + 22, hi);
    dv.setUint32(o + 26, lo);
    o += 30;
    if (r.value === null) {
      dv.setInt32(o, -1);
      o += 4;
    } else {
      dv.setInt32(o, 8);
      dv.setFloat64(o + 4, r.value);
      o += 12;
    }
    if (text === null) {
      dv.setInt32(o, -1);
      o += 4;
    } else {
      dv.setInt32(o, text.length);
      text.copy(buf, o + 4);
      o += 4 + text.length;
    }
    if (++n >= CHUNK_ROWS && o + 2 <= buf.length) {
      yield buf.subarray(0, o);
      fresh(CHUNK_ROWS * (FIXED + 4));
    }
  }
  if (o + 2 > buf.length) {
    yield buf.subarray(0, o);
    fresh(2);
  }
  dv.setInt16(o, -1); // trailer
  yield buf.subarray(0, o + 2);
}
