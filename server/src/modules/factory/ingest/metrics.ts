import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { sql } from 'kysely';
import type { CommittedBatch } from './pipeline';
import type { DB } from '../db';

export interface IngestProbe {
  /** The ingest's MQTT connection is up. */
  connected(): boolean;
  /** See IngestPipeline.pendingAgeMs. */
  pendingAgeMs(): number;
  db: DB;
}

/**
 * The ingest's Prometheus metrics, in the platform's registry (docs/operations.md lists them). Returns what to call
 * after each committed batch. Labels carry no device, topic or organisation: dead letters by their reason only.
 */
export function ingestMetrics(registry: Registry, probe: IngestProbe): (b: CommittedBatch) => void {
  const registers = [registry];
  const points = new Counter({ name: 'gearbridge_ingest_points_total', help: 'Telemetry points stored (committed; redelivered duplicates not counted)', registers });
  const duplicates = new Counter({ name: 'gearbridge_ingest_duplicate_points_total', help: 'Telemetry points received again and already stored', registers });
  const messages = new Counter({ name: 'gearbridge_ingest_messages_total', help: 'MQTT messages committed and acknowledged', registers });
  const commit = new Histogram({
    name: 'gearbridge_ingest_batch_commit_seconds',
    help: "Duration of a batch's write transaction",
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const lag = new Histogram({
    name: 'gearbridge_ingest_commit_lag_seconds',
    help: "From the ingest's receipt of a batch's oldest message off the broker to the batch's commit",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers,
  });
  const deadLetters = new Counter({ name: 'gearbridge_ingest_dead_letters_total', help: 'Messages set aside as dead letters, by reason', labelNames: ['reason'], registers });
  new Gauge({
    name: 'gearbridge_ingest_pending_age_seconds',
    help: 'Age of the oldest message received and not yet committed (0: nothing waiting); readiness fails above INGEST_MAX_LAG_S',
    registers,
    collect() {
      this.set(probe.pendingAgeMs() / 1000);
    },
  });
  new Gauge({
    name: 'gearbridge_ingest_broker_connected',
    help: '1 while the ingest is connected to the MQTT broker',
    registers,
    collect() {
      this.set(probe.connected() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'gearbridge_ingest_rollup_backlog_minutes',
    help: 'Minutes of telemetry marked for their 1-minute rollup and not rolled up yet',
    registers,
    async collect() {
      // One small count per scrape; a database that is away leaves the last value rather than failing the scrape.
      try {
        const r = await sql<{ n: number }>`select count(*)::int as n from factory_rollup_queue`.execute(probe.db);
        this.set(r.rows[0].n);
      } catch {
        /* the database's own metrics and readiness say why */
      }
    },
  });
  return (b) => {
    points.inc(b.inserted);
    duplicates.inc(b.duplicates);
    messages.inc(b.messages.reduce((n, m) => (m.topic.startsWith('$host/') ? n : n + 1), 0));
    commit.observe(b.writeMs / 1000);
    lag.observe(b.lagMs / 1000);
    for (const d of b.deadLetterReasons) deadLetters.inc({ reason: d.reason }, d.messages);
  };
}
