import type { Transaction } from '../db';
import { SEED_SITES } from './space.data';

/** The demo's buildings, plots and leases (space.data.ts); each leased site stood idle before its lease, so it revives. */
export async function seedSpace(trx: Transaction, parkOrg: string, enterprises: Map<string, string>, by: string | null) {
  for (const s of SEED_SITES) {
    const { id } = await trx
      .insertInto('park_sites')
      .values({ org_id: parkOrg, code: s.code, name: s.name, kind: s.kind, zone: s.zone, area_m2: s.areaM2, condition: s.condition, status: s.status, note: null, created_by: by })
      .returning('id')
      .executeTakeFirstOrThrow();
    const enterpriseId = s.lease && enterprises.get(s.lease.org);
    if (!s.lease || !enterpriseId) continue;
    await trx
      .insertInto('park_leases')
      .values({
        site_id: id,
        enterprise_id: enterpriseId,
        starts_on: s.lease.startsOn,
        ends_on: s.lease.endsOn,
        area_m2: s.areaM2,
        rent_yuan_month: s.lease.rentMonth,
        revives: true,
        note: null,
        created_by: by,
        created_at: new Date(`${s.lease.startsOn}T10:00:00+08:00`),
      })
      .execute();
  }
  return { sites: SEED_SITES.length };
}
