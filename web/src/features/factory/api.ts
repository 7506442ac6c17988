import { keepPreviousData, queryOptions, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, isApiError } from '../../api/client';
import { plantDay } from './plantTime';
import type {
  DeadLetter,
  DeadLetterQuery,
  DeviceMetric,
  DevicePatch,
  DeviceQuery,
  DeviceStates,
  FactoryDevice,
  FactoryLine,
  IngestStats,
  LineOee,
  LineOeeRange,
  MetricSeries,
  Page,
  PlantOee,
  ShiftCalendar,
  ShiftCalendarInput,
} from '../../api/types';

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
  metrics: (id: string) => ['factory', 'metrics', id] as const,
  states: (id: string, hours: number) => ['factory', 'states', id, hours] as const,
  oee: (lineId: string, day: string) => ['factory', 'oee', lineId, day] as const,
  plantOee: (day: string, orgId: string) => ['factory', 'oee', 'plant', day, orgId] as const,
  calendar: ['factory', 'calendar'] as const,
  oeeRange: (lineId: string, from: string, to: string, group: string) => ['factory', 'oee-range', lineId, from, to, group] as const,
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

/** Devices that announced themselves but sit on no line yet; it only runs while the ingest statistics say there are some. */
export function useDiscoveredDevices(expected: number) {
  return useQuery({
    queryKey: [...factoryKeys.discovered, expected],
    enabled: expected > 0,
    queryFn: async ({ signal }) => (await api.get<Page<FactoryDevice>>('/factory/devices', { discovered: 'true', pageSize: MAX_PAGE }, signal)).items,
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
  return useQuery({
    queryKey: factoryKeys.stats,
    queryFn: ({ signal }) => api.get<IngestStats>('/factory/ingest/stats', undefined, signal),
    refetchInterval: LIVE_MS,
    staleTime: 0,
  });
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

/** The metrics a device has declared (Sparkplug BIRTH, or seen in its JSON messages): what its page charts. */
export function useDeviceMetrics(id: string) {
  return useQuery({
    queryKey: factoryKeys.metrics(id),
    queryFn: ({ signal }) => api.get<DeviceMetric[]>(`/factory/devices/${id}/metrics`, undefined, signal),
    enabled: !!id,
    // A device declares new metrics rarely (a new BIRTH); once a minute is enough to pick them up.
    refetchInterval: 60_000,
  });
}

/** A device's state intervals over the last `hours`, with availability, MTBF and MTTR for that window. */
export type StatesData = DeviceStates & { from: number; to: number };
export function useDeviceStates(id: string, hours: number) {
  return useQuery({
    queryKey: factoryKeys.states(id, hours),
    queryFn: async ({ signal }): Promise<StatesData> => {
      const to = Date.now();
      const from = to - hours * 3_600_000;
      const r = await api.get<DeviceStates>(`/factory/devices/${id}/states`, { from: new Date(from).toISOString(), to: new Date(to).toISOString() }, signal);
      return { ...r, from, to };
    },
    placeholderData: keepPreviousData,
    refetchInterval: CHART_MS,
  });
}

/**
 * OEE refreshes once a minute: it moves slowly. The server keeps computed figures a few seconds and says when they
 * were computed (`asOf`, never more than 30 s before the answer).
 */
export const OEE_MS = 60_000;

/** A line's OEE for one plant day, per shift and in total; only today's (the one still moving) is polled. */
export function lineOeeQuery(lineId: string, day: string, live: boolean) {
  return queryOptions({
    queryKey: factoryKeys.oee(lineId, day),
    queryFn: ({ signal }) => api.get<LineOee>(`/factory/lines/${lineId}/oee`, { day }, signal),
    refetchInterval: live ? OEE_MS : false,
    staleTime: live ? 30_000 : 5 * 60_000,
  });
}

export function useLineOee(lineId: string | undefined, day: string, live: boolean) {
  return useQuery({ ...lineOeeQuery(lineId ?? '', day, live), enabled: !!lineId, placeholderData: keepPreviousData });
}

/** An organisation's plant OEE for a day: its lines combined on the server per shift and for the day, and each line's day. */
export function plantOeeQuery(orgId: string, day: string) {
  return queryOptions({
    queryKey: factoryKeys.plantOee(day, orgId),
    queryFn: ({ signal }) => api.get<PlantOee>('/factory/oee', { day, orgId }, signal),
    refetchInterval: OEE_MS,
    staleTime: 30_000,
  });
}

const answers = (rs: { data?: PlantOee }[]) => rs.map((r) => r.data);

/**
 * The plant OEE of some organisations (those owning the lines on a page, and the user's own): one answer per
 * organisation carries every one of its lines' day, so a page of lines needs no request per line.
 */
export function usePlantOees(orgIds: string[], day: string) {
  return useQueries({ queries: [...new Set(orgIds)].sort().map((id) => plantOeeQuery(id, day)), combine: answers });
}

/** Each line's day from plant answers, by line id. */
export const lineDays = (plants: (PlantOee | undefined)[]) => new Map(plants.flatMap((p) => (p ? p.lines.map((l) => [l.lineId, l.total] as const) : [])));

/**
 * A line's OEE over the last `days` plant days up to today, by day or by week: closed days from the server's OEE
 * rollup, today live. Refreshed with the day's figures (once a minute).
 */
export function useLineOeeRange(lineId: string, days: number, group: 'day' | 'week') {
  const to = plantDay();
  const from = dayjs(to)
    .subtract(days - 1, 'day')
    .format('YYYY-MM-DD');
  return useQuery({
    queryKey: factoryKeys.oeeRange(lineId, from, to, group),
    queryFn: ({ signal }) => api.get<LineOeeRange>(`/factory/lines/${lineId}/oee/range`, { from, to, group }, signal),
    refetchInterval: OEE_MS,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

export function useCalendar() {
  return useQuery({ queryKey: factoryKeys.calendar, queryFn: ({ signal }) => api.get<ShiftCalendar>('/factory/calendar', undefined, signal), staleTime: 5 * 60_000 });
}

export function useSaveCalendar() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ShiftCalendarInput) => api.put<ShiftCalendar>('/factory/calendar', input),
    onSuccess: (cal) => {
      qc.setQueryData(factoryKeys.calendar, cal);
      // Every OEE figure depends on the shifts.
      void qc.invalidateQueries({ queryKey: ['factory', 'oee'] });
    },
  });
}
