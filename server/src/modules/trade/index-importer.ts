import { sql } from 'kysely';
import { formatYuan, IndexCode, parseYuan } from '@gearbridge/contracts/trade';
import { writeAudit } from '../../platform/audit';
import { conflict, forbidden } from '../../platform/errors';
import type { Importer, RowError } from '../../platform/excel/importer';
import { rowMessage } from '../../platform/excel/importer';
import { localDay } from '../../platform/time';
import type { Database, DB, Transaction } from './db';
import { m } from './messages';
import type { Msg } from '../../platform/errors';
import { TP } from './permissions';
import { indexesOutOfReach, lockIndex } from './supply.service';

/**
 * Daily index prices from a spreadsheet (指数价格导入, docs/trade.md "Supply agreements") through the platform's
 * importer: e.g. a month of the A00 spot average (元/t excluding VAT) for the supply agreements' price formula. A
 * per-row report — a bad index code, day or price, a day in the future, a day twice in the file (the same price or
 * a conflicting one), a day already recorded, a month a contract on the index has settled — and nothing written
 * until the uploader confirms; then every valid row in one transaction with one audit row per index. A recorded
 * day is never replaced by an import (the index page changes a day's price, audited with the price before).
 * Prices are parsed as exact 元 text to the 分, never as binary numbers.
 */
/** A valid row as the pending job keeps it (JSON): the price in 分 as decimal text. */
type Row = { index: string; day: string; fen: string };

const COL = { index: '指数', day: '日期', price: '价格（元/吨）' };

