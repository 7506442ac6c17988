import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Share, ShareQuery } from '@gearbridge/contracts/labor';
import { inScope, requireInScope, scopeOf, type Actor, orgInScopeSql } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors';
import { LP } from '../permissions';
import { isPartnerRegion, regionPairs } from './partners.service';
import type { DB, Database } from '../db';
import { m, type Msg } from '../messages';
import { containing, paged } from '../../../platform/db';

type Tx = DB | Transaction<Database>;

function shareQuery(db: Tx) {
  return db
    .selectFrom('labor_shares as s')
    .innerJoin('organisations as fo', 'fo.id', 's.from_org_id')
    .innerJoin('organisations as t', 't.id', 's.to_org_id')
    .leftJoin('labor_workers as w', 'w.id', 's.worker_id')
    .leftJoin('labor_postings as p', 'p.id', 's.posting_id')
    .leftJoin('users as sb', 'sb.id', 's.shared_by')
    .leftJoin('users as rb', 'rb.id', 's.revoked_by')
    .select([
      's.id',
      's.kind',
      's.worker_id',
      's.posting_id',
      's.from_org_id',
      'fo.name as from_org_name',
      'fo.region_code as from_region_code',
      's.to_org_id',
      't.name as to_org_name',
      's.note',
      'sb.display_name as shared_by_name',
      's.shared_at',
      's.revoked_at',
      'rb.display_name as revoked_by_name',
      'w.name_masked',
      'p.title',
    ]);
}
type ShareRow = Awaited<ReturnType<ReturnType<typeof shareQuery>['executeTakeFirstOrThrow']>>;

const toShare = (r: ShareRow): Share => ({
  id: r.id,
  kind: r.kind,
  subjectId: (r.worker_id ?? r.posting_id)!,
  subjectLabel: r.kind === 'worker' ? (r.name_masked ?? '') : (r.title ?? ''),
  fromOrgId: r.from_org_id,
  fromOrgName: r.from_org_name,
  toOrgId: r.to_org_id,
  toOrgName: r.to_org_name,
  note: r.note,
  sharedByName: r.shared_by_name,
  sharedAt: new Date(r.shared_at).toISOString(),
  active: r.revoked_at === null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  revokedByName: r.revoked_by_name,
});

/** Shares the actor's scope made (out) or received (in), newest first. */
export async function listShares(db: DB, actor: Actor, f: ShareQuery): Promise<{ items: Share[]; total: number }> {
  const scope = scopeOf(actor, LP.read);
  const out = orgInScopeSql(scope, 'fo');
  const into = orgInScopeSql(scope, 't');
  let q = shareQuery(db).where(f.direction === 'out' ? out : f.direction === 'in' ? into : sql<SqlBool>`(${out} or ${into})`);
  if (f.kind) q = q.where('s.kind', '=', f.kind);
  if (f.active) q = q.where('s.revoked_at', f.active === 'true' ? 'is' : 'is not', null);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('p.title', 'ilike', like), eb('t.name', 'ilike', like), eb('fo.name', 'ilike', like)]));
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('s.shared_at', 'desc').orderBy('s.id'));
  return { items: rows.map(toShare), total };
}

