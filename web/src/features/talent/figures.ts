import type { ChartOption, ChartTheme } from '../shell/charts/chartTheme';
import { FONT_FAMILY } from '../../theme';
import type { CollabFigures, CollabStats, Direction, Sector } from './types';

/** The figures the pages, the 大屏 and the quarterly report show, in their order. */
export const FIGURES: (keyof CollabFigures)[] = ['dispatches', 'lectures', 'trained', 'openClasses', 'mentored', 'professionals', 'cadres'];

/** The headline figures, as the collaboration reports them (the article's wording): a figure, of one sector or all. */
export interface Headline {
  key: string;
  figure: keyof CollabFigures;
  sector?: Sector;
}
export const HEADLINES: Headline[] = [
  { key: 'medicalDispatches', figure: 'dispatches', sector: 'health' },
  { key: 'teacherDispatches', figure: 'dispatches', sector: 'education' },
  { key: 'lectures', figure: 'lectures' },
  { key: 'trained', figure: 'trained', sector: 'health' },
  { key: 'openClasses', figure: 'openClasses' },
  { key: 'mentored', figure: 'mentored', sector: 'education' },
  { key: 'professionals', figure: 'professionals' },
  { key: 'cadres', figure: 'cadres' },
];
/** A headline's value over the span for one direction (null while loading). */
export function headline(stats: CollabStats | undefined, direction: Direction, h: Headline): number | null {
  if (!stats) return null;
  return stats.totals.filter((c) => c.direction === direction && (!h.sector || c.sector === h.sector)).reduce((s, c) => s + c[h.figure], 0);
}

/** One direction's figures over the span, all sectors added (people trained are distinct within each sector). */
export function directionTotals(stats: CollabStats | undefined, direction: Direction): CollabFigures | null {
  if (!stats) return null;
  const out = Object.fromEntries(FIGURES.map((k) => [k, 0])) as CollabFigures;
  for (const c of stats.totals) if (c.direction === direction) for (const k of FIGURES) out[k] += c[k];
  return out;
}

/** One figure of one direction, all sectors, per year of the span. */
export function perYear(stats: CollabStats | undefined, direction: Direction, k: keyof CollabFigures): { year: number; value: number }[] {
  if (!stats) return [];
  const years = Array.from({ length: stats.toYear - stats.fromYear + 1 }, (_, i) => stats.fromYear + i);
  return years.map((year) => ({ year, value: stats.rows.filter((r) => r.year === year && r.direction === direction).reduce((s, r) => s + r[k], 0) }));
}

/** Grouped columns: one group per year, one series per figure. */
export function yearColumns(series: { name: string; color: string; data: { year: number; value: number }[] }[], th: ChartTheme): ChartOption {
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, backgroundColor: th.tooltipBg, borderColor: th.line, textStyle: { color: th.tooltipText } },
    legend: { top: 0, textStyle: { color: th.text, fontSize: th.fontSize } },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: (series[0]?.data ?? []).map((d) => String(d.year)),
      axisLabel: { color: th.text, fontSize: th.fontSize },
      axisLine: { lineStyle: { color: th.line } },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: th.muted, fontSize: th.fontSize - 1 }, splitLine: { lineStyle: { type: 'dashed', color: th.line } } },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data.map((d) => d.value), itemStyle: { color: s.color, borderRadius: [3, 3, 0, 0] }, barMaxWidth: 28 })),
  };
}
export const FIGURE_COLORS: Record<keyof CollabFigures, string> = {
  dispatches: '#4d8bff',
  lectures: '#2bd18b',
  trained: '#f0b429',
  openClasses: '#b37feb',
  mentored: '#ff7a7a',
  professionals: '#36cfc9',
  cadres: '#ffa940',
};
