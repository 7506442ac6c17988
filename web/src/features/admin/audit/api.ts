import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { AuditEntry, AuditQuery, Page } from '../../../api/types';
import { excelLang } from '../../../i18n';

export function useAudit(q: AuditQuery, enabled = true) {
  return useQuery({
    queryKey: ['audit', q],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/audit', q, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Actions the server writes today, offered as suggestions; the filter also takes any prefix ("user."). */
export const KNOWN_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.password_change',
  'organisation.create',
  'organisation.update',
  'organisation.import',
  'user.create',
  'user.update',
  'user.import',
  'user.password_reset',
  'user.locale',
  'role.create',
  'role.update',
  'role.delete',
  'region.create',
  'import.upload',
  'import.confirm',
  'import.discard',
  'import.expire',
  'pii.reveal',
  'factory.device.update',
];
export const KNOWN_ENTITIES = ['organisation', 'user', 'role', 'region', 'import', 'platform', 'device'];

/** The filtered audit log as an Excel download (at most 50,000 rows; the server applies the same scope). */
export const exportAudit = (q: AuditQuery) =>
  api.download('/audit/export', { action: q.action, entity: q.entity, entityId: q.entityId, from: q.from, to: q.to, lang: excelLang() }, 'audit-log.xlsx');
