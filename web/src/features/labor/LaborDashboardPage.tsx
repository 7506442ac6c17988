import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Row, Segmented, Skeleton, Typography } from 'antd';
import { FundProjectionScreenOutlined, IdcardOutlined, RiseOutlined, SafetyCertificateOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shell/PageHeader';
import { StatCard } from '../shell/StatCard';
import { QueryError } from '../shell/StatusViews';
import { columns, hBars, ring } from './charts';
import { STATUS_HEX } from './labels';
import { byRegionTitle, useLaborStats } from './stats';
import './labor.css';

const EChart = lazy(() => import('../shell/charts/EChart'));

/** 劳务协作 at a glance: the roll, where people stand, demand and placements (GET /api/labor/stats). */
export default function LaborDashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: s, isPending: loading, error } = useLaborStats();
  const w = s?.workers;
  const [chart, setChart] = useState<'bar' | 'pie'>('bar');

  const statusData = useMemo(() => (w?.byStatus ?? []).map((x) => ({ label: t(`labor.status.${x.status}`), value: x.count, color: STATUS_HEX[x.status] })), [w, t]);
  const statusOption = useMemo(() => (chart === 'bar' ? hBars(statusData) : ring(statusData)), [statusData, chart]);
  const regions = useMemo(() => (s?.byRegion.items ?? []).map((x) => ({ label: x.name, value: x.count })), [s?.byRegion]);
  const regionOption = useMemo(() => hBars(regions, undefined, '#1f7ae0'), [regions]);
  const placementOption = useMemo(() => columns((s?.placements.byMonth ?? []).map((m) => ({ label: m.month.slice(2).replace('-', '/'), value: m.count }))), [s?.placements]);
  const pct = (n: number | undefined) => (n !== undefined && w?.total ? `${Math.round((n / w.total) * 100)}%` : '—');

  return (
    <div data-testid="labor-dashboard">
      <PageHeader
        title={t('labor.dashboard.title')}
        subtitle={t('labor.dashboard.subtitle')}
        extra={
          <Button icon={<FundProjectionScreenOutlined />} onClick={() => navigate('/labor/screen')} data-testid="labor-open-screen">
            {t('labor.screen.open')}
          </Button>
        }
      />
      {error ? (
        <QueryError error={error} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={12} xl={6}>
            <StatCard
              title={t('labor.dashboard.workers')}
              value={w?.total ?? null}
              foot={w?.shared ? t('labor.dashboard.ownShared', { own: w.own, shared: w.shared }) : t('labor.dashboard.ownOnly')}
              loading={loading}
              icon={<TeamOutlined />}
              color="#1f4fd1"
              to="/labor/workers"
              testId="kpi-workers"
            />
          </Col>
          <Col xs={12} xl={6}>
            <StatCard
              title={t('labor.dashboard.registeredPoor')}
              value={w?.registeredPoor ?? null}
              // Monitoring categories are the owning bureau's: a partner that owns no workers never sees them.
              foot={
                w && w.own === 0
                  ? t('labor.dashboard.registeredPoorShare', { pct: pct(w.registeredPoor) })
                  : t('labor.dashboard.registeredPoorFoot', { pct: pct(w?.registeredPoor), monitored: w?.monitored ?? 0 })
              }
              loading={loading}
              icon={<SafetyCertificateOutlined />}
              color="#d23f3f"
              to="/labor/workers?registeredPoor=true"
              testId="kpi-registered-poor"
            />
          </Col>
          <Col xs={12} xl={6}>
            <StatCard
              title={t('labor.dashboard.employed')}
              value={w?.employed ?? null}
              foot={t('labor.dashboard.employedFoot', { pct: pct(w?.employed), placements: s?.placements.thisYear ?? 0 })}
              loading={loading}
              icon={<RiseOutlined />}
              color="#1a8f5a"
              testId="kpi-employed"
            />
          </Col>
          <Col xs={12} xl={6}>
            <StatCard
              title={t('labor.dashboard.openPostings')}
              value={s?.postings.active ?? null}
              foot={t('labor.dashboard.openHeadcount', { count: s?.postings.openHeadcount ?? 0 })}
              loading={loading}
              icon={<SolutionOutlined />}
              color="#e08a1e"
              to="/labor/postings?active=true"
              testId="kpi-postings"
            />
          </Col>
          <Col xs={24} xl={12} className="gb-labor-stack">
            <Card
              title={t('labor.dashboard.byStatus')}
              extra={
                <Segmented
                  size="small"
                  value={chart}
                  onChange={(v) => setChart(v as 'bar' | 'pie')}
                  options={[
                    { value: 'bar', label: t('dashboard.chartBar') },
                    { value: 'pie', label: t('dashboard.chartPie') },
                  ]}
                />
              }
              data-testid="labor-by-status"
            >
              {!w ? (
                <Skeleton active paragraph={{ rows: 8 }} />
              ) : w.total === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('labor.dashboard.noWorkers')} />
              ) : (
                <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                  <EChart option={statusOption} className="gb-chart" label={statusData.map((d) => `${d.label} ${d.value}`).join(', ')} />
                </Suspense>
              )}
            </Card>
            <Card title={t('labor.dashboard.placements')} extra={<Link to="/labor/referrals">{t('labor.referral.openBoard')}</Link>} data-testid="labor-placements">
              {!s ? (
                <Skeleton active paragraph={{ rows: 5 }} />
              ) : s.placements.byMonth.every((m) => m.count === 0) ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('labor.dashboard.noPlacements')} />
              ) : (
                <Suspense fallback={<Skeleton active paragraph={{ rows: 5 }} />}>
                  <EChart option={placementOption} className="gb-chart gb-chart--short" label={t('labor.dashboard.placements')} />
                </Suspense>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card style={{ height: '100%' }} title={byRegionTitle(t, s?.byRegion)} data-testid="labor-by-town">
              {!s ? (
                <Skeleton active paragraph={{ rows: 8 }} />
              ) : regions.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('labor.dashboard.noRegions')} />
              ) : (
                <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                  <div className="gb-labor-town-chart" style={{ height: Math.max(320, regions.length * 26) }}>
                    <EChart option={regionOption} className="gb-labor-town-chart__canvas" label={regions.map((d) => `${d.label} ${d.value}`).join(', ')} />
                  </div>
                </Suspense>
              )}
            </Card>
          </Col>
          <Col span={24}>
            <Alert
              type="info"
              showIcon
              icon={<IdcardOutlined />}
              title={t('labor.dashboard.sourceNote')}
              description={<Typography.Text type="secondary">{t('labor.dashboard.sourceDetail')}</Typography.Text>}
            />
          </Col>
        </Row>
      )}
    </div>
  );
}
