/**
 * `node --import tsx bench/ingest/micro.ts [--messages 20000] [--rounds 5]`: CPU per message and per point of the
 * ingest's and the load generator's pure steps, one at a time in this process, with no broker or database — figures
 * that other work on the machine disturbs little (best of `rounds`). Steps: the load generator's DDATA encoding;
 * Sparkplug decoding (sparkplug-payload's generated reader, and the fast decoder); the host's handling of a DDATA;
 * the pipeline's building of rows from the host's results (a registry with every device and metric cached); the
 * binary COPY encoding of the rows.
 */
import { parseArgs } from 'node:util';
import { DataTemplate, encodeData, encodeDeviceBirth, encodeNodeBirth, type AliasedMetric } from '../../sim/src/sparkplug';
import { ScannedPayload, decodeRawPayload, scanPayload } from '../../server/src/modules/factory/sparkplug/codec';
import { SparkplugHost } from '../../server/src/modules/factory/sparkplug/host';
import { IngestPipeline, type IngestMessage } from '../../server/src/modules/factory/ingest/pipeline';
import { Registry } from '../../server/src/modules/factory/ingest/registry';
import { copyBinary, sortForWrite } from '../../server/src/modules/factory/ingest/rows';
import type { Batch } from '../../server/src/modules/factory/ingest/writer';
import { createLogger } from '../../server/src/platform/logger';

const { values: args } = parseArgs({ options: { messages: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '5' } } });
const N = Number(args.messages);
const ROUNDS = Number(args.rounds);
const METRICS = 20;
const DEVICES = 180;
const GROUP = 'bench';
const T0 = Date.UTC(2026, 11, 6, 8, 0, 0);

const defs: AliasedMetric[] = Array.from({ length: METRICS }, (_, j) => ({ name: `m${String(j + 1).padStart(2, '0')}`, alias: j + 1, type: 'Double' }));
const node = (d: number) => `L${d % 9}`;
const device = (d: number) => `D${d}`;
const topicOf = (d: number) => `spBv1.0/${GROUP}/DDATA/${node(d)}/${device(d)}`;

/** The load generator's values for message `no` (loadgen.ts). */
const values = (no: number) => defs.map((_, j) => (j === 0 ? no : ((no * 31 + j * 17) % 1000) / 10));

function best(label: string, perMessage: number, run: () => void): number {
  let min = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    run();
    min = Math.min(min, performance.now() - t0);
  }
  const us = (min * 1000) / N;
  process.stdout.write(`${label.padEnd(46)} ${us.toFixed(2).padStart(7)} µs a message, ${(us / perMessage).toFixed(3)} µs a point\n`);
  return us;
}

// Encoding, as the load generator does it.
const vals = Array.from({ length: 64 }, (_, i) => values(i + 1));
best('load generator: encodeData (20 Doubles)', METRICS, () => {
  for (let i = 0; i < N; i++) encodeData(T0 + i, i & 0xff, defs, vals[i & 63]);
});
const template = new DataTemplate(defs);
best('load generator: DataTemplate (20 Doubles)', METRICS, () => {
  for (let i = 0; i < N; i++) template.encode(T0 + i, i & 0xff, vals[i & 63]);
});

// The messages of a run: every device's DDATA in turn, seq per node.
const seqs = new Map<string, number>();
const messages: { topic: string; payload: Buffer }[] = [];
for (let i = 0; i < N; i++) {
  const d = i % DEVICES;
  const s = ((seqs.get(node(d)) ?? 0) + 1) & 0xff;
  seqs.set(node(d), s);
  messages.push({ topic: topicOf(d), payload: encodeData(T0 + i, s, defs, values(Math.floor(i / DEVICES) + 1)) });
}
best('decodeRawPayload (sparkplug-payload reader)', METRICS, () => {
  for (const m of messages) decodeRawPayload(m.payload);
});
const scratch = new ScannedPayload();
best('scanPayload (fast scanner)', METRICS, () => {
  for (const m of messages) if (!scanPayload(m.payload, scratch)) throw new Error('not scanned');
});

// The host, after births.
function bornHost(fastData: boolean): SparkplugHost {
  const host = new SparkplugHost({ checkSequence: false, fastData });
  const nodes = [...new Set(Array.from({ length: DEVICES }, (_, d) => node(d)))];
  for (const n of nodes) host.handle(`spBv1.0/${GROUP}/NBIRTH/${n}`, encodeNodeBirth(0, T0), T0);
  for (let d = 0; d < DEVICES; d++) host.handle(`spBv1.0/${GROUP}/DBIRTH/${node(d)}/${device(d)}`, encodeDeviceBirth(T0, 0, defs, values(0)), T0);
  return host;
}
const results: ReturnType<SparkplugHost['read']>[] = new Array(N);
best('host.read, library decoding (DDATA → columns)', METRICS, () => {
  const host = bornHost(false);
  for (let i = 0; i < N; i++) results[i] = host.read(messages[i].topic, messages[i].payload, T0);
});
best('host.read, fast scanner (DDATA → columns)', METRICS, () => {
  const host = bornHost(true);
  for (let i = 0; i < N; i++) results[i] = host.read(messages[i].topic, messages[i].payload, T0);
});
if (results.some((r) => r.points.length !== METRICS)) throw new Error('host did not return every point');

