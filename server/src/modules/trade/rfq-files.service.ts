import { createHash } from 'node:crypto';
import { lockKey } from '../../platform/db';
import { sql, type SqlBool } from 'kysely';
import { ATTACHMENT_LIMITS, type Attachment } from '@gearbridge/contracts/trade';
import { can, type Actor } from '../../platform/authz';
import { writeAudit } from '../../platform/audit';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors';
import { TP } from './permissions';
import { m } from './messages';
import { buyerSideSql, getRfq, supplierSideSql } from './rfqs.service';
import { cleanFileName, extensionMatches } from '../../platform/files';
import { drawingKind } from './drawing-type';
import type { DB } from './db';

/**
 * Drawing attachments of an RFQ (图纸附件, docs/trade.md "Drawings"). Kept in the database (`trade_rfq_attachments`,
 * bytea), like every record of the platform, so a backup holds them. The buying side attaches while the RFQ is
 * open; the buying side and the suppliers that may quote on it (invited, or any supplier on an open RFQ) read
 * them; nobody else — not the operator, not another organisation.
 */

/** The caller reads the RFQ's drawings (alias r: the RFQ, o: its buyer). */
const readerSql = (actor: Actor) => sql<SqlBool>`(${buyerSideSql(actor)} or ${supplierSideSql(actor)})`;

const toAttachment = (a: {
  id: string;
  rfq_id: string;
  file_name: string;
  kind: Attachment['kind'];
  size_bytes: number;
  sha256: string;
  uploaded_by_name: string | null;
  uploaded_at: Date;
}): Attachment => ({
  id: a.id,
  rfqId: a.rfq_id,
  fileName: a.file_name,
  kind: a.kind,
  sizeBytes: a.size_bytes,
  sha256: a.sha256,
  uploadedBy: a.uploaded_by_name,
  uploadedAt: new Date(a.uploaded_at).toISOString(),
});

function attachmentQuery(db: DB, actor: Actor, rfqId: string) {
  return db
    .selectFrom('trade_rfq_attachments as a')
    .innerJoin('trade_rfqs as r', 'r.id', 'a.rfq_id')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select(['a.id', 'a.rfq_id', 'a.file_name', 'a.kind', 'a.size_bytes', 'a.sha256', 'a.uploaded_at', 'u.display_name as uploaded_by_name'])
    .where('a.rfq_id', '=', rfqId)
    .where(readerSql(actor));
}

