import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { CERT_FILE_KINDS, CERT_FILE_LIMITS, type CertFile, type CertFileKind } from '@gearbridge/contracts/park';
import { can, inScope, requireInScope, requirePermission, scopeOf, type Actor } from '../../../platform/authz';
import { writeAudit } from '../../../platform/audit';
import { lockKey } from '../../../platform/db';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors';
import { cleanFileName, extensionMatches, sniffFileKind } from '../../../platform/files';
import type { DB, Tx } from '../db';
import { m } from '../messages';
import { PP } from '../permissions';

/**
 * A certification's documents as files (认定材料: the application form, the review report, photos of the line …),
 * kept in the database (`park_certification_files`, bytea) like every record, so a backup holds them. Read, attached
 * and deleted by the certification's own enterprise (its users: park.read to read, park.apply to change) and by the
 * park officer who reviews it (park.manage over the enterprise's region) — nobody else: not another enterprise, not
 * the platform administrator. Once the certification is decided its documents are sealed (409).
 */

interface CertRow {
  id: string;
  status: string;
  org_id: string;
  region_code: string;
}

/** The park officer over the enterprise: park.manage reaching it through a grant, not the platform-wide administrator. */
const isOfficerOver = (actor: Actor, row: CertRow) =>
  !actor.platformAdmin && can(actor, PP.manage) && inScope(scopeOf(actor, PP.manage), { id: row.org_id, regionCode: row.region_code });

/**
 * The certification as the caller may touch its documents: 403 without the permission, 404 when there is no such
 * certification, 403 outside the caller's scope, 403 for a reader who is neither the enterprise nor its officer.
 */
