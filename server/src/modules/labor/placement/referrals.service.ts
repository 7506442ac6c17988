import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Referral, ReferralQuery, ReferralStatus } from '@gearbridge/contracts/labor';
import { can, inScope, requireInScope, scopeOf, type Actor, type Scope, orgInScopeSql } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, forbidden, fromUniqueViolation, invalid, notFound } from '../../../platform/errors';
import type { FieldCipher } from '../../../platform/pii';
import { LP } from '../permissions';
import { postingQuery } from '../postings/postings.service';
import { appendStatus } from '../workers/status.service';
import { scheduleFollowUps } from './followups.service';
import { today } from '../workers/worker-input';
import { localDay } from '../../../platform/time';
import type { DB, Database } from '../db';
import { m } from '../messages';
import { storedText } from '../texts';
import { paged } from '../../../platform/db';

type Tx = DB | Transaction<Database>;

/** The only moves a referral can make; declined and started are final. */
export const NEXT: Record<ReferralStatus, ReferralStatus[]> = {
  recommended: ['contacted', 'declined'],
  contacted: ['interviewed', 'declined'],
  interviewed: ['hired', 'declined'],
  hired: ['started', 'declined'],
  declined: [],
  started: [],
};

export function referralQuery(db: Tx) {
  return db
    .selectFrom('labor_referrals as r')
    .innerJoin('labor_workers as w', 'w.id', 'r.worker_id')
    .innerJoin('organisations as wo', 'wo.id', 'w.org_id')
    .innerJoin('labor_postings as p', 'p.id', 'r.posting_id')
    .innerJoin('organisations as po', 'po.id', 'p.org_id')
    .selectAll('r')
    .select([
      'w.name_masked',
      'w.org_id as worker_org_id',
      'wo.name as worker_org_name',
      'wo.region_code as worker_org_region',
      'w.home_region_code',
      'p.title',
      'p.work_region_code',
      'p.org_id as employer_id',
      'po.name as employer_name',
      'po.region_code as employer_region',
    ]);
}
export type Row = Awaited<ReturnType<ReturnType<typeof referralQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export const toReferral = (r: Row): Referral => ({
  id: r.id,
  workerId: r.worker_id,
  workerNameMasked: r.name_masked,
  workerOrgName: r.worker_org_name,
  postingId: r.posting_id,
  postingTitle: r.title,
  employerName: r.employer_name,
  status: r.status,
  note: r.note,
  noteRef: r.note_ref,
  stepNote: r.step_note,
  declinedStage: r.declined_stage,
  declinedReason: r.declined_reason,
  recommendedAt: iso(r.recommended_at)!,
  contactedAt: iso(r.contacted_at),
  interviewedAt: iso(r.interviewed_at),
  hiredAt: iso(r.hired_at),
  startedOn: r.started_on,
  declinedAt: iso(r.declined_at),
});

/** Both sides see a referral: the worker's bureau and the posting's employer side (aliases wo, po). */
export const referralVisibleSql = (scope: Scope) => sql<SqlBool>`(${orgInScopeSql(scope, 'wo')} or ${orgInScopeSql(scope, 'po')})`;

export async function listReferrals(db: DB, actor: Actor, f: ReferralQuery): Promise<{ items: Referral[]; total: number }> {
  let q = referralQuery(db).where(referralVisibleSql(scopeOf(actor, LP.read)));
  if (f.workerId) q = q.where('r.worker_id', '=', f.workerId);
  if (f.postingId) q = q.where('r.posting_id', '=', f.postingId);
  if (f.status) q = q.where('r.status', '=', f.status);
  const { rows, total } = await paged(q, f, (b) => b.orderBy('r.recommended_at', 'desc').orderBy('r.id'));
  return { items: rows.map(toReferral), total };
}

export async function getReferral(db: DB, actor: Actor, id: string): Promise<Referral> {
  const row = await referralQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('labor.referral.not_found'));
  const scope = scopeOf(actor, LP.read);
  if (!inScope(scope, { id: row.worker_org_id, regionCode: row.worker_org_region }) && !inScope(scope, { id: row.employer_id, regionCode: row.employer_region })) {
    throw forbidden(m('labor.referral.out_of_scope'));
  }
  return toReferral(row);
}

