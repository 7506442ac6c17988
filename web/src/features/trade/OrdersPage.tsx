import { Link } from 'react-router-dom';
import { Segmented, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ListPanel } from '../admin/common/ListPanel';
import { formatDateTime } from '../admin/common/format';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { useOrderList } from './api';
import { yuan } from './labels';
import { chinaToday, nextMilestone, OrderStatusTag, useMilestoneName } from './orderLabels';
import type { Order } from './types';

const KEYS = ['q', 'status'] as const;

/**
 * 订单: the orders of the user's organisation, as buyer (its buying side) or as supplier (its own only), paged by the
 * server (search and status in the address bar; cards on a phone).
 */
export default function OrdersPage() {
  const { t } = useTranslation();
  const params = useListParams(KEYS);
  const status = (['open', 'completed'] as const).find((v) => v === params.filters.status);
  const list = useOrderList({ status, q: params.filters.q, page: params.page, pageSize: params.pageSize });
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
      <ListPanel<Order, (typeof KEYS)[number]>
        params={params}
        toolbar={{
          search: { placeholder: t('trade.order.search'), testId: 'orders-search' },
          lead: (
            <Segmented
              value={status ?? 'all'}
              onChange={(v) => params.setFilter('status', v === 'all' ? null : String(v))}
              options={(['all', 'open', 'completed'] as const).map((v) => ({ value: v, label: t(`trade.order.view.${v}`) }))}
            />
          ),
        }}
        query={list}
        rowKey="id"
        columns={columns}
        emptyHint={t('trade.order.empty')}
        data-testid="orders-list"
      />
    </div>
  );
}
