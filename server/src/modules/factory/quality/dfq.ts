import { qualityError } from './errors';
import { boundedLines } from './lines';

/**
 * The Q-DAS ASCII transfer format (AQDEF, files *.dfq), the file automotive quality engineers exchange measured
 * values in: import (`parseDfq`) and export (`writeDfq`), pure and bounded. Described by Q-DAS GmbH, "Q-DAS ASCII
 * transfer format" manual, version 12 (https://www.q-das.com/fileadmin/mediamanager/Datenformat_Dokumente/
 * Q-DAS_ASCII-Transfer-Format_ENG_V12_ec.pdf, the reference the open readers aqdef-reader and diribet/aqdef-tools
 * are written against). What this reads:
 * - K-field lines `Knnnn[/i] value`: K1xxx describe the part (K1001 part number, K1002 title), K2xxx the
 *   characteristic i (K2001 number, K2002 description, K2101 nominal, K2110 lower and K2111 upper specification
 *   limit, K2142 unit; /0 means every characteristic), K0xxx a measured value of characteristic i (K0001 value,
 *   K0002 attribute, K0004 date/time, K0005 events, K0006 batch, K0007 nest, K0008 operator, K0010 machine,
 *   K0011 process parameter, K0012 gauge); K0100 is the number of characteristics;
 * - value lines: one line per measured part, characteristics separated by 0x0F, and in each the value, attribute,
 *   date/time, events, batch, nest, operator, machine, process parameter and gauge separated by 0x14; a line may be
 *   a single number.
 * Dates are `DD.MM.YYYY/HH:MM:SS` local time (also `D.M.YY`, without seconds, or a space for the slash); they are
 * returned as ISO local time `YYYY-MM-DDTHH:MM:SS` with no offset — the caller knows the plant's time zone.
 * One part per file (a second part is refused), variables characteristics; other K-fields (K5xxx groups, …) are
 * kept in `other` and written back. Every refusal is a `QualityInputError` with the 1-based line.
 */

export interface DfqLimits {
  bytes: number;
  lines: number;
  characteristics: number;
  values: number;
  field: number;
}

export const DFQ_LIMITS: Readonly<DfqLimits> = Object.freeze({
  /** Bytes of the file (the import upload route reads at most 10 MiB). */
  bytes: 10 * 1024 * 1024,
  lines: 200_000,
  characteristics: 1_000,
  values: 500_000,
  /** Characters of one K-field value or one field of a value line. */
  field: 255,
});

export interface DfqPart {
  /** K1001 */
  number: string | null;
  /** K1002 */
  title: string | null;
  /** Every K1xxx field of the part, K-key → text, as in the file. */
  fields: Record<string, string>;
}

export interface DfqCharacteristic {
  /** The /i of its K-fields (1-based). */
  index: number;
  /** K2001 */
  number: string | null;
  /** K2002 */
  name: string | null;
  /** K2101, K2110, K2111 */
  nominal: number | null;
  lsl: number | null;
  usl: number | null;
  /** K2142 */
  unit: string | null;
  /** Every K2xxx field of the characteristic (including /0 ones), K-key → text. */
  fields: Record<string, string>;
}

export interface DfqValue {
  characteristic: number;
  /** The measured part: the n-th value line, or the n-th K0001 of this characteristic (1-based). */
  record: number;
  /** K0001; null when the field is empty (not measured). */
  value: number | null;
  /** K0002 (0 = valid value; Q-DAS attribute codes otherwise). */
  attribute: number | null;
  /** K0004 as ISO local time, no offset. */
  measuredAt: string | null;
  events: string | null;
  batch: string | null;
  nest: string | null;
  operator: string | null;
  machine: string | null;
  processParameter: string | null;
  gauge: string | null;
}

export interface DfqOtherField {
  key: string;
  index: number | null;
  value: string;
}

export interface DfqFile {
  part: DfqPart;
  characteristics: DfqCharacteristic[];
  values: DfqValue[];
  other: DfqOtherField[];
}

