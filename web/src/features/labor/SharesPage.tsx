import { Link } from 'react-router-dom';
import { App as AntApp, Badge, Button, Popconfirm, Segmented, Select, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowRightOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { can, useCurrentUser } from '../auth/session';
import { formatDateTime } from '../admin/common/format';
import { ExportButton } from '../admin/common/ExportButton';
import { PagedTable } from '../admin/common/PagedTable';
import { useListParams } from '../admin/common/useListParams';
import { PageHeader } from '../shell/PageHeader';
import { Forbidden } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { exportShares, useRevokeShare, useShares } from './api';
import type { Share, ShareKind, ShareQuery } from './types';
import './labor.css';

const FILTERS = ['direction', 'kind', 'active'] as const;

/** What the own side shared with the partner region, and what the partner shared with it; revocable by the sharer. */
export default function SharesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const phone = usePhone();
  const { message } = AntApp.useApp();
  const { filters, page, pageSize, setFilter, setFilters, setPage } = useListParams(FILTERS);
  const direction = filters.direction === 'in' ? 'in' : 'out';
  const query: ShareQuery = {
    direction,
    kind: filters.kind === 'worker' || filters.kind === 'posting' ? (filters.kind as ShareKind) : undefined,
    active: filters.active === 'false' ? 'false' : filters.active === 'all' ? undefined : 'true',
    page,
    pageSize,
  };
  const allowed = can(me, 'labor.read');
  const list = useShares(query, allowed);
  const revoke = useRevokeShare();
  const canRevoke = can(me, 'labor.share') && direction === 'out';
  if (!allowed) return <Forbidden />;

  const columns: ColumnsType<Share> = [
    {
      title: t('labor.shares.subject'),
      key: 'subject',
      fixed: phone ? undefined : 'left',
      width: 200,
      render: (_v, s) => (
        <div>
          <Tag color={s.kind === 'worker' ? 'geekblue' : 'gold'}>{t(`labor.shares.kind.${s.kind}`)}</Tag>
          <Link to={s.kind === 'worker' ? `/labor/workers/${s.subjectId}` : `/labor/postings/${s.subjectId}`} data-testid="share-subject">
            {s.subjectLabel}
          </Link>
        </div>
      ),
    },
    {
      title: t('labor.shares.route'),
      key: 'route',
      width: 340,
      render: (_v, s) => (
        <span>
          {s.fromOrgName} <ArrowRightOutlined className="gb-muted" /> {s.toOrgName}
        </span>
      ),
    },
    { title: t('labor.share.note'), dataIndex: 'note', width: 180, render: (n: string | null) => n ?? <span className="gb-muted">—</span> },
    {
      title: t('labor.shares.sharedAt'),
      key: 'at',
      width: 170,
      render: (_v, s) => (
        <div>
          <div className="gb-nowrap">{formatDateTime(s.sharedAt)}</div>
          <div className="gb-muted">{s.sharedByName ?? ''}</div>
        </div>
      ),
    },
    {
      title: t('labor.shares.state'),
      key: 'state',
      width: 170,
      render: (_v, s) =>
        s.active ? (
          <Badge status="success" text={t('labor.shares.active')} />
        ) : (
          <div>
            <Badge status="default" text={t('labor.shares.revoked')} />
            <div className="gb-muted gb-nowrap">
              {formatDateTime(s.revokedAt)} {s.revokedByName ?? ''}
            </div>
          </div>
        ),
    },
  ];
  if (canRevoke) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: phone ? undefined : 'right',
      render: (_v, s) =>
        s.active ? (
          <Popconfirm
            title={t('labor.shares.revokeConfirm', { what: s.subjectLabel, to: s.toOrgName })}
            okText={t('labor.shares.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              revoke.mutateAsync(s.id).then(
                () => void message.success(t('labor.shares.revokedDone')),
                (err: unknown) => void message.error(errorText(err, t)),
              )
            }
          >
            <Button type="link" size="small" danger icon={<StopOutlined />} data-testid="share-revoke">
              {t('labor.shares.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    });
  }

  return (
    <div data-testid="labor-shares-page">
      <PageHeader title={t('labor.shares.title')} subtitle={t('labor.shares.subtitle')} extra={<ExportButton run={() => exportShares(query)} testId="shares-export" />} />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <Segmented
            value={direction}
            onChange={(v) => setFilter('direction', v === 'in' ? 'in' : null)}
            options={[
              { value: 'out', label: t('labor.shares.out') },
              { value: 'in', label: t('labor.shares.in') },
            ]}
            data-testid="shares-direction"
          />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('labor.shares.kindFilter')}
            value={query.kind}
            onChange={(v: string | undefined) => setFilter('kind', v)}
            options={[
              { value: 'worker', label: t('labor.shares.kind.worker') },
              { value: 'posting', label: t('labor.shares.kind.posting') },
            ]}
          />
          <Select
            className="gb-toolbar__select"
            value={filters.active ?? 'true'}
            onChange={(v: string) => setFilter('active', v === 'true' ? null : v)}
            options={[
              { value: 'true', label: t('labor.shares.active') },
              { value: 'false', label: t('labor.shares.revoked') },
              { value: 'all', label: t('common.all') },
            ]}
          />
          {(filters.kind || filters.active) && <Button onClick={() => setFilters({ kind: null, active: null })}>{t('common.reset')}</Button>}
        </div>
        <PagedTable<Share>
          query={list}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          filtered={!!filters.kind || filters.active === 'false'}
          emptyHint={direction === 'out' ? t('labor.shares.emptyOut') : t('labor.shares.emptyIn')}
          columns={columns}
          scroll={{ x: 1160 }}
          data-testid="shares-table"
        />
      </div>
    </div>
  );
}
