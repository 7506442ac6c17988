import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@gearbridge/contracts/factory';
import { api } from '../../../api/client';

/** The quality page and the SPC chart page (issue #13 items 3 and 4): GET/POST/PUT /api/factory/quality/…. */
export const qualityKeys = {
  all: ['factory', 'quality'] as const,
  overview: (day: string) => ['factory', 'quality', 'overview', day] as const,
  characteristics: ['factory', 'quality', 'characteristics'] as const,
  chart: (id: string, subgroups: number) => ['factory', 'quality', 'chart', id, subgroups] as const,
  limits: (id: string) => ['factory', 'quality', 'limits', id] as const,
};

/** The quality figures move with each finished unit; a minute is fresh enough for a day's yields. */
const QUALITY_MS = 30_000;

export function useQualityOverview(day: string, live: boolean) {
  return useQuery({
    queryKey: qualityKeys.overview(day),
    queryFn: ({ signal }) => api.get<C.QualityOverview>('/factory/quality/overview', { day }, signal),
    refetchInterval: live ? QUALITY_MS : false,
  });
}

export function useCharacteristics() {
  return useQuery({
    queryKey: qualityKeys.characteristics,
    queryFn: ({ signal }) => api.get<C.QualityCharacteristic[]>('/factory/quality/characteristics', undefined, signal),
    refetchInterval: QUALITY_MS,
  });
}

export function useCharacteristicChart(id: string | undefined, subgroups: number) {
  return useQuery({
    queryKey: qualityKeys.chart(id ?? '', subgroups),
    queryFn: ({ signal }) => api.get<C.CharacteristicChart>(`/factory/quality/characteristics/${id}/chart`, { subgroups }, signal),
    enabled: !!id,
    refetchInterval: QUALITY_MS,
  });
}

export function useLimitRevisions(id: string | undefined) {
  return useQuery({
    queryKey: qualityKeys.limits(id ?? ''),
    queryFn: ({ signal }) => api.get<C.SpcLimitsRevision[]>(`/factory/quality/characteristics/${id}/limits`, undefined, signal),
    enabled: !!id,
  });
}

export function useReviseLimits(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { from: string; to: string; reason: string }) => api.post<C.SpcLimitsRevision>(`/factory/quality/characteristics/${id}/limits`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: qualityKeys.all }),
  });
}

export function useSetRules(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (rules: C.SpcRuleId[]) => api.put<C.QualityCharacteristic>(`/factory/quality/characteristics/${id}/rules`, { rules }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qualityKeys.all }),
  });
}

/** A measurement file as the raw body: CSV as text/csv, a .dfq as bytes (all or nothing on the server). */
export function useImportMeasurements() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, format }: { file: Blob; format: 'csv' | 'dfq' }) =>
      api.upload<{ written: number }>('/factory/quality/import', file, format === 'csv' ? 'text/csv' : 'application/octet-stream', { format }),
    onSuccess: () => qc.invalidateQueries({ queryKey: qualityKeys.all }),
  });
}

export const exportDfq = (id: string, subgroups: number) => api.download(`/factory/quality/characteristics/${id}/dfq`, { subgroups }, 'characteristic.dfq');
