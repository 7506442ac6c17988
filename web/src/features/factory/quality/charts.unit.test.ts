import { describe, expect, it } from 'vitest';
import type { SpcPoint } from '@gearbridge/contracts/factory';
import { controlChart, hourlyBars, histogram, pareto, RED } from './charts';
import { oneIn, ppmText, yieldPct } from './format';

const labels = { centre: 'CL', ucl: 'UCL', lcl: 'LCL', usl: 'USL', lsl: 'LSL', zone1: '±1σ', zone2: '±2σ', tooltip: (i: number) => `p${i}`, axis: (i: number) => `t${i}` };
// Centre 10, 3σ limits 13 / 7 (σ = 1): point 3 beyond UCL.
const points: SpcPoint[] = [9.5, 10.2, 10.8, 13.4, 10.1].map((value, index) => ({ index, value, centre: 10, ucl: 13, lcl: 7 }));

type Series = { data: { value: number; itemStyle: { color: string } }[]; markLine: { data: { yAxis: number }[] }; markArea?: { data: { yAxis: number }[][] } };

describe('controlChart', () => {
  it('marks the point that completed a violation in red and draws the limits, zones and specification', () => {
    const o = controlChart(points, [{ rule: 'we1', chart: 'location', points: [3], trigger: 3 }], labels, { zones: true, spec: { lsl: 5, usl: 15 }, decimals: 2 });
    const s = (o.series as unknown as Series[])[0];
    expect(s.data.map((d) => d.itemStyle.color === RED)).toEqual([false, false, false, true, false]);
    expect(s.markLine.data.map((d) => d.yAxis).sort((a, b) => a - b)).toEqual([5, 7, 10, 13, 15]);
    // Zones: ±1σ around the centre and the two bands between 1σ and 2σ.
    expect(s.markArea?.data.map((z) => z.map((e) => e.yAxis))).toEqual([
      [11, 9],
      [12, 11],
      [9, 8],
    ]);
  });

  it('draws no zones on a spread chart and no specification limits when none are given', () => {
    const o = controlChart(points, [], labels, { zones: false, decimals: 2 });
    const s = (o.series as unknown as Series[])[0];
    expect(s.markArea).toBeUndefined();
    expect(s.markLine.data.map((d) => d.yAxis).sort((a, b) => a - b)).toEqual([7, 10, 13]);
    expect(s.data.every((d) => d.itemStyle.color !== RED)).toBe(true);
  });
});

describe('pareto', () => {
  it('sorts the largest first, folds the rest into one bar and accumulates the share', () => {
    const o = pareto(
      [
        { name: 'a', count: 1 },
        { name: 'b', count: 6 },
        { name: 'c', count: 3 },
        { name: 'd', count: 0 },
      ],
      { count: 'n', cumulative: 'cum', other: (n) => `other ${n}` },
      2,
    );
    if (!o) throw new Error('a Pareto of counts is drawn');
    const [bars, line] = o.series as unknown as { data: number[] }[];
    expect((o.xAxis as { data: string[] }).data).toEqual(['b', 'c', 'other 1']);
    expect(bars.data).toEqual([6, 3, 1]);
    expect(line.data).toEqual([60, 90, 100]);
  });

  it('is null when nothing was counted', () => {
    expect(pareto([{ name: 'a', count: 0 }], { count: 'n', cumulative: 'cum', other: () => '' })).toBeNull();
  });
});

describe('histogram and hourly bars', () => {
  it('puts LSL, USL and the nominal as vertical lines', () => {
    const o = histogram({ edges: [1, 2, 3], counts: [4, 5], below: 0, above: 0 }, { lsl: 0.5, usl: null, nominal: 2 }, { lsl: 'LSL', usl: 'USL', nominal: 'N', count: 'n' }, 1);
    const s = (o.series as unknown as { data: number[][]; markLine: { data: { xAxis: number }[] } }[])[0];
    expect(s.data).toEqual([
      [1, 2, 4],
      [2, 3, 5],
    ]);
    expect(s.markLine.data.map((d) => d.xAxis)).toEqual([0.5, 2]);
  });

  it('colours an hour below 90 % of the target per hour', () => {
    const o = hourlyBars(
      [
        { label: '08:00', good: 10, nok: 0 },
        { label: '09:00', good: 8, nok: 1 },
      ],
      75 / 8,
      { good: 'g', nok: 'n', perHour: 'p' },
    );
    const good = (o.series as unknown as { data: { itemStyle: { color: string } }[] }[])[0];
    expect(good.data[0].itemStyle.color).not.toBe(good.data[1].itemStyle.color);
  });
});

describe('quality figures for people', () => {
  it('shows yields with two decimals, ppm rounded and "1 in N"', () => {
    expect(yieldPct(0.9999)).toBe('99.99 %');
    expect(yieldPct(null)).toBe('—');
    expect(ppmText(96.4)).toBe('96');
    const t = ((k: string, p?: { n: string }) => (p ? `${k}:${p.n}` : k)) as never;
    // 100 ppm is one bad unit in 10,000 (the article's target).
    expect(oneIn(100, t)).toBe('factory.quality.perUnits:10,000');
    expect(oneIn(0, t)).toBe('factory.quality.noneBad');
  });
});
