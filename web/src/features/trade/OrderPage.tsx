import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App as AntApp, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { can, useCurrentUser } from '../auth/session';
import { RowCards } from '../admin/common/PagedTable';
import { formatDateTime } from '../admin/common/format';
import { PageHeader } from '../shell/PageHeader';
import { PageSpinner, QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useMarkMilestone, useOrder } from './api';
import { OrderCertificatesCell } from './Certificates';
import { OrderProductionCell } from './OrderProduction';
import { yuan } from './labels';
import { chinaToday, OrderStatusTag, useMilestoneName } from './orderLabels';
import type { Milestone, Order, PaymentTerm } from './types';
import './trade.css';

type Line = Order['lines'][number];

/** A table on a desktop, cards on a phone (no sideways scrolling). */
function Rows<T extends object>({ columns, items, rowKey, testId }: { columns: ColumnsType<T>; items: T[]; rowKey: string; testId: string }) {
  const phone = usePhone();
  if (phone) return <RowCards<T> columns={columns} items={items} rowKey={rowKey} rowClassName={undefined} testId={testId} />;
  return <Table<T> rowKey={rowKey} size="small" columns={columns} dataSource={items} pagination={false} data-testid={testId} />;
}

/**
 * One order, to its buyer and its supplier: the lines, the milestones (each marked done by its own party), the payment
 * terms with their exact amounts, the production in the supplier's plant, and the deliveries with their quality
 * certificates (PDF, Excel; the PDF's QR code opens the verification page).
 */
