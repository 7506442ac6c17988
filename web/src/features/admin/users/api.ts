import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Page, RevealResult, User, UserInput, UserPatch, UserQuery } from '../../../api/types';
import { excelLang } from '../../../i18n';

export const userKeys = {
  all: ['users'] as const,
  list: (q: UserQuery) => ['users', 'list', q] as const,
};

export function useUsers(q: UserQuery, enabled = true) {
  return useQuery({
    queryKey: userKeys.list(q),
    queryFn: ({ signal }) => api.get<Page<User>>('/users', q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UserInput) => api.post<User>('/users', input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: userKeys.all });
      void qc.invalidateQueries({ queryKey: ['roles'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) => api.patch<User>(`/users/${id}`, patch),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: userKeys.all });
      void qc.invalidateQueries({ queryKey: ['roles'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export function useResetPassword() {
  return useMutation({ mutationFn: ({ id, password }: { id: string; password: string }) => api.post(`/users/${id}/password`, { password }) });
}

/** The clear phone number. Every call is written to the audit log by the server. */
export const revealPhone = (id: string) => api.post<RevealResult>(`/users/${id}/reveal`, { field: 'phone' });

export const exportUsers = (q: UserQuery) => api.download('/users/export', { q: q.q, orgId: q.orgId, status: q.status, lang: excelLang() }, 'users.xlsx');
