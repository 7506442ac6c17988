import { expect } from 'vitest';
import type { Role } from '@gearbridge/contracts/identity';
import type { Client, TestApp } from '../../../test/harness';

/** Helpers of the park module's integration tests (not a test file itself). */

/** Creates a user through the API (so the grant rules apply) and signs it in. */
export async function userWith(t: TestApp, admin: Client, u: { username: string; org: string; role: string; region?: string | null }): Promise<Client> {
  const roles: Role[] = (await admin.get('/api/roles')).json();
  const roleId = roles.find((r) => r.builtIn && r.code === u.role)?.id ?? u.role;
  const res = await admin.post('/api/users', {
    orgId: await t.orgId(u.org),
    username: u.username,
    displayName: '测试用户',
    password: 'Park-test-pass-1',
    roles: [{ roleId, regionCode: u.region ?? null }],
  });
  if (res.statusCode !== 201) throw new Error(`create ${u.username}: ${res.statusCode} ${res.body}`);
  return t.login(u.username, 'Park-test-pass-1');
}

export type RouteCall = [method: string, url: string, body?: unknown];

/** Every route answers 401 without a session and 403 to `outsider` (no park permission), and nothing is audited. */
export async function expectRefused(t: TestApp, outsider: Client, routes: RouteCall[]) {
  const anon = t.anonymous();
  for (const [method, url, body] of routes) expect((await anon.request(method, url, body)).statusCode, `${method} ${url}`).toBe(401);
  const before = await t.auditCount();
  for (const [method, url, body] of routes) expect((await outsider.request(method, url, body)).statusCode, `${method} ${url}`).toBe(403);
  expect(await t.auditCount()).toBe(before);
}