/** 404 unless the caller sees the RFQ; 403 when it sees it but may not read its drawings (the operator). */
async function requireReader(db: DB, actor: Actor, rfqId: string) {
  const rfq = await getRfq(db, actor, rfqId);
  const ok = await db
    .selectFrom('trade_rfqs as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .select('r.id')
    .where('r.id', '=', rfqId)
    .where(readerSql(actor))
    .executeTakeFirst();
  if (!ok) throw forbidden(m('trade.attachment.not_reader'));
  return rfq;
}

export async function listAttachments(db: DB, actor: Actor, rfqId: string): Promise<Attachment[]> {
  await requireReader(db, actor, rfqId);
  const rows = await attachmentQuery(db, actor, rfqId).orderBy('a.uploaded_at').orderBy('a.id').execute();
  return rows.map(toAttachment);
}

/** One drawing with its bytes, for the download. */
export async function readAttachment(db: DB, actor: Actor, rfqId: string, id: string): Promise<Attachment & { content: Buffer }> {
  await requireReader(db, actor, rfqId);
  const a = await attachmentQuery(db, actor, rfqId).select('a.content').where('a.id', '=', id).executeTakeFirst();
  if (!a) throw notFound(m('trade.attachment.not_found'));
  return { ...toAttachment(a), content: Buffer.from(a.content) };
}

/**
 * The RFQ locked for a change of its drawings by its buying side (403 for anyone else who sees it), while it is open
 * for quotes: a cancelled one is a 409 `trade.rfq.cancelled`, one past its deadline or awarded a 409 with `closedKey` — from the deadline on
 * its drawings are sealed, as the suppliers quoted on them.
 */
async function lockOpenRfq(trx: DB, actor: Actor, rfqId: string, closedKey: 'trade.attachment.rfq_closed' | 'trade.attachment.sealed') {
  const r = await trx
    .selectFrom('trade_rfqs as r')
    .innerJoin('organisations as o', 'o.id', 'r.org_id')
    .select(['r.id', 'r.org_id', 'r.cancelled_at', 'r.awarded_at', sql<boolean>`r.deadline <= now()`.as('closed')])
    .where('r.id', '=', rfqId)
    .where(buyerSideSql(actor))
    .forUpdate('r')
    .executeTakeFirst();
  if (!r) throw forbidden(m('trade.attachment.buyer_only'));
  if (r.cancelled_at) throw conflict(m('trade.rfq.cancelled'));
  if (r.awarded_at || r.closed) throw conflict(m(closedKey));
  return r;
}

/**
 * The buying side attaches a drawing (trade.buy) while the RFQ is open: its type found by its content and agreeing
 * with the name's ending, at most ATTACHMENT_LIMITS.bytes (the route's body limit) and ATTACHMENT_LIMITS.perRfq
 * files. The RFQ row is locked, so two uploads at once cannot pass the count. Audited `trade.rfq.attach`.
 */
export async function addAttachment(db: DB, actor: Actor, rfqId: string, rawName: string, body: Buffer): Promise<Attachment> {
  if (!can(actor, TP.buy)) throw forbidden();
  await getRfq(db, actor, rfqId); // 404 unless the caller sees it
  const fileName = cleanFileName(rawName);
  if (!fileName) throw invalid(m('trade.attachment.invalid_fields', { fields: 'fileName' }), { fileName: m('trade.field.file_name') });
  if (!body.length) throw invalid(m('trade.attachment.invalid_fields', { fields: 'file' }), { file: m('trade.field.file_empty') });
  if (body.length > ATTACHMENT_LIMITS.bytes)
    throw invalid(m('trade.attachment.invalid_fields', { fields: 'file' }), { file: m('trade.field.file_too_large', { mb: ATTACHMENT_LIMITS.bytes / 1048576 }) });
  const kind = drawingKind(body);
  if (!kind) throw invalid(m('trade.attachment.invalid_fields', { fields: 'file' }), { file: m('trade.field.drawing_type') });
  if (!extensionMatches(fileName, kind))
    throw invalid(m('trade.attachment.invalid_fields', { fields: 'fileName' }), { fileName: m('trade.field.drawing_extension', { kind: kind.toUpperCase() }) });
  const sha256 = createHash('sha256').update(body).digest('hex');
  const id = await db.transaction().execute(async (trx) => {
    const r = await lockOpenRfq(trx, actor, rfqId, 'trade.attachment.rfq_closed');
    const { n } = await trx.selectFrom('trade_rfq_attachments').select(sql<number>`count(*)::int`.as('n')).where('rfq_id', '=', rfqId).executeTakeFirstOrThrow();
    if (n >= ATTACHMENT_LIMITS.perRfq) throw conflict(m('trade.attachment.too_many', { max: ATTACHMENT_LIMITS.perRfq }));
    // The buying organisation's drawings together stay within its quota: counted under its lock, so two uploads to
    // two of its RFQs at once cannot both pass.
    await lockKey(trx, `trade.attachments:${r.org_id}`);
    const { total } = await trx
      .selectFrom('trade_rfq_attachments as a')
      .innerJoin('trade_rfqs as q', 'q.id', 'a.rfq_id')
      .select(sql<string>`coalesce(sum(a.size_bytes), 0)::text`.as('total'))
      .where('q.org_id', '=', r.org_id)
      .executeTakeFirstOrThrow();
    if (Number(total) + body.length > ATTACHMENT_LIMITS.perOrgBytes) throw conflict(m('trade.attachment.org_quota', { gb: ATTACHMENT_LIMITS.perOrgBytes / 1024 ** 3 }));
    const { id } = await trx
      .insertInto('trade_rfq_attachments')
      .values({ rfq_id: rfqId, file_name: fileName, kind, size_bytes: body.length, sha256, content: body, uploaded_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, {
      action: 'trade.rfq.attach',
      entity: 'trade_rfq',
      entityId: rfqId,
      orgId: r.org_id,
      after: { attachmentId: id, fileName, kind, sizeBytes: body.length, sha256 },
    });
    return id;
  });
  const a = (await listAttachments(db, actor, rfqId)).find((x) => x.id === id);
  return a!;
}

/**
 * The buying side deletes a drawing (attached by mistake) before the RFQ's deadline (trade.buy); from the deadline on
 * the drawings are sealed: a 409 `trade.attachment.sealed`. The row and its bytes go; the audit row
 * (`trade.rfq.detach`) keeps what it was — name, kind, size and SHA-256.
 */
export async function deleteAttachment(db: DB, actor: Actor, rfqId: string, id: string): Promise<void> {
  if (!can(actor, TP.buy)) throw forbidden();
  await getRfq(db, actor, rfqId); // 404 unless the caller sees it
  await db.transaction().execute(async (trx) => {
    const r = await lockOpenRfq(trx, actor, rfqId, 'trade.attachment.sealed');
    const a = await trx
      .deleteFrom('trade_rfq_attachments')
      .where('id', '=', id)
      .where('rfq_id', '=', rfqId)
      .returning(['id', 'file_name', 'kind', 'size_bytes', 'sha256'])
      .executeTakeFirst();
    if (!a) throw notFound(m('trade.attachment.not_found'));
    await writeAudit(trx, actor, {
      action: 'trade.rfq.detach',
      entity: 'trade_rfq',
      entityId: rfqId,
      orgId: r.org_id,
      before: { attachmentId: a.id, fileName: a.file_name, kind: a.kind, sizeBytes: a.size_bytes, sha256: a.sha256 },
    });
  });
}
