import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { Actor } from '../authz';
import type { DB } from '../db';
import type { FieldCipher } from '../pii';

export interface ImportColumn {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  /** Shown in the template's second sheet. */
  hint?: { zh: string; en: string };
  example?: string;
}

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportEnv {
  db: DB;
  cipher: FieldCipher;
  actor: Actor;
}

/**
 * One kind of spreadsheet import. check() turns raw cells into rows ready to write (or errors), reading the
 * database but never writing; write() runs inside the confirm transaction.
 */
export interface Importer<Row = Record<string, unknown>> {
  kind: string;
  /** Permission needed to import this kind. */
  permission: string;
  sheetName: string;
  columns: ImportColumn[];
  check(rows: { row: number; values: Record<string, string> }[], env: ImportEnv): Promise<{ valid: { row: number; data: Row }[]; errors: RowError[] }>;
  write(trx: Transaction<Database>, rows: Row[], env: ImportEnv): Promise<number>;
  /** What the report shows of a valid row: no secrets, personal data masked. */
  preview(row: Row): Record<string, unknown>;
}
