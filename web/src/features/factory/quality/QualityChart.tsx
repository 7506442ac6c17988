import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../shell/charts/useEChart';
import type { QualityChartOption } from './charts';

// The control charts, histogram and Paretos need lines and mark lines/areas besides the shared chart kinds; loaded
// lazily with the quality pages only.
echarts.use([BarChart, CustomChart, LineChart, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** An ECharts chart of a ready-made option from ./charts.ts; resizes with its container. */
export default function QualityChart({ option, className, testId, label }: { option: QualityChartOption; className?: string; testId?: string; label?: string }) {
  const { el, inst } = useEChart();
  useEffect(() => {
    inst.current?.setOption(option, true);
  }, [option]);
  return <div ref={el} className={className} data-testid={testId} role="img" aria-label={label} />;
}
