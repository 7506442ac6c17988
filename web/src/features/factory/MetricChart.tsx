import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { useEChart } from '../shell/charts/useEChart';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import dayjs from 'dayjs';
import type { MetricPoint } from '../../api/types';
import { FONT_FAMILY } from '../../theme';
import { formatValue } from './format';
import type { ChartKind } from './model';

// Only the pieces these charts use: keeps the lazily loaded ECharts chunk small.
echarts.use([LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

const BLUE = '#1f4fd1';
const MINUTE = 60_000;

export interface MetricChartLabels {
  avg: string;
  min: string;
  max: string;
  value: string;
}

export interface MetricChartProps {
  chart: ChartKind;
  points: MetricPoint[];
  /** The time window the x axis shows, ms since epoch. */
  from: number;
  to: number;
  unit: string | null;
  labels: MetricChartLabels;
  testId?: string;
}

type Pair = [number, number | null];

/** Points as [time, value] with a null where a minute is missing, so an outage shows as a gap, not a slope. */
function withGaps(points: MetricPoint[], value: (p: MetricPoint) => number): Pair[] {
  const out: Pair[] = [];
  let prev = 0;
  for (const p of points) {
    const t = new Date(p.t).getTime();
    if (prev && t - prev > MINUTE * 1.5) out.push([prev + MINUTE, null]);
    out.push([t, value(p)]);
    prev = t;
  }
  return out;
}

interface TooltipParam {
  axisValue?: number | string;
}

/** The minute under the axis pointer: the point nearest to the pointer's time (every series shares the minutes). */
function pointAt(points: MetricPoint[], ps: TooltipParam[]): MetricPoint | undefined {
  const at = Number(ps[0]?.axisValue);
  if (!Number.isFinite(at)) return undefined;
  let best: MetricPoint | undefined;
  let bestD = Infinity;
  for (const p of points) {
    const d = Math.abs(new Date(p.t).getTime() - at);
    if (d < bestD) {
      best = p;
      bestD = d;
    }
  }
  return bestD <= MINUTE ? best : undefined;
}

/**
 * One metric of one device over time: the per-minute mean with its min–max band, or a counter's last value as
 * steps. Resizes with its container.
 */
export default function MetricChart({ chart, points, from, to, unit, labels, testId }: MetricChartProps) {
  const { el, inst } = useEChart();

  useEffect(() => {
    const c = inst.current;
    if (!c) return;
    const suffix = unit ? ` ${unit}` : '';
    const xAxis = {
      type: 'time' as const,
      min: from,
      max: to,
      axisLabel: { formatter: (v: number) => dayjs(v).format('HH:mm'), color: 'rgba(0,0,0,0.55)', hideOverlap: true },
      axisLine: { lineStyle: { color: '#d9dde6' } },
      splitLine: { show: false },
    };
    const base = { textStyle: { fontFamily: FONT_FAMILY }, animation: false, grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true }, xAxis };
    const few = points.length <= 3;

    if (chart === 'counter') {
      c.setOption(
        {
          ...base,
          tooltip: {
            trigger: 'axis',
            formatter: (ps: TooltipParam[]) => {
              const p = pointAt(points, ps);
              return p ? `${dayjs(p.t).format('HH:mm')}<br/>${labels.value}: <b>${formatValue(p.last, 0)}</b>${suffix}` : '';
            },
          },
          yAxis: { type: 'value', scale: true, minInterval: 1, splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } }, axisLabel: { color: 'rgba(0,0,0,0.55)' } },
          series: [{ type: 'line', step: 'end', data: withGaps(points, (p) => p.last), color: BLUE, showSymbol: few, symbolSize: 5 }],
        },
        true,
      );
      return;
    }

    // The band is drawn as two stacked series: an invisible floor at `min` and the `max − min` range on top.
    c.setOption(
      {
        ...base,
        tooltip: {
          trigger: 'axis',
          formatter: (ps: TooltipParam[]) => {
            const p = pointAt(points, ps);
            if (!p) return '';
            return [
              dayjs(p.t).format('HH:mm'),
              `${labels.avg}: <b>${formatValue(p.avg)}</b>${suffix}`,
              `${labels.min} – ${labels.max}: ${formatValue(p.min)} – ${formatValue(p.max)}${suffix}`,
            ].join('<br/>');
          },
        },
        yAxis: { type: 'value', scale: true, splitLine: { lineStyle: { type: 'dashed', color: '#eef0f4' } }, axisLabel: { color: 'rgba(0,0,0,0.55)' } },
        series: [
          { name: labels.min, type: 'line', stack: 'band', data: withGaps(points, (p) => p.min), lineStyle: { opacity: 0 }, symbol: 'none', silent: true },
          {
            name: labels.max,
            type: 'line',
            stack: 'band',
            data: withGaps(points, (p) => p.max - p.min),
            lineStyle: { opacity: 0 },
            symbol: 'none',
            areaStyle: { color: 'rgba(31,79,209,0.16)' },
            silent: true,
          },
          { name: labels.avg, type: 'line', data: withGaps(points, (p) => p.avg), color: BLUE, showSymbol: few, symbolSize: 5, lineStyle: { width: 2 } },
        ],
      },
      true,
    );
  }, [chart, points, from, to, unit, labels]);

  return <div ref={el} className="gb-metric-chart" data-testid={testId} data-points={points.length} />;
}
