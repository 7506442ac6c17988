import { hostname } from 'node:os';
import type { Logger } from '../../../platform/logger';
import { SparkplugHost } from '../sparkplug/host';
import { JSON_NAMESPACE, SPARKPLUG_NAMESPACE } from '../sparkplug/topic';
import { startConsumer } from './consumer';
import { applyRetention, ensurePartitions } from './partitions';
import type { DeadLetterLimits } from './dead-letters';
import { IngestPipeline, type CommittedBatch } from './pipeline';
import { AlarmDetector } from './alarms';
import { Registry } from './registry';
import { createWriter } from './writer';
import { ROLLUP_BATCH, ROLLUP_INTERVAL_MS } from './rollups';
import type { DbHandle } from '../db';
import type { Registry as MetricsRegistry } from 'prom-client';
import { ingestMetrics } from './metrics';
import { AGV_DISPATCH_MS, AGV_ORDER_TIMEOUT_MS, claimPendingOrders, expireOrders } from '../logistics/agv';

export interface IngestOptions {
  handle: DbHandle;
  databaseUrl?: string;
  mqttUrl: string;
  /** The ingest's login (and a private CA for mqtts://) at the broker. */
  mqttAuth?: { username?: string; password?: string; ca?: Buffer };
  log: Logger;
  /** Several ingest processes share the data load through this MQTT shared-subscription group. */
  shareGroup?: string;
  /** The client id's stem instead of the host name: several ingest processes on one host (INGEST_CLIENT_ID). */
  clientId?: string;
  /** A JSON-format device silent this long (ms) goes offline; default 5 minutes. */
  jsonTimeoutMs?: number;
  /** The Sparkplug host application id (STATE topic); also the MQTT client id's stem. */
  hostId?: string;
  retentionDays?: number;
  rollupRetentionDays?: number;
  /** FACTORY_DEAD_LETTER_DAYS (default 30). */
  deadLetterDays?: number;
  deadLetterLimits?: DeadLetterLimits;
  /** How often closed minutes are rolled up (default ROLLUP_INTERVAL_MS). */
  rollupIntervalMs?: number;
  maxPoints?: number;
  maxDelayMs?: number;
  /** Batches written at once on PostgreSQL (INGEST_WRITERS, default PG_WRITERS); PGlite writes one at a time. */
  writers?: number;
  protocolVersion?: 4 | 5;
  /** MQTT 5 Receive Maximum: messages the broker may have unacknowledged with us (consumer.ts; default 2,000). */
  receiveMaximum?: number;
  onCommitted?(b: CommittedBatch): void;
  /** The platform's Prometheus registry: the ingest's metrics go there (ingest/metrics.ts). */
  metrics?: MetricsRegistry;
  /** AGV transfer orders: how often pending ones are sent (default AGV_DISPATCH_MS), and when one without an answer times out. */
  agvDispatchMs?: number;
  agvTimeoutMs?: number;
}

export interface IngestStatus {
  /** Every MQTT connection of the ingest is up. */
  connected: boolean;
  /** The oldest message received and not committed yet has waited this long (IngestPipeline.pendingAgeMs). */
  lagMs: number;
}

export interface Ingest {
  pipeline: IngestPipeline;
  connected(): Promise<void>;
  /** Now, without waiting: for readiness probes. */
  status(): IngestStatus;
  /**
   * Stops consuming, commits and acknowledges what it took, says offline (STATE) and disconnects. Messages the
   * broker sent after that are not acknowledged: it delivers them again to the next session.
   */
  close(): Promise<void>;
}

const HOUR = 3_600_000;

/**
 * The ingest: MQTT → Sparkplug host logic → batched transactional writes → acknowledgements.
 *
 * Alone, it subscribes to everything. With a share group, every process still receives every BIRTH and DEATH
 * (plain subscriptions: each needs the alias tables and presence), while DATA is spread over the processes by
 * the broker ($share/<group>/…), on the same connection; sequence checks are then off, since each process sees
 * only part of a node's sequence.
 */
