import { sql } from 'kysely';
import type { Alarm } from '@gearbridge/contracts/factory';
import { requireInScope, scopeOf, type Actor, orgInScopeSql } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { containing, paged } from '../../platform/db';
import { conflict, invalid, notFound } from '../../platform/errors';
import { FP } from './permissions';
import type { DB } from './db';
import { m } from './messages';
import { requireOwnPlant } from './own-plant';

function alarmQuery(db: DB) {
  return db
    .selectFrom('factory_alarms as a')
    .innerJoin('factory_devices as d', 'd.num', 'a.device_num')
    .innerJoin('organisations as o', 'o.id', 'a.org_id')
    .leftJoin('factory_lines as l', 'l.id', 'd.line_id')
    .leftJoin('users as ua', 'ua.id', 'a.acknowledged_by')
    .leftJoin('users as ur', 'ur.id', 'a.resolved_by')
    .select([
      'a.id',
      'a.org_id',
      'o.region_code',
      'd.id as device_id',
      'd.code as device_code',
      'd.name_zh as device_name_zh',
      'd.name_en as device_name_en',
      'l.id as line_id',
      'l.code as line_code',
      'a.source',
      'a.code',
      'a.severity',
      'a.message_zh',
      'a.message_en',
      'a.value',
      'a.raised_at',
      'a.acknowledged_at',
      'ua.display_name as ack_name',
      'a.resolved_at',
      'ur.display_name as res_name',
      'a.note',
      'a.updated_at',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof alarmQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const secs = (a: Date | null, b: Date) => (a ? (new Date(a).getTime() - new Date(b).getTime()) / 1000 : null);

export const toAlarm = (r: Row): Alarm => ({
  id: Number(r.id),
  orgId: r.org_id,
  deviceId: r.device_id,
  deviceCode: r.device_code,
  deviceNameZh: r.device_name_zh,
  deviceNameEn: r.device_name_en,
  lineId: r.line_id,
  lineCode: r.line_code,
  source: r.source,
  code: r.code,
  severity: r.severity,
  messageZh: r.message_zh,
  messageEn: r.message_en,
  value: r.value,
  raisedAt: new Date(r.raised_at).toISOString(),
  acknowledgedAt: iso(r.acknowledged_at),
  // A device that cleared its own alarm has no person as resolver.
  acknowledgedBy: r.ack_name,
  resolvedAt: iso(r.resolved_at),
  resolvedBy: r.resolved_at ? (r.res_name ?? 'device') : null,
  note: r.note,
  responseS: secs(r.acknowledged_at, r.raised_at),
  repairS: secs(r.resolved_at, r.raised_at),
});

export interface AlarmFilter {
  page: number;
  pageSize: number;
  state: 'open' | 'unacknowledged' | 'resolved' | 'all';
  lineId?: string;
  deviceId?: string;
  q?: string;
}

export async function listAlarms(db: DB, actor: Actor, f: AlarmFilter) {
  let q = alarmQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (f.state === 'open') q = q.where('a.resolved_at', 'is', null);
  if (f.state === 'unacknowledged') q = q.where('a.resolved_at', 'is', null).where('a.acknowledged_at', 'is', null);
  if (f.state === 'resolved') q = q.where('a.resolved_at', 'is not', null);
  if (f.lineId) q = q.where('d.line_id', '=', f.lineId);
  if (f.deviceId) q = q.where('d.id', '=', f.deviceId);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('d.code', 'ilike', like), eb('a.message_zh', 'ilike', like), eb('a.message_en', 'ilike', like)]));
  }
  // Open alarms: the most severe and oldest first, as an andon board shows them; otherwise newest first.
  const { rows, total } = await paged(q, f, (b) =>
    f.state === 'open' || f.state === 'unacknowledged'
      ? b.orderBy(sql`case a.severity when 'critical' then 0 when 'warning' then 1 else 2 end`).orderBy('a.raised_at')
      : b.orderBy('a.raised_at', 'desc'),
  );
  return { items: rows.map(toAlarm), total };
}

