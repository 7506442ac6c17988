import { sql, type SqlBool } from 'kysely';
import type { Posting, Worker } from '@gearbridge/contracts/labor';
import { scopeOf, type Actor, type Scope, orgInScopeSql } from '../../../platform/authz';
import { forbidden, notFound } from '../../../platform/errors';
import type { FieldCipher } from '../../../platform/pii';
import { createCandidateIndex, createIndex, recommend, recommendCandidates, type Candidate, type Opening, type ScoreResult } from '../../../shared/matching';
import { LP } from '../permissions';
import { ageOn, ownedSql, sharedToScopeSql, toWorkers, workerQuery, type Tx } from '../workers/worker-view';
import { today } from '../workers/worker-input';
import { localTodaySql } from '../../../platform/time';
import { activePostingSql, postingQuery, toPosting } from '../postings/postings.service';
import type { DB, LaborCertificateJson, LaborSkillJson } from '../db';
import { m } from '../messages';
import { occupationDemands, workerLimits } from './demands';

export { activePostingSql };

/**
 * The matching engine (./matching, pure) over the database: this file loads workers and postings the user may
 * see, maps them onto the engine's Candidate and Opening, and maps the answers back onto the API's views (with
 * personal data masked, and a partner's reduced view of a shared worker).
 */

/** Workers looking for a job: recommended to postings by default. */
export const SEEKING: ReadonlyArray<'unemployed' | 'in_training'> = ['unemployed', 'in_training'];

/** What the engine needs of a worker; nothing personal. */
export function candidateColumns(db: Tx) {
  return db
    .selectFrom('labor_workers as w')
    .innerJoin('organisations as o', 'o.id', 'w.org_id')
    .select([
      'w.id',
      'w.org_id',
      'o.region_code as org_region_code',
      'w.wanted_occupations',
      'w.skills',
      'w.wanted_regions',
      'w.min_monthly_wage',
      'w.needs_housing',
      'w.available_from',
      'w.certificates',
      'w.birth_date',
      'w.status',
      'w.work_ability',
      'w.disability',
    ]);
}
export type CandidateRow = Awaited<ReturnType<ReturnType<typeof candidateColumns>['executeTakeFirstOrThrow']>>;

/**
 * A worker as the engine sees it, with the hard limits that respect the person: the age (a posting's age range),
 * the ability to work (unable: never matched) and what partial ability or a disability rules out (demands.ts).
 */
export function toCandidate(
  r: Pick<
    CandidateRow,
    | 'id'
    | 'wanted_occupations'
    | 'skills'
    | 'wanted_regions'
    | 'min_monthly_wage'
    | 'needs_housing'
    | 'available_from'
    | 'certificates'
    | 'birth_date'
    | 'work_ability'
    | 'disability'
  >,
): Candidate {
  return {
    id: r.id,
    occupations: r.wanted_occupations,
    skills: (r.skills as LaborSkillJson[]).map((s) => s.code),
    regions: r.wanted_regions,
    minWage: r.min_monthly_wage,
    needsHousing: r.needs_housing,
    availableFrom: r.available_from,
    certificates: (r.certificates as LaborCertificateJson[]).map((c) => c.name),
    age: ageOn(r.birth_date),
    canWork: r.work_ability !== 'unable',
    limits: workerLimits(r.work_ability, r.disability),
  };
}

interface OpeningRow {
  id: string;
  occupation_code: string;
  work_region_code: string;
  wage_min: number;
  wage_max: number;
  housing: boolean;
  valid_from: string;
  valid_to: string;
  required_certificates: string[];
  open_headcount: number;
  status: 'open' | 'closed';
  age_min: number | null;
  age_max: number | null;
}
export function toOpening(p: OpeningRow): Opening {
  return {
    id: p.id,
    occupation: p.occupation_code,
    region: p.work_region_code,
    wageMin: p.wage_min,
    wageMax: p.wage_max,
    housing: p.housing,
    validFrom: p.valid_from,
    validTo: p.valid_to,
    requiredCertificates: p.required_certificates,
    // A closed posting takes nobody: the engine's "no headcount" exclusion says so.
    openHeadcount: p.status === 'open' ? p.open_headcount : 0,
    ageMin: p.age_min,
    ageMax: p.age_max,
    demands: occupationDemands(p.occupation_code),
  };
}

