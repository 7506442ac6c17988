import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgKind } from '../../api/types';
import { useOrgs } from '../admin/orgs/api';
import { usePartners } from './api';
import { useDebounced } from './useDebounced';

interface PickerProps {
  value?: string | null;
  onChange?: (id: string | null) => void;
  placeholder?: string;
  id?: string;
  className?: string;
  'data-testid'?: string;
}

/**
 * The partner organisation to share with: the organisations located in a region paired (East–West) with the
 * user's — 临沂市's for Chengkou, 城口县's for Linyi — as the server lists them (GET /labor/partners), government
 * bodies first. The server refuses any other organisation.
 */
export function PartnerSelect({ value, onChange, placeholder, id, className, ...rest }: PickerProps) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const partners = usePartners();
  const options = useMemo(() => {
    const q = input.trim();
    const kinds = new Map<string, { label: string; options: { value: string; label: string; region: string }[] }>();
    for (const p of partners.data ?? []) {
      if (q && !p.name.includes(q) && !(p.regionName ?? '').includes(q)) continue;
      const group = kinds.get(p.kind) ?? { label: t(`orgKind.${p.kind}`), options: [] };
      group.options.push({ value: p.id, label: p.name, region: p.regionName ?? p.regionCode });
      kinds.set(p.kind, group);
    }
    return [...kinds.values()];
  }, [partners.data, input, t]);
  return (
    <Select
      id={id}
      data-testid={rest['data-testid']}
      className={className}
      showSearch={{ filterOption: false, onSearch: setInput }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      optionRender={(o) => (
        <span data-testid="share-partner-option">
          {o.label}
          <span className="gb-muted"> · {(o.data as { region?: string }).region}</span>
        </span>
      )}
      placeholder={placeholder ?? t('labor.share.partnerPlaceholder')}
      notFoundContent={partners.isPending ? <Spin size="small" /> : t('labor.share.noPartners')}
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
  const q = useDebounced(input, 250);
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
