import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCharacter, idNumberProblem, makeIdNumber, validateIdNumber, type IdNumberResult } from './idNumber';

const TODAY = new Date('2026-01-01T00:00:00Z');
const WEB_TODAY = new Date(Date.UTC(2026, 5, 1));

/** The problem of a rejected number; fails the test if the number was accepted. */
function problemOf(r: IdNumberResult): string {
  if (r.ok) throw new Error(`expected a rejection, got ${r.value.number}`);
  return r.problem;
}

describe('GB 11643 ID numbers', () => {
  it('accepts a number whose check character is computed by hand', () => {
    // 500229 19800101 123 ?
    // digits   5  0  0  2  2  9  1  9  8  0  0  1  0  1  1  2  3
    // weights  7  9 10  5  8  4  2  1  6  3  7  9 10  5  8  4  2
    // products 35 0  0 10 16 36  2  9 48  0  0  9  0  5  8  8  6  → sum 192
    // 192 mod 11 = 5; '10X98765432'[5] = '7'
    expect(checkCharacter('50022919800101123')).toBe('7');
    const r = validateIdNumber('500229198001011237', { today: TODAY });
    expect(r).toEqual({ ok: true, value: { number: '500229198001011237', regionCode: '500229', birthDate: '1980-01-01', sex: 'male' } });
  });

  it('accepts numbers built with makeIdNumber and derives birth date and sex', () => {
    const male = makeIdNumber('371302', '1995-07-14', 17);
    const female = makeIdNumber('500110', '2000-02-29', 18);
    expect(male.slice(0, 17)).toBe('37130219950714017');
    expect(validateIdNumber(male, { today: TODAY })).toEqual({ ok: true, value: { number: male, regionCode: '371302', birthDate: '1995-07-14', sex: 'male' } });
    expect(validateIdNumber(female, { today: TODAY })).toEqual({ ok: true, value: { number: female, regionCode: '500110', birthDate: '2000-02-29', sex: 'female' } });
    // Surrounding spaces, as pasted from a sheet, do not matter.
    expect(validateIdNumber(`  ${male} `, { today: TODAY }).ok).toBe(true);
  });

  it('accepts an X check character in lower case and returns it upper-cased', () => {
    // 110105 19491231 002 ?: sum of digit × weight is 167; 167 mod 11 = 2; '10X98765432'[2] = 'X'
    expect(checkCharacter('11010519491231002')).toBe('X');
    const r = validateIdNumber('11010519491231002x', { today: TODAY });
    expect(r).toEqual({ ok: true, value: { number: '11010519491231002X', regionCode: '110105', birthDate: '1949-12-31', sex: 'female' } });

    // And one found by search, not by hand: the first sequence number whose check character is X.
    const seq = Array.from({ length: 1000 }, (_, i) => i).find((i) => makeIdNumber('500229', '1990-05-17', i).endsWith('X'));
    expect(seq).toBeDefined();
    const withX = makeIdNumber('500229', '1990-05-17', seq!);
    const lower = validateIdNumber(withX.toLowerCase(), { today: TODAY });
    expect(lower.ok && lower.value.number).toBe(withX);
  });

  it('rejects a wrong check character', () => {
    for (const wrong of ['500229198001011234', '500229198001011230', '50022919800101123X', '110105194912310021']) {
      expect(problemOf(validateIdNumber(wrong, { today: TODAY }))).toBe('check_digit');
    }
  });

  it('rejects dates that do not exist, with a correct check character', () => {
    for (const date of ['2000-02-30', '2000-13-01', '2000-00-10', '1999-04-31', '2023-02-29', '1900-02-29', '1985-06-00']) {
      const n = makeIdNumber('500229', date, 1);
      expect({ date, problem: problemOf(validateIdNumber(n, { today: TODAY })) }).toEqual({ date, problem: 'birth_date' });
    }
    // Leap days that do exist.
    expect(validateIdNumber(makeIdNumber('500229', '2024-02-29', 1), { today: TODAY }).ok).toBe(true);
  });

  it('rejects a birth date after today, judged against the today option', () => {
    const n = makeIdNumber('500229', '2030-06-01', 3);
    expect(problemOf(validateIdNumber(n, { today: TODAY }))).toBe('birth_date');
    expect(problemOf(validateIdNumber(n, { today: new Date('2030-05-31T23:59:59Z') }))).toBe('birth_date');
    expect(validateIdNumber(n, { today: new Date('2030-06-01T00:00:00Z') }).ok).toBe(true);
    // Without the option a date far in the future is judged against now.
    expect(problemOf(validateIdNumber(makeIdNumber('500229', '2999-01-01', 3)))).toBe('birth_date');
  });

  it('rejects births before 1900', () => {
    // The example in GB 11643 itself; its check character is right, but nobody born in 1880 holds such a card.
    expect(checkCharacter('44052418800101001')).toBe('4');
    expect(problemOf(validateIdNumber('440524188001010014', { today: TODAY }))).toBe('birth_date');
  });

  it('rejects an unknown province, and an unknown county when the caller checks counties', () => {
    for (const region of ['990101', '000000', '100000', '720000']) {
      expect(problemOf(validateIdNumber(makeIdNumber(region, '1980-01-01', 1), { today: TODAY }))).toBe('region');
    }
    const known = new Set(['500229', '500110']);
    const knownRegion = (code: string) => known.has(code);
    expect(validateIdNumber(makeIdNumber('500229', '1980-01-01', 1), { today: TODAY, knownRegion }).ok).toBe(true);
    expect(problemOf(validateIdNumber(makeIdNumber('500230', '1980-01-01', 1), { today: TODAY, knownRegion }))).toBe('region');
  });

  it('rejects anything that is not 17 digits and a digit or X', () => {
    for (const bad of ['', '50022919800101123', '5002291980010112377', '50022919800101123Y', '5002291980O1011237', '500229-19800101-1237', 'x00229198001011237']) {
      expect(problemOf(validateIdNumber(bad, { today: TODAY }))).toBe('format');
    }
  });

  it('takes its sex from the parity of the 17th digit', () => {
    for (let seq = 0; seq < 20; seq++) {
      const r = validateIdNumber(makeIdNumber('370000', '1970-10-10', seq), { today: TODAY });
      expect(r.ok && r.value.sex).toBe(seq % 2 === 1 ? 'male' : 'female');
    }
  });

  const PROVINCES = ['11', '12', '13', '31', '32', '37', '44', '50', '51', '65', '71', '81', '82'];
  const isoDay = (d: Date) => d.toISOString().slice(0, 10);

  it('property: every number makeIdNumber builds validates, with its parts read back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROVINCES),
        fc.integer({ min: 0, max: 9999 }),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: TODAY, noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (province, rest, birth, seq) => {
          const region = province + String(rest).padStart(4, '0');
          const n = makeIdNumber(region, isoDay(birth), seq);
          const r = validateIdNumber(n, { today: TODAY });
          expect(r).toEqual({ ok: true, value: { number: n, regionCode: region, birthDate: isoDay(birth), sex: seq % 2 === 1 ? 'male' : 'female' } });
        },
      ),
    );
  });

  it('property: any other check character is rejected', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: TODAY, noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(...'0123456789X'),
        (birth, seq, other) => {
          const n = makeIdNumber('500229', isoDay(birth), seq);
          fc.pre(other !== n[17]);
          expect(problemOf(validateIdNumber(n.slice(0, 17) + other, { today: TODAY }))).toBe('check_digit');
        },
      ),
    );
  });
});

