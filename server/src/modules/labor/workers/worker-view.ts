import { sql, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Worker } from '@gearbridge/contracts/labor';
import { orgInScopeSql } from '../../../platform/authz';
import type { Scope } from '../../../platform/authz';
import { maskIdNumber, type FieldCipher } from '../../../platform/pii';
import { occupationName } from './occupations';
import type { DB, Database } from '../db';

export type Tx = DB | Transaction<Database>;

/** Associated data of each encrypted column: a value copied into another column fails to decrypt. */
export const CTX = { id: 'labor_workers.id_number', name: 'labor_workers.name', phone: 'labor_workers.phone' } as const;

/** Normalisation before the keyed hash, the same on write and on look-up. */
export const norm = {
  id: (v: string) => v.trim().toUpperCase(),
  name: (v: string) => v.normalize('NFC').replace(/\s+/g, ''),
  phone: (v: string) => v.trim(),
};
export const hashes = {
  id: (c: FieldCipher, v: string) => c.hash(`labor.id:${norm.id(v)}`),
  name: (c: FieldCipher, v: string) => c.hash(`labor.name:${norm.name(v)}`),
  // Phones hash as the identity module hashes users' phones: one number, one hash across the platform.
  phone: (c: FieldCipher, v: string) => c.hash(norm.phone(v)),
};

/** True when the worker's owning organisation is in the scope (alias o). */
export const ownedSql = (scope: Scope): RawBuilder<SqlBool> => orgInScopeSql(scope, 'o');

/** True when the worker (alias w) has an active share to an organisation in the scope. */
export function sharedToScopeSql(scope: Scope, workerRef = 'w.id'): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from labor_shares s join organisations t on t.id = s.to_org_id
    where s.worker_id = ${sql.ref(workerRef)} and s.revoked_at is null and ${orgInScopeSql(scope, 't')})`;
}

/**
 * The workers a list reaches (alias w, owner alias o): `own` — the owner in scope; `shared` — reached only through
 * a share; both when unset. The worker list and the dashboard's figures use this one condition.
 */
export function workerSourceSql(scope: Scope, source?: 'own' | 'shared'): RawBuilder<SqlBool> {
  const owned = ownedSql(scope);
  if (source === 'own') return owned;
  if (source === 'shared') return sql<SqlBool>`(not ${owned} and ${sharedToScopeSql(scope)})`;
  return sql<SqlBool>`(${owned} or ${sharedToScopeSql(scope)})`;
}

/** Workers with what the view needs; `owned` says whether the scope reaches the owner (else it came by a share). */
export function workerQuery(db: Tx, scope: Scope) {
  return db
    .selectFrom('labor_workers as w')
    .innerJoin('organisations as o', 'o.id', 'w.org_id')
    .leftJoin('regions as g', 'g.code', 'w.home_region_code')
    .leftJoin('regions as gc', (j) => j.on(sql<SqlBool>`gc.code = substr(w.home_region_code, 1, 6)`))
    .leftJoin('users as cw', 'cw.id', 'w.caseworker_id')
    .leftJoin('users as cb', 'cb.id', 'w.consent_by')
    .select([
      'w.id',
      'w.org_id',
      'o.name as org_name',
      'o.region_code as org_region_code',
      'w.caseworker_id',
      'cw.display_name as caseworker_name',
      'w.id_enc',
      'w.name_masked',
      'w.phone_masked',
      'w.gender',
      'w.birth_date',
      'w.home_region_code',
      'g.full_name as home_region_name',
      'gc.full_name as county_name',
      'w.home_village',
      'w.registered_poor',
      'w.monitoring_category',
      'w.education',
      'w.skills',
      'w.certificates',
      'w.work_ability',
      'w.disability',
      'w.status',
      'w.status_since',
      'w.wanted_occupations',
      'w.wanted_regions',
      'w.min_monthly_wage',
      'w.needs_housing',
      'w.available_from',
      'w.needs_note',
      'w.consent_share',
      'w.consent_at',
      'cb.display_name as consent_by_name',
      'w.created_at',
      'w.updated_at',
    ])
    .select(sql<boolean>`${ownedSql(scope)}`.as('owned'))
    .select(sql<boolean>`${sharedToScopeSql(scope)}`.as('shared'));
}
export type WorkerRow = Awaited<ReturnType<ReturnType<typeof workerQuery>['executeTakeFirstOrThrow']>>;

/** Whole years between a YYYY-MM-DD birth date and today (UTC). */
export function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const ty = today.getUTCFullYear();
  const before = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  return ty - y - (before ? 1 : 0);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The API's view of a worker: personal data masked; a partner (a record that reached the actor by a share) sees
 * less — no ID number, phone or 建档立卡 status unless the worker consented, the home county only, nothing about the
 * village, monitoring category, disability or caseworker.
 */
export function toWorker(r: WorkerRow, cipher: FieldCipher, regionNames: Map<string, string> = new Map()): Worker {
  const owner = r.owned;
  const showContact = owner || r.consent_share;
  return {
    id: r.id,
    access: owner ? 'owner' : 'partner',
    orgId: r.org_id,
    orgName: r.org_name,
    caseworkerId: owner ? r.caseworker_id : null,
    caseworkerName: owner ? r.caseworker_name : null,
    nameMasked: r.name_masked,
    idNumberMasked: showContact ? maskIdNumber(cipher.decrypt(r.id_enc, CTX.id)) : null,
    phoneMasked: showContact ? r.phone_masked : null,
    gender: r.gender,
    age: ageOn(r.birth_date),
    homeRegionCode: owner ? r.home_region_code : r.home_region_code.slice(0, 6),
    homeRegionName: owner ? r.home_region_name : r.county_name,
    homeVillage: owner ? r.home_village : null,
    // Sensitive personal information (建档立卡): a partner sees it only with the worker's consent.
    registeredPoor: showContact ? r.registered_poor : null,
    monitoringCategory: owner ? r.monitoring_category : null,
    education: r.education,
    skills: r.skills.map((s) => ({ code: s.code, name: occupationName(s.code), level: s.level })),
    certificates: r.certificates.map((c) => ({ name: c.name, occupationCode: c.occupationCode ?? null, level: c.level ?? null, issuedOn: c.issuedOn ?? null })),
    workAbility: r.work_ability,
    disability: owner ? r.disability : null,
    status: r.status,
    statusSince: r.status_since,
    needs: {
      occupations: r.wanted_occupations.map((code) => ({ code, name: occupationName(code) })),
      regions: r.wanted_regions.map((code) => ({ code, name: regionNames.get(code) ?? null })),
      minMonthlyWage: r.min_monthly_wage,
      needsHousing: r.needs_housing,
      availableFrom: r.available_from,
      note: r.needs_note,
    },
    consent: { given: r.consent_share, at: owner ? iso(r.consent_at) : null, byName: owner ? r.consent_by_name : null },
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

/** Names of the wanted regions of these rows, in one query. */
export async function wantedRegionNames(db: Tx, rows: WorkerRow[]): Promise<Map<string, string>> {
  const codes = [...new Set(rows.flatMap((r) => r.wanted_regions))];
  if (!codes.length) return new Map();
  const found = await db.selectFrom('regions').select(['code', 'full_name']).where('code', 'in', codes).execute();
  return new Map(found.map((f) => [f.code, f.full_name]));
}

export async function toWorkers(db: Tx, rows: WorkerRow[], cipher: FieldCipher): Promise<Worker[]> {
  const names = await wantedRegionNames(db, rows);
  return rows.map((r) => toWorker(r, cipher, names));
}
