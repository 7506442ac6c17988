import { describe, expect, it } from 'vitest';
import type { OeeFigures } from '../../api/types';
import { inLineTime, stateRing, stateTimeline, stopPareto } from './chartOptions';
import { isOver, OVER_COLOR, ratioColor } from './oeeFormat';

const GREEN = ratioColor(0.9);

const figures = (over: Partial<OeeFigures> = {}): OeeFigures => ({
  plannedS: 26 * 600,
  runS: 26 * 540,
  availability: 0.9,
  performance: 0.95,
  quality: 1,
  oee: 0.855,
  good: 100,
  total: 100,
  losses: { breakdowns: 26 * 30, setup: 26 * 20, smallStops: 26 * 10, reducedSpeed: 26 * 27, defects: 0 },
  devices: 26,
  stops: [
    { state: 'down', code: 2001, seconds: 26 * 30, count: 3, nameZh: '刀具断裂', nameEn: 'Tool broken' },
    { state: 'setup', code: null, seconds: 26 * 20, count: 2, nameZh: null, nameEn: null },
  ],
  mtbfMin: null,
  mttrMin: null,
  failures: 3,
  states: { running: 26 * 540, idle: 26 * 10, down: 26 * 30, setup: 26 * 20, planned_stop: 0, offline: 0 },
  ...over,
});

describe('a measured ratio above 100 %', () => {
  it('is a warning, never the success green; 100.0 % after rounding is not over', () => {
    expect(isOver(1.2)).toBe(true);
    expect(ratioColor(1.2)).toBe(OVER_COLOR);
    expect(ratioColor(1.2)).not.toBe(GREEN);
    expect(isOver(1.0004)).toBe(false);
    expect(ratioColor(null)).not.toBe(GREEN);
  });
});

describe("a line's figures in its own time", () => {
  it('divides the summed device-seconds by the devices, the ratios unchanged', () => {
    const f = inLineTime(figures());
    expect(f.plannedS).toBe(600);
    expect(f.runS).toBe(540);
    expect(f.losses).toEqual({ breakdowns: 30, setup: 20, smallStops: 10, reducedSpeed: 27, defects: 0 });
    expect(f.states.running).toBe(540);
    expect([f.availability, f.performance, f.oee]).toEqual([0.9, 0.95, 0.855]);
  });
  it("leaves a device's own figures as they are", () => {
    const one = figures({ devices: 1, plannedS: 600 });
    expect(inLineTime(one)).toBe(one);
  });
});

describe('empty is said, not drawn', () => {
  it('gives no state ring without any time, and no Pareto without stops', () => {
    expect(
      stateRing({ running: 0, idle: 0, down: 0, setup: 0, planned_stop: 0, offline: 0 }, { running: '', idle: '', down: '', setup: '', planned_stop: '', offline: '' }, 'min'),
    ).toBeNull();
    const labels = { name: () => 'x', minutes: 'min', cumulative: 'cum', count: (n: number) => String(n), other: (n: number) => `+${n}` };
    expect(stopPareto([], labels)).toBeNull();
    const chart = stopPareto(figures().stops, labels);
    expect(chart).not.toBeNull();
    // The longest cause first, in minutes.
    expect((chart!.series as { data: { value: number }[] }[])[0].data.map((d) => d.value)).toEqual([13, (26 * 20) / 60]);
  });
  it('draws a gap in the state timeline as no data, not offline', () => {
    const from = Date.parse('2026-12-07T00:00:00Z');
    const to = from + 3600_000;
    const chart = stateTimeline([{ state: 'running', reasonCode: null, start: new Date(from + 1800_000).toISOString(), end: null }], from, to, {
      states: { running: 'run', idle: '', down: '', setup: '', planned_stop: '', offline: 'offline' },
      noData: 'no data',
      reason: '',
      reasonName: () => null,
      duration: () => '',
      now: 'now',
    });
    const data = (chart.series as { data: { value: number[] }[] }[])[0].data;
    // First half: the gap (flag 1), second half: running (flag 0).
    expect(data.map((d) => d.value[3])).toEqual([1, 0]);
  });
});
