import { sql, type Transaction } from 'kysely';
import type { AlertQuery, RelapseAlert } from '@gearbridge/contracts/labor';
import { requireInScope, scopeOf, type Actor, orgInScopeSql } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, notFound } from '../../../platform/errors';
import { LP } from '../permissions';
import type { DB, Database, LaborWorkerStatus } from '../db';
import { m } from '../messages';
import { refJson, type StoredText } from '../texts';
import { paged } from '../../../platform/db';

type Tx = DB | Transaction<Database>;

/** Statuses with an income from work: leaving one of them for "unemployed" is losing a job. */
export const JOB_STATUSES: ReadonlySet<LaborWorkerStatus> = new Set(['employed_local', 'employed_out_of_province', 'self_employed', 'public_welfare_post']);

/**
 * Raises an anti-relapse alert (防返贫预警) for a registered-poor (建档立卡) or monitored (防返贫监测) worker, in the
 * caller's transaction, with its audit row. Nothing for other workers, and nothing new while the worker already
 * has a live (open or acknowledged) alert: the caseworker is already on it. Returns the new alert's id, or null.
 */
export async function raiseRelapseAlert(
  trx: Transaction<Database>,
  actor: Actor | null,
  workerId: string,
  a: { trigger: 'status_change' | 'followup'; reason: StoredText; followUpId?: string | null },
): Promise<string | null> {
  const w = await trx.selectFrom('labor_workers').select(['org_id', 'registered_poor', 'monitoring_category']).where('id', '=', workerId).executeTakeFirst();
  if (!w || (!w.registered_poor && !w.monitoring_category)) return null;
  const live = await trx.selectFrom('labor_relapse_alerts').select('id').where('worker_id', '=', workerId).where('status', '<>', 'closed').executeTakeFirst();
  if (live) return null;
  const { id } = await trx
    .insertInto('labor_relapse_alerts')
    .values({ worker_id: workerId, trigger: a.trigger, followup_id: a.followUpId ?? null, reason: a.reason.text, reason_ref: refJson(a.reason) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(trx, actor, {
    action: 'labor.alert.raise',
    entity: 'labor_relapse_alert',
    entityId: id,
    orgId: w.org_id,
    after: { workerId, trigger: a.trigger, reason: a.reason.text },
  });
  return id;
}

function alertQuery(db: Tx) {
  return db
    .selectFrom('labor_relapse_alerts as a')
    .innerJoin('labor_workers as w', 'w.id', 'a.worker_id')
    .innerJoin('organisations as o', 'o.id', 'w.org_id')
    .leftJoin('regions as g', 'g.code', 'w.home_region_code')
    .leftJoin('users as cw', 'cw.id', 'w.caseworker_id')
    .leftJoin('users as ab', 'ab.id', 'a.acknowledged_by')
    .leftJoin('users as cb', 'cb.id', 'a.closed_by')
    .selectAll('a')
    .select([
      'w.name_masked',
      'w.registered_poor',
      'w.monitoring_category',
      'g.full_name as home_region_name',
      'w.caseworker_id',
      'cw.display_name as caseworker_name',
      'ab.display_name as acknowledged_by_name',
      'cb.display_name as closed_by_name',
      'o.id as org_id',
      'o.region_code as org_region_code',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof alertQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toAlert = (r: Row): RelapseAlert => ({
  id: r.id,
  workerId: r.worker_id,
  workerNameMasked: r.name_masked,
  registeredPoor: r.registered_poor,
  monitoringCategory: r.monitoring_category,
  homeRegionName: r.home_region_name,
  caseworkerId: r.caseworker_id,
  caseworkerName: r.caseworker_name,
  trigger: r.trigger,
  followUpId: r.followup_id,
  reason: r.reason,
  reasonRef: r.reason_ref,
  status: r.status,
  raisedAt: iso(r.raised_at)!,
  acknowledgedAt: iso(r.acknowledged_at),
  acknowledgedByName: r.acknowledged_by_name,
  closedAt: iso(r.closed_at),
  closedByName: r.closed_by_name,
  closeNote: r.close_note,
});

/**
 * Alerts about the workers of the own scope, newest first. Only the worker's own bureau sees them: a partner that
 * received a share learns nothing of a household's monitoring.
 */
export async function listAlerts(db: DB, actor: Actor, f: AlertQuery): Promise<{ items: RelapseAlert[]; total: number }> {
  let q = alertQuery(db).where(orgInScopeSql(scopeOf(actor, LP.read), 'o'));
  if (f.status === 'live') q = q.where('a.status', '<>', 'closed');
  else if (f.status !== 'all') q = q.where('a.status', '=', f.status);
  if (f.caseworkerId) q = q.where('w.caseworker_id', '=', f.caseworkerId);
  if (f.workerId) q = q.where('a.worker_id', '=', f.workerId);
  const { rows, total } = await paged(q, f, (b) => b.orderBy('a.raised_at', 'desc').orderBy('a.id'));
  return { items: rows.map(toAlert), total };
}

export async function getAlert(db: Tx, actor: Actor, id: string): Promise<RelapseAlert> {
  const row = await alertQuery(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('labor.alert.not_found'));
  requireInScope(actor, LP.read, { id: row.org_id, regionCode: row.org_region_code });
  return toAlert(row);
}

/** open → acknowledged (the caseworker has seen it and is acting); acknowledged or open → closed with a note. */
export async function moveAlert(db: DB, actor: Actor, id: string, to: 'acknowledged' | 'closed', note?: string): Promise<RelapseAlert> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('labor_relapse_alerts').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await alertQuery(trx).where('a.id', '=', id).executeTakeFirst();
    if (!row) throw notFound(m('labor.alert.not_found'));
    requireInScope(actor, LP.manage, { id: row.org_id, regionCode: row.org_region_code });
    if (row.status === 'closed') throw conflict(m('labor.alert.already_closed'), { status: m('labor.alert.field_closed') });
    if (to === 'acknowledged' && row.status !== 'open') throw conflict(m('labor.alert.already_acknowledged'), { status: m('labor.alert.field_acknowledged') });
    const now = sql<Date>`now()`;
    await trx
      .updateTable('labor_relapse_alerts')
      .set(
        to === 'acknowledged'
          ? { status: 'acknowledged', acknowledged_by: actor.userId, acknowledged_at: now }
          : { status: 'closed', closed_by: actor.userId, closed_at: now, close_note: note ?? '' },
      )
      .where('id', '=', id)
      .execute();
    const after = toAlert(await alertQuery(trx).where('a.id', '=', id).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, {
      action: to === 'acknowledged' ? 'labor.alert.acknowledge' : 'labor.alert.close',
      entity: 'labor_relapse_alert',
      entityId: id,
      orgId: row.org_id,
      before: { status: row.status },
      after: { status: after.status, note: after.closeNote },
    });
    return after;
  });
}
