import { useState } from 'react';
import { Button, Card, Checkbox, Empty, Segmented, Select, Space, Spin, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { PagedTable } from '../admin/common/PagedTable';
import { SearchInput } from '../admin/common/SearchInput';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { exportProjects, parkKeys, useProjects } from './api';
import type { ImportKind } from '../admin/imports/api';
import { ImportWizard } from '../admin/imports/ImportWizard';
import { ExportButton } from '../admin/common/ExportButton';
import { CategoryTag, StageTag } from './parts';
import { ProjectFormDrawer } from './ProjectFormDrawer';
import { BatchDrawer } from './BatchDrawer';
import { StageModal } from './StageModal';
import { SummaryCard } from './SummaryCard';
import { CATEGORIES, STAGES, type Project, type ProjectCategory, type ProjectQuery, type ProjectStage } from './types';
import './park.css';

const FILTERS = ['q', 'category', 'reserve', 'stage', 'view', 'year'] as const;
const COLUMN_SIZE = 20;
const PROJECTS_IMPORT = 'park_projects' as string as ImportKind;

/**
 * 招商项目: the yearly summary card, then the projects as a kanban by stage or as a list, with the filters in the
 * address. Officers with park.manage record projects, edit them and move their stage.
 */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const manage = can(me, 'park.manage');
  const { filters, page, pageSize, setFilter, setPage, resetAll, active } = useListParams(FILTERS);
  const view = filters.view === 'list' ? 'list' : 'kanban';
  const base: ProjectQuery = {
    q: filters.q,
    category: CATEGORIES.includes(filters.category as ProjectCategory) ? (filters.category as ProjectCategory) : undefined,
    reserve: filters.reserve === 'true' ? 'true' : undefined,
  };
  const [editing, setEditing] = useState<Project | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [moving, setMoving] = useState<Project | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const open = (p: Project | null) => {
    setEditing(p);
    setFormOpen(true);
  };
  const filtered = !!(filters.q || filters.category || filters.reserve || filters.stage);

  return (
    <div className="gb-park">
      <PageHeader
        title={t('park.projects.title')}
        subtitle={t('park.projects.subtitle')}
        extra={
          <Space wrap>
            <ExportButton
              run={() => exportProjects({ ...base, stage: STAGES.includes(filters.stage as ProjectStage) ? (filters.stage as ProjectStage) : undefined })}
              testId="park-projects-export"
            />
            {manage && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="park-projects-import">
                {t('common.import')}
              </Button>
            )}
            {manage && (
              <Button onClick={() => setBatchOpen(true)} data-testid="park-batch-new">
                {t('park.batch.new')}
              </Button>
            )}
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)} data-testid="park-project-new">
                {t('park.projects.new')}
              </Button>
            )}
          </Space>
        }
      />
      {manage && (
        <ImportWizard
          kind={PROJECTS_IMPORT}
          what={t('park.projects.importWhat')}
          open={importOpen}
          onClose={() => setImportOpen(false)}
          invalidate={[parkKeys.all]}
          previewLabels={{
            name: t('park.projects.name'),
            investor: t('park.projects.investor'),
            amount: t('park.projects.amount'),
            category: t('park.projects.category'),
            stage: t('park.projects.stage'),
            stageOn: t('park.projects.stageOn'),
            reserve: t('park.projects.reserve'),
            chainLink: t('park.projects.chainLink'),
          }}
          formatValue={(k, v) =>
            v === null || v === undefined || v === ''
              ? '—'
              : k === 'category'
                ? t(`park.category.${v}`)
                : k === 'stage'
                  ? t(`park.stage.${v}`)
                  : k === 'reserve'
                    ? t(v ? 'common.yes' : 'common.no')
                    : String(v)
          }
        />
      )}
      <SummaryCard year={filters.year ? Number(filters.year) : undefined} onYear={(y) => setFilter('year', String(y))} />
      <div className="gb-filter-bar gb-park-filters">
        <Segmented
          value={view}
          onChange={(v) => setFilter('view', v === 'list' ? 'list' : undefined)}
          options={[
            { value: 'kanban', label: t('park.projects.kanban') },
            { value: 'list', label: t('park.projects.list') },
          ]}
          data-testid="park-view"
        />
        <SearchInput value={filters.q} onChange={(v) => setFilter('q', v || undefined)} placeholder={t('park.projects.search')} className="gb-park-search" />
        <Select
          allowClear
          placeholder={t('park.projects.allCategories')}
          value={base.category}
          onChange={(v) => setFilter('category', v)}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`park.category.${c}`) }))}
          style={{ minWidth: 150 }}
        />
        {view === 'list' && (
          <Select
            allowClear
            placeholder={t('park.projects.allStages')}
            value={filters.stage}
            onChange={(v) => setFilter('stage', v)}
            options={STAGES.map((s) => ({ value: s, label: t(`park.stage.${s}`) }))}
            style={{ minWidth: 120 }}
          />
        )}
        <Checkbox checked={filters.reserve === 'true'} onChange={(e) => setFilter('reserve', e.target.checked ? 'true' : undefined)}>
          {t('park.projects.reserveOnly')}
        </Checkbox>
        {active && filtered && <Button onClick={resetAll}>{t('common.reset')}</Button>}
      </div>
      {view === 'kanban' ? (
        <div className="gb-park-kanban" data-testid="park-kanban">
          {STAGES.map((s) => (
            <StageColumn
              key={s}
              stage={s}
              query={base}
              onOpen={manage ? open : undefined}
              onMove={manage ? setMoving : undefined}
              onMore={() => {
                setFilter('view', 'list');
                setFilter('stage', s);
              }}
            />
          ))}
        </div>
      ) : (
        <ProjectList
          query={{ ...base, stage: STAGES.includes(filters.stage as ProjectStage) ? (filters.stage as ProjectStage) : undefined, page, pageSize }}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          filtered={filtered}
          onOpen={manage ? open : undefined}
          onMove={manage ? setMoving : undefined}
        />
      )}
      <ProjectFormDrawer open={formOpen} project={editing} onClose={() => setFormOpen(false)} />
      <BatchDrawer open={batchOpen} onClose={() => setBatchOpen(false)} />
      <StageModal project={moving} onClose={() => setMoving(null)} />
    </div>
  );
}

