import { sql, type Transaction } from 'kysely';
import type { AllocationDetail } from '@gearbridge/contracts/labor';
import { inScope, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, forbidden, fromUniqueViolation, invalid, notFound } from '../../../platform/errors';
import { score } from '../../../shared/matching';
import { allocationDetail, loadAllocation, toAllocation, type AllocationRow } from './allocations.service';
import { candidateColumns, explanationJson, toCandidate, toOpening } from './matching.service';
import { LP } from '../permissions';
import { postingQuery } from '../postings/postings.service';
import { today } from '../workers/worker-input';
import type { DB, Database } from '../db';
import { m, type Msg } from '../messages';
import { refJson, storedText } from '../texts';

/**
 * Review of a draft allocation: move a worker to another posting of the draft or to none, discard the draft, or
 * confirm it — which turns every pair into a referral (stage recommended) in one transaction, or, when anything
 * changed since the draft was made, refuses (409) and changes nothing.
 */

async function lockDraft(trx: Transaction<Database>, actor: Actor, id: string): Promise<AllocationRow> {
  // Locks the allocation: two reviewers (or a double click on confirm) cannot both pass the status check.
  await trx.selectFrom('labor_allocations').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const row = await loadAllocation(trx, actor, id, LP.manage);
  if (row.status === 'confirmed') throw conflict(m('labor.allocation.already_confirmed'), { status: m('labor.allocation.field_confirmed') });
  if (row.status === 'discarded') throw conflict(m('labor.allocation.discarded'), { status: m('labor.allocation.field_discarded') });
  return row;
}

async function touch(trx: Transaction<Database>, actor: Actor, id: string) {
  await trx.updateTable('labor_allocations').set({ updated_by: actor.userId, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

/**
 * Allocates one worker of the draft to another of its postings (scored afresh by the engine; refused when the pair
 * is excluded by a hard constraint or the posting has no place left in the draft), or to none.
 */
export async function adjustEntry(db: DB, actor: Actor, id: string, workerId: string, postingId: string | null): Promise<AllocationDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await lockDraft(trx, actor, id);
    const entry = await trx.selectFrom('labor_allocation_entries').selectAll().where('allocation_id', '=', id).where('worker_id', '=', workerId).executeTakeFirst();
    if (!entry) throw notFound(m('labor.allocation.worker_not_found'));
    if (entry.posting_id === postingId) return allocationDetail(trx, row);
    let set: { posting_id: string | null; score: number | null; explanation: string | null };
    if (postingId === null) set = { posting_id: null, score: null, explanation: null };
    else {
      const ap = await trx.selectFrom('labor_allocation_postings').select('capacity').where('allocation_id', '=', id).where('posting_id', '=', postingId).executeTakeFirst();
      if (!ap) throw invalid(m('labor.allocation.posting_not_in_draft'), { postingId: m('labor.allocation.field_posting_not_in_draft') });
      const p = await trx.selectFrom('labor_postings as p').selectAll('p').where('p.id', '=', postingId).executeTakeFirstOrThrow();
      const taken = await trx
        .selectFrom('labor_allocation_entries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('allocation_id', '=', id)
        .where('posting_id', '=', postingId)
        .executeTakeFirstOrThrow();
      const open = p.status === 'open' ? p.open_headcount : 0;
      if (Number(taken.n) >= open) throw conflict(m('labor.allocation.no_place_left'), { postingId: m('labor.allocation.field_places_taken', { taken: Number(taken.n), open }) });
      const w = await candidateColumns(trx).where('w.id', '=', workerId).executeTakeFirstOrThrow();
      const r = score(toCandidate(w), toOpening(p), { today: today() });
      if (r.excluded) {
        const codes = r.exclusions.map((e) => e.code).join(', ');
        throw conflict(m('labor.allocation.excluded', { codes }), { postingId: m('labor.allocation.field_excluded', { codes }) });
      }
      set = { posting_id: postingId, score: r.total, explanation: JSON.stringify(explanationJson(r)) };
    }
    await trx
      .updateTable('labor_allocation_entries')
      .set({ ...set, source: 'manual', updated_at: sql<Date>`now()` })
      .where('id', '=', entry.id)
      .execute();
    await touch(trx, actor, id);
    await writeAudit(trx, actor, {
      action: 'labor.allocation.adjust',
      entity: 'labor_allocation',
      entityId: id,
      orgId: row.org_id,
      before: { workerId, postingId: entry.posting_id, score: entry.score },
      after: { workerId, postingId: set.posting_id, score: set.score },
    });
    return allocationDetail(trx, await loadAllocation(trx, actor, id, LP.manage));
  });
}

/** A draft nobody will confirm: kept for the record, changed no more. */
export async function discardAllocation(db: DB, actor: Actor, id: string): Promise<AllocationDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await lockDraft(trx, actor, id);
    await trx
      .updateTable('labor_allocations')
      .set({ status: 'discarded', discarded_by: actor.userId, discarded_at: sql<Date>`now()`, updated_by: actor.userId, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, actor, {
      action: 'labor.allocation.discard',
      entity: 'labor_allocation',
      entityId: id,
      orgId: row.org_id,
      before: { status: 'draft' },
      after: { status: 'discarded' },
    });
    return allocationDetail(trx, await loadAllocation(trx, actor, id, LP.manage));
  });
}

