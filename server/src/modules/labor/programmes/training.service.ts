import { sql } from 'kysely';
import type { Participant, TrainingClass, TrainingClassInput, TrainingClassPatch, TrainingClassQuery } from '@gearbridge/contracts/labor';
import { requireInScope, scopeOf, type Actor, orgInScopeSql } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, fromUniqueViolation, invalid, notFound } from '../../../platform/errors';
import type { FieldCipher } from '../../../platform/pii';
import { LP } from '../permissions';
import { isSelectable, occupationName } from '../workers/occupations';
import { isoOrNull, keepingOrg, looksPersonal, managedWorker, statusFor, throwIfErrors, type FieldErrors } from './checks';
import { today } from '../workers/worker-input';
import type { Tx } from '../workers/worker-view';
import type { DB, LaborCertificateJson } from '../db';
import { m } from '../messages';
import { storedText } from '../texts';
import { containing, likeEscaped, paged } from '../../../platform/db';

/** Providers: organisations of these kinds, or a name for one not on the platform. */
const PROVIDER_KINDS: ('training_provider' | 'school')[] = ['training_provider', 'school'];

function classQuery(db: Tx) {
  const n = (status: string) => sql<number>`(select count(*) from labor_training_participants x where x.class_id = c.id and ${sql.raw(status)})`;
  return db
    .selectFrom('labor_training_classes as c')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .leftJoin('organisations as pv', 'pv.id', 'c.provider_org_id')
    .selectAll('c')
    .select(['o.name as org_name', 'o.region_code as org_region_code', 'pv.name as provider_org_name'])
    .select(n(`x.status <> 'dropped'`).as('enrolled'))
    .select(n(`x.status = 'passed'`).as('passed'))
    .select(n(`x.certificate_name is not null`).as('certified'));
}
type ClassRow = Awaited<ReturnType<ReturnType<typeof classQuery>['executeTakeFirstOrThrow']>>;

const toClass = (r: ClassRow): TrainingClass => ({
  id: r.id,
  orgId: r.org_id,
  orgName: r.org_name,
  providerOrgId: r.provider_org_id,
  providerName: r.provider_org_name ?? r.provider_name ?? '',
  title: r.title,
  occupationCode: r.occupation_code,
  occupationName: occupationName(r.occupation_code),
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  place: r.place,
  capacity: r.capacity,
  note: r.note,
  enrolled: Number(r.enrolled),
  passed: Number(r.passed),
  certified: Number(r.certified),
  createdAt: isoOrNull(r.created_at)!,
  updatedAt: isoOrNull(r.updated_at)!,
});

/** Providers the user may pick: training providers and schools in the read scope, and names used before. */
export async function listProviders(db: DB, actor: Actor) {
  const scope = scopeOf(actor, LP.read);
  const orgs = await db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.name', 'o.kind'])
    .where('o.kind', 'in', PROVIDER_KINDS)
    .where(orgInScopeSql(scope, 'o'))
    .orderBy('o.name')
    .execute();
  const named = await db
    .selectFrom('labor_training_classes as c')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .select('c.provider_name')
    .distinct()
    .where('c.provider_name', 'is not', null)
    .where(orgInScopeSql(scope, 'o'))
    .orderBy('c.provider_name')
    .execute();
  return [...orgs.map((o) => ({ orgId: o.id, name: o.name, kind: o.kind })), ...named.map((n) => ({ orgId: null, name: n.provider_name!, kind: null }))];
}

export async function listClasses(db: DB, actor: Actor, f: TrainingClassQuery): Promise<{ items: TrainingClass[]; total: number }> {
  let q = classQuery(db).where(orgInScopeSql(scopeOf(actor, LP.read), 'o'));
  if (f.occupation) {
    const code = f.occupation;
    q = q.where((eb) => eb.or([eb('c.occupation_code', '=', code), eb('c.occupation_code', 'like', `${likeEscaped(code)}-%`)]));
  }
  if (f.on) q = q.where('c.starts_on', '<=', f.on).where('c.ends_on', '>=', f.on);
  if (f.providerOrgId) q = q.where('c.provider_org_id', '=', f.providerOrgId);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('c.title', 'ilike', like), eb('c.provider_name', 'ilike', like), eb('pv.name', 'ilike', like)]));
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('c.starts_on', 'desc').orderBy('c.id'));
  return { items: rows.map(toClass), total };
}

