import { useState } from 'react';
import { Button, Select, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Org, OrgKind } from '../../../api/types';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { usePhone } from '../../shell/useViewport';
import { Forbidden } from '../../shell/StatusViews';
import { formatDateTime, KIND_COLORS } from '../common/format';
import { SearchInput } from '../common/SearchInput';
import { useListParams } from '../common/useListParams';
import { PagedTable } from '../common/PagedTable';
import { ExportButton } from '../common/ExportButton';
import { ImportWizard } from '../imports/ImportWizard';
import { RegionPicker } from '../regions/RegionPicker';
import { exportOrgs, ORG_KINDS, orgKeys, useOrgs } from './api';
import { OrgFormDrawer } from './OrgFormDrawer';

const FILTERS = ['q', 'kind', 'region'] as const;

export default function OrgsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const { filters, page, pageSize, setFilter, setPage, resetAll, active } = useListParams(FILTERS);
  const query = { q: filters.q, kind: filters.kind as OrgKind | undefined, region: filters.region, page, pageSize };
  const listQuery = useOrgs(query, can(me, 'org.read'));
  const [editing, setEditing] = useState<Org | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const manage = can(me, 'org.manage');

  if (!can(me, 'org.read')) return <Forbidden />;

  const openForm = (org: Org | null) => {
    setEditing(org);
    setFormOpen(true);
  };

  const columns: ColumnsType<Org> = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      fixed: phone ? undefined : 'left',
      width: 260,
      render: (name: string, o) =>
        manage ? (
          <Typography.Link onClick={() => openForm(o)} strong>
            {name}
          </Typography.Link>
        ) : (
          <Typography.Text strong>{name}</Typography.Text>
        ),
    },
    { title: t('org.kind'), dataIndex: 'kind', width: 130, render: (k: OrgKind) => <Tag color={KIND_COLORS[k]}>{t(`orgKind.${k}`)}</Tag> },
    {
      title: t('org.region'),
      dataIndex: 'regionName',
      width: 240,
      render: (name: string | null, o) => (
        <div>
          <div>{name ?? '—'}</div>
          <div className="gb-muted gb-mono">{o.regionCode}</div>
        </div>
      ),
    },
    { title: t('org.uscc'), dataIndex: 'uscc', width: 200, render: (v: string | null) => (v ? <span className="gb-mono">{v}</span> : <span className="gb-muted">—</span>) },
    { title: t('org.contactName'), dataIndex: 'contactName', width: 110, render: (v: string | null) => v ?? <span className="gb-muted">—</span> },
    { title: t('org.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => <span className="gb-nowrap">{formatDateTime(v)}</span> },
  ];
  if (manage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: phone ? undefined : 'right',
      width: 90,
      render: (_v, o) => (
        <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openForm(o)}>
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <div data-testid="orgs-page">
      <PageHeader
        title={t('org.title')}
        subtitle={t('org.subtitle')}
        extra={
          <>
            {manage && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="org-import">
                {t('common.import')}
              </Button>
            )}
            <ExportButton run={() => exportOrgs(query)} testId="org-export" />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)} data-testid="org-create">
                {t('org.create')}
              </Button>
            )}
          </>
        }
      />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <SearchInput className="gb-toolbar__search" value={filters.q} onChange={(v) => setFilter('q', v)} placeholder={t('org.searchPlaceholder')} testId="org-search" />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('org.kindFilter')}
            value={filters.kind}
            onChange={(v: string | undefined) => setFilter('kind', v)}
            options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
            data-testid="org-kind-filter"
          />
          <RegionPicker className="gb-toolbar__region" value={filters.region ?? null} onChange={(v) => setFilter('region', v)} placeholder={t('org.regionFilter')} />
          {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
        </div>
        <PagedTable<Org>
          query={listQuery}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          filtered={active}
          emptyHint={t('org.emptyHint')}
          pageSizeOptions={[10, 20, 50, 100]}
          columns={columns}
          scroll={{ x: 1080 }}
          data-testid="orgs-table"
        />
      </div>
      <OrgFormDrawer open={formOpen} org={editing} onClose={() => setFormOpen(false)} />
      {manage && (
        <ImportWizard
          kind="organisations"
          what={t('org.importWhat')}
          open={importOpen}
          onClose={() => setImportOpen(false)}
          invalidate={[orgKeys.all]}
          previewLabels={{
            name: t('org.name'),
            kind: t('org.kind'),
            regionCode: t('org.regionCode'),
            uscc: t('org.uscc'),
            contactName: t('org.contactName'),
            address: t('org.address'),
          }}
          formatValue={(k, v) => (v === null || v === undefined || v === '' ? '—' : k === 'kind' && typeof v === 'string' && v in KIND_COLORS ? t(`orgKind.${v}`) : String(v))}
        />
      )}
    </div>
  );
}