// Building rows: a registry whose caches know every device and metric.
const registry = new Registry(null as never);
const regInner = registry as unknown as { devices: Map<string, number>; metrics: Map<number, Map<string, number>> };
for (let d = 0; d < DEVICES; d++) {
  regInner.devices.set(`${GROUP}\u0000${node(d)}\u0000${device(d)}`, d + 1);
  regInner.metrics.set(d + 1, new Map(defs.map((m, j) => [m.name, (d + 1) * 100 + j])));
}
const pipeline = new IngestPipeline({
  host: { read: () => ({ points: { group: '', node: '', device: null, length: 0, metric: [], ts: [], value: [], type: [] }, deadLetters: [], commands: [], events: [] }) },
  registry,
  writer: {} as never,
  log: createLogger('silent'),
  publish: () => {},
});
const build = (pipeline as unknown as { build(taken: unknown[]): Promise<Batch> }).build.bind(pipeline);
const taken = messages.map((m, i) => ({ msg: { ...m, receivedAt: T0, ack: () => {} } as IngestMessage, result: results[i], queuedAt: T0 }));
/** Batches as the ingest takes them at load: 2,500 messages (50,000 points, MAX_POINTS). */
const PER_BATCH = 2_500;
let batches: Batch[] = [];
let buildMs = Infinity;
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  const out: Batch[] = [];
  for (let i = 0; i < N; i += PER_BATCH) out.push(await build(taken.slice(i, i + PER_BATCH)));
  buildMs = Math.min(buildMs, performance.now() - t0);
  batches = out;
}
const buildUs = (buildMs * 1000) / N;
process.stdout.write(
  `${'pipeline build (rows, states, sort), 50k a batch'.padEnd(46)} ${buildUs.toFixed(2).padStart(7)} µs a message, ${(buildUs / METRICS).toFixed(3)} µs a point\n`,
);
if (batches.reduce((n, b) => n + b.rows.length, 0) !== N * METRICS) throw new Error('rows missing');
const arrival = batches.map((b) => [...b.rows].sort((x, y) => x.ts - y.ts || x.device - y.device || x.metric - y.metric));
best('sortForWrite (arrival order, 50k a batch)', METRICS, () => {
  for (const rows of arrival) sortForWrite([...rows]);
});
best('copyBinary', METRICS, () => {
  let bytes = 0;
  for (const b of batches) for (const chunk of copyBinary(b.rows)) bytes += chunk.length;
  if (bytes < N * METRICS) throw new Error('short');
});

// The whole pipeline in one process, without broker or database: push every message (host.read), batches taken as
// under load, rows built and sorted, a writer that encodes the binary COPY and resolves at once, every message
// acknowledged. CPU of this process over the run (garbage collection included), not wall time.
{
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const host = bornHost(true);
    let acked = 0;
    const writer = {
      kind: 'copy' as const,
      concurrency: 2,
      async write(b: Batch) {
        let bytes = 0;
        for (const chunk of copyBinary(b.rows)) bytes += chunk.length;
        if (b.rows.length && bytes < b.rows.length) throw new Error('short');
        return { inserted: b.rows.length, duplicates: 0 };
      },
      setAside: async () => [],
      rollUp: async () => 0,
      close: async () => {},
    };
    const p = new IngestPipeline({ host, registry, writer, log: createLogger('silent'), publish: () => {} });
    const c0 = process.cpuUsage();
    for (let i = 0; i < N; i++) {
      const held = p.push({ topic: messages[i].topic, payload: messages[i].payload, receivedAt: T0, ack: () => void acked++ });
      if (held) await held;
      // the broker's pace: let batches be taken and written now and then, as the event loop would between reads
      if (i % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
    }
    await p.close();
    const c = process.cpuUsage(c0);
    if (acked !== N) throw new Error(`acknowledged ${acked} of ${N}`);
    best = Math.min(best, (c.user + c.system) / N);
  }
  process.stdout.write(`${'pipeline: push → batch → COPY bytes → ack (CPU)'.padEnd(46)} ${best.toFixed(2).padStart(7)} µs a message, ${(best / METRICS).toFixed(3)} µs a point\n`);
}