export async function startIngest(o: IngestOptions): Promise<Ingest> {
  const hostId = o.hostId ?? 'gearbridge';
  const now = Date.now();
  await o.handle.session((q) => ensurePartitions(q, now));
  const host = new SparkplugHost({ checkSequence: !o.shareGroup });
  const writer = createWriter(o.handle, o.databaseUrl, o.writers);
  const registry = new Registry(o.handle.db);
  let publish: (topic: string, payload: Uint8Array) => void = () => {};
  let isConnected = () => false;
  const observe: ((b: CommittedBatch) => void) | null = o.metrics
    ? ingestMetrics(o.metrics, { connected: () => isConnected(), pendingAgeMs: (): number => pipeline.pendingAgeMs(), db: o.handle.db })
    : null;
  const pipeline: IngestPipeline = new IngestPipeline({
    alarms: new AlarmDetector(o.handle.db),
    host,
    registry,
    writer,
    log: o.log,
    publish: (t, p) => publish(t, p),
    maxPoints: o.maxPoints,
    maxDelayMs: o.maxDelayMs,
    deadLetterLimits: o.deadLetterLimits,
    onCommitted:
      observe || o.onCommitted
        ? (b) => {
            observe?.(b);
            o.onCommitted?.(b);
          }
        : undefined,
    replayHost: () => new SparkplugHost({ checkSequence: false }),
  });
  const presence = [`${SPARKPLUG_NAMESPACE}/+/NBIRTH/#`, `${SPARKPLUG_NAMESPACE}/+/NDEATH/#`, `${SPARKPLUG_NAMESPACE}/+/DBIRTH/#`, `${SPARKPLUG_NAMESPACE}/+/DDEATH/#`];
  const data = [`${SPARKPLUG_NAMESPACE}/+/NDATA/#`, `${SPARKPLUG_NAMESPACE}/+/DDATA/#`, `${JSON_NAMESPACE}/#`];
  const will = host.stateMessage(hostId, false, now);
  // The broker keeps what it owes the ingest in a persistent session named by the client id: a restarted process
  // must use the same id to get it (with the pid in it, a killed ingest's queue and unacknowledged messages were
  // left in a session nobody resumed). So one ingest process per host (container) and share group.
  const stem = `${o.clientId ?? hostname()}${o.shareGroup ? `-${o.shareGroup}` : ''}`;
  // One connection for BIRTH/DEATH and DATA: the broker sends a node's messages down one connection in the order the
  // node sent them. (With BIRTH/DEATH on a second connection, a DATA sent before its node's DEATH could be read after
  // it — or before its BIRTH — and be set aside as no_birth with no BIRTH to come that would read it again.)
  const consumer = startConsumer({
    url: o.mqttUrl,
    clientId: `${hostId}-ingest-${stem}`.slice(0, 64),
    // With a share group, DATA is spread over the processes, while every process still gets every BIRTH and DEATH.
    topics: o.shareGroup ? presence : [...presence, ...data],
    ...(o.shareGroup ? { shared: { group: o.shareGroup, topics: data } } : {}),
    protocolVersion: o.protocolVersion,
    ...(o.receiveMaximum ? { receiveMaximum: o.receiveMaximum } : {}),
    log: o.log,
    extra: { ...o.mqttAuth, will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: true } },
    onMessage: (topic, payload, ack) => pipeline.push({ topic, payload, receivedAt: Date.now(), ack }),
  });
  const client = consumer.client;
  isConnected = () => client.connected;
  publish = (topic, payload) => client.publish(topic, Buffer.from(payload), { qos: 0 });
  client.on('connect', () => {
    // Sparkplug 3.0: the host announces itself online (retained), with the same timestamp as its will.
    const birth = host.stateMessage(hostId, true, now);
    client.publish(birth.topic, birth.payload, { qos: 1, retain: true });
  });
  const maintenance = setInterval(() => {
    void o.handle
      .session(async (q) => {
        await ensurePartitions(q, Date.now());
        const dropped = await applyRetention(q, Date.now(), o.retentionDays ?? 30, o.rollupRetentionDays ?? 400, o.deadLetterDays ?? 30);
        if (dropped.length) o.log.info({ dropped }, 'telemetry partitions past retention dropped');
      })
      .catch((err) => o.log.warn({ err: (err as Error).message }, 'telemetry maintenance failed; will retry'));
  }, HOUR);
  maintenance.unref();
  // Rollups of closed minutes, off the write path (rollups.ts); a run that filled up goes on at once (catch-up).
  let rolling: Promise<void> | null = null;
  const rollups = setInterval(() => {
    rolling ??= (async () => {
      try {
        while ((await writer.rollUp(Date.now())) >= ROLLUP_BATCH);
      } catch (err) {
        o.log.warn({ err: (err as Error).message }, 'rollup job failed; will retry');
      } finally {
        rolling = null;
      }
    })();
  }, o.rollupIntervalMs ?? ROLLUP_INTERVAL_MS);
  rollups.unref();
  // AGV transfer orders (logistics/agv.ts): written pending by the API, sent as DCMDs on this connection — the one
  // rebirth requests go out on — and timed out when their AGV does not answer.
  let dispatching: Promise<void> | null = null;
  const dispatch = setInterval(() => {
    dispatching ??= o.handle
      .session(async (q) => {
        const expired = await expireOrders(q, o.agvTimeoutMs ?? AGV_ORDER_TIMEOUT_MS);
        if (expired) o.log.warn({ expired }, 'AGV transfer orders without an answer marked timed out');
        if (!client.connected) return;
        for (const c of await claimPendingOrders(q, Date.now())) client.publish(c.topic, Buffer.from(c.payload), { qos: 0 });
      })
      .catch((err) => o.log.warn({ err: (err as Error).message }, 'AGV order dispatch failed; will retry'))
      .finally(() => (dispatching = null));
  }, o.agvDispatchMs ?? AGV_DISPATCH_MS);
  dispatch.unref();
  const jsonTimeoutMs = o.jsonTimeoutMs ?? 300_000;
  const sweep = setInterval(() => pipeline.pushEvents(host.sweep(Date.now(), jsonTimeoutMs)), Math.min(10_000, jsonTimeoutMs / 2));
  sweep.unref();
  return {
    pipeline,
    connected: () => consumer.connected(),
    status: () => ({ connected: isConnected(), lagMs: pipeline.pendingAgeMs() }),
    async close() {
      clearInterval(maintenance);
      clearInterval(sweep);
      clearInterval(rollups);
      clearInterval(dispatch);
      await rolling;
      await dispatching;
      // A clean disconnect does not fire the will: say offline ourselves. Not while the broker is away (a QoS 1
      // publish would wait for it, and the shutdown with it), and not for longer than a few seconds.
      if (client.connected) {
        const bye = host.stateMessage(hostId, false, now);
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => client.publish(bye.topic, bye.payload, { qos: 1, retain: true }, () => resolve())),
          new Promise<void>((resolve) => (timer = setTimeout(resolve, 3_000))),
        ]);
        clearTimeout(timer);
      }
      await pipeline.close();
      await consumer.close();
      await writer.close();
    },
  };
}