const VALUE_SEP = '\u000f';
const FIELD_SEP = '\u0014';
/** The order of a value's fields on a value line (0x14 between them). */
const LINE_FIELDS = ['value', 'attribute', 'measuredAt', 'events', 'batch', 'nest', 'operator', 'machine', 'processParameter', 'gauge'] as const;
/** K-key of each value field. */
const VALUE_KEYS: Record<(typeof LINE_FIELDS)[number], string> = {
  value: 'K0001',
  attribute: 'K0002',
  measuredAt: 'K0004',
  events: 'K0005',
  batch: 'K0006',
  nest: 'K0007',
  operator: 'K0008',
  machine: 'K0010',
  processParameter: 'K0011',
  gauge: 'K0012',
};
const FIELD_BY_KEY = new Map(Object.entries(VALUE_KEYS).map(([f, k]) => [k, f as (typeof LINE_FIELDS)[number]]));

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const K_LINE = /^K(\d{4})(?:\/(\d{1,6}))?(?:[ \t](.*))?$/;
const DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})[/ ](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?$/;

function parseNumber(text: string, line: number, field: string): number {
  const t = text.trim();
  if (!NUMBER.test(t)) throw qualityError('factory.import.bad_number', { line, field, value: t.slice(0, 40) });
  return Number(t);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `DD.MM.YYYY/HH:MM:SS` (and the short forms) → `YYYY-MM-DDTHH:MM:SS`. */
export function parseDfqDate(text: string, line: number): string {
  const m = DATE.exec(text.trim());
  const fail = () => qualityError('factory.dfq.bad_date', { line, value: text.trim().slice(0, 40) });
  if (!m) throw fail();
  const [d, mo, y2, h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const y = m[3]!.length === 2 ? 2000 + y2 : y2;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw fail();
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/** `YYYY-MM-DDTHH:MM:SS` → `DD.MM.YYYY/HH:MM:SS`. */
export function formatDfqDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO local date and time: ${iso}`);
  return `${m[3]}.${m[2]}.${m[1]}/${m[4]}:${m[5]}:${m[6]}`;
}

/** Text of a file as bytes: UTF-8 when it is valid UTF-8, else Windows-1252 (what older Q-DAS tools write). */
export function decodeDfq(bytes: Uint8Array, limits: DfqLimits = DFQ_LIMITS): string {
  if (bytes.byteLength > limits.bytes) throw qualityError('factory.import.too_large', { max: limits.bytes });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function emptyValue(characteristic: number, record: number): DfqValue {
  return {
    characteristic,
    record,
    value: null,
    attribute: null,
    measuredAt: null,
    events: null,
    batch: null,
    nest: null,
    operator: null,
    machine: null,
    processParameter: null,
    gauge: null,
  };
}

function setField(v: DfqValue, field: (typeof LINE_FIELDS)[number], text: string, line: number): void {
  const t = text.trim();
  if (t === '') return;
  if (field === 'value') v.value = parseNumber(t, line, 'K0001');
  else if (field === 'attribute') v.attribute = parseNumber(t, line, 'K0002');
  else if (field === 'measuredAt') v.measuredAt = parseDfqDate(t, line);
  else v[field] = t;
}

// Control characters other than tab and the two separators (NUL, ESC, …) have no place in a transfer file.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u000e\u0010-\u0013\u0015-\u001f\u007f]/;

/** Parses a .dfq file (text, or bytes decoded by `decodeDfq`). */
export function parseDfq(input: string | Uint8Array, limits: DfqLimits = DFQ_LIMITS): DfqFile {
  const text = typeof input === 'string' ? input : decodeDfq(input, limits);
  if (typeof input === 'string' && Buffer.byteLength(input, 'utf8') > limits.bytes) throw qualityError('factory.import.too_large', { max: limits.bytes });
  const lines = boundedLines(text.replace(/^\uFEFF/, ''), limits.lines);

  const part: DfqPart = { number: null, title: null, fields: {} };
  const chars = new Map<number, DfqCharacteristic>();
  const forAll: Record<string, string> = {};
  const values: DfqValue[] = [];
  const other: DfqOtherField[] = [];
  /** The last value of each characteristic from K0001/i lines, which K0002/i … K0012/i complete. */
  const lastKeyed = new Map<number, DfqValue>();
  const keyedCount = new Map<number, number>();
  let valueLines = 0;

  const characteristic = (index: number, line: number): DfqCharacteristic => {
    let c = chars.get(index);
    if (!c) {
      if (chars.size >= limits.characteristics) throw qualityError('factory.dfq.too_many_characteristics', { line, max: limits.characteristics });
      c = { index, number: null, name: null, nominal: null, lsl: null, usl: null, unit: null, fields: {} };
      chars.set(index, c);
    }
    return c;
  };
  const known = (index: number, line: number) => {
    if (!chars.has(index)) throw qualityError('factory.dfq.unknown_characteristic', { line, index });
    return chars.get(index)!;
  };
  const push = (v: DfqValue) => {
    if (values.length >= limits.values) throw qualityError('factory.import.too_many_values', { max: limits.values });
    values.push(v);
  };

  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (text === '') return;
    if (CONTROL.test(text)) throw qualityError('factory.import.control_character', { line });
    if (text[0] === 'K' || text[0] === 'k') {
      const m = K_LINE.exec(text);
      if (!m) throw qualityError('factory.dfq.bad_key', { line, key: text.split(/[ \t]/)[0]!.slice(0, 20) });
      if (text.includes(VALUE_SEP) || text.includes(FIELD_SEP)) throw qualityError('factory.import.control_character', { line });
      const key = `K${m[1]}`;
      const index = m[2] === undefined ? null : Number(m[2]);
      const value = (m[3] ?? '').trim();
      if (value.length > limits.field) throw qualityError('factory.import.field_too_long', { line, max: limits.field });
      const family = key[1];
      if (family === '1') {
        if (index !== null && index > 1) throw qualityError('factory.dfq.one_part', { line, key: `${key}/${index}` });
        part.fields[key] = value;
        if (key === 'K1001') part.number = value || null;
        if (key === 'K1002') part.title = value || null;
      } else if (family === '2') {
        if (index === 0) forAll[key] = value;
        else applyCharField(characteristic(index ?? 1, line), key, value, line);
      } else if (key === 'K0100') {
        // the number of characteristics: recomputed when written
      } else if (family === '0' && FIELD_BY_KEY.has(key)) {
        const c = known(index ?? 1, line).index;
        const field = FIELD_BY_KEY.get(key)!;
        if (field === 'value') {
          const record = (keyedCount.get(c) ?? 0) + 1;
          keyedCount.set(c, record);
          const v = emptyValue(c, record);
          setField(v, 'value', value, line);
          lastKeyed.set(c, v);
          push(v);
        } else {
          const v = lastKeyed.get(c);
          if (!v) throw qualityError('factory.dfq.unknown_characteristic', { line, index: c });
          setField(v, field, value, line);
        }
      } else {
        other.push({ key, index, value });
      }
      return;
    }
    // A value line: characteristics separated by 0x0F, fields by 0x14 (or a single number).
    if (!text.includes(VALUE_SEP) && !text.includes(FIELD_SEP) && !NUMBER.test(text)) throw qualityError('factory.dfq.bad_line', { line });
    valueLines++;
    const portions = raw.replace(/\r$/, '').split(VALUE_SEP);
    if (portions.length > limits.characteristics) throw qualityError('factory.dfq.too_many_characteristics', { line, max: limits.characteristics });
    portions.forEach((portion, k) => {
      // An empty portion is a characteristic not measured on this part.
      if (portion.trim() === '') return;
      const c = known(k + 1, line).index;
      const fields = portion.split(FIELD_SEP);
      if (fields.length > LINE_FIELDS.length) throw qualityError('factory.dfq.bad_line', { line });
      const v = emptyValue(c, valueLines);
      fields.forEach((f, j) => {
        if (f.length > limits.field) throw qualityError('factory.import.field_too_long', { line, max: limits.field });
        setField(v, LINE_FIELDS[j]!, f, line);
      });
      push(v);
    });
  });

  if (chars.size === 0) throw qualityError('factory.dfq.no_characteristics');
  const characteristics = [...chars.values()].sort((a, b) => a.index - b.index);
  // K2xxx/0 applies to every characteristic that has no value of its own for that field.
  for (const c of characteristics) for (const [k, v] of Object.entries(forAll)) if (!(k in c.fields)) applyCharField(c, k, v, 0);
  return { part, characteristics, values, other };
}

function applyCharField(c: DfqCharacteristic, key: string, value: string, line: number): void {
  c.fields[key] = value;
  const num = () => (value === '' ? null : parseNumber(value, line, key));
  if (key === 'K2001') c.number = value || null;
  else if (key === 'K2002') c.name = value || null;
  else if (key === 'K2101') c.nominal = num();
  else if (key === 'K2110') c.lsl = num();
  else if (key === 'K2111') c.usl = num();
  else if (key === 'K2142') c.unit = value || null;
}

const fmt = (n: number) => String(n);

/**
 * Writes a .dfq file: K0100, the part's K1xxx fields, each characteristic's K2xxx fields (its `fields`, with
 * number, name, limits and unit from the typed properties), the other K-fields, then one value line per record
 * (0x0F between characteristics, 0x14 between fields, trailing empty fields left out). CRLF line ends.
 */
export function writeDfq(file: DfqFile): string {
  const out: string[] = [`K0100 ${file.characteristics.length}`];
  const partFields: Record<string, string> = { ...file.part.fields };
  if (file.part.number !== null) partFields.K1001 = file.part.number;
  if (file.part.title !== null) partFields.K1002 = file.part.title;
  for (const k of Object.keys(partFields).sort()) out.push(`${k}/1 ${partFields[k]}`);
  const ordered = [...file.characteristics].sort((a, b) => a.index - b.index);
  for (const c of ordered) {
    const f: Record<string, string> = { ...c.fields };
    const put = (k: string, v: string | number | null) => {
      if (v === null) delete f[k];
      // A number keeps the file's own spelling of it (1.50 stays 1.50) unless it was changed.
      else if (typeof v === 'number') f[k] = f[k] !== undefined && f[k].trim() !== '' && Number(f[k]) === v ? f[k] : fmt(v);
      else f[k] = v;
    };
    put('K2001', c.number);
    put('K2002', c.name);
    put('K2101', c.nominal);
    put('K2110', c.lsl);
    put('K2111', c.usl);
    put('K2142', c.unit);
    for (const k of Object.keys(f).sort()) out.push(`${k}/${c.index} ${f[k]}`);
  }
  for (const o of file.other) out.push(o.index === null ? `${o.key} ${o.value}` : `${o.key}/${o.index} ${o.value}`);
  const records = new Map<number, Map<number, DfqValue>>();
  for (const v of file.values) {
    let r = records.get(v.record);
    if (!r) records.set(v.record, (r = new Map()));
    r.set(v.characteristic, v);
  }
  const last = ordered.length ? ordered[ordered.length - 1]!.index : 0;
  for (const r of [...records.keys()].sort((a, b) => a - b)) {
    const row = records.get(r)!;
    const portions: string[] = [];
    for (let c = 1; c <= last; c++) {
      const v = row.get(c);
      if (!v) {
        portions.push('');
        continue;
      }
      const fields = LINE_FIELDS.map((name) => {
        const x = v[name];
        if (x === null) return '';
        if (name === 'measuredAt') return formatDfqDate(x as string);
        return typeof x === 'number' ? fmt(x) : x;
      });
      while (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
      portions.push(fields.join(FIELD_SEP));
    }
    out.push(portions.join(VALUE_SEP));
  }
  return `${out.join('\r\n')}\r\n`;
}
