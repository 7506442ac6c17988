import type { Me } from '../../api/types';

export type LaborPermission = 'labor.read' | 'labor.manage' | 'labor.reveal' | 'labor.post' | 'labor.share';

/**
 * The labour permissions (server modules/labor/permissions.ts), with the same rule as `can` in auth/session.ts,
 * whose Permission list names only the core's and the factory's. The UI only hides; the server enforces.
 */
export function canLabor(me: Me | null | undefined, permission: LaborPermission): boolean {
  if (!me) return false;
  return me.platformAdmin || me.permissions.includes('*') || me.permissions.includes(permission);
}
