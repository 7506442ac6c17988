import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import {
  SITE_STATUSES,
  type Lease,
  type LeaseEndInput,
  type LeaseInput,
  type ParkPlan,
  type Site,
  type SiteDetail,
  type SiteInput,
  type SitePatch,
  type SiteQuery,
  type SpaceSummary,
} from '@gearbridge/contracts/park';
import { orgInScopeSql, requireInScope, requirePermission, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, invalid, notFound } from '../../../platform/errors';
import { containing, paged } from '../../../platform/db';
import { localDay } from '../../../platform/time';
import type { DB, Tx } from '../db';
import { m, type Msg } from '../messages';
import { PP } from '../permissions';
import { keepingOrg } from '../projects/projects.service';
import { enterpriseForWrite } from '../retrofits/scope';

/**
 * Plant space (闲置厂房盘活): buildings and plots kept by a park administration (`org_id`: its scope reads with
 * park.read and changes with park.manage), drawn on the park's plan by code, leased to registry enterprises. A lease
 * of a site standing idle or offered revives its area; the area revived in a year is summed from those leases.
 */
type FieldErrors = Record<string, Msg>;
const fail = (errors: FieldErrors) => {
  if (Object.keys(errors).length) throw invalid(m('park.site.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
};

/** The demo park's plan (invented geometry, see the file's description), shipped as data. */
export const PLAN: ParkPlan = JSON.parse(readFileSync(new URL('./qijiang-park.geojson', import.meta.url), 'utf8'));

function leaseQuery(db: Tx) {
  return db
    .selectFrom('park_leases as l')
    .innerJoin('park_sites as s', 's.id', 'l.site_id')
    .innerJoin('park_enterprises as e', 'e.id', 'l.enterprise_id')
    .innerJoin('organisations as eo', 'eo.id', 'e.org_id')
    .select([
      'l.id',
      'l.site_id',
      's.name as site_name',
      'l.enterprise_id',
      'eo.name as enterprise_name',
      'l.starts_on',
      'l.ends_on',
      'l.area_m2',
      'l.revives',
      'l.ended_on',
      'l.note',
    ])
    .select(sql<string>`l.rent_yuan_month::text`.as('rent'));
}
type LeaseRow = Awaited<ReturnType<ReturnType<typeof leaseQuery>['executeTakeFirstOrThrow']>>;
const toLease = (r: LeaseRow): Lease => ({
  id: r.id,
  siteId: r.site_id,
  siteName: r.site_name,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  areaM2: r.area_m2,
  rentMonth: r.rent,
  revives: r.revives,
  endedOn: r.ended_on,
  note: r.note,
});

function siteQuery(db: Tx) {
  return db.selectFrom('park_sites as s').innerJoin('organisations as o', 'o.id', 's.org_id').selectAll('s').select('o.region_code');
}
type SiteRow = Awaited<ReturnType<ReturnType<typeof siteQuery>['executeTakeFirstOrThrow']>>;

async function toSites(db: Tx, rows: SiteRow[]): Promise<Site[]> {
  const ids = rows.map((r) => r.id);
  const running = ids.length ? (await leaseQuery(db).where('l.site_id', 'in', ids).where('l.ended_on', 'is', null).execute()).map(toLease) : [];
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    zone: r.zone,
    areaM2: r.area_m2,
    condition: r.condition,
    status: r.status,
    note: r.note,
    lease: running.find((l) => l.siteId === r.id) ?? null,
  }));
}

export async function listSites(db: DB, actor: Actor, f: SiteQuery): Promise<{ items: Site[]; total: number }> {
  requirePermission(actor, PP.read);
  let q = siteQuery(db).where(orgInScopeSql(scopeOf(actor, PP.read), 'o'));
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.zone) q = q.where('s.zone', '=', f.zone);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('s.code', 'ilike', like)]));
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('s.zone').orderBy('s.code'));
  return { items: await toSites(db, rows), total };
}

async function loadSite(db: Tx, actor: Actor, id: string, permission: string, lock = false) {
  requirePermission(actor, permission);
  if (lock) await db.selectFrom('park_sites').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const row = await siteQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('park.site.not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.region_code });
  return row;
}

async function detail(db: Tx, row: SiteRow): Promise<SiteDetail> {
  const leases = (await leaseQuery(db).where('l.site_id', '=', row.id).orderBy('l.starts_on', 'desc').orderBy('l.id').execute()).map(toLease);
  return { ...(await toSites(db, [row]))[0], leases };
}
export const getSite = async (db: DB, actor: Actor, id: string) => detail(db, await loadSite(db, actor, id, PP.read));

export async function createSite(db: DB, actor: Actor, input: SiteInput): Promise<SiteDetail> {
  const org = await keepingOrg(db, actor, input.orgId);
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('park_sites')
      .values({
        org_id: org.id,
        code: input.code,
        name: input.name,
        kind: input.kind,
        zone: input.zone || null,
        area_m2: input.areaM2,
        condition: input.condition,
        status: input.status ?? 'idle',
        note: input.note || null,
        created_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['org_id', 'code']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!r) throw conflict(m('park.site.code_taken'), { code: m('park.site.field_code_taken') });
    const after = await detail(trx, await loadSite(trx, actor, r.id, PP.manage));
    await writeAudit(trx, actor, { action: 'park.site.create', entity: 'park_site', entityId: r.id, orgId: org.id, after });
    return after;
  });
}

