import type { Org, OrgInput } from '@gearbridge/contracts/identity';
import { sql, type Transaction } from 'kysely';
import { scopeOf, inScope, requireInScope, type Actor, orgInScopeSql } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { DomainError, forbidden, fromUniqueViolation, invalid, notFound } from '../../platform/errors';
import { P } from './permissions';
import type { DB, Database } from './db';
import { m } from './messages';
import { containing, likeEscaped, paged } from '../../platform/db';

type OrgRow = {
  id: string;
  name: string;
  kind: Org['kind'];
  region_code: string;
  region_name: string | null;
  uscc: string | null;
  contact_name: string | null;
  address: string | null;
  created_at: Date;
  updated_at: Date;
};

export const toOrg = (r: OrgRow): Org => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  regionCode: r.region_code,
  regionName: r.region_name,
  uscc: r.uscc,
  contactName: r.contact_name,
  address: r.address,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const UNIQUE = { organisations_name_key: 'name', organisations_uscc_key: 'uscc' };

function baseQuery(db: DB | Transaction<Database>) {
  return db
    .selectFrom('organisations as o')
    .leftJoin('regions as g', 'g.code', 'o.region_code')
    .select(['o.id', 'o.name', 'o.kind', 'o.region_code', 'g.full_name as region_name', 'o.uscc', 'o.contact_name', 'o.address', 'o.created_at', 'o.updated_at']);
}

export interface OrgFilter {
  page: number;
  pageSize: number;
  q?: string;
  kind?: Org['kind'];
  region?: string;
}

export async function listOrgs(db: DB, actor: Actor, f: OrgFilter): Promise<{ items: Org[]; total: number }> {
  const scope = scopeOf(actor, P.orgRead);
  let q = baseQuery(db).where(orgInScopeSql(scope));
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.uscc', 'ilike', like)]));
  }
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.region) q = q.where('o.region_code', 'like', `${likeEscaped(f.region)}%`);
  const { rows, total } = await paged(q, f, (b) => b.orderBy('o.name'));
  return { items: rows.map(toOrg), total };
}

/** All organisations in scope, for export (bounded: an export is a list a person keeps, not a data dump). */
export async function allOrgs(db: DB, actor: Actor, f: Omit<OrgFilter, 'page' | 'pageSize'>): Promise<Org[]> {
  return (await listOrgs(db, actor, { ...f, page: 1, pageSize: 50_000 })).items;
}

export async function getOrg(db: DB | Transaction<Database>, actor: Actor, id: string, permission: string = P.orgRead): Promise<Org> {
  const row = await baseQuery(db).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('identity.org.not_found'));
  requireInScope(actor, permission, { id: row.id, regionCode: row.region_code });
  return toOrg(row);
}

async function requireRegion(db: DB | Transaction<Database>, code: string) {
  const r = await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst();
  if (!r) throw invalid(m('identity.region.unknown_code', { code }), { regionCode: m('identity.region.unknown_field') });
}

/** A new organisation must fall inside the region subtree of one of the actor's org.manage grants. */
function requireCanCreateIn(actor: Actor, regionCode: string) {
  const scope = scopeOf(actor, P.orgManage);
  if (!scope.all && !scope.regionPrefixes.some((p) => regionCode.startsWith(p))) {
    throw forbidden(m('identity.org.create_out_of_scope'));
  }
}

export async function createOrgIn(trx: Transaction<Database>, actor: Actor, input: OrgInput, auditAction = 'organisation.create'): Promise<Org> {
  requireCanCreateIn(actor, input.regionCode);
  await requireRegion(trx, input.regionCode);
  let id: string;
  try {
    ({ id } = await trx
      .insertInto('organisations')
      .values({
        name: input.name,
        kind: input.kind,
        region_code: input.regionCode,
        uscc: input.uscc ?? null,
        contact_name: input.contactName ?? null,
        address: input.address ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  } catch (err) {
    throw fromUniqueViolation(err, UNIQUE) ?? err;
  }
  const org = toOrg(await baseQuery(trx).where('o.id', '=', id).executeTakeFirstOrThrow());
  await writeAudit(trx, actor, { action: auditAction, entity: 'organisation', entityId: id, orgId: id, after: org });
  return org;
}

export async function createOrg(db: DB, actor: Actor, input: OrgInput): Promise<Org> {
  requireCanCreateIn(actor, input.regionCode);
  return db.transaction().execute((trx) => createOrgIn(trx, actor, input));
}

/**
 * Where an organisation sits and what kind it is decide who oversees it (a park officer's region) and whom it may
 * partner with (labour sharing between paired regions, by kind): changing either is an act of the regional
 * authority, never of the organisation itself. It needs org.manage through a region grant covering the old and the
 * new region (or the platform admin); an org admin's grant over the own organisation is not enough.
 */
function requireRegionAuthority(actor: Actor, from: string, to: string, field: 'regionCode' | 'kind') {
  if (actor.platformAdmin) return;
  const { regionPrefixes } = scopeOf(actor, P.orgManage);
  const covered = (code: string) => regionPrefixes.some((p) => code.startsWith(p));
  if (!covered(from) || !covered(to)) {
    throw new DomainError('forbidden', m('identity.org.region_authority'), { [field]: m('identity.org.region_authority_field') });
  }
}

export async function updateOrg(db: DB, actor: Actor, id: string, patch: Partial<OrgInput>): Promise<Org> {
  return db.transaction().execute(async (trx) => {
    const before = await getOrg(trx, actor, id, P.orgManage);
    const moving = patch.regionCode !== undefined && patch.regionCode !== before.regionCode;
    if (moving) {
      await requireRegion(trx, patch.regionCode!);
      if (!inScope(scopeOf(actor, P.orgManage), { id, regionCode: patch.regionCode! })) {
        throw new DomainError('forbidden', m('identity.org.move_out_of_scope'), { regionCode: m('identity.org.region_authority_field') });
      }
    }
    if (moving || (patch.kind !== undefined && patch.kind !== before.kind))
      requireRegionAuthority(actor, before.regionCode, patch.regionCode ?? before.regionCode, moving ? 'regionCode' : 'kind');
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.regionCode !== undefined && { region_code: patch.regionCode }),
      ...(patch.uscc !== undefined && { uscc: patch.uscc ?? null }),
      ...(patch.contactName !== undefined && { contact_name: patch.contactName ?? null }),
      ...(patch.address !== undefined && { address: patch.address ?? null }),
    };
    if (!Object.keys(set).length) return before;
    try {
      await trx
        .updateTable('organisations')
        .set({ ...set, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
    } catch (err) {
      throw fromUniqueViolation(err, UNIQUE) ?? err;
    }
    const after = toOrg(await baseQuery(trx).where('o.id', '=', id).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, { action: 'organisation.update', entity: 'organisation', entityId: id, orgId: id, before, after });
    return after;
  });
}
