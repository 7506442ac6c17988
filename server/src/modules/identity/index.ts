import { fileURLToPath } from 'node:url';
import { moduleImporter, tables, type GearbridgeModule } from '../../platform/module';
import { corePermissions, coreRoles } from './permissions';
import { orgImporter, userImporter } from './importers';
import { identityRoutes } from './routes';
import { syncBuiltInRoles } from './role.service';
import { seedDemo, seedRegions } from './seed';
import { identityContext, type IdentityTables } from './db';
import { purgeAttempts } from './throttle';
import { identityMessages } from '@gearbridge/contracts/messages';

export { DEMO_PASSWORD, DEMO_USERS } from './seed';
export { P as IdentityPermissions } from './permissions';
export type { IdentityTables } from './db';
export { identityDb } from './db';
// What the gearbridge CLI's own commands (export, create-admin) use.
export { listOrgs } from './org.service';
export { listUsers } from './user.service';
export { regionNames } from './region.service';
export { orgColumns, userColumns } from './exports';
export { hashPassword } from './passwords';
export { passwordProblem } from './password-policy';

const identityMigrations = {
  dir: fileURLToPath(new URL('../../../migrations/identity', import.meta.url)),
  // Recorded under this name by versions before the per-module folders.
  formerNames: { '0001_identity_create_core.sql': '0001_create_core.sql' },
};

/**
 * Identity: organisations, regions, users, roles, sign-in, the audit viewer. Its first migration creates the
 * directory and the platform's tables, so it is listed first.
 */
export const identityModule: GearbridgeModule<IdentityTables> = {
  name: 'identity',
  tables: tables<IdentityTables>(),
  migrations: identityMigrations,
  permissions: corePermissions,
  roles: coreRoles,
  messages: identityMessages,
  importers: [moduleImporter(orgImporter), moduleImporter(userImporter)],
  // Built-in roles follow the code (every module's templates); the shipped region tree is loaded.
  async sync(ctx) {
    const { db } = identityContext(ctx);
    await syncBuiltInRoles(db, ctx.roleTemplates());
    await seedRegions(db);
  },
  async seedDemo(ctx) {
    await seedDemo(identityContext(ctx).db, ctx.cipher);
  },
  routes: (app, ctx) => identityRoutes(app, identityContext(ctx)),
  // Sign-in attempts older than the throttle looks back are removed hourly; any one server process may do it.
  async start(ctx) {
    const { db } = identityContext(ctx);
    const timer = setInterval(() => void purgeAttempts(db).catch((err) => ctx.log.warn({ err }, 'sign-in attempt purge failed')), 3600_000);
    timer.unref();
    return { lines: [], stop: async () => clearInterval(timer) };
  },
};
