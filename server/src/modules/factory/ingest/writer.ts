import { capped, type StoredDeadLetter } from './dead-letters';
import { recordUnitEvent, type UnitEventIn } from '../production/unit-events';
import { recordAgvAnswer, type AgvAnswer } from '../logistics/agv';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { RawQuery } from '../../../platform/db';
import { copyBinary, type TelemetryRow } from './rows';
import { markMinutes, minutesOf, rollUp } from './rollups';
import { writeAlarms, type AlarmChange } from './alarms';
import type { DbHandle } from '../db';

export interface DeadLetterRow {
  at: number;
  topic: string;
  reason: string;
  detail: string;
  payload: Buffer | null;
}
/** The reason of an offline event the host's silence sweep raised for a JSON device (sparkplug/host.ts sweep). */
export const SILENT = 'silent';

export interface DeviceEventRow {
  device: number;
  at: number;
  kind: 'online' | 'offline';
  reason: string | null;
}

export interface StateChange {
  device: number;
  ts: number;
  state: 'running' | 'idle' | 'down' | 'setup' | 'planned_stop' | 'offline';
  reason: number | null;
}

/** Everything one batch of messages produced; written in one transaction, then the messages are acknowledged. */
export interface Batch {
  rows: TelemetryRow[];
  /** In arrival order. */
  states: StateChange[];
  alarms: AlarmChange[];
  /** Capped and rate-limited (dead-letters.ts). */
  deadLetters: StoredDeadLetter[];
  events: DeviceEventRow[];
  /** Latest time each device was heard from. */
  seen: Map<number, number>;
  /** Dead letters whose messages this batch stores after all (DATA read again once its BIRTH came): deleted with it. */
  replayed?: number[];
  /** Stations' reports of units (production/unit-events.ts), in arrival order, each with the message it came in. */
  units?: { event: UnitEventIn; topic: string; payload: Buffer | null; at: number }[];
  /** AGVs' answers to transfer orders (logistics/agv.ts), in arrival order, each with the message it came in. */
  agv?: { answer: AgvAnswer; topic: string; payload: Buffer | null; at: number }[];
  /**
   * Rows that met a stored row of the same key with a different value (`conflicting_value`), as the dead letters to
   * store for them (capped and rate-limited by the caller). Asked only when the insert skipped rows.
   */
  conflicts?(found: ConflictingPoint[]): StoredDeadLetter[];
  /**
   * The units' and AGV answers' refusals found while writing, as the dead letters to store (every one: data refusals
   * are never only counted; the caller counts them, bounds their bytes and logs them at most once a minute).
   */
  refused?(rows: DeadLetterRow[]): StoredDeadLetter[];
}

/** A value for a device, metric and time that already has a different one stored (the stored one is kept). */
export interface ConflictingPoint {
  group: string;
  node: string;
  /** '' for an edge node's own metric. */
  device: string;
  metric: string;
  ts: number;
  stored: number | string | null;
  sent: number | string | null;
}

export interface WriteResult {
  inserted: number;
  duplicates: number;
  /** The dead letters `Batch.conflicts` gave and the batch stored. */
  conflicting?: StoredDeadLetter[];
  /** The dead letters `Batch.refused` gave (units' and AGV answers' refusals) and the batch stored. */
  refused?: StoredDeadLetter[];
}

export interface SetAside {
  id: number;
  at: number;
  payload: Buffer;
}

export interface BatchWriter {
  readonly kind: 'copy' | 'insert';
  /**
   * How many batches may be writing at once, each on a connection of its own (default 1). PostgreSQL: 2 — the
   * next batch's COPY overlaps the one before; PGlite: 1 (one connection).
   */
  readonly concurrency?: number;
  /**
   * Writes the batch in one transaction. `before` resolves once every earlier batch has committed: the writer
   * writes the telemetry rows first, then waits for it before everything that must follow the earlier batches
   * (dead letters, presence, states, alarms, the minutes to roll up) and the commit — so batches commit, and
   * their states and alarms apply, in the order they were taken.
   */
  write(b: Batch, before?: Promise<void>): Promise<WriteResult>;
  /** Dead letters of one topic and reason since a time, by id after `afterId` (see replay.ts). */
  setAside(topic: string, reason: string, since: number, afterId: number, limit: number): Promise<SetAside[]>;
  /** Recomputes the rollups of closed, marked minutes (rollups.ts); returns how many minutes it did. */
  rollUp(now: number): Promise<number>;
  close(): Promise<void>;
}

const SET_ASIDE = `
  select id, (extract(epoch from at) * 1000)::float8 as at, payload from factory_dead_letters
  where reason = $1 and topic = $2 and at >= $3 and id > $4 and payload is not null and not truncated order by id limit $5`;
