import { useCallback, useEffect, useMemo, useState } from 'react';
import { Cascader } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../api/types';
import { ancestorsOf, fetchChildren } from './api';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

interface Props {
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  className?: string;
  disabled?: boolean;
  id?: string;
  'data-testid'?: string;
}

const ROOT = '';

/**
 * Picks a region at any level (province to village). Children load when a level opens; an existing value
 * loads its ancestors' lists first so the path shows names, not codes.
 */
export function RegionPicker({ value, onChange, placeholder, allowClear = true, className, disabled, id, ...rest }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [loaded, setLoaded] = useState<Map<string, Region[]>>(new Map());
  const [pathReady, setPathReady] = useState(!value);

  const remember = useCallback(
    (parent: string, list: Region[]) =>
      setLoaded((m) => {
        if (m.get(parent) === list) return m;
        const next = new Map(m);
        next.set(parent, list);
        return next;
      }),
    [],
  );

  useEffect(() => {
    let live = true;
    const parents = [ROOT, ...(value ? ancestorsOf(value).slice(0, -1) : [])];
    setPathReady(!value);
    void Promise.all(parents.map((p) => fetchChildren(qc, p || null).then((list) => live && remember(p, list))))
      .catch(() => undefined)
      .finally(() => live && setPathReady(true));
    return () => {
      live = false;
    };
  }, [value, qc, remember]);

  const options = useMemo(() => {
    const build = (parent: string): Option[] =>
      (loaded.get(parent) ?? []).map((r) => {
        const kids = loaded.get(r.code);
        return {
          value: r.code,
          label: r.name,
          isLeaf: r.level === 'village' || (kids !== undefined && kids.length === 0),
          children: kids && kids.length ? build(r.code) : undefined,
        };
      });
    return build(ROOT);
  }, [loaded]);

  const path = value && pathReady ? ancestorsOf(value) : [];

  return (
    <Cascader<Option>
      id={id}
      data-testid={rest['data-testid']}
      className={className}
      disabled={disabled}
      options={options}
      value={path}
      changeOnSelect
      allowClear={allowClear}
      placeholder={value && !pathReady ? t('app.loading') : placeholder}
      loadData={(selected) => {
        const last = selected[selected.length - 1];
        if (!last || loaded.has(last.value)) return;
        void fetchChildren(qc, last.value).then((list) => remember(last.value, list));
      }}
      onChange={(p) => onChange?.(p && p.length ? String(p[p.length - 1]) : null)}
      displayRender={(labels) => labels.join(' / ')}
      popupMatchSelectWidth={false}
      expandTrigger="click"
    />
  );
}
