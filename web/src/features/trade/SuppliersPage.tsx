import { Link } from 'react-router-dom';
import { Card, Empty, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shell/PageHeader';
import { PageSpinner, QueryError } from '../shell/StatusViews';
import { useStorefronts } from './api';
import './trade.css';

/** Supplier storefronts: who sells on the platforms, and how many products in each vertical. */
export default function SuppliersPage() {
  const { t } = useTranslation();
  const list = useStorefronts(true);
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <PageSpinner />;
  return (
    <div>
      <PageHeader title={t('trade.supplier.title')} />
      {list.data.length === 0 ? (
        <Empty />
      ) : (
        <div className="gb-trade-grid">
          {list.data.map((s) => (
            <Card key={s.orgId} size="small" data-testid="storefront">
              <Link to={`/trade?supplier=${s.orgId}`} className="gb-trade-card__name">
                {s.name}
              </Link>
              <div className="gb-muted">{s.regionName}</div>
              <Space wrap style={{ marginTop: 8 }}>
                {s.products.map((p) => (
                  <Tag key={p.vertical}>
                    {t(`trade.vertical.${p.vertical}`)} · {t('trade.supplier.products', { count: p.count })}
                  </Tag>
                ))}
              </Space>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
