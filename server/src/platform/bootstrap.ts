import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { openDatabase, type DbHandle } from './db';
import { migrate } from './db/migrate';
import { createLogger, type Logger } from './logger';
import { createFieldCipher } from './pii';
import { SessionStore } from './sessions';
import { buildApp } from './http/app';
import { importRoutes } from './excel/routes';
import type { ModuleContext, RoleTemplate } from './module';
import { modules } from '../modules';
import { identityRoutes, seedDemo, seedRegions, syncBuiltInRoles } from '../modules/identity';
import { z } from 'zod';
import { ModuleName, ModuleStatus } from '@gearbridge/contracts/common';

/** Modules extend the same built-in roles (e.g. factory adds its permissions to plant_manager): one role per code. */
export function mergeRoleTemplates(templates: RoleTemplate[]): RoleTemplate[] {
  const byCode = new Map<string, RoleTemplate>();
  for (const t of templates) {
    const prev = byCode.get(t.code);
    byCode.set(t.code, prev ? { ...prev, permissions: [...new Set([...prev.permissions, ...t.permissions])] } : { ...t, permissions: [...t.permissions] });
  }
  return [...byCode.values()];
}

export interface Platform {
  app: FastifyInstance;
  handle: DbHandle;
  ctx: ModuleContext;
  sessions: SessionStore;
  seeded: boolean;
  close(): Promise<void>;
}

export interface PlatformOptions {
  logger?: Logger;
  /** In-memory PGlite (tests). */
  memory?: boolean;
  serveWeb?: boolean;
  /** PGlite: open this dumped data directory (tests start from a seeded template). */
  loadDataDir?: Blob;
}

/** Opens the database, migrates, loads reference data (and the demo on an empty database), builds the HTTP app. */
export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform> {
  const log = opts.logger ?? createLogger(config.logLevel);
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, memory: opts.memory, loadDataDir: opts.loadDataDir });
  try {
    const m = await migrate(handle);
    if (m.applied.length) log.info({ applied: m.applied }, 'migrations applied');
    const ctx: ModuleContext = { db: handle.db, config, log, cipher: createFieldCipher(config.secret) };
    await syncBuiltInRoles(handle.db, mergeRoleTemplates(modules.flatMap((mod) => mod.roles)));
    await seedRegions(handle.db);
    let seeded = false;
    if (config.demo) {
      seeded = await seedDemo(handle.db, ctx.cipher);
      for (const mod of modules) if (seeded && mod.seedDemo) await mod.seedDemo(ctx);
    }
    const sessions = new SessionStore(handle.db, config.sessionTtlHours);
    const permissions = () => modules.flatMap((mod) => mod.permissions);
    const app = await buildApp({
      logger: log,
      sessions,
      secureCookies: config.secureCookies,
      serveWeb: opts.serveWeb,
      api: async (api) => {
        api.get('/modules', { config: { public: true }, schema: { tags: ['platform'], summary: 'Modules and whether each is available yet', response: { 200: z.array(ModuleStatus) } } }, async () =>
          modules.map((mod) => ({ name: ModuleName.parse(mod.name), available: !mod.comingSoon })),
        );
        await identityRoutes(api, { ...ctx, sessions, permissions });
        await importRoutes(api, ctx, modules.flatMap((mod) => mod.importers ?? []));
        for (const mod of modules) if (mod.routes) await mod.routes(api, ctx);
      },
    });
    return {
      app,
      handle,
      ctx,
      sessions,
      seeded,
      async close() {
        await app.close();
        await handle.close();
      },
    };
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
}
