import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isSelectable, occupation, occupationName, searchOccupations, selectableCodes } from './occupations';

const raw = JSON.parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../data/occupations/occupations-2022.json'), 'utf8')) as {
  groups: { code: string }[];
  occupations: { code: string; name: string; en: string; ref?: string }[];
};

describe('the shipped occupation subset', () => {
  it('holds 40–80 occupations with well-formed, unique codes, each with a source note', () => {
    expect(raw.occupations.length).toBeGreaterThanOrEqual(40);
    expect(raw.occupations.length).toBeLessThanOrEqual(80);
    const codes = [...raw.groups, ...raw.occupations].map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const o of raw.occupations) {
      expect(o.code).toMatch(/^[1-8]-\d{2}-\d{2}-\d{2}$/);
      expect(o.name.length).toBeGreaterThan(0);
      expect(o.en.length).toBeGreaterThan(0);
      expect(o.ref).toBeTruthy();
    }
  });

  it("names every occupation's major and medium group, so the hierarchy can be shown", () => {
    for (const o of raw.occupations) {
      const v = occupation(o.code)!;
      expect({ code: o.code, major: v.majorName !== null, medium: v.mediumName !== null }).toEqual({ code: o.code, major: true, medium: true });
      expect(v.level).toBe('occupation');
    }
  });

  it('knows the trades of the demo by their 2022 codes', () => {
    expect(occupation('6-18-01-01')).toMatchObject({
      name: '车工',
      level: 'occupation',
      majorCode: '6',
      mediumCode: '6-18',
      mediumName: '机械制造基础加工人员',
      minorCode: '6-18-01',
      minorName: '机械冷加工人员',
    });
    expect(occupationName('4-10-01-05')).toBe('养老护理员');
    expect(occupationName('6-18-02-04', 'en')).toBe('Welder');
    expect(occupation('6-04-03')).toMatchObject({ level: 'minor', selectable: true, name: '织造人员' });
  });

  it('lets skills and postings carry occupations and the selectable minor group only', () => {
    expect(isSelectable('6-29-01-01')).toBe(true);
    expect(isSelectable('6-04-03')).toBe(true);
    expect(isSelectable('6-18')).toBe(false); // a medium group
    expect(isSelectable('6-18-01-99')).toBe(false); // not in the subset
    expect(selectableCodes()).toHaveLength(raw.occupations.length + 1);
  });

  it('searches by code prefix, Chinese or English name, and group', () => {
    expect(searchOccupations({ q: '焊' }).map((o) => o.code)).toEqual(['6-18-02-04']);
    expect(searchOccupations({ q: 'welder' }).map((o) => o.code)).toEqual(['6-18-02-04']);
    expect(searchOccupations({ group: '6-29-01', selectable: 'true' }).map((o) => o.code)).toEqual([
      '6-29-01-01',
      '6-29-01-03',
      '6-29-01-04',
      '6-29-01-05',
      '6-29-01-06',
      '6-29-01-07',
    ]);
    expect(searchOccupations({ q: '4-10' }).map((o) => o.code)).toEqual(['4-10', '4-10-01', '4-10-01-02', '4-10-01-05', '4-10-01-06']);
  });
});
