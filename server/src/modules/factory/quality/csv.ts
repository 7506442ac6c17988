import { qualityError } from './errors';
import { boundedLines } from './lines';

/**
 * Measurement import from CSV (RFC 4180: comma-separated, a field may be quoted with "" for a quote inside; no line
 * breaks inside a field). The first line is the header `serial,characteristic,value,measured_at` (any order, any
 * case; the Chinese 序列号, 特性, 测量值, 测量时间 too). `measured_at` is ISO 8601 with its offset
 * (2026-12-07T08:30:00+08:00 or …Z), returned as UTC ISO. Pure and bounded like the .dfq reader; every refusal is a
 * `QualityInputError` with the 1-based line.
 */

export interface CsvLimits {
  bytes: number;
  lines: number;
  field: number;
}
export const CSV_LIMITS: Readonly<CsvLimits> = Object.freeze({ bytes: 10 * 1024 * 1024, lines: 200_000, field: 255 });

export interface CsvMeasurement {
  /** The file line the row came from (1-based, the header is line 1). */
  line: number;
  serial: string;
  characteristic: string;
  value: number;
  /** UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`. */
  measuredAt: string;
}

const COLUMNS = ['serial', 'characteristic', 'value', 'measured_at'] as const;
type Column = (typeof COLUMNS)[number];
const ALIASES: Record<string, Column> = { 序列号: 'serial', 特性: 'characteristic', 测量值: 'value', 测量时间: 'measured_at' };
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/;

function splitRow(text: string, line: number, maxField: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw qualityError('factory.csv.quote', { line });
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      const next = text.indexOf(',', i);
      if (text.slice(i, next === -1 ? text.length : next).trim() !== '') throw qualityError('factory.csv.quote', { line });
      i = next === -1 ? text.length : next;
    } else {
      const next = text.indexOf(',', i);
      field = text.slice(i, next === -1 ? text.length : next);
      i = next === -1 ? text.length : next;
    }
    if (field.length > maxField) throw qualityError('factory.import.field_too_long', { line, max: maxField });
    fields.push(field.trim());
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

function utc(text: string, line: number): string {
  const m = TIME.exec(text);
  const fail = () => qualityError('factory.csv.bad_time', { line, value: text.slice(0, 40) });
  if (!m) throw fail();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) throw fail();
  const ms = Date.parse(text.replace(' ', 'T'));
  if (Number.isNaN(ms)) throw fail();
  return new Date(ms).toISOString();
}

export function parseMeasurementCsv(text: string, limits: CsvLimits = CSV_LIMITS): CsvMeasurement[] {
  if (Buffer.byteLength(text, 'utf8') > limits.bytes) throw qualityError('factory.import.too_large', { max: limits.bytes });
  const lines = boundedLines(text.replace(/^\uFEFF/, ''), limits.lines);
  if (lines.length === 0 || lines[0]!.trim() === '') throw qualityError('factory.csv.header');
  const header = splitRow(lines[0]!, 1, limits.field).map((h) => ALIASES[h] ?? (h.toLowerCase() as Column));
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<Column, number>;
  if (header.length !== COLUMNS.length || COLUMNS.some((c) => at[c] === -1)) throw qualityError('factory.csv.header');
  const rows: CsvMeasurement[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    if (CONTROL.test(raw)) throw qualityError('factory.import.control_character', { line });
    const cells = splitRow(raw, line, limits.field);
    if (cells.length !== COLUMNS.length) throw qualityError('factory.csv.columns', { line, count: cells.length });
    const get = (c: Column) => {
      const v = cells[at[c]]!;
      if (v === '') throw qualityError('factory.csv.required', { line, field: c });
      return v;
    };
    const value = get('value');
    if (!NUMBER.test(value)) throw qualityError('factory.import.bad_number', { line, field: 'value', value: value.slice(0, 40) });
    rows.push({ line, serial: get('serial'), characteristic: get('characteristic'), value: Number(value), measuredAt: utc(get('measured_at'), line) });
  }
  if (rows.length === 0) throw qualityError('factory.import.empty');
  return rows;
}
