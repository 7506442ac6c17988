import { CHECKLISTS } from '@gearbridge/contracts/park';
import type { Transaction } from '../db';
import { SEED_CERTIFICATIONS, SEED_RETROFITS, spread } from './retrofits.data';

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

/** The demo's retrofits and certifications (retrofits.data.ts), each certification with its steps as they happened. */
export async function seedRetrofits(trx: Transaction, enterprises: Map<string, string>, by: string | null) {
  const retrofitIds = new Map<string, string>();
  for (const r of SEED_RETROFITS) {
    const enterpriseId = enterprises.get(r.org);
    if (!enterpriseId) continue;
    const { id } = await trx
      .insertInto('park_retrofits')
      .values({
        enterprise_id: enterpriseId,
        name: r.name,
        scope: r.scope,
        budget_yuan: r.budget,
        subsidy_yuan: r.subsidy,
        status: r.status,
        started_on: r.startedOn,
        completed_on: r.completedOn,
        output_before: r.before[0],
        yield_before: r.before[1],
        staff_before: r.before[2],
        output_after: r.after?.[0] ?? null,
        yield_after: r.after?.[1] ?? null,
        staff_after: r.after?.[2] ?? null,
        created_by: by,
        created_at: at(r.startedOn),
        updated_at: at(r.completedOn ?? r.startedOn),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    retrofitIds.set(r.name, id);
    await trx
      .insertInto('park_retrofit_milestones')
      .values(r.milestones.map(([name, dueOn, doneOn], i) => ({ retrofit_id: id, position: i + 1, name, due_on: dueOn, done_on: doneOn })))
      .execute();
  }
  for (const c of SEED_CERTIFICATIONS) {
    const enterpriseId = enterprises.get(c.org);
    if (!enterpriseId) continue;
    const reviewedOn = c.decision?.on ?? c.appliedOn;
    const { id } = await trx
      .insertInto('park_certifications')
      .values({
        enterprise_id: enterpriseId,
        kind: c.kind,
        title: c.title,
        status: c.decision ? 'certified' : c.score !== null ? 'under_review' : 'applied',
        applied_on: c.appliedOn,
        retrofit_id: c.retrofit ? (retrofitIds.get(c.retrofit) ?? null) : null,
        documents: JSON.stringify(c.documents.map((name) => ({ name, note: null }))),
        score_total: c.score,
        decided_on: c.decision?.on ?? null,
        certificate_no: c.decision?.certificateNo ?? null,
        valid_until: c.decision?.validUntil ?? null,
        created_by: by,
        created_at: at(c.appliedOn),
        updated_at: at(reviewedOn),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const steps: { step: 'apply' | 'review' | 'decide'; at: Date }[] = [{ step: 'apply', at: at(c.appliedOn) }];
    if (c.score !== null) {
      const items = spread(c.score, CHECKLISTS[c.kind].items);
      await trx
        .insertInto('park_certification_items')
        .values(items.map((i) => ({ certification_id: id, code: i.code, max_score: i.max, score: i.score, document: c.documents[0], note: null })))
        .execute();
      steps.push({ step: 'review', at: new Date(at(reviewedOn).getTime() - 30 * 86_400_000) });
    }
    if (c.decision) steps.push({ step: 'decide', at: at(c.decision.on) });
    await trx
      .insertInto('park_certification_steps')
      .values(steps.map((s) => ({ certification_id: id, step: s.step, at: s.at, by_user: by, note: null })))
      .execute();
  }
  return { retrofits: retrofitIds.size, certifications: SEED_CERTIFICATIONS.length };
}
