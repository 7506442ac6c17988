import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { DARK } from '../shell/charts/chartTheme';
import { ScreenFrame, ScreenPanel, useClock } from '../shell/ScreenFrame';
import { Forbidden } from '../shell/StatusViews';
import { useParkDashboard } from './api';
import { categoryChart, certificationChart, coverageChart, investmentChart, revivedChart, stageChart } from './dashboardCharts';
import { headlines } from './dashboardFigures';
import './park.css';

const EChart = lazy(() => import('../shell/charts/EChart'));

/**
 * 园区大屏: the park's figures on one dark 1920 × 1080 screen for the administration's wall — the headline figures,
 * investment signed per year, the pipeline by stage and category, the chains' coverage, the area revived and the
 * certifications. Every figure from GET /api/park/dashboard (refreshed every minute), counted from the records.
 */
export default function ParkScreenPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const clock = useClock();
  const allowed = can(me, 'park.read');
  const q = useParkDashboard(60_000);
  const d = allowed ? q.data : undefined;
  const h = d && headlines(d);
  const charts = useMemo(
    () =>
      d && {
        investment: investmentChart(d, DARK, t),
        stages: stageChart(d, DARK, t),
        category: categoryChart(d, DARK, t),
        coverage: coverageChart(d, DARK, t),
        revived: revivedChart(d, DARK, t),
        certs: certificationChart(d, DARK, t),
      },
    [d, t],
  );
  if (!allowed) return <Forbidden />;
  const chart = (key: keyof NonNullable<typeof charts>, title: string, testId: string) => (
    <ScreenPanel title={title} testId={testId}>
      <Suspense fallback={<div className="gb-screen-chart" />}>{charts && <EChart option={charts[key]} className="gb-screen-chart" label={title} />}</Suspense>
    </ScreenPanel>
  );
  const kpi = (key: string, label: string, value: string, unit: string, color: string) => (
    <div key={key} className="gb-park-screen-kpi" data-testid={`park-screen-${key}`}>
      <span className="gb-park-screen-kpi__label">{label}</span>
      {/* An exact amount may run to 8 decimals: smaller sizes keep it on one line. */}
      <span
        className={`gb-park-screen-kpi__value${value.length > 10 ? ' gb-park-screen-kpi__value--xlong' : value.length > 8 ? ' gb-park-screen-kpi__value--long' : ''}`}
        style={{ color }}
      >
        {value}
      </span>
      <span className="gb-screen-muted">{unit}</span>
    </div>
  );
  return (
    <ScreenFrame
      testId="park-screen"
      site={t('park.screen.site')}
      area={t('park.screen.area')}
      title={t('park.screen.title')}
      time={clock.time}
      date={clock.date}
      exitTo="/park/dashboard"
      exitTestId="park-screen-exit"
    >
      <div className="gb-screen__grid gb-park-screen__grid">
        <div className="gb-screen__col">
          <ScreenPanel title={t('park.screen.figures')} testId="park-screen-kpis" className="gb-park-screen__kpis">
            <div className="gb-park-screen-kpis">
              {h && d && (
                <>
                  {kpi(
                    'signed',
                    h.latest ? t('park.dashboard.signedIn', { year: h.latest.year }) : t('park.dashboard.signed'),
                    String(h.latest?.count ?? 0),
                    t('park.screen.projects'),
                    '#4d8bff',
                  )}
                  {kpi('amount', t('park.screen.amount'), h.latest?.amount ?? '0', t('park.yi'), '#f0b429')}
                  {kpi('reserve', t('park.summary.reserve'), String(d.reserve.count), t('park.screen.projects'), '#b37feb')}
                  {kpi(
                    'revived',
                    h.revived ? t('park.screen.revivedIn', { year: h.revived.year }) : t('park.screen.revived'),
                    (h.revived?.areaM2 ?? 0).toLocaleString('en-US'),
                    t('park.screen.m2'),
                    '#2bd18b',
                  )}
                  {kpi('coverage', t('park.dashboard.coverage'), `${d.chains.covered} / ${d.chains.links}`, t('park.screen.links'), '#36cfc9')}
                  {kpi('certified', t('park.screen.certified'), String(h.certified), t('park.screen.plants'), '#ff85c0')}
                </>
              )}
            </div>
          </ScreenPanel>
          {chart('certs', t('park.dashboard.certifications'), 'park-screen-certs')}
        </div>
        <div className="gb-screen__col">
          {chart('investment', t('park.dashboard.investment'), 'park-screen-investment')}
          {chart('category', t('park.dashboard.byCategory'), 'park-screen-category')}
        </div>
        <div className="gb-screen__col">
          {chart('stages', t('park.dashboard.byStage'), 'park-screen-stages')}
          {chart('coverage', t('park.dashboard.chainCoverage'), 'park-screen-chains')}
          {chart('revived', t('park.dashboard.revivedByYear'), 'park-screen-revived')}
        </div>
      </div>
    </ScreenFrame>
  );
}
