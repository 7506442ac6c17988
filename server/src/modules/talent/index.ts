import { fileURLToPath } from 'node:url';
import { moduleImporter, tables, type GearbridgeModule } from '../../platform/module';
import { peopleImporter } from './people-importer';
import { secondmentsImporter } from './secondments-importer';
import { talentMessages } from '@gearbridge/contracts/messages';
import { talentPermissions, talentRoles } from './permissions';
import { talentRoutes } from './routes';
import { seedTalent } from './seed';
import { talentContext, type TalentTables } from './db';
import { purgeSigninAttempts } from './activities.service';

export { TP as TalentPermissions } from './permissions';
export type { TalentTables } from './db';

/**
 * Talent collaboration (SPEC §3): the partnership of 临沂市 and 城口县 with its programmes, cadres and professionals of
 * both sides with protected personal data, two-way secondments with reports, school and hospital pairings with
 * agreements (docs/talent.md). Dispatch, mentoring, activities and statistics come next, beside these.
 */
export const talentModule: GearbridgeModule<TalentTables> = {
  name: 'talent',
  tables: tables<TalentTables>(),
  migrations: { dir: fileURLToPath(new URL('../../../migrations/talent', import.meta.url)) },
  permissions: talentPermissions,
  roles: talentRoles,
  messages: talentMessages,
  routes: (app, ctx) => talentRoutes(app, talentContext(ctx)),
  importers: [moduleImporter(peopleImporter), moduleImporter(secondmentsImporter)],
  seedDemo: (ctx) => seedTalent(talentContext(ctx)),
  // The public sign-in page's attempts are kept only as long as its rate limits look back: purged hourly.
  async start(ctx) {
    const { db } = talentContext(ctx);
    const timer = setInterval(() => void purgeSigninAttempts(db).catch((err) => ctx.log.warn({ err }, 'talent sign-in attempt purge failed')), 3600_000);
    timer.unref();
    return { lines: [], stop: async () => clearInterval(timer) };
  },
};
