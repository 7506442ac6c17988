import { describe, expect, it } from 'vitest';
import { rankQualified, scoreQualification, type QualifiedCandidate, type QualifiedNeed } from './index';

const need: QualifiedNeed = { id: 'n1', specialties: ['微生物检验', '检验'], minLevel: 3, startsOn: '2027-03-01', endsOn: '2027-08-31', open: 2 };

describe('qualification score', () => {
  it('adds up its items and explains each', () => {
    const s = scoreQualification({ id: 'a', specialties: ['检验', '微生物检验'], level: 4, pastAssignments: 2 }, need);
    expect(s.items.map((i) => [i.factor, i.points, i.detail])).toEqual([
      ['specialty', 50, 'specialty.all'],
      ['level', 25, 'level.meets'],
      ['availability', 15, 'availability.free'],
      ['history', 10, 'history.repeat'],
    ]);
    expect(s.total).toBe(100);
    expect(s.excluded).toBe(false);
  });

  it('excludes what a need rules out', () => {
    const codes = (c: Partial<QualifiedCandidate>, n: Partial<QualifiedNeed> = {}) =>
      scoreQualification({ id: 'x', specialties: ['检验'], level: 3, ...c }, { ...need, ...n }).exclusions.map((e) => e.code);
    expect(codes({})).toEqual([]);
    expect(codes({ specialties: ['语文'] })).toEqual(['specialty.none']);
    expect(codes({ level: 2 })).toEqual(['level.below_minimum']);
    expect(codes({ level: null })).toEqual(['level.below_minimum']);
    expect(codes({ available: false })).toEqual(['candidate.unavailable']);
    expect(codes({ availableFrom: '2027-04-15' })).toEqual(['availability.too_late']);
    expect(codes({ busy: [{ from: '2027-08-31', to: '2027-12-31' }] })).toEqual(['availability.busy']);
    expect(codes({ busy: [{ from: '2026-09-01', to: '2027-02-28' }] })).toEqual([]);
    expect(codes({}, { open: 0 })).toEqual(['need.filled']);
    expect(() => scoreQualification({ id: 'x', specialties: [], level: 1 }, { ...need, startsOn: '2027-3-1' })).toThrow(RangeError);
  });

  it('ranks a demand list in the hand-checked order', () => {
    const pool: QualifiedCandidate[] = [
      // 检验 exact, 微生物检验 related (微生物检验 contains 检验): 50 × 3/4 = 38 (37.5 rounded); 25; 15; new 4 → 82
      { id: 'b', specialties: ['检验'], level: 3 },
      // both exact 50; level 4 meets 25; free 10 days late: 8; once 7 → 90
      { id: 'c', specialties: ['微生物检验', '检验'], level: 4, availableFrom: '2027-03-11', pastAssignments: 1 },
      // both exact 50; 25; 15; repeat 10 → 100
      { id: 'a', specialties: ['检验', '微生物检验', '肿瘤内科'], level: 3, pastAssignments: 3 },
      // 82 as b: ties broken by the smaller id, so b before d
      { id: 'd', specialties: ['检验'], level: 4 },
      // 临床检验 contains 检验 (related, 1 of 4 half-steps): 50 × 1/4 = 13 (12.5 rounded); 25; 15; 4 → 57
      { id: 'h', specialties: ['临床检验'], level: 4 },
      // below the minimum level: excluded
      { id: 'e', specialties: ['微生物检验', '检验'], level: 2, pastAssignments: 5 },
      // nothing in common: excluded
      { id: 'f', specialties: ['儿科'], level: 4 },
      // busy during the term: excluded
      { id: 'g', specialties: ['微生物检验', '检验'], level: 4, busy: [{ from: '2027-01-01', to: '2027-03-01' }] },
    ];
    const ranked = rankQualified(pool, need, 10);
    expect(ranked.map((r) => [r.candidate.id, r.score])).toEqual([
      ['a', 100],
      ['c', 90],
      ['b', 82],
      ['d', 82],
      ['h', 57],
    ]);
    expect(rankQualified(pool, need, 2).map((r) => r.candidate.id)).toEqual(['a', 'c']);
    expect(rankQualified(pool, need, 10, { minScore: 85 }).map((r) => r.candidate.id)).toEqual(['a', 'c']);
    expect(() => rankQualified([pool[0], pool[0]], need, 1)).toThrow(RangeError);
  });
});
