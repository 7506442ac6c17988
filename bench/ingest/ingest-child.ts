/**
 * One ingest process of the benchmark's `--processes N` runs (N ≥ 2: one MQTT shared subscription): the product's
 * ingest (startIngest, as `gearbridge ingest` runs it) in a process of its own, reporting each committed batch's
 * DDATA messages — device and payload timestamp — over IPC, so the benchmark measures latency and loss as it does
 * for the ingest in its own process.
 */
import { openDatabase } from '../../server/src/platform/db';
import type { Database as FactoryDatabase } from '../../server/src/modules/factory/db';
import { createLogger } from '../../server/src/platform/logger';
import { startIngest } from '../../server/src/modules/factory/ingest/service';
import { committedDdata, type IngestChildOptions, type IngestChildReport } from './protocol';

const o = JSON.parse(process.argv[2] ?? '{}') as IngestChildOptions;
const handle = await openDatabase<FactoryDatabase>({ databaseUrl: o.databaseUrl, dataDir: '.' });
const ingest = await startIngest({
  handle,
  databaseUrl: o.databaseUrl,
  mqttUrl: o.mqttUrl,
  log: createLogger('warn'),
  protocolVersion: 5,
  hostId: 'gearbridge-bench',
  ...(o.shareGroup ? { shareGroup: o.shareGroup } : {}),
  clientId: o.clientId,
  onCommitted: (b) => {
    const r = committedDdata(b);
    if (r.device.length) process.send?.({ kind: 'committed', ...r } satisfies IngestChildReport);
  },
  ...(o.maxPoints ? { maxPoints: o.maxPoints } : {}),
  ...(o.maxDelayMs ? { maxDelayMs: o.maxDelayMs } : {}),
  ...(o.writers ? { writers: o.writers } : {}),
  ...(o.receiveMaximum ? { receiveMaximum: o.receiveMaximum } : {}),
});
await ingest.connected();
process.send?.({ kind: 'ready' } satisfies IngestChildReport);
process.on('message', (m: { stop?: boolean }) => {
  if (!m.stop) return;
  void (async () => {
    await ingest.close();
    await handle.close();
    process.send?.({ kind: 'stopped', stats: ingest.pipeline.stats } satisfies IngestChildReport, () => process.exit(0));
  })();
});
