import { sql } from 'kysely';
import type { Contact, ContactInput, Enterprise, EnterpriseDetail, EnterpriseInput, EnterprisePatch, EnterpriseQuery, EnterpriseYearInput } from '@gearbridge/contracts/park';
import { orgInScopeSql, requireInScope, requirePermission, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, notFound } from '../../../platform/errors';
import { containing, likeEscaped, paged } from '../../../platform/db';
import { maskName, maskPhone, type FieldCipher } from '../../../platform/pii';
import type { DB, Tx } from '../db';
import { m } from '../messages';
import { PP } from '../permissions';
import { industryOf } from '../industries';
import { throwIfErrors, type FieldErrors } from '../projects/projects.service';

/**
 * The park's enterprise registry: one entry per enterprise organisation of the core directory, with its GB/T 4754
 * industry, scale, products, zone and building, yearly figures and contacts. Scope follows the enterprise's own
 * organisation: the park officer (綦江区) reads and keeps every enterprise in the district, an enterprise's user
 * only its own entry. Contacts' names and phones are stored encrypted, shown masked, revealed with park.reveal
 * (audited).
 */
export const CTX = { name: 'park_contacts.name', phone: 'park_contacts.phone' } as const;
const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function enterpriseQuery(db: Tx) {
  return db
    .selectFrom('park_enterprises as e')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .selectAll('e')
    .select(['o.name as org_name', 'o.region_code as org_region_code'])
    .select((eb) =>
      eb
        .selectFrom('park_enterprise_years as y')
        .whereRef('y.enterprise_id', '=', 'e.id')
        .select(sql<string>`json_build_object('year', y.year, 'employees', y.employees, 'outputValue', y.output_value_yuan::text, 'tax', y.tax_yuan::text)::text`.as('j'))
        .orderBy('y.year', 'desc')
        .limit(1)
        .as('latest_json'),
    );
}
type EnterpriseRow = Awaited<ReturnType<ReturnType<typeof enterpriseQuery>['executeTakeFirstOrThrow']>>;

const toEnterprise = (r: EnterpriseRow): Enterprise => ({
  id: r.id,
  orgId: r.org_id,
  name: r.org_name,
  regionCode: r.org_region_code,
  industryCode: r.industry_code,
  industryName: industryOf(r.industry_code)?.name ?? r.industry_code,
  industryNameEn: industryOf(r.industry_code)?.nameEn ?? r.industry_code,
  scale: r.scale,
  products: r.products,
  zone: r.zone,
  building: r.building,
  note: r.note,
  latest: r.latest_json ? JSON.parse(r.latest_json) : null,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export async function listEnterprises(db: DB, actor: Actor, f: EnterpriseQuery): Promise<{ items: Enterprise[]; total: number }> {
  let q = enterpriseQuery(db).where(orgInScopeSql(scopeOf(actor, PP.read), 'o'));
  if (f.industry) q = q.where('e.industry_code', 'like', `${likeEscaped(f.industry)}%`);
  if (f.scale) q = q.where('e.scale', '=', f.scale);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('e.products', 'ilike', like)]));
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('o.name').orderBy('e.id'));
  return { items: rows.map(toEnterprise), total };
}

async function loadEnterprise(db: Tx, actor: Actor, id: string, permission: string) {
  requirePermission(actor, permission);
  const row = await enterpriseQuery(db).where('e.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('park.enterprise.not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.org_region_code });
  return row;
}

async function detail(db: Tx, row: EnterpriseRow): Promise<EnterpriseDetail> {
  const years = await db
    .selectFrom('park_enterprise_years')
    .select(['year', 'employees', sql<string>`output_value_yuan::text`.as('output'), sql<string>`tax_yuan::text`.as('tax')])
    .where('enterprise_id', '=', row.id)
    .orderBy('year', 'desc')
    .execute();
  const contacts = await db
    .selectFrom('park_contacts')
    .select(['id', 'name_masked', 'title', 'phone_masked'])
    .where('enterprise_id', '=', row.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    ...toEnterprise(row),
    years: years.map((y) => ({ year: y.year, employees: y.employees, outputValue: y.output, tax: y.tax })),
    contacts: contacts.map((c): Contact => ({ id: c.id, nameMasked: c.name_masked, title: c.title, phoneMasked: c.phone_masked })),
  };
}

export const getEnterprise = async (db: DB, actor: Actor, id: string) => detail(db, await loadEnterprise(db, actor, id, PP.read));

function checkIndustry(code: string | undefined, errors: FieldErrors) {
  if (code !== undefined && !industryOf(code)) errors.industryCode = m('park.enterprise.field_unknown_industry', { code });
}

