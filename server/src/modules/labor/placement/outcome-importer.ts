import { sql } from 'kysely';
import { rowMessage, type ImportColumn, type RowError } from '../../../platform/excel/importer';
import { conflict, notFound, type Msg } from '../../../platform/errors';
import { maskIdNumber } from '../../../platform/pii';
import { LP } from '../permissions';
import { m } from '../messages';
import { today } from '../workers/worker-input';
import { CTX, hashes } from '../workers/worker-view';
import type { Importer, ImportEnv } from '../db';
import { referralQuery, requireSide, stageDay } from './referrals.service';
import { applyMoves, movesFor } from './referral-steps.service';

/** A checked row of a job fair's outcome sheet: which referral, hired (and started) on which days. */
export type OutcomeRow = {
  referralId: string;
  hiredOn: string;
  startedOn: string | null;
  note: string | null;
  preview: { name: string; idNumber: string; posting: string; employer: string; stage: string; hiredOn: string; startedOn: string | null };
};

export const OUTCOME_COLUMNS: ImportColumn[] = [
  { key: 'name', zh: '姓名', en: 'Name', required: true, example: '王启久' },
  {
    key: 'idNumber',
    zh: '身份证号',
    en: 'ID number',
    required: true,
    hint: { zh: '18 位身份证号，或其后 4 位（与姓名一起找到推荐）', en: 'The 18-character ID number, or its last 4 characters (found together with the name)' },
    example: '0012',
  },
  { key: 'employer', zh: '用工单位', en: 'Employer', required: false, hint: { zh: '同名岗位有多家时填写', en: 'Needed when several employers have a posting of that title' } },
  { key: 'posting', zh: '岗位', en: 'Posting', required: true, hint: { zh: '推荐的岗位名称', en: 'The title of the posting the person was referred to' }, example: '装配工' },
  { key: 'hiredOn', zh: '录用日期', en: 'Hired on', required: true, hint: { zh: 'YYYY-MM-DD，不晚于今天', en: 'YYYY-MM-DD, not after today' }, example: '2026-03-05' },
  {
    key: 'startedOn',
    zh: '入职日期',
    en: 'Started on',
    required: false,
    hint: { zh: 'YYYY-MM-DD；已到岗时填写，不早于录用日期', en: 'YYYY-MM-DD when the person has started; not before the hire' },
    example: '2026-03-05',
  },
  { key: 'note', zh: '备注', en: 'Note', required: false, hint: { zh: '200 字以内', en: 'Up to 200 characters' } },
];

const LIVE = ['recommended', 'contacted', 'interviewed', 'hired'] as const;
const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');
/** YYYY-MM-DD, or the same with / or . and one-digit months and days. */
function parseDay(v: string): string | null {
  const x = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v.trim());
  if (!x) return null;
  const day = `${x[1]}-${x[2].padStart(2, '0')}-${x[3].padStart(2, '0')}`;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day ? day : null;
}

/**
 * Checks an employer's list of who was hired at a job fair: each row names a person (name with the full ID number or
 * its last four characters) and the posting (and employer when the title is not enough); it must match exactly one
 * live referral the uploader may move on (the worker's bureau, or the posting's employer side). The hire and start
 * days must not be in the future nor before the referral's previous stage, the start not before the hire; the sheet
 * may not hire more people on a posting than it has open places. Reads only; the confirm writes.
 */
