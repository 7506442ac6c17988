// Options of the quality charts — control charts with zones and limits, the capability histogram, defect Pareto,
// units per hour: plain data with no ECharts code (types only), drawn by QualityChart.tsx.
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, CustomSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkAreaComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { SpcHistogram, SpcPoint, SpcViolation } from '@gearbridge/contracts/factory';
import { FONT_FAMILY } from '../../../theme';
import { LIGHT } from '../../shell/charts/chartTheme';

export type QualityChartOption = ComposeOption<
  BarSeriesOption | CustomSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkAreaComponentOption | MarkLineComponentOption | TooltipComponentOption
>;

const th = LIGHT;
export const RED = '#d23f3f';
const BLUE = '#1f4fd1';
const GREEN = '#1a8f5a';
const GREY = '#8c93a1';
const tooltipStyle = { backgroundColor: th.tooltipBg, borderColor: th.line, textStyle: { color: th.tooltipText, fontFamily: FONT_FAMILY } };
export const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const axisLabel = { color: th.muted, fontSize: th.fontSize };
const splitLine = { lineStyle: { color: th.line } };

export interface ControlChartLabels {
  centre: string;
  ucl: string;
  lcl: string;
  usl: string;
  lsl: string;
  zone1: string;
  zone2: string;
  /** The tooltip of one point, as HTML (escaped by the caller). */
  tooltip: (index: number) => string;
  /** The x axis label of a point (its time). */
  axis: (index: number) => string;
}

/**
 * One control chart: the points, the centre line and the 3σ limits in force, the ±1σ and ±2σ zones (the location
 * chart of a variables chart), the specification limits where they belong (individuals), and every point that
 * completed a rule violation in red.
 */
export function controlChart(
  points: SpcPoint[],
  violations: SpcViolation[],
  l: ControlChartLabels,
  o: { zones: boolean; spec?: { lsl: number | null; usl: number | null }; decimals: number; floor?: number },
): QualityChartOption {
  const fmt = (v: number) => v.toFixed(o.decimals);
  const triggers = new Set(violations.map((v) => v.trigger));
  const inPattern = new Set(violations.flatMap((v) => v.points));
  const first = points[0];
  const constant = points.every((p) => p.ucl === first?.ucl && p.lcl === first?.lcl);
  const centre = first?.centre ?? 0;
  const sigma = first ? (first.ucl - first.centre) / 3 : 0;
  const values = points.map((p) => p.value);
  const lines: { name: string; yAxis: number; color: string; type: 'solid' | 'dashed' }[] = [];
  if (first) {
    lines.push({ name: l.centre, yAxis: centre, color: GREEN, type: 'solid' });
    if (constant) {
      lines.push({ name: l.ucl, yAxis: first.ucl, color: RED, type: 'dashed' }, { name: l.lcl, yAxis: first.lcl, color: RED, type: 'dashed' });
    }
  }
  if (o.spec?.usl !== null && o.spec?.usl !== undefined) lines.push({ name: l.usl, yAxis: o.spec.usl, color: '#9254de', type: 'solid' });
  if (o.spec?.lsl !== null && o.spec?.lsl !== undefined) lines.push({ name: l.lsl, yAxis: o.spec.lsl, color: '#9254de', type: 'solid' });
  const ys = [...values, ...lines.map((x) => x.yAxis), ...(first && !constant ? points.flatMap((p) => [p.ucl, p.lcl]) : [])];
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.08;
  const zones =
    o.zones && first && sigma > 0
      ? [
          // Zone C (within 1σ) green, zone B (1σ–2σ) amber; beyond 2σ (zone A) the plain background.
          [{ yAxis: centre + sigma, name: l.zone1, itemStyle: { color: 'rgba(26,143,90,0.07)' } }, { yAxis: centre - sigma }],
          [{ yAxis: centre + 2 * sigma, name: l.zone2, itemStyle: { color: 'rgba(224,162,30,0.09)' } }, { yAxis: centre + sigma }],
          [{ yAxis: centre - sigma, name: l.zone2, itemStyle: { color: 'rgba(224,162,30,0.09)' } }, { yAxis: centre - 2 * sigma }],
        ]
      : [];
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', confine: true, ...tooltipStyle, formatter: (p: unknown) => l.tooltip((Array.isArray(p) ? p[0] : p).dataIndex as number) },
    xAxis: {
      type: 'category',
      data: points.map((p) => String(p.index)),
      axisLabel: { ...axisLabel, formatter: (_v: string, i: number) => l.axis(i) },
      axisLine: { lineStyle: { color: th.line } },
    },
    yAxis: {
      type: 'value',
      scale: true,
      // A fraction or a count per unit (p, u) is never below 0: the axis does not go there either.
      min: Number(Math.max(o.floor ?? -Infinity, lo - pad).toFixed(o.decimals + 1)),
      max: Number((hi + pad).toFixed(o.decimals + 1)),
      axisLabel: { ...axisLabel, formatter: (v: number) => fmt(v) },
      splitLine,
    },
    series: [
      {
        type: 'line',
        data: points.map((p) => ({
          value: p.value,
          symbolSize: triggers.has(p.index) ? 9 : 5,
          itemStyle: { color: triggers.has(p.index) ? RED : inPattern.has(p.index) ? '#e07b39' : BLUE },
        })),
        lineStyle: { color: BLUE, width: 1.5 },
        symbol: 'circle',
        markLine: {
          symbol: 'none',
          silent: true,
          data: lines.map((x) => ({
            yAxis: x.yAxis,
            lineStyle: { color: x.color, type: x.type, width: 1 },
            label: { formatter: `${x.name} ${fmt(x.yAxis)}`, position: 'insideEndTop', color: x.color, fontSize: 11 },
          })),
        },
        markArea: zones.length
          ? {
              silent: true,
              itemStyle: { color: 'rgba(31,79,209,0.06)' },
              label: { show: false },
              data: zones as never,
            }
          : undefined,
      },
      // p and u charts: each point has its own limits, drawn as steps.
      ...(first && !constant
        ? ([
            { type: 'line', step: 'middle', symbol: 'none', silent: true, data: points.map((p) => p.ucl), lineStyle: { color: RED, type: 'dashed', width: 1 } },
            { type: 'line', step: 'middle', symbol: 'none', silent: true, data: points.map((p) => p.lcl), lineStyle: { color: RED, type: 'dashed', width: 1 } },
          ] as LineSeriesOption[])
        : []),
    ],
  };
}

