import type { Insertable } from 'kysely';
import { validateIdNumber, type IdNumberInfo } from '@gearbridge/contracts/pii';
import type { NeedsInput, WorkerInput } from '@gearbridge/contracts/labor';
import { regionWithin } from '@gearbridge/contracts/regions';
import { maskName, maskPhone, type FieldCipher } from '../../../platform/pii';
import { isSelectable } from './occupations';
import { CTX, hashes, norm, type Tx } from './worker-view';
import { localDay } from '../../../platform/time';
import type { LaborWorkersTable } from '../db';
import { m, type Msg } from '../messages';

/** What a new worker needs besides the input: checked once, in the API and in the importer alike. */
export interface OwnerOrg {
  id: string;
  name: string;
  region_code: string;
}

/** Today in China (platform/time.ts): dates users enter are days of the local calendar. */
export const today = () => localDay();

/** The region codes among `codes` that exist in the tree (one query). */
export async function existingRegions(db: Tx, codes: Iterable<string>): Promise<Set<string>> {
  const list = [...new Set(codes)];
  if (!list.length) return new Set();
  const rows = await db.selectFrom('regions').select('code').where('code', 'in', list).execute();
  return new Set(rows.map((r) => r.code));
}

export type FieldErrors = Record<string, Msg>;

/** Checks an ID number (GB 11643); the message names the problem, never the number. */
export function checkIdNumber(value: string, errors: FieldErrors, field = 'idNumber'): IdNumberInfo | null {
  const r = validateIdNumber(value);
  if (r.ok) return r.value;
  const number = value.trim().toUpperCase();
  errors[field] =
    r.problem === 'format'
      ? m('labor.worker.id_format')
      : r.problem === 'region'
        ? m('labor.worker.id_region', { code: number.slice(0, 6) })
        : r.problem === 'birth_date'
          ? m('labor.worker.id_birth_date', { date: number.slice(6, 14) })
          : m('labor.worker.id_check_digit');
  return null;
}

export function checkNeeds(n: NeedsInput, regions: Set<string>, errors: FieldErrors, prefix = 'needs') {
  n.occupations.forEach((c, i) => {
    if (!isSelectable(c)) errors[`${prefix}.occupations.${i}`] = m('labor.field.unknown_occupation', { code: c });
  });
  n.regions.forEach((c, i) => {
    if (!regions.has(c)) errors[`${prefix}.regions.${i}`] = m('labor.field.unknown_region', { code: c });
  });
}

/** Every check of a worker's fields that needs no personal data in the message. */
export function checkWorkerFields(
  w: Pick<WorkerInput, 'homeRegionCode' | 'skills' | 'certificates' | 'needs'> & { statusSince?: string },
  regions: Set<string>,
  owner: OwnerOrg,
  errors: FieldErrors,
) {
  if (!regions.has(w.homeRegionCode)) errors.homeRegionCode = m('labor.field.unknown_region', { code: w.homeRegionCode });
  else if (!regionWithin(w.homeRegionCode, owner.region_code)) {
    errors.homeRegionCode = m('labor.worker.region_outside_owner', { code: w.homeRegionCode, org: owner.name, orgRegion: owner.region_code });
  }
  w.skills.forEach((s, i) => {
    if (!isSelectable(s.code)) errors[`skills.${i}.code`] = m('labor.field.unknown_occupation', { code: s.code });
  });
  w.certificates.forEach((c, i) => {
    if (c.occupationCode && !isSelectable(c.occupationCode)) errors[`certificates.${i}.occupationCode`] = m('labor.field.unknown_occupation', { code: c.occupationCode });
  });
  checkNeeds(w.needs, regions, errors);
  if (w.statusSince && w.statusSince > today()) errors.statusSince = m('labor.field.not_in_future');
}

/** The encrypted and hashed ID number, and what GB 11643 derives from it. */
export function idColumns(cipher: FieldCipher, id: IdNumberInfo) {
  return { id_enc: cipher.encrypt(id.number, CTX.id), id_hash: hashes.id(cipher, id.number), gender: id.sex, birth_date: id.birthDate };
}

export function nameColumns(cipher: FieldCipher, name: string) {
  return { name_enc: cipher.encrypt(norm.name(name), CTX.name), name_hash: hashes.name(cipher, name), name_masked: maskName(norm.name(name)) };
}

export function phoneColumns(cipher: FieldCipher, phone: string | null | undefined) {
  return {
    phone_enc: phone ? cipher.encrypt(norm.phone(phone), CTX.phone) : null,
    phone_hash: phone ? hashes.phone(cipher, phone) : null,
    phone_masked: phone ? maskPhone(norm.phone(phone)) : null,
  };
}

export function needsColumns(n: NeedsInput) {
  return {
    wanted_occupations: [...new Set(n.occupations)],
    wanted_regions: [...new Set(n.regions)],
    min_monthly_wage: n.minMonthlyWage ?? null,
    needs_housing: n.needsHousing,
    available_from: n.availableFrom ?? null,
    needs_note: n.note || null,
  };
}

export function skillsJson(skills: WorkerInput['skills']): string {
  // One entry per code; a repeated code keeps its last level.
  return JSON.stringify([...new Map(skills.map((s) => [s.code, { code: s.code, level: s.level }])).values()]);
}

export function certificatesJson(certs: WorkerInput['certificates']): string {
  return JSON.stringify(certs.map((c) => ({ name: c.name, occupationCode: c.occupationCode ?? null, level: c.level ?? null, issuedOn: c.issuedOn ?? null })));
}

export type NewWorkerRow = Insertable<LaborWorkersTable>;

/** A worker row ready to insert (encrypted); the caller has run the checks. */
export function newWorkerRow(cipher: FieldCipher, w: WorkerInput, id: IdNumberInfo, owner: OwnerOrg, by: string | null, caseworkerId: string | null): NewWorkerRow {
  const now = new Date();
  return {
    org_id: owner.id,
    caseworker_id: caseworkerId,
    ...idColumns(cipher, id),
    ...nameColumns(cipher, w.name),
    ...phoneColumns(cipher, w.phone),
    home_region_code: w.homeRegionCode,
    home_village: w.homeVillage || null,
    registered_poor: w.registeredPoor,
    monitoring_category: w.monitoringCategory ?? null,
    education: w.education,
    skills: skillsJson(w.skills),
    certificates: certificatesJson(w.certificates),
    work_ability: w.workAbility,
    disability: w.disability || null,
    status: w.status,
    status_since: w.statusSince ?? today(),
    ...needsColumns(w.needs),
    consent_share: w.consentShare,
    consent_at: w.consentShare ? now : null,
    consent_by: w.consentShare ? by : null,
    created_by: by,
  };
}
