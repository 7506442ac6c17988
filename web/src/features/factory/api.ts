import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, isApiError } from '../../api/client';
import type { DeadLetter, DeadLetterQuery, DevicePatch, DeviceQuery, FactoryDevice, FactoryLine, IngestStats, MetricSeries, Page } from '../../api/types';

/** How often the live views poll: plant overview, line and connectivity every 5 s; device charts and the device list every 10 s. */
export const LIVE_MS = 5_000;
export const CHART_MS = 10_000;
export const LIST_MS = 10_000;
/** The device page charts the last hour of 1-minute rollups. */
export const CHART_WINDOW_MIN = 60;
/** The API's largest page: a line's devices (26 in the demo plant) always fit in one. */
const MAX_PAGE = 500;

export const factoryKeys = {
  all: ['factory'] as const,
  lines: ['factory', 'lines'] as const,
  devices: (q: DeviceQuery) => ['factory', 'devices', q] as const,
  device: (id: string) => ['factory', 'device', id] as const,
  series: (id: string, metric: string) => ['factory', 'series', id, metric] as const,
  stats: ['factory', 'stats'] as const,
  deadLetters: (q: DeadLetterQuery) => ['factory', 'dead-letters', q] as const,
  discovered: ['factory', 'discovered'] as const,
};

export function useLines(live = false) {
  return useQuery({
    queryKey: factoryKeys.lines,
    queryFn: ({ signal }) => api.get<FactoryLine[]>('/factory/lines', undefined, signal),
    refetchInterval: live ? LIVE_MS : false,
    staleTime: live ? 0 : 60_000,
  });
}

export function useDevices(q: DeviceQuery, refetchInterval: number | false = false) {
  return useQuery({
    queryKey: factoryKeys.devices(q),
    queryFn: ({ signal }) => api.get<Page<FactoryDevice>>('/factory/devices', q, signal),
    placeholderData: keepPreviousData,
    refetchInterval,
  });
}

/** Every device of one line, refreshed with the overview's pace so the tiles follow online/offline. */
export function useLineDevices(lineId: string | null | undefined, live = true) {
  return useQuery({
    queryKey: factoryKeys.devices({ lineId: lineId ?? undefined, pageSize: MAX_PAGE }),
    queryFn: ({ signal }) => api.get<Page<FactoryDevice>>('/factory/devices', { lineId, pageSize: MAX_PAGE }, signal),
    enabled: !!lineId,
    refetchInterval: live ? LIVE_MS : false,
  });
}

/**
 * Devices that announced themselves but sit on no line yet. The list endpoint cannot filter on `discovered`, so
 * this reads every page and keeps those; it only runs while the ingest statistics say there are some.
 */
export function useDiscoveredDevices(expected: number) {
  return useQuery({
    queryKey: [...factoryKeys.discovered, expected],
    enabled: expected > 0,
    queryFn: async ({ signal }) => {
      const found: FactoryDevice[] = [];
      for (let page = 1; ; page++) {
        const r = await api.get<Page<FactoryDevice>>('/factory/devices', { page, pageSize: MAX_PAGE }, signal);
        found.push(...r.items.filter((d) => d.discovered));
        if (page * MAX_PAGE >= r.total || found.length >= expected) return found;
      }
    },
  });
}

export function useDevice(id: string | undefined) {
  return useQuery({
    queryKey: factoryKeys.device(id ?? ''),
    queryFn: ({ signal }) => api.get<FactoryDevice>(`/factory/devices/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: CHART_MS,
  });
}

export function useUpdateDevice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: DevicePatch }) => api.patch<FactoryDevice>(`/factory/devices/${id}`, patch),
    onSuccess: (device) => {
      qc.setQueryData(factoryKeys.device(device.id), device);
      void qc.invalidateQueries({ queryKey: factoryKeys.all });
    },
  });
}

/**
 * One metric of a device over the last hour (for useQueries). The window is taken when each request starts, so every
 * refresh slides it forward; a metric the device does not report answers 404 and is neither retried nor polled.
 */
export type SeriesData = MetricSeries & { from: number; to: number };
export function seriesQuery(deviceId: string, metric: string) {
  return queryOptions({
    queryKey: factoryKeys.series(deviceId, metric),
    queryFn: async ({ signal }): Promise<SeriesData> => {
      const to = dayjs().add(1, 'minute').startOf('minute');
      const from = to.subtract(CHART_WINDOW_MIN + 1, 'minute');
      const series = await api.get<MetricSeries>(`/factory/devices/${deviceId}/series`, { metric, from: from.toISOString(), to: to.toISOString() }, signal);
      return { ...series, from: from.valueOf(), to: to.valueOf() };
    },
    refetchInterval: (q) => (isApiError(q.state.error) && q.state.error.status === 404 ? false : CHART_MS),
  });
}

export function useIngestStats() {
  return useQuery({ queryKey: factoryKeys.stats, queryFn: ({ signal }) => api.get<IngestStats>('/factory/ingest/stats', undefined, signal), refetchInterval: LIVE_MS, staleTime: 0 });
}

export function useDeadLetters(q: DeadLetterQuery, enabled: boolean) {
  return useQuery({
    queryKey: factoryKeys.deadLetters(q),
    queryFn: ({ signal }) => api.get<Page<DeadLetter>>('/factory/ingest/dead-letters', q, signal),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
    enabled,
  });
}
