/**
 * GS1 identifiers and element strings (pure): the check digit, GTIN-14 and SSCC, the element strings a unit's
 * laser mark and a pallet's label carry, and the reading of what a scanner types as a keyboard.
 *
 * References are to the GS1 General Specifications (GenSpecs; section numbers of the releases since 2017): §3.2 the Application Identifiers (AI
 * 00 SSCC n2+n18, 01 GTIN n2+n14, 10 batch/lot n2+X..20, 11 production date n2+n6, 21 serial n2+X..20), §7.8.5
 * concatenation (AIs with a predefined length need no separator; any other field is ended by FNC1, which a scanner
 * transmits as GS, 0x1D), §7.9.1 the standard check digit, §7.11 the 82-character set of X fields, §7.12 the
 * century of a YYMMDD date.
 */
import { invalid } from '../../../platform/errors';
import { m } from '../messages';

/** The ASCII group separator a scanner sends for a GS1 FNC1 separator. */
export const GS = '\x1d';

/** GenSpecs §7.11, Figure 7.11-1: the characters an X field (serial, lot) may hold. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

/** The AIs this plant writes or reads, with their fixed length or maximum length (GenSpecs §3.2). */
const AIS = {
  '00': { fixed: 18, kind: 'check' },
  '01': { fixed: 14, kind: 'check' },
  '02': { fixed: 14, kind: 'check' },
  '10': { max: 20, kind: 'text' },
  '11': { fixed: 6, kind: 'date' },
  '13': { fixed: 6, kind: 'date' },
  '15': { fixed: 6, kind: 'date' },
  '17': { fixed: 6, kind: 'date' },
  '21': { max: 20, kind: 'text' },
  '37': { max: 8, kind: 'digits' },
} as const satisfies Record<string, { fixed: number; kind: string } | { max: number; kind: string }>;
export type Gs1Ai = keyof typeof AIS;

const isAi = (ai: string): ai is Gs1Ai => Object.hasOwn(AIS, ai);
const fixedLength = (ai: Gs1Ai): number | null => {
  const def = AIS[ai];
  return 'fixed' in def ? def.fixed : null;
};

/** Longest scanner input read: a GS1 DataMatrix holds at most 3,116 digits, a label's element string far fewer. */
export const MAX_SCAN_LENGTH = 512;

export interface Gs1Element {
  ai: Gs1Ai;
  value: string;
}

/** GenSpecs §7.9.1: weights 3, 1, 3, … from the rightmost digit before the check digit; the check digit tops the sum up to a multiple of 10. */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  if (!/^\d+$/.test(digitsWithoutCheck)) throw new RangeError('digits only');
  let sum = 0;
  for (let i = digitsWithoutCheck.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += (digitsWithoutCheck.charCodeAt(i) - 48) * w;
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit is the GS1 check digit of the ones before it. */
export function hasValidCheckDigit(digits: string): boolean {
  return /^\d{2,}$/.test(digits) && gs1CheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}

export const isGtin14 = (s: string): boolean => /^\d{14}$/.test(s) && hasValidCheckDigit(s);
export const isSscc = (s: string): boolean => /^\d{18}$/.test(s) && hasValidCheckDigit(s);

/** A GTIN-8, -12, -13 or -14 right-justified in 14 digits (GenSpecs §3.3.2), or an invalid error. */
export function toGtin14(gtin: string): string {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin)) throw invalid(m('factory.gs1.gtin_format'));
  const g = gtin.padStart(14, '0');
  if (!hasValidCheckDigit(g)) throw invalid(m('factory.gs1.check_digit', { ai: '01' }));
  return g;
}

/**
 * An SSCC (GenSpecs §3.3.1): extension digit, GS1 Company Prefix (4–12 digits), serial reference zero-padded to
 * fill 17 digits, check digit. A serial reference too large for the prefix's room is an error, never truncated.
 */
