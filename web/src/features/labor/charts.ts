// Options of the labour charts: plain data, no ECharts code (types only), so ECharts itself loads with the lazily
// imported chart component (shell/charts/EChart.tsx) the first time a chart is shown.
import type { ChartOption, ChartTheme } from '../shell/charts/chartTheme';
import { FONT_FAMILY } from '../../theme';

export const LIGHT: ChartTheme = { text: 'rgba(0,0,0,0.75)', muted: 'rgba(0,0,0,0.5)', line: '#e8ebf1', tooltipBg: '#fff', tooltipText: 'rgba(0,0,0,0.85)', fontSize: 12 };
export const DARK: ChartTheme = {
  text: '#d6e4ff',
  muted: 'rgba(214,228,255,0.6)',
  line: 'rgba(120,160,255,0.18)',
  tooltipBg: 'rgba(8,20,44,0.95)',
  tooltipText: '#e6ecff',
  fontSize: 16,
};

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

const tooltip = (th: ChartTheme) => ({ backgroundColor: th.tooltipBg, borderColor: th.line, textStyle: { color: th.tooltipText, fontFamily: FONT_FAMILY } });

/** Horizontal bars, largest first as given: category names stay readable in Chinese at any width. */
export function hBars(data: Bar[], th: ChartTheme = LIGHT, color = '#1f4fd1'): ChartOption {
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, ...tooltip(th) },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.map((d) => d.label),
      axisTick: { show: false },
      axisLine: { show: false },
      axisLabel: { color: th.text, fontSize: th.fontSize },
    },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: th.muted, fontSize: th.fontSize - 1 }, splitLine: { lineStyle: { type: 'dashed', color: th.line } } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: data.map((d) => ({ value: d.value, itemStyle: { color: d.color ?? color, borderRadius: [0, 4, 4, 0] } })),
        label: { show: true, position: 'right', color: th.text, fontSize: th.fontSize - 1 },
      },
    ],
  };
}

/** A ring of shares (e.g. workers by status), with the legend below. */
export function ring(data: Bar[], th: ChartTheme = LIGHT): ChartOption {
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)', ...tooltip(th) },
    legend: { bottom: 0, icon: 'circle', itemWidth: 10, itemHeight: 10, textStyle: { color: th.text, fontSize: th.fontSize } },
    series: [
      {
        type: 'pie',
        radius: ['40%', '64%'],
        center: ['50%', '44%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: th === DARK ? '#0b1a3a' : '#fff', borderWidth: 2 },
        // Values only at the slices: the names are in the legend, so long English names are never cut at the edge.
        label: { formatter: '{c}', color: th.text, fontSize: th.fontSize },
        labelLine: { length: 8, length2: 6 },
        data: data.map((d) => ({ name: d.label, value: d.value, itemStyle: d.color ? { color: d.color } : undefined })),
      },
    ],
  };
}

/** Vertical bars over time (e.g. placements per month). */
export function columns(data: Bar[], th: ChartTheme = LIGHT, color = '#1a8f5a'): ChartOption {
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, ...tooltip(th) },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.map((d) => d.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: th.line } },
      axisLabel: { color: th.text, fontSize: th.fontSize - 1 },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: th.muted, fontSize: th.fontSize - 1 }, splitLine: { lineStyle: { type: 'dashed', color: th.line } } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        data: data.map((d) => d.value),
        itemStyle: { color, borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: 'top', color: th.text, fontSize: th.fontSize - 2, formatter: (p: { value?: unknown }) => (p.value ? String(p.value) : '') },
      },
    ],
  };
}

/** Vertical bars of rates in per cent (0–100), e.g. retention per start cohort. */
export function percentColumns(data: Bar[], th: ChartTheme = LIGHT, color = '#4d8bff'): ChartOption {
  const o = columns(data, th, color);
  return {
    ...o,
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: { color: th.muted, fontSize: th.fontSize - 1, formatter: '{value}%' },
      splitLine: { lineStyle: { type: 'dashed', color: th.line } },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        data: data.map((d) => d.value),
        itemStyle: { color, borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: 'top', color: th.text, fontSize: th.fontSize - 2, formatter: '{c}%' },
      },
    ],
  };
}
