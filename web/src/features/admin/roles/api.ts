import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Permission, Role, RoleInput, RolePatch } from '../../../api/types';

export const roleKeys = {
  all: ['roles'] as const,
  list: (orgId?: string) => ['roles', 'list', orgId ?? ''] as const,
  permissions: ['roles', 'permissions'] as const,
};

/** Built-in roles plus the custom roles of `orgId` (platform admins without orgId: every organisation's). */
export function useRoles(orgId?: string, enabled = true) {
  return useQuery({ queryKey: roleKeys.list(orgId), queryFn: () => api.get<Role[]>('/roles', orgId ? { orgId } : undefined), enabled });
}

export function usePermissions() {
  return useQuery({ queryKey: roleKeys.permissions, queryFn: () => api.get<Permission[]>('/permissions'), staleTime: 10 * 60_000 });
}

export function useSaveRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: RoleInput | RolePatch }) => (id ? api.patch<Role>(`/roles/${id}`, input) : api.post<Role>('/roles', input)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export function useDeleteRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/roles/${id}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export const roleName = (r: { nameZh: string; nameEn: string }, lang: string) => (lang === 'en' ? r.nameEn : r.nameZh);