/** The records to share with their owning organisations (a worker's bureau, a posting's employer). */
async function subjects(db: Tx, kind: 'worker' | 'posting', ids: string[]) {
  const rows =
    kind === 'worker'
      ? await db
          .selectFrom('labor_workers as x')
          .innerJoin('organisations as o', 'o.id', 'x.org_id')
          .select(['x.id', 'o.id as org_id', 'o.name as org_name', 'o.region_code'])
          .where('x.id', 'in', ids)
          .execute()
      : await db
          .selectFrom('labor_postings as x')
          .innerJoin('organisations as o', 'o.id', 'x.org_id')
          .select(['x.id', 'o.id as org_id', 'o.name as org_name', 'o.region_code'])
          .where('x.id', 'in', ids)
          .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Shares workers' needs or postings with a partner organisation. The actor needs labor.share over every record's
 * owner, and the partner must lie in a region paired with every owner's region (400 naming toOrgId otherwise); a
 * record already shared with that partner is left as it is. All or nothing; one audit row per new share.
 */
export async function createShares(
  db: DB,
  actor: Actor,
  input: { kind: 'worker' | 'posting'; ids: string[]; toOrgId: string; note?: string | null },
): Promise<{ created: Share[]; alreadyShared: number }> {
  const scope = scopeOf(actor, LP.share);
  const target = await db.selectFrom('organisations').select(['id', 'name', 'region_code']).where('id', '=', input.toOrgId).executeTakeFirst();
  if (!target) throw invalid(m('labor.share.unknown_partner'), { toOrgId: m('labor.org.field_unknown') });
  const pairs = await regionPairs(db);
  const ids = [...new Set(input.ids)];
  return db.transaction().execute(async (trx) => {
    const found = await subjects(trx, input.kind, ids);
    const errors: Record<string, Msg> = {};
    ids.forEach((id, i) => {
      const s = found.get(id);
      if (!s) errors[`ids.${i}`] = input.kind === 'worker' ? m('labor.worker.field_unknown') : m('labor.posting.field_unknown');
      else if (s.org_id === target.id) errors[`ids.${i}`] = m('labor.share.already_owner');
    });
    if (Object.keys(errors).length) throw invalid(m('labor.share.cannot_share', { fields: Object.keys(errors).join(', ') }), errors);
    for (const s of found.values()) {
      if (!inScope(scope, { id: s.org_id, regionCode: s.region_code })) throw forbidden(m('labor.share.out_of_scope'));
    }
    const unpaired = [...found.values()].filter((s) => !isPartnerRegion(pairs, s.region_code, target.region_code));
    if (unpaired.length) {
      const owners = [...new Set(unpaired.map((s) => s.org_name))].join('、');
      throw invalid(m('labor.share.not_partner', { target: target.name, owners }), {
        toOrgId: m('labor.share.field_not_partner', { owners }),
      });
    }
    const existing = await trx
      .selectFrom('labor_shares')
      .select(['worker_id', 'posting_id'])
      .where(input.kind === 'worker' ? 'worker_id' : 'posting_id', 'in', ids)
      .where('to_org_id', '=', target.id)
      .where('revoked_at', 'is', null)
      .execute();
    const active = new Set(existing.map((r) => (r.worker_id ?? r.posting_id)!));
    const fresh = ids.filter((id) => !active.has(id));
    const created: Share[] = [];
    for (const id of fresh) {
      const subject = found.get(id)!;
      const { id: shareId } = await trx
        .insertInto('labor_shares')
        .values({
          kind: input.kind,
          worker_id: input.kind === 'worker' ? id : null,
          posting_id: input.kind === 'posting' ? id : null,
          from_org_id: subject.org_id,
          to_org_id: target.id,
          note: input.note || null,
          shared_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const share = toShare(await shareQuery(trx).where('s.id', '=', shareId).executeTakeFirstOrThrow());
      await writeAudit(trx, actor, {
        action: 'labor.share',
        entity: input.kind === 'worker' ? 'labor_worker' : 'labor_posting',
        entityId: id,
        orgId: subject.org_id,
        after: share,
      });
      created.push(share);
    }
    return { created, alreadyShared: ids.length - fresh.length };
  });
}

/** Ends a share at once: the partner's next read no longer returns the record. */
export async function revokeShare(db: DB, actor: Actor, id: string): Promise<Share> {
  return db.transaction().execute(async (trx) => {
    // Locks the share: two revokes at once cannot both pass the check below.
    await trx.selectFrom('labor_shares').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await shareQuery(trx).where('s.id', '=', id).executeTakeFirst();
    if (!row) throw notFound(m('labor.share.not_found'));
    requireInScope(actor, LP.share, { id: row.from_org_id, regionCode: row.from_region_code });
    if (row.revoked_at) throw conflict(m('labor.share.already_revoked'));
    await trx.updateTable('labor_shares').set({ revoked_at: sql<Date>`now()`, revoked_by: actor.userId }).where('id', '=', id).execute();
    const after = toShare(await shareQuery(trx).where('s.id', '=', id).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, {
      action: 'labor.unshare',
      entity: row.kind === 'worker' ? 'labor_worker' : 'labor_posting',
      entityId: (row.worker_id ?? row.posting_id)!,
      orgId: row.from_org_id,
      before: toShare(row),
      after,
    });
    return after;
  });
}
