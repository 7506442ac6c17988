import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from './db/tables';
import type { Actor } from './authz';
import { narrowDb, type RawQuery } from './db';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | null;
  /** The organisation the record belongs to, so org admins see their own trail. Defaults to the actor's. */
  orgId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit row. Takes the transaction handle on purpose: the row commits or rolls back with the change.
 * Personal data must already be masked or removed from before/after by the caller.
 */
export async function writeAudit<D extends Pick<PlatformTables, 'audit_log'>>(trx: Transaction<D> | Kysely<D>, actor: Actor | null, e: AuditEvent): Promise<void> {
  // Any module's handle (typed with its own tables besides the platform's) may write the audit row: see narrowDb.
  await narrowDb<Pick<PlatformTables, 'audit_log'>>()(trx)
    .insertInto('audit_log')
    .values({
      actor_id: actor?.userId ?? null,
      actor_name: actor ? `${actor.displayName} (${actor.username})` : null,
      org_id: e.orgId === undefined ? (actor?.orgId ?? null) : e.orgId,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId ?? null,
      before: e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
      after: e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
      request_id: actor?.requestId ?? null,
      ip: actor?.ip ?? null,
    })
    .execute();
}

/**
 * The same audit row through a raw query function, for code that runs in raw SQL inside its caller's transaction
 * (the factory's unit reports, written by the ingest's batch and by the API alike). A null actor: the system.
 */
export async function writeAuditRaw(q: RawQuery, actor: Actor | null, e: AuditEvent): Promise<void> {
  await q(
    `insert into audit_log (actor_id, actor_name, org_id, action, entity, entity_id, before, after, request_id, ip)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
    [
      actor?.userId ?? null,
      actor ? `${actor.displayName} (${actor.username})` : null,
      e.orgId === undefined ? (actor?.orgId ?? null) : e.orgId,
      e.action,
      e.entity,
      e.entityId ?? null,
      e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
      e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
      actor?.requestId ?? null,
      actor?.ip ?? null,
    ],
  );
}
