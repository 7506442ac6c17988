import { sql, type Transaction } from 'kysely';
import type { User } from '@gearbridge/contracts/identity';
import { can, inScope, requireInScope, requirePermission, scopeOf, type Actor, orgInScopeSql } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { conflict, forbidden, fromUniqueViolation, invalid, notFound } from '../../platform/errors';
import { maskPhone, type FieldCipher } from '../../platform/pii';
import { hashPassword } from './passwords';
import { passwordProblem } from './password-policy';
import { P } from './permissions';
import type { DB, Database } from './db';
import { m } from './messages';
import { containing, paged } from '../../platform/db';

type Tx = DB | Transaction<Database>;
export interface GrantInput {
  roleId: string;
  regionCode: string | null;
}

const PHONE_CTX = 'users.phone';

function baseQuery(db: Tx) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select([
      'u.id',
      'u.org_id',
      'o.name as org_name',
      'o.region_code',
      'u.username',
      'u.display_name',
      'u.phone_masked',
      'u.status',
      'u.locale',
      'u.last_login_at',
      'u.created_at',
    ]);
}
type UserRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

async function withRoles(db: Tx, rows: UserRow[], lang: 'zh' | 'en' = 'zh'): Promise<User[]> {
  const ids = rows.map((r) => r.id);
  const grants = ids.length
    ? await db
        .selectFrom('user_roles as ur')
        .innerJoin('roles as r', 'r.id', 'ur.role_id')
        .select(['ur.user_id', 'r.id', 'r.code', 'r.name_zh', 'r.name_en', 'ur.region_code'])
        .where('ur.user_id', 'in', ids)
        .orderBy('r.code')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    username: r.username,
    displayName: r.display_name,
    phoneMasked: r.phone_masked,
    status: r.status,
    locale: r.locale,
    roles: grants.filter((g) => g.user_id === r.id).map((g) => ({ roleId: g.id, code: g.code, name: lang === 'zh' ? g.name_zh : g.name_en, regionCode: g.region_code })),
    lastLoginAt: r.last_login_at ? new Date(r.last_login_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export interface UserFilter {
  page: number;
  pageSize: number;
  q?: string;
  orgId?: string;
  status?: 'active' | 'disabled';
}

export async function listUsers(db: DB, actor: Actor, f: UserFilter, lang: 'zh' | 'en' = 'zh'): Promise<{ items: User[]; total: number }> {
  let q = baseQuery(db).where(orgInScopeSql(scopeOf(actor, P.userRead)));
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('u.username', 'ilike', like), eb('u.display_name', 'ilike', like)]));
  }
  if (f.orgId) q = q.where('u.org_id', '=', f.orgId);
  if (f.status) q = q.where('u.status', '=', f.status);
  const { rows, total } = await paged(q, f, (b) => b.orderBy('o.name').orderBy('u.username'));
  return { items: await withRoles(db, rows, lang), total };
}

