import { fileURLToPath } from 'node:url';
import { tables, type GearbridgeModule } from '../../platform/module';
import { factoryPermissions, factoryRoles } from './permissions';
import { factoryRoutes } from './routes';
import { seedPlant } from './seed';
import { FactoryConfigSchema } from './config';
import { factoryContext, type FactoryTables } from './db';
import { ingestCommand, simulateCommand, startFactoryRuntime } from './runtime';
import { mqttUserCommand } from './mqtt-user.command';
import { factoryInterface } from './interface';
import { factoryMessages } from '@gearbridge/contracts/messages';

export type { FactoryTables } from './db';

const factoryMigrations = {
  dir: fileURLToPath(new URL('../../../migrations/factory', import.meta.url)),
  // Recorded under these names by versions before the per-module folders.
  formerNames: {
    '0002_factory_create_equipment_telemetry.sql': '0001_create_equipment_telemetry.sql',
    '0003_factory_create_states_shifts.sql': '0002_create_states_shifts.sql',
    '0004_factory_create_andon.sql': '0003_create_andon.sql',
    '0007_factory_create_rollup_queue.sql': '0004_create_rollup_queue.sql',
  },
};

/** Factory (SPEC §1): the equipment model, telemetry ingestion, and what is built on them. */
export const factoryModule: GearbridgeModule<FactoryTables> = {
  name: 'factory',
  tables: tables<FactoryTables>(),
  migrations: factoryMigrations,
  config: FactoryConfigSchema,
  permissions: factoryPermissions,
  roles: factoryRoles,
  messages: factoryMessages,
  provides: (ctx) => ({ factory: factoryInterface(factoryContext(ctx)) }),
  routes: (app, ctx) => factoryRoutes(app, factoryContext(ctx)),
  seedDemo: (ctx) => seedPlant(factoryContext(ctx).db),
  start: (ctx) => startFactoryRuntime(factoryContext(ctx)),
  commands: { ingest: ingestCommand, simulate: simulateCommand, 'mqtt-user': mqttUserCommand },
};
