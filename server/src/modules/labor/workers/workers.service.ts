import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Worker, WorkerInput, WorkerPatch, WorkerQuery } from '@gearbridge/contracts/labor';
import { requireInScope, requirePermission, scopeOf, type Actor, type Scope } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { likeEscaped, paged } from '../../../platform/db';
import { conflict, forbidden, fromUniqueViolation, invalid, notFound } from '../../../platform/errors';
import type { FieldCipher } from '../../../platform/pii';
import { LP } from '../permissions';
import { followUpDueSql } from '../placement/followups.service';
import { CTX, hashes, ownedSql, toWorkers, workerQuery, workerSourceSql, type Tx } from './worker-view';
import {
  certificatesJson,
  checkIdNumber,
  checkWorkerFields,
  existingRegions,
  idColumns,
  nameColumns,
  needsColumns,
  newWorkerRow,
  phoneColumns,
  skillsJson,
  type FieldErrors,
  type NewWorkerRow,
  type OwnerOrg,
} from './worker-input';
import type { DB, Database } from '../db';
import { m } from '../messages';
import { refJson, storedText } from '../texts';

const UNIQUE = { labor_workers_id_hash_key: 'idNumber' };
const duplicate = () => conflict(m('labor.worker.duplicate'), { idNumber: m('labor.worker.field_already_registered') });

/** Everything the list filters mean, as SQL on the worker query. */
function applyFilters(q: ReturnType<typeof workerQuery>, scope: Scope, f: Omit<WorkerQuery, 'page' | 'pageSize'>, cipher: FieldCipher) {
  const owned = ownedSql(scope);
  q = q.where(workerSourceSql(scope, f.source));
  if (f.status) q = q.where('w.status', '=', f.status);
  // A partner sees the home county only, so it may filter by county (6 digits) but not by town or village.
  if (f.region) q = q.where(sql<SqlBool>`(w.home_region_code like ${`${likeEscaped(f.region)}%`} and (${owned} or ${f.region.length <= 6}))`);
  // 建档立卡 is sensitive: a shared worker matches either way only with consent, so the filter reveals nothing more.
  if (f.registeredPoor) q = q.where(sql<SqlBool>`(w.registered_poor = ${f.registeredPoor === 'true'} and (${owned} or w.consent_share))`);
  if (f.monitored) q = q.where(sql<SqlBool>`(w.monitoring_category is ${sql.raw(f.monitored === 'true' ? 'not null' : 'null')} and ${owned})`);
  if (f.consent) q = q.where('w.consent_share', '=', f.consent === 'true');
  // Follow-ups are the owning bureau's: a partner's filter matches nothing.
  if (f.followUpDue) q = q.where(sql<SqlBool>`(${f.followUpDue === 'true' ? followUpDueSql() : sql`not ${followUpDueSql()}`} and ${owned})`);
  if (f.orgId) q = q.where('w.org_id', '=', f.orgId);
  if (f.caseworkerId) q = q.where('w.caseworker_id', '=', f.caseworkerId).where(owned);
  if (f.occupation) {
    const code = f.occupation;
    q = q.where(sql<SqlBool>`(exists (select 1 from jsonb_array_elements(w.skills) s where s->>'code' = ${code} or s->>'code' like ${`${likeEscaped(code)}-%`})
      or exists (select 1 from unnest(w.wanted_occupations) c where c = ${code} or c like ${`${likeEscaped(code)}-%`}))`);
  }
  if (f.q) {
    // Names, numbers and phones are encrypted: no partial match. An ID number, a phone or a full name matches
    // exactly through its keyed hash (own records only); a single character matches the surname.
    const v = f.q.replace(/\s+/g, '');
    if (/^\d{17}[\dXx]$/.test(v)) q = q.where('w.id_hash', '=', hashes.id(cipher, v)).where(owned);
    else if (/^1\d{10}$/.test(v)) q = q.where('w.phone_hash', '=', hashes.phone(cipher, v)).where(owned);
    else if ([...v].length === 1) q = q.where('w.name_masked', 'like', `${likeEscaped(v)}%`);
    else q = q.where('w.name_hash', '=', hashes.name(cipher, v)).where(owned);
  }
  return q;
}

/**
 * A page of the workers the actor may read. `count` may serve the total from a cache (the route keeps it under the
 * data version per scope and filters, so turning pages does not count 100,000 workers again).
 */
export async function listWorkers(
  db: DB,
  actor: Actor,
  cipher: FieldCipher,
  f: WorkerQuery,
  count: (compute: () => Promise<number>) => Promise<number> = (compute) => compute(),
): Promise<{ items: Worker[]; total: number }> {
  const scope = scopeOf(actor, LP.read);
  const q = applyFilters(workerQuery(db, scope), scope, f, cipher);
  const { rows, total } = await paged(q, f, (b) => b.orderBy('w.created_at', 'desc').orderBy('w.id'), count);
  return { items: await toWorkers(db, rows, cipher), total };
}