const setAsideParams = (topic: string, reason: string, since: number, afterId: number, limit: number) => [reason, topic, new Date(since).toISOString(), afterId, limit];
const toSetAside = (rows: Array<{ id: number | string; at: number; payload: Buffer }>): SetAside[] => rows.map((r) => ({ id: Number(r.id), at: Number(r.at), payload: r.payload }));

const INSERT_ON_CONFLICT = `
  insert into factory_telemetry (device_num, metric_id, ts, value, value_text)
  select * from unnest($1::int[], $2::int[], $3::timestamptz[], $4::float8[], $5::text[])
  on conflict do nothing
  returning 1`;

/**
 * The batch's rows whose key the table holds with another value: run after the insert, only when it skipped rows
 * (a redelivery, or two values for one key), so the hot path — a COPY that met no key — never pays for it. In the
 * batch's transaction, so the row stored for each key is the first one written (an earlier batch's, or the first
 * of this batch's in arrival order); a row equal to it is a redelivery and not returned.
 */
const CONFLICTS = `
  select d.sp_group as "group", d.sp_node as node, d.sp_device as device, m.name as metric,
         (extract(epoch from v.ts) * 1000)::float8 as ts, t.value as stored_value, t.value_text as stored_text, v.value, v.value_text
  from unnest($1::int[], $2::int[], $3::timestamptz[], $4::float8[], $5::text[]) as v(device_num, metric_id, ts, value, value_text)
  join factory_telemetry t on t.device_num = v.device_num and t.metric_id = v.metric_id and t.ts = v.ts
  join factory_devices d on d.num = v.device_num
  join factory_metrics m on m.id = v.metric_id
  where t.value is distinct from v.value or t.value_text is distinct from v.value_text`;

type ConflictRow = {
  group: string;
  node: string;
  device: string;
  metric: string;
  ts: number;
  stored_value: number | null;
  stored_text: string | null;
  value: number | null;
  value_text: string | null;
};

async function conflictLetters(q: RawQuery, b: Batch, inserted: number): Promise<StoredDeadLetter[]> {
  if (inserted >= b.rows.length || !b.conflicts) return [];
  const found = await q<ConflictRow>(CONFLICTS, columns(b.rows));
  if (!found.length) return [];
  return b.conflicts(
    found.map((r) => ({
      group: r.group,
      node: r.node,
      device: r.device,
      metric: r.metric,
      ts: Number(r.ts),
      stored: r.stored_text ?? (r.stored_value === null ? null : Number(r.stored_value)),
      sent: r.value_text ?? (r.value === null ? null : Number(r.value)),
    })),
  );
}

/**
 * Shared by both writers: dead letters, device presence, states, alarms — everything after the telemetry rows —
 * and, last (it takes the minute's queue-row lock, held until commit), the minutes whose rollups are now due.
 */