async function load(db: DB, actor: Actor, id: number) {
  const r = await alarmQuery(db).where('a.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(m('factory.alarm.not_found'));
  requireInScope(actor, FP.read, { id: r.org_id, regionCode: r.region_code });
  return r;
}

/**
 * Somebody has seen it and is on the way: the response time stops. The plant's operators do this (factory.read in
 * the owning organisation); readers from elsewhere only watch.
 */
export async function acknowledge(db: DB, actor: Actor, id: number): Promise<Alarm> {
  return db.transaction().execute(async (trx) => {
    const before = await load(trx, actor, id);
    requireOwnPlant(actor, FP.read, before.org_id);
    if (before.acknowledged_at) throw conflict(m('factory.alarm.already_acknowledged'));
    await trx.updateTable('factory_alarms').set({ acknowledged_at: new Date(), acknowledged_by: actor.userId, updated_at: new Date() }).where('id', '=', id).execute();
    const after = toAlarm(await load(trx, actor, id));
    await writeAudit(trx, actor, {
      action: 'factory.alarm.acknowledge',
      entity: 'alarm',
      entityId: String(id),
      orgId: before.org_id,
      after: { acknowledgedAt: after.acknowledgedAt },
    });
    return after;
  });
}

/**
 * Closed by a person (e.g. a rule alarm whose cause was dealt with); acknowledges it too if nobody had. Needs the
 * plant's manage permission in the owning organisation.
 */
export async function resolve(db: DB, actor: Actor, id: number, note?: string): Promise<Alarm> {
  return db.transaction().execute(async (trx) => {
    const before = await load(trx, actor, id);
    requireOwnPlant(actor, FP.manage, before.org_id);
    if (before.resolved_at) throw conflict(m('factory.alarm.already_resolved'));
    const now = new Date();
    await trx
      .updateTable('factory_alarms')
      .set({
        resolved_at: now,
        resolved_by: actor.userId,
        note: note ?? null,
        updated_at: now,
        ...(before.acknowledged_at ? {} : { acknowledged_at: now, acknowledged_by: actor.userId }),
      })
      .where('id', '=', id)
      .execute();
    const after = toAlarm(await load(trx, actor, id));
    await writeAudit(trx, actor, {
      action: 'factory.alarm.resolve',
      entity: 'alarm',
      entityId: String(id),
      orgId: before.org_id,
      after: { resolvedAt: after.resolvedAt, note: after.note },
    });
    return after;
  });
}

/** Alarms in the actor's scope changed after `since` (the live feed's poll), and the cursor for the next poll. */
export async function changedSince(db: DB, actor: Actor, since: Date): Promise<{ alarms: Alarm[]; cursor: Date }> {
  const rows = await alarmQuery(db)
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .where('a.updated_at', '>', since)
    .orderBy('a.updated_at')
    .limit(500)
    .execute();
  return { alarms: rows.map(toAlarm), cursor: rows.length ? new Date(rows[rows.length - 1].updated_at) : since };
}

/** The database's clock: the feed's cursor compares with updated_at, which the database writes. */
export async function dbNow(db: DB): Promise<Date> {
  return new Date((await sql<{ now: Date }>`select now() as now`.execute(db)).rows[0].now);
}

// ---- threshold rules -----------------------------------------------------------------------------------------

export interface RuleData {
  deviceId: string | null;
  deviceKind: string | null;
  metric: string;
  op: '>' | '>=' | '<' | '<=';
  threshold: number;
  severity: 'info' | 'warning' | 'critical';
  nameZh: string;
  nameEn: string;
  enabled: boolean;
}

const toRule = (r: {
  id: string;
  org_id: string;
  device_id: string | null;
  device_kind: string | null;
  metric: string;
  op: RuleData['op'];
  threshold: number;
  severity: RuleData['severity'];
  name_zh: string;
  name_en: string;
  enabled: boolean;
  created_at: Date;
}) => ({
  id: r.id,
  orgId: r.org_id,
  deviceId: r.device_id,
  deviceKind: r.device_kind as never,
  metric: r.metric,
  op: r.op,
  threshold: r.threshold,
  severity: r.severity,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  enabled: r.enabled,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function listRules(db: DB, actor: Actor) {
  const rows = await db
    .selectFrom('factory_alarm_rules as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .selectAll('r')
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .orderBy('r.created_at')
    .execute();
  return rows.map(toRule);
}

async function checkTarget(db: DB, actor: Actor, d: Pick<RuleData, 'deviceId' | 'deviceKind'>) {
  if (d.deviceId && d.deviceKind) throw invalid(m('factory.rule.device_and_kind'), { deviceKind: m('factory.rule.device_and_kind_field') });
  if (!d.deviceId) return actor.orgId;
  const dev = await db
    .selectFrom('factory_devices as d')
    .innerJoin('organisations as o', 'o.id', 'd.org_id')
    .select(['d.org_id', 'o.region_code'])
    .where('d.id', '=', d.deviceId)
    .executeTakeFirst();
  if (!dev) throw invalid(m('factory.device.unknown'), { deviceId: m('factory.device.unknown_field') });
  requireInScope(actor, FP.manage, { id: dev.org_id, regionCode: dev.region_code });
  return dev.org_id;
}

export async function createRule(db: DB, actor: Actor, d: RuleData) {
  scopeOf(actor, FP.manage);
  const orgId = await checkTarget(db, actor, d);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('factory_alarm_rules')
      .values({
        org_id: orgId,
        device_id: d.deviceId,
        device_kind: d.deviceKind,
        metric: d.metric,
        op: d.op,
        threshold: d.threshold,
        severity: d.severity,
        name_zh: d.nameZh,
        name_en: d.nameEn,
        enabled: d.enabled,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'factory.alarm_rule.create', entity: 'alarm_rule', entityId: row.id, orgId, after: toRule(row) });
    return toRule(row);
  });
}

async function loadRule(db: DB, actor: Actor, id: string) {
  const r = await db
    .selectFrom('factory_alarm_rules as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .selectAll('r')
    .select('o.region_code')
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound(m('factory.rule.not_found'));
  requireInScope(actor, FP.manage, { id: r.org_id, regionCode: r.region_code });
  return r;
}

export async function updateRule(db: DB, actor: Actor, id: string, p: Partial<RuleData>) {
  const before = await loadRule(db, actor, id);
  const merged = { deviceId: p.deviceId !== undefined ? p.deviceId : before.device_id, deviceKind: p.deviceKind !== undefined ? p.deviceKind : before.device_kind };
  const orgId = await checkTarget(db, actor, merged);
  if (orgId !== before.org_id) throw invalid(m('factory.rule.other_org'), { deviceId: m('factory.rule.other_org_field') });
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('factory_alarm_rules')
      .set({
        device_id: merged.deviceId,
        device_kind: merged.deviceKind,
        ...(p.metric !== undefined && { metric: p.metric }),
        ...(p.op !== undefined && { op: p.op }),
        ...(p.threshold !== undefined && { threshold: p.threshold }),
        ...(p.severity !== undefined && { severity: p.severity }),
        ...(p.nameZh !== undefined && { name_zh: p.nameZh }),
        ...(p.nameEn !== undefined && { name_en: p.nameEn }),
        ...(p.enabled !== undefined && { enabled: p.enabled }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'factory.alarm_rule.update', entity: 'alarm_rule', entityId: id, orgId: before.org_id, before: toRule(before), after: toRule(row) });
    return toRule(row);
  });
}

export async function deleteRule(db: DB, actor: Actor, id: string) {
  const before = await loadRule(db, actor, id);
  await db.transaction().execute(async (trx) => {
    // Its open alarms would otherwise stay open for ever: nothing evaluates a deleted rule.
    const now = new Date();
    await trx
      .updateTable('factory_alarms')
      .set({ resolved_at: now, resolved_by: actor.userId, note: 'rule deleted', updated_at: now })
      .where('source', '=', 'rule')
      .where('code', '=', id)
      .where('resolved_at', 'is', null)
      .execute();
    await trx.deleteFrom('factory_alarm_rules').where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'factory.alarm_rule.delete', entity: 'alarm_rule', entityId: id, orgId: before.org_id, before: toRule(before) });
  });
}
