import { useParams } from 'react-router-dom';
import { Alert, Card, Descriptions, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../admin/common/format';
import { PageHeader } from '../shell/PageHeader';
import { PageSpinner } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useVerification } from './api';
import './trade.css';

/** What a certificate's QR code opens: whether it is genuine, and what it covers (number, parties, serials, hash). */
export default function VerifyPage() {
  const { token } = useParams();
  const { t } = useTranslation();
  const phone = usePhone();
  const v = useVerification(token);
  if (v.isPending) return <PageSpinner />;
  if (!v.data) return <Result status="warning" title={t('trade.certificate.notGenuine')} data-testid="verify-failed" />;
  const c = v.data;
  return (
    <div>
      <PageHeader title={t('trade.certificate.verifyTitle')} />
      {c.withdrawn ? (
        <Alert
          type="warning"
          showIcon
          message={t('trade.certificate.withdrawnNotice', {
            number: c.number,
            at: formatDateTime(c.withdrawn.at),
            reason: t(`trade.certificate.withdrawnReason.${c.withdrawn.reason}`),
          })}
          style={{ marginBottom: 16 }}
          data-testid="verify-withdrawn"
        />
      ) : (
        <Alert type="success" showIcon message={t('trade.certificate.genuine', { number: c.number })} style={{ marginBottom: 16 }} data-testid="verify-ok" />
      )}
      <Card size="small">
        <Descriptions column={phone ? 1 : 2} size="small">
          <Descriptions.Item label={t('trade.certificate.number')}>{c.number}</Descriptions.Item>
          <Descriptions.Item label={t('trade.certificate.issuedAt')}>{formatDateTime(c.issuedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('trade.order.supplier')}>{c.supplierName}</Descriptions.Item>
          <Descriptions.Item label={t('trade.rfq.fields.buyer')}>{c.buyerName}</Descriptions.Item>
          <Descriptions.Item label={t('trade.certificate.delivery')}>{c.deliveryNumber}</Descriptions.Item>
          <Descriptions.Item label={t('trade.certificate.parts')}>{c.partNos.join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('trade.certificate.quantity')}>{t('trade.certificate.units', { n: c.units })}</Descriptions.Item>
          <Descriptions.Item label="SHA-256">
            <span style={{ wordBreak: 'break-all' }}>{c.sha256}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('trade.certificate.serials')} style={{ marginTop: 16 }}>
        <div className="gb-trade-serials" data-testid="verify-serials">
          {c.serials.map((s) => (
            <code key={s}>{s}</code>
          ))}
        </div>
      </Card>
    </div>
  );
}
