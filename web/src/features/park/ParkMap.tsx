import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../shell/charts/useEChart';
import { FONT_FAMILY } from '../../theme';
import type { ParkPlan, Site, SiteStatus } from './types';

echarts.use([MapChart, TooltipComponent, CanvasRenderer]);

/** The colours of a site's status on the map and in its legend. */
export const SITE_COLORS: Record<SiteStatus, string> = { idle: '#f5222d', offered: '#fa8c16', leased: '#1677ff', in_use: '#52c41a' };
const ZONE_COLOR = '#f0f2f5';

/**
 * The park's own plan (GeoJSON from the server) drawn by ECharts, each site coloured by its status; a zone is drawn
 * beneath in grey. A site of the plan without a record stays grey too. Hover: name, area, status and tenant.
 */
export default function ParkMap({ plan, sites, onSite }: { plan: ParkPlan; sites: Site[]; onSite?: (s: Site) => void }) {
  const { t } = useTranslation();
  const { el, inst } = useEChart();
  useEffect(() => {
    const chart = inst.current;
    if (!chart) return;
    echarts.registerMap('gb-park-plan', plan as unknown as Parameters<typeof echarts.registerMap>[1]);
    const byCode = new Map(sites.map((s) => [s.code, s]));
    const data = plan.features.map((f) => {
      const s = byCode.get(f.properties.name);
      return {
        name: f.properties.name,
        label: {
          show: true,
          formatter: f.properties.kind === 'zone' ? f.properties.label : (s?.code ?? f.properties.name),
          color: f.properties.kind === 'zone' ? '#8c8c8c' : '#fff',
        },
        itemStyle: { areaColor: s ? SITE_COLORS[s.status] : ZONE_COLOR, borderColor: '#fff', borderWidth: f.properties.kind === 'zone' ? 0 : 2 },
        emphasis: { disabled: !s },
        tooltip: { show: !!s },
      };
    });
    chart.setOption(
      {
        tooltip: {
          trigger: 'item',
          formatter: (p: { name: string }) => {
            const s = byCode.get(p.name);
            if (!s) return '';
            const lines = [`<b>${s.name}</b> (${s.code})`, `${s.areaM2.toLocaleString('en-US')} m² · ${t(`park.space.status_${s.status}`)}`];
            if (s.lease) lines.push(`${s.lease.enterpriseName} · ${s.lease.startsOn} → ${s.lease.endsOn}`);
            return lines.join('<br/>');
          },
        },
        series: [
          {
            type: 'map',
            map: 'gb-park-plan',
            roam: false,
            aspectScale: 1,
            layoutCenter: ['50%', '50%'],
            layoutSize: '100%',
            selectedMode: false,
            label: { fontFamily: FONT_FAMILY, fontSize: 11 },
            emphasis: { label: { color: '#fff' }, itemStyle: { areaColor: '#0958d9' } },
            data,
          },
        ],
      },
      true,
    );
    chart.off('click');
    chart.on('click', (p) => {
      const s = byCode.get((p as { name: string }).name);
      if (s && onSite) onSite(s);
    });
  }, [plan, sites, t, onSite]);
  return <div ref={el} className="gb-park-map" data-testid="park-map" role="img" aria-label={t('park.space.map')} />;
}
