// What every chart of every module shares: the option type of the chart kinds EChart.tsx registers, and the
// colours of the light pages and of the dark 大屏. Types only from ECharts, so building options costs nothing.
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, CustomSeriesOption, GaugeSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

export type ChartOption = ComposeOption<
  BarSeriesOption | CustomSeriesOption | GaugeSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** Colours for the light pages and the dark 大屏. */
export interface ChartTheme {
  text: string;
  muted: string;
  line: string;
  tooltipBg: string;
  tooltipText: string;
  /** Axis and legend text: the 大屏 is read from across the workshop. */
  fontSize: number;
}
export const LIGHT: ChartTheme = { text: 'rgba(0,0,0,0.75)', muted: 'rgba(0,0,0,0.5)', line: '#e8ebf1', tooltipBg: '#fff', tooltipText: 'rgba(0,0,0,0.85)', fontSize: 12 };
export const DARK: ChartTheme = {
  text: '#d6e4ff',
  muted: 'rgba(214,228,255,0.6)',
  line: 'rgba(120,160,255,0.18)',
  tooltipBg: 'rgba(8,20,44,0.95)',
  tooltipText: '#e6ecff',
  fontSize: 15,
};