/** A day written 2026-11-03, 2026/11/3 or 2026.11.03, as YYYY-MM-DD; null when it is no calendar day. */
export function parseDay(text: string): string | null {
  const x = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.trim());
  if (!x) return null;
  const [y, mo, d] = [Number(x[1]), Number(x[2]), Number(x[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
/** A price as written (thousands separators and blanks allowed), in 分; null unless above zero with ≤ 2 decimals. */
export function parsePrice(text: string): bigint | null {
  const fen = parseYuan(text.replace(/[,\s，]/g, ''));
  return fen !== null && fen > 0n ? fen : null;
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;

/** Months (YYYY-MM) of the given index and months a contract on the index has settled. */
async function settledMonths(db: DB | Transaction, indexes: string[], months: string[]): Promise<Set<string>> {
  if (!indexes.length || !months.length) return new Set();
  const rows = await db
    .selectFrom('trade_supply_settlements as s')
    .innerJoin('trade_supply_contracts as c', 'c.id', 's.contract_id')
    .select(['c.index_code', sql<string>`to_char(s.month, 'YYYY-MM')`.as('m')])
    .where('c.index_code', 'in', indexes)
    .where('s.month', 'in', months)
    .execute();
  return new Set(rows.map((r) => `${r.index_code}|${r.m}`));
}
async function recordedDays(db: DB | Transaction, indexes: string[], days: string[]): Promise<Map<string, string>> {
  if (!indexes.length || !days.length) return new Map();
  const rows = await db
    .selectFrom('trade_index_prices')
    .select(['index_code', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('d'), sql<string>`price_fen::text`.as('p')])
    .where('index_code', 'in', indexes)
    .where('day', 'in', days)
    .execute();
  return new Map(rows.map((r) => [`${r.index_code}|${r.d}`, r.p]));
}

export const indexPricesImporter: Importer<Row, Database> = {
  kind: 'trade_index_prices',
  permission: TP.operate,
  sheetName: '指数价格 Index prices',
  columns: [
    {
      key: 'index',
      zh: COL.index,
      en: 'Index',
      required: true,
      hint: { zh: '指数代码，如 A00（A00 铝现货均价）', en: 'The index code, e.g. A00 (the A00 aluminium spot average)' },
      example: 'A00',
    },
    {
      key: 'day',
      zh: COL.day,
      en: 'Day',
      required: true,
      hint: { zh: '发布日期，YYYY-MM-DD，不晚于今天', en: 'The day published, YYYY-MM-DD, not after today' },
      example: '2026-11-03',
    },
    {
      key: 'price',
      zh: COL.price,
      en: 'Price (yuan/t)',
      required: true,
      hint: { zh: '元/吨，不含税，最多两位小数', en: 'Yuan per tonne excluding VAT, at most two decimals' },
      example: '18950.00',
    },
  ],
  async check(rows, env) {
    const errors: RowError[] = [];
    const parsed: { row: number; data: Row }[] = [];
    const today = localDay();
    for (const r of rows) {
      const err = (column: string, msg: Msg) => errors.push({ row: r.row, column, ...rowMessage(msg) });
      const index = (r.values.index ?? '').trim().toUpperCase();
      const day = parseDay(r.values.day ?? '');
      const fen = parsePrice(r.values.price ?? '');
      const before = errors.length;
      if (!IndexCode.safeParse(index).success) err(COL.index, m('trade.field.index_code'));
      if (!day) err(COL.day, m('trade.field.day'));
      else if (day > today) err(COL.day, m('trade.field.in_future'));
      if (fen === null) err(COL.price, m('trade.field.yuan_positive'));
      const bad = errors.length > before;
      if (!bad) parsed.push({ row: r.row, data: { index, day: day!, fen: String(fen) } });
    }
    const indexes = [...new Set(parsed.map((p) => p.data.index))];
    const days = [...new Set(parsed.map((p) => p.data.day))];
    const [settled, recorded, outOfReach] = await Promise.all([
      settledMonths(env.db, indexes, [...new Set(days.map(monthStart))]),
      recordedDays(env.db, indexes, days),
      indexesOutOfReach(env.db, env.actor, indexes),
    ]);
    const seen = new Map<string, { row: number; fen: string }>();
    const valid: { row: number; data: Row }[] = [];
    for (const p of parsed) {
      const err = (column: string, msg: Msg) => errors.push({ row: p.row, column, ...rowMessage(msg) });
      const key = `${p.data.index}|${p.data.day}`;
      const first = seen.get(key);
      if (first) {
        if (first.fen === p.data.fen) err(COL.day, m('trade.import.same_day', { row: first.row }));
        else err(COL.price, m('trade.import.conflicting_day', { row: first.row, price: formatYuan(BigInt(first.fen)) }));
        continue;
      }
      seen.set(key, { row: p.row, fen: p.data.fen });
      if (outOfReach.has(p.data.index)) {
        err(COL.index, m('trade.index.out_of_reach', { index: p.data.index }));
        continue;
      }
      const month = p.data.day.slice(0, 7);
      if (settled.has(`${p.data.index}|${month}`)) {
        err(COL.day, m('trade.field.index_month_settled', { month }));
        continue;
      }
      const before = recorded.get(key);
      if (before !== undefined) {
        err(COL.day, m('trade.import.day_recorded', { price: formatYuan(BigInt(before)) }));
        continue;
      }
      valid.push(p);
    }
    // A day twice in the file: neither row is written (which of them is right is the uploader's call).
    const twice = new Set(errors.filter((e) => e.key === 'trade.import.conflicting_day').map((e) => e.params?.row));
    return { valid: valid.filter((v) => !twice.has(v.row)), errors };
  },
  async write(trx, rows, env) {
    if (!rows.length) return 0;
    const indexes = [...new Set(rows.map((r) => r.index))];
    const days = [...new Set(rows.map((r) => r.day))];
    // What was checked at the upload may have changed before the confirm: check again, in the confirm's transaction,
    // under each index's lock (in code order), which a settlement on the index takes too.
    for (const index of [...indexes].sort()) await lockIndex(trx, index);
    const away = await indexesOutOfReach(trx, env.actor, indexes);
    if (away.size) throw forbidden(m('trade.index.out_of_reach', { index: [...away].join(', ') }));
    const settled = await settledMonths(trx, indexes, [...new Set(days.map(monthStart))]);
    const frozen = rows.find((r) => settled.has(`${r.index}|${r.day.slice(0, 7)}`));
    if (frozen) throw conflict(m('trade.index.month_settled', { month: frozen.day.slice(0, 7) }));
    const recorded = await recordedDays(trx, indexes, days);
    if (rows.some((r) => recorded.has(`${r.index}|${r.day}`))) throw conflict(m('trade.import.changed'));
    await trx
      .insertInto('trade_index_prices')
      .values(rows.map((r) => ({ index_code: r.index, day: r.day, price_fen: r.fen, entered_by: env.actor.userId })))
      .execute();
    for (const index of indexes) {
      const own = rows.filter((r) => r.index === index).sort((a, b) => (a.day < b.day ? -1 : 1));
      await writeAudit(trx, env.actor, {
        action: 'trade.index.import',
        entity: 'trade_index',
        entityId: null,
        orgId: env.actor.orgId,
        after: { index, days: own.length, from: own[0].day, to: own[own.length - 1].day, prices: own.map((r) => ({ day: r.day, price: formatYuan(BigInt(r.fen)) })) },
      });
    }
    return rows.length;
  },
  preview: (r) => ({ index: r.index, day: r.day, price: formatYuan(BigInt(r.fen)) }),
};
