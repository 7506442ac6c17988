import { useRef, useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, Modal, Select, Space, Statistic, Tabs, Tag, type InputRef } from 'antd';
import { FilePdfOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Box, Delivery, Pallet, PlacedUnit, StockRow, TransferOrder } from '@gearbridge/contracts/factory';
import { errorText } from '../../../api/errors';
import { PageHeader } from '../../shell/PageHeader';
import { PagedTable } from '../../admin/common/PagedTable';
import { formatDateTime } from '../../admin/common/format';
import { can, useMe } from '../../auth/session';
import { useLines } from '../api';
import {
  ORDERS_MS,
  openPdf,
  useAccounting,
  useBoxOntoPallet,
  useCloseContainer,
  useCreateBox,
  useCreatePallet,
  useDeliveries,
  useOpenBoxes,
  useOrderTransfer,
  usePack,
  usePallets,
  useShip,
  useStock,
  useTransferOrders,
} from './logisticsApi';
import '../factory.css';

const ORDER_COLORS: Record<TransferOrder['status'], string> = {
  pending: 'default',
  sent: 'processing',
  accepted: 'processing',
  picked: 'processing',
  delivered: 'success',
  failed: 'error',
  timed_out: 'warning',
};
const ACTIVE = new Set(['pending', 'sent', 'accepted', 'picked']);

/**
 * 物流交接: the line end's finished units packed by scanning (a scanner types the serial and Enter), boxes and
 * pallets closed and labelled, AGV transfer orders with their live status, stock by product and location, and
 * deliveries. Phone-friendly: tables become cards below 768 px.
 */
export default function LogisticsPage() {
  const { t } = useTranslation();
  const lines = useLines();
  const [lineId, setLineId] = useState<string | undefined>();
  const line = lineId ?? lines.data?.[0]?.id;
  const me = useMe().data;
  const mayAct = can(me, 'factory.logistics');
  const [tab, setTab] = useState('pack');
  const counts = useAccounting({ lineId: line, page: 1, pageSize: 1 });
  const c = counts.data?.counts;

  return (
    <div className="gb-logistics">
      <PageHeader
        title={t('factory.logistics.title')}
        subtitle={t('factory.logistics.subtitle')}
        extra={
          <Select
            aria-label={t('factory.logistics.line')}
            style={{ minWidth: 140 }}
            value={line}
            onChange={setLineId}
            loading={lines.isPending}
            options={(lines.data ?? []).map((l) => ({ value: l.id, label: `${l.code} ${l.nameZh}` }))}
          />
        }
      />
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        <Statistic title={t('factory.logistics.done')} value={counts.data?.done ?? '—'} />
        {(['line_end', 'packed', 'stock', 'shipped'] as const).map((p) => (
          <Statistic key={p} title={t(`factory.logistics.places.${p}`)} value={c?.[p] ?? '—'} />
        ))}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'pack', label: t('factory.logistics.tabs.pack'), children: line ? <PackTab lineId={line} mayAct={mayAct} /> : null },
          { key: 'pallets', label: t('factory.logistics.tabs.pallets'), children: <PalletsTab lineId={line} mayAct={mayAct} /> },
          { key: 'transfers', label: t('factory.logistics.tabs.transfers'), children: <TransfersTab /> },
          { key: 'stock', label: t('factory.logistics.tabs.stock'), children: <StockTab /> },
          { key: 'deliveries', label: t('factory.logistics.tabs.deliveries'), children: <DeliveriesTab mayAct={mayAct} /> },
        ]}
      />
    </div>
  );
}

type Target = { kind: 'box'; box: Box } | { kind: 'pallet'; pallet: Pallet };

