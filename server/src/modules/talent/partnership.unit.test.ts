import { describe, expect, it } from 'vitest';
import { TITLES, titleLevel } from '@gearbridge/contracts/talent';
import { partnerPrefixes, sideOf } from './partnership.service';

/** The demo's pairs as migration talent/0001 stores them: 城口县 ↔ 临沂市, and 平邑县 within Linyi. */
const PAIRS = [
  { west_region_code: '500229', east_region_code: '371300' },
  { west_region_code: '500229', east_region_code: '371326' },
];

describe('the side of a region', () => {
  it('is west for 城口县 and its towns, east for 临沂市, its districts and 平邑县, none elsewhere', () => {
    expect(sideOf(PAIRS, '500229')).toBe('west');
    expect(sideOf(PAIRS, '500229106')).toBe('west');
    expect(sideOf(PAIRS, '371300')).toBe('east');
    expect(sideOf(PAIRS, '371302')).toBe('east');
    expect(sideOf(PAIRS, '371326')).toBe('east');
    expect(sideOf(PAIRS, '500110')).toBeNull(); // 綦江区: Chongqing, but not in the partnership
    expect(sideOf(PAIRS, '370100')).toBeNull(); // 济南市: Shandong, not Linyi
  });
});

describe('the partner regions a reader reaches', () => {
  it('are the other side whole, from a region grant, a county inside it, or an institution of it', () => {
    expect(partnerPrefixes(PAIRS, ['3713'])).toEqual(['500229']); // Linyi's officer (371300 → prefix 3713)
    expect(partnerPrefixes(PAIRS, ['371326'])).toEqual(['500229']); // 平邑县's officer
    expect(partnerPrefixes(PAIRS, ['371302'])).toEqual(['500229']); // a Linyi hospital (its organisation's region)
    expect(partnerPrefixes(PAIRS, ['500229']).sort()).toEqual(['3713', '371326']); // Chengkou: all of Linyi
    expect(partnerPrefixes(PAIRS, ['500229106'])).toEqual(['3713', '371326']); // a Chengkou town's body
  });

  it('are none outside the partnership, and all of both for a reader of both', () => {
    expect(partnerPrefixes(PAIRS, ['500110'])).toEqual([]);
    expect(partnerPrefixes(PAIRS, ['50'])).toEqual(['3713', '371326']); // a Chongqing-wide grant contains 城口县
    expect(partnerPrefixes(PAIRS, ['500229', '3713']).sort()).toEqual(['3713', '371326', '500229']);
  });
});

describe('professional titles', () => {
  it('have one code each and four levels per series, 正高 4 to 初级 1', () => {
    expect(new Set(TITLES.map((t) => t.code)).size).toBe(TITLES.length);
    for (const series of new Set(TITLES.map((t) => t.series))) {
      expect(TITLES.filter((t) => t.series === series).map((t) => t.level)).toEqual([4, 3, 2, 1]);
    }
    expect(titleLevel('chief_physician')).toBe(4);
    expect(titleLevel('first_grade_teacher')).toBe(2);
    expect(titleLevel(null)).toBeNull();
    expect(titleLevel('wizard')).toBeNull();
  });
});
