// Options of the OEE, state and 大屏 charts: plain data with no ECharts code (types only), so that building them
// costs nothing and ECharts itself loads with EChart.tsx, the first time a chart is shown.
import type { MachineStateName, OeeFigures, OeeRangePoint, StateInterval, StopReason } from '../../api/types';
import { FONT_FAMILY } from '../../theme';
import { DARK, LIGHT, type ChartOption, type ChartTheme } from '../shell/charts/chartTheme';
import { pct } from './oeeFormat';
import { plantHm } from './plantTime';
import { STATE_COLORS, STATE_ORDER } from './model';

export { DARK, LIGHT, type ChartOption, type ChartTheme };

/** Axis numbers short enough not to collide: 12,000 → 12k. */
const compact = (v: number) => (Math.abs(v) >= 1_000 ? `${Number((v / 1000).toFixed(1))}k` : v.toLocaleString());

const tooltipStyle = (th: ChartTheme) => ({ backgroundColor: th.tooltipBg, borderColor: th.line, textStyle: { color: th.tooltipText, fontFamily: FONT_FAMILY } });
const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
/** Minutes for a label: whole minutes, with one decimal under ten (a line's few minutes into a shift are not all 0). */
const fmtMin = (s: number) => (s > 0 && s < 600 ? Number((s / 60).toFixed(1)) : Math.round(s / 60)).toLocaleString();

/** The colour of "no data" on the timeline: a light grey, unlike offline's. */
export const NO_DATA_COLOR = '#f3f4f7';
export const NO_DATA_STROKE = '#aab1bd';

/**
 * A line's (or the plant's) figures in its own time: the server sums its devices' seconds (device-seconds), which a
 * few minutes into a shift with 180 devices reads as 1,000 "minutes". Divided by the devices with planned time they
 * are the line's minutes — the ratios do not change. A device's figures are its own time already (devices = 1).
 */
export function inLineTime(f: OeeFigures): OeeFigures {
  const n = f.devices > 1 ? f.devices : 1;
  if (n === 1) return f;
  const div = <T extends Record<string, number>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v / n])) as T;
  return { ...f, plannedS: f.plannedS / n, runS: f.runS / n, losses: div(f.losses), states: div(f.states), stops: f.stops.map((r) => ({ ...r, seconds: r.seconds / n })) };
}

export interface LossLabels {
  planned: string;
  breakdowns: string;
  setup: string;
  smallStops: string;
  reducedSpeed: string;
  defects: string;
  productive: string;
  /** The last bar when the speed loss is unknown (no ideal cycle time): run time, not fully productive time. */
  runUnknownSpeed: string;
  minutes: string;
  ofPlanned: string;
}

const LOSS_COLORS = { planned: '#1f4fd1', breakdowns: '#d23f3f', setup: '#5b7bd9', smallStops: '#e0a21e', reducedSpeed: '#e07b39', defects: '#9254de', productive: '#1a8f5a' };

/**
 * The six big losses as a waterfall in minutes: planned production time at the top, each loss hanging where the
 * previous one ended, and what is left — fully productive time — at the bottom (Nakajima's loss tree).
 */
