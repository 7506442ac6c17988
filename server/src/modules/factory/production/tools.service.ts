import { sql } from 'kysely';
import type { Tool, ToolInput, ToolUpdate } from '@gearbridge/contracts/factory';
import { orgInScopeSql, requireInScope, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, notFound } from '../../../platform/errors';
import { FP } from '../permissions';
import type { DB } from '../db';
import { m } from '../messages';
import { requireOwnPlant } from '../own-plant';
import { containing } from '../../../platform/db';

/**
 * The plant's tools (cutting tools, fixtures, gauges): registered by a plant manager (factory.manage), reported by
 * the stations with each completion (`unit/tool/<slot>`, unit-events.ts), which counts their uses. Reading needs
 * factory.read in scope.
 */
function toolQuery(db: DB) {
  return db
    .selectFrom('factory_tools as t')
    .innerJoin('organisations as o', 'o.id', 't.org_id')
    .select([
      't.id',
      't.org_id',
      'o.region_code',
      't.code',
      't.kind',
      't.description',
      't.life_limit',
      't.uses',
      't.status',
      't.life_alarm_at',
      't.created_at',
      // The newest use, read backwards on factory_unit_op_tools_tool_idx.
      (eb) =>
        eb
          .selectFrom('factory_unit_op_tools as ut')
          .select((e) => e.fn.max('ut.used_at').as('at'))
          .whereRef('ut.tool_id', '=', 't.id')
          .as('last_used_at'),
    ]);
}
type ToolRow = Awaited<ReturnType<ReturnType<typeof toolQuery>['executeTakeFirstOrThrow']>>;

const toTool = (r: ToolRow): Tool => ({
  id: r.id,
  orgId: r.org_id,
  code: r.code,
  kind: r.kind,
  description: r.description,
  lifeLimit: r.life_limit,
  uses: r.uses,
  status: r.status,
  lifeAlarmAt: r.life_alarm_at ? r.life_alarm_at.toISOString() : null,
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at as Date | string).toISOString() : null,
  createdAt: r.created_at.toISOString(),
});

export async function listTools(db: DB, actor: Actor, q: { page: number; pageSize: number; q?: string; kind?: Tool['kind']; worn?: 'true' | 'false' }) {
  let base = toolQuery(db).where(orgInScopeSql(scopeOf(actor, FP.read)));
  if (q.kind) base = base.where('t.kind', '=', q.kind);
  if (q.worn !== undefined) {
    const worn = sql<boolean>`(t.life_limit is not null and t.uses >= t.life_limit)`;
    base = base.where(q.worn === 'true' ? worn : sql<boolean>`not ${worn}`);
  }
  if (q.q) base = base.where('t.code', 'ilike', containing(q.q));
  const [rows, total] = await Promise.all([
    base
      // The most used first: the tools nearest their life (and the spares, unused, last).
      .orderBy('t.uses', 'desc')
      .orderBy('t.code')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
  ]);
  return { items: rows.map(toTool), total };
}

async function loadTool(db: DB, actor: Actor, id: string): Promise<ToolRow> {
  const r = await toolQuery(db).where('t.id', '=', id).executeTakeFirst();
  if (!r) throw notFound(m('factory.tool.not_found'));
  requireInScope(actor, FP.read, { id: r.org_id, regionCode: r.region_code });
  return r;
}

export const getTool = async (db: DB, actor: Actor, id: string): Promise<Tool> => toTool(await loadTool(db, actor, id));

/** Registers a tool in the actor's own plant; a code taken there is a 409. */
export async function createTool(db: DB, actor: Actor, input: ToolInput): Promise<Tool> {
  requireOwnPlant(actor, FP.manage, actor.orgId);
  const orgId = actor.orgId;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('factory_tools')
      .values({ org_id: orgId, code: input.code, kind: input.kind, description: input.description, life_limit: input.lifeLimit })
      .onConflict((oc) => oc.columns(['org_id', 'code']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw conflict(m('factory.tool.code_taken', { code: input.code }));
    await writeAudit(trx, actor, { action: 'factory.tool.create', entity: 'tool', entityId: row.id, orgId, after: input });
    return row.id;
  });
  return getTool(db, actor, id);
}

/** Changes a tool; `resetUses` (a regrind, a new insert) sets its uses to 0 and clears its life alarm. */
export async function updateTool(db: DB, actor: Actor, id: string, input: ToolUpdate): Promise<Tool> {
  const before = await loadTool(db, actor, id);
  requireOwnPlant(actor, FP.manage, before.org_id);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('factory_tools')
      .set({
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.lifeLimit !== undefined ? { life_limit: input.lifeLimit } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.resetUses ? { uses: 0, life_alarm_at: null } : {}),
      })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, actor, {
      action: 'factory.tool.update',
      entity: 'tool',
      entityId: id,
      orgId: before.org_id,
      before: { description: before.description, lifeLimit: before.life_limit, status: before.status, uses: before.uses },
      after: input,
    });
  });
  return getTool(db, actor, id);
}