describe('idNumberProblem (what the web shows under the field)', () => {
  it('accepts the standard example 11010519491231002X and a lower-case x', () => {
    expect(idNumberProblem('11010519491231002X', WEB_TODAY)).toBeNull();
    expect(idNumberProblem(' 11010519491231002x ', WEB_TODAY)).toBeNull();
  });

  it('names what is wrong: length, province, impossible or future birth date, check character', () => {
    expect(idNumberProblem('1101051949123100', WEB_TODAY)).toBe('format');
    expect(idNumberProblem('11010519491231002Y', WEB_TODAY)).toBe('format');
    expect(idNumberProblem('99010519491231002X', WEB_TODAY)).toBe('region');
    expect(idNumberProblem(`500229199002300012`.slice(0, 17) + checkCharacter('50022919900230001'), WEB_TODAY)).toBe('birth_date');
    expect(idNumberProblem(`50022920270101001${checkCharacter('50022920270101001')}`, WEB_TODAY)).toBe('birth_date');
    expect(idNumberProblem('110105194912310021', WEB_TODAY)).toBe('check_digit');
  });

  it('is the problem validateIdNumber names, null for every number it accepts', () => {
    for (let seq = 0; seq < 1000; seq++) {
      const first17 = `500229198${String(seq % 10)}0${1 + (seq % 9)}1${seq % 10}${String(seq).padStart(3, '0')}`.slice(0, 17);
      for (const c of '0123456789X') {
        const n = first17 + c;
        const r = validateIdNumber(n, { today: WEB_TODAY });
        expect(idNumberProblem(n, WEB_TODAY), n).toBe(r.ok ? null : r.problem);
      }
    }
  });
});
