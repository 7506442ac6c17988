import type { GearbridgeModule } from '../../platform/module';
import { factoryPermissions, factoryRoles } from './permissions';
import { factoryRoutes } from './routes';
import { seedPlant } from './seed';

/** Factory (SPEC §1): the equipment model, telemetry ingestion, and what is built on them. */
export const factoryModule: GearbridgeModule = {
  name: 'factory',
  // The API is live; the web pages (plant overview, line, device, andon) come next, until then the menu says coming.
  comingSoon: true,
  permissions: factoryPermissions,
  roles: factoryRoles,
  routes: factoryRoutes,
  seedDemo: (ctx) => seedPlant(ctx.db),
};
