import { dictionary } from '@zxcvbn-ts/language-common';
import type { Msg } from '../../platform/errors';
import { m } from './messages';

/**
 * NIST SP 800-63B, 3.1.1.2: beyond the length the contract checks (at least 10 characters), a password must not be
 * a commonly used one, nor contain the account's own names. The list is the frequency-ordered common-password
 * dictionary of @zxcvbn-ts/language-common (MIT; derived from leaked-password corpora, ~49,000 entries); only
 * entries as long as the minimum can ever match, so only those are kept. Compared case-insensitively.
 */
const MIN_LENGTH = 10;
const COMMON = new Set((dictionary['passwords-common'] as string[]).filter((p) => p.length >= MIN_LENGTH).map((p) => p.toLowerCase()));

/** One character repeated, or a run of consecutive characters (1234567890, abcdefghij, 9876543210). */
function trivial(pw: string): boolean {
  if (new Set(pw).size === 1) return true;
  const steps = new Set<number>();
  for (let i = 1; i < pw.length; i++) steps.add(pw.charCodeAt(i) - pw.charCodeAt(i - 1));
  return steps.size === 1 && [...steps].every((d) => Math.abs(d) === 1);
}

/** The field message for a password the policy refuses, or null when it passes. `names`: the account's names. */
export function passwordProblem(password: string, names: { username: string; displayName?: string | null }): Msg | null {
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || trivial(lower)) return m('identity.password.too_common_field');
  const own = [names.username, names.username.replace(/[._-]/g, ''), names.displayName ?? ''].map((n) => n.trim().toLowerCase()).filter((n) => n.length >= 3);
  if (own.some((n) => lower.includes(n))) return m('identity.password.contains_name_field');
  return null;
}