export async function updateSite(db: DB, actor: Actor, id: string, p: SitePatch): Promise<SiteDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await loadSite(trx, actor, id, PP.manage, true);
    const before = await detail(trx, row);
    const errors: FieldErrors = {};
    // A leased site changes status only through its lease.
    if (p.status !== undefined && row.status === 'leased') errors.status = m('park.site.field_leased');
    if (p.areaM2 !== undefined && before.lease && p.areaM2 < before.lease.areaM2) errors.areaM2 = m('park.site.field_area_below_lease', { area: before.lease.areaM2 });
    fail(errors);
    await trx
      .updateTable('park_sites')
      .set({
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.zone !== undefined ? { zone: p.zone || null } : {}),
        ...(p.areaM2 !== undefined ? { area_m2: p.areaM2 } : {}),
        ...(p.condition !== undefined ? { condition: p.condition } : {}),
        ...(p.status !== undefined ? { status: p.status } : {}),
        ...(p.note !== undefined ? { note: p.note || null } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    const after = await detail(trx, await loadSite(trx, actor, id, PP.manage));
    await writeAudit(trx, actor, { action: 'park.site.update', entity: 'park_site', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

/** Leases a site to a registry enterprise: the site becomes `leased`; if it stood idle or offered, its area is revived. */
export async function leaseSite(db: DB, actor: Actor, id: string, input: LeaseInput): Promise<SiteDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await loadSite(trx, actor, id, PP.manage, true);
    const e = await enterpriseForWrite(trx, actor, input.enterpriseId, PP.read);
    const errors: FieldErrors = {};
    const area = input.areaM2 ?? row.area_m2;
    if (area > row.area_m2) errors.areaM2 = m('park.site.field_area_over', { area: row.area_m2 });
    if (input.endsOn <= input.startsOn) errors.endsOn = m('park.site.field_ends_after_start');
    fail(errors);
    if (row.status === 'leased') throw conflict(m('park.site.already_leased'));
    const { id: leaseId } = await trx
      .insertInto('park_leases')
      .values({
        site_id: id,
        enterprise_id: e.id,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        area_m2: area,
        rent_yuan_month: input.rentMonth,
        revives: row.status === 'idle' || row.status === 'offered',
        note: input.note || null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('park_sites').set({ status: 'leased', updated_at: sql`now()` }).where('id', '=', id).execute();
    const lease = toLease(await leaseQuery(trx).where('l.id', '=', leaseId).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, { action: 'park.lease.create', entity: 'park_lease', entityId: leaseId, orgId: row.org_id, before: { status: row.status }, after: lease });
    return detail(trx, await loadSite(trx, actor, id, PP.manage));
  });
}

/** Ends a site's running lease on a day; the site goes back to the status given (idle by default). */
export async function endLease(db: DB, actor: Actor, id: string, input: LeaseEndInput): Promise<SiteDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await loadSite(trx, actor, id, PP.manage, true);
    const running = await leaseQuery(trx).where('l.site_id', '=', id).where('l.ended_on', 'is', null).executeTakeFirst();
    if (!running) throw conflict(m('park.site.not_leased'));
    const errors: FieldErrors = {};
    if (input.endedOn < running.starts_on) errors.endedOn = m('park.stage.field_on_or_after', { date: running.starts_on });
    if (input.endedOn > localDay()) errors.endedOn = m('park.field.in_future');
    fail(errors);
    await trx.updateTable('park_leases').set({ ended_on: input.endedOn }).where('id', '=', running.id).execute();
    await trx
      .updateTable('park_sites')
      .set({ status: input.status ?? 'idle', updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, actor, {
      action: 'park.lease.end',
      entity: 'park_lease',
      entityId: running.id,
      orgId: row.org_id,
      before: toLease(running),
      after: { endedOn: input.endedOn },
    });
    return detail(trx, await loadSite(trx, actor, id, PP.manage));
  });
}

/** Area revived per year in scope: leases that revived a site, by the year they started. */
export async function revivedByYear(db: DB, actor: Actor, year?: number): Promise<SpaceSummary['revivedByYear']> {
  let q = db
    .selectFrom('park_leases as l')
    .innerJoin('park_sites as s', 's.id', 'l.site_id')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .where(orgInScopeSql(scopeOf(actor, PP.read), 'o'))
    .where('l.revives', '=', true);
  if (year) q = q.where('l.starts_on', '>=', `${year}-01-01`).where('l.starts_on', '<=', `${year}-12-31`);
  const rows = await q
    .select([sql<number>`extract(year from l.starts_on)::int`.as('year'), sql<string>`sum(l.area_m2)::text`.as('area'), sql<string>`count(*)::text`.as('n')])
    .groupBy(sql`extract(year from l.starts_on)`)
    .orderBy(sql`extract(year from l.starts_on)`)
    .execute();
  return rows.map((r) => ({ year: Number(r.year), areaM2: Number(r.area), leases: Number(r.n) }));
}

export async function spaceSummary(db: DB, actor: Actor): Promise<SpaceSummary> {
  requirePermission(actor, PP.read);
  const rows = await db
    .selectFrom('park_sites as s')
    .innerJoin('organisations as o', 'o.id', 's.org_id')
    .where(orgInScopeSql(scopeOf(actor, PP.read), 'o'))
    .select(['s.status', sql<string>`count(*)::text`.as('n'), sql<string>`sum(s.area_m2)::text`.as('area')])
    .groupBy('s.status')
    .execute();
  const by = new Map(rows.map((r) => [r.status, r]));
  const byStatus = SITE_STATUSES.map((status) => ({ status, count: Number(by.get(status)?.n ?? 0), areaM2: Number(by.get(status)?.area ?? 0) }));
  return { byStatus, totalAreaM2: byStatus.reduce((s, x) => s + x.areaM2, 0), revivedByYear: await revivedByYear(db, actor) };
}
