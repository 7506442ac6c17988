import { sql } from 'kysely';
import { yuanToYi, type Batch, type BatchInput, type BatchKind } from '@gearbridge/contracts/park';
import { orgInScopeSql, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { notFound } from '../../../platform/errors';
import { requireInScope } from '../../../platform/authz';
import { localDay } from '../../../platform/time';
import type { DB, Tx } from '../db';
import { m } from '../messages';
import { PP } from '../permissions';
import { applyStage, keepingOrg, loadProject, type FieldErrors, throwIfErrors } from './projects.service';
import { BATCH_STAGE, stageIndex } from './stages';

/**
 * Ceremony batches (集中签约 / 集中开工 / 集中投产): a park administration holds one on a day and the projects
 * joining it reach the batch's stage that day (signed, construction, production), each move in the stage history.
 */
const COLUMN = { signing: 'signing_batch_id', groundbreaking: 'groundbreaking_batch_id', production: 'production_batch_id' } as const;

export function batchQuery(db: Tx) {
  return db
    .selectFrom('park_batches as b')
    .innerJoin('organisations as o', 'o.id', 'b.org_id')
    .select(['b.id', 'b.org_id', 'b.kind', 'b.name', 'b.held_on', 'b.place', 'o.region_code as org_region_code'])
    .select(
      sql<number>`(select count(*) from park_projects p where p.signing_batch_id = b.id or p.groundbreaking_batch_id = b.id or p.production_batch_id = b.id)`.as('project_count'),
    )
    .select(
      sql<string>`(select coalesce(sum(p.amount_yuan), 0)::text from park_projects p where p.signing_batch_id = b.id or p.groundbreaking_batch_id = b.id or p.production_batch_id = b.id)`.as(
        'amount_yuan',
      ),
    );
}
type BatchRow = Awaited<ReturnType<ReturnType<typeof batchQuery>['executeTakeFirstOrThrow']>>;
export const toBatch = (r: BatchRow): Batch => ({
  id: r.id,
  orgId: r.org_id,
  kind: r.kind,
  name: r.name,
  heldOn: r.held_on,
  place: r.place,
  projectCount: Number(r.project_count),
  amount: yuanToYi(r.amount_yuan),
});

export async function listBatches(db: DB, actor: Actor, year?: number): Promise<Batch[]> {
  let q = batchQuery(db).where(orgInScopeSql(scopeOf(actor, PP.read), 'o'));
  if (year) q = q.where('b.held_on', '>=', `${year}-01-01`).where('b.held_on', '<=', `${year}-12-31`);
  return (await q.orderBy('b.held_on', 'desc').orderBy('b.kind').orderBy('b.id').execute()).map(toBatch);
}

export async function getBatch(db: DB, actor: Actor, id: string): Promise<Batch> {
  const row = await batchQuery(db).where('b.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('park.batch.not_found'));
  requireInScope(actor, PP.read, { id: row.org_id, regionCode: row.org_region_code });
  return toBatch(row);
}

export async function createBatch(db: DB, actor: Actor, input: BatchInput & { projectIds: string[] }): Promise<Batch> {
  const org = await keepingOrg(db, actor, input.orgId);
  const errors: FieldErrors = {};
  if (input.heldOn > localDay()) errors.heldOn = m('park.field.in_future');
  throwIfErrors(errors, 'park.batch.invalid_fields');
  const kind: BatchKind = input.kind;
  const stage = BATCH_STAGE[kind];
  const ids = [...new Set(input.projectIds)];
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('park_batches')
      .values({ org_id: org.id, kind, name: input.name, held_on: input.heldOn, place: input.place || null, created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    let unknown = 0;
    let past = 0;
    let later = 0;
    for (const pid of ids) {
      const row = await loadProject(trx, actor, pid, PP.manage, true).catch(() => null);
      if (!row || row.org_id !== org.id) {
        unknown++;
        continue;
      }
      const at = stageIndex(row.stage);
      const since = row.stage === 'lead' ? row.lead_on : row.stage === 'negotiating' ? row.negotiating_on : row.stage === 'signed' ? row.signed_on : row.construction_on;
      if (at > stageIndex(stage)) past++;
      else if (at < stageIndex(stage) && since && since > input.heldOn) later++;
      else if (at === stageIndex(stage))
        await trx
          .updateTable('park_projects')
          .set({ [COLUMN[kind]]: id })
          .where('id', '=', pid)
          .execute();
      else await applyStage(trx, actor, row, { stage, on: input.heldOn }, { batchColumn: COLUMN[kind], batchId: id });
    }
    if (unknown) errors.projectIds = m('park.batch.field_unknown_projects', { count: unknown });
    if (past) errors.projectIds = m('park.batch.field_past_stage', { count: past });
    if (later) errors.projectIds = m('park.batch.field_after_day', { count: later });
    // Throwing rolls back the batch and every stage move made above.
    throwIfErrors(errors, 'park.batch.invalid_fields');
    const row = await batchQuery(trx).where('b.id', '=', id).executeTakeFirstOrThrow();
    const after = { ...toBatch(row), projectIds: ids };
    await writeAudit(trx, actor, { action: 'park.batch.create', entity: 'park_batch', entityId: id, orgId: org.id, after });
    return toBatch(row);
  });
}
