/**
 * GB 11643-1999 citizen identity numbers: 6-digit region (GB/T 2260), 8-digit birth date, 3-digit sequence
 * (odd: male, even: female), and an ISO 7064 MOD 11-2 check character (0-9 or X). One implementation for both sides:
 * the web checks a number as it is typed (`idNumberProblem`), the server checks it again with a stricter region
 * look-up and stays the authority.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'format' | 'region' | 'birth_date' | 'check_digit';

export interface IdNumberInfo {
  /** Upper-cased, trimmed number. */
  number: string;
  regionCode: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
}

export type IdNumberResult = { ok: true; value: IdNumberInfo } | { ok: false; problem: IdNumberProblem; message: string };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Province-level prefixes in use (GB/T 2260), so that 00xxxx or 99xxxx never pass as a region. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export interface ValidateOptions {
  /** The date to judge "born in the future" against; defaults to now. */
  today?: Date;
  /** A stricter region check, e.g. "is this county in our regions table"; the default checks the province only. */
  knownRegion?: (code6: string) => boolean;
}

export function validateIdNumber(input: string, opts: ValidateOptions = {}): IdNumberResult {
  const number = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) {
    return { ok: false, problem: 'format', message: 'ID number must be 17 digits followed by a digit or X' };
  }
  const regionCode = number.slice(0, 6);
  if (!PROVINCES.has(regionCode.slice(0, 2)) || (opts.knownRegion && !opts.knownRegion(regionCode))) {
    return { ok: false, problem: 'region', message: `ID number region code ${regionCode} is not a known division` };
  }
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const today = opts.today ?? new Date();
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1900 || date.getTime() > today.getTime()) {
    return { ok: false, problem: 'birth_date', message: `ID number birth date ${number.slice(6, 14)} is not a possible date` };
  }
  if (checkCharacter(number.slice(0, 17)) !== number[17]) {
    return { ok: false, problem: 'check_digit', message: 'ID number check digit is wrong' };
  }
  return {
    ok: true,
    value: {
      number,
      regionCode,
      birthDate: `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`,
      sex: Number(number[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** null when the number is well formed, else what is wrong with it (the web's field check). A lower-case x is accepted. */
export function idNumberProblem(input: string, today: Date = new Date()): IdNumberProblem | null {
  const r = validateIdNumber(input, { today });
  return r.ok ? null : r.problem;
}

/** Builds a valid number from its parts, for synthetic demo people and tests. */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = regionCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  return first17 + checkCharacter(first17);
}
