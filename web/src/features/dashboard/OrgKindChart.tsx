import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { FONT_FAMILY } from '../../theme';

// Only the pieces this chart uses: keeps the lazily loaded ECharts chunk small.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const PALETTE = ['#1f4fd1', '#d23f3f', '#7b4fd1', '#1a8f5a', '#e08a1e', '#0f9fb4'];

export interface KindCount {
  label: string;
  value: number;
}

/** Organisations by kind as a bar or pie chart; resizes with its container. */
export default function OrgKindChart({ data, type }: { data: KindCount[]; type: 'bar' | 'pie' }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const textStyle = { fontFamily: FONT_FAMILY };
    if (type === 'pie') {
      c.setOption(
        {
          color: PALETTE,
          textStyle,
          tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
          legend: { bottom: 0, icon: 'circle', itemWidth: 10, itemHeight: 10 },
          series: [
            {
              type: 'pie',
              radius: ['42%', '68%'],
              center: ['50%', '44%'],
              avoidLabelOverlap: true,
              itemStyle: { borderColor: '#fff', borderWidth: 2 },
              label: { formatter: '{b}\n{c}', lineHeight: 18 },
              data: data.map((d) => ({ name: d.label, value: d.value })),
            },
          ],
        },
        true,
      );
    } else {
      c.setOption(
        {
          color: PALETTE,
          textStyle,
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          // Horizontal bars: Chinese category names stay readable at any width.
          grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
          yAxis: {
            type: 'category',
            inverse: true,
            data: data.map((d) => d.label),
            axisTick: { show: false },
            axisLine: { show: false },
            axisLabel: { fontSize: 13, color: 'rgba(0,0,0,0.75)' },
          },
          xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed', color: '#e8ebf1' } } },
          series: [
            {
              type: 'bar',
              barMaxWidth: 26,
              data: data.map((d, i) => ({ value: d.value, itemStyle: { color: PALETTE[i % PALETTE.length], borderRadius: [0, 4, 4, 0] } })),
              label: { show: true, position: 'right', color: 'rgba(0,0,0,0.65)' },
            },
          ],
        },
        true,
      );
    }
  }, [data, type]);

  return <div ref={el} className="gb-chart" role="img" aria-label={data.map((d) => `${d.label} ${d.value}`).join(', ')} data-testid="org-kind-chart" />;
}
