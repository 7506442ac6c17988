import { useState } from 'react';
import { App as AntApp, Button, Modal, Select, Space, Tag, Tooltip } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { formatDateTime } from '../admin/common/format';
import { useCertificates, useIssueCertificate, useOrderDeliveries } from './api';
import type { Order } from './types';

/**
 * An order's quality certificates (质量证明书): each as PDF and Excel in the user's language; the supplier issues
 * one for a delivery of its plant's logistics handoff.
 */
export function OrderCertificatesCell({ order, supplier }: { order: Order; supplier: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const certs = useCertificates(order.id);
  const [open, setOpen] = useState(false);
  const [deliveryId, setDeliveryId] = useState<string>();
  const deliveries = useOrderDeliveries(order.id, open);
  const issue = useIssueCertificate();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const xlsx = (id: string, number: string) => void api.download(`/trade/certificates/${id}/xlsx`, { lang }, `${number}.xlsx`);
  const issued = new Set((certs.data ?? []).filter((c) => !c.withdrawn).map((c) => c.deliveryNumber));
  return (
    <div data-testid="order-certificates">
      {(certs.data ?? []).map((c) => (
        <Space key={c.id} size={4} wrap>
          <span>
            {c.number} · {c.deliveryNumber} · {t('trade.certificate.units', { n: c.units })}
          </span>
          {c.withdrawn && (
            <Tooltip title={t(`trade.certificate.withdrawnReason.${c.withdrawn.reason}`)}>
              <Tag color="orange" data-testid="certificate-withdrawn">
                {t('trade.certificate.withdrawn')}
              </Tag>
            </Tooltip>
          )}
          <Button
            size="small"
            type="link"
            icon={<FilePdfOutlined />}
            href={`/api/trade/certificates/${c.id}/pdf?lang=${lang}`}
            target="_blank"
            rel="noopener"
            aria-label="PDF"
            data-testid="certificate-pdf"
          />
          <Button size="small" type="link" icon={<FileExcelOutlined />} onClick={() => xlsx(c.id, c.number)} aria-label="Excel" />
        </Space>
      ))}
      {supplier && (
        <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => setOpen(true)} data-testid="certificate-open">
          {t('trade.certificate.issue')}
        </Button>
      )}
      {!supplier && !certs.data?.length && <span className="gb-muted">—</span>}
      <Modal
        open={open}
        title={t('trade.certificate.issue')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !deliveryId, loading: issue.isPending, id: 'certificate-save' }}
        onOk={() =>
          issue.mutate(
            { orderId: order.id, deliveryId: deliveryId! },
            {
              onSuccess: () => {
                setOpen(false);
                void message.success(t('trade.certificate.issued'));
              },
              onError: (e) => void message.error(errorText(e, t)),
            },
          )
        }
      >
        <p>{t('trade.certificate.explain')}</p>
        <Select
          style={{ width: '100%' }}
          placeholder={t('trade.certificate.delivery')}
          loading={deliveries.isPending}
          value={deliveryId}
          onChange={setDeliveryId}
          data-testid="certificate-delivery"
          options={(deliveries.data ?? [])
            .filter((d) => !issued.has(d.number))
            .map((d) => ({ value: d.id, label: `${d.number} · ${d.customer} · ${formatDateTime(d.shippedAt)} · ${t('trade.certificate.units', { n: d.units })}` }))}
        />
      </Modal>
    </div>
  );
}
