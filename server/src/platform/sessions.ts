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

/** A resolved session is reused for at most this long, and only while the data version is unchanged. */
const CACHE_MS = 30_000;
const CACHE_MAX = 10_000;

/**
 * Sessions live in the database, so a restart or a second server process keeps everyone signed in. A resolved
 * session is kept in memory under the data version it was read at (platform/cached-reads.ts): ending a session,
 * disabling a user or changing a role or grant bumps the version in its transaction, so no process uses a cached
 * session after such a change; a request pays one primary-key read instead of the two look-ups. After 30 s the
 * session is looked up again (and its expiry slid, at most once a minute).
 */
export class SessionStore {
  private readonly cache = new Map<string, { version: bigint; at: number; expiresAt: number; session: ResolvedSession }>();

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

  /** The session of `token`; `version`: the data version read by this request, which allows a cached answer. */
  async resolve(token: string, version?: bigint): Promise<ResolvedSession | null> {
    const id = tokenId(token);
    const now = Date.now();
    if (version !== undefined) {
      const hit = this.cache.get(id);
      if (hit && hit.version === version && now - hit.at < CACHE_MS && hit.expiresAt > now) return hit.session;
      if (hit) this.cache.delete(id);
    }
    const found = await this.lookUp(id);
    if (found && version !== undefined) {
      if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(id, { version, at: now, expiresAt: found.expiresAt, session: found.session });
    }
    return found?.session ?? null;
  }

  private async lookUp(id: string): Promise<{ session: ResolvedSession; expiresAt: number } | null> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('organisations as o', 'o.id', 'u.org_id')
      .select([
        's.id as sessionId',
        's.csrf_token',
        's.last_seen_at',
        's.expires_at',
        'u.id as userId',
        'u.username',
        'u.display_name',
        'u.status',
        'o.id as orgId',
        'o.kind as orgKind',
      ])
      .where('s.id', '=', id)
      .where('s.expires_at', '>', new Date())
      .executeTakeFirst();
    if (!row || row.status !== 'active') return null;
    const grants = await this.grantsOf(row.userId);
    let expiresAt = new Date(row.expires_at).getTime();
    // Slide the expiry at most once a minute, not on every request.
    if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
      expiresAt = Date.now() + this.ttlHours * 3600_000;
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(), expires_at: new Date(expiresAt) })
        .where('id', '=', id)
        .execute();
    }
    const session: ResolvedSession = {
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
    return { session, expiresAt };
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
    this.cache.delete(tokenId(token));
    await this.db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
  }

  /** After a password change: every other session of the user ends. */
  async destroyOthers(userId: string, keepSessionId: string | null): Promise<void> {
    for (const [k, e] of this.cache) if (e.session.actor.userId === userId && e.session.sessionId !== keepSessionId) this.cache.delete(k);
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepSessionId) q = q.where('id', '!=', keepSessionId);
    await q.execute();
  }

  async purgeExpired(): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
