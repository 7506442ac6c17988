import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { PageHeader } from '../shell/PageHeader';
import { PageSpinner, QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useProduct } from './api';
import { attributesOf, useAttributeLabels, yuan } from './labels';

/** One product: its typed specification, price with and without VAT, the supplier's storefront, and an RFQ from it. */
export default function ProductPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const navigate = useNavigate();
  const { label, value } = useAttributeLabels();
  const product = useProduct(id);
  if (product.error) return <QueryError error={product.error} onRetry={() => void product.refetch()} />;
  if (!product.data) return <PageSpinner />;
  const p = product.data;
  return (
    <div>
      <PageHeader
        title={p.name}
        subtitle={
          <Space wrap>
            <Tag color="blue">{t(`trade.vertical.${p.vertical}`)}</Tag>
            <Link to={`/trade?supplier=${p.orgId}`}>{p.supplierName}</Link>
            {p.status === 'inactive' && <Tag>{t('trade.product.inactive')}</Tag>}
          </Space>
        }
        extra={
          can(me, 'trade.buy') &&
          !p.own && (
            <Button type="primary" data-testid="ask-quote" onClick={() => navigate(`/trade/rfqs?new=${p.id}`)}>
              {t('trade.product.askQuote')}
            </Button>
          )
        }
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions column={phone ? 1 : 3} size="small">
            <Descriptions.Item label={t('trade.product.partNumber')}>{p.partNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('trade.product.unitPrice')}>
              {p.unitPrice ? `¥${yuan(p.unitPrice)} ${t(`trade.perUnit.${p.unit}`)}` : t('trade.catalogue.onRequest')}
            </Descriptions.Item>
            <Descriptions.Item label={t('trade.product.unitPriceWithVat')}>{p.unitPriceWithVat ? `¥${yuan(p.unitPriceWithVat)}` : '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={t('trade.product.attributes')}>
          <Descriptions column={phone ? 1 : 2} size="small" bordered>
            {attributesOf(p.vertical).map((d) => (
              <Descriptions.Item key={d.key} label={label(d.key)}>
                {value(d.key, p.attributes[d.key])}
              </Descriptions.Item>
            ))}
          </Descriptions>
          {p.description && <p style={{ marginTop: 12 }}>{p.description}</p>}
        </Card>
        <Link to={`/trade?supplier=${p.orgId}`}>{t('trade.product.storefront')}</Link>
      </Space>
    </div>
  );
}
