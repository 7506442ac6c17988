import { Card, Col, Empty, Rate, Row, Segmented, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleOutlined, ClockCircleOutlined, DollarOutlined, FileDoneOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RowCards } from '../admin/common/PagedTable';
import { PageHeader } from '../shell/PageHeader';
import { StatCard } from '../shell/StatCard';
import { QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useTradeDashboard } from './api';
import { yuan } from './labels';
import type { TradeDashboard } from './types';

type Supplier = TradeDashboard['suppliers'][number];
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 交易看板: GMV by vertical, RFQ conversion, quote response, on-time delivery and supplier ratings, from the records. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const [days, setDays] = useState(365);
  const q = useTradeDashboard(days);
  const d = q.data;
  const loading = !d;
  const columns: ColumnsType<Supplier> = [
    { title: t('trade.dashboard.supplier'), dataIndex: 'name' },
    { title: t('trade.dashboard.orders'), dataIndex: 'orders', align: 'right' },
    { title: t('trade.dashboard.gross'), dataIndex: 'gross', align: 'right', render: (v: string) => `¥${yuan(v)}` },
    { title: t('trade.dashboard.deliveries'), dataIndex: 'deliveries', align: 'right' },
    { title: t('trade.dashboard.onTime'), dataIndex: 'onTimeRate', align: 'right', render: (v: number | null) => pct(v) },
    { title: 'ppm', dataIndex: 'ppm', align: 'right', render: (v: number | null) => (v === null ? '—' : Math.round(v)) },
    {
      title: t('trade.dashboard.rating'),
      dataIndex: 'rating',
      render: (v: number | null) => (v === null ? '—' : <Rate disabled allowHalf value={Math.round(v * 2) / 2} style={{ fontSize: 14 }} />),
    },
  ];
  return (
    <div>
      <PageHeader
        title={t('trade.dashboard.title')}
        subtitle={d ? t('trade.dashboard.period', { from: d.from, to: d.to }) : undefined}
        extra={<Segmented value={days} onChange={(v) => setDays(Number(v))} options={[30, 90, 365].map((n) => ({ value: n, label: t('trade.dashboard.days', { n }) }))} />}
      />
      {q.error ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} sm={12} lg={6}>
              <StatCard title={t('trade.dashboard.gmv')} value={d ? `¥${yuan(d.gmv)}` : null} icon={<DollarOutlined />} color="#1677ff" loading={loading} testId="dash-gmv" />
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <StatCard
                title={t('trade.dashboard.conversion')}
                value={d ? pct(d.rfqs.conversion) : null}
                foot={d ? t('trade.dashboard.conversionFoot', { awarded: d.rfqs.awarded, closed: d.rfqs.closed }) : undefined}
                icon={<FileDoneOutlined />}
                color="#389e0d"
                loading={loading}
              />
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <StatCard
                title={t('trade.dashboard.response')}
                value={d?.quoteResponse.medianHours != null ? t('trade.dashboard.hours', { n: d.quoteResponse.medianHours.toFixed(1) }) : '—'}
                foot={d ? t('trade.dashboard.responseFoot', { n: d.quoteResponse.quotes }) : undefined}
                icon={<ClockCircleOutlined />}
                color="#d48806"
                loading={loading}
              />
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <StatCard
                title={t('trade.dashboard.onTime')}
                value={d ? pct(d.onTime.rate) : null}
                foot={d ? t('trade.dashboard.onTimeFoot', { onTime: d.onTime.onTime, deliveries: d.onTime.deliveries }) : undefined}
                icon={<CheckCircleOutlined />}
                color="#722ed1"
                loading={loading}
              />
            </Col>
          </Row>
          <Card size="small" title={t('trade.dashboard.byVertical')} style={{ marginTop: 16 }}>
            {d && !d.gmvByVertical.length ? (
              <Empty />
            ) : (
              <Table
                rowKey="vertical"
                size="small"
                pagination={false}
                dataSource={d?.gmvByVertical}
                columns={[
                  { title: t('trade.dashboard.vertical'), dataIndex: 'vertical', render: (v: string) => t(`trade.vertical.${v}`) },
                  { title: t('trade.dashboard.orders'), dataIndex: 'orders', align: 'right' },
                  { title: t('trade.dashboard.gross'), dataIndex: 'gross', align: 'right', render: (v: string) => `¥${yuan(v)}` },
                ]}
              />
            )}
          </Card>
          <Card size="small" title={t('trade.dashboard.suppliers')} style={{ marginTop: 16 }}>
            {phone ? (
              <RowCards<Supplier> columns={columns} items={d?.suppliers ?? []} rowKey="orgId" rowClassName="" testId="dash-suppliers" />
            ) : (
              <Table<Supplier> rowKey="orgId" size="small" pagination={false} columns={columns} dataSource={d?.suppliers} data-testid="dash-suppliers" />
            )}
            <p className="gb-muted" style={{ marginTop: 8 }}>
              {t('trade.dashboard.ratingNote')}
            </p>
          </Card>
        </>
      )}
    </div>
  );
}
