import { sql, type Transaction } from 'kysely';
import type { Worker, WorkerStatus } from '@gearbridge/contracts/labor';
import { requireInScope, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors';
import type { FieldCipher } from '../../../platform/pii';
import { LP } from '../permissions';
import { ownedSql } from './worker-view';
import { today } from './worker-input';
import { ownerView } from './workers.service';
import { JOB_STATUSES, raiseRelapseAlert } from '../placement/alerts.service';
import { asParam, refJson, statusName, storedText, textOf, type StoredText } from '../texts';
import type { DB, Database } from '../db';
import { m } from '../messages';

export interface StatusChange {
  status: WorkerStatus;
  effectiveOn?: string;
  /** A person's words, or a text the server writes (stored as its key, rendered in the reader's language). */
  reason: string | StoredText;
}

/**
 * Appends a status change to the worker's history and sets the current status, in the caller's transaction.
 * Refuses a change to the status the worker is already in, a date in the future, and a date before the latest
 * recorded change (the history stays in order). Part 2's placements call this inside their own transaction.
 */
export async function appendStatus(
  trx: Transaction<Database>,
  actor: Actor | null,
  cipher: FieldCipher,
  workerId: string,
  c: StatusChange,
  cause: string = 'labor.worker.status',
): Promise<Worker> {
  // Locks the worker: two changes at once cannot both read the same "current" status.
  const w = await trx.selectFrom('labor_workers').select(['status', 'org_id']).where('id', '=', workerId).forUpdate().executeTakeFirst();
  if (!w) throw notFound(m('labor.worker.not_found'));
  const on = c.effectiveOn ?? today();
  if (on > today()) throw invalid(m('labor.status.in_future'), { effectiveOn: m('labor.field.not_in_future') });
  if (w.status === c.status) throw conflict(m(`labor.status.already_${c.status}`), { status: m('labor.status.field_unchanged') });
  const latest = await trx.selectFrom('labor_worker_status_history').select('effective_on').where('worker_id', '=', workerId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (latest && on < latest.effective_on) {
    throw invalid(m('labor.status.before_latest', { date: latest.effective_on }), { effectiveOn: m('labor.field.on_or_after', { date: latest.effective_on }) });
  }
  const before = await ownerView(trx, cipher, workerId);
  await trx
    .insertInto('labor_worker_status_history')
    .values({
      worker_id: workerId,
      status: c.status,
      previous_status: w.status,
      effective_on: on,
      reason: textOf(c.reason),
      reason_ref: refJson(c.reason),
      changed_by: actor?.userId ?? null,
    })
    .execute();
  await trx.updateTable('labor_workers').set({ status: c.status, status_since: on, updated_at: sql<Date>`now()` }).where('id', '=', workerId).execute();
  const after = await ownerView(trx, cipher, workerId);
  await writeAudit(trx, actor, {
    action: cause,
    entity: 'labor_worker',
    entityId: workerId,
    orgId: w.org_id,
    before: { status: before.status, statusSince: before.statusSince },
    after: { status: after.status, statusSince: after.statusSince, reason: textOf(c.reason) },
  });
  // Losing a job raises an anti-relapse alert (防返贫预警) when the worker is registered-poor or monitored.
  if (c.status === 'unemployed' && JOB_STATUSES.has(w.status)) {
    const reason = storedText('labor.text.status_change', { from: statusName(w.status), to: statusName('unemployed'), reason: asParam(c.reason) });
    await raiseRelapseAlert(trx, actor, workerId, { trigger: 'status_change', reason });
  }
  return after;
}

async function requireOwned(db: DB | Transaction<Database>, actor: Actor, workerId: string, permission: string) {
  const w = await db
    .selectFrom('labor_workers as w')
    .innerJoin('organisations as o', 'o.id', 'w.org_id')
    .select(['w.id', 'o.id as org_id', 'o.region_code'])
    .where('w.id', '=', workerId)
    .executeTakeFirst();
  if (!w) throw notFound(m('labor.worker.not_found'));
  requireInScope(actor, permission, { id: w.org_id, regionCode: w.region_code });
}

export async function changeStatus(db: DB, actor: Actor, cipher: FieldCipher, workerId: string, c: StatusChange): Promise<Worker> {
  return db.transaction().execute(async (trx) => {
    await requireOwned(trx, actor, workerId, LP.manage);
    return appendStatus(trx, actor, cipher, workerId, c);
  });
}

/** The full history, oldest first. Only the owner's side reads it: a partner sees the current status only. */
export async function statusHistory(db: DB, actor: Actor, workerId: string) {
  const scope = scopeOf(actor, LP.read);
  const w = await db
    .selectFrom('labor_workers as w')
    .innerJoin('organisations as o', 'o.id', 'w.org_id')
    .select(sql<boolean>`${ownedSql(scope)}`.as('owned'))
    .where('w.id', '=', workerId)
    .executeTakeFirst();
  if (!w) throw notFound(m('labor.worker.not_found'));
  if (!w.owned) throw forbidden(m('labor.status.history_owner_only'));
  const rows = await db
    .selectFrom('labor_worker_status_history as h')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .select(['h.id', 'h.status', 'h.previous_status', 'h.effective_on', 'h.reason', 'h.reason_ref', 'u.display_name', 'h.changed_at'])
    .where('h.worker_id', '=', workerId)
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    previousStatus: r.previous_status,
    effectiveOn: r.effective_on,
    reason: r.reason,
    reasonRef: r.reason_ref,
    changedByName: r.display_name,
    changedAt: new Date(r.changed_at).toISOString(),
  }));
}
