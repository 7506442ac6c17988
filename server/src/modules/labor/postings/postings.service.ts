import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Posting, PostingInput, PostingPatch, PostingQuery } from '@gearbridge/contracts/labor';
import { requireInScope, scopeOf, type Actor, type Scope, orgInScopeSql } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors';
import { LP } from '../permissions';
import { isSelectable, occupationName, searchOccupations } from '../workers/occupations';
import { existingRegions, today, type FieldErrors } from '../workers/worker-input';
import { localTodaySql } from '../../../platform/time';
import type { DB, Database } from '../db';
import { m } from '../messages';
import { containing, likeEscaped, paged } from '../../../platform/db';

type Tx = DB | Transaction<Database>;
/** Organisations that hire: a government department or park administration posts only on an employer's behalf. */
const EMPLOYER_KINDS = new Set(['enterprise', 'hospital', 'school', 'training_provider']);

function sharedPostingSql(scope: Scope): ReturnType<typeof orgInScopeSql> {
  return sql<SqlBool>`exists (select 1 from labor_shares s join organisations t on t.id = s.to_org_id
    where s.posting_id = p.id and s.revoked_at is null and ${orgInScopeSql(scope, 't')})`;
}

/**
 * The postings a list reaches (alias p, employer alias o): `own` — the employer in scope; `shared` — reached only
 * through a share; both when unset. The posting list and the dashboard's figures use this one condition.
 */
export function postingSourceSql(scope: Scope, source?: 'own' | 'shared'): ReturnType<typeof orgInScopeSql> {
  const owned = orgInScopeSql(scope, 'o');
  if (source === 'own') return owned;
  if (source === 'shared') return sql<SqlBool>`(not ${owned} and ${sharedPostingSql(scope)})`;
  return sql<SqlBool>`(${owned} or ${sharedPostingSql(scope)})`;
}

/** Open, within its validity today, with places left (alias p). */
export const activePostingSql = sql<SqlBool>`(p.status = 'open' and p.valid_from <= ${localTodaySql} and p.valid_to >= ${localTodaySql} and p.open_headcount > 0)`;

export function postingQuery(db: Tx, scope: Scope) {
  return db
    .selectFrom('labor_postings as p')
    .innerJoin('organisations as o', 'o.id', 'p.org_id')
    .innerJoin('organisations as pb', 'pb.id', 'p.posted_by_org_id')
    .leftJoin('regions as g', 'g.code', 'p.work_region_code')
    .selectAll('p')
    .select(['o.name as org_name', 'o.region_code as org_region_code', 'pb.name as posted_by_org_name', 'g.full_name as work_region_name'])
    .select(sql<boolean>`${orgInScopeSql(scope, 'o')}`.as('owned'))
    .select(sql<boolean>`${sharedPostingSql(scope)}`.as('shared'));
}
type PostingRow = Awaited<ReturnType<ReturnType<typeof postingQuery>['executeTakeFirstOrThrow']>>;

/** Codes of the occupations whose code, Chinese or English name matches the text, with the codes under them. */
function occupationCodesMatching(text: string): string[] {
  const hits = searchOccupations({ q: text }).map((o) => o.code);
  return hits.length
    ? searchOccupations({})
        .map((o) => o.code)
        .filter((c) => hits.some((h) => c === h || c.startsWith(`${h}-`)))
    : [];
}

/**
 * The posting filters the list and a job-fair allocation's posting filter share (over postingQuery): occupation
 * (a code or a group), work region prefix, employer, and text — in the title, the employer's name, the work
 * region's name or the occupation's name.
 */
export function filterPostings(q: ReturnType<typeof postingQuery>, f: { occupation?: string; region?: string; orgId?: string; q?: string }) {
  if (f.occupation) {
    const code = f.occupation;
    q = q.where((eb) => eb.or([eb('p.occupation_code', '=', code), eb('p.occupation_code', 'like', `${likeEscaped(code)}-%`)]));
  }
  if (f.region) q = q.where('p.work_region_code', 'like', `${likeEscaped(f.region)}%`);
  if (f.orgId) q = q.where('p.org_id', '=', f.orgId);
  if (f.q) {
    const text = containing(f.q);
    const codes = occupationCodesMatching(f.q);
    q = q.where((eb) =>
      eb.or([eb('p.title', 'ilike', text), eb('o.name', 'ilike', text), eb('g.full_name', 'ilike', text), ...(codes.length ? [eb('p.occupation_code', 'in', codes)] : [])]),
    );
  }
  return q;
}

