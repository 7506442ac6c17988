import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Checkbox, Drawer, Empty, Input, Pagination, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shell/PageHeader';
import { QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useProducts, useStorefront } from './api';
import { exportProducts } from './files';
import { ExportButton } from '../admin/common/ExportButton';
import { attributesOf, useAttributeLabels, yuan } from './labels';
import type { Product, ProductPage, Vertical } from './types';
import './trade.css';

const VERTICALS: Vertical[] = ['gear', 'nev_part', 'aluminium'];
const isVertical = (v: string | null): v is Vertical => !!v && (VERTICALS as string[]).includes(v);

/** The facets of a vertical: each attribute's values with their counts (from the server), as check boxes. */
function Facets({ page, vertical, selected, onChange }: { page: ProductPage | undefined; vertical: Vertical; selected: string[]; onChange: (attr: string[]) => void }) {
  const { label, value } = useAttributeLabels();
  return (
    <div className="gb-trade-facets" data-testid="trade-facets">
      {attributesOf(vertical).map((def) => {
        const values = page?.facets.find((f) => f.key === def.key)?.values ?? [];
        if (!values.length) return null;
        const mine = selected.filter((a) => a.startsWith(`${def.key}:`)).map((a) => a.slice(def.key.length + 1));
        return (
          <div key={def.key} className="gb-trade-facet">
            <Typography.Text strong>{label(def.key)}</Typography.Text>
            <Checkbox.Group
              value={mine}
              onChange={(vals) => onChange([...selected.filter((a) => !a.startsWith(`${def.key}:`)), ...(vals as string[]).map((v) => `${def.key}:${v}`)])}
            >
              <Space direction="vertical" size={2}>
                {values.map((v) => (
                  <Checkbox key={v.value} value={v.value} data-testid={`facet-${def.key}-${v.value}`}>
                    {value(def.key, def.kind === 'number' ? Number(v.value) : v.value)} <span className="gb-muted">({v.count})</span>
                  </Checkbox>
                ))}
              </Space>
            </Checkbox.Group>
          </div>
        );
      })}
    </div>
  );
}

export function ProductCard({ p }: { p: Product }) {
  const { t } = useTranslation();
  const { label, value } = useAttributeLabels();
  const shown = attributesOf(p.vertical)
    .filter((d) => p.attributes[d.key] !== undefined)
    .slice(0, 5);
  return (
    <Card size="small" className="gb-trade-card" data-testid="product-card">
      <Link to={`/trade/products/${p.id}`} className="gb-trade-card__name">
        {p.name}
      </Link>
      <div className="gb-muted">
        <Link to={`/trade?supplier=${p.orgId}`}>{p.supplierName}</Link>
        {p.partNumber ? ` · ${p.partNumber}` : ''}
      </div>
      <div className="gb-trade-card__attrs">
        {shown.map((d) => (
          <Tag key={d.key}>{t('trade.attrPair', { label: label(d.key), value: value(d.key, p.attributes[d.key]) })}</Tag>
        ))}
      </div>
      <div className="gb-trade-card__price">
        {p.unitPrice ? (
          <>
            <strong>¥{yuan(p.unitPrice)}</strong> <span className="gb-muted">{t(`trade.perUnit.${p.unit}`)}</span>
            <div className="gb-muted">{t('trade.catalogue.withVat', { price: `¥${yuan(p.unitPriceWithVat)}` })}</div>
          </>
        ) : (
          <span className="gb-muted">{t('trade.catalogue.onRequest')}</span>
        )}
      </div>
    </Card>
  );
}

/** 商品目录: the three verticals' products, a filter on every attribute with counts; a supplier's storefront with ?supplier=. */
export default function CataloguePage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const vertical = isVertical(params.get('vertical')) ? (params.get('vertical') as Vertical) : undefined;
  const supplier = params.get('supplier') ?? undefined;
  const attr = vertical ? params.getAll('attr') : [];
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? undefined;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const list = useProducts({ vertical, supplier, q, attr, page, pageSize: 12 }, true);
  const store = useStorefront(supplier);
  const set = (change: (p: URLSearchParams) => void) => {
    const n = new URLSearchParams(params);
    change(n);
    n.delete('page');
    setParams(n, { replace: true });
  };
  const setAttr = (next: string[]) =>
    set((n) => {
      n.delete('attr');
      for (const a of next) n.append('attr', a);
    });
  const counts = Object.fromEntries((list.data?.facets.find((f) => f.key === 'vertical')?.values ?? []).map((v) => [v.value, v.count]));
  const facets = vertical ? <Facets page={list.data} vertical={vertical} selected={attr} onChange={setAttr} /> : null;

  return (
    <div>
      <PageHeader
        title={store.data ? store.data.name : t('trade.catalogue.title')}
        subtitle={store.data ? (store.data.regionName ?? '') : t('trade.catalogue.subtitle')}
        extra={<ExportButton run={() => exportProducts({ vertical, supplier, q, attr })} testId="products-export" />}
      />
      <Space wrap className="gb-trade-verticals" style={{ marginBottom: 12 }}>
        <Segmented
          data-testid="vertical-switch"
          value={vertical ?? 'all'}
          onChange={(v) =>
            set((n) => {
              if (v === 'all') n.delete('vertical');
              else n.set('vertical', String(v));
              n.delete('attr');
            })
          }
          options={[
            { value: 'all', label: t('trade.allVerticals') },
            ...VERTICALS.map((v) => ({ value: v, label: counts[v] !== undefined && !vertical ? `${t(`trade.vertical.${v}`)} (${counts[v]})` : t(`trade.vertical.${v}`) })),
          ]}
        />
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('trade.catalogue.search')}
          style={{ width: phone ? '100%' : 280 }}
          onSearch={(v) => set((n) => (v ? n.set('q', v) : n.delete('q')))}
        />
        {supplier && <Button onClick={() => set((n) => n.delete('supplier'))}>{t('trade.supplier.catalogue')}</Button>}
        {attr.length > 0 && <Button onClick={() => setAttr([])}>{t('trade.catalogue.clear')}</Button>}
        {phone && vertical && (
          <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)}>
            {t('trade.catalogue.filters')}
            {attr.length ? ` (${attr.length})` : ''}
          </Button>
        )}
      </Space>
      <div className={vertical && !phone ? 'gb-trade-layout' : undefined}>
        {!phone && facets && (
          <Card size="small" title={t('trade.catalogue.filters')}>
            {facets}
          </Card>
        )}
        <div>
          {list.error ? (
            <QueryError error={list.error} onRetry={() => void list.refetch()} />
          ) : list.isPending ? (
            <Spin />
          ) : list.data.items.length === 0 ? (
            <Empty description={t('trade.catalogue.empty')} />
          ) : (
            <>
              <Typography.Text type="secondary">{t('trade.catalogue.results', { count: list.data.total })}</Typography.Text>
              <div className="gb-trade-grid">
                {list.data.items.map((p) => (
                  <ProductCard key={p.id} p={p} />
                ))}
              </div>
              <Pagination
                style={{ marginTop: 12 }}
                current={page}
                pageSize={12}
                total={list.data.total}
                showSizeChanger={false}
                onChange={(pg) => {
                  const n = new URLSearchParams(params);
                  n.set('page', String(pg));
                  setParams(n);
                }}
              />
            </>
          )}
        </div>
      </div>
      <Drawer open={filtersOpen} onClose={() => setFiltersOpen(false)} title={t('trade.catalogue.filters')} placement="bottom" size="large">
        {facets}
      </Drawer>
    </div>
  );
}
