import { describe, expect, it } from 'vitest';
import { parseRollRow } from './importer';
import { parseLabel, parseYesNo, splitList, STATUS_LABELS } from './labels';

const base = { idNumber: '500229198001011237', name: '王启久', homeRegionCode: '500229106' };

describe('reading a roll row', () => {
  it('takes Chinese labels, English labels and codes alike', () => {
    expect(parseLabel(STATUS_LABELS, '省外就业')).toBe('employed_out_of_province');
    expect(parseLabel(STATUS_LABELS, 'Employed out of province')).toBe('employed_out_of_province');
    expect(parseLabel(STATUS_LABELS, 'employed_out_of_province')).toBe('employed_out_of_province');
    expect(parseLabel(STATUS_LABELS, '退休')).toBeNull();
    expect([parseYesNo('是'), parseYesNo('否'), parseYesNo(''), parseYesNo('Y'), parseYesNo('也许')]).toEqual([true, false, false, true, null]);
    expect(splitList('6-18-01-01；6-29-01-01, 4-10-01-05、5-01-02-01')).toEqual(['6-18-01-01', '6-29-01-01', '4-10-01-05', '5-01-02-01']);
  });

  it('fills defaults for the optional columns', () => {
    const { input, errors } = parseRollRow(base);
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      status: 'unemployed',
      education: 'junior_secondary',
      workAbility: 'full',
      registeredPoor: false,
      consentShare: false,
      skills: [],
      needs: { occupations: [], regions: [], minMonthlyWage: null },
    });
  });

  it('reads skills with levels, needs and flags', () => {
    const { input } = parseRollRow({
      ...base,
      skills: '6-18-01-01:四级；6-29-01-01',
      registeredPoor: '是',
      monitoring: '边缘易致贫户',
      status: '公益性岗位',
      wantedOccupations: '6-18-01-01',
      wantedRegions: '371300；500110',
      minWage: '4500',
      needsHousing: '是',
      availableFrom: '2026-03-01',
      consent: '是',
    });
    expect(input).toMatchObject({
      skills: [
        { code: '6-18-01-01', level: 'level4' },
        { code: '6-29-01-01', level: 'none' },
      ],
      registeredPoor: true,
      monitoringCategory: 'marginal',
      status: 'public_welfare_post',
      consentShare: true,
      needs: { occupations: ['6-18-01-01'], regions: ['371300', '500110'], minMonthlyWage: 4500, needsHousing: true, availableFrom: '2026-03-01' },
    });
  });

  it('names the column of every problem', () => {
    const { errors } = parseRollRow({ ...base, status: '退休', needsHousing: '也许', minWage: '四千' });
    expect(Object.fromEntries(Object.entries(errors).map(([k, e]) => [k, e.text]))).toEqual({
      status: expect.stringContaining('unknown value "退休"'),
      needsHousing: '"也许" is not 是 or 否',
      minWage: '"四千" is not a whole number of yuan',
    });
    expect(errors).toMatchObject({
      status: { key: 'labor.import.unknown_value', params: { value: '退休' } },
      needsHousing: { key: 'labor.import.not_yes_no', params: { value: '也许' } },
      minWage: { key: 'labor.import.not_whole_yuan', params: { value: '四千' } },
    });
    expect(Object.keys(parseRollRow({ ...base, phone: '12345' }).errors)).toEqual(['phone']);
    expect(Object.keys(parseRollRow({ ...base, availableFrom: '2026-13-01' }).errors)).toEqual(['needs.availableFrom']);
  });
});