/**
 * Turns every pair of the draft into a referral (recommended), with an audit row each, and marks the draft
 * confirmed — all in one transaction. Refused with 409, changing nothing, when the draft is confirmed already or
 * stale: a posting closed, out of its validity, no longer readable, or with fewer open places than pairs; or a
 * worker already referred to the same posting meanwhile. The fields name each stale posting and worker.
 */
export async function confirmAllocation(db: DB, actor: Actor, id: string): Promise<AllocationDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await lockDraft(trx, actor, id);
    const pairs = await trx
      .selectFrom('labor_allocation_entries as e')
      .innerJoin('labor_workers as w', 'w.id', 'e.worker_id')
      .innerJoin('organisations as o', 'o.id', 'w.org_id')
      .select(['e.worker_id', 'e.posting_id', 'e.score', 'o.id as org_id', 'o.region_code'])
      .where('e.allocation_id', '=', id)
      .where('e.posting_id', 'is not', null)
      .execute();
    if (!pairs.length) throw conflict(m('labor.allocation.no_pair'), { entries: m('labor.allocation.field_no_pair') });
    const manage = scopeOf(actor, LP.manage);
    if (pairs.some((p) => !inScope(manage, { id: p.org_id, regionCode: p.region_code }))) throw forbidden(m('labor.allocation.workers_left_scope'));

    const need = new Map<string, number>();
    for (const p of pairs) need.set(p.posting_id!, (need.get(p.posting_id!) ?? 0) + 1);
    // Locks the postings: a hire elsewhere cannot take a place between this check and the commit.
    await trx
      .selectFrom('labor_postings')
      .select('id')
      .where('id', 'in', [...need.keys()])
      .forUpdate()
      .execute();
    const postings = await postingQuery(trx, scopeOf(actor, LP.read))
      .where('p.id', 'in', [...need.keys()])
      .execute();
    const day = today();
    const stale: Record<string, Msg> = {};
    for (const p of postings) {
      const n = need.get(p.id)!;
      const key = `postings.${p.id}`;
      if (!p.owned && !p.shared) stale[key] = m('labor.allocation.stale_not_shared');
      else if (p.status !== 'open') stale[key] = m('labor.allocation.stale_closed');
      else if (p.valid_from > day || p.valid_to < day) stale[key] = m('labor.allocation.stale_outside_validity');
      else if (p.open_headcount < n) stale[key] = m('labor.allocation.stale_places_left', { open: p.open_headcount, allocated: n });
    }
    const live = await trx
      .selectFrom('labor_referrals')
      .select(['worker_id', 'posting_id'])
      .where(
        'worker_id',
        'in',
        pairs.map((p) => p.worker_id),
      )
      .where('status', '<>', 'declined')
      .execute();
    const pairKeys = new Set(pairs.map((p) => `${p.worker_id}:${p.posting_id}`));
    for (const r of live) if (pairKeys.has(`${r.worker_id}:${r.posting_id}`)) stale[`workers.${r.worker_id}`] = m('labor.allocation.stale_already_referred');
    if (Object.keys(stale).length) {
      throw conflict(m('labor.allocation.out_of_date', { count: Object.keys(stale).length }), stale);
    }

    let referrals: { id: string; worker_id: string; posting_id: string }[];
    try {
      referrals = await trx
        .insertInto('labor_referrals')
        .values(
          pairs.map((p) => ({
            worker_id: p.worker_id,
            posting_id: p.posting_id!,
            ...((t) => ({ note: t.text, note_ref: refJson(t) }))(storedText('labor.text.referral_allocation', { allocation: row.name, score: p.score ?? 0 })),
            created_by: actor.userId,
            updated_by: actor.userId,
          })),
        )
        .returning(['id', 'worker_id', 'posting_id'])
        .execute();
    } catch (err) {
      if (fromUniqueViolation(err, {})) throw conflict(m('labor.allocation.referred_meanwhile'), { entries: m('labor.allocation.field_referred_meanwhile') });
      throw err;
    }
    await trx
      .updateTable('labor_allocation_entries as e')
      .from('labor_referrals as r')
      .set((eb) => ({ referral_id: eb.ref('r.id'), updated_at: sql<Date>`now()` }))
      .whereRef('r.worker_id', '=', 'e.worker_id')
      .whereRef('r.posting_id', '=', 'e.posting_id')
      .where('e.allocation_id', '=', id)
      .where(
        'r.id',
        'in',
        referrals.map((r) => r.id),
      )
      .execute();
    const scoreOf = new Map(pairs.map((p) => [p.worker_id, p.score]));
    const orgOf = new Map(pairs.map((p) => [p.worker_id, p.org_id]));
    for (const r of referrals) {
      await writeAudit(trx, actor, {
        action: 'labor.referral.create',
        entity: 'labor_referral',
        entityId: r.id,
        orgId: orgOf.get(r.worker_id)!,
        after: { workerId: r.worker_id, postingId: r.posting_id, status: 'recommended', allocationId: id, score: scoreOf.get(r.worker_id) },
      });
    }
    await trx
      .updateTable('labor_allocations')
      .set({ status: 'confirmed', confirmed_by: actor.userId, confirmed_at: sql<Date>`now()`, updated_by: actor.userId, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    const after = await loadAllocation(trx, actor, id, LP.manage);
    await writeAudit(trx, actor, {
      action: 'labor.allocation.confirm',
      entity: 'labor_allocation',
      entityId: id,
      orgId: row.org_id,
      before: { status: 'draft' },
      after: { ...toAllocation(after), referrals: referrals.length },
    });
    return allocationDetail(trx, after);
  });
}
