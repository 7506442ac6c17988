import type { GearbridgeModule } from '../../platform/module';
import { laborPermissions, laborRoles } from './permissions';
import { workerRollImporter } from './workers/importer';
import { laborRoutes } from './routes';
import { seedLabor } from './seed';

export { LP as LaborPermissions } from './permissions';

/**
 * Labour cooperation (SPEC §2): workers with protected personal data, the county roll import, enterprises'
 * labour demand, explicit sharing between the paired regions, matching and job-fair allocation, referrals,
 * follow-ups and retention, training (docs/labor.md, docs/labor-placement.md).
 */
export const laborModule: GearbridgeModule = {
  name: 'labor',
  permissions: laborPermissions,
  roles: laborRoles,
  routes: laborRoutes,
  importers: [workerRollImporter],
  seedDemo: seedLabor,
};