export async function checkOutcomes(
  rows: { row: number; values: Record<string, string> }[],
  env: ImportEnv,
): Promise<{ valid: { row: number; data: OutcomeRow }[]; errors: RowError[] }> {
  const errors: RowError[] = [];
  const valid: { row: number; data: OutcomeRow }[] = [];
  // Titles compared without white space, in SQL as in the match below.
  const titles = [...new Set(rows.map((r) => squash(r.values.posting)).filter(Boolean))];
  const candidates = titles.length
    ? (
        await referralQuery(env.db)
          .select(['w.name_hash', 'w.id_hash', 'w.id_enc', 'p.open_headcount', 'p.status as posting_status'])
          .where('r.status', 'in', LIVE)
          .where(sql<string>`regexp_replace(p.title, '\s', '', 'g')`, 'in', titles)
          .execute()
      ).filter((c) => {
        try {
          requireSide(env.actor, c);
          return true;
        } catch {
          return false;
        }
      })
    : [];
  const now = today();
  const seen = new Map<string, number>();
  const hires = new Map<string, { open: number; rows: { row: number; at: number }[] }>();
  for (const r of rows) {
    const v = r.values;
    const fail = (column: string, msg: Msg) => errors.push({ row: r.row, column: OUTCOME_COLUMNS.find((c) => c.key === column)!.zh, ...rowMessage(msg) });
    const id = v.idNumber.replace(/\s+/g, '').toUpperCase();
    if (!/^(\d{17}[\dX]|[\dX]{4})$/.test(id)) {
      fail('idNumber', m('labor.outcome.id_format'));
      continue;
    }
    const hiredOn = parseDay(v.hiredOn);
    const startedOn = v.startedOn ? parseDay(v.startedOn) : null;
    if (!hiredOn) fail('hiredOn', m('labor.outcome.date_format', { value: v.hiredOn }));
    if (v.startedOn && !startedOn) fail('startedOn', m('labor.outcome.date_format', { value: v.startedOn }));
    if (!hiredOn || (v.startedOn && !startedOn)) continue;
    const nameHash = hashes.name(env.cipher, v.name);
    const idHash = id.length === 18 ? hashes.id(env.cipher, id) : null;
    const matches = candidates.filter(
      (c) =>
        c.name_hash === nameHash &&
        squash(c.title) === squash(v.posting) &&
        (!v.employer || squash(c.employer_name) === squash(v.employer)) &&
        (idHash ? c.id_hash === idHash : env.cipher.decrypt(c.id_enc, CTX.id).toUpperCase().endsWith(id)),
    );
    if (matches.length !== 1) {
      fail('name', matches.length ? m('labor.outcome.ambiguous', { count: matches.length }) : m('labor.outcome.no_match'));
      continue;
    }
    const c = matches[0];
    if (seen.has(c.id)) {
      fail('name', m('labor.outcome.same_as_row', { row: seen.get(c.id)! }));
      continue;
    }
    seen.set(c.id, r.row);
    if (c.status === 'hired' && !startedOn) {
      fail('startedOn', m('labor.outcome.already_hired'));
      continue;
    }
    const since = stageDay(c);
    const startFloor = c.status === 'hired' ? since : hiredOn;
    const dayErrors: [string, Msg][] = [];
    if (hiredOn > now) dayErrors.push(['hiredOn', m('labor.field.not_in_future')]);
    else if (c.status !== 'hired' && hiredOn < since) dayErrors.push(['hiredOn', m('labor.field.on_or_after', { date: since })]);
    if (startedOn && startedOn > now) dayErrors.push(['startedOn', m('labor.field.not_in_future')]);
    else if (startedOn && startedOn < startFloor) dayErrors.push(['startedOn', m('labor.outcome.start_before_hire', { date: startFloor })]);
    if (dayErrors.length) {
      for (const [column, msg] of dayErrors) fail(column, msg);
      continue;
    }
    if (c.status !== 'hired') {
      const h = hires.get(c.posting_id) ?? { open: c.posting_status === 'open' ? c.open_headcount : 0, rows: [] };
      h.rows.push({ row: r.row, at: valid.length });
      hires.set(c.posting_id, h);
    }
    const idShown = id.length === 18 ? maskIdNumber(id) : `**************${id}`;
    valid.push({
      row: r.row,
      data: {
        referralId: c.id,
        hiredOn,
        startedOn,
        note: v.note ? v.note.trim().slice(0, 200) : null,
        preview: { name: c.name_masked, idNumber: idShown, posting: c.title, employer: c.employer_name, stage: c.status, hiredOn, startedOn },
      },
    });
  }
  // More hires on a posting than it has places: every hire of that posting is reported, none is written.
  const drop = new Set<number>();
  for (const h of hires.values()) {
    if (h.rows.length <= h.open) continue;
    for (const x of h.rows) {
      drop.add(x.at);
      errors.push({ row: x.row, column: '岗位', ...rowMessage(m('labor.outcome.no_places', { open: h.open, count: h.rows.length })) });
    }
  }
  return { valid: valid.filter((_, i) => !drop.has(i)), errors };
}

/**
 * Writes the checked outcomes in the confirm's transaction: each referral is hired (through contacted and interviewed
 * when it had not got there) on its hire day and, with a start day, started. A referral that moved meanwhile so that
 * the step no longer fits, or a posting without places left, fails the confirm and nothing is written.
 */
export async function writeOutcomes(trx: Parameters<Importer<OutcomeRow>['write']>[0], rows: OutcomeRow[], env: ImportEnv): Promise<number> {
  for (const o of [...rows].sort((a, b) => (a.referralId < b.referralId ? -1 : 1))) {
    await trx.selectFrom('labor_referrals').select('id').where('id', '=', o.referralId).forUpdate().executeTakeFirst();
    let row = await referralQuery(trx).where('r.id', '=', o.referralId).executeTakeFirst();
    if (!row) throw notFound(m('labor.referral.not_found'));
    const moves = movesFor(row.status, o.startedOn ? 'hired_started' : 'hired');
    if (!Array.isArray(moves)) throw conflict(moves);
    const hire = moves.filter((s) => s !== 'started');
    row = await applyMoves(trx, env.actor, env.cipher, row, hire, { effectiveOn: o.hiredOn, note: o.note, via: 'import' });
    if (o.startedOn) await applyMoves(trx, env.actor, env.cipher, row, ['started'], { effectiveOn: o.startedOn, note: o.note, via: 'import' });
  }
  return rows.length;
}

export const referralOutcomeImporter: Importer<OutcomeRow> = {
  kind: 'labor_referral_outcomes',
  // Who may move each referral on is checked per row (the bureau's or the employer's side).
  permission: LP.read,
  sheetName: '招聘会录用结果 Job fair outcome',
  columns: OUTCOME_COLUMNS,
  check: checkOutcomes,
  write: writeOutcomes,
  preview: (r) => ({ ...r.preview }),
};
