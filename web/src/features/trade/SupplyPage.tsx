import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App as AntApp, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Popconfirm, Row, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DashboardOutlined, DollarOutlined, FireOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { divHalfUp, formatYuan, parseYuan } from '@gearbridge/contracts/trade/money';
import { errorText } from '../../api/errors';
import { can, useCurrentUser } from '../auth/session';
import { RowCards } from '../admin/common/PagedTable';
import { formatDateTime } from '../admin/common/format';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { PageHeader } from '../shell/PageHeader';
import { StatCard } from '../shell/StatCard';
import { PageSpinner, QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useAddTicket, useSettle, useSupplyContract, useSupplyContracts, useTickets } from './api';
import { yuan } from './labels';
import { exportMonths, exportTickets } from './files';
import { IndexImportButton } from './IndexImport';
import { ExportButton } from '../admin/common/ExportButton';
import type { SupplyContractDetail, SupplyMonth, Ticket } from './types';
import './trade.css';

/** "1234567.89" 元 → "123.46" 万元, half-up, exact (no floating point). */
function wan(s: string): string {
  const neg = s.startsWith('-');
  const fen = parseYuan(neg ? s.slice(1) : s) ?? 0n;
  return yuan(formatYuan(divHalfUp(fen, 10_000n) * (neg ? -1n : 1n)));
}

/**
 * 长期供货协议: the molten-aluminium agreement's saving per tonne and per year computed from its records, its price
 * formula, each month's tonnes, index average, settlement and saving, and the month's weighbridge tickets. The
 * supplier records tickets and settles months that have ended.
 */
