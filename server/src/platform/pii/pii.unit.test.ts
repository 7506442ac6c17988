import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createFieldCipher, maskIdNumber, maskName, maskPhone, safeEqual, TamperedError } from '.';

const SECRET = `${'a'.repeat(16)}gearbridge-unit-test-secret`;
const OTHER_SECRET = `${'b'.repeat(16)}gearbridge-unit-test-secret`;

describe('masking', () => {
  it('shows the first four and last four characters of an ID number', () => {
    expect(maskIdNumber('500229198001011237')).toBe('5002**********1237');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber('123456789')).toBe('1234*6789');
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });

  it('shows the first three and last four digits of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('13800000016')).toBe('138****0016');
    expect(maskPhone('123456')).toBe('******');
    expect(maskPhone('12345678')).toBe('123*5678');
  });

  it('never returns a phone number unmasked', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,15}$/), (p) => {
        expect(maskPhone(p)).not.toBe(p);
      }),
      { examples: [['1234567']] },
    );
  });

  it('keeps the first character of a name', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName(' Alice ')).toBe('A****');
    expect(maskName('𠮷野家')).toBe('𠮷**'); // a character outside the BMP counts once
    expect(maskName('')).toBe('');
  });
});

describe('field encryption', () => {
  const cipher = createFieldCipher(SECRET);

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => createFieldCipher('x'.repeat(31))).toThrow(/at least 32/);
    expect(() => createFieldCipher('x'.repeat(32))).not.toThrow();
  });

  it('round-trips a value in the v1 format, without the plaintext in the sealed form', () => {
    const sealed = cipher.encrypt('13800000016', 'users.phone');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain('13800000016');
    expect(cipher.decrypt(sealed, 'users.phone')).toBe('13800000016');
    expect(cipher.decrypt(cipher.encrypt(''), '')).toBe('');
    expect(cipher.decrypt(cipher.encrypt('重庆市 城口县 修齐镇'))).toBe('重庆市 城口县 修齐镇');
  });

  it('gives a different ciphertext every time for the same plaintext', () => {
    const sealed = Array.from({ length: 20 }, () => cipher.encrypt('13800000016', 'users.phone'));
    expect(new Set(sealed).size).toBe(20);
    expect(new Set(sealed.map((s) => s.split('.')[1])).size).toBe(20); // a fresh nonce each time
    expect(sealed.every((s) => cipher.decrypt(s, 'users.phone') === '13800000016')).toBe(true);
  });

  it('detects a change to any part of the sealed value', () => {
    const sealed = cipher.encrypt('500229198001011237', 'people.id_number');
    const parts = sealed.split('.');
    // Change the first character of a part: it carries six whole bits, never base64 padding.
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const i of [0, 1, 2, 3]) {
      const tampered = parts.map((p, j) => (j === i ? flip(p) : p)).join('.');
      expect(tampered).not.toBe(sealed);
      expect(() => cipher.decrypt(tampered, 'people.id_number')).toThrow(TamperedError);
    }
    expect(() => cipher.decrypt(parts.slice(0, 3).join('.'), 'people.id_number')).toThrow(TamperedError);
    expect(() => cipher.decrypt(`${sealed}.extra`, 'people.id_number')).toThrow(TamperedError);
    expect(() => cipher.decrypt(sealed.slice(0, -2), 'people.id_number')).toThrow(TamperedError);
    expect(() => cipher.decrypt('not encrypted at all', 'people.id_number')).toThrow(TamperedError);
    // Untouched, it still opens: the failures above are the changes, not the test.
    expect(cipher.decrypt(sealed, 'people.id_number')).toBe('500229198001011237');
  });

  it('refuses a value moved to another context, and one sealed under another key', () => {
    const sealed = cipher.encrypt('13800000016', 'users.phone');
    expect(() => cipher.decrypt(sealed, 'people.phone')).toThrow(TamperedError);
    expect(() => cipher.decrypt(sealed)).toThrow(TamperedError);
    expect(() => createFieldCipher(OTHER_SECRET).decrypt(sealed, 'users.phone')).toThrow(TamperedError);
    // A second cipher from the same secret opens it: the key comes from the secret, not from the instance.
    expect(createFieldCipher(SECRET).decrypt(sealed, 'users.phone')).toBe('13800000016');
  });

  it('hashes equal values equally, different values differently, and depends on the key', () => {
    const h = cipher.hash('13800000016');
    expect(h).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cipher.hash('13800000016')).toBe(h);
    expect(createFieldCipher(SECRET).hash('13800000016')).toBe(h);
    expect(cipher.hash('13800000017')).not.toBe(h);
    expect(createFieldCipher(OTHER_SECRET).hash('13800000016')).not.toBe(h);
    expect(h).not.toContain('13800000016');
  });

  it('property: decrypt(encrypt(x)) === x for any unicode string and context', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 20 }), (plain, context) => {
        expect(cipher.decrypt(cipher.encrypt(plain, context), context)).toBe(plain);
      }),
    );
  });

  it('property: different values never share a hash', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        fc.pre(a !== b);
        expect(cipher.hash(a)).not.toBe(cipher.hash(b));
      }),
    );
  });
});

describe('safeEqual', () => {
  it('compares tokens exactly, whatever their lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });
});
