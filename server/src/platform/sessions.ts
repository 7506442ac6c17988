import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from './db';
import type { Actor, Grant } from './authz';

export const SESSION_COOKIE = 'gb_session';
export const CSRF_COOKIE = 'gb_csrf';

const tokenId = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newToken = () => randomBytes(32).toString('base64url');

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Omit<Actor, 'requestId' | 'ip'>;
}

/** Sessions live in the database, so a restart or a second server process keeps everyone signed in. */
export class SessionStore {
  constructor(
    private readonly db: DB,
    private readonly ttlHours: number,
  ) {}

  async create(userId: string, ip: string | null, userAgent: string | null): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(Date.now() + this.ttlHours * 3600_000);
    await this.db
      .insertInto('sessions')
      .values({ id: tokenId(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt, ip, user_agent: userAgent?.slice(0, 300) ?? null })
      .execute();
    return { token, csrfToken, expiresAt };
  }

  async resolve(token: string): Promise<ResolvedSession | null> {
    const id = tokenId(token);
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('organisations as o', 'o.id', 'u.org_id')
      .select(['s.id as sessionId', 's.csrf_token', 's.last_seen_at', 'u.id as userId', 'u.username', 'u.display_name', 'u.status', 'o.id as orgId', 'o.kind as orgKind'])
      .where('s.id', '=', id)
      .where('s.expires_at', '>', new Date())
      .executeTakeFirst();
    if (!row || row.status !== 'active') return null;
    const grants = await this.grantsOf(row.userId);
    // Slide the expiry at most once a minute, not on every request.
    if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(), expires_at: new Date(Date.now() + this.ttlHours * 3600_000) })
        .where('id', '=', id)
        .execute();
    }
    return {
      sessionId: row.sessionId,
      csrfToken: row.csrf_token,
      actor: {
        userId: row.userId,
        username: row.username,
        displayName: row.display_name,
        orgId: row.orgId,
        orgKind: row.orgKind,
        platformAdmin: grants.some((g) => g.permissions.has('*')),
        grants,
      },
    };
  }

  async grantsOf(userId: string): Promise<Grant[]> {
    const rows = await this.db
      .selectFrom('user_roles as ur')
      .innerJoin('roles as r', 'r.id', 'ur.role_id')
      .select(['r.code', 'r.permissions', 'ur.region_code'])
      .where('ur.user_id', '=', userId)
      .execute();
    return rows.map((r) => ({ roleCode: r.code, permissions: new Set(r.permissions), regionCode: r.region_code }));
  }

  async destroy(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
  }

  /** After a password change: every other session of the user ends. */
  async destroyOthers(userId: string, keepSessionId: string | null): Promise<void> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionId) q = q.where('id', '!=', keepSessionId);
    await q.execute();
  }

  async purgeExpired(): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
