import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FilterOutlined, LockOutlined, PlusOutlined, ShareAltOutlined, UnlockOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { PagedTable } from '../admin/common/PagedTable';
import { SearchInput } from '../admin/common/SearchInput';
import { useListParams } from '../admin/common/useListParams';
import type { ImportKind } from '../admin/imports/api';
import { ImportWizard } from '../admin/imports/ImportWizard';
import { RegionPicker } from '../admin/regions/RegionPicker';
import { PageHeader } from '../shell/PageHeader';
import { Forbidden } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { exportWorkers, laborKeys, useWorkers } from './api';
import { WORKER_STATUSES, wageRange } from './labels';
import { OccupationPicker, useOccupationName } from './occupations';
import { AccessTag, FlagTags, StatusTag } from './parts';
import { ShareModal } from './ShareModal';
import type { Worker, WorkerQuery, WorkerStatus } from './types';
import { WorkerFormDrawer } from './WorkerFormDrawer';
import './labor.css';

const FILTERS = ['q', 'status', 'region', 'registeredPoor', 'monitored', 'followUpDue', 'occupation', 'consent', 'source'] as const;
/** The platform importer of the county roll (server labor/importer.ts). The wizard's ImportKind names only the core's kinds. */
const ROLL_IMPORT = 'labor_workers' as string as ImportKind;
const bool = (v: string | undefined) => (v === 'true' || v === 'false' ? v : undefined);

