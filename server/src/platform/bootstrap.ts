import type { FastifyInstance } from 'fastify';
import { parseModuleConfig, type Config } from './config';
import { narrowDb, narrowHandle, openDatabase, type DbHandle } from './db';
import { migrate, migrationPlan } from './db/migrate';
import type { PlatformDatabase } from './db/tables';
import { createLogger, type Logger } from './logger';
import { createFieldCipher } from './pii';
import { SessionStore } from './sessions';
import { CachedReads } from './cached-reads';
import { buildApp } from './http/app';
import { importRoutes } from './excel/routes';
import type { GearbridgeModule, ModuleContext, ModuleRuntime, RoleTemplate } from './module';
import { pm, registerMessages } from './errors';
import { bounded, databaseReadiness, readinessOf, type Readiness } from './health';
import { createMetricsRegistry, registerPoolMetrics, serveMetrics, type MetricsRegistry } from './metrics';
import { z } from 'zod';
import { ModuleName, ModuleStatus } from '@gearbridge/contracts/common';
import type { ModuleInterfaces } from '@gearbridge/contracts/interfaces';

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
  /** This instance's Prometheus registry (modules add theirs through their context). */
  metrics: MetricsRegistry;
  /** What /api/health/ready answers: the database and migrations, and each started module's own checks. */
  readiness(): Promise<Readiness>;
  /**
   * Starts every module's background work (`start`, in list order) and returns their status lines; if one fails,
   * those already started are stopped and the error is thrown. Their stop is part of `close`.
   */
  startModules(): Promise<string[]>;
  /** The listener of METRICS_PORT on METRICS_HOST, when METRICS_PORT is set: its status line, else null. */
  serveMetrics(): Promise<string | null>;
  /**
   * Stops in the order that loses nothing: the HTTP server stops accepting and drains the requests in flight (live
   * feeds end first), then the modules' background work in reverse order of start (the ingest commits and
   * acknowledges its last batch, then the broker closes), then the metrics listener and the database.
   */
  close(): Promise<void>;
}

/**
 * Every module's context (the shared one with its own configuration), and the interfaces the modules offer one
 * another, filled in list order before any hook runs. A module offers an interface under its own name only.
 */
export function moduleContexts(base: Omit<ModuleContext, 'moduleConfig' | 'interfaces'>, modules: readonly GearbridgeModule[], configs: Map<string, unknown>) {
  const interfaces: Partial<ModuleInterfaces> = {};
  const ctx: ModuleContext = { ...base, moduleConfig: undefined, interfaces };
  const contexts = new Map(modules.map((mod) => [mod.name, { ...ctx, moduleConfig: configs.get(mod.name) }]));
  const contextOf = (name: string): ModuleContext => {
    const c = contexts.get(name);
    if (!c) throw new Error(`no module named ${name}`);
    return c;
  };
  for (const mod of modules) {
    if (!mod.provides) continue;
    const offered = mod.provides(contextOf(mod.name));
    const others = Object.keys(offered).filter((k) => k !== mod.name);
    if (others.length) throw new Error(`module ${mod.name} provides interfaces under other names: ${others.join(', ')}`);
    Object.assign(interfaces, offered);
  }
  return { ctx, contextOf };
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
  const log = opts.logger ?? createLogger(config.logLevel, undefined, config.logFormat);
  const moduleConfigs = loadModuleConfigs(modules, config);
  const messages = composeMessages(modules);
  registerMessages(messages);
  const plan = migrationPlan(modules);
  const handle = await openDatabase<D>({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, memory: opts.memory, loadDataDir: opts.loadDataDir });
  try {
    const m = await migrate(handle, plan);
    if (m.applied.length) log.info({ applied: m.applied }, 'migrations applied');
    const db = narrowDb<PlatformDatabase>()(handle.db);
    const metrics = createMetricsRegistry();
    registerPoolMetrics(metrics, () => handle.poolStats());
    const runtimes: { name: string; runtime: ModuleRuntime }[] = [];
    const readiness = readinessOf(() => [
      databaseReadiness(handle, plan),
      ...runtimes.flatMap(({ name, runtime }) => {
        const check = runtime.readiness?.bind(runtime);
        return check ? [() => bounded(name, pm('platform.health.check_failed', { module: name }), check)] : [];
      }),
    ]);
    let metricsServer: { close(): Promise<void> } | null = null;
    const sessions = new SessionStore(db, config.sessionTtlHours);
    const reads = new CachedReads(db);
    const permissions = () => modules.flatMap((mod) => mod.permissions);
    const roleTemplates = () => mergeRoleTemplates(modules.flatMap((mod) => mod.roles));
    const base = {
      db,
      handle: narrowHandle<PlatformDatabase>()(handle),
      config,
      log,
      cipher: createFieldCipher(config.secret),
      sessions,
      reads,
      metrics,
      permissions,
      roleTemplates,
    };
    const { ctx, contextOf } = moduleContexts(base, modules, moduleConfigs);
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
      reads,
      secureCookies: config.secureCookies,
      logRequests: config.logRequests,
      trustProxy: config.trustProxy,
      serveWeb: opts.serveWeb,
      readiness,
      metrics: { registry: metrics, token: config.metrics.token },
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
      metrics,
      readiness,
      async startModules() {
        try {
          for (const mod of modules) if (mod.start) runtimes.push({ name: mod.name, runtime: await mod.start(contextOf(mod.name)) });
        } catch (err) {
          for (const { runtime } of runtimes.splice(0).reverse()) await runtime.stop().catch(() => {});
          throw err;
        }
        return runtimes.flatMap(({ runtime }) => runtime.lines);
      },
      async serveMetrics() {
        const { port, host, token } = config.metrics;
        if (port === undefined || metricsServer) return null;
        const s = await serveMetrics(metrics, host, port, token);
        metricsServer = s;
        return `Metrics: http://${host.includes(':') ? `[${host}]` : host}:${s.port}/metrics${token ? ' (Authorization: Bearer $METRICS_TOKEN)' : ''}`;
      },
      async close() {
        // A request that began before the close finishes on its keep-alive connection, which then idles until
        // keepAliveTimeout (72 s) and holds the close up: reap such connections as soon as they are idle.
        const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
        try {
          await app.close();
        } finally {
          clearInterval(reaper);
        }
        log.info('HTTP server closed: requests drained, live feeds ended');
        for (const { name, runtime } of runtimes.splice(0).reverse()) {
          await runtime.stop().then(
            () => log.info({ module: name }, 'module stopped'),
            (err) => log.warn({ module: name, err: (err as Error).message }, 'module shutdown failed'),
          );
        }
        await metricsServer?.close();
        await handle.close();
      },
    };
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
}