const ALL: Scope = { all: true, orgIds: [], regionPrefixes: [] };

export function toPosting(r: PostingRow): Posting {
  const day = today();
  return {
    id: r.id,
    access: r.owned ? 'owner' : 'partner',
    orgId: r.org_id,
    orgName: r.org_name,
    postedByOrgId: r.posted_by_org_id,
    postedByOrgName: r.posted_by_org_name,
    title: r.title,
    occupationCode: r.occupation_code,
    occupationName: occupationName(r.occupation_code),
    headcount: r.headcount,
    openHeadcount: r.open_headcount,
    wageMin: r.wage_min,
    wageMax: r.wage_max,
    workRegionCode: r.work_region_code,
    workRegionName: r.work_region_name,
    workAddress: r.work_address,
    requirements: r.requirements,
    requiredCertificates: r.required_certificates,
    ageMin: r.age_min,
    ageMax: r.age_max,
    housing: r.housing,
    meals: r.meals,
    transportSubsidy: r.transport_subsidy,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    active: r.status === 'open' && r.valid_from <= day && day <= r.valid_to && r.open_headcount > 0,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listPostings(db: DB, actor: Actor, f: PostingQuery): Promise<{ items: Posting[]; total: number }> {
  const scope = scopeOf(actor, LP.read);
  let q = filterPostings(postingQuery(db, scope).where(postingSourceSql(scope, f.source)), f);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.active) q = q.where(f.active === 'true' ? activePostingSql : sql<SqlBool>`not ${activePostingSql}`);
  const { rows, total } = await paged(q, f, (b) => b.orderBy('p.valid_to', 'desc').orderBy('p.created_at', 'desc').orderBy('p.id'));
  return { items: rows.map(toPosting), total };
}

async function loadPosting(db: Tx, actor: Actor, id: string, permission: string, allowShared: boolean): Promise<PostingRow> {
  const row = await postingQuery(db, scopeOf(actor, permission)).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('labor.posting.not_found'));
  if (!row.owned && !(allowShared && row.shared)) throw forbidden(m('labor.posting.out_of_scope'));
  return row;
}

export async function getPosting(db: Tx, actor: Actor, id: string): Promise<Posting> {
  return toPosting(await loadPosting(db, actor, id, LP.read, true));
}

/** The owner's view, for audit rows and answers to a change. */
export async function postingView(db: Tx, id: string): Promise<Posting> {
  return toPosting(await postingQuery(db, ALL).where('p.id', '=', id).executeTakeFirstOrThrow());
}

type Fields = Required<Pick<PostingInput, 'occupationCode' | 'wageMin' | 'wageMax' | 'workRegionCode' | 'validFrom' | 'validTo'>> & {
  ageMin?: number | null;
  ageMax?: number | null;
};

async function checkFields(db: Tx, f: Fields, errors: FieldErrors) {
  if (!isSelectable(f.occupationCode)) errors.occupationCode = m('labor.field.unknown_occupation', { code: f.occupationCode });
  if (!(await existingRegions(db, [f.workRegionCode])).has(f.workRegionCode)) errors.workRegionCode = m('labor.field.unknown_region', { code: f.workRegionCode });
  if (f.wageMin > f.wageMax) errors.wageMax = m('labor.posting.wage_below_minimum');
  if (f.ageMin != null && f.ageMax != null && f.ageMin > f.ageMax) errors.ageMax = m('labor.posting.age_below_minimum');
  if (f.validFrom > f.validTo) errors.validTo = m('labor.posting.before_validity_start');
}

