import { sql } from 'kysely';
import { CHECKLISTS, type Certification, type CertificationInput, type CertificationQuery, type DecisionInput, type PlantLive, type ReviewInput } from '@gearbridge/contracts/park';
import type { FactoryKpisInterface } from '@gearbridge/contracts/factory/interface';
import { orgInScopeSql, requireInScope, requirePermission, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { conflict, invalid, notFound } from '../../../platform/errors';
import { containing, paged } from '../../../platform/db';
import { localDay } from '../../../platform/time';
import type { DB, Tx } from '../db';
import { m, type Msg } from '../messages';
import { PP } from '../permissions';
import { enterpriseForWrite } from './scope';

/**
 * Certifications (市级智能工厂 / 数字化车间): an enterprise applies (park.apply) with its documents; the park officer
 * reviews it against the kind's checklist (park.manage: a score per item, at most the item's maximum, each with the
 * document it rests on) and decides — certified (with the certificate's number, only at or above the pass score) or
 * rejected. Each step is a row of `park_certification_steps` and an audit row. A certified plant's live figures come
 * from the factory module's public interface, never its tables.
 */
type FieldErrors = Record<string, Msg>;
const fail = (errors: FieldErrors) => {
  if (Object.keys(errors).length) throw invalid(m('park.certification.invalid_fields', { fields: Object.keys(errors).join(', ') }), errors);
};

function certQuery(db: Tx) {
  return db
    .selectFrom('park_certifications as c')
    .innerJoin('park_enterprises as e', 'e.id', 'c.enterprise_id')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .selectAll('c')
    .select(['o.name as enterprise_name', 'e.org_id', 'o.region_code']);
}
type Row = Awaited<ReturnType<ReturnType<typeof certQuery>['executeTakeFirstOrThrow']>>;

async function toCertifications(db: Tx, rows: Row[]): Promise<Certification[]> {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const items = await db.selectFrom('park_certification_items').selectAll().where('certification_id', 'in', ids).execute();
  const steps = await db
    .selectFrom('park_certification_steps as s')
    .leftJoin('users as u', 'u.id', 's.by_user')
    .select(['s.certification_id', 's.step', 's.at', 's.note', 'u.display_name'])
    .where('s.certification_id', 'in', ids)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => {
    const list = CHECKLISTS[r.kind];
    const own = new Map(items.filter((i) => i.certification_id === r.id).map((i) => [i.code, i]));
    return {
      id: r.id,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      orgId: r.org_id,
      kind: r.kind,
      title: r.title,
      status: r.status,
      appliedOn: r.applied_on,
      retrofitId: r.retrofit_id,
      documents: r.documents.map((d) => ({ name: d.name, note: d.note ?? null })),
      items: list.items
        .filter((i) => own.has(i.code))
        .map((i) => {
          const x = own.get(i.code)!;
          return { code: i.code, max: x.max_score, score: x.score, document: x.document, note: x.note };
        }),
      scoreTotal: r.score_total,
      passScore: list.pass,
      decidedOn: r.decided_on,
      decisionNote: r.decision_note,
      certificateNo: r.certificate_no,
      validUntil: r.valid_until,
      steps: steps.filter((s) => s.certification_id === r.id).map((s) => ({ step: s.step, at: new Date(s.at).toISOString(), by: s.display_name ?? null, note: s.note })),
    };
  });
}

export async function listCertifications(db: DB, actor: Actor, f: CertificationQuery): Promise<{ items: Certification[]; total: number }> {
  requirePermission(actor, PP.read);
  let q = certQuery(db).where(orgInScopeSql(scopeOf(actor, PP.read), 'o'));
  if (f.enterpriseId) q = q.where('c.enterprise_id', '=', f.enterpriseId);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.q) {
    const like = containing(f.q);
    q = q.where((eb) => eb.or([eb('c.title', 'ilike', like), eb('o.name', 'ilike', like), eb('c.certificate_no', 'ilike', like)]));
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('c.applied_on', 'desc').orderBy('c.id'));
  return { items: await toCertifications(db, rows), total };
}

async function loadCert(db: Tx, actor: Actor, id: string, permission: string, lock = false) {
  requirePermission(actor, permission);
  if (lock) await db.selectFrom('park_certifications').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const row = await certQuery(db).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('park.certification.not_found'));
  requireInScope(actor, permission, { id: row.org_id, regionCode: row.region_code });
  return row;
}
export const getCertification = async (db: Tx, actor: Actor, id: string) => (await toCertifications(db, [await loadCert(db, actor, id, PP.read)]))[0];

export async function applyCertification(db: DB, actor: Actor, input: CertificationInput): Promise<Certification> {
  const e = await enterpriseForWrite(db, actor, input.enterpriseId, PP.apply);
  const errors: FieldErrors = {};
  if (input.appliedOn > localDay()) errors.appliedOn = m('park.field.in_future');
  if (input.retrofitId) {
    const r = await db.selectFrom('park_retrofits').select('enterprise_id').where('id', '=', input.retrofitId).executeTakeFirst();
    if (!r || r.enterprise_id !== e.id) errors.retrofitId = m('park.certification.field_retrofit_other');
  }
  fail(errors);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('park_certifications')
      .values({
        enterprise_id: e.id,
        kind: input.kind,
        title: input.title,
        status: 'applied',
        applied_on: input.appliedOn,
        retrofit_id: input.retrofitId ?? null,
        documents: JSON.stringify((input.documents ?? []).map((d) => ({ name: d.name, note: d.note ?? null }))),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('park_certification_steps').values({ certification_id: id, step: 'apply', by_user: actor.userId, note: null }).execute();
    const after = await getCertification(trx, actor, id);
    await writeAudit(trx, actor, { action: 'park.certification.apply', entity: 'park_certification', entityId: id, orgId: e.org_id, after });
    return after;
  });
}

