import ExcelJS from 'exceljs';
import { type SqlBool, sql } from 'kysely';
import type { ImportReport } from '@gearbridge/contracts/imports';
import { requirePermission } from '../authz';
import { writeAudit } from '../audit';
import { conflict, forbidden, invalid, notFound, pm } from '../errors';
import { rowMessage, type Importer, type ImportEnv, type RowError } from './importer';
import { workbookGate } from './parse-gate';
import { readSheet, WorkbookError, type Sheet } from './read-sheet';

export const MAX_IMPORT_ROWS = 20_000;
const PREVIEW_ROWS = 20;
/**
 * A pending job is kept this long; then it can no longer be confirmed and its rows are dropped (by the next upload
 * of anyone: no timer needed). Its rows are sealed with the field cipher meanwhile — they hold what the importer
 * will write, which may be a person's ID number or phone before encryption.
 */
export const PENDING_IMPORT_HOURS = 24;
const ROWS_CONTEXT = 'import_jobs.rows';

const sealRows = (env: ImportEnv, rows: unknown[]) => JSON.stringify({ sealed: env.cipher.encrypt(JSON.stringify(rows), ROWS_CONTEXT) });
function openRows(env: ImportEnv, stored: unknown): Record<string, unknown>[] {
  if (Array.isArray(stored)) return stored as Record<string, unknown>[];
  return JSON.parse(env.cipher.decrypt((stored as { sealed: string }).sealed, ROWS_CONTEXT)) as Record<string, unknown>[];
}
const expired = (createdAt: Date | string) => Date.now() - new Date(createdAt).getTime() > PENDING_IMPORT_HOURS * 3_600_000;

const norm = (s: string) => s.replace(/[*＊\s]/g, '').toLowerCase();