async function writeRest(q: RawQuery, b: Batch, conflicting: StoredDeadLetter[]): Promise<StoredDeadLetter[]> {
  // The batch's devices' rows, locked up front in one order. Presence, states and last_seen_at below touch them in
  // arrival order (and an UPDATE … FROM in whatever order its plan reads them): batches of two ingest processes
  // that locked the same devices in different orders deadlocked (PostgreSQL broke it after a second, and one batch
  // was written again). NO KEY UPDATE: what those updates take, and no wait for inserts that only reference a row.
  const devices = [...new Set([...b.seen.keys(), ...b.events.map((e) => e.device), ...b.states.map((x) => x.device), ...b.alarms.map((a) => a.device)])];
  if (devices.length) await q('select num from factory_devices where num = any($1::int[]) order by num for no key update', [devices.sort((x, y) => x - y)]);
  for (const d of conflicting.length ? [...b.deadLetters, ...conflicting] : b.deadLetters) await insertDeadLetter(q, d);
  if (b.replayed?.length) await q('delete from factory_dead_letters where id = any($1::bigint[])', [b.replayed]);
  let states = b.states;
  for (const e of b.events) {
    if (e.kind === 'offline' && e.reason === SILENT) {
      // A JSON device this process has not heard from for the timeout. With several ingest processes sharing
      // the load, another may have heard it since (its batches move last_seen_at): then it is not silent, and
      // the process that gets its messages now will judge its silence.
      const [row] = await q<{ later: boolean }>('select last_seen_at > $2::timestamptz as later from factory_devices where num = $1', [e.device, new Date(e.at).toISOString()]);
      if (row?.later) {
        states = states.filter((s) => !(s.device === e.device && s.state === 'offline' && s.ts === e.at));
        continue;
      }
    }
    // Only a change: every ingest process of a share group receives every BIRTH and DEATH and writes its event; the
    // first batch to lock the device's row (above) records it, the others find it recorded.
    await q(
      `insert into factory_device_events (device_num, at, kind, reason) select $1, $2, $3, $4
       where (select kind from factory_device_events where device_num = $1 order by at desc limit 1) is distinct from $3`,
      [e.device, new Date(e.at).toISOString(), e.kind, e.reason],
    );
    await q(
      `update factory_devices set online = $2, last_birth_at = case when $2 then $3::timestamptz else last_birth_at end
       where num = $1 and (last_seen_at is null or last_seen_at <= $3::timestamptz or online <> $2)`,
      [e.device, e.kind === 'online', new Date(e.at).toISOString()],
    );
  }
  await writeStates(q, states);
  await writeAlarms(q, b.alarms);
  // Units after the telemetry they came with (their measurements are telemetry too): a report the production
  // rules refuse (an unknown serial, a second completion) is dead-lettered with the reason, in this transaction.
  const refusals: DeadLetterRow[] = [];
  for (const u of b.units ?? []) {
    const r = await recordUnitEvent(q, u.event);
    if (!r.ok) refusals.push({ at: u.at, topic: u.topic, reason: r.reason, detail: r.detail, payload: u.payload });
  }
  // AGV answers move their transfer orders on (a delivery is the warehouse receipt); an answer to an order this AGV
  // was not sent is dead-lettered.
  for (const a of b.agv ?? []) {
    const r = await recordAgvAnswer(q, a.answer);
    if (!r.ok) refusals.push({ at: a.at, topic: a.topic, reason: r.reason, detail: r.detail, payload: a.payload });
  }
  const refused = refusals.length ? (b.refused?.(refusals) ?? refusals.map(capped)) : [];
  for (const d of refused) await insertDeadLetter(q, d);
  if (b.seen.size) {
    const devices = [...b.seen.keys()].sort((x, y) => x - y);
    await q(
      `update factory_devices d set last_seen_at = greatest(d.last_seen_at, v.ts)
       from unnest($1::int[], $2::timestamptz[]) as v(num, ts) where d.num = v.num`,
      [devices, devices.map((n) => new Date(b.seen.get(n)!).toISOString())],
    );
  }
  // The minutes of its rows and of its state changes (a device's death has no row): the minute job also marks a
  // stored OEE day they fall in (oee-rollup.ts), so a late row or state recomputes it.
  await markMinutes(q, minutesOf(b.rows, states));
  return refused;
}

async function insertDeadLetter(q: RawQuery, d: StoredDeadLetter) {
  // A summary row (messages over the rate limit, dead-letters.ts) of a minute another batch began: add to it.
  await q(
    `insert into factory_dead_letters (at, topic, reason, detail, payload, size, sha256, truncated, messages, summary_key)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (summary_key) where summary_key is not null
     do update set messages = factory_dead_letters.messages + excluded.messages, detail = excluded.detail`,
    [new Date(d.at).toISOString(), d.topic, d.reason, d.detail.slice(0, 2000), d.payload, d.size, d.sha256, d.truncated, d.messages, d.summaryKey],
  );
}

/**
 * The state timeline: a reported state that differs from the open interval closes it and opens the next. The
 * same state again (a periodic refresh, a redelivery) changes nothing; a report older than the open interval's
 * start (a late redelivery) is ignored.
 */
async function writeStates(q: RawQuery, changes: StateChange[]) {
  for (const c of changes) {
    const [cur] = await q<{ id: number; state: string; reason_code: number | null; started: number }>(
      `select id, state, reason_code, (extract(epoch from started_at) * 1000)::float8 as started
       from factory_state_intervals where device_num = $1 and ended_at is null for update`,
      [c.device],
    );
    if (cur && (Number(cur.started) > c.ts || (cur.state === c.state && (cur.reason_code ?? null) === c.reason))) continue;
    const at = new Date(c.ts).toISOString();
    if (cur) await q('update factory_state_intervals set ended_at = $2 where id = $1', [cur.id, at]);
    await q('insert into factory_state_intervals (device_num, state, reason_code, started_at) values ($1, $2, $3, $4)', [c.device, c.state, c.reason, at]);
  }
}

const columns = (rows: TelemetryRow[]) => [
  rows.map((r) => r.device),
  rows.map((r) => r.metric),
  rows.map((r) => new Date(r.ts).toISOString()),
  rows.map((r) => r.value),
  rows.map((r) => r.text),
];

/** Batches writing at once on PostgreSQL, by default: measured with bench/ingest on 2 cores (README, Performance). */
export const PG_WRITERS = 2;

