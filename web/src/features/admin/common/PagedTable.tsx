import { Empty, Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../shell/StatusViews';

/** What a TanStack list query gives the table. */
export interface PagedQuery<T> {
  /** `totalCapped`: there are more than `total` (the server stopped counting there). */
  data?: { items: T[]; total: number; totalCapped?: boolean };
  error: unknown;
  isPending: boolean;
  isFetching: boolean;
  refetch: () => unknown;
}

export interface PagedTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'locale' | 'size'> {
  query: PagedQuery<T>;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  /** True when filters are set: the empty state then says "nothing matches" rather than "nothing yet". */
  filtered: boolean;
  emptyHint?: string;
  pageSizeOptions?: number[];
}

/** A server-paged list: loading, error with retry, empty states and the pager, the same on every admin page. */
export function PagedTable<T extends object>({ query, page, pageSize, onPage, filtered, emptyHint, pageSizeOptions = [10, 20, 50, 100], ...table }: PagedTableProps<T>) {
  const { t } = useTranslation();
  const { data, error, isPending, isFetching, refetch } = query;
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  return (
    <Table<T>
      size="middle"
      rowKey="id"
      {...table}
      dataSource={data?.items ?? []}
      loading={isPending || isFetching}
      locale={{ emptyText: isPending ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('common.noMatch') : (emptyHint ?? t('common.empty'))} /> }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions,
        showTotal: (n) => (data?.totalCapped ? t('common.totalAtLeast', { count: n }) : t('common.total', { count: n })),
        onChange: onPage,
      }}
    />
  );
}