/** A downloadable template: the columns (required ones marked *), an example row, and a sheet of notes. */
export async function template(importer: Importer, lang: 'zh' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(importer.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = importer.columns.map((c) => ({ header: (lang === 'zh' ? c.zh : c.en) + (c.required ? '*' : ''), key: c.key, width: 22 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(Object.fromEntries(importer.columns.map((c) => [c.key, c.example ?? ''])));
  const notes = wb.addWorksheet(lang === 'zh' ? '填写说明' : 'Notes');
  notes.columns = [
    { header: lang === 'zh' ? '列' : 'Column', width: 24 },
    { header: lang === 'zh' ? '说明' : 'Notes', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of importer.columns) notes.addRow([lang === 'zh' ? c.zh : c.en, `${c.required ? (lang === 'zh' ? '必填。' : 'Required. ') : ''}${c.hint?.[lang] ?? ''}`]);
  notes.addRow([]);
  notes.addRow([
    lang === 'zh' ? '提示' : 'Note',
    lang === 'zh'
      ? '第 2 行为示例，导入前请删除。上传后系统逐行校验，确认后才写入。'
      : 'Row 2 is an example: delete it before importing. Rows are checked on upload and written only after you confirm.',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Parses and checks an uploaded sheet; stores the valid rows as a pending job and audits the upload. Writes nothing
 * else. The parse waits its turn at the process's workbook gate (one at a time).
 */
export async function upload(env: ImportEnv, importer: Importer, fileName: string, buf: Buffer): Promise<ImportReport> {
  requirePermission(env.actor, importer.permission);
  let sheet: Sheet;
  try {
    sheet = await workbookGate.run(() => readSheet(buf, MAX_IMPORT_ROWS));
  } catch (err) {
    if (err instanceof WorkbookError) throw invalid(err.msg, { file: err.msg });
    throw err;
  }
  const index = new Map<string, number>();
  sheet.headers.forEach((h, i) => {
    const col = importer.columns.find((c) => [c.key, c.zh, c.en].some((n) => norm(n) === norm(h)));
    if (col && !index.has(col.key)) index.set(col.key, i);
  });
  const missing = importer.columns.filter((c) => c.required && !index.has(c.key));
  if (missing.length) {
    const names = missing.map((c) => `${c.zh} (${c.en})`).join(', ');
    throw invalid(pm('platform.import.missing_columns', { columns: names }), { file: pm('platform.import.missing_columns_field', { columns: names }) });
  }
  const errors: RowError[] = [];
  const rows = sheet.rows.map((r) => ({
    row: r.row,
    values: Object.fromEntries(importer.columns.map((c) => [c.key, index.has(c.key) ? r.cells[index.get(c.key)!] : ''])),
  }));
  for (const r of rows) {
    for (const c of importer.columns) {
      if (c.required && !r.values[c.key]) errors.push({ row: r.row, column: c.zh, ...rowMessage(pm('platform.import.cell_required', { column: `${c.zh} (${c.en})` })) });
    }
  }
  const bad = new Set(errors.map((e) => e.row));
  const complete = rows.filter((r) => !bad.has(r.row));
  const checked = await importer.check(complete, env);
  errors.push(...checked.errors);
  errors.sort((a, b) => a.row - b.row);
  const job = await env.db.transaction().execute(async (trx) => {
    // Pending jobs past their time are dropped here: their rows are of no use any more. Each is audited (the
    // uploader of this file is who happened to sweep it; the entry names the job's own uploader).
    const expiredJobs = await trx
      .updateTable('import_jobs')
      .set({ status: 'discarded', rows: JSON.stringify([]) })
      .where('status', '=', 'pending')
      .where(sql<SqlBool>`created_at < now() - make_interval(hours => ${PENDING_IMPORT_HOURS})`)
      .returning(['id', 'kind', 'file_name', 'user_id', 'org_id'])
      .execute();
    for (const e of expiredJobs)
      await writeAudit(trx, env.actor, {
        action: 'import.expire',
        entity: 'import',
        entityId: e.id,
        orgId: e.org_id,
        after: { kind: e.kind, fileName: e.file_name, uploadedBy: e.user_id, status: 'discarded', hours: PENDING_IMPORT_HOURS },
      });
    const j = await trx
      .insertInto('import_jobs')
      .values({
        kind: importer.kind,
        file_name: fileName.slice(0, 200),
        user_id: env.actor.userId,
        org_id: env.actor.orgId,
        total_rows: rows.length,
        valid_rows: checked.valid.length,
        errors: JSON.stringify(errors),
        rows: sealRows(
          env,
          checked.valid.map((v) => v.data),
        ),
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, env.actor, {
      action: 'import.upload',
      entity: 'import',
      entityId: j.id,
      after: { kind: importer.kind, fileName: fileName.slice(0, 200), totalRows: rows.length, validRows: checked.valid.length },
    });
    return j;
  });
  return {
    id: job.id,
    kind: importer.kind,
    fileName,
    status: 'pending',
    totalRows: rows.length,
    validRows: checked.valid.length,
    errors,
    preview: checked.valid.slice(0, PREVIEW_ROWS).map((v) => ({ row: v.row, ...importer.preview(v.data) })),
    createdAt: new Date(job.created_at).toISOString(),
  };
}

async function loadOwnJob(env: ImportEnv, id: string) {
  const job = await env.db.selectFrom('import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!job) throw notFound(pm('platform.import.not_found'));
  if (job.user_id !== env.actor.userId) throw forbidden(pm('platform.import.uploader_only'));
  return job;
}

/** Writes every valid row of a pending job in one transaction: all of them, or (on any failure) none. */
export async function confirm(env: ImportEnv, importers: Importer[], id: string): Promise<{ id: string; written: number }> {
  await loadOwnJob(env, id);
  return env.db.transaction().execute(async (trx) => {
    // Locks the job row: two confirms of the same job (a double click) cannot both write.
    const job = await trx.selectFrom('import_jobs').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (job.status !== 'pending') throw conflict(job.status === 'confirmed' ? pm('platform.import.already_confirmed') : pm('platform.import.already_discarded'));
    if (expired(job.created_at)) throw conflict(pm('platform.import.expired', { hours: PENDING_IMPORT_HOURS }));
    const importer = importers.find((i) => i.kind === job.kind);
    if (!importer) throw notFound(pm('platform.import.importer_not_found'));
    requirePermission(env.actor, importer.permission);
    const rows = openRows(env, job.rows);
    if (!rows.length) throw invalid(pm('platform.import.no_valid_rows'));
    const written = await importer.write(trx, rows, env);
    await trx
      .updateTable('import_jobs')
      .set({ status: 'confirmed', confirmed_at: new Date(), rows: JSON.stringify([]) })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, env.actor, { action: 'import.confirm', entity: 'import', entityId: id, after: { kind: job.kind, fileName: job.file_name, written } });
    return { id, written };
  });
}

export async function discard(env: ImportEnv, id: string): Promise<void> {
  const job = await loadOwnJob(env, id);
  if (job.status !== 'pending') throw conflict(job.status === 'confirmed' ? pm('platform.import.already_confirmed') : pm('platform.import.already_discarded'));
  await env.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('import_jobs')
      .set({ status: 'discarded', rows: JSON.stringify([]) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    // A confirm or discard that won the race already wrote its own audit row.
    if (Number(done.numUpdatedRows) === 0) return;
    await writeAudit(trx, env.actor, { action: 'import.discard', entity: 'import', entityId: id, before: { kind: job.kind, fileName: job.file_name, validRows: job.valid_rows } });
  });
}