export interface HistogramLabels {
  lsl: string;
  usl: string;
  nominal: string;
  count: string;
}

/** The capability histogram: the bins as touching bars, with LSL, USL and the nominal as vertical lines. */
export function histogram(h: SpcHistogram, spec: { lsl: number | null; usl: number | null; nominal: number }, l: HistogramLabels, decimals: number): QualityChartOption {
  const fmt = (v: number) => v.toFixed(decimals);
  const data = h.counts.map((c, i) => [h.edges[i], h.edges[i + 1], c]);
  const marks = [
    ...(spec.lsl !== null ? [{ name: l.lsl, x: spec.lsl, color: RED }] : []),
    ...(spec.usl !== null ? [{ name: l.usl, x: spec.usl, color: RED }] : []),
    { name: l.nominal, x: spec.nominal, color: GREEN },
  ];
  const xs = [...h.edges, ...marks.map((m) => m.x)];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo || 1) * 0.05;
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      ...tooltipStyle,
      formatter: (p: unknown) => {
        const d = (p as { data: number[] }).data;
        return d ? `${fmt(d[0])} – ${fmt(d[1])}<br/>${escapeHtml(l.count)} <b>${d[2]}</b>` : '';
      },
    },
    xAxis: { type: 'value', min: lo - pad, max: hi + pad, axisLabel: { ...axisLabel, formatter: (v: number) => fmt(v), hideOverlap: true }, splitLine: { show: false } },
    yAxis: { type: 'value', minInterval: 1, axisLabel, splitLine },
    series: [
      {
        type: 'custom',
        data,
        encode: { x: [0, 1], y: 2 },
        renderItem: (_params, api) => {
          const a = api.coord([api.value(0), api.value(2)]);
          const b = api.coord([api.value(1), 0]);
          return { type: 'rect', shape: { x: a[0], y: a[1], width: Math.max(1, b[0] - a[0] - 1), height: b[1] - a[1] }, style: { fill: BLUE, opacity: 0.75 } };
        },
        markLine: {
          symbol: 'none',
          silent: true,
          data: marks.map((m) => ({
            xAxis: m.x,
            lineStyle: { color: m.color, type: 'dashed', width: 1.5 },
            label: { formatter: `${m.name} ${fmt(m.x)}`, color: m.color, fontSize: 11, position: 'end' },
          })),
        },
      },
    ],
  };
}

