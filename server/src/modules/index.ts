import type { GearbridgeModule } from '../platform/module';
import { identityModule } from './identity';
import { factoryModule } from './factory';
import { laborModule } from './labor';
import { tradeModule } from './trade';

/**
 * The composition root: every module of the platform, in one list, one line each. The order is the order of
 * migrations, reference-data sync, demo seeding and start-up: identity first (the others reference its directory).
 * Adding a module: ARCHITECTURE.md, "Adding a module". The platform does not import this
 * list: server/src/app.ts hands it to the platform and composes the Database type from it.
 */
export const modules = [
  identityModule,
  factoryModule,
  laborModule,
  tradeModule,
  // The product modules of SPEC §2–5, not built yet: listed so the web can show them as coming.
  comingSoon('talent'),
  comingSoon('park'),
] as const satisfies readonly GearbridgeModule[];

function comingSoon(name: string): GearbridgeModule<Record<never, never>> {
  return { name, comingSoon: true, permissions: [], roles: [] };
}
