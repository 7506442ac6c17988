import type { Actor } from '../../platform/authz';
import { forbidden, pm } from '../../platform/errors';

/**
 * Acting on the plant's floor (an alarm, a unit, a work order) is for the plant's own people: a grant of `permission`
 * in the record's organisation (not a region grant, which lets a park officer watch the plant but not run it), or
 * the platform administrator.
 */
export function requireOwnPlant(actor: Actor, permission: string, orgId: string) {
  if (actor.platformAdmin) return;
  if (!actor.grants.some((g) => g.permissions.has(permission))) throw forbidden(pm('platform.authz.missing_permission', { permission }));
  if (actor.orgId !== orgId || !actor.grants.some((g) => g.regionCode === null && g.permissions.has(permission))) throw forbidden(pm('platform.authz.out_of_scope'));
}