async function loadUser(db: Tx, actor: Actor, id: string, permission: string) {
  const row = await baseQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('identity.user.not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.region_code });
  return row;
}

export async function getUser(db: Tx, actor: Actor, id: string, permission: string = P.userRead): Promise<User> {
  return (await withRoles(db, [await loadUser(db, actor, id, permission)]))[0];
}

/**
 * Which grants the actor may hand out: roles built into the platform or made by the target's organisation,
 * never platform_admin unless the actor is one, never a permission the actor lacks, and region grants only
 * inside the actor's own user.manage regions.
 */
async function checkGrants(db: Tx, actor: Actor, targetOrgId: string, grants: GrantInput[]) {
  if (!grants.length) return;
  const roles = await db
    .selectFrom('roles')
    .select(['id', 'org_id', 'code', 'permissions'])
    .where(
      'id',
      'in',
      grants.map((g) => g.roleId),
    )
    .execute();
  const scope = scopeOf(actor, P.userManage);
  for (const [i, g] of grants.entries()) {
    const role = roles.find((r) => r.id === g.roleId);
    if (!role) throw invalid(m('identity.role.unknown'), { [`roles.${i}.roleId`]: m('identity.role.unknown_field') });
    if (role.org_id && role.org_id !== targetOrgId) throw invalid(m('identity.role.other_org'), { [`roles.${i}.roleId`]: m('identity.role.other_org_field') });
    if (!actor.platformAdmin && (role.permissions.includes('*') || role.permissions.some((p) => !can(actor, p)))) {
      throw forbidden(m('identity.user.grant_role_beyond', { role: role.code }));
    }
    if (g.regionCode) {
      const region = await db.selectFrom('regions').select('code').where('code', '=', g.regionCode).executeTakeFirst();
      if (!region) throw invalid(m('identity.region.unknown'), { [`roles.${i}.regionCode`]: m('identity.region.unknown_field') });
      if (!scope.all && !scope.regionPrefixes.some((p) => g.regionCode!.startsWith(p))) {
        throw forbidden(m('identity.user.grant_region_out_of_scope'));
      }
    }
  }
}

/**
 * Managing a user (editing, disabling, resetting the password) is taking over what that user can do: refused
 * unless the actor holds every permission the user holds. Otherwise an org admin could reset a platform admin's
 * password in the own organisation and sign in as them.
 */
async function requireCanManage(db: Tx, actor: Actor, userId: string) {
  if (actor.platformAdmin) return;
  const held = await db.selectFrom('user_roles as ur').innerJoin('roles as r', 'r.id', 'ur.role_id').select('r.permissions').where('ur.user_id', '=', userId).execute();
  const perms = held.flatMap((h) => h.permissions);
  if (perms.includes('*') || perms.some((p) => !can(actor, p))) {
    throw forbidden(m('identity.user.holds_more_permissions'));
  }
}

async function replaceGrants(trx: Transaction<Database>, userId: string, grants: GrantInput[]) {
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  const unique = [...new Map(grants.map((g) => [`${g.roleId}|${g.regionCode ?? ''}`, g])).values()];
  if (unique.length)
    await trx
      .insertInto('user_roles')
      .values(unique.map((g) => ({ user_id: userId, role_id: g.roleId, region_code: g.regionCode })))
      .execute();
}

export interface NewUser {
  orgId: string;
  username: string;
  displayName: string;
  phone?: string | null;
  password: string;
  locale: 'zh-CN' | 'en';
  roles: GrantInput[];
}

/** Everything for an insert that needs no transaction: checks, the password hash, the encrypted phone. */
export async function prepareUser(db: Tx, actor: Actor, cipher: FieldCipher, u: NewUser) {
  const org = await db.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', u.orgId).executeTakeFirst();
  if (!org) throw invalid(m('identity.org.unknown'), { orgId: m('identity.org.unknown_field') });
  if (!inScope(scopeOf(actor, P.userManage), { id: org.id, regionCode: org.region_code })) {
    throw forbidden(m('identity.user.add_out_of_scope'));
  }
  await checkGrants(db, actor, u.orgId, u.roles);
  const problem = passwordProblem(u.password, u);
  if (problem) throw invalid(m('identity.password.weak'), { password: problem });
  return {
    row: {
      org_id: u.orgId,
      username: u.username,
      display_name: u.displayName,
      password_hash: await hashPassword(u.password),
      phone_enc: u.phone ? cipher.encrypt(u.phone, PHONE_CTX) : null,
      phone_hash: u.phone ? cipher.hash(u.phone) : null,
      phone_masked: u.phone ? maskPhone(u.phone) : null,
      locale: u.locale,
    },
    roles: u.roles,
  };
}
export type PreparedUser = Awaited<ReturnType<typeof prepareUser>>;

export async function insertUser(trx: Transaction<Database>, actor: Actor, p: PreparedUser, auditAction = 'user.create'): Promise<User> {
  let id: string;
  try {
    ({ id } = await trx.insertInto('users').values(p.row).returning('id').executeTakeFirstOrThrow());
  } catch (err) {
    throw fromUniqueViolation(err, { users_username_key: 'username' }) ?? err;
  }
  await replaceGrants(trx, id, p.roles);
  const user = (await withRoles(trx, [await baseQuery(trx).where('u.id', '=', id).executeTakeFirstOrThrow()]))[0];
  await writeAudit(trx, actor, { action: auditAction, entity: 'user', entityId: id, orgId: user.orgId, after: user });
  return user;
}

export async function createUser(db: DB, actor: Actor, cipher: FieldCipher, u: NewUser): Promise<User> {
  const prepared = await prepareUser(db, actor, cipher, u);
  return db.transaction().execute((trx) => insertUser(trx, actor, prepared));
}

export interface UserChanges {
  displayName?: string;
  phone?: string | null;
  status?: 'active' | 'disabled';
  locale?: 'zh-CN' | 'en';
  roles?: GrantInput[];
}

export async function updateUser(db: DB, actor: Actor, cipher: FieldCipher, id: string, c: UserChanges): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const before = await getUser(trx, actor, id, P.userManage);
    await requireCanManage(trx, actor, id);
    if (id === actor.userId && (c.status === 'disabled' || c.roles)) {
      throw conflict(m('identity.user.self_change'));
    }
    if (c.roles) {
      await checkGrants(trx, actor, before.orgId, c.roles);
      await replaceGrants(trx, id, c.roles);
    }
    const set = {
      ...(c.displayName !== undefined && { display_name: c.displayName }),
      ...(c.status !== undefined && { status: c.status }),
      ...(c.locale !== undefined && { locale: c.locale }),
      ...(c.phone !== undefined && {
        phone_enc: c.phone ? cipher.encrypt(c.phone, PHONE_CTX) : null,
        phone_hash: c.phone ? cipher.hash(c.phone) : null,
        phone_masked: c.phone ? maskPhone(c.phone) : null,
      }),
    };
    if (Object.keys(set).length)
      await trx
        .updateTable('users')
        .set({ ...set, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
    // A disabled user's sessions end at once, not at their expiry.
    if (c.status === 'disabled') await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const after = await getUser(trx, actor, id, P.userManage);
    await writeAudit(trx, actor, { action: 'user.update', entity: 'user', entityId: id, orgId: after.orgId, before, after });
    return after;
  });
}

