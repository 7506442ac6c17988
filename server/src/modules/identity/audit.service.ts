import { AUDIT_COUNT_CAP, type AuditEntry } from '@gearbridge/contracts/audit';
import { scopeOf, type Actor, orgInScopeSql } from '../../platform/authz';
import { P } from './permissions';
import type { DB } from './db';
import { likeEscaped } from '../../platform/db';

export interface AuditFilter {
  page: number;
  pageSize: number;
  action?: string;
  entity?: string;
  entityId?: string;
  actorId?: string;
  orgId?: string;
  from?: string;
  to?: string;
}

/** Audit rows of the organisations in the actor's audit.read scope; platform-wide rows (no org) for platform admins only. */
export async function listAudit(db: DB, actor: Actor, f: AuditFilter): Promise<{ items: AuditEntry[]; total: number; totalCapped: boolean }> {
  const scope = scopeOf(actor, P.auditRead);
  let q = db.selectFrom('audit_log as a').leftJoin('organisations as o', 'o.id', 'a.org_id');
  if (!scope.all) q = q.where(orgInScopeSql(scope));
  if (f.action) q = q.where('a.action', 'like', `${likeEscaped(f.action)}%`);
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('a.actor_id', '=', f.actorId);
  if (f.orgId) q = q.where('a.org_id', '=', f.orgId);
  if (f.from) q = q.where('a.at', '>=', new Date(f.from));
  if (f.to) q = q.where('a.at', '<', new Date(f.to));
  // Counted up to the cap: an index walk of at most AUDIT_COUNT_CAP + 1 rows instead of the whole log.
  const counted = await db
    .selectFrom(
      q
        .select('a.id')
        .limit(AUDIT_COUNT_CAP + 1)
        .as('capped'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  const rows = await q
    .select(['a.id', 'a.at', 'a.actor_id', 'a.actor_name', 'a.org_id', 'o.name as org_name', 'a.action', 'a.entity', 'a.entity_id', 'a.before', 'a.after', 'a.request_id'])
    .orderBy('a.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    total: Math.min(n, AUDIT_COUNT_CAP),
    totalCapped: n > AUDIT_COUNT_CAP,
    items: rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      orgId: r.org_id,
      orgName: r.org_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before ?? null,
      after: r.after ?? null,
      requestId: r.request_id,
    })),
  };
}
