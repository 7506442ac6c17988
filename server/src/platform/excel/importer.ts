import type { Kysely, Transaction } from 'kysely';
import type { DirectoryTables, PlatformDatabase } from '../db/tables';
import { narrowDb } from '../db';
import { inScope, scopeOf, type Actor } from '../authz';
import type { FieldCipher } from '../pii';
import type { MessageParams } from '@gearbridge/contracts/messages';
import { forbidden, pm, type Msg } from '../errors';

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  /** Shown in the template's second sheet. */
  hint?: { zh: string; en: string };
  example?: string;
}

/** A bad cell of an uploaded sheet: its English message, and the message key the web renders. */
export interface RowError {
  row: number;
  column: string;
  message: string;
  key: string;
  params?: MessageParams;
}

/** The message fields of a RowError from a message (`{ row, column, ...rowMessage(m('…')) }`). */
export function rowMessage(msg: Msg): Pick<RowError, 'message' | 'key' | 'params'> {
  return { message: msg.text, key: msg.key, ...(msg.params ? { params: msg.params } : {}) };
}

/** `D`: the database as the importing module sees it (its db.ts aliases Importer and ImportEnv with its tables). */
export interface ImportEnv<D = PlatformDatabase> {
  db: Kysely<D>;
  cipher: FieldCipher;
  actor: Actor;
}

/**
 * One kind of spreadsheet import. check() turns raw cells into rows ready to write (or errors), reading the
 * database but never writing; write() runs inside the confirm transaction.
 */
export interface Importer<Row = Record<string, unknown>, D = PlatformDatabase> {
  kind: string;
  /** Permission needed to import this kind. */
  permission: string;
  sheetName: string;
  columns: ImportColumn[];
  check(rows: { row: number; values: Record<string, string> }[], env: ImportEnv<D>): Promise<{ valid: { row: number; data: Row }[]; errors: RowError[] }>;
  write(trx: Transaction<D>, rows: Row[], env: ImportEnv<D>): Promise<number>;
  /** What the report shows of a valid row: no secrets, personal data masked. */
  preview(row: Row): Record<string, unknown>;
}

/**
 * At confirm, the organisations a pending import writes for must still be in the confirming person's reach for
 * `permission`: the upload checked them, but a grant narrowed in between (up to the pending job's 24 h) must not let
 * the rows through. Any one out of reach refuses the whole import (403, nothing written).
 */
export async function requireStillInScope<D extends Pick<DirectoryTables, 'organisations'>>(
  db: Kysely<D> | Transaction<D>,
  actor: Actor,
  permission: string,
  orgIds: Iterable<string>,
): Promise<void> {
  const ids = [...new Set(orgIds)];
  if (!ids.length) return;
  const scope = scopeOf(actor, permission);
  const orgs = await narrowDb<Pick<DirectoryTables, 'organisations'>>()(db).selectFrom('organisations').select(['id', 'region_code']).where('id', 'in', ids).execute();
  if (orgs.length !== ids.length || orgs.some((o) => !inScope(scope, { id: o.id, regionCode: o.region_code }))) throw forbidden(pm('platform.import.out_of_reach_now'));
}
