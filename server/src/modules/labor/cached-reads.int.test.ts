import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LaborStats, Worker } from '@gearbridge/contracts/labor';
import { startTestApp, type Client, type TestApp } from '../../test/harness';

/**
 * The worker list, a worker and the labour figures are served from answers cached under the data version
 * (platform/cached-reads.ts), and sessions from a session cache under the same version. A change committed by
 * another server process — here a write straight into the database, which this process's caches never saw — must
 * show on the very next request: the triggers of migrations identity/0003 and labor/0008 bump the version in the
 * writing transaction.
 */
let t: TestApp;
let ck: Client;
let ly: Client;
const db = () => t.platform.handle.db;

async function json<T>(c: Client, url: string): Promise<T> {
  const r = await c.get(url);
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return r.json() as T;
}
type WorkerPage = { items: Worker[]; total: number };
const LIST = '/api/labor/workers?page=1&pageSize=20';

beforeAll(async () => {
  t = await startTestApp();
  [ck, ly] = await Promise.all([t.login('ck.caseworker'), t.login('ly.officer')]);
});
afterAll(async () => {
  await t?.close();
});

describe('cached labour answers', () => {
  it('serves a repeated request from the cache, byte for byte the same', async () => {
    const reads = t.platform.ctx.reads;
    const first = await ck.get(LIST);
    const hits = reads.hits;
    const again = await ck.get(LIST);
    expect(again.statusCode).toBe(200);
    expect(again.headers['content-type']).toContain('application/json');
    expect(again.body).toBe(first.body);
    expect(reads.hits).toBe(hits + 1);
  });

  it('counts the total once for every page of the same filters', async () => {
    const reads = t.platform.ctx.reads;
    const first = await json<WorkerPage>(ck, `${LIST}&registeredPoor=true`);
    const hits = reads.hits;
    const second = await json<WorkerPage>(ck, '/api/labor/workers?page=2&pageSize=20&registeredPoor=true');
    expect(reads.hits).toBe(hits + 1); // the total, not the page
    expect(second.total).toBe(first.total);
    expect(second.items.map((x) => x.id)).not.toContain(first.items[0].id);
  });

  it("shows another process's change to a worker on the next request: list, detail and figures", async () => {
    const page = await json<WorkerPage>(ck, LIST);
    const w = page.items[0];
    const stats = await json<LaborStats>(ck, '/api/labor/stats');
    await json<Worker>(ck, `/api/labor/workers/${w.id}`);
    const next = w.status === 'unable_to_work' ? 'unemployed' : 'unable_to_work';
    await sql`update labor_workers set status = ${next} where id = ${w.id}`.execute(db());

    expect((await json<Worker>(ck, `/api/labor/workers/${w.id}`)).status).toBe(next);
    expect((await json<WorkerPage>(ck, LIST)).items[0].status).toBe(next);
    const after = await json<LaborStats>(ck, '/api/labor/stats');
    expect(after).not.toEqual(stats);
    const count = (s: LaborStats, status: string) => s.workers.byStatus.find((x) => x.status === status)?.count ?? 0;
    expect(count(after, next)).toBe(count(stats, next) + 1);
  });

  it('shows a new worker and the new total at once', async () => {
    const before = await json<WorkerPage>(ck, LIST);
    const { id } = await db().selectFrom('labor_workers').select('id').where('id', '=', before.items[0].id).executeTakeFirstOrThrow();
    await sql`delete from labor_workers where id = ${id}`.execute(db());
    const after = await json<WorkerPage>(ck, LIST);
    expect(after.total).toBe(before.total - 1);
    expect(after.items.map((x) => x.id)).not.toContain(id);
  });

  it("takes a partner's view away as soon as the share is revoked elsewhere", async () => {
    const shared = await json<WorkerPage>(ly, `${LIST}&source=shared`);
    const w = shared.items[0];
    expect(w).toBeDefined();
    await json<Worker>(ly, `/api/labor/workers/${w.id}`);
    await sql`update labor_shares set revoked_at = now() where worker_id = ${w.id} and revoked_at is null`.execute(db());
    expect((await ly.get(`/api/labor/workers/${w.id}`)).statusCode).toBe(403);
    expect((await json<WorkerPage>(ly, `${LIST}&source=shared`)).items.map((x) => x.id)).not.toContain(w.id);
  });

  it('gives users with different scopes different answers for the same request', async () => {
    const mine = await json<WorkerPage>(ck, LIST);
    const theirs = await json<WorkerPage>(ly, LIST);
    expect(mine.total).not.toBe(theirs.total);
    expect(theirs.items.every((x) => x.access === 'partner')).toBe(true);
  });
});

describe('cached sessions', () => {
  it('ends a session ended by another process at the next request', async () => {
    const c = await t.login('ck.caseworker');
    expect((await c.get(LIST)).statusCode).toBe(200);
    const user = await db().selectFrom('users').select('id').where('username', '=', 'ck.caseworker').executeTakeFirstOrThrow();
    await sql`delete from sessions where user_id = ${user.id}`.execute(db());
    expect((await c.get(LIST)).statusCode).toBe(401);
    ck = await t.login('ck.caseworker');
  });

  it('refuses a disabled user and a withdrawn grant at the next request', async () => {
    const c = await t.login('ly.officer');
    expect((await c.get(LIST)).statusCode).toBe(200);
    const user = await db().selectFrom('users').select('id').where('username', '=', 'ly.officer').executeTakeFirstOrThrow();
    const grants = await db().selectFrom('user_roles').selectAll().where('user_id', '=', user.id).execute();
    await sql`delete from user_roles where user_id = ${user.id}`.execute(db());
    expect((await c.get(LIST)).statusCode).toBe(403);
    await db().insertInto('user_roles').values(grants).execute();
    expect((await c.get(LIST)).statusCode).toBe(200);
    await sql`update users set status = 'disabled' where id = ${user.id}`.execute(db());
    expect((await c.get(LIST)).statusCode).toBe(401);
    await sql`update users set status = 'active' where id = ${user.id}`.execute(db());
  });

  it('is not refreshed by sign-in bookkeeping: a sign-in elsewhere keeps the cached answers', async () => {
    const reads = t.platform.ctx.reads;
    await ck.get(LIST);
    const v = await reads.version();
    await t.login('admin');
    expect(await reads.version()).toBe(v);
  });
});
