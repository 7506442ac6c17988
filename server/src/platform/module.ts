import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Config } from './config';
import type { DbHandle } from './db';
import type { ModuleMigrations } from './db/migrate';
import type { PlatformDatabase } from './db/tables';
import type { Logger } from './logger';
import type { FieldCipher } from './pii';
import type { Importer } from './excel/importer';
import type { SessionStore } from './sessions';
import type { CachedReads } from './cached-reads';
import type { MetricsRegistry } from './metrics';
import type { ReadinessCheck } from './health';
import type { ModuleInterfaces } from '@gearbridge/contracts/interfaces';

export interface PermissionDef {
  code: string;
  zh: string;
  en: string;
}

/** A role the platform defines; modules add their own. Assigned per user, optionally scoped to a region. */
export interface RoleTemplate {
  code: string;
  zh: string;
  en: string;
  permissions: string[];
}

/**
 * What the platform hands to a module's hooks. `D` is the database as the module sees it (the platform's tables and
 * its own), `C` its parsed configuration; the platform hands out the platform-typed form and each module turns it into
 * its own with `moduleView` (its db.ts), once per hook.
 */
export interface ModuleContext<D = PlatformDatabase, C = unknown> {
  db: Kysely<D>;
  /** The raw side of the same database: one dedicated connection for COPY, advisory locks, multi-statement scripts. */
  handle: DbHandle<D>;
  /** The platform's configuration (PORT, DATABASE_URL, …). */
  config: Config;
  /** This module's configuration, parsed from the environment with its `config` schema at start. */
  moduleConfig: C;
  log: Logger;
  cipher: FieldCipher;
  sessions: SessionStore;
  /** Answers kept under the data version (`sendCached`): the worker list, the labour figures … */
  reads: CachedReads;
  /**
   * The platform instance's Prometheus registry (prom-client): a module registers its metrics here
   * (`registers: [ctx.metrics]`), never in prom-client's global one. Served at /metrics (docs/operations.md).
   */
  metrics: MetricsRegistry;
  /**
   * What the other modules offer this one (their `provides`), by module name: the only way to read another module.
   * An entry is missing when that module is not in the deployment's list. Filled before any hook runs.
   */
  interfaces: Readonly<Partial<ModuleInterfaces>>;
  /** Every module's permissions: the catalogue roles are checked against. */
  permissions(): PermissionDef[];
  /** Every module's role templates, merged per code: the built-in roles. */
  roleTemplates(): RoleTemplate[];
}

/** A module's running background work: its status lines (printed by `gearbridge start` under the address), and how to stop it. */
export interface ModuleRuntime {
  lines: string[];
  /**
   * Finishes the work in hand and stops (the ingest commits and acknowledges what it took). Called at shutdown after
   * the HTTP server has drained, in reverse order of start.
   */
  stop(): Promise<void>;
  /** What /api/health/ready adds for this work (a broker connection, a lag); called per probe, so cheap. */
  readiness?(): Promise<ReadinessCheck[]>;
}

/** What the CLI gives a module's command. */
export interface CommandEnv {
  config: Config;
  /** The module's parsed configuration. */
  moduleConfig: unknown;
  log: Logger;
  /** Opens the database and applies pending migrations; the command closes the handle. */
  openDatabase(): Promise<DbHandle>;
  /** The process's Prometheus registry: served on METRICS_PORT while a returned runtime runs. */
  metrics: MetricsRegistry;
  /** Prints `gearbridge: <message>` to stderr and exits (2: usage). */
  fail(message: string, code?: number): never;
  /** Where the command prints its answer: the process's stdout (a test's collector when run in-process). */
  stdout: { write(text: string): unknown };
}

/**
 * A CLI command a module contributes (`gearbridge <name> …`). Returning a runtime keeps the process running: the
 * CLI prints its lines and stops it on SIGINT/SIGTERM, as for `start`.
 */
export interface ModuleCommand {
  /** One line for the CLI's usage text. */
  usage: string;
  run(args: string[], env: CommandEnv): Promise<ModuleRuntime | undefined>;
}

/**
 * What a module gives the core. Each module lives in server/src/modules/<name>/ and is listed once in the
 * composition root (server/src/app.ts); it imports no other module. `T` names its tables (its db.ts) so the root can
 * compose the full Database type from the list; it is never read at run time.
 */
export interface GearbridgeModule<T extends object = object> {
  name: string;
  /** True for the product modules not built yet: the web shows them as coming. */
  comingSoon?: boolean;
  /** Its forward-only migrations: server/migrations/<name>/NNNN_<verb_noun>.sql (see platform/db/migrate.ts). */
  migrations?: ModuleMigrations;
  /** Its table types; a type marker only (see `tables<T>()`). */
  readonly tables?: T;
  /** A zod schema of the environment variables it reads (an object, optionally transformed into the shape its code
   * reads): checked at start with the platform's, a bad value stops the start naming the variable. */
  config?: z.ZodType;
  permissions: PermissionDef[];
  roles: RoleTemplate[];
  /** Its message catalogue (contracts/src/messages/<name>.ts): English text per stable key, composed by the platform. */
  messages?: Record<string, string>;
  /**
   * Its public interface (contracts/src/interfaces.ts, under its own name): called once with its context when the
   * platform starts, before `sync`; the functions it returns are called later, by other modules' hooks and routes.
   */
  provides?(ctx: ModuleContext): Partial<ModuleInterfaces>;
  /** Reference data, synced on every start before anything else (idempotent). */
  sync?(ctx: ModuleContext): Promise<void>;
  /** Demo data, run in list order once, on a database with no organisation yet, when GEARBRIDGE_DEMO=1. */
  seedDemo?(ctx: ModuleContext): Promise<void>;
  /** Registers routes; the core mounts them under /api. */
  routes?(app: FastifyInstance, ctx: ModuleContext): Promise<void> | void;
  importers?: Importer[];
  /** Background work of `gearbridge start` (ingest, jobs); the CLI stops it on SIGINT/SIGTERM. */
  start?(ctx: ModuleContext): Promise<ModuleRuntime>;
  /** CLI commands of its own (`gearbridge <name>`), listed in the usage text. */
  commands?: Record<string, ModuleCommand>;
}

/** The type marker of a module's tables: `tables: tables<FactoryTables>()`. */
export const tables = <T extends object>(): T | undefined => undefined;

/**
 * A module's view of its context: the database typed with the platform's tables and its own `T`, its configuration
 * typed as its schema's output. The tables exist because the migrator applied every listed module's migrations
 * before any hook runs; Kysely's table type is compile-time only, so this is a cast, made once per hook.
 */
export function moduleView<T extends object, C = unknown>(ctx: ModuleContext): ModuleContext<PlatformDatabase & T, C> {
  return ctx as unknown as ModuleContext<PlatformDatabase & T, C>;
}

/** A platform-typed database handle seen with a module's tables too (see moduleView for why this holds). */
export function moduleHandle<T extends object>(handle: DbHandle): DbHandle<PlatformDatabase & T> {
  return handle as unknown as DbHandle<PlatformDatabase & T>;
}

/** A module's importer, typed with its own tables, in the platform's list (see moduleView for why this holds). */
export function moduleImporter<Row, D extends PlatformDatabase>(importer: Importer<Row, D>): Importer {
  return importer as unknown as Importer;
}
