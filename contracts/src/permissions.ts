import { FACTORY_PERMISSIONS } from './factory/permissions';
import { IDENTITY_PERMISSIONS } from './identity/permissions';
import { LABOR_PERMISSIONS } from './labor/permissions';
import { TALENT_PERMISSIONS } from './talent/permissions';
import { PARK_PERMISSIONS } from './park/permissions';
import { TRADE_PERMISSIONS } from './trade/permissions';

/**
 * Every permission code of the platform, from the codes each module declares in its contracts folder: the web's
 * `can` takes this closed union (a misspelt code does not compile), and a server test checks that the modules'
 * labelled definitions are exactly these. A new module adds its codes' object here.
 */
export const PERMISSIONS = [
  ...Object.values(IDENTITY_PERMISSIONS),
  ...Object.values(FACTORY_PERMISSIONS),
  ...Object.values(LABOR_PERMISSIONS),
  ...Object.values(TALENT_PERMISSIONS),
  ...Object.values(PARK_PERMISSIONS),
  ...Object.values(TRADE_PERMISSIONS),
] as const;

export type Permission = (typeof PERMISSIONS)[number];
