import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AuditEntry, Org, OrgKind, Page, Role, User } from '../../api/types';
import { ORG_KINDS } from '../admin/orgs/api';

/** Totals come from the list endpoints (pageSize=1 reads only `total`); the API has no statistics endpoint yet. */
export function useOrgCounts(enabled: boolean) {
  return useQuery({
    queryKey: ['dashboard', 'orgs'],
    enabled,
    queryFn: async () => {
      const [all, ...byKind] = await Promise.all([api.get<Page<Org>>('/orgs', { pageSize: 1 }), ...ORG_KINDS.map((kind) => api.get<Page<Org>>('/orgs', { kind, pageSize: 1 }))]);
      return { total: all.total, byKind: ORG_KINDS.map((kind, i) => ({ kind, count: byKind[i].total })) as { kind: OrgKind; count: number }[] };
    },
  });
}

export function useUserCounts(enabled: boolean) {
  return useQuery({
    queryKey: ['dashboard', 'users'],
    enabled,
    queryFn: async () => {
      const [all, active] = await Promise.all([api.get<Page<User>>('/users', { pageSize: 1 }), api.get<Page<User>>('/users', { pageSize: 1, status: 'active' })]);
      return { total: all.total, active: active.total };
    },
  });
}

export function useRoleCounts(enabled: boolean) {
  return useQuery({
    queryKey: ['dashboard', 'roles'],
    enabled,
    queryFn: async () => {
      const roles = await api.get<Role[]>('/roles');
      return { total: roles.length, custom: roles.filter((r) => !r.builtIn).length };
    },
  });
}

export function useRecentAudit(enabled: boolean) {
  return useQuery({ queryKey: ['dashboard', 'audit'], enabled, queryFn: () => api.get<Page<AuditEntry>>('/audit', { pageSize: 6 }) });
}
