import type { RawQuery } from '../../../platform/db';

const DAY = 86_400_000;
/** pg_advisory_xact_lock key of partition creation ('GBPT'). */
const PARTITION_LOCK = 0x47425054;
const dayStart = (t: number) => t - (t % DAY);
const nameOf = (t: number) => `factory_telemetry_d${new Date(t).toISOString().slice(0, 10).replaceAll('-', '')}`;

/**
 * Daily partitions of factory_telemetry (UTC days) from `back` days ago to `ahead` days on. Rows that already sit
 * in the default partition for a new day's range are moved into it in the same transaction (otherwise PostgreSQL
 * refuses to create the partition).
 */
export async function ensurePartitions(q: RawQuery, now: number, back = 1, ahead = 2): Promise<string[]> {
  const existing = new Set(
    (
      await q<{ name: string }>(
        `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = 'factory_telemetry'`,
      )
    ).map((r) => r.name),
  );
  const created: string[] = [];
  for (let d = -back; d <= ahead; d++) {
    const from = dayStart(now) + d * DAY;
    const name = nameOf(from);
    if (existing.has(name)) continue;
    const lo = new Date(from).toISOString();
    const hi = new Date(from + DAY).toISOString();
    await q('begin');
    try {
      // One process at a time: two ingest processes starting together both moved rows out of the default partition
      // and then each waited for the other's lock on it to create the partition — a deadlock that stopped one.
      await q('select pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
      await q(`create temp table gb_moved on commit drop as select * from factory_telemetry_default where ts >= '${lo}' and ts < '${hi}'`);
      await q(`delete from factory_telemetry_default where ts >= '${lo}' and ts < '${hi}'`);
      await q(`create table if not exists ${name} partition of factory_telemetry for values from ('${lo}') to ('${hi}')`);
      await q('insert into factory_telemetry select * from gb_moved');
      await q('commit');
      created.push(name);
    } catch (err) {
      await q('rollback');
      // Another ingest process created it between our look and our create: fine.
      if (!/already exists/.test((err as Error).message)) throw err;
    }
  }
  return created;
}

/** Drops whole daily partitions older than the retention (cheap, unlike deleting rows), old rollups and old dead letters. */
export async function applyRetention(q: RawQuery, now: number, telemetryDays: number, rollupDays: number, deadLetterDays = 30): Promise<string[]> {
  const cutoff = dayStart(now) - telemetryDays * DAY;
  const parts = await q<{ name: string }>(
    `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = 'factory_telemetry' and c.relname like 'factory_telemetry_d%'`,
  );
  const dropped: string[] = [];
  for (const { name } of parts) {
    const m = /_d(\d{4})(\d{2})(\d{2})$/.exec(name);
    if (!m) continue;
    if (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) < cutoff) {
      await q(`drop table if exists ${name}`);
      dropped.push(name);
    }
  }
  await q('delete from factory_telemetry_default where ts < $1', [new Date(cutoff).toISOString()]);
  await q('delete from factory_telemetry_1m where bucket < $1', [new Date(dayStart(now) - rollupDays * DAY).toISOString()]);
  await q('delete from factory_dead_letters where at < $1', [new Date(now - deadLetterDays * DAY).toISOString()]);
  return dropped;
}
