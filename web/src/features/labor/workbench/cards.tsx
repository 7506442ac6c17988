import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ReferralStatus } from '../types';
import { storedText } from '../../../api/errors';
import { can, useCurrentUser } from '../../auth/session';
import { usePostings, useReferrals, useShares } from '../api';
import { useAlerts, useFollowUps } from '../placement/api';
import { useLaborStats } from '../stats';

const WAITING: ReferralStatus[] = ['recommended', 'contacted', 'interviewed', 'hired'];
const today = () => dayjs().format('YYYY-MM-DD');

function Count({ label, value, to, warn, testId }: { label: string; value: number | undefined; to: string; warn?: boolean; testId: string }) {
  return (
    <Link to={to} className={`gb-wb-count${warn && value ? ' gb-wb-count--warn' : ''}`} data-testid={testId}>
      <div className="gb-wb-count__n">{value === undefined ? '…' : value.toLocaleString()}</div>
      <div className="gb-muted" style={{ fontSize: 13 }}>
        {label}
      </div>
    </Link>
  );
}

function ViewAll({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to}>
      {t('dashboard.viewAll')} <RightOutlined />
    </Link>
  );
}

/** The referrals waiting at each step: a page of one per status, only its total is read. */
function useWaitingReferrals(): (number | undefined)[] {
  const recommended = useReferrals({ status: 'recommended', page: 1, pageSize: 1 }).data?.total;
  const contacted = useReferrals({ status: 'contacted', page: 1, pageSize: 1 }).data?.total;
  const interviewed = useReferrals({ status: 'interviewed', page: 1, pageSize: 1 }).data?.total;
  const hired = useReferrals({ status: 'hired', page: 1, pageSize: 1 }).data?.total;
  return [recommended, contacted, interviewed, hired];
}

/**
 * 今日待办 for a caseworker: follow-ups due today and overdue, open anti-relapse alerts and referrals waiting for
 * their next step, each opening its list; then the follow-ups to call first (most overdue first).
 */