/** Scores the application against its checklist: every item once, each within its maximum. Again while under review. */
export async function reviewCertification(db: DB, actor: Actor, id: string, input: ReviewInput): Promise<Certification> {
  return db.transaction().execute(async (trx) => {
    const row = await loadCert(trx, actor, id, PP.manage, true);
    if (row.status !== 'applied' && row.status !== 'under_review') throw conflict(m('park.certification.wrong_status'));
    const list = CHECKLISTS[row.kind];
    const max = new Map(list.items.map((i) => [i.code, i.max]));
    const given = new Map(input.items.map((i) => [i.code, i]));
    const errors: FieldErrors = {};
    const unknown = input.items.filter((i) => !max.has(i.code)).map((i) => i.code);
    const over = input.items.filter((i) => max.has(i.code) && i.score > max.get(i.code)!);
    const missing = list.items.filter((i) => !given.has(i.code)).map((i) => i.code);
    if (unknown.length) errors.items = m('park.certification.field_unknown_items', { codes: unknown.join(', ') });
    else if (over.length) errors.items = m('park.certification.field_over_max', { code: over[0].code, max: max.get(over[0].code)! });
    else if (missing.length || given.size !== input.items.length) errors.items = m('park.certification.field_items_missing', { codes: missing.join(', ') });
    fail(errors);
    const before = (await toCertifications(trx, [row]))[0];
    await trx.deleteFrom('park_certification_items').where('certification_id', '=', id).execute();
    await trx
      .insertInto('park_certification_items')
      .values(input.items.map((i) => ({ certification_id: id, code: i.code, max_score: max.get(i.code)!, score: i.score, document: i.document || null, note: i.note || null })))
      .execute();
    const total = input.items.reduce((s, i) => s + i.score, 0);
    await trx.updateTable('park_certifications').set({ status: 'under_review', score_total: total, updated_at: sql`now()` }).where('id', '=', id).execute();
    await trx.insertInto('park_certification_steps').values({ certification_id: id, step: 'review', by_user: actor.userId, note: null }).execute();
    const after = await getCertification(trx, actor, id);
    await writeAudit(trx, actor, { action: 'park.certification.review', entity: 'park_certification', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

/** Certified (at or above the pass score, with a certificate number) or rejected; only after a review. */
export async function decideCertification(db: DB, actor: Actor, id: string, input: DecisionInput): Promise<Certification> {
  return db.transaction().execute(async (trx) => {
    const row = await loadCert(trx, actor, id, PP.manage, true);
    if (row.status !== 'under_review') throw conflict(m('park.certification.wrong_status'));
    const pass = CHECKLISTS[row.kind].pass;
    const errors: FieldErrors = {};
    if (input.decidedOn > localDay()) errors.decidedOn = m('park.field.in_future');
    if (input.decidedOn < row.applied_on) errors.decidedOn = m('park.stage.field_on_or_after', { date: row.applied_on });
    if (input.decision === 'certified') {
      if ((row.score_total ?? 0) < pass) errors.decision = m('park.certification.field_below_pass', { score: row.score_total ?? 0, pass });
      if (!input.certificateNo) errors.certificateNo = m('park.certification.field_number_required');
      if (input.validUntil && input.validUntil <= input.decidedOn) errors.validUntil = m('park.certification.field_valid_after');
    }
    fail(errors);
    if (input.certificateNo) {
      const taken = await trx.selectFrom('park_certifications').select('id').where('certificate_no', '=', input.certificateNo).where('id', '<>', id).executeTakeFirst();
      if (taken) throw conflict(m('park.certification.number_taken'), { certificateNo: m('park.certification.field_number_taken') });
    }
    const before = (await toCertifications(trx, [row]))[0];
    const certified = input.decision === 'certified';
    await trx
      .updateTable('park_certifications')
      .set({
        status: input.decision,
        decided_on: input.decidedOn,
        decision_note: input.note || null,
        certificate_no: certified ? input.certificateNo! : null,
        valid_until: certified ? (input.validUntil ?? null) : null,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('park_certification_steps')
      .values({ certification_id: id, step: 'decide', by_user: actor.userId, note: input.note || null })
      .execute();
    const after = await getCertification(trx, actor, id);
    await writeAudit(trx, actor, { action: 'park.certification.decide', entity: 'park_certification', entityId: id, orgId: row.org_id, before, after });
    return after;
  });
}

/**
 * The certified plant's live OEE, first-pass yield and output per shift, from the factory module's public interface
 * (`ctx.interfaces.factory`): who may see them is the park's rule (park.read over the enterprise), the figures are
 * the factory's. Says why there are none: no factory module here, no line run by the enterprise, no certificate.
 */
export async function plantLive(db: DB, actor: Actor, id: string, factory: FactoryKpisInterface | undefined): Promise<PlantLive> {
  const row = await loadCert(db, actor, id, PP.read);
  if (row.status !== 'certified') return { status: 'not_certified', kpis: null };
  if (!factory) return { status: 'no_factory_module', kpis: null };
  const kpis = await factory.plantKpis(row.org_id);
  return kpis ? { status: 'live', kpis } : { status: 'no_lines', kpis: null };
}