/** A Pareto as vertical bars (largest first, at most `top`, the rest as one bar) and the cumulative share as a line. */
export function pareto(items: { name: string; count: number }[], l: { count: string; cumulative: string; other: (n: number) => string }, top = 8): QualityChartOption | null {
  const sorted = [...items].filter((x) => x.count > 0).sort((a, b) => b.count - a.count);
  if (!sorted.length) return null;
  const bars = sorted.slice(0, top);
  const rest = sorted.slice(top);
  if (rest.length) bars.push({ name: l.other(rest.length), count: rest.reduce((a, x) => a + x.count, 0) });
  const total = bars.reduce((a, b) => a + b.count, 0);
  let run = 0;
  const cum = bars.map((b) => {
    run += b.count;
    return Math.round((run / total) * 1000) / 10;
  });
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      ...tooltipStyle,
      formatter: (p: unknown) => {
        const i = (Array.isArray(p) ? p[0] : p).dataIndex as number;
        return `${escapeHtml(bars[i].name)}<br/>${escapeHtml(l.count)} <b>${bars[i].count}</b><br/>${escapeHtml(l.cumulative)} ${cum[i]} %`;
      },
    },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.name),
      axisLabel: { ...axisLabel, interval: 0, width: 80, overflow: 'truncate' },
      axisLine: { lineStyle: { color: th.line } },
    },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel, splitLine },
      { type: 'value', min: 0, max: 100, axisLabel: { ...axisLabel, formatter: '{value} %' }, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: l.count,
        data: bars.map((b) => b.count),
        barMaxWidth: 36,
        itemStyle: { color: RED },
        label: { show: true, position: 'top', color: th.text, fontSize: 11 },
      },
      { type: 'line', name: l.cumulative, yAxisIndex: 1, data: cum, symbol: 'circle', symbolSize: 5, lineStyle: { color: GREY }, itemStyle: { color: GREY } },
    ],
  };
}

/** Units per hour of a shift: good and NOK stacked, with the target per hour (target ÷ 8) as a line. */
export function hourlyBars(hours: { label: string; good: number; nok: number }[], perHour: number | null, l: { good: string; nok: string; perHour: string }): QualityChartOption {
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    legend: { top: 0, right: 0, textStyle: { color: th.text, fontSize: 12 }, itemWidth: 12, itemHeight: 8 },
    grid: { left: 8, right: 48, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', ...tooltipStyle },
    xAxis: { type: 'category', data: hours.map((h) => h.label), axisLabel, axisLine: { lineStyle: { color: th.line } } },
    yAxis: { type: 'value', minInterval: 1, max: perHour ? (v: { max: number }) => Math.max(v.max, Math.ceil(perHour * 1.2)) : undefined, axisLabel, splitLine },
    series: [
      {
        type: 'bar',
        name: l.good,
        stack: 'u',
        itemStyle: { color: GREEN },
        data: hours.map((h) => ({ value: h.good, itemStyle: { color: perHour && h.good < perHour * 0.9 ? '#e0a21e' : GREEN } })),
        barMaxWidth: 40,
        label: { show: true, position: 'inside', color: '#fff', fontSize: 11, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
        markLine: perHour
          ? {
              symbol: 'none',
              silent: true,
              data: [
                {
                  yAxis: perHour,
                  lineStyle: { color: BLUE, type: 'dashed' },
                  label: { formatter: `${l.perHour} ${Number(perHour.toFixed(1))}`, position: 'insideEndTop', color: BLUE, fontSize: 11 },
                },
              ],
            }
          : undefined,
      },
      { type: 'bar', name: l.nok, stack: 'u', data: hours.map((h) => h.nok), itemStyle: { color: RED }, barMaxWidth: 40 },
    ],
  };
}
