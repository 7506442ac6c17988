import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness';
import { THROTTLE } from './auth.service';

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

  it(`locks a username with 429 and Retry-After after ${THROTTLE.perUsername} failures, even for the right password`, async () => {
    const c = await anonWithCsrf();
    for (let i = 0; i < THROTTLE.perUsername; i++) {
      expect((await c.post('/api/auth/login', { username: 'gear.operator', password: `wrong-${i}` })).statusCode).toBe(401);
    }
    const locked = await c.post('/api/auth/login', { username: 'gear.operator', password: 'Gearbridge-2026' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('rate_limited');
    const retry = Number(locked.headers['retry-after']);
    expect(locked.json().error).toMatchObject({
      key: 'identity.auth.too_many_failures',
      params: { minutes: Math.ceil(retry / 60) },
      message: `Too many failed sign-ins; try again in ${Math.ceil(retry / 60)} minutes`,
    });
    expect(retry).toBeGreaterThan(THROTTLE.windowMinutes * 60 - 60);
    expect(retry).toBeLessThanOrEqual(THROTTLE.windowMinutes * 60);
    // Another user from the same address is not locked out by it.
    expect((await c.post('/api/auth/login', { username: 'gear.manager', password: 'Gearbridge-2026' })).statusCode).toBe(200);
  });

  it('refuses a disabled user', async () => {
    const admin = await t.login('admin');
    const id = await t.userId('qineng.supplier');
    expect((await admin.patch(`/api/users/${id}`, { status: 'disabled' })).statusCode).toBe(200);
    const c = await anonWithCsrf();
    expect((await c.post('/api/auth/login', { username: 'qineng.supplier', password: 'Gearbridge-2026' })).statusCode).toBe(401);
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
