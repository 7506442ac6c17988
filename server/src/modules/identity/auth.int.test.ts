import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { sql } from 'kysely';
import { THROTTLE, delaySeconds } from './throttle';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function anonWithCsrf() {
  const c = t.anonymous();
  const token = (await c.get('/api/auth/csrf')).json().csrfToken as string;
  c.cookie = `gb_csrf=${token}`;
  c.csrf = token;
  return c;
}

describe('POST /api/auth/login', () => {
  it('signs in with an httpOnly SameSite session cookie and returns the user, permissions and scopes', async () => {
    const c = await anonWithCsrf();
    const res = await c.post('/api/auth/login', { username: 'ck.caseworker', password: 'Gearbridge-2026' });
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me.user).toMatchObject({ username: 'ck.caseworker', orgName: '城口县就业和人才服务局', locale: 'zh-CN' });
    expect(me.regionScopes).toEqual(['500229']);
    expect(me.permissions).toContain('pii.reveal');
    const session = res.cookies.find((k) => k.name === 'gb_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(res.cookies.find((k) => k.name === 'gb_csrf')!.value).toBe(me.csrfToken);
    expect(await t.auditCount({ action: 'auth.login', entityId: me.user.id })).toBe(1);
  });

  it('answers 401 with one message whether the username exists or not', async () => {
    const c = await anonWithCsrf();
    const wrongPw = await c.post('/api/auth/login', { username: 'gear.quality', password: 'not-the-password' });
    const noUser = await c.post('/api/auth/login', { username: 'nobody.here', password: 'not-the-password' });
    expect(wrongPw.statusCode).toBe(401);
    expect(noUser.statusCode).toBe(401);
    expect(wrongPw.json().error.message).toBe(noUser.json().error.message);
  });

  it('answers 403 without the double-submit CSRF token', async () => {
    const res = await t.anonymous().request('POST', '/api/auth/login', { username: 'admin', password: 'Gearbridge-2026' });
    expect(res.statusCode).toBe(403);
  });

  it('answers 400 with field errors for a bad body', async () => {
    const c = await anonWithCsrf();
    const res = await c.post('/api/auth/login', { username: '', password: 5 });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).sort()).toEqual(['password', 'username']);
  });

  it('refuses a disabled user', async () => {
    const admin = await t.login('admin');
    const id = await t.userId('qineng.supplier');
    expect((await admin.patch(`/api/users/${id}`, { status: 'disabled' })).statusCode).toBe(200);
    const c = await anonWithCsrf();
    expect((await c.post('/api/auth/login', { username: 'qineng.supplier', password: 'Gearbridge-2026' })).statusCode).toBe(401);
  });
});

/** A sign-in from a given client address (as Fastify sees it: no proxy is trusted). */
function loginFrom(remoteAddress: string, username: string, password: string) {
  return t.platform.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers: { cookie: 'gb_csrf=throttle-test', 'x-csrf-token': 'throttle-test', 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password }),
  });
}

/** The recorded attempts of a username (optionally from one address), oldest first, with their time in seconds. */
async function attempts(username: string, kind: 'login' | 'password', ip?: string) {
  const { rows } = await sql<{ success: boolean | null; s: number }>`
    select success, extract(epoch from at)::float8 as s from login_attempts
     where username = ${username} and kind = ${kind} ${ip ? sql`and ip = ${ip}` : sql``} order by at, id`.execute(t.platform.handle.db);
  return rows.map((r) => ({ success: r.success, s: Number(r.s) }));
}

/** Each recorded failure after the free ones came no sooner than its progressive delay after the one before. */
function expectSchedule(rows: { s: number }[], rule: { free: number; capSeconds: number }) {
  for (let i = rule.free; i < rows.length; i++) expect(rows[i].s - rows[i - 1].s).toBeGreaterThanOrEqual(delaySeconds(i, rule));
}

/** Moves a username's recorded attempts back in time, instead of waiting for a delay to pass. */
async function age(username: string, seconds: number) {
  await sql`update login_attempts set at = at - make_interval(secs => ${seconds}) where username = ${username}`.execute(t.platform.handle.db);
}

