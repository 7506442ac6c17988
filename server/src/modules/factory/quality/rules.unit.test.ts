import type { SpcPoint, SpcRuleId } from '@gearbridge/contracts/factory';
import { NELSON_RULES, SPC_RULE_IDS, SpcRuleSet, WESTERN_ELECTRIC_RULES } from '@gearbridge/contracts/factory';
import { describe, expect, it } from 'vitest';
import { checkRules, zScore } from './rules';
import { chartWindow, pLimits } from './spc';

// Points on a chart with centre 0 and limits ±3, so each value is its own z (σ = 1).
const pts = (values: number[], start = 0): SpcPoint[] => values.map((value, i) => ({ index: start + i, value, centre: 0, ucl: 3, lcl: -3 }));
const fired = (rule: SpcRuleId, values: number[]) => checkRules(pts(values), [], [rule]).map(({ points, trigger }) => ({ points, trigger }));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const repeat = (v: number[], times: number) => Array.from({ length: times }, () => v).flat();

// Each rule: a series that fires (with the points and the trigger it must report) and series that do not.
describe('Western Electric and Nelson rules', () => {
  it.each(['we1', 'nelson1'] as const)('%s: one point beyond 3σ', (rule) => {
    expect(fired(rule, [0, 0.5, 3.2, 0, -3.01])).toEqual([
      { points: [2], trigger: 2 },
      { points: [4], trigger: 4 },
    ]);
    expect(fired(rule, [2.9, -2.9, 3, -3])).toEqual([]); // on the limit is not beyond it
  });

  it.each(['we2', 'nelson5'] as const)('%s: two of three beyond 2σ on one side', (rule) => {
    expect(fired(rule, [0, 2.1, 0.5, 2.5])).toEqual([{ points: [1, 3], trigger: 3 }]);
    expect(fired(rule, [0, -2.1, -2.5])).toEqual([{ points: [1, 2], trigger: 2 }]);
    expect(fired(rule, [2.5, 0, -2.5, 0, 2.5])).toEqual([]); // beyond 2σ, but on opposite sides
    expect(fired(rule, [2, 2, 2])).toEqual([]); // exactly 2σ is not beyond
    expect(fired(rule, [2.5, 0, 0, 2.5])).toEqual([]); // four apart, not two of three
  });

  it.each(['we3', 'nelson6'] as const)('%s: four of five beyond 1σ on one side', (rule) => {
    expect(fired(rule, [1.5, 1.2, 0.3, 1.1, 1.8])).toEqual([{ points: [0, 1, 3, 4], trigger: 4 }]);
    expect(fired(rule, [1.5, 1.2, 0.3, 0.9, 1.8])).toEqual([]);
    expect(fired(rule, [1.5, 1.2, -1.3, 1.1, 0.2])).toEqual([]); // the last point is not beyond 1σ
  });

  it('we4: eight in a row on one side', () => {
    expect(fired('we4', repeat([0.1], 8))).toEqual([{ points: range(0, 7), trigger: 7 }]);
    expect(fired('we4', [...repeat([0.1], 7), 0, 0.1])).toEqual([]); // a point on the centre line breaks the run
    expect(fired('we4', repeat([-0.4], 7))).toEqual([]);
  });

  it('nelson2: nine in a row on one side (eight do not fire it)', () => {
    expect(fired('nelson2', repeat([-0.2], 9))).toEqual([{ points: range(0, 8), trigger: 8 }]);
    expect(fired('nelson2', repeat([-0.2], 8))).toEqual([]);
    // A longer run is reported at every point that extends it.
    expect(fired('nelson2', repeat([0.3], 10)).map((v) => v.trigger)).toEqual([8, 9]);
  });

  it('nelson3: six in a row steadily increasing or decreasing', () => {
    expect(fired('nelson3', [0, 0.1, 0.2, 0.3, 0.4, 0.5])).toEqual([{ points: range(0, 5), trigger: 5 }]);
    expect(fired('nelson3', [2, 1.5, 1, 0, -1, -2.5])).toEqual([{ points: range(0, 5), trigger: 5 }]);
    expect(fired('nelson3', [0, 0.1, 0.2, 0.2, 0.4, 0.5])).toEqual([]); // a tie is not an increase
    expect(fired('nelson3', [0.1, 0.2, 0.3, 0.4, 0.5])).toEqual([]); // five points
  });

  it('nelson4: fourteen in a row alternating up and down', () => {
    const saw = repeat([0.5, -0.5], 7);
    expect(fired('nelson4', saw)).toEqual([{ points: range(0, 13), trigger: 13 }]);
    expect(fired('nelson4', saw.slice(0, 13))).toEqual([]);
    const broken = [...saw];
    broken[7] = broken[6]!; // two equal neighbours in the middle
    expect(fired('nelson4', broken)).toEqual([]);
  });

  it('nelson7: fifteen in a row within 1σ', () => {
    const hug = repeat([0.5, -0.4, 0.2], 5);
    expect(fired('nelson7', hug)).toEqual([{ points: range(0, 14), trigger: 14 }]);
    expect(fired('nelson7', [...hug.slice(0, 14), 1])).toEqual([]); // exactly 1σ is not within
  });

  it('nelson8: eight in a row beyond 1σ on both sides', () => {
    expect(fired('nelson8', repeat([1.5, -1.5], 4))).toEqual([{ points: range(0, 7), trigger: 7 }]);
    expect(fired('nelson8', repeat([1.5], 8))).toEqual([]); // all on one side (that is nelson2/nelson6's pattern)
    expect(fired('nelson8', [...repeat([1.5, -1.5], 3), 1.5, 0.5])).toEqual([]);
  });

  it('rules that are not selected do not run', () => {
    const wild = [5, ...repeat([1.5, -1.5], 7)];
    expect(checkRules(pts(wild), [], [])).toEqual([]);
    expect(checkRules(pts(wild), [], ['nelson4']).every((v) => v.rule === 'nelson4')).toBe(true);
  });
});

