import type { Transaction } from 'kysely';
import type { WorkerStatus } from '@gearbridge/contracts/labor';
import { requireInScope, type Actor } from '../../../platform/authz';
import { invalid } from '../../../platform/errors';
import type { FieldCipher } from '../../../platform/pii';
import { LP } from '../permissions';
import { appendStatus } from '../workers/status.service';
import type { Tx } from '../workers/worker-view';
import type { Database } from '../db';
import { m, type Msg } from '../messages';
import type { StoredText } from '../texts';

/**
 * Checks shared by training, workshops and public-welfare posts (the labour module's support programmes): field
 * errors, the keeping organisation and the managed worker in the actor's scope, the status a programme sets.
 */

export type FieldErrors = Record<string, Msg>;

const INVALID_FIELDS = { class: 'labor.training.class_invalid_fields', workshop: 'labor.workshop.invalid_fields', post: 'labor.post.invalid_fields' } as const;

export function throwIfErrors(errors: FieldErrors, what: keyof typeof INVALID_FIELDS) {
  if (Object.keys(errors).length) throw invalid(m(INVALID_FIELDS[what], { fields: Object.keys(errors).join(', ') }), errors);
}

/** The organisation that keeps a record: given or the user's own, within the permission's scope. */
export async function keepingOrg(db: Tx, actor: Actor, orgId: string | undefined, permission = LP.manage) {
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'region_code'])
    .where('id', '=', orgId ?? actor.orgId)
    .executeTakeFirst();
  if (!org) throw invalid(m('labor.org.unknown'), { orgId: m('labor.org.field_unknown') });
  requireInScope(actor, permission, { id: org.id, regionCode: org.region_code });
  return org;
}

/** A worker the user manages (labor.manage over the worker's bureau): 400 when unknown, 403 outside the scope. */
export async function managedWorker(db: Tx, actor: Actor, workerId: string, field = 'workerId') {
  const w = await db
    .selectFrom('labor_workers as w')
    .innerJoin('organisations as o', 'o.id', 'w.org_id')
    .select(['w.id', 'w.status', 'w.name_masked', 'w.home_region_code', 'w.certificates', 'o.id as org_id', 'o.region_code as org_region_code'])
    .where('w.id', '=', workerId)
    .executeTakeFirst();
  if (!w) throw invalid(m('labor.worker.unknown'), { [field]: m('labor.worker.field_unknown') });
  requireInScope(actor, LP.manage, { id: w.org_id, regionCode: w.org_region_code });
  return w;
}

/**
 * Records a status change that a programme implies (training, a workshop job, a public-welfare post), when the
 * worker is in one of `from` (or any status, without `from`) and not already in `to`. The change takes effect on
 * `on`, or on the latest recorded change if that is later, so the history stays in order.
 */
export async function statusFor(
  trx: Transaction<Database>,
  actor: Actor,
  cipher: FieldCipher,
  workerId: string,
  c: { to: WorkerStatus; on: string; reason: StoredText; from?: readonly WorkerStatus[] },
): Promise<boolean> {
  const w = await trx.selectFrom('labor_workers').select('status').where('id', '=', workerId).executeTakeFirstOrThrow();
  if (w.status === c.to || (c.from && !c.from.includes(w.status))) return false;
  const latest = await trx.selectFrom('labor_worker_status_history').select('effective_on').where('worker_id', '=', workerId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const effectiveOn = latest && latest.effective_on > c.on ? latest.effective_on : c.on;
  await appendStatus(trx, actor, cipher, workerId, { status: c.to, effectiveOn, reason: c.reason });
  return true;
}

/** An ID number or a mobile number standing where another number belongs (a certificate's). */
export const looksPersonal = (v: string) => /^\d{17}[\dXx]$/.test(v.trim()) || /^1[3-9]\d{9}$/.test(v.trim());

export const isoOrNull = (d: Date | null) => (d ? new Date(d).toISOString() : null);
