import { Link } from 'react-router-dom';
import { Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../admin/common/format';
import { QueryError } from '../shell/StatusViews';
import { useReferrals } from './api';
import { ReferralTag } from './parts';
import { ReferralActions } from './ReferralActions';
import type { Referral, ReferralQuery } from './types';

/** When a referral reached its current stage. */
export function stageDate(r: Referral): string | null {
  switch (r.status) {
    case 'recommended':
      return r.recommendedAt;
    case 'contacted':
      return r.contactedAt;
    case 'interviewed':
      return r.interviewedAt;
    case 'hired':
      return r.hiredAt;
    case 'started':
      return r.startedOn;
    case 'declined':
      return r.declinedAt;
  }
}

/** The referrals of one worker or one posting, with their stage and the next move. */
export function ReferralTable({ query, side, canAct }: { query: ReferralQuery; side: 'worker' | 'posting'; canAct: boolean }) {
  const { t } = useTranslation();
  const list = useReferrals({ ...query, page: 1, pageSize: 50 });
  if (list.error && !list.data) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const columns: ColumnsType<Referral> = [
    side === 'worker'
      ? {
          title: t('labor.referral.posting'),
          key: 'posting',
          render: (_v, r) => (
            <div>
              <Link to={`/labor/postings/${r.postingId}`}>{r.postingTitle}</Link>
              <div className="gb-muted">{r.employerName}</div>
            </div>
          ),
        }
      : {
          title: t('labor.referral.worker'),
          key: 'worker',
          render: (_v, r) => (
            <div>
              <Link to={`/labor/workers/${r.workerId}`}>{r.workerNameMasked}</Link>
              <div className="gb-muted">{r.workerOrgName}</div>
            </div>
          ),
        },
    {
      title: t('labor.referral.stage'),
      dataIndex: 'status',
      width: 200,
      render: (_s, r) => (
        <div>
          <ReferralTag status={r.status} />
          <span className="gb-muted gb-nowrap">{r.status === 'started' ? r.startedOn : formatDateTime(stageDate(r))}</span>
          {r.status === 'declined' && (
            <div className="gb-muted">
              {t('labor.referral.declinedAt', { stage: r.declinedStage ? t(`labor.referralStatus.${r.declinedStage}`) : '—' })}：{r.declinedReason}
            </div>
          )}
        </div>
      ),
    },
  ];
  if (canAct) columns.push({ title: t('common.actions'), key: 'actions', width: 190, render: (_v, r) => <ReferralActions referral={r} /> });
  return (
    <Table<Referral>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isPending}
      pagination={false}
      scroll={{ x: 560 }}
      locale={{
        emptyText: list.isPending ? (
          ' '
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text type="secondary">{t('labor.referral.none')}</Typography.Text>} />
        ),
      }}
      data-testid="referral-table"
    />
  );
}
