import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Org, OrgInput, OrgKind, OrgPatch, OrgQuery, Page } from '../../../api/types';
import { excelLang } from '../../../i18n';

/** Every organisation kind in display order; the Record type makes the compiler flag a kind added to contracts. */
const KIND_ORDER: Record<OrgKind, number> = { enterprise: 0, government: 1, park_admin: 2, hospital: 3, school: 4, training_provider: 5 };
export const ORG_KINDS = (Object.keys(KIND_ORDER) as OrgKind[]).sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);

export const orgKeys = {
  all: ['orgs'] as const,
  list: (q: OrgQuery) => ['orgs', 'list', q] as const,
  one: (id: string) => ['orgs', 'one', id] as const,
};

export function useOrgs(q: OrgQuery, enabled = true) {
  return useQuery({
    queryKey: orgKeys.list(q),
    queryFn: ({ signal }) => api.get<Page<Org>>('/orgs', q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSaveOrg() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: OrgInput | OrgPatch }) => (id ? api.patch<Org>(`/orgs/${id}`, input) : api.post<Org>('/orgs', input)),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export const exportOrgs = (q: OrgQuery) => api.download('/orgs/export', { q: q.q, kind: q.kind, region: q.region, lang: excelLang() }, 'organisations.xlsx');

export function useOrg(id: string | null | undefined) {
  return useQuery({ queryKey: orgKeys.one(id ?? ''), queryFn: () => api.get<Org>(`/orgs/${id}`), enabled: !!id, staleTime: 60_000 });
}
