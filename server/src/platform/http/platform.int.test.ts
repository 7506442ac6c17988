import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { createLogger } from '../logger';

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
    // The server's own time for the answer (W3C Server Timing), which the trace benchmark reads.
    expect(res.headers['server-timing']).toMatch(/^app;dur=\d+\.\d\d$/);
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

  it('lists the modules: identity, factory, labour, talent, park and trade, all available', async () => {
    const res = await t.anonymous().get('/api/modules');
    expect(res.json()).toEqual([
      { name: 'identity', available: true },
      { name: 'factory', available: true },
      { name: 'labor', available: true },
      { name: 'talent', available: true },
      { name: 'park', available: true },
      { name: 'trade', available: true },
    ]);
  });

  it('refuses a NUL character in any text — filter, address or body — with 400 and writes nothing', async () => {
    const before = await t.auditCount();
    const q = await admin.get('/api/users?q=ab%00c');
    expect(q.statusCode).toBe(400);
    expect(q.json().error).toMatchObject({ code: 'invalid', key: 'platform.http.nul_byte', fields: { 'query.q': 'Contains the NUL character (\\0)' } });
    const body = await admin.post('/api/orgs', { name: 'Evil\u0000Org', kind: 'enterprise', regionCode: '500229' });
    expect(body.statusCode).toBe(400);
    expect(body.json().error.fieldMessages).toEqual({ name: { key: 'platform.http.nul_byte_field' } });
    const nested = await admin.post('/api/orgs', { name: 'Fine', kind: 'enterprise', regionCode: '500229', extra: [{ note: '\u0000' }] });
    expect(nested.statusCode).toBe(400);
    expect(Object.keys(nested.json().error.fields)).toEqual(['extra.0.note']);
    expect(await t.auditCount()).toBe(before);
  });

  it('marks every API answer no-store, and leaves the static web app cacheable', async () => {
    for (const url of ['/api/auth/me', '/api/orgs', '/api/nothing-here']) {
      const res = await admin.get(url);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    expect((await t.anonymous().get('/api/health')).headers['cache-control']).toBe('no-store');
  });

  it('answers an undecodable address in the error shape with the request id', async () => {
    const res = await admin.get('/api/orgs/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toMatchObject({ code: 'invalid', key: 'platform.http.bad_url' });
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers headers over the limit with 431 in the error shape, on a real socket', async () => {
    const app = t.platform.app;
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const sock = connect(port, '127.0.0.1', () => sock.write(`GET /api/orgs HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(40_000)}\r\n\r\n`));
      let data = '';
      sock.on('data', (d) => {
        data += d.toString();
      });
      sock.on('end', () => resolve(data));
      sock.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    const id = /x-request-id: ([0-9a-f-]{36})/i.exec(head)?.[1];
    expect(id).toBeDefined();
    expect(JSON.parse(body)).toEqual({
      error: { code: 'payload_too_large', key: 'platform.http.headers_too_large', message: expect.any(String), requestId: id },
    });
  });
});

describe('request log', () => {
  it('never holds an ID number or a phone searched for or sent in an address', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logged = await startTestApp({}, { logger: createLogger('info', sink) });
    try {
      const cw = await logged.login('ck.caseworker');
      const id = '500229199001011234';
      const phone = '13812345678';
      for (const url of [
        `/api/labor/workers?q=${id}`,
        `/api/labor/workers?q=${phone}&page=1`,
        `/api/labor/workers?town=${id}`,
        `/api/labor/workers/by-id/${id}`,
        `/api/labor/workers?other=%2B86${phone}`,
        `/api/labor/workers?q=${id.slice(0, 6)}%20${id.slice(6)}`,
      ])
        await cw.get(url);
      const log = lines.join('');
      expect(log).toContain('"url":"/api/labor/workers?q=[redacted]"');
      expect(log).toContain('/api/labor/workers/by-id/[id]');
      expect(log).not.toContain(id);
      expect(log).not.toContain(id.slice(6));
      expect(log).not.toContain(phone);
    } finally {
      await logged.close();
    }
  });
});

describe('request log lines', () => {
  async function logged(overrides: Record<string, string>, run: (app: TestApp) => Promise<unknown>) {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
        done();
      },
    });
    const app = await startTestApp(overrides, { logger: createLogger('info', sink) });
    try {
      await run(app);
    } finally {
      await app.close();
    }
    return lines.filter((l) => l.msg === 'request completed');
  }

  it('writes one line per answered request (LOG_REQUESTS=all), with status and time', async () => {
    const lines = await logged({ LOG_REQUESTS: 'all' }, async (app) => {
      await app.anonymous().get('/api/health/live');
      await app.anonymous().get('/api/orgs');
    });
    const health = lines.filter((l) => (l.req as { url: string }).url === '/api/health/live');
    expect(health).toHaveLength(1);
    expect(health[0]).toMatchObject({ res: { statusCode: 200 } });
    expect(typeof health[0].responseTime).toBe('number');
    expect(lines.filter((l) => (l.req as { url: string }).url === '/api/orgs')).toMatchObject([{ res: { statusCode: 401 } }]);
  });

  it('with LOG_REQUESTS=errors writes only the requests answered 4xx or 5xx', async () => {
    const lines = await logged({ LOG_REQUESTS: 'errors' }, async (app) => {
      await app.anonymous().get('/api/health/live');
      await app.anonymous().get('/api/orgs');
    });
    expect(lines.map((l) => [(l.req as { url: string }).url, (l.res as { statusCode: number }).statusCode])).toEqual([['/api/orgs', 401]]);
  });
});

describe('client address behind a reverse proxy', () => {
  async function loginIp(app: TestApp, forwardedFor: string) {
    const anon = app.anonymous();
    const csrf = (await anon.get('/api/auth/csrf')).json().csrfToken as string;
    anon.cookie = `gb_csrf=${csrf}`;
    anon.csrf = csrf;
    const res = await anon.request('POST', '/api/auth/login', { username: 'park.auditor', password: 'Gearbridge-2026' }, { 'x-forwarded-for': forwardedFor });
    expect(res.statusCode).toBe(200);
    const row = await app.platform.handle.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').orderBy('at', 'desc').limit(1).executeTakeFirstOrThrow();
    return row.ip;
  }

  it('ignores X-Forwarded-For unless TRUST_PROXY names the peer, then takes the client from it', async () => {
    expect(await loginIp(t, '203.0.113.7')).toBe('127.0.0.1');
    const proxied = await startTestApp({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });
    try {
      expect(await loginIp(proxied, '203.0.113.7')).toBe('203.0.113.7');
    } finally {
      await proxied.close();
    }
    const other = await startTestApp({ TRUST_PROXY: '10.0.0.0/8' });
    try {
      expect(await loginIp(other, '203.0.113.7')).toBe('127.0.0.1');
    } finally {
      await other.close();
    }
  });
});
