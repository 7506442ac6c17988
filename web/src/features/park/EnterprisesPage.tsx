import { useState } from 'react';
import { Button, Select, Space, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PagedTable } from '../admin/common/PagedTable';
import { SearchInput } from '../admin/common/SearchInput';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { exportEnterprises, parkKeys, useEnterprises } from './api';
import { can, useCurrentUser } from '../auth/session';
import type { ImportKind } from '../admin/imports/api';
import { ImportWizard } from '../admin/imports/ImportWizard';
import { ExportButton } from '../admin/common/ExportButton';
import { wan } from './parts';
import { SCALES, type Enterprise, type EnterpriseScale } from './types';
import './park.css';

const FILTERS = ['q', 'scale'] as const;
const ENTERPRISES_IMPORT = 'park_enterprises' as string as ImportKind;
const YEARS_IMPORT = 'park_enterprise_years' as string as ImportKind;

/** 园区企业名录: the enterprises in the user's scope with industry (GB/T 4754-2017), size, products, place and latest year. */
export default function EnterprisesPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const { filters, page, pageSize, setFilter, setPage, resetAll, active } = useListParams(FILTERS);
  const scale = SCALES.includes(filters.scale as EnterpriseScale) ? (filters.scale as EnterpriseScale) : undefined;
  const list = useEnterprises({ q: filters.q, scale, page, pageSize });
  const manage = can(useCurrentUser(), 'park.manage');
  const [importOpen, setImportOpen] = useState(false);
  const [yearsOpen, setYearsOpen] = useState(false);
  const columns: ColumnsType<Enterprise> = [
    {
      title: t('park.enterprises.name'),
      dataIndex: 'name',
      render: (n: string, e) => (
        <Link to={`/park/enterprises/${e.id}`}>
          <strong>{n}</strong>
        </Link>
      ),
    },
    {
      title: t('park.enterprises.industry'),
      key: 'industry',
      render: (_v, e) => (
        <span>
          {english ? e.industryNameEn : e.industryName} <Typography.Text type="secondary">{e.industryCode}</Typography.Text>
        </span>
      ),
    },
    { title: t('park.enterprises.scale'), dataIndex: 'scale', width: 80, className: 'gb-nowrap', render: (s: EnterpriseScale) => t(`park.scale.${s}`) },
    { title: t('park.enterprises.products'), dataIndex: 'products', render: (p: string | null) => p ?? t('common.none') },
    { title: t('park.enterprises.place'), key: 'place', render: (_v, e) => [e.zone, e.building].filter(Boolean).join(' · ') || t('common.none') },
    { title: t('park.enterprises.latest'), key: 'year', render: (_v, e) => (e.latest ? t('park.enterprises.yearOf', { year: e.latest.year }) : t('common.none')) },
    { title: t('park.enterprises.employees'), key: 'employees', align: 'right', render: (_v, e) => e.latest?.employees.toLocaleString('en-US') ?? t('common.none') },
    {
      title: t('park.enterprises.outputValue'),
      key: 'output',
      align: 'right',
      render: (_v, e) => (e.latest ? <span className="gb-park-amount">{wan(e.latest.outputValue)}</span> : t('common.none')),
    },
    {
      title: t('park.enterprises.tax'),
      key: 'tax',
      align: 'right',
      render: (_v, e) => (e.latest ? <span className="gb-park-amount">{wan(e.latest.tax)}</span> : t('common.none')),
    },
  ];
  return (
    <div className="gb-park">
      <PageHeader
        title={t('park.enterprises.title')}
        subtitle={t('park.enterprises.subtitle')}
        extra={
          <>
            {manage && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="park-enterprises-import">
                {t('common.import')}
              </Button>
            )}
            {manage && (
              <Button icon={<UploadOutlined />} onClick={() => setYearsOpen(true)} data-testid="park-years-import">
                {t('park.enterprises.importYears')}
              </Button>
            )}
            <ExportButton run={() => exportEnterprises({ q: filters.q, scale })} testId="park-enterprises-export" />
          </>
        }
      />
      {manage && (
        <ImportWizard
          kind={YEARS_IMPORT}
          what={t('park.enterprises.importYearsWhat')}
          open={yearsOpen}
          onClose={() => setYearsOpen(false)}
          invalidate={[parkKeys.all]}
          previewLabels={{
            name: t('park.enterprises.name'),
            year: t('park.enterprise.year'),
            employees: t('park.enterprises.employees'),
            outputValue: t('park.enterprises.outputYuan'),
            tax: t('park.enterprises.taxYuan'),
            replaces: t('park.enterprises.replaces'),
          }}
          formatValue={(k, v) => (k === 'replaces' ? t(v ? 'common.yes' : 'common.no') : v === null || v === undefined || v === '' ? '—' : String(v))}
        />
      )}
      {manage && (
        <ImportWizard
          kind={ENTERPRISES_IMPORT}
          what={t('park.enterprises.importWhat')}
          open={importOpen}
          onClose={() => setImportOpen(false)}
          invalidate={[parkKeys.all]}
          previewLabels={{
            name: t('park.enterprises.name'),
            industryCode: t('park.enterprises.industry'),
            scale: t('park.enterprises.scale'),
            zone: t('park.enterprises.place'),
            contact: t('park.enterprises.contact'),
          }}
          formatValue={(k, v) => (v === null || v === undefined || v === '' ? '—' : k === 'scale' ? t(`park.scale.${v}`) : String(v))}
        />
      )}
      <div className="gb-filter-bar gb-park-filters">
        <SearchInput value={filters.q} onChange={(v) => setFilter('q', v || undefined)} placeholder={t('park.enterprises.search')} className="gb-park-search" />
        <Space>
          <Select
            allowClear
            placeholder={t('park.enterprises.allScales')}
            value={scale}
            onChange={(v) => setFilter('scale', v)}
            options={SCALES.map((s) => ({ value: s, label: t(`park.scale.${s}`) }))}
            style={{ minWidth: 120 }}
          />
          {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
        </Space>
      </div>
      <PagedTable<Enterprise>
        cards
        rowKey="id"
        query={list}
        page={page}
        pageSize={pageSize}
        onPage={setPage}
        filtered={active}
        emptyHint={t('park.enterprises.emptyHint')}
        columns={columns}
        data-testid="park-enterprise-table"
      />
    </div>
  );
}
