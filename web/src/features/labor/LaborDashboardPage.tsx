import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Col, Empty, Row, Segmented, Skeleton, Statistic, Typography } from 'antd';
import { FundProjectionScreenOutlined, IdcardOutlined, RiseOutlined, SafetyCertificateOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shell/PageHeader';
import { QueryError } from '../shell/StatusViews';
import { columns, hBars, ring } from './charts';
import { STATUS_HEX } from './labels';
import { useLaborStats } from './stats';
import './labor.css';

const EChart = lazy(() => import('../factory/EChart'));

function Kpi({ title, value, foot, icon, color, loading, to, testId }: { title: string; value: number | null; foot?: ReactNode; icon: ReactNode; color: string; loading: boolean; to?: string; testId?: string }) {
  const body = (
    <Card className="gb-stat-card" hoverable={!!to} data-testid={testId}>
      <div className="gb-stat">
        <Statistic title={title} value={value ?? '—'} loading={loading} />
        <span className="gb-stat__icon" style={{ background: `${color}14`, color }}>{icon}</span>
      </div>
      <div className="gb-stat__foot">{loading ? '' : foot}</div>
    </Card>
  );
  return to ? <Link to={to}>{body}</Link> : body;
}

/** 劳务协作 at a glance: the roll, where people stand, demand and placements, from the list endpoints' totals. */
export default function LaborDashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const s = useLaborStats();
  const [chart, setChart] = useState<'bar' | 'pie'>('bar');

  const statusData = useMemo(() => (s.byStatus ?? []).map((x) => ({ label: t(`labor.status.${x.status}`), value: x.value, color: STATUS_HEX[x.status] })), [s.byStatus, t]);
  const statusOption = useMemo(() => (chart === 'bar' ? hBars(statusData) : ring(statusData)), [statusData, chart]);
  const towns = useMemo(() => (s.byTown ?? []).map((x) => ({ label: x.label, value: x.value })), [s.byTown]);
  const townOption = useMemo(() => hBars(towns, undefined, '#1f7ae0'), [towns]);
  const placementOption = useMemo(() => columns((s.placementsByMonth ?? []).map((m) => ({ label: m.month.slice(2).replace('-', '/'), value: m.value }))), [s.placementsByMonth]);
  const pct = (n: number | null) => (n !== null && s.workers ? `${Math.round((n / s.workers) * 100)}%` : '—');

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
      {s.error ? (
        <QueryError error={s.error} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={12} xl={6}>
            <Kpi
              title={t('labor.dashboard.workers')}
              value={s.workers}
              foot={s.shared ? t('labor.dashboard.ownShared', { own: s.own ?? 0, shared: s.shared }) : t('labor.dashboard.ownOnly')}
              loading={s.loading}
              icon={<TeamOutlined />}
              color="#1f4fd1"
              to="/labor/workers"
              testId="kpi-workers"
            />
          </Col>
          <Col xs={12} xl={6}>
            <Kpi
              title={t('labor.dashboard.registeredPoor')}
              value={s.registeredPoor}
              foot={t('labor.dashboard.registeredPoorFoot', { pct: pct(s.registeredPoor), monitored: s.monitored ?? 0 })}
              loading={s.loading}
              icon={<SafetyCertificateOutlined />}
              color="#d23f3f"
              to="/labor/workers?registeredPoor=true"
              testId="kpi-registered-poor"
            />
          </Col>
          <Col xs={12} xl={6}>
            <Kpi
              title={t('labor.dashboard.employed')}
              value={s.employed}
              foot={t('labor.dashboard.employedFoot', { pct: pct(s.employed), placements: s.placementsThisYear ?? 0 })}
              loading={s.loading}
              icon={<RiseOutlined />}
              color="#1a8f5a"
              testId="kpi-employed"
            />
          </Col>
          <Col xs={12} xl={6}>
            <Kpi
              title={t('labor.dashboard.openPostings')}
              value={s.openPostings}
              foot={t('labor.dashboard.openHeadcount', { count: s.openHeadcount ?? 0 })}
              loading={s.openPostings === null}
              icon={<SolutionOutlined />}
              color="#e08a1e"
              to="/labor/postings?active=true"
              testId="kpi-postings"
            />
          </Col>
          <Col xs={24} xl={12} className="gb-labor-stack">
            <Card
              title={t('labor.dashboard.byStatus')}
              extra={<Segmented size="small" value={chart} onChange={(v) => setChart(v as 'bar' | 'pie')} options={[{ value: 'bar', label: t('dashboard.chartBar') }, { value: 'pie', label: t('dashboard.chartPie') }]} />}
              data-testid="labor-by-status"
            >
              {!s.byStatus ? (
                <Skeleton active paragraph={{ rows: 8 }} />
              ) : s.workers === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('labor.dashboard.noWorkers')} />
              ) : (
                <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                  <EChart option={statusOption} className="gb-chart" label={statusData.map((d) => `${d.label} ${d.value}`).join(', ')} />
                </Suspense>
              )}
            </Card>
            <Card title={t('labor.dashboard.placements')} extra={<Link to="/labor/referrals">{t('labor.referral.openBoard')}</Link>} data-testid="labor-placements">
              {!s.placementsByMonth ? (
                <Skeleton active paragraph={{ rows: 5 }} />
              ) : s.placementsByMonth.every((m) => m.value === 0) ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('labor.dashboard.noPlacements')} />
              ) : (
                <Suspense fallback={<Skeleton active paragraph={{ rows: 5 }} />}>
                  <EChart option={placementOption} className="gb-chart gb-chart--short" label={t('labor.dashboard.placements')} />
                </Suspense>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card
              style={{ height: '100%' }}
              title={s.county ? t('labor.dashboard.byTownOf', { county: s.county.name }) : t('labor.dashboard.byTown')}
              data-testid="labor-by-town"
            >
              {s.byTown === null ? (
                <Skeleton active paragraph={{ rows: 8 }} />
              ) : towns.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('labor.dashboard.noTowns')} />
              ) : (
                <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                  <div className="gb-labor-town-chart" style={{ height: Math.max(320, towns.length * 26) }}>
                    <EChart option={townOption} className="gb-labor-town-chart__canvas" label={towns.map((d) => `${d.label} ${d.value}`).join(', ')} />
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
              description={
                <Typography.Text type="secondary">
                  {t('labor.dashboard.sourceDetail')}
                  {(s.postingsPartial || s.placementsPartial) && ` ${t('labor.dashboard.partial')}`}
                </Typography.Text>
              }
            />
          </Col>
        </Row>
      )}
    </div>
  );
}