export async function createPosting(db: DB, actor: Actor, input: PostingInput): Promise<Posting> {
  const employer = await db
    .selectFrom('organisations')
    .select(['id', 'kind', 'region_code'])
    .where('id', '=', input.orgId ?? actor.orgId)
    .executeTakeFirst();
  if (!employer) throw invalid(m('labor.org.unknown'), { orgId: m('labor.org.field_unknown') });
  requireInScope(actor, LP.post, { id: employer.id, regionCode: employer.region_code });
  const errors: FieldErrors = {};
  if (!EMPLOYER_KINDS.has(employer.kind)) errors.orgId = m('labor.posting.not_employer');
  await checkFields(db, input, errors);
  if (input.validTo < today()) errors.validTo = m('labor.field.not_in_past');
  if (Object.keys(errors).length) throw invalid(m('labor.posting.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('labor_postings')
      .values({
        org_id: employer.id,
        posted_by_org_id: actor.orgId,
        created_by: actor.userId,
        title: input.title,
        occupation_code: input.occupationCode,
        headcount: input.headcount,
        open_headcount: input.headcount,
        wage_min: input.wageMin,
        wage_max: input.wageMax,
        work_region_code: input.workRegionCode,
        work_address: input.workAddress || null,
        requirements: input.requirements || null,
        required_certificates: input.requiredCertificates,
        age_min: input.ageMin ?? null,
        age_max: input.ageMax ?? null,
        housing: input.housing,
        meals: input.meals,
        transport_subsidy: input.transportSubsidy,
        valid_from: input.validFrom,
        valid_to: input.validTo,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = await postingView(trx, id);
    await writeAudit(trx, actor, { action: 'labor.posting.create', entity: 'labor_posting', entityId: id, orgId: employer.id, after });
    return after;
  });
}

export async function updatePosting(db: DB, actor: Actor, id: string, p: PostingPatch): Promise<Posting> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('labor_postings').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await loadPosting(trx, actor, id, LP.post, false);
    const before = toPosting({ ...row, owned: true });
    const merged = {
      occupationCode: p.occupationCode ?? row.occupation_code,
      wageMin: p.wageMin ?? row.wage_min,
      wageMax: p.wageMax ?? row.wage_max,
      workRegionCode: p.workRegionCode ?? row.work_region_code,
      validFrom: p.validFrom ?? row.valid_from,
      validTo: p.validTo ?? row.valid_to,
      ageMin: p.ageMin !== undefined ? p.ageMin : row.age_min,
      ageMax: p.ageMax !== undefined ? p.ageMax : row.age_max,
    };
    const errors: FieldErrors = {};
    await checkFields(trx, merged, errors);
    if (Object.keys(errors).length) throw invalid(m('labor.posting.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
    // Headcount already filled stays filled: the open headcount moves by the change and never below zero.
    let open = row.open_headcount;
    if (p.headcount !== undefined) {
      open = row.open_headcount + (p.headcount - row.headcount);
      if (open < 0)
        throw conflict(m('labor.posting.headcount_below_filled', { filled: row.headcount - row.open_headcount }), { headcount: m('labor.posting.field_headcount_below_filled') });
    }
    const set = {
      ...(p.title !== undefined && { title: p.title }),
      ...(p.occupationCode !== undefined && { occupation_code: p.occupationCode }),
      ...(p.headcount !== undefined && { headcount: p.headcount, open_headcount: open }),
      ...(p.wageMin !== undefined && { wage_min: p.wageMin }),
      ...(p.wageMax !== undefined && { wage_max: p.wageMax }),
      ...(p.workRegionCode !== undefined && { work_region_code: p.workRegionCode }),
      ...(p.workAddress !== undefined && { work_address: p.workAddress || null }),
      ...(p.requirements !== undefined && { requirements: p.requirements || null }),
      ...(p.requiredCertificates !== undefined && { required_certificates: p.requiredCertificates }),
      ...(p.ageMin !== undefined && { age_min: p.ageMin }),
      ...(p.ageMax !== undefined && { age_max: p.ageMax }),
      ...(p.housing !== undefined && { housing: p.housing }),
      ...(p.meals !== undefined && { meals: p.meals }),
      ...(p.transportSubsidy !== undefined && { transport_subsidy: p.transportSubsidy }),
      ...(p.validFrom !== undefined && { valid_from: p.validFrom }),
      ...(p.validTo !== undefined && { valid_to: p.validTo }),
      ...(p.status !== undefined && { status: p.status }),
    };
    if (!Object.keys(set).length) return before;
    await trx
      .updateTable('labor_postings')
      .set({ ...set, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    const after = await postingView(trx, id);
    await writeAudit(trx, actor, { action: 'labor.posting.update', entity: 'labor_posting', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}