export default function SupplyPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const { message } = AntApp.useApp();
  // 万元 in Chinese, whole yuan in English.
  const big = (v: string) => (i18n.language.startsWith('zh') ? `${wan(v)} ${t('trade.supply.wan')}` : `${yuan(v)} ${t('trade.supply.wan')}`);
  const [params, setParams] = useSearchParams();
  const list = useSupplyContracts();
  const id = params.get('id') ?? list.data?.[0]?.id;
  const detail = useSupplyContract(id);
  const [month, setMonth] = useState<string>();
  const [ticketOpen, setTicketOpen] = useState(false);
  const settle = useSettle();
  useEffect(() => {
    if (detail.data && !month) setMonth(detail.data.months.at(-1)?.month);
  }, [detail.data, month]);
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <PageSpinner />;
  if (!list.data.length)
    return (
      <div>
        <PageHeader title={t('trade.supply.title')} extra={<IndexImportButton />} />
        <Empty description={t('trade.supply.none')} />
      </div>
    );
  if (detail.error) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <PageSpinner />;
  const c = detail.data;
  const supplier = c.side === 'supplier' && can(me, 'trade.sell');
  const current = c.months.at(-1)?.month;

  const columns: ColumnsType<SupplyMonth> = [
    {
      title: t('trade.supply.month'),
      dataIndex: 'month',
      render: (m: string) => (
        <Button type="link" size="small" onClick={() => setMonth(m)} data-testid="supply-month">
          {m}
        </Button>
      ),
    },
    { title: t('trade.supply.tickets'), dataIndex: 'tickets', align: 'right' },
    { title: t('trade.supply.tonnes'), dataIndex: 'tonnes', align: 'right', render: (v: string) => yuan(v) },
    { title: t('trade.supply.indexAverage', { index: c.index }), dataIndex: 'indexAverage', align: 'right', render: (v: string | null) => yuan(v) },
    { title: t('trade.supply.unitPrice'), dataIndex: 'unitPrice', align: 'right', render: (v: string | null) => yuan(v) },
    { title: t('trade.supply.gross'), dataIndex: 'gross', align: 'right', render: (v: string | null) => yuan(v) },
    { title: t('trade.supply.saving'), dataIndex: 'saving', align: 'right', render: (v: string) => <strong>{yuan(v)}</strong> },
    {
      title: t('trade.supply.status'),
      key: 'status',
      render: (_: unknown, m) =>
        m.settled ? (
          <Tag color="green">{t('trade.supply.settled')}</Tag>
        ) : supplier && m.month !== current ? (
          <Popconfirm
            title={t('trade.supply.settleConfirm', { month: m.month })}
            onConfirm={() =>
              settle.mutate(
                { id: c.id, month: m.month },
                { onSuccess: () => void message.success(t('trade.supply.settledOk', { month: m.month })), onError: (e) => void message.error(errorText(e, t)) },
              )
            }
          >
            <Button size="small" data-testid="settle">
              {t('trade.supply.settle')}
            </Button>
          </Popconfirm>
        ) : (
          <Tag>{m.month === current ? t('trade.supply.delivering') : t('trade.supply.open')}</Tag>
        ),
    },
  ];
  const months = [...c.months].reverse();

  return (
    <div>
      <PageHeader
        title={t('trade.supply.title')}
        subtitle={
          <Space wrap>
            <span>{c.contractNo}</span>
            <span>
              {c.supplierName} → {c.buyerName}
            </span>
          </Space>
        }
        extra={
          <Space wrap>
            <IndexImportButton />
            {list.data.length > 1 && (
              <Select
                style={{ minWidth: 220 }}
                value={c.id}
                onChange={(v) => {
                  setParams({ id: v });
                  setMonth(undefined);
                }}
                options={list.data.map((x) => ({ value: x.id, label: `${x.contractNo} · ${x.title}` }))}
              />
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <StatCard
            title={t('trade.supply.savingPerTonne')}
            value={`${yuan(c.lastYear.savingPerTonne ?? c.savingPerTonne)} ${t('trade.supply.yuanPerT')}`}
            foot={t('trade.supply.savingPerTonneFoot')}
            icon={<FireOutlined />}
            color="#d4380d"
            loading={false}
            testId="supply-per-tonne"
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <StatCard
            title={t('trade.supply.yearSaving')}
            value={big(c.lastYear.saving)}
            foot={t('trade.supply.period', { from: c.lastYear.from, to: c.lastYear.to })}
            icon={<DollarOutlined />}
            color="#389e0d"
            loading={false}
            testId="supply-year-saving"
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <StatCard
            title={t('trade.supply.yearTonnes')}
            value={`${yuan(c.lastYear.tonnes)} ${t('trade.unit.t')}`}
            foot={t('trade.supply.contracted', { tonnes: yuan(c.annualTonnes) })}
            icon={<DashboardOutlined />}
            color="#1677ff"
            loading={false}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <StatCard
            title={t('trade.supply.plannedSaving')}
            value={big(c.plannedAnnualSaving)}
            foot={t('trade.supply.plannedFoot', { tonnes: yuan(c.annualTonnes), saving: yuan(c.savingPerTonne) })}
            icon={<DollarOutlined />}
            color="#722ed1"
            loading={false}
          />
        </Col>
      </Row>
      <Card size="small" title={t('trade.supply.terms')} style={{ marginTop: 16 }}>
        <Descriptions column={phone ? 1 : 3} size="small">
          <Descriptions.Item label={t('trade.supply.product')}>{c.product}</Descriptions.Item>
          <Descriptions.Item label={t('trade.supply.periodLabel')}>
            {c.startMonth} ~ {c.endMonth}
          </Descriptions.Item>
          <Descriptions.Item label={t('trade.supply.place')}>{c.deliveryPlace}</Descriptions.Item>
          <Descriptions.Item label={t('trade.supply.formula')}>{t('trade.supply.formulaText', { index: c.index, fee: yuan(c.processingFee) })}</Descriptions.Item>
          <Descriptions.Item label={t('trade.supply.ingotRoute')}>
            {t('trade.supply.ingotRouteText', { index: c.index, premium: yuan(c.ingotPremium), energy: yuan(c.remeltEnergy), labour: yuan(c.remeltLabour) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('trade.supply.savingPerTonneTerms')}>
            {yuan(c.savingPerTonne)} {t('trade.supply.yuanPerT')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('trade.supply.months')} style={{ marginTop: 16 }} extra={<ExportButton run={() => exportMonths(c.id)} testId="months-export" />}>
        {phone ? (
          <RowCards<SupplyMonth> columns={columns} items={months} rowKey="month" rowClassName="" testId="supply-months" />
        ) : (
          <Table<SupplyMonth> rowKey="month" size="small" columns={columns} dataSource={months} pagination={false} data-testid="supply-months" />
        )}
      </Card>
      {month && <TicketsCard contract={c} month={month} phone={phone} onAdd={supplier && month === current ? () => setTicketOpen(true) : undefined} />}
      {supplier && <TicketDrawer open={ticketOpen} onClose={() => setTicketOpen(false)} contract={c} />}
    </div>
  );
}

function TicketsCard({ contract, month, phone, onAdd }: { contract: SupplyContractDetail; month: string; phone: boolean; onAdd?: () => void }) {
  const { t } = useTranslation();
  const tickets = useTickets(contract.id, month);
  const columns: ColumnsType<Ticket> = [
    { title: t('trade.supply.ticketNo'), dataIndex: 'ticketNo' },
    { title: t('trade.supply.weighedAt'), dataIndex: 'weighedAt', render: (v: string) => formatDateTime(v) },
    { title: t('trade.supply.vehicle'), dataIndex: 'vehicle', render: (v: string | null) => v ?? '—' },
    { title: t('trade.supply.grossT'), dataIndex: 'gross', align: 'right' },
    { title: t('trade.supply.tareT'), dataIndex: 'tare', align: 'right' },
    { title: t('trade.supply.netT'), dataIndex: 'net', align: 'right', render: (v: string) => <strong>{v}</strong> },
  ];
  const items = tickets.data?.tickets ?? [];
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('trade.supply.ticketsOf', { month, tonnes: yuan(tickets.data?.tonnes ?? '0') })}
      // Two buttons beside it on a phone: the title wraps instead of being cut.
      styles={phone ? { title: { whiteSpace: 'normal' } } : undefined}
      extra={
        <Space wrap>
          <ExportButton run={() => exportTickets(contract.id, month)} testId="tickets-export" />
          {onAdd && (
            <Button icon={<PlusOutlined />} onClick={onAdd} data-testid="ticket-add">
              {t('trade.supply.addTicket')}
            </Button>
          )}
        </Space>
      }
    >
      {tickets.error ? (
        <QueryError error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : phone ? (
        <RowCards<Ticket> columns={columns} items={items.slice(-50).reverse()} rowKey="id" rowClassName="" testId="tickets" />
      ) : (
        <Table<Ticket>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={[...items].reverse()}
          loading={tickets.isPending}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          data-testid="tickets"
        />
      )}
    </Card>
  );
}

interface TicketValues {
  ticketNo: string;
  weighedAt: Dayjs;
  vehicle?: string;
  gross: string;
  tare: string;
}

/** The supplier's weighbridge ticket: gross and tare as read on the scale (tonnes, three decimals); net = gross − tare. */
function TicketDrawer({ open, onClose, contract }: { open: boolean; onClose: () => void; contract: SupplyContractDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TicketValues>();
  const add = useAddTicket();
  const outcome = useSaveOutcome(form, onClose);
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ weighedAt: dayjs() });
    }
  }, [open, form]);
  const save = async () => {
    const v = await form.validateFields();
    add.mutate(
      {
        id: contract.id,
        input: { ticketNo: v.ticketNo.trim(), weighedAt: v.weighedAt.toISOString(), vehicle: v.vehicle || null, gross: String(v.gross).trim(), tare: String(v.tare).trim() },
      },
      { onSuccess: () => outcome.saved(t('trade.supply.ticketSaved')), onError: outcome.failed },
    );
  };
  return (
    <FormDrawer open={open} onClose={onClose} title={t('trade.supply.addTicket')} saving={add.isPending} onSave={() => void save()} saveTestId="ticket-save">
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="ticketNo" label={t('trade.supply.ticketNo')} rules={[{ required: true }]}>
          <Input maxLength={40} data-testid="ticket-no" />
        </Form.Item>
        <Form.Item name="weighedAt" label={t('trade.supply.weighedAt')} rules={[{ required: true }]}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="vehicle" label={t('trade.supply.vehicle')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="gross" label={t('trade.supply.grossT')} rules={[{ required: true }]}>
          <Input inputMode="decimal" data-testid="ticket-gross" />
        </Form.Item>
        <Form.Item name="tare" label={t('trade.supply.tareT')} rules={[{ required: true }]}>
          <Input inputMode="decimal" data-testid="ticket-tare" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