function StageColumn({
  stage,
  query,
  onOpen,
  onMove,
  onMore,
}: {
  stage: ProjectStage;
  query: ProjectQuery;
  onOpen?: (p: Project) => void;
  onMove?: (p: Project) => void;
  onMore: () => void;
}) {
  const { t } = useTranslation();
  const list = useProjects({ ...query, stage, page: 1, pageSize: COLUMN_SIZE });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  return (
    <section className={`gb-park-column gb-park-column--${stage}`} data-testid={`park-column-${stage}`}>
      <header className="gb-park-column__head">
        <StageTag stage={stage} />
        <span className="gb-park-column__count">{t('park.count', { count: total })}</span>
      </header>
      {list.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('park.projects.empty')} />
      ) : (
        items.map((p) => <ProjectCard key={p.id} project={p} onOpen={onOpen} onMove={onMove} />)
      )}
      {total > items.length && (
        <Button type="link" size="small" onClick={onMore}>
          {t('park.projects.more', { count: total - items.length })}
        </Button>
      )}
    </section>
  );
}

function ProjectCard({ project: p, onOpen, onMove }: { project: Project; onOpen?: (p: Project) => void; onMove?: (p: Project) => void }) {
  const { t } = useTranslation();
  const since = p.stageDates[p.stage];
  return (
    <Card size="small" className="gb-park-card" hoverable={!!onOpen} onClick={onOpen ? () => onOpen(p) : undefined} data-testid="park-project-card">
      <div className="gb-park-card__name">{p.name}</div>
      <Typography.Text type="secondary" className="gb-park-card__investor">
        {p.investor}
      </Typography.Text>
      <div className="gb-park-card__foot">
        <span className="gb-park-amount">{t('park.amountYi', { amount: p.amount })}</span>
        <Space size={2} wrap>
          <CategoryTag category={p.category} />
          {p.reserve && <StageReserve />}
        </Space>
      </div>
      <div className="gb-park-card__foot">
        <Typography.Text type="secondary">{since ? t('park.projects.since', { date: since }) : ''}</Typography.Text>
        {onMove && (
          <Button
            size="small"
            type="text"
            icon={<SwapOutlined />}
            aria-label={t('park.projects.moveStage')}
            onClick={(e) => {
              e.stopPropagation();
              onMove(p);
            }}
          />
        )}
      </div>
    </Card>
  );
}

function StageReserve() {
  const { t } = useTranslation();
  return <span className="gb-park-reserve">{t('park.projects.reserve')}</span>;
}

function ProjectList({
  query,
  page,
  pageSize,
  onPage,
  filtered,
  onOpen,
  onMove,
}: {
  query: ProjectQuery;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  filtered: boolean;
  onOpen?: (p: Project) => void;
  onMove?: (p: Project) => void;
}) {
  const { t } = useTranslation();
  const list = useProjects(query);
  const columns: ColumnsType<Project> = [
    {
      title: t('park.projects.name'),
      dataIndex: 'name',
      render: (name: string, p) =>
        onOpen ? (
          <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onOpen(p)}>
            {name}
          </Button>
        ) : (
          name
        ),
    },
    { title: t('park.projects.investor'), dataIndex: 'investor' },
    { title: t('park.projects.amount'), dataIndex: 'amount', align: 'right', render: (a: string) => <span className="gb-park-amount">{a}</span> },
    { title: t('park.projects.category'), dataIndex: 'category', render: (c: Project['category']) => <CategoryTag category={c} /> },
    {
      title: t('park.projects.stage'),
      dataIndex: 'stage',
      render: (s: ProjectStage, p) => (
        <Space size={4}>
          <StageTag stage={s} />
          {p.reserve && <StageReserve />}
        </Space>
      ),
    },
    { title: t('park.projects.signedOn'), key: 'signed', onCell: () => ({ className: 'gb-nowrap' }), render: (_v, p) => p.stageDates.signed ?? t('common.none') },
    {
      title: t('park.projects.batches'),
      key: 'batches',
      render: (_v, p) => (p.batches.length ? p.batches.map((b) => t(`park.batchKind.${b.kind}`)).join('、') : t('common.none')),
    },
    ...(onMove
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_v: unknown, p: Project) => (
              <Button size="small" icon={<SwapOutlined />} onClick={() => onMove(p)}>
                {t('park.projects.moveStage')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <PagedTable<Project>
      cards
      rowKey="id"
      query={list}
      page={page}
      pageSize={pageSize}
      onPage={onPage}
      filtered={filtered}
      emptyHint={t('park.projects.emptyHint')}
      columns={columns}
      data-testid="park-project-table"
    />
  );
}
