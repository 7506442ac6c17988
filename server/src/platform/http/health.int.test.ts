import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('health probes', () => {
  it('live answers 200 without touching the database, under /api/health/live and its alias /api/health', async () => {
    for (const url of ['/api/health/live', '/api/health']) {
      const res = await t.anonymous().get(url);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true });
    }
  });

  it('ready answers 200 with each check on a migrated database, to anyone', async () => {
    const res = await t.anonymous().get('/api/health/ready');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.ready).toBe(true);
    expect(body.reasons).toEqual([]);
    expect(body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['migrations', true],
    ]);
    expect(body.checks[1].details).toEqual({ pending: 0 });
    // Nothing that names the version, the database or its address.
    expect(res.body).not.toMatch(/postgres|pglite|\.sql|\d{4}_/i);
  });

  it('ready answers 503 naming the missing migrations by message key when the database lacks one, and 200 again once it is back', async () => {
    const db = t.platform.handle.db;
    const [last] = (await sql<{ name: string; applied_at: Date }>`select name, applied_at from schema_migrations order by name desc limit 1`.execute(db)).rows;
    await sql`delete from schema_migrations where name = ${last.name}`.execute(db);
    try {
      const res = await t.anonymous().get('/api/health/ready');
      expect(res.statusCode).toBe(503);
      const body = res.json();
      expect(body.ready).toBe(false);
      expect(body.reasons).toEqual(['platform.health.migrations_pending']);
      expect(body.checks.find((c: { name: string }) => c.name === 'migrations')).toEqual({
        name: 'migrations',
        ok: false,
        details: { pending: 1 },
        key: 'platform.health.migrations_pending',
        params: { count: 1 },
        message: 'The database lacks 1 migrations of this version: run gearbridge migrate',
      });
      // Live is about the process, not the database.
      expect((await t.anonymous().get('/api/health/live')).statusCode).toBe(200);
    } finally {
      await sql`insert into schema_migrations (name, applied_at) values (${last.name}, ${last.applied_at})`.execute(db);
    }
    expect((await t.anonymous().get('/api/health/ready')).statusCode).toBe(200);
  });
});

describe('metrics on the main port', () => {
  it('are not served there unless METRICS_TOKEN is set', async () => {
    const res = await t.platform.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('http_request_duration_seconds');
  });
});
