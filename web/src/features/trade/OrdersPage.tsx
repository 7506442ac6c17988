import { Link, useSearchParams } from 'react-router-dom';
import { Empty, Segmented, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { RowCards } from '../admin/common/PagedTable';
import { formatDateTime } from '../admin/common/format';
import { PageHeader } from '../shell/PageHeader';
import { QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useOrderList } from './api';
import { yuan } from './labels';
import { chinaToday, nextMilestone, OrderStatusTag, useMilestoneName } from './orderLabels';
import type { Order } from './types';

/** 订单: the orders of the user's organisation, as buyer (its buying side) or as supplier (its own only). */
export default function OrdersPage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const status = (['open', 'completed'] as const).find((v) => v === params.get('status'));
  const list = useOrderList(status);
  const name = useMilestoneName();
  const today = chinaToday();

  const columns: ColumnsType<Order> = [
    {
      title: t('trade.order.title'),
      key: 'order',
      render: (_: unknown, o) => (
        <div>
          <Link to={`/trade/orders/${o.id}`} data-testid="order-link">
            {o.rfqTitle}
          </Link>
          <div className="gb-muted">
            {t(`trade.vertical.${o.vertical}`)} · {formatDateTime(o.createdAt)}
          </div>
        </div>
      ),
    },
    { title: t('trade.order.buyer'), dataIndex: 'buyerName' },
    { title: t('trade.order.supplier'), dataIndex: 'supplierName' },
    { title: t('trade.order.quantity'), key: 'qty', render: (_: unknown, o) => o.lines.map((l) => `${l.quantity} ${t(`trade.unit.${l.unit}`)}`).join('、') },
    { title: t('trade.order.gross'), dataIndex: 'gross', align: 'right', render: (v: string) => <strong>¥{yuan(v)}</strong> },
    { title: t('trade.order.deliveryDate'), dataIndex: 'deliveryDate' },
    {
      title: t('trade.order.nextMilestone'),
      key: 'next',
      render: (_: unknown, o) => {
        const m = nextMilestone(o);
        if (!m) return <span className="gb-muted">{t('trade.order.allDone')}</span>;
        return (
          <Space size={4} wrap>
            <span>{name(o, m)}</span>
            <span className="gb-muted">{m.dueDate}</span>
            {m.dueDate < today && o.status === 'open' && <Tag color="red">{t('trade.order.overdue')}</Tag>}
          </Space>
        );
      },
    },
    { title: t('trade.order.status.label'), key: 'status', render: (_: unknown, o) => <OrderStatusTag status={o.status} /> },
  ];

  return (
    <div>
      <PageHeader title={t('trade.order.title')} subtitle={t('trade.order.listSubtitle')} />
      <Segmented
        style={{ marginBottom: 12 }}
        value={status ?? 'all'}
        onChange={(v) => {
          const n = new URLSearchParams(params);
          if (v === 'all') n.delete('status');
          else n.set('status', String(v));
          setParams(n, { replace: true });
        }}
        options={(['all', 'open', 'completed'] as const).map((v) => ({ value: v, label: t(`trade.order.view.${v}`) }))}
      />
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : phone ? (
        list.data && !list.data.length ? (
          <Empty description={t('trade.order.empty')} />
        ) : (
          <RowCards<Order> columns={columns} items={list.data ?? []} rowKey="id" rowClassName={undefined} testId="orders-list" />
        )
      ) : (
        <Table<Order>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data}
          loading={list.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: list.isPending ? ' ' : <Empty description={t('trade.order.empty')} /> }}
          data-testid="orders-list"
        />
      )}
    </div>
  );
}