describe('sign-in throttle', () => {
  it('checks and records parallel attempts one after the other: of 100 wrong passwords at once only the free ones are checked', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => loginFrom('10.0.0.1', 'gear.operator', `wrong-${i}`)));
    const checked = answers.filter((r) => r.statusCode === 401).length;
    const refused = answers.filter((r) => r.statusCode === 429);
    expect(checked + refused.length).toBe(100);
    // Each recorded attempt is one argon2 check that answered 401; further ones only when a delay (1 s, 2 s, …) had
    // passed meanwhile, which the schedule check proves.
    const rows = await attempts('gear.operator', 'login', '10.0.0.1');
    expect(rows.length).toBe(checked);
    expect(rows.every((r) => r.success === false)).toBe(true);
    expect(checked).toBeGreaterThanOrEqual(THROTTLE.pair.free);
    expect(checked).toBeLessThanOrEqual(THROTTLE.pair.free + 5);
    expectSchedule(rows, THROTTLE.pair);
    const r = refused[0];
    const retry = Number(r.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(r.json().error).toMatchObject({
      code: 'rate_limited',
      key: 'identity.auth.too_many_failures',
      params: { seconds: retry },
      message: `Too many failed sign-ins; try again in ${retry} seconds`,
    });
    // The real user, from another address, signs in at once.
    expect((await loginFrom('10.0.0.2', 'gear.operator', 'Gearbridge-2026')).statusCode).toBe(200);
  });

  it('delays the attacking address progressively but the real user elsewhere by a short delay at most', async () => {
    // Twelve failures for gear.manager from A, as if made just now: A waits 2^(12-3) s; the username as a whole
    // (from any address) has passed its free failures, so a new address waits a few seconds.
    const failures = Array.from({ length: 12 }, () => ({ username: 'gear.manager', ip: '10.0.1.1', success: false }));
    await t.platform.handle.db.insertInto('login_attempts').values(failures).execute();
    const fromA = await loginFrom('10.0.1.1', 'gear.manager', 'Gearbridge-2026');
    expect(fromA.statusCode).toBe(429);
    const waitA = Number(fromA.headers['retry-after']);
    expect(waitA).toBeGreaterThan(delaySeconds(12, THROTTLE.pair) - 60);
    // Minutes, not hundreds of seconds, in front of a person.
    expect(fromA.json().error).toMatchObject({ key: 'identity.auth.too_many_failures_minutes', params: { minutes: Math.ceil(waitA / 60) } });
    const fromB = await loginFrom('10.0.1.2', 'gear.manager', 'Gearbridge-2026');
    if (fromB.statusCode === 429) expect(Number(fromB.headers['retry-after'])).toBeLessThanOrEqual(THROTTLE.user.capSeconds);
    else expect(fromB.statusCode).toBe(200);
    // A minute later B is in, A still waits; and B, now a known address, is exempt from the username's delay.
    await age('gear.manager', 60);
    expect((await loginFrom('10.0.1.2', 'gear.manager', 'Gearbridge-2026')).statusCode).toBe(200);
    expect((await loginFrom('10.0.1.1', 'gear.manager', 'Gearbridge-2026')).statusCode).toBe(429);
    await t.platform.handle.db.insertInto('login_attempts').values(failures).execute();
    expect((await loginFrom('10.0.1.2', 'gear.manager', 'Gearbridge-2026')).statusCode).toBe(200);
  });

  it(`refuses an address after ${THROTTLE.address.limit} failures across usernames until the oldest ages out`, async () => {
    for (let i = 0; i < THROTTLE.address.limit; i++) {
      expect((await loginFrom('10.0.2.1', `nobody-${i}`, 'not-the-password')).statusCode).toBe(401);
    }
    const locked = await loginFrom('10.0.2.1', 'gear.quality', 'Gearbridge-2026');
    expect(locked.statusCode).toBe(429);
    const retry = Number(locked.headers['retry-after']);
    expect(retry).toBeGreaterThan(THROTTLE.address.windowMinutes * 60 - 60);
    expect(retry).toBeLessThanOrEqual(THROTTLE.address.windowMinutes * 60);
    expect((await loginFrom('10.0.2.2', 'gear.quality', 'Gearbridge-2026')).statusCode).toBe(200);
  });
});

