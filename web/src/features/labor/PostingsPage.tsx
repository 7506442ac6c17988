import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Progress, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { ExportButton } from '../admin/common/ExportButton';
import { PagedTable } from '../admin/common/PagedTable';
import { SearchInput } from '../admin/common/SearchInput';
import { useListParams } from '../admin/common/useListParams';
import { RegionPicker } from '../admin/regions/RegionPicker';
import { PageHeader } from '../shell/PageHeader';
import { Forbidden } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { exportPostings, usePostings } from './api';
import { wageRange } from './labels';
import { OccupationPicker, useOccupationName } from './occupations';
import { AccessTag, Benefits, PostingStateTag } from './parts';
import { PostingFormDrawer } from './PostingFormDrawer';
import { ShareModal } from './ShareModal';
import type { Posting, PostingQuery, PostingStatus } from './types';
import './labor.css';

const FILTERS = ['q', 'active', 'status', 'occupation', 'region', 'source'] as const;

export default function PostingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const navigate = useNavigate();
  const occupationName = useOccupationName();
  const { filters, page, pageSize, setFilter, setPage, resetAll, active } = useListParams(FILTERS);
  const query: PostingQuery = {
    q: filters.q,
    active: filters.active === 'true' || filters.active === 'false' ? filters.active : undefined,
    status: filters.status as PostingStatus | undefined,
    occupation: filters.occupation,
    region: filters.region,
    source: filters.source === 'own' || filters.source === 'shared' ? filters.source : undefined,
    page,
    pageSize,
  };
  const allowed = can(me, 'labor.read');
  const list = usePostings(query, allowed);
  const post = can(me, 'labor.post');
  const share = can(me, 'labor.share');
  const [formOpen, setFormOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [shareOpen, setShareOpen] = useState(false);
  // Only the owning side shares: postings a partner shared cannot be passed on.
  const shareable = share && (selected.length > 0 || !!list.data?.items.some((p) => p.access === 'owner'));
  if (!allowed) return <Forbidden />;

  const columns: ColumnsType<Posting> = [
    {
      title: t('labor.posting.jobTitle'),
      dataIndex: 'title',
      fixed: phone ? undefined : 'left',
      width: 190,
      render: (title: string, p) => (
        <div>
          <Link to={`/labor/postings/${p.id}`} className="gb-labor-name" data-testid="posting-link">
            {title}
          </Link>
          <div className="gb-muted">{occupationName(p.occupationCode, p.occupationName)}</div>
        </div>
      ),
    },
    {
      title: t('labor.posting.employer'),
      dataIndex: 'orgName',
      width: 250,
      render: (name: string, p) => (
        <div>
          <div>{name}</div>
          <div className="gb-muted">
            {p.postedByOrgId !== p.orgId ? t('labor.posting.postedBy', { org: p.postedByOrgName }) : ''} <AccessTag access={p.access} />
          </div>
        </div>
      ),
    },
    {
      title: t('labor.posting.openHeadcount'),
      key: 'headcount',
      width: 150,
      render: (_v, p) => (
        <div>
          <span className="gb-labor-open">{p.openHeadcount}</span>
          <span className="gb-muted">
            {' '}
            / {p.headcount} {t('labor.people')}
          </span>
          <Progress percent={p.headcount ? Math.round(((p.headcount - p.openHeadcount) / p.headcount) * 100) : 0} size="small" showInfo={false} />
        </div>
      ),
    },
    {
      title: t('labor.posting.wage'),
      key: 'wage',
      width: 130,
      render: (_v, p) => (
        <span className="gb-nowrap">
          {wageRange(p.wageMin, p.wageMax)} {t('labor.yuan')}
        </span>
      ),
    },
    { title: t('labor.posting.workRegion'), dataIndex: 'workRegionName', width: 200, render: (n: string | null, p) => (n ?? p.workRegionCode).replace(/^山东省 |^重庆市 /, '') },
    { title: t('labor.posting.benefits'), key: 'benefits', width: 200, render: (_v, p) => <Benefits p={p} /> },
    {
      title: t('labor.posting.validity'),
      key: 'validity',
      width: 190,
      render: (_v, p) => (
        <span className="gb-nowrap">
          {p.validFrom} ~ {p.validTo}
        </span>
      ),
    },
    { title: t('labor.posting.status'), key: 'state', width: 90, render: (_v, p) => <PostingStateTag p={p} /> },
  ];

  // On a phone the open places come right after the title.
  if (phone)
    columns.splice(
      1,
      0,
      ...columns.splice(
        columns.findIndex((c) => c.key === 'headcount'),
        1,
      ),
    );

  return (
    <div data-testid="labor-postings-page">
      <PageHeader
        title={t('labor.posting.title')}
        subtitle={t('labor.posting.subtitle')}
        extra={
          <>
            {shareable && (
              <Button icon={<ShareAltOutlined />} disabled={!selected.length} onClick={() => setShareOpen(true)} data-testid="postings-share">
                {t('labor.share.selected', { count: selected.length })}
              </Button>
            )}
            <ExportButton run={() => exportPostings(query)} testId="postings-export" />
            {post && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="posting-create">
                {t('labor.posting.create')}
              </Button>
            )}
          </>
        }
      />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <SearchInput className="gb-toolbar__search" value={filters.q} onChange={(v) => setFilter('q', v)} placeholder={t('labor.posting.searchPlaceholder')} />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('labor.posting.activeFilter')}
            value={filters.active}
            onChange={(v: string | undefined) => setFilter('active', v)}
            options={[
              { value: 'true', label: t('labor.postingState.active') },
              { value: 'false', label: t('labor.posting.inactive') },
            ]}
          />
          <OccupationPicker
            className="gb-toolbar__region"
            groups
            value={filters.occupation ?? null}
            onChange={(v) => setFilter('occupation', typeof v === 'string' ? v : null)}
            placeholder={t('labor.posting.occupation')}
          />
          <RegionPicker className="gb-toolbar__region" value={filters.region ?? null} onChange={(v) => setFilter('region', v)} placeholder={t('labor.posting.regionFilter')} />
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
          {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
        </div>
        <PagedTable<Posting>
          query={list}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          filtered={active}
          emptyHint={t('labor.posting.emptyHint')}
          columns={columns}
          scroll={{ x: 1400 }}
          rowSelection={
            shareable
              ? {
                  selectedRowKeys: selected,
                  onChange: (k) => setSelected(k.map(String)),
                  preserveSelectedRowKeys: true,
                  getCheckboxProps: (p) => ({ disabled: p.access !== 'owner' }),
                }
              : undefined
          }
          onRow={(p) => ({ onDoubleClick: () => navigate(`/labor/postings/${p.id}`) })}
          data-testid="postings-table"
        />
      </div>
      <PostingFormDrawer open={formOpen} posting={null} onClose={() => setFormOpen(false)} onSaved={(p) => navigate(`/labor/postings/${p.id}`)} />
      {share && <ShareModal kind="posting" ids={selected} open={shareOpen} onClose={() => setShareOpen(false)} onShared={() => setSelected([])} />}
    </div>
  );
}
