import type { ReactNode } from 'react';
import { Button, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PagedTable, type PagedTableProps } from './PagedTable';
import { SearchInput } from './SearchInput';
import type { useListParams } from './useListParams';

/** What `useListParams` gives a page: the toolbar reads and sets its filters through it. */
export type ListParams<K extends string> = ReturnType<typeof useListParams<K>>;

/** One choice filter of a toolbar: a select bound to a list parameter. */
export interface ToolbarFilter<K extends string> {
  key: K;
  placeholder: string;
  options: { value: string; label: string }[];
  testId?: string;
}

/** Choices of a filter from its values and a label for each. */
export const choices = (values: readonly (string | number)[], label: (v: string) => string) => values.map((v) => ({ value: String(v), label: label(String(v)) }));

export interface ListToolbarProps<K extends string> {
  params: ListParams<K>;
  /** The search box, bound to the parameter `q` (when the page lists it). */
  search?: { placeholder: string; testId?: string };
  filters?: ToolbarFilter<K>[];
  /** Before the search box (a view switch). */
  lead?: ReactNode;
  /** After the filters, before the reset button. */
  children?: ReactNode;
}

/**
 * A list's toolbar: a search box, choice filters kept in the address bar (`useListParams`), and a reset button while
 * any is set. On a phone each control takes the full width (styles.css `.gb-toolbar`).
 */
export function ListToolbar<K extends string>({ params, search, filters = [], lead, children }: ListToolbarProps<K>) {
  const { t } = useTranslation();
  const { filters: values, setFilter, resetAll, active } = params;
  return (
    <div className="gb-toolbar">
      {lead}
      {search && (
        <SearchInput className="gb-toolbar__search" value={values['q' as K]} onChange={(v) => setFilter('q' as K, v)} placeholder={search.placeholder} testId={search.testId} />
      )}
      {filters.map((f) => (
        <Select
          key={f.key}
          className="gb-toolbar__select"
          allowClear
          placeholder={f.placeholder}
          value={values[f.key]}
          onChange={(v: string | undefined) => setFilter(f.key, v)}
          options={f.options}
          data-testid={f.testId}
        />
      ))}
      {children}
      {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
    </div>
  );
}

/**
 * A list on a panel: the toolbar above a server-paged table whose paging and "filtered" empty state follow the same
 * list parameters. A page gives its filters, columns and query; `between` goes between the toolbar and the table.
 */
export function ListPanel<T extends object, K extends string>({
  params,
  toolbar,
  between,
  ...table
}: { params: ListParams<K>; toolbar: Omit<ListToolbarProps<K>, 'params'>; between?: ReactNode } & Omit<PagedTableProps<T>, 'page' | 'pageSize' | 'onPage' | 'filtered'>) {
  return (
    <div className="gb-panel">
      <ListToolbar params={params} {...toolbar} />
      {between}
      <PagedTable<T> cards page={params.page} pageSize={params.pageSize} onPage={params.setPage} filtered={params.active} {...table} />
    </div>
  );
}
