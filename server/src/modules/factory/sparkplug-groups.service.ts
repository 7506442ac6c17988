import type { SparkplugGroup } from '@gearbridge/contracts/factory';
import { requireInScope, scopeOf, type Actor, orgInScopeSql } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { notFound } from '../../platform/errors';
import { FP } from './permissions';
import { change, loadSite, parent, refuseIfUsed } from './plant-model.shared';
import type { DB } from './db';
import { m } from './messages';

// Which site a Sparkplug group id belongs to (factory_sparkplug_groups). The ingest (ingest/registry.ts) looks a
// group up when it meets a device it does not know: a mapped group's device is registered at that site as
// "discovered"; an unmapped group's messages are dead-lettered. Reads need factory.read, changes factory.manage.

function groupQuery(db: DB) {
  return db
    .selectFrom('factory_sparkplug_groups as g')
    .innerJoin('factory_sites as s', 's.id', 'g.site_id')
    .innerJoin('organisations as o', 'o.id', 'g.org_id')
    .select((eb) => [
      'g.group_id',
      'g.org_id',
      'o.name as org_name',
      'o.region_code as org_region',
      'g.site_id',
      's.code as site_code',
      's.name as site_name',
      eb.selectFrom('factory_devices as d').select(eb.fn.countAll<number>().as('n')).whereRef('d.sp_group', '=', 'g.group_id').as('devices'),
    ]);
}
type GroupRow = Awaited<ReturnType<ReturnType<typeof groupQuery>['executeTakeFirstOrThrow']>>;

const toGroup = (r: GroupRow): SparkplugGroup => ({
  groupId: r.group_id,
  orgId: r.org_id,
  orgName: r.org_name,
  siteId: r.site_id,
  siteCode: r.site_code,
  siteName: r.site_name,
  deviceCount: Number(r.devices ?? 0),
});

export async function listGroups(db: DB, actor: Actor): Promise<SparkplugGroup[]> {
  const rows = await groupQuery(db)
    .where(orgInScopeSql(scopeOf(actor, FP.read)))
    .orderBy('g.group_id')
    .execute();
  return rows.map(toGroup);
}

/** Maps a group id to a site: the ingest then registers the group's unknown devices there as "discovered". */
export async function createGroup(db: DB, actor: Actor, d: { groupId: string; siteId: string }): Promise<SparkplugGroup> {
  scopeOf(actor, FP.manage);
  return change(db, async (trx) => {
    const site = await parent(() => loadSite(trx, actor, d.siteId), 'siteId', 'site');
    await trx.insertInto('factory_sparkplug_groups').values({ group_id: d.groupId, org_id: site.org_id, site_id: site.id }).execute();
    const after = toGroup(await groupQuery(trx).where('g.group_id', '=', d.groupId).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, { action: 'factory.sparkplug_group.create', entity: 'sparkplug_group', entityId: d.groupId, orgId: site.org_id, after });
    return after;
  });
}

export async function deleteGroup(db: DB, actor: Actor, groupId: string): Promise<void> {
  scopeOf(actor, FP.manage);
  await change(db, async (trx) => {
    const row = await groupQuery(trx).where('g.group_id', '=', groupId).executeTakeFirst();
    if (!row) throw notFound(m('factory.group.not_found'));
    requireInScope(actor, FP.manage, { id: row.org_id, regionCode: row.org_region });
    const before = toGroup(row);
    refuseIfUsed('group', { devices: before.deviceCount });
    await trx.deleteFrom('factory_sparkplug_groups').where('group_id', '=', groupId).execute();
    await writeAudit(trx, actor, { action: 'factory.sparkplug_group.delete', entity: 'sparkplug_group', entityId: groupId, orgId: row.org_id, before });
  });
}
