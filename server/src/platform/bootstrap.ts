import type { FastifyInstance } from 'fastify';
import { parseModuleConfig, type Config } from './config';
import { narrowDb, narrowHandle, openDatabase, type DbHandle } from './db';
import { migrate, migrationPlan } from './db/migrate';
import type { PlatformDatabase } from './db/tables';
import { createLogger, type Logger } from './logger';
import { createFieldCipher } from './pii';
import { SessionStore } from './sessions';
import { buildApp } from './http/app';
import { importRoutes } from './excel/routes';
import type { GearbridgeModule, ModuleContext, RoleTemplate } from './module';
import { registerMessages } from './errors';
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

/**
 * Every module's configuration, parsed from the environment the platform read; the first bad value throws a
 * ConfigError naming its variable. Called at start by createPlatform and by the CLI before any command.
 */
export function loadModuleConfigs(modules: readonly GearbridgeModule[], config: Config): Map<string, unknown> {
  return new Map(modules.map((mod) => [mod.name, mod.config ? parseModuleConfig(mod.config, config.vars) : undefined]));
}

/** The English text of every module's message keys, in one catalogue; two modules may not define the same key. */
export function composeMessages(modules: readonly GearbridgeModule[]): Record<string, string> {
  const all: Record<string, string> = {};
  for (const mod of modules) {
    for (const [key, text] of Object.entries(mod.messages ?? {})) {
      if (key in all) throw new Error(`message key ${key} is defined twice (module ${mod.name})`);
      all[key] = text;
    }
  }
  return all;
}

/** `D`: the full database type, composed by the caller (the composition root) from the modules' table slices. */
export interface Platform<D extends PlatformDatabase = PlatformDatabase> {
  app: FastifyInstance;
  handle: DbHandle<D>;
  modules: readonly GearbridgeModule[];
  /** The context of module `name`'s hooks (its configuration included); throws for a name not in the list. */
  contextOf(name: string): ModuleContext;
  /** The platform's part of every module context (its moduleConfig is undefined). */
  ctx: ModuleContext;
  sessions: SessionStore;
  messages: Record<string, string>;
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

/**
 * Opens the database, applies every module's migrations, syncs reference data (and loads the demo on an empty
 * database), builds the HTTP app with every module's routes. The list of modules comes from the composition root;
 * the platform knows none of them by name.
 */
export async function createPlatform<D extends PlatformDatabase>(config: Config, modules: readonly GearbridgeModule[], opts: PlatformOptions = {}): Promise<Platform<D>> {
  const log = opts.logger ?? createLogger(config.logLevel);
  const moduleConfigs = loadModuleConfigs(modules, config);
  const messages = composeMessages(modules);
  registerMessages(messages);
  const plan = migrationPlan(modules);
  const handle = await openDatabase<D>({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, memory: opts.memory, loadDataDir: opts.loadDataDir });
  try {
    const m = await migrate(handle, plan);
    if (m.applied.length) log.info({ applied: m.applied }, 'migrations applied');
    const db = narrowDb<PlatformDatabase>()(handle.db);
    const sessions = new SessionStore(db, config.sessionTtlHours);
    const permissions = () => modules.flatMap((mod) => mod.permissions);
    const roleTemplates = () => mergeRoleTemplates(modules.flatMap((mod) => mod.roles));
    const ctx: ModuleContext = {
      db,
      handle: narrowHandle<PlatformDatabase>()(handle),
      config,
      moduleConfig: undefined,
      log,
      cipher: createFieldCipher(config.secret),
      sessions,
      permissions,
      roleTemplates,
    };
    const contexts = new Map(modules.map((mod) => [mod.name, { ...ctx, moduleConfig: moduleConfigs.get(mod.name) }]));
    const contextOf = (name: string): ModuleContext => {
      const c = contexts.get(name);
      if (!c) throw new Error(`no module named ${name}`);
      return c;
    };
    for (const mod of modules) if (mod.sync) await mod.sync(contextOf(mod.name));
    let seeded = false;
    // The demo goes only into a database nobody has used yet: no organisation exists. Never in production, whatever
    // the caller set (loadConfig refuses GEARBRIDGE_DEMO=1 there; `seed` asks for the demo explicitly).
    if (config.demo && config.env !== 'production' && !(await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst())) {
      for (const mod of modules) if (mod.seedDemo) await mod.seedDemo(contextOf(mod.name));
      seeded = true;
    }
    const app = await buildApp({
      logger: log,
      sessions,
      secureCookies: config.secureCookies,
      serveWeb: opts.serveWeb,
      api: async (api) => {
        api.get(
          '/modules',
          { config: { public: true }, schema: { tags: ['platform'], summary: 'Modules and whether each is available yet', response: { 200: z.array(ModuleStatus) } } },
          async () => modules.map((mod) => ({ name: ModuleName.parse(mod.name), available: !mod.comingSoon })),
        );
        await importRoutes(
          api,
          ctx,
          modules.flatMap((mod) => mod.importers ?? []),
        );
        for (const mod of modules) if (mod.routes) await mod.routes(api, contextOf(mod.name));
      },
    });
    return {
      app,
      handle,
      modules,
      contextOf,
      ctx,
      sessions,
      messages,
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
