import { sql, type SqlBool } from 'kysely';
import type { Agreement, AgreementInput, Pairing, PairingInput, PairingQuery } from '@gearbridge/contracts/talent';
import { inScope, orgInScopeSql, requirePermission, scopeOf, type Actor, type Scope } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { paged } from '../../platform/db';
import { conflict, forbidden, fromUniqueViolation, invalid, notFound } from '../../platform/errors';
import { loadPartnerships, readScope, sideOf } from './partnership.service';
import { TP } from './permissions';
import type { DB, Tx } from './db';
import { m, type Msg } from './messages';

type FieldErrors = Record<string, Msg>;

function pairingQuery(db: Tx) {
  return db
    .selectFrom('talent_pairings as x')
    .innerJoin('organisations as w', 'w.id', 'x.west_org_id')
    .innerJoin('organisations as e', 'e.id', 'x.east_org_id')
    .leftJoin('talent_programmes as g', 'g.id', 'x.programme_id')
    .select([
      'x.id',
      'x.kind',
      'x.west_org_id',
      'w.name as west_org_name',
      'w.region_code as west_region_code',
      'x.east_org_id',
      'e.name as east_org_name',
      'e.region_code as east_region_code',
      'x.programme_id',
      'g.name as programme_name',
      'x.started_on',
      'x.note',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof pairingQuery>['executeTakeFirstOrThrow']>>;

const editScope = (actor: Actor): Scope | null => {
  try {
    return scopeOf(actor, TP.edit);
  } catch {
    return null;
  }
};
const editable = (scope: Scope | null, r: Row) =>
  !!scope && (inScope(scope, { id: r.west_org_id, regionCode: r.west_region_code }) || inScope(scope, { id: r.east_org_id, regionCode: r.east_region_code }));

async function toPairings(db: Tx, actor: Actor, rows: Row[]): Promise<Pairing[]> {
  const ids = rows.map((r) => r.id);
  const agreements = ids.length ? await db.selectFrom('talent_pairing_agreements').selectAll().where('pairing_id', 'in', ids).orderBy('signed_on').execute() : [];
  const scope = editScope(actor);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    westOrgId: r.west_org_id,
    westOrgName: r.west_org_name,
    eastOrgId: r.east_org_id,
    eastOrgName: r.east_org_name,
    programmeId: r.programme_id,
    programmeName: r.programme_name,
    startedOn: r.started_on,
    note: r.note,
    editable: editable(scope, r),
    agreements: agreements.filter((a) => a.pairing_id === r.id).map(toAgreement),
    activityCount: 0,
  }));
}

const toAgreement = (a: {
  id: string;
  pairing_id: string;
  title: string;
  signed_on: string;
  starts_on: string;
  ends_on: string | null;
  document_name: string | null;
  note: string | null;
}): Agreement => ({
  id: a.id,
  pairingId: a.pairing_id,
  title: a.title,
  signedOn: a.signed_on,
  startsOn: a.starts_on,
  endsOn: a.ends_on,
  documentName: a.document_name,
  note: a.note,
});

/** Pairings either of whose institutions the actor reads (the partnership shares both sides). */
export async function listPairings(db: DB, actor: Actor, f: PairingQuery): Promise<{ items: Pairing[]; total: number }> {
  const scope = await readScope(db, actor);
  let q = pairingQuery(db).where(sql<SqlBool>`(${orgInScopeSql(scope, 'w')} or ${orgInScopeSql(scope, 'e')})`);
  if (f.kind) q = q.where('x.kind', '=', f.kind);
  if (f.orgId) q = q.where((eb) => eb.or([eb('x.west_org_id', '=', f.orgId!), eb('x.east_org_id', '=', f.orgId!)]));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<SqlBool>`(w.name like ${like} or e.name like ${like})`);
  }
  const { rows, total } = await paged(q, f, (b) => b.orderBy('x.kind').orderBy('x.started_on').orderBy('x.id'));
  return { items: await toPairings(db, actor, rows), total };
}

