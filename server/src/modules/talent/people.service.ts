import { sql, type SqlBool } from 'kysely';
import { validateIdNumber } from '@gearbridge/contracts/pii';
import { regionPrefix } from '@gearbridge/contracts/regions';
import { TITLES, titleLevel, type Person, type PersonInput, type PersonPatch, type PersonQuery, type Sector, type Side } from '@gearbridge/contracts/talent';
import { orgInScopeSql, requireInScope, requirePermission, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { paged } from '../../platform/db';
import { localTodaySql } from '../../platform/time';
import { conflict, forbidden, fromUniqueViolation, invalid, notFound } from '../../platform/errors';
import { maskIdNumber, maskPhone, type FieldCipher } from '../../platform/pii';
import { loadPartnerships, ownSql, readScope, sideOf, type PartnershipRow } from './partnership.service';
import { TP } from './permissions';
import type { DB, Tx } from './db';
import { m, type Msg } from './messages';

type FieldErrors = Record<string, Msg>;

/** Associated data of each encrypted column: a value copied into another column fails to decrypt. */
export const CTX = { id: 'talent_people.id_number', phone: 'talent_people.phone' } as const;
export const hashes = {
  id: (c: FieldCipher, v: string) => c.hash(`talent.id:${v.trim().toUpperCase()}`),
  // Phones hash as the identity module hashes users' phones: one number, one hash across the platform.
  phone: (c: FieldCipher, v: string) => c.hash(v.trim()),
};

/** Which title series fit a sector (a cadre or a scientist may hold any). */
const SERIES_OF: Record<Sector, readonly string[] | null> = {
  health: ['health', 'nursing'],
  education: ['education'],
  agriculture: ['agriculture'],
  cadre: null,
  science: null,
  other: null,
};

function personQuery(db: Tx, actor: Actor) {
  return db
    .selectFrom('talent_people as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .select([
      'p.id',
      'p.org_id',
      'o.name as org_name',
      'o.region_code as org_region_code',
      'p.kind',
      'p.name',
      'p.gender',
      'p.birth_date',
      'p.id_masked',
      'p.phone_masked',
      'p.unit',
      'p.post',
      'p.title_code',
      'p.specialties',
      'p.sector',
      'p.availability',
      'p.available_from',
      'p.note',
      'p.created_at',
      'p.updated_at',
      ownSql(actor, TP.read, 'o').as('own'),
      // Availability as recorded is the officer's word; the term under way is the records' (a dispatch needs both).
      sql<string | null>`(select max(s.ends_on)::text from talent_secondments s
        where s.person_id = p.id and ${localTodaySql} between s.starts_on and s.ends_on)`.as('on_term_until'),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof personQuery>['executeTakeFirstOrThrow']>>;

async function toPeople(db: Tx, rows: Row[]): Promise<Person[]> {
  const pairs = await loadPartnerships(db);
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    side: sideOf(pairs, r.org_region_code) ?? 'west',
    access: r.own ? 'own' : 'partner',
    kind: r.kind,
    name: r.name,
    gender: r.gender,
    birthYear: Number(r.birth_date.slice(0, 4)),
    idNumberMasked: r.id_masked,
    phoneMasked: r.phone_masked,
    unit: r.unit,
    post: r.post,
    titleCode: r.title_code as Person['titleCode'],
    titleLevel: titleLevel(r.title_code),
    specialties: r.specialties,
    sector: r.sector,
    availability: r.availability,
    availableFrom: r.available_from,
    onTermUntil: r.on_term_until,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** SQL: the organisation `o` lies in the regions of one side of the partnerships. */
function onSideSql(pairs: Omit<PartnershipRow, 'id'>[], side: Side) {
  const codes = [...new Set(pairs.map((p) => (side === 'west' ? p.west_region_code : p.east_region_code)))];
  return sql<SqlBool>`(${sql.join(
    codes.map((c) => sql`o.region_code like ${`${regionPrefix(c)}%`}`),
    sql` or `,
  )})`;
}

export async function listPeople(db: DB, actor: Actor, cipher: FieldCipher, f: PersonQuery): Promise<{ items: Person[]; total: number }> {
  const scope = await readScope(db, actor);
  let q = personQuery(db, actor).where(orgInScopeSql(scope, 'o'));
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.sector) q = q.where('p.sector', '=', f.sector);
  if (f.availability) q = q.where('p.availability', '=', f.availability);
  if (f.orgId) q = q.where('p.org_id', '=', f.orgId);
  if (f.editable === 'true') q = q.where(ownSql(actor, TP.edit, 'o'));
  if (f.editable === 'false') q = q.where(sql<SqlBool>`not ${ownSql(actor, TP.edit, 'o')}`);
  const pairs = await loadPartnerships(db);
  if (f.side) q = q.where(onSideSql(pairs, f.side));
  if (f.minLevel) {
    const codes = TITLES.filter((t) => t.level >= f.minLevel!).map((t) => t.code);
    q = q.where('p.title_code', 'in', codes);
  }
  if (f.q) {
    const v = f.q.replace(/\s+/g, '');
    // ID numbers and phones match exactly through their keyed hash; otherwise name, unit, post or a specialty.
    if (/^\d{17}[\dXx]$/.test(v)) q = q.where('p.id_hash', '=', hashes.id(cipher, v)).where(ownSql(actor, TP.read, 'o'));
    else {
      const like = `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql<SqlBool>`(p.name like ${like} or p.unit like ${like} or p.post like ${like} or exists (select 1 from unnest(p.specialties) s where s like ${like}))`);
    }
  }
  // The west side (城口) first, then the east, each by name: a stable order people can find a name in.
  const { rows, total } = await paged(q, f, (b) =>
    b
      .orderBy(sql`case when ${onSideSql(pairs, 'west')} then 0 else 1 end`)
      .orderBy('p.name')
      .orderBy('p.id'),
  );
  return { items: await toPeople(db, rows), total };
}

/** A person the actor may read (own side or partner), or 404/403. */
async function loadPerson(db: Tx, actor: Actor, id: string) {
  const scope = await readScope(db, actor);
  const row = await personQuery(db, actor).select(orgInScopeSql(scope, 'o').as('readable')).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('talent.person.not_found'));
  if (!row.readable) throw forbidden(m('talent.person.out_of_scope'));
  return row;
}

export async function getPerson(db: Tx, actor: Actor, id: string): Promise<Person> {
  return (await toPeople(db, [await loadPerson(db, actor, id)]))[0];
}

/** The person row for a change by the owning side: 403 with a partner's message when the actor only reads it. */
export async function loadOwnPerson(db: Tx, actor: Actor, id: string, permission: string = TP.edit) {
  const row = await loadPerson(db, actor, id);
  try {
    requireInScope(actor, permission, { id: row.org_id, regionCode: row.org_region_code });
  } catch {
    throw forbidden(m('talent.person.partner_read_only'));
  }
  return row;
}

export function checkId(raw: string, errors: FieldErrors) {
  const r = validateIdNumber(raw);
  if (r.ok) return r.value;
  const n = raw.trim();
  errors.idNumber =
    r.problem === 'format'
      ? m('talent.person.id_format')
      : r.problem === 'region'
        ? m('talent.person.id_region', { code: n.slice(0, 6) })
        : r.problem === 'birth_date'
          ? m('talent.person.id_birth_date', { date: n.slice(6, 14) })
          : m('talent.person.id_check_digit');
  return null;
}

export function checkTitle(title: string | null | undefined, sector: Sector, errors: FieldErrors) {
  if (!title) return;
  const t = TITLES.find((x) => x.code === title)!;
  const series = SERIES_OF[sector];
  if (series && !series.includes(t.series)) errors.titleCode = m('talent.person.title_not_for_sector');
}

/** The row of a new person: the checked ID number's parts, the phone encrypted, hashed and masked. */
export function personValues(cipher: FieldCipher, orgId: string, input: Omit<PersonInput, 'orgId'>, id: { number: string; sex: 'male' | 'female'; birthDate: string }) {
  return {
    org_id: orgId,
    kind: input.kind,
    name: input.name,
    id_enc: cipher.encrypt(id.number, CTX.id),
    id_hash: hashes.id(cipher, id.number),
    id_masked: maskIdNumber(id.number),
    ...phoneColumns(cipher, input.phone),
    gender: id.sex,
    birth_date: id.birthDate,
    unit: input.unit,
    post: input.post,
    title_code: input.titleCode ?? null,
    specialties: [...new Set(input.specialties)],
    sector: input.sector,
    availability: input.availability,
    available_from: input.availableFrom ?? null,
    note: input.note || null,
  };
}

const UNIQUE = { talent_people_id_hash_key: 'idNumber' };
const duplicate = () => conflict(m('talent.person.duplicate'), { idNumber: m('talent.person.field_already_registered') });
const fail = (errors: FieldErrors) => invalid(m('talent.field.invalid', { fields: Object.keys(errors).join(', ') }), errors);
const phoneColumns = (cipher: FieldCipher, phone: string | null | undefined) => ({
  phone_enc: phone ? cipher.encrypt(phone.trim(), CTX.phone) : null,
  phone_hash: phone ? hashes.phone(cipher, phone) : null,
  phone_masked: phone ? maskPhone(phone.trim()) : null,
});

/** The audit rows' view: masked, as the API shows it. */
const auditView = (p: Person) => ({ ...p, access: undefined });

export async function createPerson(db: DB, actor: Actor, cipher: FieldCipher, input: PersonInput): Promise<Person> {
  const orgId = input.orgId ?? actor.orgId;
  const org = await db.selectFrom('organisations').select(['id', 'region_code']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw invalid(m('talent.org.unknown'), { orgId: m('talent.org.field_unknown') });
  requireInScope(actor, TP.edit, { id: org.id, regionCode: org.region_code });
  const errors: FieldErrors = {};
  if (!sideOf(await loadPartnerships(db), org.region_code)) errors.orgId = m('talent.org.field_not_in_partnership');
  const id = checkId(input.idNumber, errors);
  checkTitle(input.titleCode, input.sector, errors);
  if (!id || Object.keys(errors).length) throw fail(errors);
  return db.transaction().execute(async (trx) => {
    let personId: string;
    try {
      ({ id: personId } = await trx
        .insertInto('talent_people')
        .values({ ...personValues(cipher, org.id, input, id), created_by: actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (err) {
      throw fromUniqueViolation(err, UNIQUE) ? duplicate() : err;
    }
    const after = await getPerson(trx, actor, personId);
    await writeAudit(trx, actor, { action: 'talent.person.create', entity: 'talent_person', entityId: personId, orgId: org.id, after: auditView(after) });
    return after;
  });
}

export async function updatePerson(db: DB, actor: Actor, cipher: FieldCipher, personId: string, p: PersonPatch): Promise<Person> {
  return db.transaction().execute(async (trx) => {
    const row = await loadOwnPerson(trx, actor, personId);
    const before = await getPerson(trx, actor, personId);
    const errors: FieldErrors = {};
    const set: Record<string, unknown> = {};
    if (p.idNumber !== undefined) {
      const id = checkId(p.idNumber, errors);
      if (id)
        Object.assign(set, {
          id_enc: cipher.encrypt(id.number, CTX.id),
          id_hash: hashes.id(cipher, id.number),
          id_masked: maskIdNumber(id.number),
          gender: id.sex,
          birth_date: id.birthDate,
        });
    }
    checkTitle(p.titleCode !== undefined ? p.titleCode : row.title_code, p.sector ?? row.sector, errors);
    if (Object.keys(errors).length) throw fail(errors);
    if (p.phone !== undefined) Object.assign(set, phoneColumns(cipher, p.phone));
    Object.assign(set, {
      ...(p.kind !== undefined && { kind: p.kind }),
      ...(p.name !== undefined && { name: p.name }),
      ...(p.unit !== undefined && { unit: p.unit }),
      ...(p.post !== undefined && { post: p.post }),
      ...(p.titleCode !== undefined && { title_code: p.titleCode }),
      ...(p.specialties !== undefined && { specialties: [...new Set(p.specialties)] }),
      ...(p.sector !== undefined && { sector: p.sector }),
      ...(p.availability !== undefined && { availability: p.availability }),
      ...(p.availableFrom !== undefined && { available_from: p.availableFrom }),
      ...(p.note !== undefined && { note: p.note || null }),
    });
    if (!Object.keys(set).length) return before;
    try {
      await trx
        .updateTable('talent_people')
        .set({ ...set, updated_at: sql<Date>`now()` })
        .where('id', '=', personId)
        .execute();
    } catch (err) {
      throw fromUniqueViolation(err, UNIQUE) ? duplicate() : err;
    }
    const after = await getPerson(trx, actor, personId);
    await writeAudit(trx, actor, {
      action: 'talent.person.update',
      entity: 'talent_person',
      entityId: personId,
      orgId: row.org_id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/**
 * The clear ID number or phone of a person: talent.reveal over the owning organisation (the partner side sees masked
 * values only). Every reveal writes an audit row to the owner's trail in the same transaction.
 */
export async function revealPerson(db: DB, actor: Actor, cipher: FieldCipher, personId: string, field: 'idNumber' | 'phone'): Promise<string | null> {
  requirePermission(actor, TP.reveal);
  return db.transaction().execute(async (trx) => {
    const row = await loadOwnPerson(trx, actor, personId, TP.reveal);
    const enc = await trx.selectFrom('talent_people').select(['id_enc', 'phone_enc']).where('id', '=', personId).executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'pii.reveal', entity: 'talent_person', entityId: personId, orgId: row.org_id, after: { field } });
    if (field === 'idNumber') return cipher.decrypt(enc.id_enc, CTX.id);
    return enc.phone_enc ? cipher.decrypt(enc.phone_enc, CTX.phone) : null;
  });
}
