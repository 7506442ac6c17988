import { useState } from 'react';
import { App as AntApp, Button, Modal, Progress, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { useOrderParts, useOrderProduction, useRequestProduction } from './api';
import type { Order } from './types';

/**
 * An order's production as its supplier's plant reports it (through the factory's interface): per line the work
 * order, its status and units done against the quantity. The supplier sends a line of whole pieces to production,
 * choosing the part its plant makes.
 */
export function OrderProductionCell({ order, supplier }: { order: Order; supplier: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const production = useOrderProduction(order.id);
  const [open, setOpen] = useState(false);
  const [partNo, setPartNo] = useState<string>();
  const parts = useOrderParts(order.id, open);
  const request = useRequestProduction();
  if (!production.data) return null;
  if (!production.data.available) return <span className="gb-muted">{t('trade.production.unavailable')}</span>;
  const line = production.data.lines[0];
  const p = line?.progress;
  if (p)
    return (
      <div data-testid="order-production">
        <Space size={4} wrap>
          <span>{p.number}</span>
          <Tag color={p.status === 'released' ? 'green' : p.status === 'cancelled' ? 'red' : p.status === 'planned' ? 'blue' : 'default'}>
            {t(`trade.production.status.${p.status}`)}
          </Tag>
        </Space>
        <Progress percent={Math.min(100, Math.round((p.done / p.qty) * 100))} size="small" format={() => t('trade.production.done', { done: p.done, qty: p.qty })} />
      </div>
    );
  if (!supplier || order.status !== 'open' || order.lines[0]?.unit !== 'piece') return <span className="gb-muted">—</span>;
  const zh = i18n.language.startsWith('zh');
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="production-open">
        {t('trade.production.request')}
      </Button>
      <Modal
        open={open}
        title={t('trade.production.request')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !partNo, loading: request.isPending, id: 'production-save' }}
        onOk={() =>
          request.mutate(
            { id: order.id, input: { lineNo: 1, partNo: partNo! } },
            {
              onSuccess: () => {
                setOpen(false);
                void message.success(t('trade.production.requested'));
              },
              onError: (e) => void message.error(errorText(e, t)),
            },
          )
        }
      >
        <p>{t('trade.production.explain', { qty: order.lines[0]?.quantity })}</p>
        <Select
          style={{ width: '100%' }}
          placeholder={t('trade.production.part')}
          loading={parts.isPending}
          value={partNo}
          onChange={setPartNo}
          data-testid="production-part"
          options={(parts.data ?? []).filter((x) => x.lineCode).map((x) => ({ value: x.partNo, label: `${x.partNo} · ${zh ? x.nameZh : x.nameEn} · ${x.lineCode}` }))}
        />
      </Modal>
    </>
  );
}