/**
 * PostgreSQL: COPY straight into the partitioned table (the fast path). A redelivered message makes COPY meet
 * the primary key; then the batch goes again through insert … on conflict do nothing. Its own small pool — one
 * connection per concurrent batch and one for the rollup job: ingest must not queue behind API requests.
 */
export class PgCopyWriter implements BatchWriter {
  readonly kind = 'copy' as const;
  private pool: pg.Pool;

  constructor(
    databaseUrl: string,
    readonly concurrency = PG_WRITERS,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency + 1 });
    this.pool.on('error', () => {});
  }

  async write(b: Batch, before?: Promise<void>): Promise<WriteResult> {
    const client = await this.pool.connect();
    // A checked-out client has no 'error' listener (the pool listens only while it is idle): a connection reset
    // between two statements — PostgreSQL restarting — was an unhandled 'error' event that killed the ingest.
    // Listening is enough: the next statement fails, the batch is retried, and the pool drops the broken client.
    const onError = () => {};
    client.on('error', onError);
    const q: RawQuery = async (text, params) => (await client.query(text, params)).rows as never;
    try {
      // Round trips cost more than they seem: under load the event loop answers each late (the benchmark saw
      // 15–25 ms for a bare BEGIN). So BEGIN goes out queued with the COPY, and there is no savepoint around the
      // COPY: it is the transaction's first statement, so after a duplicate the whole transaction starts over.
      const begin = client.query('begin');
      let inserted = b.rows.length;
      if (b.rows.length) {
        try {
          const stream = client.query(copyFrom('copy factory_telemetry (device_num, metric_id, ts, value, value_text) from stdin with (format binary)'));
          await Promise.all([begin, pipeline(Readable.from(copyBinary(b.rows)), stream)]);
        } catch (err) {
          await begin.catch(() => {});
          if ((err as { code?: string }).code !== '23505') throw err;
          await client.query('rollback');
          await client.query('begin');
          inserted = (await q(INSERT_ON_CONFLICT, columns(b.rows))).length;
        }
      } else {
        await begin;
      }
      // The rows of two batches writing at once never share a key (the pipeline starts a batch that could only
      // after the earlier one committed), so neither waits here for a lock the other holds.
      const conflicting = await conflictLetters(q, b, inserted);
      await before;
      const refused = await writeRest(q, b, conflicting);
      await client.query('commit');
      return { inserted, duplicates: b.rows.length - inserted, ...(conflicting.length ? { conflicting } : {}), ...(refused.length ? { refused } : {}) };
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.off('error', onError);
      client.release();
    }
  }

  async setAside(topic: string, reason: string, since: number, afterId: number, limit: number): Promise<SetAside[]> {
    return toSetAside((await this.pool.query(SET_ASIDE, setAsideParams(topic, reason, since, afterId, limit))).rows);
  }

  async rollUp(now: number): Promise<number> {
    const client = await this.pool.connect();
    const onError = () => {};
    client.on('error', onError);
    try {
      return await rollUp(async (text, params) => (await client.query(text, params)).rows as never, now);
    } finally {
      client.off('error', onError);
      client.release();
    }
  }

  close() {
    return this.pool.end();
  }
}

/**
 * PGlite (one connection, no COPY from a stream): insert … select from unnest, on conflict do nothing. One batch
 * at a time: a second would wait for the connection the first holds.
 */
export class InsertWriter implements BatchWriter {
  readonly kind = 'insert' as const;
  readonly concurrency = 1;
  constructor(private readonly handle: DbHandle) {}

  async write(b: Batch, before?: Promise<void>): Promise<WriteResult> {
    await before;
    return this.handle.session(async (q) => {
      await q('begin');
      try {
        const inserted = b.rows.length ? (await q(INSERT_ON_CONFLICT, columns(b.rows))).length : 0;
        const conflicting = await conflictLetters(q, b, inserted);
        const refused = await writeRest(q, b, conflicting);
        await q('commit');
        return { inserted, duplicates: b.rows.length - inserted, ...(conflicting.length ? { conflicting } : {}), ...(refused.length ? { refused } : {}) };
      } catch (err) {
        await q('rollback').catch(() => {});
        throw err;
      }
    });
  }

  setAside(topic: string, reason: string, since: number, afterId: number, limit: number): Promise<SetAside[]> {
    return this.handle.session(async (q) => toSetAside(await q(SET_ASIDE, setAsideParams(topic, reason, since, afterId, limit))));
  }

  rollUp(now: number): Promise<number> {
    return this.handle.session((q) => rollUp(q, now));
  }

  async close() {}
}

export function createWriter(handle: DbHandle, databaseUrl: string | undefined, concurrency?: number): BatchWriter {
  return handle.kind === 'postgres' && databaseUrl ? new PgCopyWriter(databaseUrl, concurrency) : new InsertWriter(handle);
}
