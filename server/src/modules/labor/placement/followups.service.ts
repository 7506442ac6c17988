import { sql, type SqlBool, type Transaction } from 'kysely';
import type { FollowUp, FollowUpOutcomeInput, FollowUpQuery } from '@gearbridge/contracts/labor';
import { requireInScope, scopeOf, type Actor, orgInScopeSql } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, invalid, notFound } from '../../../platform/errors';
import type { FieldCipher } from '../../../platform/pii';
import { JOB_STATUSES, raiseRelapseAlert } from './alerts.service';
import { LP } from '../permissions';
import { addDays, followUpSchedule } from './retention';
import { appendStatus } from '../workers/status.service';
import { today } from '../workers/worker-input';
import type { DB, Database } from '../db';
import { m, type Msg } from '../messages';
import { storedText } from '../texts';
import { containing, likeEscaped, paged } from '../../../platform/db';

type Tx = DB | Transaction<Database>;

/** A follow-up may be recorded from this many days before it is due (caseworkers visit villages in rounds). */
export const RECORD_EARLY_DAYS = 14;

/**
 * Schedules the 1, 3, 6 and 12-month follow-ups of a placement that has just started, in the caller's transaction
 * (the referral's "started" step), with an audit row listing the due dates.
 */
export async function scheduleFollowUps(
  trx: Transaction<Database>,
  actor: Actor | null,
  p: { referralId: string; workerId: string; orgId: string; startedOn: string },
): Promise<void> {
  const schedule = followUpSchedule(p.startedOn);
  await trx
    .insertInto('labor_followups')
    .values(schedule.map((s) => ({ referral_id: p.referralId, worker_id: p.workerId, milestone: s.milestone, due_on: s.dueOn })))
    .execute();
  await writeAudit(trx, actor, {
    action: 'labor.followup.schedule',
    entity: 'labor_referral',
    entityId: p.referralId,
    orgId: p.orgId,
    after: { startedOn: p.startedOn, due: schedule },
  });
}

function followUpQuery(db: Tx) {
  return db
    .selectFrom('labor_followups as f')
    .innerJoin('labor_referrals as r', 'r.id', 'f.referral_id')
    .innerJoin('labor_postings as p', 'p.id', 'r.posting_id')
    .innerJoin('organisations as po', 'po.id', 'p.org_id')
    .innerJoin('labor_workers as w', 'w.id', 'f.worker_id')
    .innerJoin('organisations as o', 'o.id', 'w.org_id')
    .leftJoin('users as cw', 'cw.id', 'w.caseworker_id')
    .leftJoin('users as rb', 'rb.id', 'f.recorded_by')
    .selectAll('f')
    .select([
      'w.name_masked',
      'w.registered_poor',
      'w.status as worker_status',
      'cw.display_name as caseworker_name',
      'po.name as employer_name',
      'p.title',
      'r.started_on',
      'rb.display_name as recorded_by_name',
      'o.id as org_id',
      'o.region_code as org_region_code',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof followUpQuery>['executeTakeFirstOrThrow']>>;

/**
 * True when the worker (alias w) has a follow-up to make now: not recorded and due within RECORD_EARLY_DAYS or
 * overdue — the states `due` and `overdue` of followUpState.
 */
export function followUpDueSql(day = today()) {
  return sql<SqlBool>`exists (select 1 from labor_followups fu where fu.worker_id = w.id and fu.outcome is null and fu.due_on <= ${addDays(day, RECORD_EARLY_DAYS)})`;
}

export function followUpState(dueOn: string, recorded: boolean, day = today()): FollowUp['state'] {
  if (recorded) return 'recorded';
  if (dueOn < day) return 'overdue';
  return dueOn <= addDays(day, RECORD_EARLY_DAYS) ? 'due' : 'pending';
}

const toFollowUp = (r: Row): FollowUp => ({
  id: r.id,
  referralId: r.referral_id,
  workerId: r.worker_id,
  workerNameMasked: r.name_masked,
  registeredPoor: r.registered_poor,
  caseworkerName: r.caseworker_name,
  employerName: r.employer_name,
  postingTitle: r.title,
  startedOn: r.started_on ?? '',
  milestone: r.milestone,
  dueOn: r.due_on,
  state: followUpState(r.due_on, r.outcome !== null),
  outcome: r.outcome,
  monthlyWage: r.monthly_wage,
  problems: r.problems,
  contactMethod: r.contact_method,
  contactedOn: r.contacted_on,
  recordedByName: r.recorded_by_name,
  recordedAt: r.recorded_at ? new Date(r.recorded_at).toISOString() : null,
});

/** The caseworkers' due list: follow-ups of the own bureau's workers, soonest due first. */
export async function listFollowUps(db: DB, actor: Actor, f: FollowUpQuery): Promise<{ items: FollowUp[]; total: number }> {
  let q = followUpQuery(db).where(orgInScopeSql(scopeOf(actor, LP.read), 'o'));
  if (f.state === 'open') q = q.where('f.outcome', 'is', null);
  if (f.state === 'overdue') q = q.where('f.outcome', 'is', null).where('f.due_on', '<', today());
  if (f.state === 'recorded') q = q.where('f.outcome', 'is not', null);
  if (f.dueFrom) q = q.where('f.due_on', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('f.due_on', '<=', f.dueTo);
  if (f.milestone) q = q.where('f.milestone', '=', f.milestone);
  if (f.workerId) q = q.where('f.worker_id', '=', f.workerId);
  if (f.caseworkerId) q = q.where('w.caseworker_id', '=', f.caseworkerId);
  if (f.q && [...f.q].length === 1) q = q.where('w.name_masked', 'like', `${likeEscaped(f.q)}%`);
  else if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('po.name', 'ilike', like), eb('p.title', 'ilike', like)]));
  }
  const order = f.state === 'recorded' ? 'desc' : 'asc';
  const { rows, total } = await paged(q, f, (b) => b.orderBy('f.due_on', order).orderBy('f.id'));
  return { items: rows.map(toFollowUp), total };
}

