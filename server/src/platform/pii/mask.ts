/** Masking for display: enough to recognise a record, not enough to use the number. */

/** 500229198001011234 → 5002**********1234 (first 4 and last 4, as SPEC §0 shows). */
export function maskIdNumber(n: string): string {
  if (n.length <= 8) return '*'.repeat(n.length);
  return n.slice(0, 4) + '*'.repeat(n.length - 8) + n.slice(-4);
}

/** 13812345678 → 138****5678 */
export function maskPhone(p: string): string {
  // Seven characters or fewer leave nothing to hide behind 3 + 4 visible digits: star them all.
  if (p.length <= 7) return '*'.repeat(p.length);
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}

/** 王小明 → 王** ; two characters → 王* ; Latin names keep the first letter. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '*'.repeat(chars.length - 1);
}
