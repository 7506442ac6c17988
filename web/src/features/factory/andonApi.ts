import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Alarm, AlarmQuery, AlarmRule, AlarmRuleInput, AlarmRulePatch, Page } from '../../api/types';

export const andonKeys = {
  alarms: (q: AlarmQuery) => ['factory', 'alarms', q] as const,
  rules: ['factory', 'alarm-rules'] as const,
};

/** The plant's open alarms as the home page's cards read them: one query (and one request) for the lines and the alarm list. */
export const PLANT_ALARMS: AlarmQuery = { state: 'open', page: 1, pageSize: 100 };

/** A page of alarms (history, a line's or a device's); open ones come most severe and oldest first. */
export function useAlarms(q: AlarmQuery, options: { refetchInterval?: number | false; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: andonKeys.alarms(q),
    queryFn: ({ signal }) => api.get<Page<Alarm>>('/factory/alarms', q, signal),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval ?? false,
    enabled: options.enabled ?? true,
  });
}

/** After a person acts on an alarm every list of alarms is stale; the live feed brings the change to other screens. */
function useAlarmAction<V>(fn: (v: V) => Promise<Alarm>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => void qc.invalidateQueries({ queryKey: ['factory', 'alarms'] }),
  });
}

/** Someone has seen it and is on the way: stops the response time. Any user who may read the plant may. */
export const useAcknowledge = () => useAlarmAction((id: number) => api.post<Alarm>(`/factory/alarms/${id}/acknowledge`));

export const useResolve = () => useAlarmAction(({ id, note }: { id: number; note?: string }) => api.post<Alarm>(`/factory/alarms/${id}/resolve`, note ? { note } : {}));

export function useAlarmRules() {
  return useQuery({ queryKey: andonKeys.rules, queryFn: ({ signal }) => api.get<AlarmRule[]>('/factory/alarm-rules', undefined, signal) });
}

function useRuleChange<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: andonKeys.rules }) });
}

export const useCreateRule = () => useRuleChange((input: AlarmRuleInput) => api.post<AlarmRule>('/factory/alarm-rules', input));
export const useUpdateRule = () => useRuleChange(({ id, patch }: { id: string; patch: AlarmRulePatch }) => api.patch<AlarmRule>(`/factory/alarm-rules/${id}`, patch));
export const useDeleteRule = () => useRuleChange((id: string) => api.delete<{ ok: true }>(`/factory/alarm-rules/${id}`));
