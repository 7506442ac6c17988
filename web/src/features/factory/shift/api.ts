import { keepPreviousData, useQuery } from '@tanstack/react-query';
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

export function useLinesOutput() {
  return useQuery({
    queryKey: ['factory', 'output'] as const,
    queryFn: ({ signal }) => api.get<C.LinesOutput>('/factory/output', undefined, signal),
    refetchInterval: 30_000,
  });
}

export const downloadShiftReport = (q: { lineId: string; day: string; shift: string }, lang: 'zh' | 'en') =>
  api.download('/factory/shift-report/export', { ...q, lang }, `shift-report-${q.day}-${q.shift}.xlsx`);