export function buildSscc(extension: number, companyPrefix: string, serialReference: number | bigint): string {
  if (!Number.isInteger(extension) || extension < 0 || extension > 9) throw invalid(m('factory.gs1.sscc_extension'));
  if (!/^\d{4,12}$/.test(companyPrefix)) throw invalid(m('factory.gs1.company_prefix'));
  const room = 16 - companyPrefix.length;
  const ref = BigInt(serialReference);
  if (ref < 0n || ref >= 10n ** BigInt(room)) throw invalid(m('factory.gs1.sscc_serial_range', { digits: room }));
  const body = `${extension}${companyPrefix}${ref.toString().padStart(room, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

/** A calendar day (YYYY-MM-DD) as a GS1 date field YYMMDD. */
export function gs1Date(isoDay: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!d || !realDay(+d[1]!, +d[2]!, +d[3]!)) throw invalid(m('factory.gs1.date', { ai: '11', value: isoDay }));
  return `${d[1]!.slice(2)}${d[2]}${d[3]}`;
}

function realDay(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * GenSpecs §7.12: YY is taken in the century that puts it nearest the current year — 51–99 years ahead means the
 * century before, 50–99 years behind the century after. DD 00 (only the month is known) is read as the month's
 * last day, as GS1 reads it for best-before and expiry dates; the element keeps the 00.
 */
export function resolveGs1Date(yymmdd: string, currentYear: number): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = +yymmdd.slice(0, 2);
  const mo = +yymmdd.slice(2, 4);
  let dd = +yymmdd.slice(4, 6);
  const cc = Math.floor(currentYear / 100);
  const diff = yy - (currentYear % 100);
  const century = diff >= 51 ? cc - 1 : diff <= -50 ? cc + 1 : cc;
  const year = century * 100 + yy;
  if (mo < 1 || mo > 12) return null;
  if (dd === 0) dd = new Date(Date.UTC(year, mo, 0)).getUTCDate();
  if (!realDay(year, mo, dd)) return null;
  return `${year}-${String(mo).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Checks one element's value against its AI's format; throws the invalid error a person sees. */
function checkElement(e: Gs1Element, currentYear: number): void {
  const def = AIS[e.ai];
  const fixed = fixedLength(e.ai);
  if (fixed !== null && e.value.length !== fixed) throw invalid(m('factory.gs1.length', { ai: e.ai, length: fixed }));
  if ('max' in def && (e.value.length < 1 || e.value.length > def.max)) throw invalid(m('factory.gs1.max_length', { ai: e.ai, max: def.max }));
  switch (def.kind) {
    case 'check':
      if (!/^\d+$/.test(e.value)) throw invalid(m('factory.gs1.digits', { ai: e.ai }));
      if (!hasValidCheckDigit(e.value)) throw invalid(m('factory.gs1.check_digit', { ai: e.ai }));
      return;
    case 'digits':
      if (!/^\d+$/.test(e.value)) throw invalid(m('factory.gs1.digits', { ai: e.ai }));
      return;
    case 'date':
      // DD 00 (only year and month known) is valid for every date AI here, as in GS1's syntax dictionary (N6,yymmd0).
      if (resolveGs1Date(e.value, currentYear) === null) throw invalid(m('factory.gs1.date', { ai: e.ai, value: e.value }));
      return;
    case 'text':
      if (!CSET82.test(e.value)) throw invalid(m('factory.gs1.characters', { ai: e.ai }));
      return;
  }
}

/**
 * A serial or lot as this plant writes it: GS1 character set 82 without parentheses — the human-readable form
 * puts each AI in parentheses, so a value holding one would print ambiguously (and scanners' parenthesised output
 * could not be read back).
 */
function checkWritable(e: Gs1Element): void {
  if (AIS[e.ai].kind === 'text' && /[()]/.test(e.value)) throw invalid(m('factory.gs1.parentheses', { ai: e.ai }));
}

/** The human-readable element string: (01)06975432100014(21)L1-000123(11)261207. */
export function humanReadable(elements: readonly Gs1Element[]): string {
  return elements.map((e) => `(${e.ai})${e.value}`).join('');
}

/**
 * The element string as a symbol carries it after its leading FNC1 (and as a scanner types it): AIs and values
 * run together, a GS after every field without a predefined length unless it is the last.
 */
export function rawElementString(elements: readonly Gs1Element[]): string {
  return elements.map((e, i) => `${e.ai}${e.value}${fixedLength(e.ai) === null && i < elements.length - 1 ? GS : ''}`).join('');
}

/** Checks a list of elements for writing: each valid, none twice, at least one; returns it unchanged. */
export function checkElements(elements: readonly Gs1Element[], currentYear = new Date().getUTCFullYear()): readonly Gs1Element[] {
  if (elements.length === 0) throw invalid(m('factory.gs1.empty'));
  const seen = new Set<string>();
  for (const e of elements) {
    if (!isAi(e.ai)) throw invalid(m('factory.gs1.unknown_ai', { ai: String(e.ai) }));
    if (seen.has(e.ai)) throw invalid(m('factory.gs1.duplicate_ai', { ai: e.ai }));
    seen.add(e.ai);
    checkElement(e, currentYear);
    checkWritable(e);
  }
  return elements;
}

export interface UnitIdentifier {
  gtin: string;
  serial: string;
  /** Production day, YYYY-MM-DD (the plant's calendar day). */
  productionDate?: string;
}

/** A unit's product identifier, in the order the plant marks it: (01) GTIN, (21) serial, (11) production date. */
export function unitElements(id: UnitIdentifier): Gs1Element[] {
  const elements: Gs1Element[] = [
    { ai: '01', value: toGtin14(id.gtin) },
    { ai: '21', value: id.serial },
  ];
  if (id.productionDate !== undefined) elements.push({ ai: '11', value: gs1Date(id.productionDate) });
  checkElements(elements, id.productionDate ? +id.productionDate.slice(0, 4) : undefined);
  return elements;
}

/** A logistic unit's identifier: (00) SSCC. */
export function palletElements(sscc: string): Gs1Element[] {
  return [...checkElements([{ ai: '00', value: sscc }])];
}

/** What a scan said: the fields this plant uses, each null when absent, and every element in the order read. */
export interface Gs1Scan {
  gtin: string | null;
  serial: string | null;
  /** (11) production date as YYYY-MM-DD (a day of 00 as the month's last day; `elements` keeps what was scanned). */
  date: string | null;
  sscc: string | null;
  lot: string | null;
  elements: Gs1Element[];
}

/** Symbology identifiers (ISO/IEC 15424) of the GS1 data carriers: their data is a GS1 element string. */
const GS1_SYMBOLOGIES = new Set([']C1', ']d2', ']Q3', ']e0', ']J1']);

/**
 * Reads what a scanner typed: the parenthesised human-readable form, or the raw element string with GS
 * separators, either optionally after a symbology identifier (]d2 GS1 DataMatrix, ]C1 GS1-128, ]Q3 GS1 QR Code,
 * ]e0 GS1 DataBar). Surrounding white space and the Enter a scanner ends with are ignored. Anything else is an
 * invalid error with a message key: unknown AI, wrong length, bad check digit, bad date, bad characters, an AI
 * twice.
 */
export function parseGs1Scan(input: string, currentYear = new Date().getUTCFullYear()): Gs1Scan {
  if (input.length > MAX_SCAN_LENGTH) throw invalid(m('factory.gs1.too_long', { max: MAX_SCAN_LENGTH }));
  let s = input.replace(/^[\s]+|[\s]+$/g, '');
  if (s.startsWith(']')) {
    const id = s.slice(0, 3);
    if (!GS1_SYMBOLOGIES.has(id)) throw invalid(m('factory.gs1.not_gs1'));
    s = s.slice(3);
  }
  if (s === '') throw invalid(m('factory.gs1.empty'));
  const elements = s.startsWith('(') ? parseParenthesised(s) : parseRaw(s);
  const seen = new Set<string>();
  for (const e of elements) {
    if (seen.has(e.ai)) throw invalid(m('factory.gs1.duplicate_ai', { ai: e.ai }));
    seen.add(e.ai);
    checkElement(e, currentYear);
  }
  const get = (ai: Gs1Ai) => elements.find((e) => e.ai === ai)?.value ?? null;
  const date = get('11');
  return {
    gtin: get('01'),
    serial: get('21'),
    date: date === null ? null : resolveGs1Date(date, currentYear),
    sscc: get('00'),
    lot: get('10'),
    elements,
  };
}

function readAi(ai: string): Gs1Ai {
  if (!isAi(ai)) throw invalid(m('factory.gs1.unknown_ai', { ai }));
  return ai;
}

/** (AI)value(AI)value…; a value runs to the next "(" (values written here never hold one). */
function parseParenthesised(s: string): Gs1Element[] {
  const out: Gs1Element[] = [];
  const re = /\((\d{2,4})\)([^(]*)/y;
  let at = 0;
  while (at < s.length) {
    re.lastIndex = at;
    const hit = re.exec(s);
    if (!hit) throw invalid(m('factory.gs1.malformed'));
    // A scanner set to parenthesised output may still put a GS after a variable field.
    let value = hit[2]!;
    while (value.endsWith(GS)) value = value.slice(0, -1);
    out.push({ ai: readAi(hit[1]!), value });
    at = re.lastIndex;
  }
  return out;
}

/** AI, then its predefined length or everything up to the next GS (GenSpecs §7.8.5). */
function parseRaw(s: string): Gs1Element[] {
  const out: Gs1Element[] = [];
  let at = s.startsWith(GS) ? 1 : 0;
  while (at < s.length) {
    const ai = s.slice(at, at + 2);
    if (!/^\d{2}$/.test(ai)) throw invalid(m('factory.gs1.malformed'));
    const known = readAi(ai);
    at += 2;
    const fixed = fixedLength(known);
    let value: string;
    if (fixed !== null) {
      value = s.slice(at, at + fixed);
      at += fixed;
      // A GS after a predefined-length field is superfluous but harmless (GenSpecs §7.8.5 does not forbid a reader to skip it).
      if (s[at] === GS) at++;
    } else {
      const end = s.indexOf(GS, at);
      value = s.slice(at, end < 0 ? s.length : end);
      at = end < 0 ? s.length : end + 1;
    }
    out.push({ ai: known, value });
  }
  return out;
}
