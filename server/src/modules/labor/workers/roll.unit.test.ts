import { describe, expect, it } from 'vitest';
import { validateIdNumber } from '@gearbridge/contracts/pii';
import { parseRollRow } from './importer';
import { isSelectable } from './occupations';
import { generateRoll, rng } from './roll';

const TOWNS = ['500229001', '500229106', '500229214'];
const roll = generateRoll({ count: 1000, seed: 7, towns: TOWNS, county: '500229' });

describe('the synthetic worker roll', () => {
  it('is the same for the same seed and different for another', () => {
    expect(generateRoll({ count: 1000, seed: 7, towns: TOWNS, county: '500229' })).toEqual(roll);
    expect(generateRoll({ count: 5, seed: 8, towns: TOWNS, county: '500229' })[0]).not.toEqual(roll[0]);
  });

  it('gives everyone a distinct ID number, valid per GB 11643, of 城口县', () => {
    expect(new Set(roll.map((r) => r.idNumber)).size).toBe(1000);
    for (const r of roll) {
      const v = validateIdNumber(r.idNumber, { today: new Date('2026-01-01T00:00:00Z') });
      expect(v.ok && v.value.regionCode).toBe('500229');
    }
  });

  it('has about 30% registered-poor households, homes in the given towns, and phones for most', () => {
    const poor = roll.filter((r) => r.registeredPoor === '是').length;
    expect(poor).toBeGreaterThan(250);
    expect(poor).toBeLessThan(350);
    expect(new Set(roll.map((r) => r.homeRegionCode))).toEqual(new Set(TOWNS));
    expect(roll.filter((r) => r.phone).length).toBeGreaterThan(850);
  });

  it('uses only occupation codes of the shipped subset', () => {
    const codes = roll.flatMap((r) => [
      ...r.skills
        .split('；')
        .filter(Boolean)
        .map((s) => s.split(':')[0]),
      ...r.wantedOccupations.split('；').filter(Boolean),
    ]);
    expect(codes.length).toBeGreaterThan(1000);
    expect(codes.filter((c) => !isSelectable(c))).toEqual([]);
  });

  it('parses back, row by row, into valid worker input', () => {
    const problems = roll.map((r, i) => ({ i, errors: parseRollRow(r).errors })).filter((p) => Object.keys(p.errors).length);
    expect(problems).toEqual([]);
  });
});

describe('rng', () => {
  it('is uniform enough for a demo and stays in range', () => {
    const r = rng(1);
    const xs = Array.from({ length: 10_000 }, () => r.int(1, 6));
    expect(Math.min(...xs)).toBe(1);
    expect(Math.max(...xs)).toBe(6);
    for (let k = 1; k <= 6; k++) expect(Math.abs(xs.filter((x) => x === k).length - 10_000 / 6)).toBeLessThan(250);
  });
});
