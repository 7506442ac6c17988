import { useState } from 'react';
import { Alert, Button, DatePicker, Segmented, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, FileTextOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { choices, ListPanel } from '../admin/common/ListPanel';
import { useListParams } from '../admin/common/useListParams';
import type { ImportKind } from '../admin/imports/api';
import { ImportWizard } from '../admin/imports/ImportWizard';
import { PageHeader } from '../shell/PageHeader';
import { chinaYear } from '../shell/screenClock';
import { usePhone } from '../shell/useViewport';
import { exportSecondments, talentKeys, useExchanges, useSecondments } from './api';
import { DIRECTIONS, KINDS } from './labels';
import { AccessTag, DirectionTag } from './parts';
import { ReportsModal } from './ReportsModal';
import { SecondmentFormDrawer } from './SecondmentFormDrawer';
import type { Direction, PersonKind, Secondment, SecondmentQuery } from './types';
import './talent.css';

/** The platform importer of terms (server talent/secondments-importer.ts); the wizard's ImportKind names only the core's kinds. */
const SECONDMENTS_IMPORT = 'talent_secondments' as string as ImportKind;

const FILTERS = ['q', 'view', 'direction', 'kind', 'from', 'to'] as const;
/** The officer's reminder window (SPEC §3: terms ending in the next 30 days). */
const ENDING_DAYS = 30;

/** 挂职管理: terms both ways, the ones ending within 30 days, and the exchange figures counted from them. */
export default function SecondmentsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const params = useListParams(FILTERS);
  const { filters, page, pageSize, setFilter, setFilters } = params;
  const ending = filters.view === 'ending';
  const query: SecondmentQuery = {
    q: filters.q,
    direction: filters.direction as Direction | undefined,
    kind: filters.kind as PersonKind | undefined,
    endingWithin: ending ? ENDING_DAYS : undefined,
    page,
    pageSize,
  };
  const list = useSecondments(query);
  const edit = can(me, 'talent.edit');
  const [form, setForm] = useState<{ open: boolean; secondment: Secondment | null }>({ open: false, secondment: null });
  const [importOpen, setImportOpen] = useState(false);
  const [reports, setReports] = useState<Secondment | null>(null);
  // The exchange figures over a span of years (the article reports 2017–2018): counted by the server from the rows.
  const thisYear = chinaYear();
  const from = Number(filters.from) || thisYear - 1;
  const to = Number(filters.to) || thisYear;
  const figures = useExchanges(from, Math.max(from, to));

  const columns: ColumnsType<Secondment> = [
    {
      title: t('talent.secondment.person'),
      dataIndex: 'personName',
      fixed: phone ? undefined : 'left',
      width: 170,
      render: (name: string, s) => (
        <div data-testid="secondment-row">
          <strong>{name}</strong>
          <div className="gb-muted">
            {t(`talent.kind.${s.personKind}`)} · {t(`talent.sector.${s.sector}`)}
          </div>
        </div>
      ),
    },
    {
      title: t('talent.secondment.term'),
      key: 'term',
      width: 200,
      render: (_v, s) => (
        <div>
          <div className="gb-nowrap">
            {s.startsOn} — {s.endsOn}
          </div>
          <Space size={4}>
            <Tag color={s.state === 'active' ? 'processing' : s.state === 'planned' ? 'default' : undefined}>{t(`talent.state.${s.state}`)}</Tag>
            {s.state === 'active' && (
              <span className={s.daysLeft <= ENDING_DAYS ? 'gb-talent-due' : 'gb-muted'} data-testid="days-left">
                {s.daysLeft === 0 ? t('talent.secondment.endsToday') : t('talent.secondment.daysLeft', { days: s.daysLeft })}
              </span>
            )}
          </Space>
        </div>
      ),
    },
    { title: t('talent.secondment.direction'), dataIndex: 'direction', width: 140, render: (d: Direction) => <DirectionTag direction={d} /> },
    {
      title: t('talent.secondment.homeUnit'),
      key: 'home',
      width: 210,
      render: (_v, s) => (
        <div>
          <div>{s.homeUnit}</div>
          <div className="gb-muted">
            {s.homeOrgName} <AccessTag access={s.access} />
          </div>
        </div>
      ),
    },
    {
      title: t('talent.secondment.hostUnit'),
      key: 'host',
      width: 210,
      render: (_v, s) => (
        <div>
          <div>{s.hostUnit}</div>
          <div className="gb-muted">{s.post}</div>
        </div>
      ),
    },
    { title: t('talent.secondment.programme'), dataIndex: 'programmeName', width: 170, render: (p: string | null) => p ?? <span className="gb-muted">—</span> },
    {
      title: '',
      key: 'act',
      width: 110,
      render: (_v, s) => (
        <Space size={4}>
          <Button size="small" icon={<FileTextOutlined />} onClick={() => setReports(s)} data-testid="secondment-reports">
            {s.reportCount}
          </Button>
          {edit && s.access === 'own' && (
            <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setForm({ open: true, secondment: s })} data-testid="secondment-edit" />
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="talent-secondments-page">
      <PageHeader
        title={t('talent.secondment.title')}
        subtitle={t('talent.secondment.subtitle')}
        extra={
          <>
            {edit && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="secondments-import">
                {t('common.import')}
              </Button>
            )}
            <ExportButton run={() => exportSecondments(query)} testId="secondments-export" />
            {edit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, secondment: null })} data-testid="secondment-create">
                {t('talent.secondment.create')}
              </Button>
            )}
          </>
        }
      />
      <div className="gb-panel gb-talent-figures" data-testid="exchange-figures">
        <DatePicker.RangePicker
          picker="year"
          allowClear={false}
          value={[dayjs(`${from}-01-01`), dayjs(`${Math.max(from, to)}-01-01`)]}
          onChange={(v) => v?.[0] && v[1] && setFilters({ from: String(v[0].year()), to: String(v[1].year()) })}
          data-testid="figures-years"
        />
        <span className="gb-muted">{t('talent.secondment.figures', { from, to: Math.max(from, to) })}</span>
        {figures.data && (
          <Space wrap size={[16, 4]}>
            <span data-testid="figures-cadres">
              <strong>{t('talent.secondment.cadres')}</strong> {t('talent.secondment.perDirection', { we: figures.data.cadres.westToEast, ew: figures.data.cadres.eastToWest })}
            </span>
            <span data-testid="figures-professionals">
              <strong>{t('talent.secondment.professionals')}</strong>{' '}
              {t('talent.secondment.perDirection', { we: figures.data.professionals.westToEast, ew: figures.data.professionals.eastToWest })}
            </span>
            {figures.data.scope.kind === 'institution' ? (
              <span className="gb-muted" data-testid="figures-scope">
                {t('talent.stats.scope.institutionShort', { org: figures.data.scope.orgNames.join(t('talent.stats.scope.joiner')) })}
              </span>
            ) : null}
          </Space>
        )}
      </div>
      <ListPanel<Secondment, (typeof FILTERS)[number]>
        params={params}
        toolbar={{
          lead: (
            <Segmented
              value={ending ? 'ending' : 'all'}
              onChange={(v) => setFilter('view', v === 'ending' ? 'ending' : null)}
              options={[
                { value: 'all', label: t('talent.secondment.all') },
                { value: 'ending', label: t('talent.secondment.ending') },
              ]}
              data-testid="secondment-view"
            />
          ),
          search: { placeholder: t('talent.secondment.searchPlaceholder'), testId: 'secondments-search' },
          filters: [
            { key: 'direction', placeholder: t('talent.secondment.directionFilter'), options: choices(DIRECTIONS, (d) => t(`talent.direction.${d}`)) },
            { key: 'kind', placeholder: t('talent.secondment.kindFilter'), options: choices(KINDS, (k) => t(`talent.kind.${k}`)) },
          ],
        }}
        between={ending && <Alert type="warning" showIcon className="gb-talent-hint" message={t('talent.secondment.endingHint')} />}
        query={list}
        emptyHint={ending ? t('talent.secondment.endingEmpty') : t('talent.secondment.emptyHint')}
        columns={columns}
        scroll={{ x: 1250 }}
        data-testid="secondments-table"
      />
      <SecondmentFormDrawer open={form.open} secondment={form.secondment} onClose={() => setForm({ open: false, secondment: null })} />
      <ReportsModal secondment={reports} canAdd={edit} onClose={() => setReports(null)} />
      {edit && (
        <ImportWizard
          kind={SECONDMENTS_IMPORT}
          what={t('talent.secondment.importWhat')}
          open={importOpen}
          onClose={() => setImportOpen(false)}
          invalidate={[talentKeys.all]}
          previewLabels={{
            name: t('talent.person.name'),
            hostUnit: t('talent.secondment.hostUnit'),
            post: t('talent.secondment.post'),
            startsOn: t('talent.secondment.startsOn'),
            endsOn: t('talent.secondment.endsOn'),
            direction: t('talent.secondment.direction'),
          }}
          formatValue={(k, v) => (v === null || v === undefined || v === '' ? '—' : k === 'direction' ? t(`talent.direction.${v}`) : String(v))}
        />
      )}
    </div>
  );
}