/**
 * One worker the actor may see with `permission`: owned (its owner in scope) or, for reading, shared with an
 * organisation in scope. 404 when there is no such worker, 403 when it is outside the scope.
 */
async function loadWorker(db: Tx, actor: Actor, id: string, permission: string, allowShared: boolean) {
  const scope = scopeOf(actor, permission);
  const row = await workerQuery(db, scope).where('w.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('labor.worker.not_found'));
  if (!row.owned && !(allowShared && row.shared)) throw forbidden(m('labor.worker.out_of_scope'));
  return row;
}

export async function getWorker(db: Tx, actor: Actor, cipher: FieldCipher, id: string): Promise<Worker> {
  return (await toWorkers(db, [await loadWorker(db, actor, id, LP.read, true)], cipher))[0];
}

/** The owner view of a worker, for audit rows and for answers to a change. */
export async function ownerView(db: Tx, cipher: FieldCipher, id: string): Promise<Worker> {
  const row = await workerQuery(db, { all: true, orgIds: [], regionPrefixes: [] }).where('w.id', '=', id).executeTakeFirstOrThrow();
  return (await toWorkers(db, [row], cipher))[0];
}

async function ownerOrg(db: Tx, actor: Actor, orgId: string): Promise<OwnerOrg> {
  const org = await db.selectFrom('organisations').select(['id', 'name', 'region_code']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw invalid(m('labor.org.unknown'), { orgId: m('labor.org.field_unknown') });
  requireInScope(actor, LP.manage, { id: org.id, regionCode: org.region_code });
  return org;
}

async function checkCaseworker(db: Tx, ownerId: string, caseworkerId: string, errors: FieldErrors) {
  const u = await db.selectFrom('users').select('org_id').where('id', '=', caseworkerId).executeTakeFirst();
  if (!u || u.org_id !== ownerId) errors.caseworkerId = m('labor.worker.caseworker_not_of_owner');
}

/** Inserts a checked worker with its first status-history row and the audit row; the caller holds the transaction. */
export async function insertWorker(trx: Transaction<Database>, actor: Actor | null, cipher: FieldCipher, row: NewWorkerRow, auditAction: string): Promise<Worker> {
  let id: string;
  try {
    ({ id } = await trx.insertInto('labor_workers').values(row).returning('id').executeTakeFirstOrThrow());
  } catch (err) {
    throw fromUniqueViolation(err, UNIQUE) ? duplicate() : err;
  }
  await trx
    .insertInto('labor_worker_status_history')
    .values({
      worker_id: id,
      status: row.status,
      previous_status: null,
      effective_on: row.status_since,
      reason: 'registered',
      reason_ref: refJson(storedText('labor.text.registered')),
      changed_by: row.created_by ?? null,
    })
    .execute();
  const after = await ownerView(trx, cipher, id);
  await writeAudit(trx, actor, { action: auditAction, entity: 'labor_worker', entityId: id, orgId: row.org_id, after });
  return after;
}

export async function createWorker(db: DB, actor: Actor, cipher: FieldCipher, input: WorkerInput): Promise<Worker> {
  const owner = await ownerOrg(db, actor, input.orgId ?? actor.orgId);
  const errors: FieldErrors = {};
  const id = checkIdNumber(input.idNumber, errors);
  checkWorkerFields(input, await existingRegions(db, [input.homeRegionCode, ...input.needs.regions]), owner, errors);
  const caseworkerId = input.caseworkerId !== undefined ? input.caseworkerId : actor.orgId === owner.id ? actor.userId : null;
  if (caseworkerId) await checkCaseworker(db, owner.id, caseworkerId, errors);
  if (!id || Object.keys(errors).length) throw invalid(m('labor.worker.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
  const row = newWorkerRow(cipher, input, id, owner, actor.userId, caseworkerId);
  return db.transaction().execute((trx) => insertWorker(trx, actor, cipher, row, 'labor.worker.create'));
}

export async function updateWorker(db: DB, actor: Actor, cipher: FieldCipher, workerId: string, p: WorkerPatch): Promise<Worker> {
  return db.transaction().execute(async (trx) => {
    const row = await loadWorker(trx, actor, workerId, LP.manage, false);
    const before = await ownerView(trx, cipher, workerId);
    const owner = { id: row.org_id, name: row.org_name, region_code: row.org_region_code };
    const errors: FieldErrors = {};
    const set: Record<string, unknown> = {};
    if (p.idNumber !== undefined) {
      const id = checkIdNumber(p.idNumber, errors);
      if (id) Object.assign(set, idColumns(cipher, id));
    }
    if (p.name !== undefined) Object.assign(set, nameColumns(cipher, p.name));
    if (p.phone !== undefined) Object.assign(set, phoneColumns(cipher, p.phone));
    const regions = await existingRegions(trx, [p.homeRegionCode ?? row.home_region_code, ...(p.needs?.regions ?? [])]);
    checkWorkerFields(
      {
        homeRegionCode: p.homeRegionCode ?? row.home_region_code,
        skills: p.skills ?? [],
        certificates: p.certificates ?? [],
        needs: p.needs ?? { occupations: [], regions: [], needsHousing: false },
      },
      regions,
      owner,
      errors,
    );
    if (p.caseworkerId) await checkCaseworker(trx, row.org_id, p.caseworkerId, errors);
    if (Object.keys(errors).length) throw invalid(m('labor.worker.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
    Object.assign(set, {
      ...(p.caseworkerId !== undefined && { caseworker_id: p.caseworkerId }),
      ...(p.homeRegionCode !== undefined && { home_region_code: p.homeRegionCode }),
      ...(p.homeVillage !== undefined && { home_village: p.homeVillage || null }),
      ...(p.registeredPoor !== undefined && { registered_poor: p.registeredPoor }),
      ...(p.monitoringCategory !== undefined && { monitoring_category: p.monitoringCategory }),
      ...(p.education !== undefined && { education: p.education }),
      ...(p.skills !== undefined && { skills: skillsJson(p.skills) }),
      ...(p.certificates !== undefined && { certificates: certificatesJson(p.certificates) }),
      ...(p.workAbility !== undefined && { work_ability: p.workAbility }),
      ...(p.disability !== undefined && { disability: p.disability || null }),
      ...(p.needs !== undefined && needsColumns(p.needs)),
    });
    if (!Object.keys(set).length) return before;
    try {
      await trx
        .updateTable('labor_workers')
        .set({ ...set, updated_at: sql<Date>`now()` })
        .where('id', '=', workerId)
        .execute();
    } catch (err) {
      throw fromUniqueViolation(err, UNIQUE) ? duplicate() : err;
    }
    const after = await ownerView(trx, cipher, workerId);
    await writeAudit(trx, actor, { action: 'labor.worker.update', entity: 'labor_worker', entityId: workerId, orgId: row.org_id, before, after });
    return after;
  });
}

/** Deletes a worker's record with its history and shares (the right to erasure); the audit keeps the masked view. */
export async function deleteWorker(db: DB, actor: Actor, cipher: FieldCipher, workerId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await loadWorker(trx, actor, workerId, LP.manage, false);
    const before = await ownerView(trx, cipher, workerId);
    await trx.deleteFrom('labor_workers').where('id', '=', workerId).execute();
    await writeAudit(trx, actor, { action: 'labor.worker.delete', entity: 'labor_worker', entityId: workerId, orgId: row.org_id, before });
  });
}

/** Records (or withdraws) the worker's consent to share personal data with the partner region: when and by whom. */
export async function setConsent(db: DB, actor: Actor, cipher: FieldCipher, workerId: string, consent: boolean): Promise<Worker> {
  return db.transaction().execute(async (trx) => {
    const row = await loadWorker(trx, actor, workerId, LP.manage, false);
    if (row.consent_share === consent) return ownerView(trx, cipher, workerId);
    await trx
      .updateTable('labor_workers')
      .set({ consent_share: consent, consent_at: sql<Date>`now()`, consent_by: actor.userId, updated_at: sql<Date>`now()` })
      .where('id', '=', workerId)
      .execute();
    const after = await ownerView(trx, cipher, workerId);
    await writeAudit(trx, actor, {
      action: consent ? 'labor.worker.consent' : 'labor.worker.consent_withdraw',
      entity: 'labor_worker',
      entityId: workerId,
      orgId: row.org_id,
      after: { consent },
    });
    return after;
  });
}

export type RevealField = 'idNumber' | 'phone' | 'name';

/**
 * The clear value of one personal field. The owner's side needs labor.reveal over the owning organisation; a
 * partner needs labor.reveal over an organisation the worker is shared with, and the worker's consent. Every
 * reveal writes an audit row (to the owning organisation's trail) in the same transaction.
 */
export async function revealWorker(db: DB, actor: Actor, cipher: FieldCipher, workerId: string, field: RevealField): Promise<string | null> {
  requirePermission(actor, LP.reveal);
  return db.transaction().execute(async (trx) => {
    const row = await loadWorker(trx, actor, workerId, LP.reveal, true);
    if (!row.owned && !row.consent_share) throw forbidden(m('labor.worker.no_consent'));
    const enc = await trx.selectFrom('labor_workers').select(['id_enc', 'name_enc', 'phone_enc']).where('id', '=', workerId).executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'pii.reveal', entity: 'labor_worker', entityId: workerId, orgId: row.org_id, after: { field, via: row.owned ? 'owner' : 'share' } });
    if (field === 'idNumber') return cipher.decrypt(enc.id_enc, CTX.id);
    if (field === 'name') return cipher.decrypt(enc.name_enc, CTX.name);
    return enc.phone_enc ? cipher.decrypt(enc.phone_enc, CTX.phone) : null;
  });
}
