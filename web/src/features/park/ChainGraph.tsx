import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../shell/charts/useEChart';
import { FONT_FAMILY } from '../../theme';
import type { ChainMap } from './types';

echarts.use([GraphChart, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#1677ff', '#13c2c2', '#722ed1', '#fa8c16', '#eb2f96', '#52c41a'];
const TIER_X = { upstream: 0, midstream: 1, downstream: 2 } as const;

/**
 * The chains as a graph: one row per chain, upstream → downstream left to right, a node per link (its size the
 * enterprises on it); a missing link (补链) is hollow with a red dashed ring; edges follow the supply, across chains
 * too (molten aluminium to the parts maker).
 */
export default function ChainGraph({ map, phone }: { map: ChainMap; phone: boolean }) {
  const { t } = useTranslation();
  const { el, inst } = useEChart();
  useEffect(() => {
    const chart = inst.current;
    if (!chart) return;
    const colW = phone ? 120 : 300;
    const nodes = map.chains.flatMap((c, ci) => {
      const perTier = { upstream: 0, midstream: 0, downstream: 0 };
      return c.links.map((l) => {
        const k = perTier[l.tier]++;
        return {
          id: l.id,
          name: l.name,
          category: ci,
          x: TIER_X[l.tier] * colW + k * (phone ? 28 : 90),
          y: ci * 120 + (k % 2) * 40,
          symbolSize: 18 + Math.min(l.enterprises.length, 4) * 8,
          itemStyle: l.missing ? { color: '#fff', borderColor: '#f5222d', borderType: 'dashed' as const, borderWidth: 2 } : { color: COLORS[ci % COLORS.length] },
          label: { show: true, position: 'bottom' as const, fontSize: phone ? 9 : 11, fontFamily: FONT_FAMILY, color: l.missing ? '#cf1322' : 'rgba(0,0,0,0.75)' },
          tooltip: {
            formatter: () =>
              [
                `<b>${l.name}</b> · ${c.name}`,
                l.missing ? t('park.chains.missing') : `${t('park.chains.enterprises')}：${l.enterprises.map((e) => e.name).join('、')}`,
                l.projects.length
                  ? `${t('park.chains.projects')}：${l.projects
                      .slice(0, 4)
                      .map((p) => p.name)
                      .join('、')}${l.projects.length > 4 ? ' …' : ''}`
                  : '',
              ]
                .filter(Boolean)
                .join('<br/>'),
          },
        };
      });
    });
    const chainOf = new Map(map.chains.flatMap((c) => c.links.map((l) => [l.id, c.id])));
    const links = map.edges.map((e) => ({
      source: e.from,
      target: e.to,
      lineStyle: { curveness: chainOf.get(e.from) === chainOf.get(e.to) ? 0.05 : 0.25, width: e.note ? 2.5 : 1.2, color: e.note ? '#fa541c' : '#bfbfbf' },
      tooltip: { formatter: () => e.note ?? '', show: !!e.note },
    }));
    chart.setOption(
      {
        tooltip: { confine: true },
        legend: { top: 0, textStyle: { fontFamily: FONT_FAMILY }, data: map.chains.map((c) => c.name) },
        series: [
          {
            type: 'graph',
            layout: 'none',
            top: phone ? 110 : 40,
            bottom: 30,
            left: phone ? 30 : 60,
            right: phone ? 30 : 60,
            roam: true,
            edgeSymbol: ['none', 'arrow'],
            edgeSymbolSize: 7,
            categories: map.chains.map((c, i) => ({ name: c.name, itemStyle: { color: COLORS[i % COLORS.length] } })),
            data: nodes,
            links,
            emphasis: { focus: 'adjacency' },
          },
        ],
      },
      true,
    );
  }, [map, phone, t]);
  return <div ref={el} className="gb-park-graph" data-testid="park-chain-graph" role="img" aria-label={t('park.chains.title')} />;
}
