import type { GearbridgeModule } from '../../platform/module';
import { factoryPermissions, factoryRoles } from './permissions';
import { factoryRoutes } from './routes';
import { seedPlant } from './seed';

/** Factory (SPEC §1): the equipment model, telemetry ingestion, and what is built on them. */
export const factoryModule: GearbridgeModule = {
  name: 'factory',
  permissions: factoryPermissions,
  roles: factoryRoles,
  routes: factoryRoutes,
  seedDemo: (ctx) => seedPlant(ctx.db),
};
