import { fileURLToPath } from 'node:url';
import { moduleImporter, tables, type GearbridgeModule } from '../../platform/module';
import { tradeMessages } from '@gearbridge/contracts/messages';
import { tradePermissions, tradeRoles } from './permissions';
import { tradeRoutes } from './routes';
import { seedTrade } from './seed';
import { certifyDemoOrder, demoOrderWaiting } from './seed-order';
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
  /**
   * In the demo, while the demo order waits for its delivery: every 30 s, certify the first delivery the plant has
   * shipped with the order's part (seed-order.ts), then stop.
   */
  async start(platformCtx) {
    const ctx = tradeContext(platformCtx);
    if (!ctx.config.demo || !ctx.interfaces.factory || !(await demoOrderWaiting(ctx))) return { lines: [], stop: async () => undefined };
    let round: Promise<unknown> | null = null;
    const timer = setInterval(() => {
      round ??= certifyDemoOrder(ctx)
        .then((finished) => finished && clearInterval(timer))
        .catch((err) => ctx.log.warn({ err: (err as Error).message }, 'demo order certificate failed'))
        .finally(() => (round = null));
    }, 30_000);
    timer.unref();
    return {
      lines: ['trade: the demo order is certified once the plant ships its part'],
      async stop() {
        clearInterval(timer);
        await round;
      },
    };
  },
};
