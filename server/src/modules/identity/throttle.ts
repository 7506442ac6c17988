import { sql, type RawBuilder } from 'kysely';
import { rateLimited } from '../../platform/errors';
import type { DB, Transaction } from './db';
import { m } from './messages';

/**
 * How password guessing is slowed (docs/security.md, "Sign-in throttling"). Delays double from 1 s after the
 * free failures: 1, 2, 4 … seconds after the latest failure, up to the cap.
 */
export const THROTTLE = {
  /** One username from one address, counted since that pair's last success within the window. */
  pair: { free: 3, capSeconds: 15 * 60, windowMinutes: 24 * 60 },
  /**
   * One username from any address (guesses spread over many addresses): a short delay only, so that nobody can
   * lock the real user out; none at all from an address the user signed in from within `knownDays`.
   */
  user: { free: 10, capSeconds: 30, windowMinutes: 15, knownDays: 30 },
  /** One address across usernames: refused until the oldest of `limit` failures in the window ages out. */
  address: { limit: 30, windowMinutes: 15 },
  /** The current password of a password change, per user, from any address. */
  password: { free: 3, capSeconds: 15 * 60, windowMinutes: 24 * 60 },
} as const;

/** Seconds to wait after the latest of `failures` failures. */
export const delaySeconds = (failures: number, rule: { free: number; capSeconds: number }) => (failures < rule.free ? 0 : Math.min(rule.capSeconds, 2 ** (failures - rule.free)));

// Advisory lock classes (the two-key form, apart from the migration lock's one-key form).
const LOCK_USERNAME = sql.lit(7301);
const LOCK_ADDRESS = sql.lit(7302);

interface Failures {
  n: number;
  /** Age in seconds of the newest and the oldest counted failure (null when none). */
  newest: number | null;
  oldest: number | null;
}

/**
 * Failures (and pending attempts, whose outcome is not known yet) matching `where` within the window, counted
 * from the last success matching `where` when `resetOnSuccess`. Ages are computed by the database's clock, the
 * one that stamped the rows.
 */
async function failures(trx: Transaction, where: RawBuilder<unknown>, windowMinutes: number, resetOnSuccess: boolean): Promise<Failures> {
  const window = sql`clock_timestamp() - make_interval(mins => ${sql.lit(windowMinutes)})`;
  const since = resetOnSuccess ? sql`greatest(${window}, coalesce((select max(at) from login_attempts where ${where} and success), '-infinity'::timestamptz))` : window;
  const { rows } = await sql<{ n: string | number; newest: number | null; oldest: number | null }>`
    select count(*) as n,
           extract(epoch from clock_timestamp() - max(at))::float8 as newest,
           extract(epoch from clock_timestamp() - min(at))::float8 as oldest
      from login_attempts
     where ${where} and success is not true and at > ${since}`.execute(trx);
  const r = rows[0];
  return { n: Number(r.n), newest: r.newest === null ? null : Number(r.newest), oldest: r.oldest === null ? null : Number(r.oldest) };
}

/** Seconds left of the progressive delay these failures impose (≤ 0: none). */
const delayLeft = (f: Failures, rule: { free: number; capSeconds: number }) => (f.newest === null ? 0 : delaySeconds(f.n, rule) - f.newest);

async function signInWait(trx: Transaction, username: string, ip: string): Promise<number> {
  const login = sql`kind = 'login'`;
  const pair = sql`${login} and username = ${username} and ip = ${ip}`;
  const user = sql`${login} and username = ${username}`;
  const address = sql`${login} and ip = ${ip}`;
  const waits = [delayLeft(await failures(trx, pair, THROTTLE.pair.windowMinutes, true), THROTTLE.pair)];
  const byAddress = await failures(trx, address, THROTTLE.address.windowMinutes, false);
  if (byAddress.n >= THROTTLE.address.limit && byAddress.oldest !== null) waits.push(THROTTLE.address.windowMinutes * 60 - byAddress.oldest);
  const byUser = await failures(trx, user, THROTTLE.user.windowMinutes, true);
  if (byUser.n >= THROTTLE.user.free) {
    const known =
      await sql`select 1 from login_attempts where ${pair} and success and at > clock_timestamp() - make_interval(days => ${sql.lit(THROTTLE.user.knownDays)}) limit 1`.execute(
        trx,
      );
    if (!known.rows.length) waits.push(delayLeft(byUser, THROTTLE.user));
  }
  return Math.max(...waits);
}

async function passwordWait(trx: Transaction, username: string): Promise<number> {
  return delayLeft(await failures(trx, sql`kind = 'password' and username = ${username}`, THROTTLE.password.windowMinutes, true), THROTTLE.password);
}

/**
 * Records an attempt before its password is checked, or refuses it with 429 and Retry-After when a limit holds.
 * Check and record happen in one transaction holding advisory locks on the username and the address, so parallel
 * attempts are counted one after the other: each sees the ones before it (pending ones count as failures). The
 * password is checked after this returns, outside the lock; finishAttempt records the outcome. A refused attempt
 * is not recorded, so hammering during a delay does not prolong it.
 */
export async function beginAttempt(db: DB, kind: 'login' | 'password', username: string, ip: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    // Always the username's lock first, then the address's: two attempts never wait for each other crosswise.
    await sql`select pg_advisory_xact_lock(${LOCK_USERNAME}, hashtext(${`${kind}:${username}`}))`.execute(trx);
    if (kind === 'login') await sql`select pg_advisory_xact_lock(${LOCK_ADDRESS}, hashtext(${ip}))`.execute(trx);
    const wait = kind === 'login' ? await signInWait(trx, username, ip) : await passwordWait(trx, username);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait));
      // Past two minutes the wait is said in minutes ("try again in 9 minutes", not "in 512 seconds").
      const msg =
        seconds < 120
          ? m(kind === 'login' ? 'identity.auth.too_many_failures' : 'identity.password.too_many_failures', { seconds })
          : m(kind === 'login' ? 'identity.auth.too_many_failures_minutes' : 'identity.password.too_many_failures_minutes', { minutes: Math.ceil(seconds / 60) });
      throw rateLimited(msg, seconds);
    }
    const row = await trx.insertInto('login_attempts').values({ username, ip, kind, success: null, at: sql<Date>`clock_timestamp()` }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
}

/** The outcome of an attempt begun with beginAttempt. */
export async function finishAttempt(db: DB | Transaction, id: number, success: boolean): Promise<void> {
  await db.updateTable('login_attempts').set({ success }).where('id', '=', id).execute();
}

/** Attempts older than any rule looks back are of no use; kept no longer than the known-address period. */
export async function purgeAttempts(db: DB): Promise<number> {
  const r = await db
    .deleteFrom('login_attempts')
    .where('at', '<', sql<Date>`now() - make_interval(days => ${sql.lit(THROTTLE.user.knownDays)})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
