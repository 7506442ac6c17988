import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApartmentOutlined, BuildOutlined, FundProjectionScreenOutlined, RobotOutlined, SafetyCertificateOutlined, SolutionOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIGHT } from '../shell/charts/chartTheme';
import { PageHeader } from '../shell/PageHeader';
import { StatCard } from '../shell/StatCard';
import { QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { useParkDashboard } from './api';
import { categoryChart, certificationChart, coverageChart, investmentChart, revivedChart, stageChart } from './dashboardCharts';
import { headlines } from './dashboardFigures';
import { wan } from './parts';
import type { ParkDashboard } from './types';
import './park.css';

const EChart = lazy(() => import('../shell/charts/EChart'));

/**
 * 园区看板: the pipeline by stage and category, the investment signed per year (exact 亿元 from the API), the chains'
 * coverage, the area revived per year, retrofits and certifications — every figure from GET /api/park/dashboard.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const q = useParkDashboard();
  const d = q.data;
  const h = d && headlines(d);
  const charts = useMemo(
    () =>
      d && {
        investment: investmentChart(d, LIGHT, t),
        stages: stageChart(d, LIGHT, t),
        category: categoryChart(d, LIGHT, t, phone),
        coverage: coverageChart(d, LIGHT, t),
        revived: revivedChart(d, LIGHT, t),
        certs: certificationChart(d, LIGHT, t),
      },
    [d, t, phone],
  );
  const chart = (key: keyof NonNullable<typeof charts>, title: string, empty: boolean, testId: string, below?: ReactNode) => (
    <Card size="small" title={title} data-testid={testId}>
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('park.dashboard.empty')} />
      ) : (
        <Suspense fallback={<div className="gb-park-dash-chart" />}>{charts && <EChart option={charts[key]} className="gb-park-dash-chart" label={title} />}</Suspense>
      )}
      {below}
    </Card>
  );
  return (
    <div className="gb-park" data-testid="park-dashboard">
      <PageHeader
        title={t('park.dashboard.title')}
        subtitle={t('park.dashboard.subtitle')}
        extra={
          <Link to="/park/screen">
            <Button icon={<FundProjectionScreenOutlined />} data-testid="park-dashboard-screen">
              {t('park.dashboard.screen')}
            </Button>
          </Link>
        }
      />
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xxl={4}>
          <StatCard
            icon={<SolutionOutlined />}
            color="#1677ff"
            title={h?.latest ? t('park.dashboard.signedIn', { year: h.latest.year }) : t('park.dashboard.signed')}
            value={h ? t('park.count', { count: h.latest?.count ?? 0 }) : '—'}
            foot={h?.latest && t('park.amountYi', { amount: h.latest.amount })}
            loading={!d}
            testId="park-dash-signed"
            to="/park"
          />
        </Col>
        <Col xs={12} md={8} xxl={4}>
          <StatCard
            icon={<FundProjectionScreenOutlined />}
            color="#722ed1"
            title={t('park.summary.reserve')}
            value={d ? t('park.count', { count: d.reserve.count }) : '—'}
            foot={d && t('park.amountYi', { amount: d.reserve.amount })}
            loading={!d}
            testId="park-dash-reserve"
          />
        </Col>
        <Col xs={12} md={8} xxl={4}>
          <StatCard
            icon={<ApartmentOutlined />}
            color="#13c2c2"
            title={t('park.dashboard.coverage')}
            value={d ? `${d.chains.covered} / ${d.chains.links}` : '—'}
            foot={d && t('park.dashboard.coverageFoot', { missing: d.chains.missing, targeted: d.chains.targeted })}
            loading={!d}
            testId="park-dash-coverage"
            to="/park/chains"
          />
        </Col>
        <Col xs={12} md={8} xxl={4}>
          <StatCard
            icon={<BuildOutlined />}
            color="#52c41a"
            title={h?.revived ? t('park.dashboard.revivedIn', { year: h.revived.year }) : t('park.dashboard.revived')}
            value={h ? (h.revived?.areaM2 ?? 0).toLocaleString('en-US') : '—'}
            foot={h?.revived && t('park.summary.revivedFoot', { count: h.revived.leases })}
            loading={!d}
            testId="park-dash-revived"
            to="/park/space"
          />
        </Col>
        <Col xs={12} md={8} xxl={4}>
          <StatCard
            icon={<RobotOutlined />}
            color="#fa8c16"
            title={t('park.dashboard.retrofits')}
            value={h ? t('park.count', { count: h.retrofits }) : '—'}
            foot={d && t('park.dashboard.retrofitMoney', { budget: wan(d.retrofits.budget), subsidy: wan(d.retrofits.subsidy) })}
            loading={!d}
            testId="park-dash-retrofits"
            to="/park/retrofits"
          />
        </Col>
        <Col xs={12} md={8} xxl={4}>
          <StatCard
            icon={<SafetyCertificateOutlined />}
            color="#eb2f96"
            title={t('park.dashboard.certified')}
            value={h ? t('park.count', { count: h.certified }) : '—'}
            foot={h && t('park.dashboard.certPending', { count: h.pending })}
            loading={!d}
            testId="park-dash-certified"
            to="/park/retrofits"
          />
        </Col>
      </Row>
      {d && (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} lg={14}>
            {chart('investment', t('park.dashboard.investment'), d.signedByYear.length === 0, 'park-dash-investment', <YearFigures d={d} />)}
          </Col>
          <Col xs={24} lg={10}>
            {chart('stages', t('park.dashboard.byStage'), false, 'park-dash-stages')}
          </Col>
          <Col xs={24} lg={12}>
            {chart('category', t('park.dashboard.byCategory'), d.byCategory.length === 0, 'park-dash-category')}
          </Col>
          <Col xs={24} lg={12}>
            {chart('coverage', t('park.dashboard.chainCoverage'), d.chains.byChain.length === 0, 'park-dash-chains')}
          </Col>
          <Col xs={24} lg={12}>
            {chart('revived', t('park.dashboard.revivedByYear'), d.space.revivedByYear.length === 0, 'park-dash-revived-chart')}
          </Col>
          <Col xs={24} lg={12}>
            {chart('certs', t('park.dashboard.certifications'), h?.certTotal === 0, 'park-dash-certs')}
          </Col>
        </Row>
      )}
    </div>
  );
}

/** The per-year figures under the chart as text, the amounts exactly as the API gives them (a canvas cannot be read). */
function YearFigures({ d }: { d: ParkDashboard }) {
  const { t } = useTranslation();
  return (
    <div className="gb-park-dash-years">
      {[...d.signedByYear].reverse().map((y) => (
        <span key={y.year} className="gb-park-dash-year" data-testid="park-dash-year">
          <strong>{t('park.dashboard.yearLabel', { year: y.year })}</strong> {t('park.count', { count: y.count })} · {t('park.amountYi', { amount: y.amount })}
        </span>
      ))}
    </div>
  );
}
