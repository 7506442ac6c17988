import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Client, type TestApp } from '../../test/harness';
import { factoryDb } from './db';

let t: TestApp;
let manager: Client;

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.login('gear.manager');
});
afterAll(() => t?.close());

describe('GET /api/factory/ingest/stats: is the plant feed running?', () => {
  it('says not while no device of the plant ever sent anything, then live from the records, then stopped after a minute of silence', async () => {
    const db = factoryDb(t.platform.handle.db);
    const orgId = await t.orgId('綦江齿轮传动有限公司');
    await db.updateTable('factory_devices').set({ last_seen_at: null, online: true }).where('org_id', '=', orgId).execute();
    let stats = (await manager.get('/api/factory/ingest/stats')).json();
    // The devices say "online" (a state left from before), but nothing ever arrived: the feed is not running.
    expect(stats.devices.online).toBeGreaterThan(0);
    expect(stats.feed).toEqual({ live: false, silentS: null, staleAfterS: 60 });

    const one = await db.selectFrom('factory_devices').select('id').where('org_id', '=', orgId).orderBy('code').executeTakeFirstOrThrow();
    await db
      .updateTable('factory_devices')
      .set({ last_seen_at: new Date(Date.now() - 5_000) })
      .where('id', '=', one.id)
      .execute();
    stats = (await manager.get('/api/factory/ingest/stats')).json();
    expect(stats.feed.live).toBe(true);
    expect(stats.feed.silentS).toBeLessThanOrEqual(60);

    await db
      .updateTable('factory_devices')
      .set({ last_seen_at: new Date(Date.now() - 5 * 60_000) })
      .where('id', '=', one.id)
      .execute();
    stats = (await manager.get('/api/factory/ingest/stats')).json();
    expect(stats.feed.live).toBe(false);
    expect(stats.feed.silentS).toBeGreaterThanOrEqual(300);
  });

  it("gives a hospital's administrator (factory.read through the built-in role) nothing of the plant: no lines, no devices, no feed", async () => {
    const hospital = await t.login('ck.hospital');
    expect((await hospital.get('/api/factory/lines')).json()).toEqual([]);
    const stats = (await hospital.get('/api/factory/ingest/stats')).json();
    expect(stats.devices).toEqual({ total: 0, online: 0, discovered: 0 });
    expect(stats.feed).toEqual({ live: false, silentS: null, staleAfterS: 60 });
    // The plant's OEE is out of its scope.
    const plantOrg = await t.orgId('綦江齿轮传动有限公司');
    expect((await hospital.get(`/api/factory/oee?orgId=${plantOrg}`)).statusCode).toBe(403);
  });
});
