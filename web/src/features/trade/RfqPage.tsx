import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Empty, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { formatDateTime } from '../admin/common/format';
import { PageHeader } from '../shell/PageHeader';
import { PageSpinner, QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useOrders, useQuotes, useRfq } from './api';
import { TermsList } from './PaymentTermsFields';
import './trade.css';
import { AwardModal } from './AwardModal';
import { attributesOf, useAttributeLabels, yuan } from './labels';
import { QuoteFormDrawer } from './QuoteFormDrawer';
import { OrderProductionCell } from './OrderProduction';
import { OrderCertificatesCell } from './Certificates';
import { RoundModal } from './RoundModal';
import { RfqStatusTag } from './RfqsPage';
import { RfqDrawings } from './RfqDrawings';
import { CancelRfqModal } from './CancelRfqModal';
import { exportQuotes } from './files';
import { ExportButton } from '../admin/common/ExportButton';
import type { Order, Quote } from './types';

/** One RFQ: its specification, the sealing notice, the quotes the user may read side by side, and the quote form. */
export default function RfqPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const { label, value } = useAttributeLabels();
  const rfq = useRfq(id);
  const quotes = useQuotes(id);
  const [quoteOpen, setQuoteOpen] = useState(false);
  const [awardOpen, setAwardOpen] = useState(false);
  const [roundOpen, setRoundOpen] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const orders = useOrders(id);
  if (rfq.error) return <QueryError error={rfq.error} onRetry={() => void rfq.refetch()} />;
  if (!rfq.data) return <PageSpinner />;
  const r = rfq.data;
  const mine = quotes.data?.find((q) => q.orgId === me.user.orgId);
  const mayQuote = can(me, 'trade.quote') && !r.own && r.status === 'open' && r.inRound !== false;
  const mayAward = can(me, 'trade.buy') && r.own && r.status === 'closed' && !!quotes.data?.length;
  const mayCancel = can(me, 'trade.buy') && r.own && (r.status === 'open' || r.status === 'closed');
  const unit = t(`trade.unit.${r.unit}`);
  const spec = attributesOf(r.vertical).filter((d) => r.attributes[d.key] !== undefined);

  const columns: ColumnsType<Quote> = [
    { title: t('trade.quote.supplier'), dataIndex: 'supplierName', render: (n: string, q) => `${n}${q.revision > 1 ? ` · ${t('trade.quote.revision', { n: q.revision })}` : ''}` },
    {
      title: t('trade.quote.tiers'),
      dataIndex: 'tiers',
      render: (tiers: Quote['tiers']) => (
        <div>
          {tiers.map((x) => (
            <div key={x.minQuantity}>{t('trade.attrPair', { label: `≥ ${x.minQuantity} ${unit}`, value: `¥${yuan(x.unitPrice)}` })}</div>
          ))}
        </div>
      ),
    },
    { title: t('trade.quote.leadTimeDays'), dataIndex: 'leadTimeDays', render: (n: number) => t('trade.quote.days', { n }) },
    { title: t('trade.quote.validUntil'), dataIndex: 'validUntil' },
    { title: `${t('trade.quote.atQuantity')} · ${t('trade.quote.net')}`, dataIndex: ['atQuantity', 'net'], align: 'right', render: (v?: string) => (v ? `¥${yuan(v)}` : '—') },
    { title: t('trade.quote.vat'), dataIndex: ['atQuantity', 'vat'], align: 'right', render: (v?: string) => (v ? `¥${yuan(v)}` : '—') },
    { title: t('trade.quote.gross'), dataIndex: ['atQuantity', 'gross'], align: 'right', render: (v?: string) => (v ? <strong>¥{yuan(v)}</strong> : '—') },
  ];

  return (
    <div>
      <PageHeader
        title={r.title}
        subtitle={
          <Space wrap>
            <RfqStatusTag status={r.status} />
            <Tag color="blue">{t(`trade.vertical.${r.vertical}`)}</Tag>
            <span>{r.buyerName}</span>
            {r.round > 1 && <Tag color="purple">{t('trade.round.tag', { n: r.round })}</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {mayCancel && (
              <Button danger onClick={() => setCancelOpen(true)} data-testid="rfq-cancel">
                {t('trade.cancel.open')}
              </Button>
            )}
            {mayQuote ? (
              <Button type="primary" onClick={() => setQuoteOpen(true)} data-testid="quote-open">
                {mine ? t('trade.quote.revise') : t('trade.quote.submit')}
              </Button>
            ) : (
              mayAward && (
                <Space wrap>
                  <Button onClick={() => setRoundOpen(true)} data-testid="round-open">
                    {t('trade.round.open')}
                  </Button>
                  <Button type="primary" onClick={() => setAwardOpen(true)} data-testid="award-open">
                    {t('trade.award.open')}
                  </Button>
                </Space>
              )
            )}
          </Space>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions column={phone ? 1 : 3} size="small">
            <Descriptions.Item label={t('trade.rfq.fields.quantity')}>
              {r.quantity} {unit}
            </Descriptions.Item>
            <Descriptions.Item label={t('trade.rfq.fields.deliveryDate')}>{r.deliveryDate}</Descriptions.Item>
            <Descriptions.Item label={t('trade.rfq.fields.deliveryPlace')}>{r.deliveryPlace}</Descriptions.Item>
            <Descriptions.Item label={t('trade.rfq.fields.deadline')}>{formatDateTime(r.deadline)}</Descriptions.Item>
            <Descriptions.Item label={t('trade.rfq.fields.visibility')}>{t(`trade.rfq.visibility.${r.visibility}`)}</Descriptions.Item>
            {r.invited.length > 0 && <Descriptions.Item label={t('trade.rfq.fields.invited')}>{r.invited.map((i) => i.name).join('、')}</Descriptions.Item>}
          </Descriptions>
          {spec.length > 0 && (
            <Descriptions title={t('trade.rfq.fields.spec')} column={phone ? 1 : 3} size="small" style={{ marginTop: 12 }}>
              {spec.map((d) => (
                <Descriptions.Item key={d.key} label={label(d.key)}>
                  {value(d.key, r.attributes[d.key])}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
          {r.paymentTerms && (
            <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('trade.payment.wanted')}>
                <TermsList terms={r.paymentTerms} />
              </Descriptions.Item>
            </Descriptions>
          )}
          {r.note && <p>{r.note}</p>}
        </Card>
        {r.status === 'cancelled' && (
          <Alert
            type="warning"
            showIcon
            message={t('trade.cancel.cancelled', { at: r.cancelledAt ? formatDateTime(r.cancelledAt) : '—', reason: r.cancelReason ?? '—' })}
            data-testid="rfq-cancelled"
          />
        )}
        <RfqDrawings rfq={r} mayRead={can(me, 'trade.buy') || can(me, 'trade.quote')} mayAttach={can(me, 'trade.buy') && r.own && r.status === 'open'} />
        {r.status === 'open' && (
          <Alert className="gb-trade-sealed" type="info" showIcon message={t('trade.rfq.sealed', { deadline: formatDateTime(r.deadline) })} data-testid="sealed-notice" />
        )}
        {!r.own && can(me, 'trade.quote') && <Alert type="warning" showIcon message={t('trade.rfq.sealedSupplier')} />}
        <Card size="small" title={t('trade.quote.title')} extra={!!quotes.data?.length && <ExportButton run={() => exportQuotes(r.id)} testId="quotes-export" />}>
          {quotes.error ? (
            <QueryError error={quotes.error} onRetry={() => void quotes.refetch()} />
          ) : quotes.data && quotes.data.length === 0 ? (
            <Empty description={t('trade.rfq.noQuotes')} />
          ) : (
            <Table<Quote>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={quotes.data}
              loading={quotes.isPending}
              pagination={false}
              scroll={{ x: 900 }}
              data-testid="quotes"
            />
          )}
        </Card>
      </Space>
      {!!orders.data?.length && (
        <Card size="small" title={t('trade.order.title')} style={{ marginTop: 16 }}>
          <Table<Order>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 1180 }}
            dataSource={orders.data}
            data-testid="orders"
            columns={[
              {
                title: t('trade.order.supplier'),
                dataIndex: 'supplierName',
                render: (n: string, o) => (
                  <Link to={`/trade/orders/${o.id}`} data-testid="order-link">
                    {n}
                  </Link>
                ),
              },
              { title: t('trade.order.quantity'), key: 'qty', render: (_: unknown, o) => o.lines.map((l) => `${l.quantity} ${unit}`).join('、') },
              { title: t('trade.order.unitPrice'), key: 'price', align: 'right', render: (_: unknown, o) => o.lines.map((l) => `¥${yuan(l.unitPrice)}`).join('、') },
              { title: t('trade.order.net'), dataIndex: 'net', align: 'right', render: (v: string) => `¥${yuan(v)}` },
              { title: t('trade.order.vat'), dataIndex: 'vat', align: 'right', render: (v: string) => `¥${yuan(v)}` },
              { title: t('trade.order.gross'), dataIndex: 'gross', align: 'right', render: (v: string) => <strong>¥{yuan(v)}</strong> },
              {
                title: t('trade.production.title'),
                key: 'production',
                width: 220,
                render: (_: unknown, o) => <OrderProductionCell order={o} supplier={o.supplierOrgId === me.user.orgId && can(me, 'trade.sell')} />,
              },
              {
                title: t('trade.certificate.title'),
                key: 'certificates',
                width: 260,
                render: (_: unknown, o) => <OrderCertificatesCell order={o} supplier={o.supplierOrgId === me.user.orgId && can(me, 'trade.sell')} />,
              },
            ]}
          />
        </Card>
      )}
      {mayAward && <RoundModal open={roundOpen} onClose={() => setRoundOpen(false)} rfq={r} quotes={quotes.data ?? []} />}
      {mayAward && <AwardModal open={awardOpen} onClose={() => setAwardOpen(false)} rfq={r} quotes={quotes.data ?? []} />}
      {mayCancel && <CancelRfqModal open={cancelOpen} onClose={() => setCancelOpen(false)} rfq={r} />}
      <QuoteFormDrawer open={quoteOpen} onClose={() => setQuoteOpen(false)} rfq={r} mine={mine} />
    </div>
  );
}