describe('session lifecycle', () => {
  it('GET /api/auth/me answers 401 without a session or with a forged cookie', async () => {
    expect((await t.anonymous().get('/api/auth/me')).statusCode).toBe(401);
    const forged = t.anonymous();
    forged.cookie = 'gb_session=forged-token-value';
    expect((await forged.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('logout ends the session on the server and writes an auth.logout audit row', async () => {
    const c = await t.login('park.auditor');
    const id = await t.userId('park.auditor');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect(await t.auditCount({ action: 'auth.logout', entityId: id })).toBe(0);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    expect(await t.auditCount({ action: 'auth.logout', entityId: id })).toBe(1);
    // Without a session there is nothing to end: 401, no row.
    expect((await c.post('/api/auth/logout')).statusCode).toBe(401);
    expect(await t.auditCount({ action: 'auth.logout', entityId: id })).toBe(1);
  });

  it('signing in again from a browser that holds a session ends that old session (rotation)', async () => {
    const c = await t.login('gear.quality');
    const oldCookie = c.cookie;
    const again = await c.post('/api/auth/login', { username: 'gear.quality', password: 'Gearbridge-2026' });
    expect(again.statusCode).toBe(200);
    const session = again.cookies.find((k) => k.name === 'gb_session')!.value;
    const csrf = again.cookies.find((k) => k.name === 'gb_csrf')!.value;
    expect(oldCookie).not.toContain(session);
    // The old token no longer opens anything; the new one does.
    const old = t.anonymous();
    old.cookie = oldCookie;
    expect((await old.get('/api/auth/me')).statusCode).toBe(401);
    const fresh = t.anonymous();
    fresh.cookie = `gb_session=${session}; gb_csrf=${csrf}`;
    expect((await fresh.get('/api/auth/me')).statusCode).toBe(200);
    // A sign-in from another browser leaves this one's session alone.
    await t.login('gear.quality');
    expect((await fresh.get('/api/auth/me')).statusCode).toBe(200);
  });

  it("a mutation with a session needs the session's own CSRF token, not any cookie value", async () => {
    const c = await t.login('gear.admin');
    c.cookie = c.cookie.replace(/gb_csrf=[^;]+/, 'gb_csrf=attacker-chosen');
    const res = await c.request('PUT', '/api/auth/locale', { locale: 'en' }, { 'x-csrf-token': 'attacker-chosen' });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /api/auth/password', () => {
  it('changes the password, ends the other sessions, keeps this one, and audits it', async () => {
    const first = await t.login('ly.hospital');
    const second = await t.login('ly.hospital');
    const res = await first.post('/api/auth/password', { currentPassword: 'Gearbridge-2026', newPassword: 'A-much-better-one-2026' });
    expect(res.statusCode).toBe(200);
    expect((await first.get('/api/auth/me')).statusCode).toBe(200);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    await expect(t.login('ly.hospital')).rejects.toThrow(/401/);
    await t.login('ly.hospital', 'A-much-better-one-2026');
    expect(await t.auditCount({ action: 'auth.password_change' })).toBe(1);
  });

  it('answers 400 for a wrong current password or a short new one, and changes nothing', async () => {
    const c = await t.login('ck.hospital');
    const wrong = await c.post('/api/auth/password', { currentPassword: 'nope-nope-nope', newPassword: 'Another-good-one-1' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toEqual({ currentPassword: 'wrong password' });
    const short = await c.post('/api/auth/password', { currentPassword: 'Gearbridge-2026', newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(Object.keys(short.json().error.fields)).toEqual(['newPassword']);
    await t.login('ck.hospital');
  });

  it('throttles the check of the current password per user: parallel wrong guesses are checked one after the other', async () => {
    const c = await t.login('yuyang.hr');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.post('/api/auth/password', { currentPassword: `guess-${i}-wrong`, newPassword: 'A-much-better-one-2026' })),
    );
    const checked = answers.filter((r) => r.statusCode === 400).length;
    const refused = answers.filter((r) => r.statusCode === 429);
    expect(checked + refused.length).toBe(20);
    const rows = await attempts('yuyang.hr', 'password');
    expect(rows.length).toBe(checked);
    expect(checked).toBeLessThanOrEqual(THROTTLE.password.free + 5);
    expectSchedule(rows, THROTTLE.password);
    expect(refused[0].json().error).toMatchObject({ key: 'identity.password.too_many_failures', params: { seconds: Number(refused[0].headers['retry-after']) } });
    // Deep in the delay even the right current password waits; sign-in is not affected.
    await t.platform.handle.db
      .insertInto('login_attempts')
      .values(Array.from({ length: 10 }, () => ({ username: 'yuyang.hr', ip: '127.0.0.1', kind: 'password' as const, success: false })))
      .execute();
    expect((await c.post('/api/auth/password', { currentPassword: 'Gearbridge-2026', newPassword: 'A-much-better-one-2026' })).statusCode).toBe(429);
    await t.login('yuyang.hr');
  });

  it('refuses a common new password or one containing the own username, with a field key', async () => {
    const c = await t.login('ly.officer');
    for (const [newPassword, key] of [
      ['password12', 'identity.password.too_common_field'],
      ['1234567890', 'identity.password.too_common_field'],
      ['ly.officer-2026', 'identity.password.contains_name_field'],
    ]) {
      const res = await c.post('/api/auth/password', { currentPassword: 'Gearbridge-2026', newPassword });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fieldMessages).toEqual({ newPassword: { key } });
    }
    await t.login('ly.officer');
  });

  it('answers 401 without a session', async () => {
    const c = await anonWithCsrf();
    expect((await c.post('/api/auth/password', { currentPassword: 'a', newPassword: 'bbbbbbbbbbbb' })).statusCode).toBe(401);
  });
});

describe('PUT /api/auth/locale', () => {
  it('remembers the language and audits it; rejects an unknown one', async () => {
    const c = await t.login('youshen.buyer');
    expect((await c.request('PUT', '/api/auth/locale', { locale: 'en' })).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).json().user.locale).toBe('en');
    expect((await c.request('PUT', '/api/auth/locale', { locale: 'fr' })).statusCode).toBe(400);
    expect(await t.auditCount({ action: 'user.locale' })).toBe(1);
    expect((await t.anonymous().request('PUT', '/api/auth/locale', { locale: 'en' })).statusCode).toBe(401);
  });
});