export default function WorkersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const navigate = useNavigate();
  const occupationName = useOccupationName();
  const { filters, page, pageSize, setFilter, setPage, resetAll, active } = useListParams(FILTERS);
  const query: WorkerQuery = {
    q: filters.q,
    status: filters.status as WorkerStatus | undefined,
    region: filters.region,
    registeredPoor: bool(filters.registeredPoor),
    monitored: bool(filters.monitored),
    followUpDue: bool(filters.followUpDue),
    occupation: filters.occupation,
    consent: bool(filters.consent),
    source: filters.source === 'own' || filters.source === 'shared' ? filters.source : undefined,
    page,
    pageSize,
  };
  const allowed = can(me, 'labor.read');
  const list = useWorkers(query, allowed);
  const manage = can(me, 'labor.manage');
  const share = can(me, 'labor.share');
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [shareOpen, setShareOpen] = useState(false);
  const [moreFilters, setMoreFilters] = useState(false);

  // Only the owning side shares: a partner's view (e.g. Linyi's officer) has nothing to pass on.
  const shareable = share && (selected.length > 0 || !!list.data?.items.some((w) => w.access === 'owner'));
  if (!allowed) return <Forbidden />;

  const yesNo = [
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];
  const columns: ColumnsType<Worker> = [
    {
      title: t('labor.worker.name'),
      dataIndex: 'nameMasked',
      fixed: phone ? undefined : 'left',
      width: 130,
      render: (name: string, w) => (
        <div>
          <Link to={`/labor/workers/${w.id}`} className="gb-labor-name" data-testid="worker-link">
            {name}
          </Link>
          <div className="gb-muted">
            {t(`labor.gender.${w.gender}`)} · {t('labor.worker.ageValue', { age: w.age })}
          </div>
        </div>
      ),
    },
    {
      title: t('labor.worker.idAndPhone'),
      key: 'id',
      width: 180,
      render: (_v, w) =>
        w.idNumberMasked || w.phoneMasked ? (
          <div>
            <div className="gb-mono" data-testid="worker-id-masked">
              {w.idNumberMasked ?? '—'}
            </div>
            <div className="gb-mono gb-muted">{w.phoneMasked ?? '—'}</div>
          </div>
        ) : (
          <Tooltip title={t('labor.worker.hiddenNoConsent')}>
            <span className="gb-muted">
              <LockOutlined /> {t('labor.worker.hidden')}
            </span>
          </Tooltip>
        ),
    },
    {
      title: t('labor.worker.home'),
      dataIndex: 'homeRegionName',
      width: 200,
      render: (name: string | null, w) => (
        <div>
          <div>{(name ?? w.homeRegionCode).replace(/^重庆市 /, '')}</div>
          {w.homeVillage && <div className="gb-muted">{w.homeVillage}</div>}
        </div>
      ),
    },
    { title: t('labor.worker.flags'), key: 'flags', width: 130, render: (_v, w) => <FlagTags worker={w} /> },
    {
      title: t('labor.worker.skills'),
      dataIndex: 'skills',
      width: 200,
      render: (skills: Worker['skills']) =>
        skills.length ? (
          <Space size={[4, 4]} wrap>
            {skills.slice(0, 3).map((s) => (
              <Tag key={s.code} variant="outlined">
                {occupationName(s.code, s.name)}
              </Tag>
            ))}
            {skills.length > 3 && <span className="gb-muted">+{skills.length - 3}</span>}
          </Space>
        ) : (
          <span className="gb-muted">—</span>
        ),
    },
    {
      title: t('labor.worker.status'),
      dataIndex: 'status',
      width: 170,
      render: (s: WorkerStatus, w) => (
        <div>
          <StatusTag status={s} />
          <div className="gb-muted gb-nowrap">{t('labor.worker.sinceDate', { date: w.statusSince })}</div>
        </div>
      ),
    },
    {
      title: t('labor.worker.needs'),
      key: 'needs',
      width: 230,
      render: (_v, w) =>
        w.needs.occupations.length || w.needs.minMonthlyWage ? (
          <div>
            <div>{w.needs.occupations.map((o) => occupationName(o.code, o.name)).join('、') || '—'}</div>
            <div className="gb-muted">
              {w.needs.regions.map((r) => (r.name ?? r.code).split(' ').pop()).join('、')}
              {w.needs.minMonthlyWage ? ` · ≥ ${wageRange(w.needs.minMonthlyWage, w.needs.minMonthlyWage)} ${t('labor.yuan')}` : ''}
            </div>
          </div>
        ) : (
          <span className="gb-muted">—</span>
        ),
    },
    {
      title: t('labor.worker.consentShort'),
      key: 'consent',
      width: 90,
      render: (_v, w) =>
        w.consent.given ? (
          <Tag color="green" icon={<UnlockOutlined />}>
            {t('labor.consent.given')}
          </Tag>
        ) : (
          <Tag icon={<LockOutlined />}>{t('labor.consent.notGiven')}</Tag>
        ),
    },
    {
      title: t('labor.worker.org'),
      key: 'org',
      width: 190,
      render: (_v, w) => (
        <div>
          <div>{w.orgName}</div>
          <div className="gb-muted">
            {w.caseworkerName ?? ''} <AccessTag access={w.access} />
          </div>
        </div>
      ),
    },
  ];

  // On a phone the status comes right after the name, so the first screen answers "where does this person stand".
  if (phone)
    columns.splice(
      1,
      0,
      ...columns.splice(
        columns.findIndex((c) => 'dataIndex' in c && c.dataIndex === 'status'),
        1,
      ),
    );

  const extraFilters = (
    <>
      <Select
        className="gb-toolbar__region"
        allowClear
        placeholder={t('labor.worker.monitored')}
        value={filters.monitored}
        onChange={(v: string | undefined) => setFilter('monitored', v)}
        options={yesNo.map((o) => ({ ...o, label: `${t('labor.worker.monitoredShort')}：${o.label}` }))}
        data-testid="filter-monitored"
      />
      <Select
        className="gb-toolbar__select"
        allowClear
        placeholder={t('labor.worker.followUpDueFilter')}
        value={filters.followUpDue}
        onChange={(v: string | undefined) => setFilter('followUpDue', v)}
        options={[
          { value: 'true', label: t('labor.worker.followUpDue') },
          { value: 'false', label: t('labor.worker.followUpNotDue') },
        ]}
        data-testid="filter-followup-due"
      />
      <OccupationPicker
        className="gb-toolbar__region"
        groups
        value={filters.occupation ?? null}
        onChange={(v) => setFilter('occupation', typeof v === 'string' ? v : null)}
        placeholder={t('labor.worker.occupationFilter')}
        data-testid="filter-occupation"
      />
      <Select
        className="gb-toolbar__select"
        allowClear
        placeholder={t('labor.worker.consentFilter')}
        value={filters.consent}
        onChange={(v: string | undefined) => setFilter('consent', v)}
        options={[
          { value: 'true', label: t('labor.consent.given') },
          { value: 'false', label: t('labor.consent.notGiven') },
        ]}
        data-testid="filter-consent"
      />
      <Select
        className="gb-toolbar__select"
        allowClear
        placeholder={t('labor.worker.sourceFilter')}
        value={filters.source}
        onChange={(v: string | undefined) => setFilter('source', v)}
        options={[
          { value: 'own', label: t('labor.source.own') },
          { value: 'shared', label: t('labor.source.shared') },
        ]}
      />
    </>
  );

  return (
    <div data-testid="labor-workers-page">
      <PageHeader
        title={t('labor.worker.title')}
        subtitle={t('labor.worker.subtitle')}
        extra={
          <>
            {shareable && (
              <Button icon={<ShareAltOutlined />} disabled={!selected.length} onClick={() => setShareOpen(true)} data-testid="workers-share">
                {t('labor.share.selected', { count: selected.length })}
              </Button>
            )}
            {manage && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="workers-import">
                {t('common.import')}
              </Button>
            )}
            <ExportButton run={() => exportWorkers(query)} testId="workers-export" />
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="worker-create">
                {t('labor.worker.create')}
              </Button>
            )}
          </>
        }
      />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <SearchInput
            className="gb-toolbar__search"
            value={filters.q}
            onChange={(v) => setFilter('q', v)}
            placeholder={t('labor.worker.searchPlaceholder')}
            testId="workers-search"
          />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('labor.worker.statusFilter')}
            value={filters.status}
            onChange={(v: string | undefined) => setFilter('status', v)}
            options={WORKER_STATUSES.map((s) => ({ value: s, label: t(`labor.status.${s}`) }))}
            data-testid="filter-status"
          />
          <RegionPicker
            className="gb-toolbar__region"
            value={filters.region ?? null}
            onChange={(v) => setFilter('region', v)}
            placeholder={t('labor.worker.regionFilter')}
            data-testid="filter-region"
          />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('labor.worker.registeredPoor')}
            value={filters.registeredPoor}
            onChange={(v: string | undefined) => setFilter('registeredPoor', v)}
            options={yesNo.map((o) => ({ ...o, label: `${t('labor.worker.registeredPoor')}：${o.label}` }))}
            data-testid="filter-registered-poor"
          />
          {phone && !moreFilters ? (
            <Button icon={<FilterOutlined />} onClick={() => setMoreFilters(true)}>
              {t('labor.moreFilters')}
            </Button>
          ) : (
            extraFilters
          )}
          {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
        </div>
        <PagedTable<Worker>
          cards
          query={list}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          filtered={active}
          emptyHint={t('labor.worker.emptyHint')}
          columns={columns}
          scroll={{ x: 1520 }}
          rowSelection={
            shareable
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(String)),
                  preserveSelectedRowKeys: true,
                  // A partner's record cannot be passed on: only the owning side shares.
                  getCheckboxProps: (w) => ({ disabled: w.access !== 'owner' }),
                }
              : undefined
          }
          onRow={(w) => ({ onDoubleClick: () => navigate(`/labor/workers/${w.id}`) })}
          data-testid="workers-table"
        />
      </div>
      {selected.length > 0 && (
        <Typography.Text type="secondary" className="gb-labor-selection">
          {t('labor.share.selectionHint', { count: selected.length })}
        </Typography.Text>
      )}
      <WorkerFormDrawer open={formOpen} worker={null} onClose={() => setFormOpen(false)} onCreated={(w) => navigate(`/labor/workers/${w.id}`)} />
      {share && <ShareModal kind="worker" ids={selected} open={shareOpen} onClose={() => setShareOpen(false)} onShared={() => setSelected([])} />}
      {manage && (
        <ImportWizard
          kind={ROLL_IMPORT}
          what={t('labor.worker.importWhat')}
          open={importOpen}
          onClose={() => setImportOpen(false)}
          invalidate={[laborKeys.all]}
          previewLabels={{
            name: t('labor.worker.name'),
            idNumber: t('labor.worker.idNumber'),
            phone: t('labor.worker.phone'),
            homeRegionCode: t('labor.worker.homeCode'),
            status: t('labor.worker.status'),
            registeredPoor: t('labor.worker.registeredPoor'),
            skills: t('labor.worker.skills'),
          }}
          formatValue={(k, v) =>
            v === null || v === undefined || v === ''
              ? '—'
              : k === 'status' && typeof v === 'string' && (WORKER_STATUSES as string[]).includes(v)
                ? t(`labor.status.${v}`)
                : k === 'registeredPoor'
                  ? t(v ? 'common.yes' : 'common.no')
                  : String(v)
          }
        />
      )}
    </div>
  );
}
