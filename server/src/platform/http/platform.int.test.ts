import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
});
afterAll(() => t?.close());

describe('HTTP edge', () => {
  it('sends security headers and a request id on every response', async () => {
    const res = await t.anonymous().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API routes with a JSON 404 in the error shape', async () => {
    const res = await admin.get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: {
        code: 'not_found',
        message: 'No route GET /api/nothing-here',
        key: 'platform.http.no_route',
        params: { method: 'GET', url: '/api/nothing-here' },
        requestId: res.headers['x-request-id'],
      },
    });
  });

  it('answers malformed JSON with 400, never a stack trace', async () => {
    const broken = await t.platform.app.inject({
      method: 'POST',
      url: '/api/orgs',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid');
    expect(broken.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('refuses a body over the 1 MiB limit with 413 and writes nothing', async () => {
    const before = await t.auditCount();
    const res = await admin.post('/api/orgs', { name: 'x'.repeat(1_100_000), kind: 'enterprise', regionCode: '500110' });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(await t.auditCount()).toBe(before);
  });

  it('refuses content types it does not take with 415', async () => {
    const res = await admin.request('POST', '/api/orgs', undefined, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
  });

  it('serves the OpenAPI description at /api/docs/json with the identity routes in it', async () => {
    const res = await t.anonymous().get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/orgs', '/api/users', '/api/roles', '/api/audit', '/api/auth/login', '/api/imports/{id}/confirm']) expect(Object.keys(doc.paths)).toContain(p);
  });

  it('lists the modules: identity, factory and labour available, the other three marked as not available yet', async () => {
    const res = await t.anonymous().get('/api/modules');
    expect(res.json()).toEqual([
      { name: 'identity', available: true },
      { name: 'factory', available: true },
      { name: 'labor', available: true },
      { name: 'talent', available: false },
      { name: 'park', available: false },
      { name: 'trade', available: false },
    ]);
  });
});
