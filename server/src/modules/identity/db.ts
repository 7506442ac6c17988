import type { Generated, Kysely, Transaction as KyselyTransaction } from 'kysely';
import { narrowDb } from '../../platform/db';
import type { PlatformDatabase } from '../../platform/db/tables';
import type { ImportEnv as PlatformImportEnv, Importer as PlatformImporter } from '../../platform/excel/importer';
import { moduleView, type ModuleContext as PlatformModuleContext } from '../../platform/module';

/**
 * Identity's own tables. It also creates and writes the directory (regions, organisations, users, roles, user_roles)
 * and the platform's tables in its first migration; their types are the platform's (platform/db/tables.ts), because
 * the platform and every module read them.
 */
export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: Generated<Date>;
  /** Null while the password is being checked: a pending attempt counts as a failure. */
  success: boolean | null;
  /** login: a sign-in; password: the check of the current password in a password change. */
  kind: Generated<'login' | 'password'>;
}

export interface IdentityTables {
  login_attempts: LoginAttemptsTable;
}

/** The database as identity code sees it: the platform's tables and its own. */
export type Database = PlatformDatabase & IdentityTables;
export type DB = Kysely<Database>;
export type Transaction = KyselyTransaction<Database>;
export type ModuleContext = PlatformModuleContext<Database>;
export type Importer<Row> = PlatformImporter<Row, Database>;
export type ImportEnv = PlatformImportEnv<Database>;

/** Identity's view of the context the platform hands to its hooks. */
export const identityContext = (ctx: PlatformModuleContext): ModuleContext => moduleView<IdentityTables>(ctx);
/** A handle on the whole database (the CLI, tests) seen with identity's tables only. */
export const identityDb = narrowDb<Database>();
