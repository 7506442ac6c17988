import { sql } from 'kysely';
import type { Role } from '@gearbridge/contracts/identity';
import { can, requirePermission, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import type { PermissionDef, RoleTemplate } from '../../platform/module';
import { conflict, forbidden, fromUniqueViolation, invalid, notFound } from '../../platform/errors';
import { P } from './permissions';
import type { DB } from './db';
import { m } from './messages';

export async function listRoles(db: DB, actor: Actor, orgId?: string): Promise<Role[]> {
  // Whoever can see users or manage roles may see which roles exist; custom roles only of their own organisation.
  if (![P.userRead, P.userManage, P.roleManage].some((p) => can(actor, p))) throw forbidden(m('identity.role.read_forbidden'));
  const org = actor.platformAdmin ? orgId : actor.orgId;
  const rows = await db
    .selectFrom('roles as r')
    .leftJoin('user_roles as ur', 'ur.role_id', 'r.id')
    .select(['r.id', 'r.org_id', 'r.code', 'r.name_zh', 'r.name_en', 'r.permissions', 'r.built_in', (eb) => eb.fn.count<number>('ur.id').as('users')])
    .where((eb) => (org ? eb.or([eb('r.org_id', 'is', null), eb('r.org_id', '=', org)]) : actor.platformAdmin ? eb.lit(true) : eb('r.org_id', 'is', null)))
    .groupBy('r.id')
    .orderBy('r.built_in', 'desc')
    .orderBy('r.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    permissions: r.permissions,
    builtIn: r.built_in,
    userCount: Number(r.users),
  }));
}

function checkPermissions(actor: Actor, catalogue: PermissionDef[], perms: string[]) {
  const known = new Set(catalogue.map((p) => p.code));
  const unknown = perms.filter((p) => !known.has(p));
  if (unknown.length)
    throw invalid(m('identity.role.unknown_permissions', { permissions: unknown.join(', ') }), {
      permissions: m('identity.role.unknown_permissions_field', { permissions: unknown.join(', ') }),
    });
  const beyond = perms.filter((p) => !can(actor, p));
  if (beyond.length) throw forbidden(m('identity.role.permissions_beyond', { permissions: beyond.join(', ') }));
}

export interface RoleData {
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
}

export async function createRole(db: DB, actor: Actor, catalogue: PermissionDef[], input: RoleData): Promise<Role> {
  requirePermission(actor, P.roleManage);
  checkPermissions(actor, catalogue, input.permissions);
  return db.transaction().execute(async (trx) => {
    let id: string;
    try {
      ({ id } = await trx
        .insertInto('roles')
        .values({ org_id: actor.orgId, code: input.code, name_zh: input.nameZh, name_en: input.nameEn, permissions: [...new Set(input.permissions)] })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (err) {
      throw fromUniqueViolation(err, { roles_org_code_key: 'code' }) ?? err;
    }
    await writeAudit(trx, actor, { action: 'role.create', entity: 'role', entityId: id, after: input });
    return (await listRoles(trx, actor, actor.orgId)).find((r) => r.id === id)!;
  });
}

async function loadCustomRole(db: DB, actor: Actor, id: string) {
  requirePermission(actor, P.roleManage);
  const role = await db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!role) throw notFound(m('identity.role.not_found'));
  if (role.built_in) throw conflict(m('identity.role.built_in'));
  if (!actor.platformAdmin && role.org_id !== actor.orgId) throw forbidden(m('identity.role.other_org'));
  return role;
}

export async function updateRole(db: DB, actor: Actor, catalogue: PermissionDef[], id: string, patch: Partial<Omit<RoleData, 'code'>>): Promise<Role> {
  const before = await loadCustomRole(db, actor, id);
  if (patch.permissions) checkPermissions(actor, catalogue, patch.permissions);
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('roles')
      .set({
        ...(patch.nameZh !== undefined && { name_zh: patch.nameZh }),
        ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
        ...(patch.permissions !== undefined && { permissions: [...new Set(patch.permissions)] }),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
    const after = (await listRoles(trx, actor, before.org_id ?? undefined)).find((r) => r.id === id)!;
    await writeAudit(trx, actor, {
      action: 'role.update',
      entity: 'role',
      entityId: id,
      orgId: before.org_id,
      before: { nameZh: before.name_zh, nameEn: before.name_en, permissions: before.permissions },
      after: { nameZh: after.nameZh, nameEn: after.nameEn, permissions: after.permissions },
    });
    return after;
  });
}

export async function deleteRole(db: DB, actor: Actor, id: string): Promise<void> {
  const role = await loadCustomRole(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const used = await trx.selectFrom('user_roles').select('id').where('role_id', '=', id).limit(1).executeTakeFirst();
    if (used) throw conflict(m('identity.role.still_granted'));
    await trx.deleteFrom('roles').where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'role.delete', entity: 'role', entityId: id, orgId: role.org_id, before: { code: role.code, permissions: role.permissions } });
  });
}

/** Keeps the built-in roles in step with the code (new module roles appear; changed permissions apply). */
export async function syncBuiltInRoles(db: DB, templates: RoleTemplate[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const t of templates) {
      const existing = await trx.selectFrom('roles').select('id').where('org_id', 'is', null).where('code', '=', t.code).executeTakeFirst();
      if (existing) {
        await trx.updateTable('roles').set({ name_zh: t.zh, name_en: t.en, permissions: t.permissions, built_in: true }).where('id', '=', existing.id).execute();
      } else {
        await trx.insertInto('roles').values({ org_id: null, code: t.code, name_zh: t.zh, name_en: t.en, permissions: t.permissions, built_in: true }).execute();
      }
    }
  });
}
