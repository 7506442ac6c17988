import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOccupations } from './api';
import type { Occupation } from './types';

interface TreeNode {
  value: string;
  title: string;
  label: string;
  selectable: boolean;
  children?: TreeNode[];
}

/** The occupation's name in the interface language (the API gives both); the code while the list loads. */
export function useOccupationName(): (code: string, fallback?: string | null) => string {
  const { i18n } = useTranslation();
  const { data } = useOccupations();
  const en = i18n.language === 'en';
  const byCode = useMemo(() => new Map((data ?? []).map((o) => [o.code, o])), [data]);
  return (code, fallback) => {
    const o = byCode.get(code);
    return o ? (en ? o.en : o.name) : (fallback ?? code);
  };
}

/** Parent code of an entry: 6-18-01-01 → 6-18-01 → 6-18 → 6. Where the subset skips a level, the nearest kept one. */
function parentOf(code: string, known: Set<string>): string | null {
  let c = code;
  while (c.includes('-')) {
    c = c.slice(0, c.lastIndexOf('-'));
    if (known.has(c)) return c;
  }
  return null;
}

function buildTree(list: Occupation[], en: boolean, groups: boolean): TreeNode[] {
  const known = new Set(list.map((o) => o.code));
  const nodes = new Map<string, TreeNode>();
  for (const o of list) {
    const name = en ? o.en : o.name;
    nodes.set(o.code, { value: o.code, title: `${o.code} ${name}`, label: name, selectable: groups || o.selectable });
  }
  const roots: TreeNode[] = [];
  for (const o of list) {
    const node = nodes.get(o.code)!;
    const p = parentOf(o.code, known);
    const parent = p ? nodes.get(p) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

interface Props {
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  multiple?: boolean;
  /** Filters take group codes too (6-18 finds every machining trade); forms take only occupations. */
  groups?: boolean;
  placeholder?: string;
  className?: string;
  allowClear?: boolean;
  id?: string;
  'data-testid'?: string;
}

/** An occupation of the 2022 classification subset, picked from its tree or by typing part of its name or code. */
export function OccupationPicker({ value, onChange, multiple, groups = false, placeholder, className, allowClear = true, id, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  const { data, isPending } = useOccupations();
  const en = i18n.language === 'en';
  const tree = useMemo(() => buildTree(data ?? [], en, groups), [data, en, groups]);
  return (
    <TreeSelect
      id={id}
      data-testid={rest['data-testid']}
      className={className}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? (multiple ? [] : null))}
      treeData={tree}
      multiple={multiple}
      allowClear={allowClear}
      loading={isPending}
      placeholder={placeholder ?? t('labor.occupation.pick')}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeNodeLabelProp="label"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'min(420px, calc(100vw - 24px))' } } }}
      maxTagCount="responsive"
    />
  );
}
