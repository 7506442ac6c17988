import type { GearbridgeModule } from '../../platform/module';
import { corePermissions, coreRoles } from './permissions';
import { orgImporter, userImporter } from './importers';

export { identityRoutes, type IdentityDeps } from './routes';
export { syncBuiltInRoles } from './role.service';
export { seedRegions, seedDemo, DEMO_PASSWORD, DEMO_USERS } from './seed';
export { P as IdentityPermissions } from './permissions';
export { orgInScopeSql } from './org.service';

/** Identity is the core module: organisations, regions, users, roles, sessions, audit viewer. */
export const identityModule: GearbridgeModule = {
  name: 'identity',
  permissions: corePermissions,
  roles: coreRoles,
  importers: [orgImporter, userImporter],
};
