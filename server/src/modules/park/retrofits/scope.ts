import { requireInScope, requirePermission, type Actor } from '../../../platform/authz';
import { invalid } from '../../../platform/errors';
import type { Tx } from '../db';
import { m } from '../messages';

/**
 * Records that belong to a registry entry (retrofits, certifications, leases) take its organisation's scope: the
 * park officer's region reaches every enterprise of the district, an enterprise's own user its own entry.
 */
export async function enterpriseForWrite(db: Tx, actor: Actor, enterpriseId: string, permission: string) {
  requirePermission(actor, permission);
  const e = await db
    .selectFrom('park_enterprises as e')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .select(['e.id', 'e.org_id', 'o.name', 'o.region_code'])
    .where('e.id', '=', enterpriseId)
    .executeTakeFirst();
  if (!e) throw invalid(m('park.enterprise.not_found'), { enterpriseId: m('park.enterprise.field_unknown') });
  requireInScope(actor, permission, { id: e.org_id, regionCode: e.region_code });
  return e;
}

export const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
