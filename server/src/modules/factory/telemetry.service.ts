import { sql } from 'kysely';
import { requirePermission, scopeOf, type Actor, orgInScopeSql } from '../../platform/authz';
import { forbidden, invalid, notFound } from '../../platform/errors';
import { paged } from '../../platform/db';
import { getDevice } from './equipment.service';
import { FP } from './permissions';
import { readRollups } from './ingest/rollups';
import type { DB } from './db';
import { m } from './messages';

const MAX_POINTS = 5_000;

/** A device metric over time from the 1-minute rollups (charts read raw telemetry only for minutes not yet rolled up). */
export async function metricSeries(db: DB, actor: Actor, deviceId: string, q: { metric: string; from: string; to: string }) {
  const device = await getDevice(db, actor, deviceId);
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (!(from < to)) throw invalid(m('factory.query.from_after_to'), { from: m('factory.query.from_after_to_field') });
  if ((to.getTime() - from.getTime()) / 60_000 > MAX_POINTS)
    throw invalid(m('factory.query.too_many_minutes', { max: MAX_POINTS }), { to: m('factory.query.range_too_long_field') });
  const metric = await db
    .selectFrom('factory_metrics as m')
    .innerJoin('factory_devices as d', 'd.num', 'm.device_num')
    .select(['m.id', 'm.unit', 'd.num'])
    .where('d.id', '=', deviceId)
    .where('m.name', '=', q.metric)
    .executeTakeFirst();
  if (!metric) throw notFound(m('factory.telemetry.metric_not_found', { metric: q.metric, device: device.code }));
  const rows = await readRollups(db, [metric.id], from, to);
  return {
    device: device.code,
    metric: q.metric,
    unit: metric.unit,
    points: rows.map((r) => ({ t: new Date(r.bucket).toISOString(), avg: r.sum / r.n, min: r.min, max: r.max, last: r.last })),
  };
}

/** What the ingest has seen, for the connectivity page: dead letters by reason, devices online. */
/** No device message for this long (seconds) and the plant feed counts as stopped (SPEC: "no messages for a minute"). */
export const FEED_SILENT_S = 60;

/**
 * Whether the plant feed runs, from the records: the newest point any device in scope sent. A broker that did not
 * start, an ingest that is off or stalled, and devices that all went quiet look the same here — no data — and none
 * of them is "all devices online".
 */
export function feedOf(lastPointAt: Date | null, now: number) {
  if (!lastPointAt) return { live: false, silentS: null, staleAfterS: FEED_SILENT_S };
  const silentS = Math.max(0, Math.round((now - lastPointAt.getTime()) / 1000));
  return { live: silentS <= FEED_SILENT_S, silentS, staleAfterS: FEED_SILENT_S };
}

export async function ingestStats(db: DB, actor: Actor, now = Date.now()) {
  requirePermission(actor, FP.read);
  const scope = scopeOf(actor, FP.read);
  const devices = await db
    .selectFrom('factory_devices as d')
    .innerJoin('organisations as o', 'o.id', 'd.org_id')
    .select([
      (eb) => eb.fn.countAll<number>().as('total'),
      (eb) => eb.fn.sum<number>(sql`case when d.online then 1 else 0 end`).as('online'),
      (eb) => eb.fn.sum<number>(sql`case when d.discovered then 1 else 0 end`).as('discovered'),
      (eb) => eb.fn.max('d.last_seen_at').as('last'),
    ])
    .where(orgInScopeSql(scope))
    .executeTakeFirstOrThrow();
  // Dead letters belong to no organisation (they failed before one was known): counted for everyone who may read
  // factory data, their content listed only for platform administrators.
  // Counted in messages: a summary row stands for the messages over the rate limit that were not stored one by one.
  const byReason = await db
    .selectFrom('factory_dead_letters')
    .select(['reason', (eb) => eb.fn.sum<number>('messages').as('n')])
    .groupBy('reason')
    .execute();
  const last24h = await db
    .selectFrom('factory_dead_letters')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('messages'), sql<number>`0`).as('n'))
    .where('at', '>', new Date(Date.now() - 86_400_000))
    .executeTakeFirstOrThrow();
  return {
    deadLetters: {
      total: byReason.reduce((s, r) => s + Number(r.n), 0),
      last24h: Number(last24h.n),
      byReason: Object.fromEntries(byReason.map((r) => [r.reason, Number(r.n)])),
    },
    devices: { total: Number(devices.total), online: Number(devices.online ?? 0), discovered: Number(devices.discovered ?? 0) },
    lastPointAt: devices.last ? new Date(devices.last as Date).toISOString() : null,
    feed: feedOf(devices.last ? new Date(devices.last as Date) : null, now),
  };
}

export async function listDeadLetters(db: DB, actor: Actor, f: { page: number; pageSize: number; reason?: string }) {
  if (!actor.platformAdmin) throw forbidden(m('factory.telemetry.dead_letters_admin_only'));
  let q = db.selectFrom('factory_dead_letters');
  if (f.reason) q = q.where('reason', '=', f.reason);
  const { rows, total } = await paged(q, f, (b) => b.select(['id', 'at', 'topic', 'reason', 'detail', 'size', 'sha256', 'truncated', 'messages']).orderBy('id', 'desc'));
  return {
    total,
    items: rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      topic: r.topic,
      reason: r.reason,
      detail: r.detail,
      size: r.size === null ? null : Number(r.size),
      sha256: r.sha256,
      truncated: r.truncated,
      messages: Number(r.messages),
    })),
  };
}
