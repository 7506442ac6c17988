import { FACTORY_PERMISSIONS } from '@gearbridge/contracts/factory';
import { IDENTITY_PERMISSIONS } from '@gearbridge/contracts/identity';
import { LABOR_PERMISSIONS } from '@gearbridge/contracts/labor';

/**
 * Every permission code the server defines, from the codes each module declares in contracts, so `can` takes a
 * closed union: a misspelt code does not compile. permissions.unit.test.ts checks the list against the server's
 * labelled definitions.
 */
export const PERMISSIONS = [
  ...Object.values(IDENTITY_PERMISSIONS),
  ...Object.values(FACTORY_PERMISSIONS),
  ...Object.values(LABOR_PERMISSIONS),
] as const;

export type Permission = (typeof PERMISSIONS)[number];
