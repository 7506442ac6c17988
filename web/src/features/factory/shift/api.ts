import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as C from '@gearbridge/contracts/factory';
import { api } from '../../../api/client';

/** A line's shift report (issue #13 item 6) and each line's output in the shift in progress (the plant card). */
export function useShiftReport(q: { lineId?: string; day?: string; shift?: string }, live: boolean) {
  return useQuery({
    queryKey: ['factory', 'shift-report', q] as const,
    queryFn: ({ signal }) => api.get<C.ShiftReport>('/factory/shift-report', q, signal),
    enabled: !!q.lineId,
    placeholderData: keepPreviousData,
    refetchInterval: live ? 30_000 : false,
  });
}

/** The people a planner may put on the line's shifts (asked only while the crew form is open). */
export function useCrewPeople(lineId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['factory', 'crew-people', lineId] as const,
    queryFn: ({ signal }) => api.get<C.CrewPeople>('/factory/crews/people', { lineId }, signal),
    enabled,
  });
}

/** The line's crews on a day (each shift's, set that day or carried forward), for the crew form. */
export function useCrew(lineId: string, day: string) {
  return useQuery({
    queryKey: ['factory', 'crew', lineId, day] as const,
    queryFn: ({ signal }) => api.get<C.Crew>('/factory/crews', { lineId, day }, signal),
  });
}

/** Sets a shift's crew for a day (it carries forward to the later days); the shift report shows it at once. */
export function useSetCrew() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { lineId: string; day: string; shiftCode: string; userIds: string[] }) => api.put<C.Crew>('/factory/crews', input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['factory', 'shift-report'] });
      void qc.invalidateQueries({ queryKey: ['factory', 'crew'] });
    },
  });
}

export function useLinesOutput() {
  return useQuery({
    queryKey: ['factory', 'output'] as const,
    queryFn: ({ signal }) => api.get<C.LinesOutput>('/factory/output', undefined, signal),
    refetchInterval: 30_000,
  });
}

export const downloadShiftReport = (q: { lineId: string; day: string; shift: string }, lang: 'zh' | 'en') =>
  api.download('/factory/shift-report/export', { ...q, lang }, `shift-report-${q.day}-${q.shift}.xlsx`);