/**
 * The worker's bureau refers one of its workers to a posting it can read (its own region's, or one a partner
 * shared), while the posting is open, within its validity and has places left.
 */
export async function createReferral(db: DB, actor: Actor, input: { workerId: string; postingId: string; note?: string | null }): Promise<Referral> {
  return db.transaction().execute(async (trx) => {
    const worker = await trx
      .selectFrom('labor_workers as w')
      .innerJoin('organisations as o', 'o.id', 'w.org_id')
      .select(['w.id', 'o.id as org_id', 'o.region_code'])
      .where('w.id', '=', input.workerId)
      .executeTakeFirst();
    if (!worker) throw invalid(m('labor.worker.unknown'), { workerId: m('labor.worker.field_unknown') });
    requireInScope(actor, LP.manage, { id: worker.org_id, regionCode: worker.region_code });
    const posting = await postingQuery(trx, scopeOf(actor, LP.read)).where('p.id', '=', input.postingId).executeTakeFirst();
    if (!posting) throw invalid(m('labor.posting.unknown'), { postingId: m('labor.posting.field_unknown') });
    if (!posting.owned && !posting.shared) throw forbidden(m('labor.posting.not_readable'));
    const day = today();
    if (posting.status !== 'open' || posting.valid_from > day || posting.valid_to < day || posting.open_headcount <= 0) {
      throw conflict(m('labor.referral.posting_not_open'), { postingId: m('labor.referral.field_not_open') });
    }
    let id: string;
    try {
      ({ id } = await trx
        .insertInto('labor_referrals')
        .values({ worker_id: worker.id, posting_id: posting.id, note: input.note || null, created_by: actor.userId, updated_by: actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (err) {
      if (fromUniqueViolation(err, {})) throw conflict(m('labor.referral.already_referred'), { postingId: m('labor.referral.field_already_referred') });
      throw err;
    }
    const after = toReferral(await referralQuery(trx).where('r.id', '=', id).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, { action: 'labor.referral.create', entity: 'labor_referral', entityId: id, orgId: worker.org_id, after });
    return after;
  });
}

/** Who may move a referral on: the worker's bureau (labor.manage) or the employer's side (labor.post). */
export function requireSide(actor: Actor, row: Row) {
  const reaches = (perm: string, org: { id: string; regionCode: string }) => can(actor, perm) && inScope(scopeOf(actor, perm), org);
  if (!reaches(LP.manage, { id: row.worker_org_id, regionCode: row.worker_org_region }) && !reaches(LP.post, { id: row.employer_id, regionCode: row.employer_region })) {
    throw forbidden(m('labor.referral.not_a_party'));
  }
}

/** The instant a step recorded on a day took place: now for today, noon China time for an earlier day. */
const stampOf = (on: string | undefined) => (!on || on === today() ? sql<Date>`now()` : new Date(`${on}T12:00:00+08:00`));

/** The China day a referral reached its current stage. */
export function stageDay(row: Pick<Row, 'status' | 'recommended_at' | 'contacted_at' | 'interviewed_at' | 'hired_at' | 'started_on'>): string {
  const at = { recommended: row.recommended_at, contacted: row.contacted_at, interviewed: row.interviewed_at, hired: row.hired_at }[row.status as 'recommended'];
  if (row.status === 'started' && row.started_on) return row.started_on;
  return localDay(new Date(at ?? row.recommended_at).getTime());
}

export type Step = { to: Exclude<ReferralStatus, 'recommended'>; reason?: string | null; effectiveOn?: string; note?: string | null; via?: 'bulk' | 'import' };

/**
 * One move of a locked referral whose row the caller read in its transaction: checks who may and whether the move
 * is allowed, applies it and writes its audit row. Throws a DomainError, leaving the caller to roll back.
 * A hire takes one of the posting's open places (409 when none is left) and a declined hire gives it back; a start
 * records the worker's new employment status (local, or out of province when the work region lies in another
 * province than the home) and schedules the follow-ups. `effectiveOn` is the day of the step (today by default).
 */
export async function moveReferral(trx: Transaction<Database>, actor: Actor, cipher: FieldCipher, row: Row, a: Step): Promise<Row> {
  requireSide(actor, row);
  if (!NEXT[row.status].includes(a.to))
    throw conflict(m('labor.referral.transition', { from: row.status, to: a.to }), { to: m(`labor.referral.field_not_allowed_after_${row.status}`) });
  if (a.to === 'declined' && !a.reason) throw invalid(m('labor.referral.reason_required'), { reason: m('labor.referral.field_reason_required') });
  const now = stampOf(a.to === 'started' ? undefined : a.effectiveOn);
  const set: Record<string, unknown> = { status: a.to, updated_by: actor.userId, updated_at: sql<Date>`now()` };
  if (a.note !== undefined && a.note !== null && a.note !== '') set.step_note = a.note;
  if (a.to === 'contacted') set.contacted_at = now;
  if (a.to === 'interviewed') set.interviewed_at = now;
  if (a.to === 'hired') {
    const taken = await trx
      .updateTable('labor_postings')
      .set({ open_headcount: sql<number>`open_headcount - 1`, updated_at: sql<Date>`now()` })
      .where('id', '=', row.posting_id)
      .where('status', '=', 'open')
      .where('open_headcount', '>', 0)
      .returning('open_headcount')
      .executeTakeFirst();
    if (!taken) throw conflict(m('labor.referral.no_places_left'), { to: m('labor.referral.field_no_places_left') });
    set.hired_at = now;
  }
  if (a.to === 'declined') {
    Object.assign(set, { declined_at: now, declined_stage: row.status, declined_reason: a.reason });
    if (row.status === 'hired') {
      await trx
        .updateTable('labor_postings')
        .set({ open_headcount: sql<number>`least(open_headcount + 1, headcount)`, updated_at: sql<Date>`now()` })
        .where('id', '=', row.posting_id)
        .execute();
    }
  }
  if (a.to === 'started') {
    const on = a.effectiveOn ?? today();
    const status = row.work_region_code.slice(0, 2) === row.home_region_code.slice(0, 2) ? 'employed_local' : 'employed_out_of_province';
    const current = await trx.selectFrom('labor_workers').select('status').where('id', '=', row.worker_id).executeTakeFirstOrThrow();
    // A worker already in that status (e.g. changing jobs in Linyi) keeps the history as it is.
    if (current.status !== status)
      await appendStatus(trx, actor, cipher, row.worker_id, {
        status,
        effectiveOn: on,
        reason: storedText('labor.text.started_at', { employer: row.employer_name, title: row.title }),
      });
    set.started_on = on;
    // The 1, 3, 6 and 12-month follow-ups (followups.service.ts), in this transaction.
    await scheduleFollowUps(trx, actor, { referralId: row.id, workerId: row.worker_id, orgId: row.worker_org_id, startedOn: on });
  }
  await trx.updateTable('labor_referrals').set(set).where('id', '=', row.id).execute();
  const after = await referralQuery(trx).where('r.id', '=', row.id).executeTakeFirstOrThrow();
  await writeAudit(trx, actor, {
    action: `labor.referral.${a.to}`,
    entity: 'labor_referral',
    entityId: row.id,
    orgId: row.worker_org_id,
    before: { status: row.status },
    after: { ...toReferral(after), ...(a.via ? { via: a.via, on: a.effectiveOn ?? today() } : {}) },
  });
  return after;
}

/** Moves a referral one step (the card's buttons), in one transaction. */
export async function advanceReferral(
  db: DB,
  actor: Actor,
  cipher: FieldCipher,
  id: string,
  a: { to: Exclude<ReferralStatus, 'recommended'>; reason?: string | null; effectiveOn?: string },
): Promise<Referral> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('labor_referrals').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await referralQuery(trx).where('r.id', '=', id).executeTakeFirst();
    if (!row) throw notFound(m('labor.referral.not_found'));
    // Only the start takes a day from the card; the other steps happen now.
    return toReferral(await moveReferral(trx, actor, cipher, row, { ...a, effectiveOn: a.to === 'started' ? a.effectiveOn : undefined }));
  });
}
