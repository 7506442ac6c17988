import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy';

const names = { username: 'zhang.san', displayName: 'Zhang Wei' };
const key = (pw: string) => passwordProblem(pw, names)?.key ?? null;

describe('passwordProblem', () => {
  it('refuses common passwords whatever their case, and repeated or consecutive characters', () => {
    for (const pw of ['1234567890', 'password12', 'PASSWORD12', 'qwertyuiop', '1qaz2wsx3edc', 'a123456789', 'aaaaaaaaaa', '9876543210', 'abcdefghijk'])
      expect(key(pw), pw).toBe('identity.password.too_common_field');
  });

  it("refuses a password containing the account's username (with or without separators) or display name", () => {
    expect(key('zhang.san-2026')).toBe('identity.password.contains_name_field');
    expect(key('ZhangSan!2026')).toBe('identity.password.contains_name_field');
    expect(key('my zhang wei pw')).toBe('identity.password.contains_name_field');
  });

  it('accepts the demo password and other uncommon ones', () => {
    for (const pw of ['Gearbridge-2026', 'Change-me-2026', 'A-much-better-one-2026', 'correct horse battery']) expect(key(pw), pw).toBeNull();
  });
});