/** The engine's explanation as the API sends it (the same shape; params arrays copied out of readonly). */
export function explanationJson(r: ScoreResult) {
  const params = (p: Record<string, string | number | readonly string[]>) =>
    Object.fromEntries(Object.entries(p).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v])) as Record<string, string | number | string[]>;
  return {
    total: r.total,
    excluded: r.excluded,
    exclusions: r.exclusions.map((e) => ({ code: e.code, params: params(e.params) })),
    items: r.items.map((i) => ({ factor: i.factor, points: i.points, max: i.max, detail: i.detail, params: params(i.params) })),
  };
}

/** Postings `scope` reaches (owned or shared with it). */
export const readablePostingSql = (scope: Scope) =>
  sql<SqlBool>`(${orgInScopeSql(scope, 'o')} or exists (select 1 from labor_shares s join organisations t on t.id = s.to_org_id
    where s.posting_id = p.id and s.revoked_at is null and ${orgInScopeSql(scope, 't')}))`;

/**
 * The best active postings for a worker the user may see (own or shared), among the postings the user may see.
 * The engine leaves out what the worker's limits rule out (age range, ability to work, disability, occupations and
 * regions not wanted). Each with the score's explanation.
 */
export async function postingsForWorker(
  db: DB,
  actor: Actor,
  workerId: string,
  q: { limit: number; minScore: number },
): Promise<{ posting: Posting; score: number; explanation: ReturnType<typeof explanationJson> }[]> {
  const scope = scopeOf(actor, LP.read);
  const w = await candidateColumns(db)
    .select(sql<boolean>`${ownedSql(scope)}`.as('owned'))
    .select(sql<boolean>`${sharedToScopeSql(scope)}`.as('shared'))
    .where('w.id', '=', workerId)
    .executeTakeFirst();
  if (!w) throw notFound(m('labor.worker.not_found'));
  if (!w.owned && !w.shared) throw forbidden(m('labor.worker.out_of_scope'));
  const rows = await postingQuery(db, scope).where(readablePostingSql(scope)).where(activePostingSql).execute();
  const day = today();
  const found = recommend(createIndex(rows.map(toOpening)), toCandidate(w), q.limit, { minScore: q.minScore, today: day });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return found.map((r) => ({ posting: toPosting(byId.get(r.opening.id)!), score: r.score, explanation: explanationJson(r.explanation) }));
}

/**
 * The best workers for a posting the user may see: workers looking for a job (unemployed or in training, able to
 * work, within the posting's age range) that the user may see — its own, and those partners shared (shown in the
 * partner's reduced, masked view).
 */
export async function workersForPosting(
  db: DB,
  actor: Actor,
  cipher: FieldCipher,
  postingId: string,
  q: { limit: number; minScore: number },
): Promise<{ worker: Worker; score: number; explanation: ReturnType<typeof explanationJson> }[]> {
  const scope = scopeOf(actor, LP.read);
  const p = await postingQuery(db, scope).where('p.id', '=', postingId).executeTakeFirst();
  if (!p) throw notFound(m('labor.posting.not_found'));
  if (!p.owned && !p.shared) throw forbidden(m('labor.posting.out_of_scope'));
  let cq = candidateColumns(db)
    .where(sql<SqlBool>`(${ownedSql(scope)} or ${sharedToScopeSql(scope)})`)
    .where('w.status', 'in', SEEKING)
    .where('w.work_ability', '<>', 'unable');
  if (p.age_min !== null) cq = cq.where(sql<SqlBool>`extract(year from age(${localTodaySql}, w.birth_date)) >= ${p.age_min}`);
  if (p.age_max !== null) cq = cq.where(sql<SqlBool>`extract(year from age(${localTodaySql}, w.birth_date)) <= ${p.age_max}`);
  const candidates = (await cq.execute()).map(toCandidate);
  const found = recommendCandidates(createCandidateIndex(candidates), toOpening(p), q.limit, { minScore: q.minScore, today: today() });
  if (!found.length) return [];
  const rows = await workerQuery(db, scope)
    .where(
      'w.id',
      'in',
      found.map((f) => f.candidate.id),
    )
    .execute();
  const views = new Map((await toWorkers(db, rows, cipher)).map((v) => [v.id, v]));
  return found.map((f) => ({ worker: views.get(f.candidate.id)!, score: f.score, explanation: explanationJson(f.explanation) }));
}