export function CaseworkerTodoCard() {
  const { t } = useTranslation();
  const day = today();
  const dueToday = useFollowUps({ state: 'open', dueFrom: day, dueTo: day, page: 1, pageSize: 1 }).data?.total;
  const overdue = useFollowUps({ state: 'overdue', page: 1, pageSize: 5 });
  const alerts = useAlerts({ status: 'open', page: 1, pageSize: 1 }).data?.total;
  const waiting = useWaitingReferrals();
  const inProgress = waiting.every((n) => n !== undefined) ? waiting.reduce<number>((a, b) => a + (b ?? 0), 0) : undefined;
  const first = overdue.data?.items ?? [];

  return (
    <Card title={t('laborWorkbench.todo')} style={{ height: '100%' }}>
      <div className="gb-wb-counts">
        <Count label={t('laborWorkbench.dueToday')} value={dueToday} to="/labor/followups" testId="wb-due-today" />
        <Count label={t('laborWorkbench.overdue')} value={overdue.data?.total} to="/labor/followups?state=overdue" warn testId="wb-overdue" />
        <Count label={t('laborWorkbench.openAlerts')} value={alerts} to="/labor/alerts" warn testId="wb-alerts" />
        <Count label={t('laborWorkbench.waiting')} value={inProgress} to="/labor/referrals" testId="wb-waiting" />
      </div>
      <Typography.Text strong>{t('laborWorkbench.overdueList')}</Typography.Text>
      {overdue.isPending ? (
        <Skeleton active />
      ) : first.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('laborWorkbench.noneOverdue')} />
      ) : (
        <div className="gb-wb-rows" data-testid="wb-overdue-list">
          {first.map((f) => (
            <div className="gb-wb-row" key={f.id}>
              <span className="gb-wb-row__main">
                <Link to={`/labor/workers/${f.workerId}`}>
                  <Typography.Text strong>{f.workerNameMasked}</Typography.Text>
                </Link>{' '}
                <Tag color="red">{t('laborWorkbench.daysOverdue', { count: dayjs(day).diff(f.dueOn, 'day') })}</Tag>
                <div className="gb-muted" style={{ fontSize: 12 }}>
                  {t('laborWorkbench.milestone', { m: f.milestone })} · {f.employerName} · {t('laborWorkbench.dueOn', { date: f.dueOn })}
                </div>
              </span>
              <Link to="/labor/followups?state=overdue">
                <Button type="primary">{t('laborWorkbench.recordVisit')}</Button>
              </Link>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

/** 防返贫预警 waiting for the caseworker: newest first, each with its reason. */
export function AlertsCard() {
  const { t } = useTranslation();
  const alerts = useAlerts({ status: 'open', page: 1, pageSize: 5 });
  const items = alerts.data?.items ?? [];
  return (
    <Card title={t('laborWorkbench.alerts')} extra={<ViewAll to="/labor/alerts" />} style={{ height: '100%' }}>
      {alerts.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('laborWorkbench.noAlerts')} />
      ) : (
        <div className="gb-wb-rows" data-testid="wb-alert-list">
          {items.map((a) => (
            <Link to={`/labor/workers/${a.workerId}`} className="gb-wb-row" key={a.id}>
              <span className="gb-wb-row__main">
                <Typography.Text strong>{a.workerNameMasked}</Typography.Text>
                {a.homeRegionName && <span className="gb-muted"> · {a.homeRegionName}</span>}
                <div className="gb-muted" style={{ fontSize: 12 }}>
                  {storedText(a.reasonRef, a.reason)}
                </div>
              </span>
              <span className="gb-muted gb-nowrap" style={{ fontSize: 12 }}>
                {dayjs(a.raisedAt).format('MM-DD')}
              </span>
            </Link>
          ))}
        </div>
      )}
    </Card>
  );
}

/** 推荐进度: referrals of the scope not yet started or declined, by the step they wait at. */
export function ReferralsCard() {
  const { t } = useTranslation();
  const totals = useWaitingReferrals();
  return (
    <Card title={t('laborWorkbench.referrals')} extra={<ViewAll to="/labor/referrals" />} style={{ height: '100%' }}>
      <div className="gb-wb-counts" data-testid="wb-referral-steps">
        {WAITING.map((s, i) => (
          <Count key={s} label={t(`laborWorkbench.status.${s}`)} value={totals[i]} to="/labor/referrals" testId={`wb-ref-${s}`} />
        ))}
      </div>
      <div className="gb-muted" style={{ fontSize: 12 }}>
        {t('laborWorkbench.referralsHint')}
      </div>
    </Card>
  );
}

/** 新共享给我方: what the partner region shared with the user's organisations in the last 7 days. */
export function SharedInCard() {
  const { t } = useTranslation();
  const shares = useShares({ direction: 'in', active: 'true', page: 1, pageSize: 20 });
  const since = dayjs().subtract(7, 'day');
  const recent = (shares.data?.items ?? []).filter((s) => dayjs(s.sharedAt).isAfter(since)).slice(0, 6);
  return (
    <Card title={t('laborWorkbench.sharedIn')} extra={<ViewAll to="/labor/shares?direction=in" />} style={{ height: '100%' }}>
      {shares.isPending ? (
        <Skeleton active />
      ) : recent.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('laborWorkbench.noSharedIn')} />
      ) : (
        <div className="gb-wb-rows" data-testid="wb-shared-in">
          {recent.map((s) => (
            <Link key={s.id} to={s.kind === 'worker' ? `/labor/workers/${s.subjectId}` : `/labor/postings/${s.subjectId}`} className="gb-wb-row">
              <Tag>{t(`laborWorkbench.kind.${s.kind}`)}</Tag>
              <span className="gb-wb-row__main">
                <Typography.Text strong>{s.subjectLabel}</Typography.Text>
                <div className="gb-muted" style={{ fontSize: 12 }}>
                  {t('laborWorkbench.from', { org: s.fromOrgName })}
                </div>
              </span>
              <span className="gb-muted gb-nowrap" style={{ fontSize: 12 }}>
                {dayjs(s.sharedAt).format('MM-DD')}
              </span>
            </Link>
          ))}
        </div>
      )}
      <div className="gb-muted" style={{ fontSize: 12, marginTop: 8 }}>
        {t('laborWorkbench.sharedInHint')}
      </div>
    </Card>
  );
}

/** 在招岗位: the postings of the scope still hiring, with the people they still need. */
export function PostingsCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const postings = usePostings({ active: 'true', page: 1, pageSize: 6 });
  const stats = useLaborStats();
  const items = postings.data?.items ?? [];
  const action: ReactNode = can(me, 'labor.post') ? (
    <Link to="/labor/postings">
      <Button type="primary">{t('laborWorkbench.newPosting')}</Button>
    </Link>
  ) : null;
  return (
    <Card title={t('laborWorkbench.postings')} extra={<ViewAll to="/labor/postings?active=true" />} style={{ height: '100%' }}>
      {postings.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('laborWorkbench.noPostings')}>
          {action}
        </Empty>
      ) : (
        <>
          {stats.data && (
            <div className="gb-wb-sub" data-testid="wb-open-headcount">
              <Tag color="blue">{t('laborWorkbench.openHeadcountTotal', { count: stats.data.postings.openHeadcount })}</Tag>
            </div>
          )}
          <div className="gb-wb-rows" data-testid="wb-postings">
            {items.map((p) => (
              <Link key={p.id} to={`/labor/postings/${p.id}`} className="gb-wb-row">
                <span className="gb-wb-row__main">
                  <Typography.Text strong>{p.title}</Typography.Text>
                  <div className="gb-muted" style={{ fontSize: 12 }}>
                    {p.orgName}
                    {p.workRegionName ? ` · ${p.workRegionName}` : ''}
                  </div>
                </span>
                <Tag color={p.openHeadcount > 0 ? 'orange' : 'default'}>{t('laborWorkbench.openHeadcount', { count: p.openHeadcount })}</Tag>
              </Link>
            ))}
          </div>
        </>
      )}
    </Card>
  );
}
