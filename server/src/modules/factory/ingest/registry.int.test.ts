import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness';
import { Registry } from './registry';
import { factoryDb } from '../db';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const orgOf = async (num: number | null) =>
  await t.platform.handle.db
    .selectFrom('factory_devices')
    .select(['org_id', 'discovered'])
    .where('num', '=', num ?? -1)
    .executeTakeFirstOrThrow();

describe('ingest registry', () => {
  it('registers an unknown device of a known group as discovered, and follows a group remapped or added later', async () => {
    const db = factoryDb(t.platform.handle.db);
    const site = await db.selectFrom('factory_sites').select(['id', 'org_id']).executeTakeFirstOrThrow();
    const other = await t.orgId('城口县就业和人才服务局');
    const otherSite = (await db.insertInto('factory_sites').values({ org_id: other, code: 'RG', name: '测试基地', region_code: null }).returning('id').executeTakeFirstOrThrow())
      .id;

    const reg = new Registry(db, 0); // no caching of groups: every new device reads the mapping afresh
    // A group nobody registered: nothing is created, and it is asked again next time.
    expect(await reg.deviceNum({ group: 'rg-test', node: 'n1', device: 'D1' })).toBeNull();
    await db.insertInto('factory_sparkplug_groups').values({ group_id: 'rg-test', org_id: site.org_id, site_id: site.id }).execute();
    const d1 = await reg.deviceNum({ group: 'rg-test', node: 'n1', device: 'D1' });
    expect(await orgOf(d1)).toEqual({ org_id: site.org_id, discovered: true });

    // Remapped to another organisation: the next new device goes there; a known device stays where it is.
    await db.updateTable('factory_sparkplug_groups').set({ org_id: other, site_id: otherSite }).where('group_id', '=', 'rg-test').execute();
    const d2 = await reg.deviceNum({ group: 'rg-test', node: 'n1', device: 'D2' });
    expect((await orgOf(d2)).org_id).toBe(other);
    expect(await reg.deviceNum({ group: 'rg-test', node: 'n1', device: 'D1' })).toBe(d1);

    // With the default time-to-live the mapping is cached: a remap shows after a minute at most.
    const cached = new Registry(db);
    await cached.deviceNum({ group: 'rg-test', node: 'n1', device: 'D3' });
    await db.updateTable('factory_sparkplug_groups').set({ org_id: site.org_id, site_id: site.id }).where('group_id', '=', 'rg-test').execute();
    expect((await orgOf(await cached.deviceNum({ group: 'rg-test', node: 'n1', device: 'D4' }))).org_id).toBe(other);
  });
});
