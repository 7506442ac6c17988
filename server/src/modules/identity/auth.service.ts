import { sql } from 'kysely';
import type { Me } from '@gearbridge/contracts/identity';
import type { Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { invalid, unauthenticated } from '../../platform/errors';
import type { SessionStore } from '../../platform/sessions';
import { hashPassword, verifyPassword } from './passwords';
import { beginAttempt, finishAttempt } from './throttle';
import { passwordProblem } from './password-policy';
import type { DB } from './db';
import { m } from './messages';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

export async function login(
  db: DB,
  sessions: SessionStore,
  input: { username: string; password: string },
  meta: { ip: string; userAgent: string | null; requestId: string; previousSessionId?: string | null },
): Promise<LoginResult> {
  const attempt = await beginAttempt(db, 'login', input.username, meta.ip);
  const user = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.password_hash', 'u.status', 'u.org_id'])
    .where('u.username', '=', input.username)
    .executeTakeFirst();
  const ok = (await verifyPassword(user?.password_hash ?? null, input.password)) && user?.status === 'active';
  await finishAttempt(db, attempt, ok);
  // One message for every failure: it must not tell whether the username exists.
  if (!ok || !user) throw unauthenticated(m('identity.auth.wrong_credentials'));
  const s = await sessions.create(user.id, meta.ip, meta.userAgent);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ last_login_at: sql<Date>`now()` }).where('id', '=', user.id).execute();
    if (meta.previousSessionId) await trx.deleteFrom('sessions').where('id', '=', meta.previousSessionId).execute();
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      orgId: user.org_id,
      orgKind: '',
      platformAdmin: false,
      grants: [],
      requestId: meta.requestId,
      ip: meta.ip,
    };
    await writeAudit(trx, actor, { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  return { ...s, userId: user.id };
}

/** Ends this session on the server and records it, in one transaction. */
export async function logout(db: DB, actor: Actor, sessionId: string) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
    await writeAudit(trx, actor, { action: 'auth.logout', entity: 'user', entityId: actor.userId });
  });
}

export async function me(db: DB, actor: Actor, csrfToken: string): Promise<Me> {
  const u = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.locale', 'o.id as org_id', 'o.name as org_name', 'o.kind as org_kind'])
    .where('u.id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const permissions = new Set<string>();
  for (const g of actor.grants) for (const p of g.permissions) permissions.add(p);
  return {
    user: { id: u.id, username: u.username, displayName: u.display_name, locale: u.locale, orgId: u.org_id, orgName: u.org_name, orgKind: u.org_kind },
    permissions: [...permissions].sort(),
    regionScopes: [...new Set(actor.grants.map((g) => g.regionCode).filter((c): c is string => !!c))],
    platformAdmin: actor.platformAdmin,
    csrfToken,
  };
}

export async function changePassword(db: DB, sessions: SessionStore, actor: Actor, sessionId: string | null, input: { currentPassword: string; newPassword: string }) {
  if (input.currentPassword === input.newPassword) throw invalid(m('identity.password.unchanged'), { newPassword: m('identity.password.unchanged_field') });
  const problem = passwordProblem(input.newPassword, actor);
  if (problem) throw invalid(m('identity.password.weak'), { newPassword: problem });
  // A stolen session must not become a way to guess the password: the check is throttled like a sign-in.
  const attempt = await beginAttempt(db, 'password', actor.username, actor.ip ?? 'unknown');
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const ok = await verifyPassword(row.password_hash, input.currentPassword);
  await finishAttempt(db, attempt, ok);
  if (!ok) throw invalid(m('identity.password.current_wrong'), { currentPassword: m('identity.password.current_wrong_field') });
  const hash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash, password_changed_at: sql<Date>`now()`, updated_at: sql<Date>`now()` }).where('id', '=', actor.userId).execute();
    await writeAudit(trx, actor, { action: 'auth.password_change', entity: 'user', entityId: actor.userId });
  });
  // Other devices signed in with the old password are signed out.
  await sessions.destroyOthers(actor.userId, sessionId);
}

export async function setLocale(db: DB, actor: Actor, locale: 'zh-CN' | 'en') {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').select('locale').where('id', '=', actor.userId).executeTakeFirstOrThrow();
    await trx.updateTable('users').set({ locale }).where('id', '=', actor.userId).execute();
    await writeAudit(trx, actor, { action: 'user.locale', entity: 'user', entityId: actor.userId, before, after: { locale } });
  });
}
