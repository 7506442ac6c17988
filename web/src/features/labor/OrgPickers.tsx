import { useEffect, useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgKind } from '../../api/types';
import { can, useCurrentUser } from '../auth/session';
import { useOrgs } from '../admin/orgs/api';
import { useShares } from './api';

function useDebounced(value: string, ms = 250) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value.trim()), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

interface PickerProps {
  value?: string | null;
  onChange?: (id: string | null) => void;
  placeholder?: string;
  id?: string;
  className?: string;
  'data-testid'?: string;
}

/**
 * The partner organisation to share with. There is no "partners" endpoint yet: the organisations already on either
 * side of a share are offered first, and people who may read organisations can search government bodies too
 * (a county caseworker's organisation scope does not reach the partner city).
 */
export function PartnerSelect({ value, onChange, placeholder, id, className, ...rest }: PickerProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const out = useShares({ direction: 'out', page: 1, pageSize: 100 });
  const into = useShares({ direction: 'in', page: 1, pageSize: 100 });
  const orgs = useOrgs({ q: q || undefined, kind: 'government', page: 1, pageSize: 20 }, can(me, 'org.read'));
  const options = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of out.data?.items ?? []) m.set(s.toOrgId, s.toOrgName);
    for (const s of into.data?.items ?? []) m.set(s.fromOrgId, s.fromOrgName);
    for (const o of orgs.data?.items ?? []) if (!m.has(o.id)) m.set(o.id, o.name);
    m.delete(me.user.orgId);
    return [...m].filter(([, name]) => !q || name.includes(q)).map(([v, label]) => ({ value: v, label }));
  }, [out.data, into.data, orgs.data, me.user.orgId, q]);
  const loading = out.isPending || into.isPending || orgs.isFetching;
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      className={className}
      showSearch={{ filterOption: false, onSearch: setInput }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder ?? t('labor.share.partnerPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('common.empty')}
      popupMatchSelectWidth={false}
    />
  );
}

/** Organisations that may employ (server postings.service EMPLOYER_KINDS). */
const EMPLOYER_KINDS = new Set<OrgKind>(['enterprise', 'hospital', 'school', 'training_provider']);
export const isEmployerKind = (kind: string) => EMPLOYER_KINDS.has(kind as OrgKind);

/** An employer in the user's organisation scope, for officials posting demand on an employer's behalf. */
export function EmployerSelect({ value, onChange, placeholder, id, className, initialLabel, ...rest }: PickerProps & { initialLabel?: string }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const { data, isFetching } = useOrgs({ q: q || undefined, page: 1, pageSize: 50 });
  const options = (data?.items ?? []).filter((o) => EMPLOYER_KINDS.has(o.kind)).map((o) => ({ value: o.id, label: o.name }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      className={className}
      showSearch={{ filterOption: false, onSearch: setInput }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder ?? t('labor.posting.employerPlaceholder')}
      notFoundContent={isFetching ? <Spin size="small" /> : t('labor.posting.noEmployers')}
      popupMatchSelectWidth={false}
    />
  );
}
