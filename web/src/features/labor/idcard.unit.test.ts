import { describe, expect, it } from 'vitest';
import { validateIdNumber } from '../../../../server/src/platform/pii/idcard';
import { idCardProblem, idCheckCharacter } from './idcard';

const TODAY = new Date(Date.UTC(2026, 5, 1));

describe('idCardProblem (GB 11643, in the browser)', () => {
  it('accepts the standard example 11010519491231002X and a lower-case x', () => {
    expect(idCardProblem('11010519491231002X', TODAY)).toBeNull();
    expect(idCardProblem(' 11010519491231002x ', TODAY)).toBeNull();
  });

  it('names what is wrong: length, province, impossible or future birth date, check character', () => {
    expect(idCardProblem('1101051949123100', TODAY)).toBe('format');
    expect(idCardProblem('11010519491231002Y', TODAY)).toBe('format');
    expect(idCardProblem('99010519491231002X', TODAY)).toBe('region');
    expect(idCardProblem(`500229199002300012`.slice(0, 17) + idCheckCharacter('50022919900230001'), TODAY)).toBe('birth_date');
    expect(idCardProblem(`50022920270101001` + idCheckCharacter('50022920270101001'), TODAY)).toBe('birth_date');
    expect(idCardProblem('110105194912310021', TODAY)).toBe('check_digit');
  });

  it('agrees with the server on every check character of a run of numbers', () => {
    for (let seq = 0; seq < 1000; seq++) {
      const first17 = `500229198${String(seq % 10)}0${1 + (seq % 9)}1${seq % 10}${String(seq).padStart(3, '0')}`.slice(0, 17);
      for (const c of '0123456789X') {
        const n = first17 + c;
        expect(idCardProblem(n, TODAY) === null, n).toBe(validateIdNumber(n, { today: TODAY }).ok);
      }
    }
  });
});