describe('checkRules', () => {
  it('orders violations by trigger, then rule; reports the index the caller numbered the points with', () => {
    const v = checkRules(pts([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 3.5], 100), [], ['nelson2', 'we4', 'we1', 'nelson1']);
    expect(v.map((x) => [x.trigger, x.rule])).toEqual([
      [107, 'we1'],
      [107, 'we4'],
      [107, 'nelson1'],
    ]);
    expect(v[1]!.points).toEqual(range(100, 107));
  });

  it('runs only the beyond-limits test on the spread chart', () => {
    const spread: SpcPoint[] = repeat([0.1], 9).map((value, i) => ({ index: i, value, centre: 0.05, ucl: 0.2, lcl: 0 }));
    spread.push({ index: 9, value: 0.25, centre: 0.05, ucl: 0.2, lcl: 0 });
    const v = checkRules([], spread, ['we1', 'we4', 'nelson2']);
    expect(v).toEqual([{ rule: 'we1', chart: 'spread', points: [9], trigger: 9 }]);
  });

  it('zones each point of a p chart by its own limits; a point at a clamped LCL of 0 is not beyond it', () => {
    // p̄ = 0.06; n = 100 → σ = √(0.06·0.94/100) = 0.023749, n = 900 → 0.007916 (hand). 0.11 is 2.1σ above
    // for n = 100 and 6.3σ (beyond the UCL) for n = 900.
    const study = [
      { count: 6, size: 100 },
      { count: 54, size: 900 },
    ];
    const l = pLimits(study);
    const chart = chartWindow(
      l,
      {
        kind: 'p',
        samples: [
          { count: 11, size: 100 },
          { count: 99, size: 900 },
          { count: 0, size: 100 },
        ],
      },
      ['we1'],
    );
    expect(zScore(chart.location[0]!)).toBeCloseTo(0.05 / 0.023749, 3);
    expect(chart.location[2]!.lcl).toBe(0);
    expect(chart.violations).toEqual([{ rule: 'we1', chart: 'location', points: [1], trigger: 1 }]);
  });

  it('a σ of 0 (p̄ = 0: no defect in the study) makes any defect infinitely far', () => {
    expect(zScore({ index: 0, value: 0.01, centre: 0, ucl: 0, lcl: 0 })).toBe(Number.POSITIVE_INFINITY);
    expect(zScore({ index: 0, value: 0, centre: 0, ucl: 0, lcl: 0 })).toBe(0);
  });
});

describe('rule sets (contracts)', () => {
  it('list the four Western Electric and eight Nelson rules', () => {
    expect(WESTERN_ELECTRIC_RULES).toHaveLength(4);
    expect(NELSON_RULES).toHaveLength(8);
    expect([...WESTERN_ELECTRIC_RULES, ...NELSON_RULES]).toEqual([...SPC_RULE_IDS]);
  });

  it('refuse a rule twice or an unknown rule', () => {
    expect(SpcRuleSet.safeParse(['we1', 'nelson3']).success).toBe(true);
    const twice = SpcRuleSet.safeParse(['we1', 'we1']);
    expect(twice.success).toBe(false);
    expect(twice.error?.issues[0]?.message).toBe('factory.validation.spc_rule_twice');
    expect(SpcRuleSet.safeParse(['nelson9']).success).toBe(false);
  });
});
