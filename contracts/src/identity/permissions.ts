/** Permission codes of the core; the server labels them (zh/en). '*' (platform admin) passes every check. */
export const IDENTITY_PERMISSIONS = {
  orgRead: 'org.read',
  orgManage: 'org.manage',
  userRead: 'user.read',
  userManage: 'user.manage',
  roleManage: 'role.manage',
  auditRead: 'audit.read',
  piiReveal: 'pii.reveal',
  regionManage: 'region.manage',
} as const;

export type IdentityPermission = (typeof IDENTITY_PERMISSIONS)[keyof typeof IDENTITY_PERMISSIONS];
