import { factoryMessages } from '@gearbridge/contracts/messages';
import { PRODUCTS } from '@gearbridge/plant';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors';
import {
  buildSscc,
  GS,
  gs1CheckDigit,
  gs1Date,
  humanReadable,
  isGtin14,
  isSscc,
  MAX_SCAN_LENGTH,
  palletElements,
  parseGs1Scan,
  rawElementString,
  resolveGs1Date,
  toGtin14,
  unitElements,
} from './gs1';

/** The message key and parameters of the invalid error `fn` throws; fails when it throws nothing or something else. */
function refusal(fn: () => unknown): { key: string; params?: unknown } {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    expect(err.code).toBe('invalid');
    expect(err.key in factoryMessages, err.key).toBe(true);
    expect(err.message).not.toMatch(/\{\{/);
    return err.params ? { key: err.key, params: err.params } : { key: err.key };
  }
  throw new Error('accepted');
}

describe('the GS1 check digit (GenSpecs §7.9.1)', () => {
  it("gives the specification's worked example: GTIN-13 629104150021 → 3", () => {
    // GenSpecs §7.9.1's worked example: 6 2 9 1 0 4 1 5 0 0 2 1, weighted 1 3 1 3 … from the left, sum 57, check digit 3.
    expect(gs1CheckDigit('629104150021')).toBe(3);
    expect(isGtin14('06291041500213')).toBe(true);
    expect(toGtin14('6291041500213')).toBe('06291041500213');
  });

  it('accepts GS1 example keys and every demo product GTIN, refuses any single changed digit', () => {
    // GS1's own example GTIN (GS1 Digital Link standard and GenSpecs examples use 09521234543213) and SSCC (GS1 US's 0614141 prefix).
    expect(isGtin14('09521234543213')).toBe(true);
    expect(isSscc('106141411234567897')).toBe(true);
    for (const p of PRODUCTS) expect(isGtin14(p.gtin), p.gtin).toBe(true);
    const g = '06975432100014';
    for (let i = 0; i < g.length; i++) {
      const d = (+g[i]! + 1) % 10;
      expect(isGtin14(g.slice(0, i) + d + g.slice(i + 1)), `digit ${i}`).toBe(false);
    }
  });

  it('pads GTIN-8, -12 and -13 to 14 digits and refuses other lengths and wrong check digits', () => {
    // GenSpecs §3.3.2: a GTIN is right-justified in the 14-digit field of (01). 96385074: a widely printed EAN-8 example.
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(refusal(() => toGtin14('123456789'))).toEqual({ key: 'factory.gs1.gtin_format' });
    expect(refusal(() => toGtin14('06975432100015'))).toEqual({ key: 'factory.gs1.check_digit', params: { ai: '01' } });
  });
});

describe('SSCC (GenSpecs §3.3.1)', () => {
  it('builds extension digit + company prefix + zero-padded serial reference + check digit', () => {
    // By hand: 1 0 6 1 4 1 4 1 1 2 3 4 5 6 7 8 9 weighted 3 1 3 … 3 sums to 143, so the check digit is 7.
    expect(buildSscc(1, '0614141', 123456789)).toBe('106141411234567897');
    // By hand: 0 6 9 7 5 4 3 0 … 0 1 weighted 1 3 1 3 … 3 sums to 71, so the check digit is 9.
    expect(buildSscc(0, '697543', 1)).toBe('069754300000000019');
    expect(isSscc(buildSscc(9, '697543210', 9_999_999n))).toBe(true);
  });

  it('refuses a serial reference too large for the room the prefix leaves, a bad extension or prefix', () => {
    expect(refusal(() => buildSscc(0, '6975432', 10_000_000_000))).toEqual({ key: 'factory.gs1.sscc_serial_range', params: { digits: 9 } });
    expect(refusal(() => buildSscc(10, '6975432', 1)).key).toBe('factory.gs1.sscc_extension');
    expect(refusal(() => buildSscc(0, '697', 1)).key).toBe('factory.gs1.company_prefix');
    expect(refusal(() => buildSscc(0, '6975432', -1)).key).toBe('factory.gs1.sscc_serial_range');
  });
});

describe('dates (GenSpecs §7.12)', () => {
  it('writes a calendar day as YYMMDD and refuses a day that does not exist', () => {
    expect(gs1Date('2026-12-07')).toBe('261207');
    expect(refusal(() => gs1Date('2026-02-29')).key).toBe('factory.gs1.date');
  });

  it('puts YY in the century nearest the current year: 51 or more ahead is the last century, 50 or more behind the next', () => {
    expect(resolveGs1Date('261207', 2026)).toBe('2026-12-07');
    expect(resolveGs1Date('760101', 2026)).toBe('2076-01-01'); // 50 ahead: this century
    expect(resolveGs1Date('770101', 2026)).toBe('1977-01-01'); // 51 ahead: the century before
    expect(resolveGs1Date('300101', 2080)).toBe('2130-01-01'); // 50 behind: the century after
    expect(resolveGs1Date('310101', 2080)).toBe('2031-01-01');
    expect(resolveGs1Date('240200', 2026)).toBe('2024-02-29'); // DD 00: last day of the month
    expect(resolveGs1Date('241301', 2026)).toBeNull();
  });
});

describe('element strings', () => {
  const unit = unitElements({ gtin: '06975432100014', serial: 'L1-2612070001', productionDate: '2026-12-07' });

  it('gives the human-readable form with parentheses, in the order the plant marks', () => {
    expect(humanReadable(unit)).toBe('(01)06975432100014(21)L1-2612070001(11)261207');
  });

  it('ends a variable-length field with GS only when another field follows (GenSpecs §7.8.5)', () => {
    expect(rawElementString(unit)).toBe(`010697543210001421L1-2612070001${GS}11261207`);
    const serialLast = unitElements({ gtin: '06975432100014', serial: 'S1' });
    expect(rawElementString(serialLast)).toBe('010697543210001421S1');
    expect(rawElementString(palletElements('106141411234567897'))).toBe('00106141411234567897');
  });

  it('refuses a serial outside GS1 character set 82, longer than 20, with parentheses, and a bad SSCC', () => {
    expect(refusal(() => unitElements({ gtin: '06975432100014', serial: 'L1 0001' }))).toEqual({ key: 'factory.gs1.characters', params: { ai: '21' } });
    expect(refusal(() => unitElements({ gtin: '06975432100014', serial: '序列1' })).key).toBe('factory.gs1.characters');
    expect(refusal(() => unitElements({ gtin: '06975432100014', serial: 'x'.repeat(21) }))).toEqual({ key: 'factory.gs1.max_length', params: { ai: '21', max: 20 } });
    expect(refusal(() => unitElements({ gtin: '06975432100014', serial: '' })).key).toBe('factory.gs1.max_length');
    expect(refusal(() => unitElements({ gtin: '06975432100014', serial: 'A(1)' }))).toEqual({ key: 'factory.gs1.parentheses', params: { ai: '21' } });
    expect(refusal(() => palletElements('106141411234567890'))).toEqual({ key: 'factory.gs1.check_digit', params: { ai: '00' } });
  });
});

describe('reading a scan typed by a scanner', () => {
  const year = 2026;

  it('reads the parenthesised form', () => {
    expect(parseGs1Scan('(01)06975432100014(21)L1-2612070001(11)261207\r\n', year)).toEqual({
      gtin: '06975432100014',
      serial: 'L1-2612070001',
      date: '2026-12-07',
      sscc: null,
      lot: null,
      elements: [
        { ai: '01', value: '06975432100014' },
        { ai: '21', value: 'L1-2612070001' },
        { ai: '11', value: '261207' },
      ],
    });
  });

  it('reads the raw form after a GS1 DataMatrix symbology identifier ]d2', () => {
    const s = parseGs1Scan(`]d2010697543210001421L1-2612070001${GS}11261207`, year);
    expect([s.gtin, s.serial, s.date]).toEqual(['06975432100014', 'L1-2612070001', '2026-12-07']);
  });

  it("reads the GS1 DataMatrix Guideline's example (01)09501101530003(17)140704(10)AB-123 raw, lot last without a GS", () => {
    // The GS1 DataMatrix Guideline's example element string: GTIN, expiry date, batch/lot.
    const s = parseGs1Scan('010950110153000317140704' + '10AB-123', year);
    expect(s.gtin).toBe('09501101530003');
    expect(s.lot).toBe('AB-123');
    expect(s.elements[1]).toEqual({ ai: '17', value: '140704' });
  });

  it('reads a production date known only to the month (DD 00, valid in GS1 syntax) as its last day', () => {
    const s = parseGs1Scan('(01)06975432100014(11)260200', year);
    expect(s.date).toBe('2026-02-28');
    expect(s.elements[1]).toEqual({ ai: '11', value: '260200' });
  });

  it('reads an SSCC from a GS1-128 pallet label after ]C1, and a leading GS as a transmitted FNC1', () => {
    expect(parseGs1Scan(']C100106141411234567897', year).sscc).toBe('106141411234567897');
    expect(parseGs1Scan(`${GS}00106141411234567897`, year).sscc).toBe('106141411234567897');
  });

  it('refuses each kind of bad scan with its message key', () => {
    expect(refusal(() => parseGs1Scan('  \r\n', year)).key).toBe('factory.gs1.empty');
    expect(refusal(() => parseGs1Scan(']d1HELLO', year)).key).toBe('factory.gs1.not_gs1');
    expect(refusal(() => parseGs1Scan('hello', year)).key).toBe('factory.gs1.malformed');
    expect(refusal(() => parseGs1Scan('(01)06975432100014(21', year)).key).toBe('factory.gs1.malformed');
    expect(refusal(() => parseGs1Scan('(99)ABC', year))).toEqual({ key: 'factory.gs1.unknown_ai', params: { ai: '99' } });
    expect(refusal(() => parseGs1Scan('(01)06975432100015', year))).toEqual({ key: 'factory.gs1.check_digit', params: { ai: '01' } });
    expect(refusal(() => parseGs1Scan('010697543210', year))).toEqual({ key: 'factory.gs1.length', params: { ai: '01', length: 14 } });
    expect(refusal(() => parseGs1Scan('(01)06975432100014(11)261332', year))).toEqual({ key: 'factory.gs1.date', params: { ai: '11', value: '261332' } });
    expect(refusal(() => parseGs1Scan('(11)260230', year)).key).toBe('factory.gs1.date');
    expect(refusal(() => parseGs1Scan('(21)A(21)B', year))).toEqual({ key: 'factory.gs1.duplicate_ai', params: { ai: '21' } });
    expect(refusal(() => parseGs1Scan(`21${'x'.repeat(21)}`, year)).key).toBe('factory.gs1.max_length');
    expect(refusal(() => parseGs1Scan(`21${'x'.repeat(MAX_SCAN_LENGTH)}`, year))).toEqual({ key: 'factory.gs1.too_long', params: { max: MAX_SCAN_LENGTH } });
  });

  it('reads back what it wrote, in both forms, for any serial and lot a unit may carry', () => {
    const cset = [...`!"%&'*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`];
    const value = fc.array(fc.constantFrom(...cset), { minLength: 1, maxLength: 20 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...PRODUCTS.map((p) => p.gtin)), value, fc.integer({ min: 0, max: 3650 }), (gtin, serial, days) => {
        const day = new Date(Date.UTC(2024, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
        const elements = unitElements({ gtin, serial, productionDate: day });
        for (const text of [humanReadable(elements), `]d2${rawElementString(elements)}`]) {
          const s = parseGs1Scan(text, +day.slice(0, 4));
          expect([s.gtin, s.serial, s.date]).toEqual([gtin, serial, day]);
        }
      }),
    );
  });
});
