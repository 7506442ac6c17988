import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWorkers } from '../api';
import type { WorkerQuery } from '../types';
import { useDebounced } from '../useDebounced';

/** One of the own bureau's workers, searched by name or number (the list endpoint's q), shown masked. */
export function WorkerSelect({
  value,
  onChange,
  filter,
  id,
  multiple,
  placeholder,
  testId,
  known,
}: {
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  filter?: WorkerQuery;
  id?: string;
  multiple?: boolean;
  placeholder?: string;
  testId?: string;
  /** The worker already chosen (e.g. the record being edited), labelled even when not among the options loaded. */
  known?: { value: string; label: string };
}) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const list = useWorkers({ source: 'own', ...filter, q: q || undefined, page: 1, pageSize: 50 });
  const options = (list.data?.items ?? []).map((w) => ({
    value: w.id,
    label: `${w.nameMasked} · ${t(`labor.gender.${w.gender}`)} ${t('labor.worker.ageValue', { age: w.age })} · ${t(`labor.status.${w.status}`)} · ${w.homeRegionName ?? w.homeRegionCode}`,
  }));
  if (known && !options.some((o) => o.value === known.value)) options.unshift(known);
  return (
    <Select
      id={id}
      data-testid={testId}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: setInput }}
      options={options}
      allowClear
      maxTagCount="responsive"
      notFoundContent={list.isFetching ? <Spin size="small" /> : t('common.empty')}
      placeholder={placeholder ?? t('laborPlacement.pickWorker')}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
    />
  );
}