export async function getFollowUp(db: Tx, actor: Actor, id: string): Promise<FollowUp> {
  const row = await followUpQuery(db).where('f.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('labor.followup.not_found'));
  requireInScope(actor, LP.read, { id: row.org_id, regionCode: row.org_region_code });
  return toFollowUp(row);
}

/**
 * Records what a follow-up found, once. "Not employed" raises an anti-relapse alert for a registered-poor or
 * monitored worker and, when the worker's status still says employed, records the worker as unemployed — all in
 * the same transaction, with audit rows.
 */
export async function recordOutcome(db: DB, actor: Actor, cipher: FieldCipher, id: string, input: FollowUpOutcomeInput): Promise<FollowUp> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('labor_followups').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await followUpQuery(trx).where('f.id', '=', id).executeTakeFirst();
    if (!row) throw notFound(m('labor.followup.not_found'));
    requireInScope(actor, LP.manage, { id: row.org_id, regionCode: row.org_region_code });
    if (row.outcome) throw conflict(m('labor.followup.already_recorded'), { outcome: m('labor.field.already_recorded') });
    const day = today();
    const on = input.contactedOn ?? day;
    const errors: Record<string, Msg> = {};
    if (on > day) errors.contactedOn = m('labor.field.not_in_future');
    else if (row.started_on && on < row.started_on) errors.contactedOn = m('labor.followup.before_start_date', { date: row.started_on });
    if (input.outcome === 'not_employed' && input.monthlyWage != null) errors.monthlyWage = m('labor.followup.wage_only_employed');
    if (Object.keys(errors).length) throw invalid(m('labor.followup.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
    const opens = addDays(row.due_on, -RECORD_EARLY_DAYS);
    if (day < opens) throw conflict(m('labor.followup.too_early', { due: row.due_on, opens }), { dueOn: m('labor.followup.field_recordable_from', { opens }) });
    await trx
      .updateTable('labor_followups')
      .set({
        outcome: input.outcome,
        monthly_wage: input.monthlyWage ?? null,
        problems: input.problems || null,
        contact_method: input.contactMethod,
        contacted_on: on,
        recorded_by: actor.userId,
        recorded_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
    const after = toFollowUp(await followUpQuery(trx).where('f.id', '=', id).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, {
      action: 'labor.followup.record',
      entity: 'labor_followup',
      entityId: id,
      orgId: row.org_id,
      after: {
        milestone: after.milestone,
        outcome: after.outcome,
        monthlyWage: after.monthlyWage,
        contactMethod: after.contactMethod,
        contactedOn: after.contactedOn,
        problems: after.problems,
      },
    });
    if (input.outcome === 'not_employed') {
      const reason = input.problems
        ? storedText('labor.text.followup_unemployed_with', { milestone: row.milestone, problems: input.problems })
        : storedText('labor.text.followup_unemployed', { milestone: row.milestone });
      await raiseRelapseAlert(trx, actor, row.worker_id, { trigger: 'followup', reason, followUpId: id });
      if (JOB_STATUSES.has(row.worker_status)) {
        // The history stays in order: the change takes effect on the contact day, or on the latest change if later.
        const latest = await trx
          .selectFrom('labor_worker_status_history')
          .select('effective_on')
          .where('worker_id', '=', row.worker_id)
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
        const effectiveOn = latest && latest.effective_on > on ? latest.effective_on : on;
        await appendStatus(trx, actor, cipher, row.worker_id, {
          status: 'unemployed',
          effectiveOn,
          reason: storedText('labor.text.followup_unemployed', { milestone: row.milestone }),
        });
      }
    }
    return after;
  });
}
