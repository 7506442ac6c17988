import type { ReactNode } from 'react';
import { Empty, Grid, Pagination, Spin, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
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
  /**
   * On a phone (narrower than 768 px) each row is a card instead of a table row: the first column as its heading,
   * the others as label and value, the action column (no title, or key `act`) at its foot — every fact and the
   * action on the screen, nothing to scroll sideways to.
   */
  cards?: boolean | { head: string };
}

const isAction = <T,>(c: ColumnType<T>) => c.key === 'act' || c.key === 'actions' || c.title === '' || c.title === undefined;

/** A column's cell for a row, as the table would render it. */
function cellOf<T extends object>(c: ColumnType<T>, row: T, index: number): ReactNode {
  const path = c.dataIndex;
  const value =
    typeof path === 'string' || typeof path === 'number'
      ? (row as Record<string | number, unknown>)[path]
      : Array.isArray(path)
        ? path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], row)
        : undefined;
  const out = c.render ? c.render(value, row, index) : (value as ReactNode);
  // A render may answer with cell props ({ children, props }): the children are the content.
  return out && typeof out === 'object' && 'children' in (out as object) && 'props' in (out as object) && !('$$typeof' in (out as object))
    ? (out as { children: ReactNode }).children
    : (out as ReactNode);
}

/** Rows as cards (see PagedTable's `cards`), for a list that is not paged on the server. */
export function RowCards<T extends object>({
  columns,
  items,
  rowKey,
  rowClassName,
  testId,
  head: headKey,
}: {
  /** The key (or dataIndex) of the column that heads each card; default the first. */
  head?: string;
  columns: ColumnType<T>[];
  items: T[];
  rowKey: TableProps<T>['rowKey'];
  rowClassName: TableProps<T>['rowClassName'];
  testId?: string;
}) {
  const shown = columns.filter((c) => !c.hidden && (!c.responsive || c.responsive.includes('xs')));
  const facts = shown.filter((c) => !isAction(c));
  const first = facts.findIndex((c) => headKey !== undefined && (c.key === headKey || c.dataIndex === headKey));
  if (first > 0) facts.unshift(...facts.splice(first, 1));
  const [head, ...rest] = facts;
  const actions = shown.filter(isAction);
  const keyOf = (r: T, i: number) => (typeof rowKey === 'function' ? rowKey(r, i) : String((r as Record<string, unknown>)[(rowKey as string) ?? 'id'] ?? i));
  return (
    <div className="gb-pcards" data-testid={testId}>
      {items.map((r, i) => (
        <div className={`gb-pcard ${typeof rowClassName === 'function' ? rowClassName(r, i, 0) : (rowClassName ?? '')}`} key={keyOf(r, i)} data-testid="pcard">
          {head && <div className="gb-pcard__head">{cellOf(head, r, i)}</div>}
          {rest.length > 0 && (
            <dl className="gb-pcard__body">
              {rest.map((c, j) => (
                <div className="gb-pcard__field" key={String(c.key ?? c.dataIndex ?? j)}>
                  <dt>{c.title as ReactNode}</dt>
                  <dd>{cellOf(c, r, i) ?? '—'}</dd>
                </div>
              ))}
            </dl>
          )}
          {actions.length > 0 && (
            <div className="gb-pcard__actions">
              {actions.map((c, j) => (
                <span key={String(c.key ?? j)}>{cellOf(c, r, i)}</span>
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

/** A server-paged list: loading, error with retry, empty states and the pager, the same on every admin page. */
export function PagedTable<T extends object>({ query, page, pageSize, onPage, filtered, emptyHint, pageSizeOptions = [10, 20, 50, 100], cards, ...table }: PagedTableProps<T>) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const { data, error, isPending, isFetching, refetch } = query;
  if (error && !data) return <QueryError error={error} onRetry={() => void refetch()} />;
  const empty = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('common.noMatch') : (emptyHint ?? t('common.empty'))} />;
  const total = (n: number) => (data?.totalCapped ? t('common.totalAtLeast', { count: n }) : t('common.total', { count: n }));
  if (cards && screens.md === false) {
    const items = data?.items ?? [];
    return (
      <Spin spinning={isPending || isFetching}>
        {items.length === 0 ? (
          isPending ? (
            <div style={{ minHeight: 120 }} />
          ) : (
            empty
          )
        ) : (
          <RowCards
            columns={(table.columns ?? []) as ColumnType<T>[]}
            items={items}
            rowKey={table.rowKey ?? 'id'}
            rowClassName={table.rowClassName}
            testId={(table as Record<string, unknown>)['data-testid'] as string | undefined}
            head={typeof cards === 'object' ? cards.head : undefined}
          />
        )}
        <Pagination className="gb-pcards__pager" size="small" simple current={page} pageSize={pageSize} total={data?.total ?? 0} showTotal={total} onChange={onPage} />
      </Spin>
    );
  }
  return (
    <Table<T>
      size="middle"
      rowKey="id"
      {...table}
      dataSource={data?.items ?? []}
      loading={isPending || isFetching}
      locale={{ emptyText: isPending ? ' ' : empty }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions,
        showTotal: total,
        onChange: onPage,
      }}
    />
  );
}
