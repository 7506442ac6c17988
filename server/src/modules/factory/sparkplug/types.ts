/**
 * What the Sparkplug host application hands back for each MQTT message (host.ts), as plain data: the MQTT layer and
 * the telemetry writer depend on these shapes, not on the class.
 */
import type { MetricValue } from './codec';

export type DeadLetterReason =
  | 'unknown_topic'
  | 'bad_protobuf'
  | 'bad_json'
  | 'bad_metric'
  | 'wrong_type'
  | 'unknown_alias'
  | 'no_birth'
  /** A compressed Sparkplug payload (compression.ts) with an unknown algorithm, a corrupt body, or too large inflated. */
  | 'bad_compression'
  /**
   * A second, different value for a device, metric and time already stored (writer.ts): the first is kept. The same
   * value again is a redelivery, and no dead letter.
   */
  | 'conflicting_value'
  /** A Sparkplug group no organisation's site is mapped to (the plant model's Sparkplug groups). */
  | 'unknown_group'
  /** The batch could not be written even alone; kept with the database's error instead of being retried forever. */
  | 'write_failed'
  /** A bug in this code, never expected: the message is kept instead of stopping ingestion. */
  | 'internal_error';

export interface Point {
  group: string;
  node: string;
  device: string | null;
  metric: string;
  /** ms since epoch: the metric's timestamp, else the payload's, else receive time. */
  ts: number;
  value: MetricValue;
  type: string;
}

/**
 * A message's points, column by column: every point of one message comes from the same node or device, so the
 * origin is said once. What `SparkplugHost.read` hands the ingest (no object per point); `handle` turns it into
 * `Point`s.
 */
export interface PointColumns {
  group: string;
  node: string;
  device: string | null;
  length: number;
  metric: string[];
  ts: number[];
  value: MetricValue[];
  type: string[];
}

export interface DeadLetter {
  topic: string;
  reason: DeadLetterReason;
  detail: string;
  at: number;
}

export type RebirthCause = 'seq_gap' | 'unknown_alias' | 'no_birth' | 'wrong_type';

/** An NCMD `Node Control/Rebirth = true` to publish (Sparkplug: NCMD with QoS 0, not retained). */
export interface Command {
  kind: 'rebirth';
  group: string;
  node: string;
  topic: string;
  payload: Uint8Array;
  qos: 0;
  retain: false;
  cause: RebirthCause;
}

/**
 * nbirth / dbirth / ndeath / ddeath: that message; node_death: the device's node sent NDEATH; node_birth: the
 * node began a new session, the device waits for its DBIRTH; first_message: a JSON device was first heard from.
 */
export type DeviceEventReason = 'nbirth' | 'dbirth' | 'ndeath' | 'ddeath' | 'node_death' | 'node_birth' | 'first_message' | 'silent';

/** A change of connectivity; `at` is receive time (`now`), not the edge node's clock. */
export interface DeviceEvent {
  kind: 'online' | 'offline';
  group: string;
  node: string;
  device: string | null;
  at: number;
  reason?: DeviceEventReason;
}

export interface HostResult {
  points: Point[];
  deadLetters: DeadLetter[];
  commands: Command[];
  events: DeviceEvent[];
  /**
   * A message without values that still says its device is alive (a JSON-format `{"metrics":{}}`), at this time
   * (ms): the ingest moves the device's last-seen time to it.
   */
  heartbeat?: number;
}

/** `HostResult` with the points as columns (`SparkplugHost.read`). */
export interface HostRead extends Omit<HostResult, 'points'> {
  points: PointColumns;
}

/** One edge node (device = null) or device as the host sees it. */
export interface EndpointStatus {
  group: string;
  node: string;
  device: string | null;
  online: boolean;
  /** Receive time of the last message from it (DATA, BIRTH, DDEATH); deaths sent by the broker do not count. */
  lastSeen: number;
  /** Receive time of the last online/offline change. */
  since: number;
  /** Nodes: seq gaps seen since the host started. Devices: 0. */
  seqGaps: number;
}

export interface StateMessage {
  topic: string;
  payload: string;
  qos: 1;
  retain: true;
}

export interface SparkplugHostOptions {
  rebirthIntervalMs?: number;
  /**
   * Check seq per node (default true). Turn off only when one process does not see every message of a node,
   * e.g. DATA arriving through an MQTT shared subscription split over several ingest processes.
   */
  checkSequence?: boolean;
  /** Read DDATA/NDATA with the fast scanner where it can (default true); false: always the library's decoding. */
  fastData?: boolean;
}
