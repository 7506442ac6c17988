import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { useEChart } from './useEChart';
import { BarChart, CustomChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartOption } from './chartTheme';

// Only the pieces the OEE (its trend too), timeline and 大屏 charts use: keeps the lazily loaded ECharts chunk small.
echarts.use([BarChart, CustomChart, GaugeChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * An ECharts chart of a ready-made option (built in chartOptions.ts, which has no ECharts code in it, so pages
 * load ECharts only with their first chart). Resizes with its container; the option replaces the previous one.
 */
export default function EChart({ option, className, testId, label }: { option: ChartOption; className?: string; testId?: string; label?: string }) {
  const { el, inst } = useEChart();

  useEffect(() => {
    inst.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} className={className} data-testid={testId} role="img" aria-label={label} />;
}
