/** The factory module's permission codes; the server labels them (zh/en) and grants them through its roles. */
export const FACTORY_PERMISSIONS = {
  read: 'factory.read',
  manage: 'factory.manage',
} as const;

export type FactoryPermission = (typeof FACTORY_PERMISSIONS)[keyof typeof FACTORY_PERMISSIONS];
