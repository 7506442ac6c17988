/** One telemetry value as written: device and metric by number, time in epoch ms. */
export interface TelemetryRow {
  device: number;
  metric: number;
  ts: number;
  value: number | null;
  text: string | null;
}

export interface Rollup {
  device: number;
  metric: number;
  bucket: number; // epoch ms, start of the minute
  n: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastTs: number;
}

/**
 * 1-minute aggregates of the numeric rows, sorted by key: concurrent ingest processes then take the rollup rows'
 * locks in the same order and cannot deadlock each other.
 */
export function rollup(rows: Iterable<TelemetryRow>): Rollup[] {
  const map = new Map<string, Rollup>();
  for (const r of rows) {
    if (r.value === null || !Number.isFinite(r.value)) continue;
    const bucket = r.ts - (((r.ts % 60_000) + 60_000) % 60_000);
    const key = `${r.device}:${r.metric}:${bucket}`;
    const a = map.get(key);
    if (!a) {
      map.set(key, { device: r.device, metric: r.metric, bucket, n: 1, sum: r.value, min: r.value, max: r.value, last: r.value, lastTs: r.ts });
    } else {
      a.n++;
      a.sum += r.value;
      if (r.value < a.min) a.min = r.value;
      if (r.value > a.max) a.max = r.value;
      if (r.ts >= a.lastTs) {
        a.last = r.value;
        a.lastTs = r.ts;
      }
    }
  }
  return [...map.values()].sort((x, y) => x.device - y.device || x.metric - y.metric || x.bucket - y.bucket);
}

/** Text COPY format: tab-separated, \N for null, backslash escapes in text values. */
export function copyLine(r: TelemetryRow): string {
  const text = r.text === null ? '\\N' : r.text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `${r.device}\t${r.metric}\t${new Date(r.ts).toISOString()}\t${r.value === null ? '\\N' : r.value}\t${text}\n`;
}