export async function createEnterprise(db: DB, actor: Actor, input: EnterpriseInput): Promise<EnterpriseDetail> {
  requirePermission(actor, PP.manage);
  const errors: FieldErrors = {};
  const org = await db.selectFrom('organisations').select(['id', 'kind', 'region_code']).where('id', '=', input.orgId).executeTakeFirst();
  if (!org) errors.orgId = m('park.org.field_unknown');
  else if (org.kind !== 'enterprise') errors.orgId = m('park.enterprise.field_not_enterprise');
  checkIndustry(input.industryCode, errors);
  throwIfErrors(errors, 'park.enterprise.invalid_fields');
  requireInScope(actor, PP.manage, { id: org!.id, regionCode: org!.region_code });
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('park_enterprises')
      .values({
        org_id: input.orgId,
        industry_code: input.industryCode,
        scale: input.scale,
        products: input.products || null,
        zone: input.zone || null,
        building: input.building || null,
        note: input.note || null,
        created_by: actor.userId,
      })
      .onConflict((oc) => oc.column('org_id').doNothing())
      .returning('id')
      .executeTakeFirst()
      .then((r) => {
        if (!r) throw conflict(m('park.enterprise.duplicate'), { orgId: m('park.enterprise.field_already_registered') });
        return r;
      });
    const after = await detail(trx, await loadEnterprise(trx, actor, id, PP.manage));
    await writeAudit(trx, actor, { action: 'park.enterprise.create', entity: 'park_enterprise', entityId: id, orgId: input.orgId, after });
    return after;
  });
}

export async function updateEnterprise(db: DB, actor: Actor, id: string, p: EnterprisePatch): Promise<EnterpriseDetail> {
  const errors: FieldErrors = {};
  checkIndustry(p.industryCode, errors);
  throwIfErrors(errors, 'park.enterprise.invalid_fields');
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('park_enterprises').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await loadEnterprise(trx, actor, id, PP.manage);
    const before = toEnterprise(row);
    await trx
      .updateTable('park_enterprises')
      .set({
        ...(p.industryCode !== undefined ? { industry_code: p.industryCode } : {}),
        ...(p.scale !== undefined ? { scale: p.scale } : {}),
        ...(p.products !== undefined ? { products: p.products || null } : {}),
        ...(p.zone !== undefined ? { zone: p.zone || null } : {}),
        ...(p.building !== undefined ? { building: p.building || null } : {}),
        ...(p.note !== undefined ? { note: p.note || null } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    const after = await detail(trx, await loadEnterprise(trx, actor, id, PP.manage));
    await writeAudit(trx, actor, { action: 'park.enterprise.update', entity: 'park_enterprise', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

/** Records (or corrects) one year's employees, output value and tax. */
export async function putYear(db: DB, actor: Actor, id: string, y: EnterpriseYearInput): Promise<EnterpriseDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await loadEnterprise(trx, actor, id, PP.manage);
    const before = await trx
      .selectFrom('park_enterprise_years')
      .select(['year', 'employees', sql<string>`output_value_yuan::text`.as('outputValue'), sql<string>`tax_yuan::text`.as('tax')])
      .where('enterprise_id', '=', id)
      .where('year', '=', y.year)
      .executeTakeFirst();
    const values = { employees: y.employees, output_value_yuan: y.outputValue, tax_yuan: y.tax };
    await trx
      .insertInto('park_enterprise_years')
      .values({ enterprise_id: id, year: y.year, ...values })
      .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doUpdateSet(values))
      .execute();
    await writeAudit(trx, actor, { action: 'park.enterprise.year', entity: 'park_enterprise', entityId: id, orgId: row.org_id, before: before ?? null, after: y });
    return detail(trx, row);
  });
}

export async function addContact(db: DB, actor: Actor, cipher: FieldCipher, id: string, c: ContactInput): Promise<EnterpriseDetail> {
  return db.transaction().execute(async (trx) => {
    const row = await loadEnterprise(trx, actor, id, PP.manage);
    const name = c.name.trim();
    const { id: contactId } = await trx
      .insertInto('park_contacts')
      .values({
        enterprise_id: id,
        name_enc: cipher.encrypt(name, CTX.name),
        name_masked: maskName(name),
        title: c.title || null,
        phone_enc: c.phone ? cipher.encrypt(c.phone, CTX.phone) : null,
        phone_masked: c.phone ? maskPhone(c.phone) : null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'park.enterprise.contact_add',
      entity: 'park_contact',
      entityId: contactId,
      orgId: row.org_id,
      after: { enterpriseId: id, nameMasked: maskName(name), title: c.title ?? null, phoneMasked: c.phone ? maskPhone(c.phone) : null },
    });
    return detail(trx, row);
  });
}

/** A contact's clear name or phone: park.reveal over the enterprise's organisation, one audit row per reveal. */
export async function revealContact(db: DB, actor: Actor, cipher: FieldCipher, id: string, contactId: string, field: 'name' | 'phone'): Promise<string | null> {
  requirePermission(actor, PP.reveal);
  return db.transaction().execute(async (trx) => {
    const row = await loadEnterprise(trx, actor, id, PP.reveal);
    const c = await trx.selectFrom('park_contacts').select(['name_enc', 'phone_enc']).where('id', '=', contactId).where('enterprise_id', '=', id).executeTakeFirst();
    if (!c) throw notFound(m('park.contact.not_found'));
    await writeAudit(trx, actor, { action: 'pii.reveal', entity: 'park_contact', entityId: contactId, orgId: row.org_id, after: { field } });
    if (field === 'name') return cipher.decrypt(c.name_enc, CTX.name);
    return c.phone_enc ? cipher.decrypt(c.phone_enc, CTX.phone) : null;
  });
}
