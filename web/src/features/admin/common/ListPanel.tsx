import { useState, type ReactNode } from 'react';
import { Badge, Button, Drawer, Select } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePhone } from '../../shell/useViewport';
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
 * any is set. On a phone each control takes the full width (styles.css `.gb-toolbar`); with more than one filter (or
 * extra controls) the filters fold into a bottom drawer behind a 筛选 button that counts those set, so the list's
 * first rows show on the first screen.
 */
export function ListToolbar<K extends string>({ params, search, filters = [], lead, children }: ListToolbarProps<K>) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [open, setOpen] = useState(false);
  const { filters: values, setFilter, resetAll, active } = params;
  const selects = filters.map((f) => (
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
  ));
  const searchBox = search && (
    <SearchInput className="gb-toolbar__search" value={values['q' as K]} onChange={(v) => setFilter('q' as K, v)} placeholder={search.placeholder} testId={search.testId} />
  );
  if (phone && (filters.length > 1 || (filters.length > 0 && children))) {
    const set = filters.filter((f) => values[f.key] != null && values[f.key] !== '').length;
    return (
      <div className="gb-toolbar gb-toolbar--folded">
        {lead}
        <div className="gb-toolbar__row">
          {searchBox}
          <Badge count={set} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setOpen(true)} data-testid="list-filters-open">
              {t('common.filters')}
            </Button>
          </Badge>
        </div>
        <Drawer
          open={open}
          onClose={() => setOpen(false)}
          placement="bottom"
          height="auto"
          title={t('common.filters')}
          forceRender
          className="gb-toolbar-drawer"
          footer={
            <div className="gb-toolbar-drawer__footer">
              <Button onClick={resetAll} disabled={!active}>
                {t('common.reset')}
              </Button>
              <Button type="primary" onClick={() => setOpen(false)} data-testid="list-filters-done">
                {t('common.filtersDone')}
              </Button>
            </div>
          }
        >
          <div className="gb-toolbar gb-toolbar--stacked">
            {selects}
            {children}
          </div>
        </Drawer>
      </div>
    );
  }
  return (
    <div className="gb-toolbar">
      {lead}
      {searchBox}
      {selects}
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