export default function OrderPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const order = useOrder(id);
  const name = useMilestoneName();
  const [marking, setMarking] = useState<Milestone>();
  if (order.error) return <QueryError error={order.error} onRetry={() => void order.refetch()} />;
  if (!order.data) return <PageSpinner />;
  const o = order.data;
  const supplier = o.side === 'supplier' && can(me, 'trade.sell');
  const today = chinaToday();
  const unit = (l: Line) => t(`trade.unit.${l.unit}`);

  const lineColumns: ColumnsType<Line> = [
    { title: t('trade.order.description'), dataIndex: 'description' },
    { title: t('trade.order.quantity'), dataIndex: 'quantity', render: (q: string, l) => `${q} ${unit(l)}` },
    { title: t('trade.order.unitPrice'), dataIndex: 'unitPrice', align: 'right', render: (v: string, l) => `¥${yuan(v)} / ${unit(l)}` },
    { title: t('trade.order.net'), dataIndex: 'net', align: 'right', render: (v: string) => `¥${yuan(v)}` },
    { title: t('trade.order.vat'), dataIndex: 'vat', align: 'right', render: (v: string) => `¥${yuan(v)}` },
    { title: t('trade.order.gross'), dataIndex: 'gross', align: 'right', render: (v: string) => <strong>¥{yuan(v)}</strong> },
  ];
  const termColumns: ColumnsType<PaymentTerm> = [
    { title: t('trade.payment.title'), dataIndex: 'kind', render: (k: PaymentTerm['kind']) => t(`trade.payment.kind.${k}`) },
    { title: t('trade.payment.percent'), dataIndex: 'percent', align: 'right', render: (p: string) => `${p}%` },
    { title: t('trade.payment.whenLabel'), key: 'when', render: (_: unknown, p) => t(`trade.payment.when.${p.kind}`, { days: p.days }) },
    { title: t('trade.payment.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => <strong>¥{yuan(v)}</strong> },
  ];
  const milestoneColumns: ColumnsType<Milestone> = [
    {
      title: t('trade.milestone.name'),
      key: 'name',
      render: (_: unknown, m) => (
        <Space size={4} wrap>
          <span>{name(o, m)}</span>
          {m.amount && <span className="gb-muted">¥{yuan(m.amount)}</span>}
        </Space>
      ),
    },
    { title: t('trade.milestone.partyLabel'), dataIndex: 'party', render: (p: Milestone['party']) => t(`trade.milestone.party.${p}`) },
    {
      title: t('trade.milestone.due'),
      dataIndex: 'dueDate',
      render: (d: string, m) => (
        <Space size={4}>
          <span>{d}</span>
          {!m.doneOn && d < today && o.status === 'open' && <Tag color="red">{t('trade.order.overdue')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('trade.milestone.doneOn'),
      key: 'done',
      render: (_: unknown, m) =>
        m.doneOn ? (
          <div data-testid="milestone-done">
            <Tag color="green">{m.doneOn}</Tag>
            {m.doneByName && <span className="gb-muted">{m.doneByName}</span>}
            {m.note && <div className="gb-muted">{m.note}</div>}
          </div>
        ) : (
          <span className="gb-muted">{t('trade.milestone.pending')}</span>
        ),
    },
    {
      title: '',
      key: 'act',
      render: (_: unknown, m) =>
        m.mayMark && (
          <Button size="small" type="primary" ghost onClick={() => setMarking(m)} data-testid={`milestone-mark-${m.kind}`}>
            {t('trade.milestone.mark')}
          </Button>
        ),
    },
  ];

  return (
    <div>
      <PageHeader
        title={o.rfqTitle}
        subtitle={
          <Space wrap>
            <OrderStatusTag status={o.status} />
            <Tag color="blue">{t(`trade.vertical.${o.vertical}`)}</Tag>
            <Tag>{t(`trade.order.side.${o.side}`)}</Tag>
            <Link to={`/trade/rfqs/${o.rfqId}`}>{t('trade.order.rfq')}</Link>
          </Space>
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions column={phone ? 1 : 3} size="small">
            <Descriptions.Item label={t('trade.order.buyer')}>{o.buyerName}</Descriptions.Item>
            <Descriptions.Item label={t('trade.order.supplier')}>{o.supplierName}</Descriptions.Item>
            <Descriptions.Item label={t('trade.order.createdAt')}>{formatDateTime(o.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('trade.order.deliveryDate')}>{o.deliveryDate}</Descriptions.Item>
            <Descriptions.Item label={t('trade.order.deliveryPlace')}>{o.deliveryPlace}</Descriptions.Item>
            <Descriptions.Item label={t('trade.order.gross')}>
              <div>
                <strong data-testid="order-gross" style={{ whiteSpace: 'nowrap' }}>
                  ¥{yuan(o.gross)}
                </strong>
                <div className="gb-muted">
                  {t('trade.order.net')} ¥{yuan(o.net)} + {t('trade.order.vat')} ¥{yuan(o.vat)}
                </div>
              </div>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={t('trade.order.lines')}>
          <Rows<Line> columns={lineColumns} items={o.lines} rowKey="lineNo" testId="order-lines" />
        </Card>
        <Card size="small" title={t('trade.milestone.title')}>
          <Rows<Milestone> columns={milestoneColumns} items={o.milestones} rowKey="seq" testId="order-milestones" />
        </Card>
        <Card size="small" title={t('trade.payment.title')} extra={!phone && <span className="gb-muted">{t('trade.payment.sum', { total: '100' })}</span>}>
          <Rows<PaymentTerm> columns={termColumns} items={o.paymentTerms} rowKey="seq" testId="order-terms" />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('trade.payment.rule')}
          </Typography.Paragraph>
        </Card>
        <Card size="small" title={t('trade.production.title')}>
          <div className="gb-trade-order-cell">
            <OrderProductionCell order={o} supplier={supplier} />
          </div>
        </Card>
        <Card size="small" title={t('trade.order.deliveries')}>
          <OrderCertificatesCell order={o} supplier={supplier} />
        </Card>
      </Space>
      <MarkModal order={o} milestone={marking} title={marking ? name(o, marking) : ''} onClose={() => setMarking(undefined)} />
    </div>
  );
}

/** Mark a milestone done: the day it happened (today unless said; never in the future) and a note. */
function MarkModal({ order, milestone, title, onClose }: { order: Order; milestone?: Milestone; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ doneOn: Dayjs; note?: string }>();
  const mark = useMarkMilestone();
  const save = async () => {
    if (!milestone) return;
    const v = await form.validateFields();
    mark.mutate(
      { id: order.id, seq: milestone.seq, input: { doneOn: v.doneOn.format('YYYY-MM-DD'), note: v.note || null } },
      {
        onSuccess: () => {
          onClose();
          void message.success(t('trade.milestone.marked'));
        },
        onError: (e) => {
          if (!applyFieldErrors(form, e)) void message.error(errorText(e, t));
        },
      },
    );
  };
  return (
    <Modal
      open={!!milestone}
      title={t('trade.milestone.markTitle', { name: title })}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: mark.isPending, id: 'milestone-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ doneOn: dayjs(chinaToday()) }}>
        <Form.Item name="doneOn" label={t('trade.milestone.doneOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()} />
        </Form.Item>
        <Form.Item name="note" label={t('trade.milestone.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
