import { fileURLToPath } from 'node:url';
import { moduleImporter, tables, type GearbridgeModule } from '../../platform/module';
import { laborPermissions, laborRoles } from './permissions';
import { workerRollImporter } from './workers/importer';
import { referralOutcomeImporter } from './placement/outcome-importer';
import { laborRoutes } from './routes';
import { seedLabor } from './seed';
import { laborContext, type LaborTables } from './db';
import { laborMessages } from '@gearbridge/contracts/messages';

export { LP as LaborPermissions } from './permissions';
export type { LaborTables } from './db';

const laborMigrations = {
  dir: fileURLToPath(new URL('../../../migrations/labor', import.meta.url)),
  // Recorded under these names by versions before the per-module folders.
  formerNames: {
    '0005_labor_create_workers_postings_shares.sql': '0001_create_workers_postings_shares.sql',
    '0005_labor_record_referrals.sql': '0002_record_referrals.sql',
    '0006_labor_create_allocations.sql': '0003_create_allocations.sql',
    '0006_labor_create_followups_alerts.sql': '0004_create_followups_alerts.sql',
    '0006_labor_create_training_workshops_posts.sql': '0005_create_training_workshops_posts.sql',
    '0008_labor_create_region_pairs.sql': '0006_create_region_pairs.sql',
    '0009_labor_index_worker_list.sql': '0007_index_worker_list.sql',
  },
};

/**
 * Labour cooperation (SPEC §2): workers with protected personal data, the county roll import, enterprises'
 * labour demand, explicit sharing between the paired regions, matching and job-fair allocation, referrals,
 * follow-ups and retention, training (docs/labor.md, docs/labor-placement.md).
 */
export const laborModule: GearbridgeModule<LaborTables> = {
  name: 'labor',
  tables: tables<LaborTables>(),
  migrations: laborMigrations,
  permissions: laborPermissions,
  roles: laborRoles,
  messages: laborMessages,
  routes: (app, ctx) => laborRoutes(app, laborContext(ctx)),
  importers: [moduleImporter(workerRollImporter), moduleImporter(referralOutcomeImporter)],
  seedDemo: (ctx) => seedLabor(laborContext(ctx)),
};