async function certFor(db: Tx, actor: Actor, id: string, mode: 'read' | 'write', lock = false): Promise<CertRow> {
  requirePermission(actor, mode === 'read' ? PP.read : PP.apply);
  if (lock) await db.selectFrom('park_certifications').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const row = await db
    .selectFrom('park_certifications as c')
    .innerJoin('park_enterprises as e', 'e.id', 'c.enterprise_id')
    .innerJoin('organisations as o', 'o.id', 'e.org_id')
    .select(['c.id', 'c.status', 'e.org_id', 'o.region_code'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(m('park.certification.not_found'));
  requireInScope(actor, PP.read, { id: row.org_id, regionCode: row.region_code });
  const own = actor.orgId === row.org_id && can(actor, mode === 'read' ? PP.read : PP.apply);
  if (!own && !isOfficerOver(actor, row)) throw forbidden(m(mode === 'read' ? 'park.certification.file_not_reader' : 'park.certification.file_not_writer'));
  return row;
}

const toFile = (f: {
  id: string;
  certification_id: string;
  file_name: string;
  kind: CertFileKind;
  size_bytes: number;
  sha256: string;
  uploaded_by_name: string | null;
  uploaded_at: Date;
}): CertFile => ({
  id: f.id,
  certificationId: f.certification_id,
  fileName: f.file_name,
  kind: f.kind,
  sizeBytes: f.size_bytes,
  sha256: f.sha256,
  uploadedBy: f.uploaded_by_name,
  uploadedAt: new Date(f.uploaded_at).toISOString(),
});

const fileQuery = (db: Tx, certId: string) =>
  db
    .selectFrom('park_certification_files as f')
    .leftJoin('users as u', 'u.id', 'f.uploaded_by')
    .select(['f.id', 'f.certification_id', 'f.file_name', 'f.kind', 'f.size_bytes', 'f.sha256', 'f.uploaded_at', 'u.display_name as uploaded_by_name'])
    .where('f.certification_id', '=', certId);

export async function listCertFiles(db: DB, actor: Actor, certId: string): Promise<CertFile[]> {
  await certFor(db, actor, certId, 'read');
  return (await fileQuery(db, certId).orderBy('f.uploaded_at').orderBy('f.id').execute()).map(toFile);
}

/** One document with its bytes, for the download. */
export async function readCertFile(db: DB, actor: Actor, certId: string, fileId: string): Promise<CertFile & { content: Buffer }> {
  await certFor(db, actor, certId, 'read');
  const f = await fileQuery(db, certId).select('f.content').where('f.id', '=', fileId).executeTakeFirst();
  if (!f) throw notFound(m('park.certification.file_not_found'));
  return { ...toFile(f), content: Buffer.from(f.content) };
}

const bad = (field: 'file' | 'fileName', msg: ReturnType<typeof m>) => invalid(m('park.certification.file_invalid_fields', { fields: field }), { [field]: msg });

/**
 * The enterprise or its officer attaches a document while the certification is not decided: its type found by its
 * content (PDF, a picture, an Office file) and agreeing with the name's ending, at most CERT_FILE_LIMITS.bytes (the
 * route's body limit), CERT_FILE_LIMITS.perCertification files, and the enterprise's documents together within
 * CERT_FILE_LIMITS.perOrgBytes — counted under the certification's row lock and the organisation's lock, so two
 * uploads at once cannot both pass. A bad file is a 400 and nothing is stored. Audited `park.certification.attach`.
 */
export async function addCertFile(db: DB, actor: Actor, certId: string, rawName: string, body: Buffer): Promise<CertFile> {
  await certFor(db, actor, certId, 'write');
  const fileName = cleanFileName(rawName);
  if (!fileName) throw bad('fileName', m('park.certification.field_file_name'));
  if (!body.length) throw bad('file', m('park.certification.field_file_empty'));
  if (body.length > CERT_FILE_LIMITS.bytes) throw bad('file', m('park.certification.field_file_too_large', { mb: CERT_FILE_LIMITS.bytes / 1048576 }));
  const kind = sniffFileKind(body, CERT_FILE_KINDS) as CertFileKind | null;
  if (!kind) throw bad('file', m('park.certification.field_file_type'));
  if (!extensionMatches(fileName, kind)) throw bad('fileName', m('park.certification.field_file_extension', { kind: kind.toUpperCase() }));
  const sha256 = createHash('sha256').update(body).digest('hex');
  const id = await db.transaction().execute(async (trx) => {
    const c = await certFor(trx, actor, certId, 'write', true);
    if (c.status === 'certified' || c.status === 'rejected') throw conflict(m('park.certification.files_sealed'));
    const { n } = await trx.selectFrom('park_certification_files').select(sql<number>`count(*)::int`.as('n')).where('certification_id', '=', certId).executeTakeFirstOrThrow();
    if (n >= CERT_FILE_LIMITS.perCertification) throw conflict(m('park.certification.files_too_many', { max: CERT_FILE_LIMITS.perCertification }));
    await lockKey(trx, `park.certification_files:${c.org_id}`);
    const { total } = await trx
      .selectFrom('park_certification_files as f')
      .innerJoin('park_certifications as c', 'c.id', 'f.certification_id')
      .innerJoin('park_enterprises as e', 'e.id', 'c.enterprise_id')
      .select(sql<string>`coalesce(sum(f.size_bytes), 0)::text`.as('total'))
      .where('e.org_id', '=', c.org_id)
      .executeTakeFirstOrThrow();
    if (Number(total) + body.length > CERT_FILE_LIMITS.perOrgBytes) throw conflict(m('park.certification.files_org_quota', { gb: CERT_FILE_LIMITS.perOrgBytes / 1024 ** 3 }));
    const { id } = await trx
      .insertInto('park_certification_files')
      .values({ certification_id: certId, file_name: fileName, kind, size_bytes: body.length, sha256, content: body, uploaded_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'park.certification.attach',
      entity: 'park_certification',
      entityId: certId,
      orgId: c.org_id,
      after: { fileId: id, fileName, kind, sizeBytes: body.length, sha256 },
    });
    return id;
  });
  return toFile(await fileQuery(db, certId).where('f.id', '=', id).executeTakeFirstOrThrow());
}

/**
 * The enterprise or its officer deletes a document (attached by mistake) while the certification is not decided; a
 * decided one's documents are sealed (409). The row and its bytes go; the audit row (`park.certification.detach`)
 * keeps what it was — name, kind, size and SHA-256.
 */
export async function deleteCertFile(db: DB, actor: Actor, certId: string, fileId: string): Promise<void> {
  await certFor(db, actor, certId, 'write');
  await db.transaction().execute(async (trx) => {
    const c = await certFor(trx, actor, certId, 'write', true);
    if (c.status === 'certified' || c.status === 'rejected') throw conflict(m('park.certification.files_sealed'));
    const f = await trx
      .deleteFrom('park_certification_files')
      .where('id', '=', fileId)
      .where('certification_id', '=', certId)
      .returning(['id', 'file_name', 'kind', 'size_bytes', 'sha256'])
      .executeTakeFirst();
    if (!f) throw notFound(m('park.certification.file_not_found'));
    await writeAudit(trx, actor, {
      action: 'park.certification.detach',
      entity: 'park_certification',
      entityId: certId,
      orgId: c.org_id,
      before: { fileId: f.id, fileName: f.file_name, kind: f.kind, sizeBytes: f.size_bytes, sha256: f.sha256 },
    });
  });
}
