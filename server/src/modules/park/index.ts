import { fileURLToPath } from 'node:url';
import { moduleImporter, tables, type GearbridgeModule } from '../../platform/module';
import { parkMessages } from '@gearbridge/contracts/messages';
import { parkPermissions, parkRoles } from './permissions';
import { parkRoutes } from './routes';
import { seedPark } from './seed';
import { parkContext, type ParkTables } from './db';
import { enterprisesImporter } from './enterprises/enterprises-importer';
import { yearsImporter } from './enterprises/years-importer';
import { projectsImporter } from './projects/projects-importer';

export { PP as ParkPermissions } from './permissions';
export type { ParkTables } from './db';

/**
 * The industrial park (SPEC §4): investment projects with their stage pipeline, ceremony batches and the yearly
 * summary, and the park's enterprise registry with yearly figures and protected contacts (docs/park.md).
 */
export const parkModule: GearbridgeModule<ParkTables> = {
  name: 'park',
  tables: tables<ParkTables>(),
  migrations: { dir: fileURLToPath(new URL('../../../migrations/park', import.meta.url)) },
  permissions: parkPermissions,
  roles: parkRoles,
  messages: parkMessages,
  routes: (app, ctx) => parkRoutes(app, parkContext(ctx)),
  seedDemo: (ctx) => seedPark(parkContext(ctx)),
  importers: [moduleImporter(enterprisesImporter), moduleImporter(projectsImporter), moduleImporter(yearsImporter)],
};