async function loadClass(db: Tx, actor: Actor, id: string, permission: string): Promise<ClassRow> {
  const row = await classQuery(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('labor.training.class_not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.org_region_code });
  return row;
}

export const getClass = async (db: DB, actor: Actor, id: string) => toClass(await loadClass(db, actor, id, LP.read));

async function checkClass(
  db: Tx,
  c: { providerOrgId?: string | null; providerName?: string | null; occupationCode: string; startsOn: string; endsOn: string },
  errors: FieldErrors,
) {
  if (!isSelectable(c.occupationCode)) errors.occupationCode = m('labor.field.unknown_occupation', { code: c.occupationCode });
  if (c.startsOn > c.endsOn) errors.endsOn = m('labor.training.ends_before_start');
  if (c.providerOrgId) {
    const p = await db.selectFrom('organisations').select('kind').where('id', '=', c.providerOrgId).executeTakeFirst();
    if (!p || !(PROVIDER_KINDS as string[]).includes(p.kind)) errors.providerOrgId = m('labor.training.provider_kind');
  } else if (!c.providerName) errors.providerName = m('labor.training.provider_required');
}

export async function createClass(db: DB, actor: Actor, input: TrainingClassInput): Promise<TrainingClass> {
  const org = await keepingOrg(db, actor, input.orgId);
  const errors: FieldErrors = {};
  await checkClass(db, input, errors);
  throwIfErrors(errors, 'class');
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('labor_training_classes')
      .values({
        org_id: org.id,
        provider_org_id: input.providerOrgId ?? null,
        provider_name: input.providerOrgId ? null : (input.providerName ?? null),
        title: input.title,
        occupation_code: input.occupationCode,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        place: input.place || null,
        capacity: input.capacity,
        note: input.note || null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = toClass(await loadClass(trx, actor, id, LP.manage));
    await writeAudit(trx, actor, { action: 'labor.training.class_create', entity: 'labor_training_class', entityId: id, orgId: org.id, after });
    return after;
  });
}

export async function updateClass(db: DB, actor: Actor, id: string, p: TrainingClassPatch): Promise<TrainingClass> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('labor_training_classes').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    const row = await loadClass(trx, actor, id, LP.manage);
    const before = toClass(row);
    const providerOrgId = p.providerOrgId !== undefined ? p.providerOrgId : row.provider_org_id;
    const providerName = p.providerName !== undefined ? p.providerName : row.provider_name;
    const errors: FieldErrors = {};
    await checkClass(
      trx,
      { providerOrgId, providerName, occupationCode: p.occupationCode ?? row.occupation_code, startsOn: p.startsOn ?? row.starts_on, endsOn: p.endsOn ?? row.ends_on },
      errors,
    );
    throwIfErrors(errors, 'class');
    if (p.capacity !== undefined && p.capacity < before.enrolled)
      throw conflict(m('labor.training.capacity_below_enrolled', { enrolled: before.enrolled }), { capacity: m('labor.training.field_capacity_below_enrolled') });
    await trx
      .updateTable('labor_training_classes')
      .set({
        provider_org_id: providerOrgId ?? null,
        provider_name: providerOrgId ? null : (providerName ?? null),
        ...(p.title !== undefined && { title: p.title }),
        ...(p.occupationCode !== undefined && { occupation_code: p.occupationCode }),
        ...(p.startsOn !== undefined && { starts_on: p.startsOn }),
        ...(p.endsOn !== undefined && { ends_on: p.endsOn }),
        ...(p.place !== undefined && { place: p.place || null }),
        ...(p.capacity !== undefined && { capacity: p.capacity }),
        ...(p.note !== undefined && { note: p.note || null }),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
    const after = toClass(await loadClass(trx, actor, id, LP.manage));
    await writeAudit(trx, actor, { action: 'labor.training.class_update', entity: 'labor_training_class', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

function participantQuery(db: Tx) {
  return db
    .selectFrom('labor_training_participants as x')
    .innerJoin('labor_training_classes as c', 'c.id', 'x.class_id')
    .innerJoin('organisations as o', 'o.id', 'c.org_id')
    .innerJoin('labor_workers as w', 'w.id', 'x.worker_id')
    .selectAll('x')
    .select(['c.title', 'c.occupation_code', 'c.org_id', 'o.region_code as org_region_code', 'w.name_masked', 'w.status as worker_status']);
}
type ParticipantRow = Awaited<ReturnType<ReturnType<typeof participantQuery>['executeTakeFirstOrThrow']>>;

const toParticipant = (r: ParticipantRow): Participant => ({
  id: r.id,
  classId: r.class_id,
  classTitle: r.title,
  workerId: r.worker_id,
  workerNameMasked: r.name_masked,
  workerStatus: r.worker_status,
  status: r.status,
  enrolledOn: r.enrolled_on,
  completedOn: r.completed_on,
  note: r.note,
  certificate: r.certificate_name ? { name: r.certificate_name, number: r.certificate_number ?? '', issuedOn: r.certificate_issued_on ?? '' } : null,
});

export async function listParticipants(db: DB, actor: Actor, classId: string): Promise<Participant[]> {
  await loadClass(db, actor, classId, LP.read);
  return (await participantQuery(db).where('x.class_id', '=', classId).orderBy('x.enrolled_on').orderBy('x.id').execute()).map(toParticipant);
}

/** Enrols a worker; an unemployed worker is recorded as in training (with history) in the same transaction. */
export async function enrol(db: DB, actor: Actor, cipher: FieldCipher, classId: string, input: { workerId: string; enrolledOn?: string }): Promise<Participant> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('labor_training_classes').select('id').where('id', '=', classId).forUpdate().executeTakeFirst();
    const c = await loadClass(trx, actor, classId, LP.manage);
    const w = await managedWorker(trx, actor, input.workerId);
    const on = input.enrolledOn ?? today();
    if (on > today()) throw invalid(m('labor.training.enrolment_in_future'), { enrolledOn: m('labor.field.not_in_future') });
    if (c.ends_on < on) throw conflict(m('labor.training.class_ended', { date: c.ends_on }), { classId: m('labor.training.field_class_ended') });
    if (Number(c.enrolled) >= c.capacity) throw conflict(m('labor.training.class_full', { capacity: c.capacity }), { classId: m('labor.training.field_class_full') });
    let id: string;
    try {
      ({ id } = await trx.insertInto('labor_training_participants').values({ class_id: classId, worker_id: w.id, enrolled_on: on }).returning('id').executeTakeFirstOrThrow());
    } catch (err) {
      if (fromUniqueViolation(err, {})) throw conflict(m('labor.training.already_enrolled'), { workerId: m('labor.training.field_already_enrolled') });
      throw err;
    }
    await statusFor(trx, actor, cipher, w.id, { to: 'in_training', on, reason: storedText('labor.text.training_joined', { title: c.title }), from: ['unemployed'] });
    const after = toParticipant(await participantQuery(trx).where('x.id', '=', id).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, { action: 'labor.training.enrol', entity: 'labor_training_participant', entityId: id, orgId: c.org_id, after });
    return after;
  });
}

async function lockParticipant(trx: Tx, actor: Actor, id: string): Promise<ParticipantRow> {
  await trx.selectFrom('labor_training_participants').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const row = await participantQuery(trx).where('x.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('labor.training.participant_not_found'));
  requireInScope(actor, LP.manage, { id: row.org_id, regionCode: row.org_region_code });
  return row;
}

/**
 * Records the end of a participant's training: passed, failed or dropped. A worker still recorded as in training
 * (and in no other class) goes back to unemployed, with history — looking for work, now with the new skill.
 */
export async function complete(
  db: DB,
  actor: Actor,
  cipher: FieldCipher,
  id: string,
  input: { result: 'passed' | 'failed' | 'dropped'; completedOn?: string; note?: string | null },
): Promise<Participant> {
  return db.transaction().execute(async (trx) => {
    const row = await lockParticipant(trx, actor, id);
    if (row.status !== 'enrolled') throw conflict(m(`labor.training.already_${row.status}`), { result: m('labor.field.already_recorded') });
    const on = input.completedOn ?? today();
    if (on > today()) throw invalid(m('labor.training.completion_in_future'), { completedOn: m('labor.field.not_in_future') });
    if (on < row.enrolled_on)
      throw invalid(m('labor.training.completion_before_enrolment', { date: row.enrolled_on }), { completedOn: m('labor.field.on_or_after', { date: row.enrolled_on }) });
    await trx
      .updateTable('labor_training_participants')
      .set({ status: input.result, completed_on: on, note: input.note || null, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    const still = await trx.selectFrom('labor_training_participants').select('id').where('worker_id', '=', row.worker_id).where('status', '=', 'enrolled').executeTakeFirst();
    if (!still)
      await statusFor(trx, actor, cipher, row.worker_id, { to: 'unemployed', on, reason: storedText('labor.text.training_ended', { title: row.title }), from: ['in_training'] });
    const after = toParticipant(await participantQuery(trx).where('x.id', '=', id).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, {
      action: `labor.training.${input.result}`,
      entity: 'labor_training_participant',
      entityId: id,
      orgId: row.org_id,
      before: { status: row.status },
      after,
    });
    return after;
  });
}

/** Records the certificate a passed participant received, and adds it to the worker's certificates. */
export async function certify(
  db: DB,
  actor: Actor,
  id: string,
  input: { name: string; number: string; issuedOn: string; level?: LaborCertificateJson['level'] },
): Promise<Participant> {
  if (looksPersonal(input.number)) throw invalid(m('labor.training.certificate_number_personal'), { number: m('labor.training.field_not_certificate_number') });
  return db.transaction().execute(async (trx) => {
    const row = await lockParticipant(trx, actor, id);
    if (row.status !== 'passed') throw conflict(m('labor.training.certificate_not_passed'), { status: m(`labor.training.field_status_${row.status}`) });
    if (row.certificate_name) throw conflict(m('labor.training.already_certified'), { name: m('labor.field.already_recorded') });
    if (input.issuedOn > today()) throw invalid(m('labor.training.certificate_in_future'), { issuedOn: m('labor.field.not_in_future') });
    await trx
      .updateTable('labor_training_participants')
      .set({ certificate_name: input.name, certificate_number: input.number, certificate_issued_on: input.issuedOn, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
    const cert: LaborCertificateJson = { name: input.name, occupationCode: row.occupation_code, level: input.level ?? null, issuedOn: input.issuedOn };
    await trx
      .updateTable('labor_workers')
      .set({ certificates: sql<string>`certificates || ${JSON.stringify([cert])}::jsonb`, updated_at: sql<Date>`now()` })
      .where('id', '=', row.worker_id)
      .execute();
    const after = toParticipant(await participantQuery(trx).where('x.id', '=', id).executeTakeFirstOrThrow());
    await writeAudit(trx, actor, { action: 'labor.training.certificate', entity: 'labor_training_participant', entityId: id, orgId: row.org_id, after });
    await writeAudit(trx, actor, { action: 'labor.worker.certificate', entity: 'labor_worker', entityId: row.worker_id, orgId: row.org_id, after: { added: cert } });
    return after;
  });
}
