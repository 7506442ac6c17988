import { sql, type Transaction } from 'kysely';
import type { ReferralBulkAdvance, ReferralBulkResult, ReferralBulkStep, ReferralStatus } from '@gearbridge/contracts/labor';
import { inScope, scopeOf, type Actor } from '../../../platform/authz';
import { DomainError, invalid, type Msg } from '../../../platform/errors';
import type { FieldCipher } from '../../../platform/pii';
import { LP } from '../permissions';
import { today } from '../workers/worker-input';
import type { DB, Database } from '../db';
import { m } from '../messages';
import { moveReferral, referralQuery, requireSide, stageDay, type Row, type Step } from './referrals.service';

type Moving = Exclude<ReferralStatus, 'recommended' | 'declined'>;
const PATH: ReferralStatus[] = ['recommended', 'contacted', 'interviewed', 'hired', 'started'];

/**
 * The moves that take a referral from where it is to a bulk step's stage: contacted, interviewed and hired pass
 * through the stages between (a job fair contacts, interviews and hires on one day); started only follows a hire;
 * hired_started hires (if not hired yet) and starts. A Msg says why the referral cannot make the step.
 */
export function movesFor(status: ReferralStatus, step: ReferralBulkStep): Moving[] | Msg {
  if (status === 'declined' || status === 'started') return m('labor.referral.bulk_not_forward');
  if (step === 'started' && status !== 'hired') return m('labor.referral.bulk_start_needs_hire');
  const target = step === 'hired_started' ? 'started' : step;
  const from = PATH.indexOf(status);
  const to = PATH.indexOf(target);
  if (from >= to) return m('labor.referral.bulk_not_forward');
  return PATH.slice(from + 1, to + 1) as Moving[];
}

/** Applies a referral's moves on one day; throws the first DomainError (the caller rolls the referral back). */
export async function applyMoves(trx: Transaction<Database>, actor: Actor, cipher: FieldCipher, row: Row, moves: Moving[], o: Omit<Step, 'to'>): Promise<Row> {
  let r = row;
  for (const to of moves) r = await moveReferral(trx, actor, cipher, r, { ...o, to });
  return r;
}

/**
 * One step for many referrals (the board's multi-select), in one transaction with a result per referral: a referral
 * that cannot make the step (not found or not visible, not a party to it, already there or past it, a day before its
 * previous stage, no open place left, a worker history that refuses the day) is reported and left as it was — its
 * savepoint is rolled back — and the others are moved on, each move with its audit row. A day in the future refuses
 * the whole request.
 */
export async function bulkAdvance(db: DB, actor: Actor, cipher: FieldCipher, input: ReferralBulkAdvance): Promise<ReferralBulkResult> {
  if (input.on > today()) throw invalid(m('labor.referral.step_in_future'), { on: m('labor.field.not_in_future') });
  const ids = [...new Set(input.ids)];
  const readScope = scopeOf(actor, LP.read);
  return db.transaction().execute(async (trx) => {
    // Locks them in one order: two bulk steps over overlapping referrals cannot deadlock.
    await trx.selectFrom('labor_referrals').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
    const rows = new Map((await referralQuery(trx).where('r.id', 'in', ids).execute()).map((r) => [r.id, r]));
    const result: ReferralBulkResult = { applied: 0, skipped: 0, rows: [] };
    for (const id of ids) {
      const row = rows.get(id);
      const visible =
        row && (inScope(readScope, { id: row.worker_org_id, regionCode: row.worker_org_region }) || inScope(readScope, { id: row.employer_id, regionCode: row.employer_region }));
      const skip = (msg: Msg) => {
        result.skipped += 1;
        result.rows.push({
          id,
          workerNameMasked: visible ? row.name_masked : null,
          postingTitle: visible ? row.title : null,
          ok: false,
          status: visible ? row.status : null,
          key: msg.key,
          ...(msg.params ? { params: msg.params } : {}),
          message: msg.text,
        });
      };
      if (!visible) {
        skip(m('labor.referral.bulk_not_found'));
        continue;
      }
      try {
        requireSide(actor, row);
      } catch {
        skip(m('labor.referral.bulk_not_a_party'));
        continue;
      }
      const moves = movesFor(row.status, input.step);
      if (!Array.isArray(moves)) {
        skip(moves);
        continue;
      }
      const since = stageDay(row);
      if (input.on < since) {
        skip(m('labor.referral.bulk_before_previous', { date: since }));
        continue;
      }
      await sql`savepoint referral_step`.execute(trx);
      try {
        const after = await applyMoves(trx, actor, cipher, row, moves, { effectiveOn: input.on, note: input.note, via: 'bulk' });
        await sql`release savepoint referral_step`.execute(trx);
        result.applied += 1;
        result.rows.push({ id, workerNameMasked: after.name_masked, postingTitle: after.title, ok: true, status: after.status });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        await sql`rollback to savepoint referral_step`.execute(trx);
        await sql`release savepoint referral_step`.execute(trx);
        skip(err.key === 'labor.referral.no_places_left' ? m('labor.referral.bulk_no_places') : { key: err.key, params: err.params, text: err.message });
      }
    }
    return result;
  });
}
