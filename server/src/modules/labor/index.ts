import type { GearbridgeModule } from '../../platform/module';
import { laborPermissions, laborRoles } from './permissions';
import { workerRollImporter } from './importer';
import { laborRoutes } from './routes';
import { seedLabor } from './seed';

export { LP as LaborPermissions } from './permissions';

/**
 * Labour cooperation (SPEC §2): workers with protected personal data, the county roll import, enterprises'
 * labour demand, explicit sharing between the paired regions. The web pages come with part 2: until then the
 * module stays "coming" in the menu while its API is served.
 */
export const laborModule: GearbridgeModule = {
  name: 'labor',
  comingSoon: true,
  permissions: laborPermissions,
  roles: laborRoles,
  routes: laborRoutes,
  importers: [workerRollImporter],
  seedDemo: seedLabor,
};