async function loadPairing(db: Tx, actor: Actor, id: string) {
  const scope = await readScope(db, actor);
  const row = await pairingQuery(db).where('x.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(m('talent.pairing.not_found'));
  if (!inScope(scope, { id: row.west_org_id, regionCode: row.west_region_code }) && !inScope(scope, { id: row.east_org_id, regionCode: row.east_region_code })) {
    throw forbidden(m('talent.pairing.out_of_scope'));
  }
  return row;
}

export const getPairing = async (db: Tx, actor: Actor, id: string) => (await toPairings(db, actor, [await loadPairing(db, actor, id)]))[0];

const UNIQUE = { talent_pairings_west_org_id_east_org_id_key: 'eastOrgId' };

/** A pairing of a western and an eastern institution of the same kind; either side may record it. */
export async function createPairing(db: DB, actor: Actor, input: PairingInput): Promise<Pairing> {
  requirePermission(actor, TP.edit);
  const orgs = await db.selectFrom('organisations').select(['id', 'kind', 'region_code']).where('id', 'in', [input.westOrgId, input.eastOrgId]).execute();
  const west = orgs.find((o) => o.id === input.westOrgId);
  const east = orgs.find((o) => o.id === input.eastOrgId);
  const errors: FieldErrors = {};
  const pairs = await loadPartnerships(db);
  if (!west) errors.westOrgId = m('talent.org.field_unknown');
  else if (sideOf(pairs, west.region_code) !== 'west') errors.westOrgId = m('talent.pairing.not_west');
  else if (input.kind !== 'other' && west.kind !== input.kind) errors.westOrgId = m('talent.pairing.kind_mismatch', { kind: input.kind });
  if (!east) errors.eastOrgId = m('talent.org.field_unknown');
  else if (sideOf(pairs, east.region_code) !== 'east') errors.eastOrgId = m('talent.pairing.not_east');
  else if (input.kind !== 'other' && east.kind !== input.kind) errors.eastOrgId = m('talent.pairing.kind_mismatch', { kind: input.kind });
  if (input.programmeId && !(await db.selectFrom('talent_programmes').select('id').where('id', '=', input.programmeId).executeTakeFirst())) {
    errors.programmeId = m('talent.secondment.unknown_programme');
  }
  if (west && east) {
    const scope = scopeOf(actor, TP.edit);
    if (!inScope(scope, { id: west.id, regionCode: west.region_code }) && !inScope(scope, { id: east.id, regionCode: east.region_code })) {
      throw forbidden(m('talent.pairing.out_of_scope'));
    }
  }
  if (Object.keys(errors).length) throw invalid(m('talent.field.invalid', { fields: Object.keys(errors).join(', ') }), errors);
  return db.transaction().execute(async (trx) => {
    let id: string;
    try {
      ({ id } = await trx
        .insertInto('talent_pairings')
        .values({
          kind: input.kind,
          west_org_id: input.westOrgId,
          east_org_id: input.eastOrgId,
          programme_id: input.programmeId ?? null,
          started_on: input.startedOn,
          note: input.note || null,
          created_by: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow());
    } catch (err) {
      throw fromUniqueViolation(err, UNIQUE) ? conflict(m('talent.pairing.duplicate'), { eastOrgId: m('talent.pairing.field_duplicate') }) : err;
    }
    const after = await getPairing(trx, actor, id);
    await writeAudit(trx, actor, { action: 'talent.pairing.create', entity: 'talent_pairing', entityId: id, orgId: actor.orgId, after });
    return after;
  });
}

export async function addAgreement(db: DB, actor: Actor, pairingId: string, input: AgreementInput): Promise<Pairing> {
  return db.transaction().execute(async (trx) => {
    const row = await loadPairing(trx, actor, pairingId);
    if (!editable(editScope(actor), row)) throw forbidden(m('talent.person.partner_read_only'));
    if (input.endsOn && input.endsOn < input.startsOn) {
      throw invalid(m('talent.field.invalid', { fields: 'endsOn' }), { endsOn: m('talent.field.on_or_after', { date: input.startsOn }) });
    }
    const { id } = await trx
      .insertInto('talent_pairing_agreements')
      .values({
        pairing_id: pairingId,
        title: input.title,
        signed_on: input.signedOn,
        starts_on: input.startsOn,
        ends_on: input.endsOn ?? null,
        document_name: input.documentName || null,
        note: input.note || null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'talent.pairing.agreement', entity: 'talent_pairing', entityId: pairingId, orgId: actor.orgId, after: { agreementId: id, ...input } });
    return getPairing(trx, actor, pairingId);
  });
}