export function lossWaterfall(f: OeeFigures, l: LossLabels, th: ChartTheme = LIGHT): ChartOption {
  const speedKnown = f.performance !== null;
  const steps: { key: keyof typeof LOSS_COLORS; name: string; s: number }[] = [
    { key: 'breakdowns', name: l.breakdowns, s: f.losses.breakdowns },
    { key: 'setup', name: l.setup, s: f.losses.setup },
    { key: 'smallStops', name: l.smallStops, s: f.losses.smallStops },
    ...(speedKnown
      ? [
          { key: 'reducedSpeed' as const, name: l.reducedSpeed, s: f.losses.reducedSpeed },
          { key: 'defects' as const, name: l.defects, s: f.losses.defects },
        ]
      : []),
  ];
  const lost = steps.reduce((a, x) => a + x.s, 0);
  const rest = Math.max(0, f.plannedS - lost);
  const names = [l.planned, ...steps.map((x) => x.name), speedKnown ? l.productive : l.runUnknownSpeed];
  const base: number[] = [0];
  const value: { value: number; itemStyle: { color: string } }[] = [{ value: f.plannedS / 60, itemStyle: { color: LOSS_COLORS.planned } }];
  let left = f.plannedS;
  for (const x of steps) {
    left -= x.s;
    base.push(Math.max(0, left) / 60);
    value.push({ value: x.s / 60, itemStyle: { color: LOSS_COLORS[x.key] } });
  }
  base.push(0);
  value.push({ value: rest / 60, itemStyle: { color: LOSS_COLORS.productive } });
  const seconds = [f.plannedS, ...steps.map((x) => x.s), rest];
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'item',
      ...tooltipStyle(th),
      formatter: (p) => {
        const i = (Array.isArray(p) ? p[0] : p).dataIndex;
        const share = f.plannedS > 0 ? ` · ${l.ofPlanned} ${pct(seconds[i] / f.plannedS)}` : '';
        return `${escapeHtml(names[i])}<br/><b>${fmtMin(seconds[i])}</b> ${escapeHtml(l.minutes)}${share}`;
      },
    },
    xAxis: {
      type: 'value',
      splitNumber: 4,
      axisLabel: { color: th.muted, fontSize: th.fontSize, hideOverlap: true, formatter: compact },
      splitLine: { lineStyle: { color: th.line, type: 'dashed' } },
    },
    yAxis: {
      type: 'category',
      data: names,
      inverse: true,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: th.line } },
      axisLabel: { color: th.text, fontSize: th.fontSize },
    },
    series: [
      { type: 'bar', stack: 'w', data: base, itemStyle: { color: 'transparent' }, silent: true, barWidth: '58%' },
      {
        type: 'bar',
        stack: 'w',
        data: value,
        barWidth: '58%',
        label: { show: true, position: 'right', color: th.text, fontSize: th.fontSize, formatter: (p) => fmtMin(seconds[p.dataIndex]) },
      },
    ],
  };
}

/** Where the time went, by state, as a ring; the tooltip gives minutes and share. */
export function stateRing(
  states: Record<MachineStateName, number>,
  names: Record<MachineStateName, string>,
  minutesLabel: string,
  th: ChartTheme = LIGHT,
  legend = true,
): ChartOption | null {
  const total = STATE_ORDER.reduce((a, k) => a + states[k], 0);
  // Nothing to divide: the caller shows an empty state rather than a blank ring.
  if (!(total > 0)) return null;
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    tooltip: {
      trigger: 'item',
      ...tooltipStyle(th),
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0] : p;
        const k = STATE_ORDER[item.dataIndex];
        return `${escapeHtml(names[k])}<br/><b>${fmtMin(states[k])}</b> ${escapeHtml(minutesLabel)} · ${pct(total ? states[k] / total : null)}`;
      },
    },
    legend: legend
      ? {
          orient: 'vertical',
          right: 0,
          top: 'middle',
          icon: 'circle',
          itemWidth: th.fontSize - 2,
          itemHeight: th.fontSize - 2,
          itemGap: th.fontSize - 2,
          textStyle: { color: th.text, fontSize: th.fontSize },
        }
      : { show: false },
    series: [
      {
        type: 'pie',
        radius: ['52%', '78%'],
        center: legend ? ['36%', '50%'] : ['50%', '50%'],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: th === DARK ? '#0b1a36' : '#fff', borderWidth: 2 },
        data: STATE_ORDER.map((k) => ({ name: names[k], value: Math.round(states[k]), itemStyle: { color: STATE_COLORS[k] } })),
      },
    ],
  };
}

export interface TimelineLabels {
  states: Record<MachineStateName, string>;
  /** A gap with no state reported at all: not offline (nothing said so), not running — no data. */
  noData: string;
  reason: string;
  /** The name of a down reason code (from the device's alarms), when known. */
  reasonName: (code: number) => string | null;
  duration: (seconds: number) => string;
  now: string;
}

/**
 * A device's state over a window as one gantt row: each interval a bar in its state's colour, clipped to the
 * window; the tooltip tells the state, its times and length, and for a stop the reason code and its name.
 */
