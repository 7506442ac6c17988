import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEChart } from '../../shell/charts/useEChart';
import { FONT_FAMILY } from '../../../theme';
import type { Genealogy } from '../../../api/types';

// Only the pieces this chart uses: keeps the lazily loaded ECharts chunk small.
echarts.use([GraphChart, TooltipComponent, CanvasRenderer]);

export interface GenealogyGraphLabels {
  unit: string;
  lot: string;
  workOrder: string;
  box: string;
  pallet: string;
  delivery: string;
}

const COLORS = { unit: '#1f4fd1', lot: '#d48806', workOrder: '#389e0d', box: '#722ed1', pallet: '#08979c', delivery: '#c41d7f' };

/**
 * The unit in the middle, its component lots on one side; on the other its work order and where it went — box,
 * pallet (SSCC), delivery — as a chain. A lot's node opens that lot's recall.
 */
export default function GenealogyGraph({ data, labels, onLot }: { data: Genealogy; labels: GenealogyGraphLabels; onLot: (lotId: number) => void }) {
  const { el, inst } = useEChart();

  useEffect(() => {
    const c = inst.current;
    if (!c) return;
    const lots = new Map<number, { lotNo: string; code: string; ops: string[] }>();
    for (const op of data.ops)
      for (const l of op.components) {
        const seen = lots.get(l.lotId);
        if (seen) seen.ops.push(op.op);
        else lots.set(l.lotId, { lotNo: l.lotNo, code: l.componentCode, ops: [op.op] });
      }
    const u = data.unit;
    const lotList = [...lots.entries()];
    const spread = (i: number, n: number) => (n <= 1 ? 0 : (i / (n - 1) - 0.5) * Math.min(400, 130 * (n - 1)));
    const h = data.handoff;
    // The right-hand column, top to bottom: the work order, then the unit's way out of the plant.
    const right = [
      ...(u.workOrderNumber ? [{ id: 'wo', name: u.workOrderNumber, category: 2, value: labels.workOrder }] : []),
      ...(h?.boxNumber ? [{ id: 'box', name: h.boxNumber, category: 3, value: labels.box }] : []),
      ...(h?.palletSscc ? [{ id: 'pallet', name: h.palletSscc, category: 4, value: labels.pallet }] : []),
      ...(h?.deliveryNumber ? [{ id: 'delivery', name: `${h.deliveryNumber}${h.customer ? `\n${h.customer}` : ''}`, category: 5, value: labels.delivery }] : []),
    ];
    const nodes = [
      { id: 'unit', name: u.serial, category: 0, x: 0, y: 0, symbolSize: 56, value: labels.unit },
      ...lotList.map(([id, l], i) => ({
        id: `lot-${id}`,
        name: `${l.code}\n${l.lotNo}`,
        category: 1,
        x: -260,
        y: spread(i, lotList.length),
        symbolSize: 40,
        value: `${labels.lot} · ${l.ops.join(', ')}`,
      })),
      ...right.map((n, i) => ({ ...n, x: 260, y: spread(i, right.length), symbolSize: 44 })),
      // Two invisible corners fix the drawing's extent (a row of nodes alone has no height).
      ...[-1, 1].map((k) => ({ id: `corner${k}`, name: '', x: 330 * k, y: 215 * k, symbolSize: 1, itemStyle: { opacity: 0 }, label: { show: false }, tooltip: { show: false } })),
    ];
    // The way out is a chain: unit → box → pallet → delivery (a unit packed straight on a pallet skips the box).
    const chain = ['unit', ...right.filter((n) => n.id !== 'wo').map((n) => n.id)];
    const links = [
      ...lotList.map(([id]) => ({ source: `lot-${id}`, target: 'unit' })),
      ...(u.workOrderNumber ? [{ source: 'unit', target: 'wo' }] : []),
      ...chain.slice(1).map((id, i) => ({ source: chain[i], target: id })),
    ];
    c.setOption(
      {
        textStyle: { fontFamily: FONT_FAMILY },
        tooltip: { formatter: (p: { data: { name?: string; value?: string } }) => (p.data?.value ? `${p.data.value}<br/>${(p.data.name ?? '').replace('\n', ' ')}` : '') },
        series: [
          {
            type: 'graph',
            layout: 'none',
            left: 8,
            right: 8,
            top: 8,
            bottom: 8,
            nodeScaleRatio: 0,
            // One scale for x and y: without it a narrow (phone) chart squeezes the circles into ellipses.
            preserveAspect: true,
            roam: true,
            categories: [
              { name: labels.unit, itemStyle: { color: COLORS.unit } },
              { name: labels.lot, itemStyle: { color: COLORS.lot } },
              { name: labels.workOrder, itemStyle: { color: COLORS.workOrder } },
              { name: labels.box, itemStyle: { color: COLORS.box } },
              { name: labels.pallet, itemStyle: { color: COLORS.pallet } },
              { name: labels.delivery, itemStyle: { color: COLORS.delivery } },
            ],
            data: nodes,
            links,
            label: { show: true, position: 'bottom', fontSize: 11, color: '#333' },
            lineStyle: { color: '#999', width: 1.5, curveness: 0 },
            edgeSymbol: ['none', 'arrow'],
            edgeSymbolSize: 8,
          },
        ],
      },
      true,
    );
    const click = (p: echarts.ECElementEvent) => {
      const id = (p.data as { id?: string } | null)?.id;
      if (id?.startsWith('lot-')) onLot(Number(id.slice(4)));
    };
    c.on('click', click);
    return () => {
      c.off('click', click);
    };
  }, [data, labels, onLot]);

  return <div ref={el} className="gb-trace-graph" data-testid="trace-graph" />;
}
