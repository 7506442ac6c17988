import type { Transaction } from 'kysely';
import type { Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, fromUniqueViolation } from '../../../platform/errors';
import type { RollRow } from './importer';
import type { Database } from '../db';
import { m } from '../messages';
import { refJson, storedText } from '../texts';

const CHUNK = 250;

/**
 * Inserts checked roll rows in batches, each with its first status-history row, inside the caller's transaction
 * (an import's confirm, or the demo seed). A row whose ID number was registered meanwhile fails the whole batch:
 * the confirm rolls back and nothing is written. With `auditEach`, one audit row per worker (masked preview).
 */
export async function insertWorkers(
  trx: Transaction<Database>,
  actor: Actor | null,
  rows: RollRow[],
  action: string,
  opts: { auditEach: boolean } = { auditEach: true },
): Promise<number> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    let inserted: { id: string; id_hash: string }[];
    try {
      inserted = await trx
        .insertInto('labor_workers')
        .values(chunk.map((r) => r.row))
        .returning(['id', 'id_hash'])
        .execute();
    } catch (err) {
      if (fromUniqueViolation(err, { labor_workers_id_hash_key: 'idNumber' })) throw conflict(m('labor.import.registered_meanwhile'));
      throw err;
    }
    const idOf = new Map(inserted.map((r) => [r.id_hash, r.id]));
    await trx
      .insertInto('labor_worker_status_history')
      .values(
        chunk.map((r) => ({
          worker_id: idOf.get(r.row.id_hash)!,
          status: r.row.status,
          previous_status: null,
          effective_on: r.row.status_since,
          reason: 'imported',
          reason_ref: refJson(storedText('labor.text.imported')),
          changed_by: r.row.created_by ?? null,
        })),
      )
      .execute();
    if (opts.auditEach) {
      for (const r of chunk) await writeAudit(trx, actor, { action, entity: 'labor_worker', entityId: idOf.get(r.row.id_hash)!, orgId: r.row.org_id, after: r.preview });
    }
  }
  return rows.length;
}