export function stateTimeline(intervals: StateInterval[], from: number, to: number, l: TimelineLabels): ChartOption {
  const known = intervals
    .map((i) => ({ i, s: Math.max(from, Date.parse(i.start)), e: Math.min(to, i.end ? Date.parse(i.end) : to) }))
    .filter((r) => r.e > r.s)
    .sort((a, b) => a.s - b.s);
  // Time with no state at all is drawn as "no data" (grey): nothing said the machine was offline, nor running.
  const rows: ((typeof known)[number] & { gap?: boolean })[] = [];
  let at = from;
  for (const r of known) {
    if (r.s > at) rows.push({ i: { state: 'offline', reasonCode: null, start: new Date(at).toISOString(), end: new Date(r.s).toISOString() }, s: at, e: r.s, gap: true });
    rows.push(r);
    at = Math.max(at, r.e);
  }
  if (known.length && at < to) rows.push({ i: { state: 'offline', reasonCode: null, start: new Date(at).toISOString(), end: null }, s: at, e: to, gap: true });
  const hours = (to - from) / 3_600_000;
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'item',
      ...tooltipStyle(LIGHT),
      formatter: (p) => {
        const r = rows[(Array.isArray(p) ? p[0] : p).dataIndex];
        if (!r) return '';
        const lines = [
          r.gap
            ? `<b style="color:${NO_DATA_COLOR}">●</b> <b>${escapeHtml(l.noData)}</b>`
            : `<b style="color:${STATE_COLORS[r.i.state]}">●</b> <b>${escapeHtml(l.states[r.i.state])}</b>`,
          `${plantHm(r.s)} – ${r.i.end ? plantHm(r.e) : l.now} · ${escapeHtml(l.duration((r.e - r.s) / 1000))}`,
        ];
        if (r.i.reasonCode !== null && r.i.reasonCode !== 0) {
          const name = l.reasonName(r.i.reasonCode);
          lines.push(`${escapeHtml(l.reason)}: <b>${r.i.reasonCode}</b>${name ? ` ${escapeHtml(name)}` : ''}`);
        }
        return lines.join('<br/>');
      },
    },
    xAxis: {
      type: 'time',
      min: from,
      max: to,
      // Whole hours on long windows, quarter hours on the short one.
      minInterval: hours > 2 ? 3_600_000 : 900_000,
      axisLabel: { formatter: (v: number) => plantHm(v), color: LIGHT.muted, hideOverlap: true },
      axisLine: { lineStyle: { color: '#d9dde6' } },
      splitLine: { show: true, lineStyle: { color: '#f0f2f5' } },
    },
    yAxis: { type: 'category', data: [''], show: false },
    series: [
      {
        type: 'custom',
        encode: { x: [1, 2], y: 0 },
        data: rows.map((r) => ({ value: [0, r.s, r.e, r.gap ? 1 : 0], itemStyle: { color: r.gap ? NO_DATA_COLOR : STATE_COLORS[r.i.state] } })),
        renderItem: (_params, api) => {
          const start = api.coord([api.value(1), 0]);
          const end = api.coord([api.value(2), 0]);
          const band = api.size ? api.size([0, 1]) : [0, 40];
          const h = (Array.isArray(band) ? band[1] : band) * 0.72;
          return {
            type: 'rect',
            shape: { x: start[0], y: start[1] - h / 2, width: Math.max(1, end[0] - start[0]), height: h },
            // No data: a pale box with a dashed outline, unlike offline's solid grey.
            style: api.value(3) ? { fill: NO_DATA_COLOR, stroke: NO_DATA_STROKE, lineWidth: 1, lineDash: [4, 3] } : { fill: api.visual('color') },
          };
        },
      },
    ],
  };
}

/** A gauge of one ratio for the 大屏 (0–100 %), with "—" when it is not defined. */
export function ratioGauge(v: number | null, color: string, th: ChartTheme = DARK): ChartOption {
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    series: [
      {
        type: 'gauge',
        startAngle: 215,
        endAngle: -35,
        min: 0,
        max: 100,
        radius: '96%',
        center: ['50%', '56%'],
        // Always shown (an undefined ratio draws it transparent): ECharts 6 fails when progress switches from hidden to shown.
        progress: { show: true, width: 16, roundCap: true, itemStyle: { color: v === null ? 'transparent' : color } },
        axisLine: { lineStyle: { width: 16, color: [[1, th.line]] }, roundCap: true },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '4%'],
          fontSize: 44,
          fontWeight: 700,
          color,
          formatter: () => (v === null ? '—' : `${(v * 100).toFixed(1)}%`),
        },
        data: [{ value: v === null ? 0 : Math.min(100, v * 100) }],
      },
    ],
  };
}

export interface StopLabels {
  /** The name of a cause: an alarm code with its name, setup, small stops, offline. */
  name: (r: StopReason) => string;
  minutes: string;
  cumulative: string;
  count: (n: number) => string;
}

