import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Empty, Row, Segmented, Skeleton, Typography } from 'antd';
import { StatCard } from '../shell/StatCard';
import { ApartmentOutlined, RightOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { actionLabel, entityLabel, recordName } from '../admin/audit/labels';
import { chinaTime } from '../admin/common/format';
import { useOrgCounts, useRecentAudit, useRoleCounts, useUserCounts } from './api';

// ECharts is large: it loads with this card's chart only, never with the shell.
const OrgKindChart = lazy(() => import('./OrgKindChart'));

/** The administrator's figures of the day: organisations, users and roles, each opening its page. */
export function AdminStatsCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canOrgs = can(me, 'org.read');
  const canUsers = can(me, 'user.read');
  const canRoles = canUsers || can(me, 'role.manage');
  const orgs = useOrgCounts(canOrgs);
  const users = useUserCounts(canUsers);
  const roles = useRoleCounts(canRoles);
  return (
    <Row gutter={[16, 16]} data-testid="admin-stats">
      {canOrgs && (
        <Col xs={24} sm={8}>
          <StatCard
            title={t('dashboard.orgs')}
            value={orgs.data?.total ?? 0}
            foot={t('dashboard.orgKinds', { count: orgs.data?.byKind.filter((k) => k.count > 0).length ?? 0 })}
            loading={orgs.isPending}
            icon={<ApartmentOutlined />}
            color="#1f4fd1"
            to="/admin/orgs"
          />
        </Col>
      )}
      {canUsers && (
        <Col xs={24} sm={8}>
          <StatCard
            title={t('dashboard.users')}
            value={users.data?.total ?? 0}
            foot={t('dashboard.activeUsers', { count: users.data?.active ?? 0 })}
            loading={users.isPending}
            icon={<UserOutlined />}
            color="#1a8f5a"
            to="/admin/users"
          />
        </Col>
      )}
      {canRoles && (
        <Col xs={24} sm={8}>
          <StatCard
            title={t('dashboard.roles')}
            value={roles.data?.total ?? 0}
            foot={t('dashboard.customRoles', { count: roles.data?.custom ?? 0 })}
            loading={roles.isPending}
            icon={<SafetyCertificateOutlined />}
            color="#7b4fd1"
            to="/admin/roles"
          />
        </Col>
      )}
    </Row>
  );
}

/** Organisations by kind, as bars or a pie. */
export function OrgKindsCard() {
  const { t } = useTranslation();
  const [chartType, setChartType] = useState<'bar' | 'pie'>('bar');
  const orgs = useOrgCounts(true);
  const chartData = (orgs.data?.byKind ?? []).map((k) => ({ label: t(`orgKind.${k.kind}`), value: k.count }));
  return (
    <Card
      style={{ height: '100%' }}
      title={t('dashboard.orgsByKind')}
      extra={
        <Segmented
          size="small"
          value={chartType}
          onChange={(v) => setChartType(v as 'bar' | 'pie')}
          options={[
            { value: 'bar', label: t('dashboard.chartBar') },
            { value: 'pie', label: t('dashboard.chartPie') },
          ]}
        />
      }
    >
      {orgs.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <OrgKindChart data={chartData} type={chartType} />
        </Suspense>
      )}
    </Card>
  );
}

/** The latest audited actions, each in words. */
export function RecentAuditCard() {
  const { t } = useTranslation();
  const audit = useRecentAudit(true);
  return (
    <Card
      style={{ height: '100%' }}
      title={t('dashboard.recentAudit')}
      extra={
        <Link to="/admin/audit">
          {t('dashboard.viewAll')} <RightOutlined />
        </Link>
      }
      styles={{ body: { paddingTop: 8, paddingBottom: 8 } }}
    >
      {audit.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : !audit.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noAudit')} />
      ) : (
        <div data-testid="recent-audit">
          {audit.data.items.map((e) => {
            const name = recordName(e.before, e.after);
            return (
              <div className="gb-audit-item" key={e.id}>
                <div style={{ minWidth: 0 }}>
                  <Typography.Text strong>{actionLabel(t, e.action)}</Typography.Text>
                  <Typography.Text type="secondary">
                    {' '}
                    · {entityLabel(t, e.entity)}
                    {name ? t('dashboard.quoted', { name }) : ''}
                  </Typography.Text>
                  <div className="gb-muted" style={{ fontSize: 13 }}>
                    {e.actorName ?? t('audit.system')}
                  </div>
                </div>
                <span className="gb-muted gb-nowrap" style={{ fontSize: 13 }}>
                  {chinaTime(e.at, false).slice(5)}
                </span>
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
