import { fileURLToPath } from 'node:url';
import { moduleImporter, tables, type GearbridgeModule } from '../../platform/module';
import { tradeMessages } from '@gearbridge/contracts/messages';
import { tradePermissions, tradeRoles } from './permissions';
import { tradeRoutes } from './routes';
import { seedTrade } from './seed';
import { tradeContext, type TradeTables } from './db';
import { indexPricesImporter } from './index-importer';

export { TP as TradePermissions } from './permissions';
export type { TradeTables } from './db';

/**
 * Industrial trade (SPEC §5): the typed catalogue of gears, NEV parts and transport aluminium with facets and
 * supplier storefronts, RFQs with sealed quotes, exact money (docs/trade.md).
 */
export const tradeModule: GearbridgeModule<TradeTables> = {
  name: 'trade',
  tables: tables<TradeTables>(),
  migrations: { dir: fileURLToPath(new URL('../../../migrations/trade', import.meta.url)) },
  permissions: tradePermissions,
  roles: tradeRoles,
  messages: tradeMessages,
  routes: (app, ctx) => tradeRoutes(app, tradeContext(ctx)),
  seedDemo: (ctx) => seedTrade(tradeContext(ctx)),
  importers: [moduleImporter(indexPricesImporter)],
};
