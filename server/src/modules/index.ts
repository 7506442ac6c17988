import type { GearbridgeModule } from '../platform/module';
import { identityModule } from './identity';
import { factoryModule } from './factory';
import { laborModule } from './labor';
import { talentModule } from './talent';
import { parkModule } from './park';
import { tradeModule } from './trade';

/**
 * The composition root: every module of the platform, in one list, one line each. The order is the order of
 * migrations, reference-data sync, demo seeding and start-up: identity first (the others reference its directory).
 * Adding a module: ARCHITECTURE.md, "Adding a module". The platform does not import this
 * list: server/src/app.ts hands it to the platform and composes the Database type from it.
 */
export const modules = [identityModule, factoryModule, laborModule, talentModule, parkModule, tradeModule] as const satisfies readonly GearbridgeModule[];
