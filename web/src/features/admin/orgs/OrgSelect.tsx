import { useEffect, useState } from 'react';
import { Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrg, useOrgs } from './api';

interface Props {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** Shown for `value` before the list has it (e.g. the user's current organisation name). */
  initialLabel?: string;
  placeholder?: string;
  allowClear?: boolean;
  className?: string;
  disabled?: boolean;
  id?: string;
}

/** An organisation chosen by typing part of its name; the server searches, 20 at a time. */
export function OrgSelect({ value, onChange, initialLabel, placeholder, allowClear, className, disabled, id }: Props) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(input.trim()), 250);
    return () => clearTimeout(h);
  }, [input]);
  const { data, isFetching } = useOrgs({ q: q || undefined, page: 1, pageSize: 20 });
  const options = (data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  const missing = !!value && !options.some((o) => o.value === value);
  // A value from elsewhere (the address bar, an edited record) that the current page of results lacks.
  const { data: current } = useOrg(missing && !initialLabel ? value : null);
  const label = initialLabel ?? current?.name;
  if (value && missing && label) options.unshift({ value, label });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setInput }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      placeholder={placeholder ?? t('user.selectOrg')}
      allowClear={allowClear}
      className={className}
      disabled={disabled}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.empty')}
      popupMatchSelectWidth={false}
    />
  );
}