/**
 * Why the line lost time: the stop causes as a Pareto — horizontal bars of minutes, the longest on top (at most
 * `top`, the rest as one "other" bar), each labelled with its minutes and the cumulative share so far.
 */
export function stopPareto(stops: StopReason[], l: StopLabels & { other: (n: number) => string }, top = 8, th: ChartTheme = LIGHT): ChartOption | null {
  const sorted = [...stops].filter((r) => r.seconds > 0).sort((a, b) => b.seconds - a.seconds);
  if (!sorted.length) return null;
  const head = sorted.slice(0, top);
  const rest = sorted.slice(top);
  const bars = head.map((r) => ({ name: l.name(r), s: r.seconds, count: r.count, color: STOP_COLORS[r.state] }));
  if (rest.length) bars.push({ name: l.other(rest.length), s: rest.reduce((a, r) => a + r.seconds, 0), count: rest.reduce((a, r) => a + r.count, 0), color: '#a0a6b1' });
  const total = bars.reduce((a, b) => a + b.s, 0);
  let run = 0;
  const cumulative = bars.map((b) => {
    run += b.s;
    return Math.round((run / total) * 100);
  });
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    grid: { left: 8, right: 88, top: 4, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'item',
      ...tooltipStyle(th),
      formatter: (p) => {
        const i = (Array.isArray(p) ? p[0] : p).dataIndex;
        const b = bars[i];
        return `${escapeHtml(b.name)}<br/><b>${fmtMin(b.s)}</b> ${escapeHtml(l.minutes)} · ${escapeHtml(l.count(b.count))}<br/>${escapeHtml(l.cumulative)} ${cumulative[i]} %`;
      },
    },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      data: bars.map((b) => b.name),
      inverse: true,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: th.line } },
      axisLabel: { color: th.text, fontSize: th.fontSize, width: 150, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: bars.map((b) => ({ value: b.s / 60, itemStyle: { color: b.color } })),
        label: {
          show: true,
          position: 'right',
          color: th.text,
          fontSize: th.fontSize - 1,
          formatter: (p) => `${fmtMin(bars[p.dataIndex].s)} · ${cumulative[p.dataIndex]} %`,
        },
      },
    ],
  };
}

const STOP_COLORS: Record<StopReason['state'], string> = { down: '#d23f3f', setup: '#5b7bd9', idle: '#e0a21e', offline: '#8c93a1' };

export interface TrendLabels {
  oee: string;
  availability: string;
  performance: string;
  quality: string;
  /** The x axis label of a point: a day or the week it begins. */
  period: (p: OeeRangePoint) => string;
}

/**
 * A line's OEE over days or weeks: OEE as bars, A, P and Q as lines, all in percent (a period without planned
 * time is a gap, not 0 %).
 */
export function oeeTrend(points: OeeRangePoint[], l: TrendLabels, th: ChartTheme = LIGHT): ChartOption {
  const pctOf = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  const line = (name: string, color: string, key: 'availability' | 'performance' | 'quality') => ({
    type: 'line' as const,
    name,
    data: points.map((p) => pctOf(p[key])),
    showSymbol: points.length <= 40,
    symbolSize: 4,
    connectNulls: false,
    lineStyle: { width: 1.5, color },
    itemStyle: { color },
  });
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animation: false,
    grid: { left: 8, right: 12, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, textStyle: { color: th.text, fontSize: th.fontSize - 1 }, itemWidth: 14, itemHeight: 8 },
    tooltip: {
      trigger: 'axis',
      ...tooltipStyle(th),
      valueFormatter: (v) => (v === null || v === undefined || v === '-' ? '—' : `${v} %`),
    },
    xAxis: {
      type: 'category',
      data: points.map((p) => l.period(p)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: th.line } },
      axisLabel: { color: th.text, fontSize: th.fontSize - 1, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
      axisLabel: { color: th.text, formatter: '{value} %' },
      splitLine: { lineStyle: { color: th.line, opacity: 0.5 } },
    },
    series: [
      { type: 'bar', name: l.oee, data: points.map((p) => pctOf(p.oee)), barMaxWidth: 14, itemStyle: { color: '#1f4fd1' } },
      line(l.availability, '#1a8f5a', 'availability'),
      line(l.performance, '#e07b39', 'performance'),
      line(l.quality, '#9254de', 'quality'),
    ],
  };
}
