import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../../api/client';
import type { Ncr, NcrDetail, NcrDispositionInput, NcrInput, NcrQuery, Page } from '../../../api/types';

export const ncrKeys = {
  all: ['factory', 'ncrs'] as const,
  list: (q: NcrQuery) => ['factory', 'ncrs', 'list', q] as const,
  one: (id: string) => ['factory', 'ncrs', 'one', id] as const,
};

export function useNcrs(q: NcrQuery, enabled = true) {
  return useQuery({
    queryKey: ncrKeys.list(q),
    queryFn: ({ signal }) => api.get<Page<Ncr>>('/factory/ncrs', q as Query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useNcr(id: string | undefined) {
  return useQuery({
    queryKey: ncrKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<NcrDetail>(`/factory/ncrs/${id}`, undefined, signal),
    enabled: !!id,
    retry: false,
  });
}

/** Every change to an NCR also changes units (holds, status): the production queries refresh with it. */
function useNcrMutation<V>(fn: (v: V) => Promise<Ncr>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ncrKeys.all });
      void qc.invalidateQueries({ queryKey: ['factory', 'production'] });
    },
  });
}

export const useCreateNcr = () => useNcrMutation((input: NcrInput) => api.post<Ncr>('/factory/ncrs', input));
export const useDispositionNcr = () => useNcrMutation(({ id, ...body }: NcrDispositionInput & { id: string }) => api.post<Ncr>(`/factory/ncrs/${id}/disposition`, body));
export const useApproveNcr = () => useNcrMutation((id: string) => api.post<Ncr>(`/factory/ncrs/${id}/approve`, {}));
export const useCloseNcr = () => useNcrMutation(({ id, ...body }: { id: string; rootCause: string; correctiveAction: string }) => api.post<Ncr>(`/factory/ncrs/${id}/close`, body));
export const useCancelNcr = () => useNcrMutation(({ id, reason }: { id: string; reason: string }) => api.post<Ncr>(`/factory/ncrs/${id}/cancel`, { reason }));
