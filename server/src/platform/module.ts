import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import type { DB } from './db';
import type { Logger } from './logger';
import type { FieldCipher } from './pii';
import type { Importer } from './excel/importer';

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

export interface ModuleContext {
  db: DB;
  config: Config;
  log: Logger;
  cipher: FieldCipher;
}

/**
 * What a module gives the core. Each module lives in server/src/modules/<name>/ and is listed once in
 * server/src/modules/index.ts; it imports no other module.
 */
export interface GearbridgeModule {
  name: string;
  /** True for the five product modules not built yet: the web shows them as coming. */
  comingSoon?: boolean;
  permissions: PermissionDef[];
  roles: RoleTemplate[];
  /** Registers routes; the core mounts them under /api. */
  routes?(app: FastifyInstance, ctx: ModuleContext): Promise<void> | void;
  importers?: Importer[];
  /** Demo data, run once on an empty database when GEARBRIDGE_DEMO=1. */
  seedDemo?(ctx: ModuleContext): Promise<void>;
}
