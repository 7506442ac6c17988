import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api } from '../../api/client';
import type { LaborStats } from './types';

/** The labour figures of the dashboard and the 大屏: one call, computed by the server over what the user may see. */
export function useLaborStats(enabled = true) {
  return useQuery({
    queryKey: ['labor', 'stats'],
    queryFn: ({ signal }) => api.get<LaborStats>('/labor/stats', undefined, signal),
    enabled,
    staleTime: 60_000,
    refetchInterval: 120_000,
  });
}

/** The home-region chart's title: "城口县劳动力户籍分布（按乡镇）", or by county, city… when the workers span more. */
export function byRegionTitle(t: TFunction, r: LaborStats['byRegion'] | undefined): string {
  if (!r?.level) return t('labor.dashboard.byRegion');
  const level = t(`labor.dashboard.regionLevel.${r.level}`);
  if (!r.parent) return t('labor.dashboard.byRegionLevel', { level });
  const region = r.parent.level === 'province' || r.parent.level === 'city' ? r.parent.fullName : r.parent.name;
  return t('labor.dashboard.byRegionOf', { region, level });
}
