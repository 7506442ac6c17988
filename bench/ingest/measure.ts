/**
 * Where the time goes, for the ingest benchmark: CPU per process over a stage (from /proc, Linux only), and with
 * --phases the ingest's own phases and SQL statements.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { HostLike, IngestPipeline } from '../../server/src/modules/factory/ingest/pipeline';
import type { Batch, BatchWriter } from '../../server/src/modules/factory/ingest/writer';

/** CPU seconds so far of this process (the ingest), the load generator, Mosquitto and all postgres processes. */
interface CpuSample {
  at: number;
  /** Busy CPU seconds of the whole machine (every process, ours or not). */
  machine: number;
  ingest: number;
  load: number;
  mosquitto: number;
  postgres: number;
}
const TICK = 100; // USER_HZ: /proc reports times in 1/100 s on Linux
function procCpu(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    // fields 14–17 of stat: utime, stime, cutime, cstime (rest[0] is field 3)
    return (Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])) / TICK;
  } catch {
    return 0;
  }
}
/** `ingestPids`: the ingest's own processes (none: the ingest runs in this process). */
export function cpuTimes(mosquittoPid: number, ingestPids: number[] = []): CpuSample | null {
  if (!existsSync('/proc/self/stat')) return null;
  let postgres = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') postgres += procCpu(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  const [, ...jiffies] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const machine = (jiffies.reduce((a, b) => a + b, 0) - jiffies[3] - jiffies[4]) / TICK; // all but idle and iowait
  const u = process.cpuUsage();
  // The load generator is a child: its time shows in our cutime/cstime once it has exited.
  const own = (u.user + u.system) / 1e6;
  const ingest = ingestPids.length ? ingestPids.reduce((sum, pid) => sum + procCpu(pid), 0) : own;
  return { at: performance.now(), machine, ingest, load: procCpu(process.pid) - own, mosquitto: procCpu(mosquittoPid), postgres };
}
export function cpuShare(a: CpuSample | null, b: CpuSample | null): string | null {
  if (!a || !b) return null;
  const s = (b.at - a.at) / 1000;
  const f = (x: number) => (x / s).toFixed(2);
  return `machine ${f(b.machine - a.machine)} busy; ingest ${f(b.ingest - a.ingest)}, load generator ${f(b.load - a.load)}, mosquitto ${f(b.mosquitto - a.mosquitto)}, postgres (all backends) ${f(b.postgres - a.postgres)}`;
}

/**
 * Wraps the pipeline's decode (host.read), build and write with timers. The pipeline keeps these private; the
 * benchmark reaches in on purpose, to say where the time goes without instrumenting the product.
 */
export function timePhases(pipeline: IngestPipeline, except: pg.Client) {
  const inner = pipeline as unknown as { o: { host: HostLike; writer: BatchWriter }; build(taken: unknown[]): Promise<Batch> };
  const t = { decode: 0, messages: 0, build: 0, write: 0, batches: 0, rows: 0, maxRows: 0, maxMessages: 0 };
  const host = inner.o.host;
  const read = host.read.bind(host);
  inner.o.host = {
    read(topic, payload, now) {
      const t0 = performance.now();
      const r = read(topic, payload, now);
      t.decode += performance.now() - t0;
      t.messages++;
      return r;
    },
  };
  const build = inner.build.bind(pipeline);
  inner.build = async (taken) => {
    const t0 = performance.now();
    t.maxMessages = Math.max(t.maxMessages, taken.length);
    const b = await build(taken);
    t.build += performance.now() - t0;
    return b;
  };
  const writer = inner.o.writer;
  const write = writer.write.bind(writer);
  inner.o.writer = {
    kind: writer.kind,
    concurrency: writer.concurrency,
    close: () => writer.close(),
    setAside: (...args) => writer.setAside(...args),
    rollUp: (now) => writer.rollUp(now),
    async write(b, before) {
      const t0 = performance.now();
      const r = await write(b, before);
      t.write += performance.now() - t0;
      t.batches++;
      t.rows += b.rows.length;
      t.maxRows = Math.max(t.maxRows, b.rows.length);
      return r;
    },
  };
  // Each SQL statement of the ingest's transactions, by its first words (COPY until its stream finishes).
  const sqlTime = new Map<string, { ms: number; n: number }>();
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: pg.Client, ...a: unknown[]) {
    if (this === except) return query.apply(this, a);
    const first = a[0] as string | { text?: string; on?: unknown };
    const text = typeof first === 'string' ? first : typeof first?.text === 'string' ? first.text : 'copy … from stdin';
    const key = text.trim().replace(/\s+/g, ' ').slice(0, 40);
    const t0 = performance.now();
    const add = () => {
      const e = sqlTime.get(key) ?? { ms: 0, n: 0 };
      e.ms += performance.now() - t0;
      e.n++;
      sqlTime.set(key, e);
    };
    const r = query.apply(this, a) as { then?: unknown; once?: (ev: string, f: () => void) => void };
    if (r && typeof r.then === 'function') (r as Promise<unknown>).then(add, add);
    else if (r && typeof r.once === 'function') {
      r.once('finish', add);
      r.once('error', add);
    }
    return r;
  };
  return {
    report() {
      const statements = [...sqlTime]
        .sort((x, y) => y[1].ms - x[1].ms)
        .slice(0, 6)
        .map(([k, v]) => `${k} ${(v.ms / 1000).toFixed(2)} s/${v.n}`)
        .join('; ');
      sqlTime.clear();
      const r =
        `SQL: ${statements}\n  decode ${(t.decode / 1000).toFixed(2)} s (${((t.decode * 1000) / Math.max(1, t.messages)).toFixed(1)} µs a message), ` +
        `build ${(t.build / 1000).toFixed(2)} s, write ${(t.write / 1000).toFixed(2)} s for ${t.batches} batches of ${Math.round(t.rows / Math.max(1, t.batches))} rows on average (max ${t.maxRows} rows, ${t.maxMessages} messages), ` +
        `${Math.round((t.rows * 1000) / Math.max(1, t.write))} rows/s while writing`;
      Object.assign(t, { decode: 0, messages: 0, build: 0, write: 0, batches: 0, rows: 0, maxRows: 0, maxMessages: 0 });
      return r;
    },
  };
}
