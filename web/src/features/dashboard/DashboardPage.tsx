import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Empty, Row, Segmented, Skeleton, Statistic, Tag, Typography } from 'antd';
import { ApartmentOutlined, AppstoreOutlined, RightOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { PageHeader } from '../shell/PageHeader';
import { isLive, usedBy, useProductModules } from '../shell/manifest';
import { useModules } from '../shell/useModules';
import { actionLabel, entityLabel, recordName } from '../admin/audit/labels';
import { useOrgCounts, useRecentAudit, useRoleCounts, useUserCounts } from './api';

// ECharts is large: it loads with this page's chart only, never with the shell.
const OrgKindChart = lazy(() => import('./OrgKindChart'));

function StatCard({
  title,
  value,
  foot,
  icon,
  color,
  loading,
  to,
}: {
  title: string;
  value: ReactNode;
  foot?: ReactNode;
  icon: ReactNode;
  color: string;
  loading: boolean;
  to?: string;
}) {
  const body = (
    <Card className="gb-stat-card" hoverable={!!to}>
      <div className="gb-stat">
        <Statistic title={title} value={loading ? undefined : (value as number | string)} loading={loading} />
        <span className="gb-stat__icon" style={{ background: `${color}14`, color }}>
          {icon}
        </span>
      </div>
      <div className="gb-stat__foot">{loading ? '' : foot}</div>
    </Card>
  );
  return to ? <Link to={to}>{body}</Link> : body;
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [chartType, setChartType] = useState<'bar' | 'pie'>('bar');
  const canOrgs = can(me, 'org.read');
  const canUsers = can(me, 'user.read');
  const canAudit = can(me, 'audit.read');
  const orgs = useOrgCounts(canOrgs);
  const users = useUserCounts(canUsers);
  const roles = useRoleCounts(canUsers || can(me, 'role.manage'));
  const audit = useRecentAudit(canAudit);
  const { data: modules } = useModules();
  const products = useProductModules().filter((m) => usedBy(m, me));
  const ready = products.filter((m) => isLive(modules, m, me)).length;

  const chartData = (orgs.data?.byKind ?? []).map((k) => ({ label: t(`orgKind.${k.kind}`), value: k.count }));
  const today = dayjs()
    .locale(i18n.language === 'en' ? 'en' : 'zh-cn')
    .format(i18n.language === 'en' ? 'dddd, D MMMM YYYY' : 'YYYY年M月D日 dddd');

  return (
    <div data-testid="dashboard-page">
      <PageHeader title={t('dashboard.greeting', { name: me.user.displayName })} subtitle={`${me.user.orgName} · ${today}`} />
      <Row gutter={[16, 16]}>
        {canOrgs && (
          <Col xs={12} sm={12} xl={6}>
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
          <Col xs={12} sm={12} xl={6}>
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
        {(canUsers || can(me, 'role.manage')) && (
          <Col xs={12} sm={12} xl={6}>
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
        <Col xs={12} sm={12} xl={6}>
          <StatCard
            title={t('dashboard.modulesReady')}
            value={t('dashboard.modulesReadyValue', { ready, total: products.length })}
            foot={t('dashboard.modulesComingHint', { count: products.length - ready })}
            loading={!modules}
            icon={<AppstoreOutlined />}
            color="#e08a1e"
          />
        </Col>
        {!canOrgs && !canUsers && (
          <Col span={24}>
            <Card>
              <Empty description={t('dashboard.noStats')} />
            </Card>
          </Col>
        )}
        {canOrgs && (
          <Col xs={24} xl={canAudit ? 14 : 24}>
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
          </Col>
        )}
        {canAudit && (
          <Col xs={24} xl={canOrgs ? 10 : 24}>
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
                          {dayjs(e.at).format('MM-DD HH:mm')}
                        </span>
                      </div>
                    );
                  })}
                </div>
              )}
            </Card>
          </Col>
        )}
        <Col span={24}>
          <Card title={t('dashboard.modules')}>
            <Row gutter={[12, 12]}>
              {products.map((m) => (
                <Col xs={24} sm={12} lg={8} xxl={4} key={m.name} flex="auto">
                  <Link to={`/${m.name}`} className="gb-module-tile">
                    <span className="gb-module-tile__icon">{m.icon}</span>
                    <span className="gb-module-tile__text">
                      <div className="gb-module-tile__name">{t(m.labelKey)}</div>
                      <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
                        {t(`modules.${m.name}.users`)}
                      </Typography.Text>
                    </span>
                    {isLive(modules, m, me) ? (
                      <Tag color="green">{t('dashboard.moduleReady')}</Tag>
                    ) : (
                      <Tag color="gold" variant="filled">
                        {t('common.comingSoon')}
                      </Tag>
                    )}
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
