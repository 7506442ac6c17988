/**
 * Every permission code the server defines (server/src/modules/identity/permissions.ts and each module's
 * permissions.ts), so `can` takes a closed union: a misspelt code does not compile. permissions.unit.test.ts
 * checks the list against the server's.
 */
export const PERMISSIONS = [
  'org.read', 'org.manage', 'user.read', 'user.manage', 'role.manage', 'audit.read', 'pii.reveal', 'region.manage',
  'factory.read', 'factory.manage',
  'labor.read', 'labor.manage', 'labor.reveal', 'labor.post', 'labor.share',
] as const;

export type Permission = (typeof PERMISSIONS)[number];