export async function resetPassword(db: DB, actor: Actor, id: string, password: string): Promise<void> {
  const target = await loadUser(db, actor, id, P.userManage);
  const problem = passwordProblem(password, { username: target.username, displayName: target.display_name });
  if (problem) throw invalid(m('identity.password.weak'), { password: problem });
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const u = await getUser(trx, actor, id, P.userManage);
    await requireCanManage(trx, actor, id);
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: sql<Date>`now()`, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'user.password_reset', entity: 'user', entityId: id, orgId: u.orgId });
  });
}

/**
 * The clear phone number of a user account; every reveal is audited. It needs read access to the user (the check
 * of GET /users/:id) and pii.reveal over the user's organisation: a caseworker's region-wide pii.reveal is for the
 * labour records it works with, not for the staff accounts of every organisation in the county.
 */
export async function revealPhone(db: DB, actor: Actor, cipher: FieldCipher, id: string): Promise<string | null> {
  requirePermission(actor, P.piiReveal);
  return db.transaction().execute(async (trx) => {
    const row = await loadUser(trx, actor, id, P.userRead);
    requireInScope(actor, P.piiReveal, { id: row.org_id, regionCode: row.region_code });
    const enc = await trx.selectFrom('users').select('phone_enc').where('id', '=', id).executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'pii.reveal', entity: 'user', entityId: id, orgId: row.org_id, after: { field: 'phone' } });
    return enc.phone_enc ? cipher.decrypt(enc.phone_enc, PHONE_CTX) : null;
  });
}

export async function findByPhone(db: DB, actor: Actor, cipher: FieldCipher, phone: string): Promise<User[]> {
  const rows = await baseQuery(db)
    .where(orgInScopeSql(scopeOf(actor, P.userRead)))
    .where('u.phone_hash', '=', cipher.hash(phone))
    .execute();
  return withRoles(db, rows);
}