function PackTab({ lineId, mayAct }: { lineId: string; mayAct: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const boxes = useOpenBoxes(lineId);
  const pallets = usePallets({ lineId, status: 'open', page: 1, pageSize: 100 });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const waiting = useAccounting({ lineId, place: 'line_end', ...page });
  const [targetKey, setTargetKey] = useState<string | undefined>();
  const [serial, setSerial] = useState('');
  const input = useRef<InputRef>(null);
  const createBox = useCreateBox();
  const createPallet = useCreatePallet();
  const pack = usePack();
  const close = useCloseContainer();
  const onto = useBoxOntoPallet();
  const [palletForBox, setPalletForBox] = useState<Record<string, string>>({});

  const openBoxes = (boxes.data ?? []).filter((b) => b.status === 'open');
  const closedBoxes = (boxes.data ?? []).filter((b) => b.status === 'closed');
  const openPallets = pallets.data?.items ?? [];
  const targets: Record<string, Target> = {};
  for (const b of openBoxes) targets[`box:${b.id}`] = { kind: 'box', box: b };
  for (const p of openPallets) targets[`pallet:${p.id}`] = { kind: 'pallet', pallet: p };
  const target = targetKey ? targets[targetKey] : undefined;
  const fail = (err: unknown) => message.error(errorText(err, t));

  const onScan = () => {
    const s = serial.trim();
    if (!s || !target) return;
    pack.mutate(
      { kind: target.kind, id: target.kind === 'box' ? target.box.id : target.pallet.id, serial: s },
      {
        onSuccess: (r) => {
          message.success(t('factory.logistics.packed', { serial: s, units: r.units }));
          setSerial('');
        },
        onError: fail,
        onSettled: () => input.current?.focus(),
      },
    );
  };

  const columns = [
    { title: t('factory.logistics.serial'), dataIndex: 'serial', key: 'serial' },
    { title: t('factory.logistics.productSerial'), dataIndex: 'productSerial', key: 'productSerial' },
    { title: t('factory.logistics.product'), key: 'product', render: (_: unknown, u: PlacedUnit) => `${u.partNo} ${u.revision}` },
    { title: t('factory.logistics.doneAt'), key: 'doneAt', render: (_: unknown, u: PlacedUnit) => formatDateTime(u.doneAt) },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Select
              aria-label={t('factory.logistics.container')}
              placeholder={t('factory.logistics.noContainer')}
              style={{ minWidth: 240, maxWidth: '100%' }}
              value={target ? targetKey : undefined}
              onChange={(v) => {
                setTargetKey(v);
                input.current?.focus();
              }}
              options={Object.entries(targets).map(([key, x]) => ({
                value: key,
                label:
                  x.kind === 'box'
                    ? `${t('factory.logistics.box', { number: x.box.number })} · ${x.box.units}`
                    : `${t('factory.logistics.pallet', { sscc: x.pallet.sscc })} · ${x.pallet.units}`,
              }))}
            />
            {mayAct && (
              <>
                <Button
                  icon={<PlusOutlined />}
                  loading={createBox.isPending}
                  onClick={() => createBox.mutate(lineId, { onSuccess: (b) => setTargetKey(`box:${b.id}`), onError: fail })}
                >
                  {t('factory.logistics.newBox')}
                </Button>
                <Button
                  icon={<PlusOutlined />}
                  loading={createPallet.isPending}
                  onClick={() => createPallet.mutate(lineId, { onSuccess: (p) => setTargetKey(`pallet:${p.id}`), onError: fail })}
                >
                  {t('factory.logistics.newPallet')}
                </Button>
              </>
            )}
          </Space>
          {mayAct && (
            <Input
              ref={input}
              aria-label={t('factory.logistics.scanLabel')}
              placeholder={t('factory.logistics.scan')}
              value={serial}
              disabled={!target}
              onChange={(e) => setSerial(e.target.value)}
              onPressEnter={onScan}
              autoComplete="off"
              inputMode="text"
              size="large"
            />
          )}
          {target && mayAct && (
            <Space wrap>
              <Button
                loading={close.isPending}
                onClick={() =>
                  close.mutate({ kind: target.kind, id: target.kind === 'box' ? target.box.id : target.pallet.id }, { onSuccess: () => setTargetKey(undefined), onError: fail })
                }
              >
                {t('factory.logistics.close')}
              </Button>
              <Button
                icon={<FilePdfOutlined />}
                onClick={() => openPdf(target.kind === 'box' ? `/boxes/${target.box.id}/unit-labels.pdf` : `/pallets/${target.pallet.id}/unit-labels.pdf`)}
              >
                {t('factory.logistics.unitLabels')}
              </Button>
              {target.kind === 'pallet' && (
                <Button icon={<FilePdfOutlined />} onClick={() => openPdf(`/pallets/${target.pallet.id}/label.pdf`)}>
                  {t('factory.logistics.label')}
                </Button>
              )}
            </Space>
          )}
          {mayAct && closedBoxes.length > 0 && (
            <Space wrap>
              {closedBoxes.map((b) => (
                <Space key={b.id} wrap>
                  <Tag>{`${t('factory.logistics.box', { number: b.number })} · ${b.units}`}</Tag>
                  <Select
                    size="small"
                    style={{ minWidth: 200 }}
                    placeholder={t('factory.logistics.choosePallet')}
                    value={palletForBox[b.id]}
                    onChange={(v: string) => setPalletForBox((m) => ({ ...m, [b.id]: v }))}
                    options={openPallets.map((p) => ({ value: p.id, label: p.sscc }))}
                  />
                  <Button size="small" disabled={!palletForBox[b.id]} onClick={() => onto.mutate({ palletId: palletForBox[b.id], boxId: b.id }, { onError: fail })}>
                    {t('factory.logistics.onPallet')}
                  </Button>
                </Space>
              ))}
            </Space>
          )}
        </Space>
      </Card>
      <Card size="small" title={t('factory.logistics.lineEnd')}>
        <PagedTable<PlacedUnit>
          query={waiting}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
          filtered={false}
          rowKey="id"
          columns={columns}
          cards
        />
      </Card>
    </Space>
  );
}

function PalletsTab({ lineId, mayAct }: { lineId?: string; mayAct: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const pallets = usePallets({ lineId, ...page });
  const order = useOrderTransfer();
  const columns = [
    { title: t('factory.logistics.sscc'), dataIndex: 'sscc', key: 'sscc' },
    {
      title: t('factory.logistics.status'),
      key: 'status',
      render: (_: unknown, p: Pallet) => (
        <Tag color={p.status === 'stock' ? 'green' : p.status === 'shipped' ? 'blue' : undefined}>{t(`factory.logistics.palletStatus.${p.status}`)}</Tag>
      ),
    },
    { title: t('factory.logistics.location'), dataIndex: 'location', key: 'location' },
    { title: t('factory.logistics.units'), dataIndex: 'units', key: 'units' },
    { title: t('factory.logistics.product'), key: 'product', render: (_: unknown, p: Pallet) => p.partNos.join(', ') },
    {
      title: t('factory.logistics.transfer'),
      key: 'transfer',
      render: (_: unknown, p: Pallet) =>
        p.transfer ? (
          <Tag color={ORDER_COLORS[p.transfer.status as TransferOrder['status']]}>{`${p.transfer.number} ${t(`factory.logistics.orderStatus.${p.transfer.status}`)}`}</Tag>
        ) : (
          '—'
        ),
    },
    {
      key: 'act',
      render: (_: unknown, p: Pallet) => (
        <Space wrap>
          <Button size="small" icon={<FilePdfOutlined />} disabled={!p.units} onClick={() => openPdf(`/pallets/${p.id}/label.pdf`)}>
            {t('factory.logistics.label')}
          </Button>
          {mayAct && p.status === 'closed' && p.location === 'LINE-END' && !(p.transfer && ACTIVE.has(p.transfer.status)) && (
            <Button
              size="small"
              icon={<SendOutlined />}
              loading={order.isPending}
              onClick={() =>
                order.mutate(p.id, { onSuccess: (o) => message.success(t('factory.logistics.ordered', { number: o.number })), onError: (err) => message.error(errorText(err, t)) })
              }
            >
              {t('factory.logistics.order')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <PagedTable<Pallet>
      query={pallets}
      page={page.page}
      pageSize={page.pageSize}
      onPage={(p, s) => setPage({ page: p, pageSize: s })}
      filtered={false}
      rowKey="id"
      columns={columns}
      cards
    />
  );
}

function TransfersTab() {
  const { t } = useTranslation();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const orders = useTransferOrders(page);
  const columns = [
    { title: t('factory.logistics.orderNumber'), dataIndex: 'number', key: 'number' },
    {
      title: t('factory.logistics.status'),
      key: 'status',
      render: (_: unknown, o: TransferOrder) => <Tag color={ORDER_COLORS[o.status]}>{t(`factory.logistics.orderStatus.${o.status}`)}</Tag>,
    },
    { title: t('factory.logistics.sscc'), dataIndex: 'sscc', key: 'sscc' },
    { title: t('factory.logistics.agv'), dataIndex: 'deviceCode', key: 'agv' },
    { title: t('factory.logistics.route'), key: 'route', render: (_: unknown, o: TransferOrder) => `${o.from} → ${o.to}` },
    { title: t('factory.logistics.reason'), key: 'reason', render: (_: unknown, o: TransferOrder) => o.reason ?? '—' },
    { title: t('factory.logistics.updatedAt'), key: 'updatedAt', render: (_: unknown, o: TransferOrder) => formatDateTime(o.updatedAt) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <span className="gb-muted">{t('factory.logistics.live', { seconds: ORDERS_MS / 1000 })}</span>
      <PagedTable<TransferOrder>
        query={orders}
        page={page.page}
        pageSize={page.pageSize}
        onPage={(p, s) => setPage({ page: p, pageSize: s })}
        filtered={false}
        rowKey="id"
        columns={columns}
        cards
      />
    </Space>
  );
}

function StockTab() {
  const { t, i18n } = useTranslation();
  const stock = useStock();
  const zh = i18n.language.startsWith('zh');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {(stock.data ?? []).length === 0 && !stock.isPending && <span className="gb-muted">{t('factory.logistics.none')}</span>}
      <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))' }}>
        {(stock.data ?? []).map((s: StockRow) => (
          <Card key={`${s.productId}-${s.location}`} size="small" title={`${s.partNo} ${s.revision} · ${zh ? s.nameZh : s.nameEn}`}>
            <Space wrap size="large">
              <Statistic title={t('factory.logistics.location')} value={s.location} />
              <Statistic title={t('factory.logistics.units')} value={s.units} />
              <Statistic title={t('factory.logistics.pallets')} value={s.pallets} />
              {s.held > 0 && <Statistic title={t('factory.logistics.held')} value={s.held} valueStyle={{ color: '#cf1322' }} />}
            </Space>
          </Card>
        ))}
      </div>
    </Space>
  );
}

function DeliveriesTab({ mayAct }: { mayAct: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const deliveries = useDeliveries(page);
  const inStock = usePallets({ status: 'stock', page: 1, pageSize: 100 });
  const ship = useShip();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ number?: string; customer: string; palletIds: string[] }>();
  const columns = [
    { title: t('factory.logistics.deliveryNumber'), dataIndex: 'number', key: 'number' },
    { title: t('factory.logistics.customer'), dataIndex: 'customer', key: 'customer' },
    { title: t('factory.logistics.pallets'), dataIndex: 'pallets', key: 'pallets' },
    { title: t('factory.logistics.units'), dataIndex: 'units', key: 'units' },
    { title: t('factory.logistics.shippedAt'), key: 'shippedAt', render: (_: unknown, d: Delivery) => formatDateTime(d.shippedAt) },
  ];
  const submit = (v: { number?: string; customer: string; palletIds: string[] }) =>
    ship.mutate(
      { ...v, number: v.number?.trim() || undefined },
      {
        onSuccess: (d) => {
          message.success(t('factory.logistics.shipped', { number: d.number }));
          setOpen(false);
          form.resetFields();
        },
        onError: (err) => message.error(errorText(err, t)),
      },
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {mayAct && (
        <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen(true)}>
          {t('factory.logistics.ship')}
        </Button>
      )}
      <PagedTable<Delivery>
        query={deliveries}
        page={page.page}
        pageSize={page.pageSize}
        onPage={(p, s) => setPage({ page: p, pageSize: s })}
        filtered={false}
        rowKey="id"
        columns={columns}
        cards
      />
      <Modal open={open} title={t('factory.logistics.shipTitle')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={ship.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="palletIds" label={t('factory.logistics.choosePallets')} rules={[{ required: true }]}>
            <Select mode="multiple" options={(inStock.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.sscc} · ${p.partNos.join(', ')} · ${p.units}` }))} />
          </Form.Item>
          <Form.Item name="customer" label={t('factory.logistics.customer')} rules={[{ required: true, whitespace: true, max: 120 }]}>
            <Input maxLength={120} />
          </Form.Item>
          <Form.Item name="number" label={t('factory.logistics.deliveryNumber')} extra={t('factory.logistics.deliveryNumberHint')}>
            <Input maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
