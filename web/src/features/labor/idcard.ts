/**
 * GB 11643-1999 citizen identity number, checked in the browser so a typo shows before the form is sent: 6-digit
 * region, 8-digit birth date, 3-digit sequence, ISO 7064 MOD 11-2 check character (0–9 or X). The server runs
 * the same checks (platform/pii/idcard.ts) and a stricter region look-up; it stays the authority.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);

export type IdCardProblem = 'format' | 'region' | 'birth_date' | 'check_digit';

/** The check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** null when the number is well formed, else what is wrong with it. A lower-case x is accepted. */
export function idCardProblem(input: string, today: Date = new Date()): IdCardProblem | null {
  const n = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(n)) return 'format';
  if (!PROVINCES.has(n.slice(0, 2))) return 'region';
  const y = Number(n.slice(6, 10));
  const m = Number(n.slice(10, 12));
  const d = Number(n.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  if (!real || y < 1900 || date.getTime() > today.getTime()) return 'birth_date';
  if (idCheckCharacter(n.slice(0, 17)) !== n[17]) return 'check_digit';
  return null;
}
