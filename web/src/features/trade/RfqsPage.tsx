import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Segmented, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { PagedTable } from '../admin/common/PagedTable';
import { formatDateTime } from '../admin/common/format';
import { PageHeader } from '../shell/PageHeader';
import { useProduct, useRfqs } from './api';
import { exportRfqs } from './files';
import { ExportButton } from '../admin/common/ExportButton';
import { RfqFormDrawer } from './RfqFormDrawer';
import type { Rfq } from './types';

export const RfqStatusTag = ({ status }: { status: Rfq['status'] }) => {
  const { t } = useTranslation();
  return <Tag color={status === 'open' ? 'green' : status === 'awarded' ? 'blue' : status === 'closed' ? 'default' : 'red'}>{t(`trade.rfq.status.${status}`)}</Tag>;
};

/** 询价: the RFQs the user's organisation posted, may quote on, or (operator) oversees; buyers post new ones here. */
export default function RfqsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = (['own', 'quotable'] as const).find((v) => v === params.get('view')) ?? 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = 20;
  const list = useRfqs({ view, page, pageSize }, true);
  const buy = can(me, 'trade.buy');
  const fromId = params.get('new') ?? undefined;
  const from = useProduct(fromId);
  const [formOpen, setFormOpen] = useState(false);
  const open = formOpen || (!!fromId && !!from.data);
  const close = () => {
    setFormOpen(false);
    if (fromId) {
      const n = new URLSearchParams(params);
      n.delete('new');
      setParams(n, { replace: true });
    }
  };

  const columns: ColumnsType<Rfq> = [
    {
      title: t('trade.rfq.fields.title'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <div>
          <Link to={`/trade/rfqs/${r.id}`} data-testid="rfq-link">
            {title}
          </Link>
          <div className="gb-muted">{t(`trade.vertical.${r.vertical}`)}</div>
        </div>
      ),
    },
    { title: t('trade.rfq.fields.buyer'), dataIndex: 'buyerName' },
    { title: t('trade.rfq.fields.quantity'), dataIndex: 'quantity', render: (q: string, r) => `${q} ${t(`trade.unit.${r.unit}`)}` },
    { title: t('trade.rfq.fields.deadline'), dataIndex: 'deadline', render: (d: string) => formatDateTime(d) },
    {
      title: t('trade.rfq.fields.visibility'),
      dataIndex: 'status',
      render: (_: string, r) => (
        <Space size={4} wrap>
          <RfqStatusTag status={r.status} />
          <Tag>{t(`trade.rfq.visibility.${r.visibility}`)}</Tag>
          {r.quoted && <Tag color="blue">{t('trade.rfq.quoted')}</Tag>}
          {r.quoteCount !== null && <Tag color="purple">{t('trade.rfq.quoteCount', { count: r.quoteCount })}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={t('trade.rfq.title')}
        subtitle={t('trade.rfq.subtitle')}
        extra={
          <Space wrap>
            <ExportButton run={() => exportRfqs({ view })} testId="rfqs-export" />
            {buy && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="rfq-new">
                {t('trade.rfq.new')}
              </Button>
            )}
          </Space>
        }
      />
      <Segmented
        style={{ marginBottom: 12 }}
        value={view}
        onChange={(v) => {
          const n = new URLSearchParams(params);
          if (v === 'all') n.delete('view');
          else n.set('view', String(v));
          n.delete('page');
          setParams(n, { replace: true });
        }}
        options={[
          { value: 'all', label: t('trade.rfq.view.all') },
          ...(buy ? [{ value: 'own', label: t('trade.rfq.view.own') }] : []),
          ...(can(me, 'trade.quote') ? [{ value: 'quotable', label: t('trade.rfq.view.quotable') }] : []),
        ]}
      />
      <PagedTable<Rfq>
        rowKey="id"
        columns={columns}
        query={list}
        page={page}
        pageSize={pageSize}
        filtered={view !== 'all'}
        emptyHint={t('trade.rfq.empty')}
        cards
        onPage={(pg) => {
          const n = new URLSearchParams(params);
          n.set('page', String(pg));
          setParams(n);
        }}
      />
      <RfqFormDrawer open={open} onClose={close} from={fromId ? from.data : undefined} onCreated={(id) => navigate(`/trade/rfqs/${id}`)} />
    </div>
  );
}
