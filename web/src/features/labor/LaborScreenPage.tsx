import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ScreenFrame, ScreenPanel, useClock } from '../shell/ScreenFrame';
import { can, useCurrentUser } from '../auth/session';
import { Forbidden } from '../shell/StatusViews';
import { columns, DARK, hBars, percentColumns, ring } from './charts';
import { STATUS_HEX } from './labels';
import { byRegionTitle, useLaborStats } from './stats';
import type { RetentionReport } from './types';
import './labor.css';

const EChart = lazy(() => import('../shell/charts/EChart'));
/** The milestone the wall shows: retained six months after the start (docs/retention.md). */
const MILESTONE = 6;

/** A panel's body when the API does not give its data yet: said plainly, never with made-up numbers. */
function NoData({ why }: { why: string }) {
  const { t } = useTranslation();
  return (
    <div className="gb-screen-chart gb-screen-center gb-labor-screen-nodata" data-testid="screen-no-data">
      <div>
        <div className="gb-labor-screen-nodata__title">{t('labor.screen.noData')}</div>
        <div className="gb-screen-muted">{why}</div>
      </div>
    </div>
  );
}

function Big({ label, value, foot, color }: { label: string; value: number | null; foot?: string; color: string }) {
  return (
    <div className="gb-labor-screen-kpi">
      <span className="gb-labor-screen-kpi__label">{label}</span>
      <span className="gb-labor-screen-kpi__value" style={{ color }}>
        {value === null ? '—' : value.toLocaleString()}
      </span>
      {foot && <span className="gb-screen-muted gb-labor-screen-kpi__foot">{foot}</span>}
    </div>
  );
}

/**
 * 劳务协作大屏: the labour figures on one dark 1920 × 1080 screen for the bureau's wall — workers by status and by
 * home town, placements per month, retention by cohort (shown as "no data" until the retention endpoint exists).
 * The figures come from GET /api/labor/stats (stats.ts). Outside the app's shell, like the plant screen.
 */
export default function LaborScreenPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const clock = useClock();
  const allowed = can(me, 'labor.read');
  const { data: s } = useLaborStats(allowed);
  const w = s?.workers;
  // Retention per start cohort, once the follow-up endpoints answer; until then (or with nothing recorded) the panel
  // says "no data" — it never shows an estimate.
  const retention = useQuery({
    queryKey: ['labor', 'retention', 'screen', MILESTONE],
    queryFn: () => api.get<RetentionReport>('/labor/retention', { by: 'cohort', milestone: MILESTONE }),
    enabled: allowed,
    retry: false,
    staleTime: 5 * 60_000,
  });
  const cohorts = useMemo(() => (retention.data?.groups ?? []).filter((g) => g.rate !== null).slice(-12), [retention.data]);
  const retentionOption = useMemo(
    () =>
      percentColumns(
        cohorts.map((g) => ({ label: g.label, value: Math.round((g.rate ?? 0) * 100) })),
        DARK,
        '#4d8bff',
      ),
    [cohorts],
  );

  const statusData = useMemo(() => (w?.byStatus ?? []).map((x) => ({ label: t(`labor.status.${x.status}`), value: x.count, color: STATUS_HEX[x.status] })), [w, t]);
  const statusOption = useMemo(() => ring(statusData, DARK), [statusData]);
  const regionOption = useMemo(
    () =>
      hBars(
        (s?.byRegion.items ?? []).map((x) => ({ label: x.name, value: x.count })),
        DARK,
        '#4d8bff',
      ),
    [s?.byRegion],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the month names come from dayjs's global locale, which follows i18n.language.
  const placementOption = useMemo(
    () =>
      columns(
        (s?.placements.byMonth ?? []).map((m) => ({ label: dayjs(`${m.month}-01`).format('MMM'), value: m.count })),
        DARK,
        '#2bd18b',
      ),
    [s?.placements, i18n.language],
  );
  if (!allowed) return <Forbidden />;

  const pct = (n: number | undefined) => (n !== undefined && w?.total ? Math.round((n / w.total) * 100) : null);
  const noPlacements = !!s && s.placements.byMonth.every((m) => m.count === 0);

  return (
    <ScreenFrame
      testId="labor-screen"
      site={me.user.orgName}
      area={t('labor.screen.subtitle')}
      title={t('labor.screen.title')}
      time={clock.time}
      date={clock.date}
      exitTo="/labor"
      exitTestId="labor-screen-exit"
    >
      <div className="gb-screen__grid gb-labor-screen__grid">
        <div className="gb-screen__col">
          <ScreenPanel title={t('labor.screen.roll')} testId="labor-screen-kpis" className="gb-labor-screen-kpis">
            <div className="gb-labor-screen-kpi-grid">
              <Big
                label={t('labor.dashboard.workers')}
                value={w?.total ?? null}
                color="#ffffff"
                foot={w?.shared ? t('labor.dashboard.ownShared', { own: w.own, shared: w.shared }) : undefined}
              />
              <Big
                label={t('labor.dashboard.registeredPoor')}
                value={w?.registeredPoor ?? null}
                color="#ff7a7a"
                foot={pct(w?.registeredPoor) !== null ? t('labor.screen.ofAll', { pct: pct(w?.registeredPoor) }) : undefined}
              />
              <Big
                label={t('labor.dashboard.employed')}
                value={w?.employed ?? null}
                color="#2bd18b"
                foot={pct(w?.employed) !== null ? t('labor.screen.ofAll', { pct: pct(w?.employed) }) : undefined}
              />
              <Big
                label={t('labor.screen.openHeadcount')}
                value={s?.postings.openHeadcount ?? null}
                color="#f0b429"
                foot={s ? t('labor.screen.inPostings', { count: s.postings.active }) : undefined}
              />
            </div>
          </ScreenPanel>
          <ScreenPanel title={t('labor.dashboard.byStatus')} testId="labor-screen-status">
            <Suspense fallback={<div className="gb-screen-chart" />}>
              {!w ? (
                <div className="gb-screen-chart" />
              ) : w.total === 0 ? (
                <NoData why={t('labor.dashboard.noWorkers')} />
              ) : (
                <EChart option={statusOption} className="gb-screen-chart" label={t('labor.dashboard.byStatus')} />
              )}
            </Suspense>
          </ScreenPanel>
        </div>

        <ScreenPanel title={byRegionTitle(t, s?.byRegion)} testId="labor-screen-towns">
          <Suspense fallback={<div className="gb-screen-chart" />}>
            {!s ? (
              <div className="gb-screen-chart" />
            ) : s.byRegion.items.length ? (
              <EChart option={regionOption} className="gb-screen-chart" label={byRegionTitle(t, s.byRegion)} />
            ) : (
              <NoData why={t('labor.dashboard.noRegions')} />
            )}
          </Suspense>
        </ScreenPanel>

        <div className="gb-screen__col">
          <ScreenPanel
            title={t('labor.dashboard.placements')}
            extra={<span className="gb-screen-panel__extra">{t('labor.screen.placementsYear', { count: s?.placements.thisYear ?? 0 })}</span>}
            testId="labor-screen-placements"
          >
            <Suspense fallback={<div className="gb-screen-chart" />}>
              {!s ? (
                <div className="gb-screen-chart" />
              ) : noPlacements ? (
                <NoData why={t('labor.screen.noPlacementsWhy')} />
              ) : (
                <EChart option={placementOption} className="gb-screen-chart" label={t('labor.dashboard.placements')} />
              )}
            </Suspense>
          </ScreenPanel>
          <ScreenPanel
            title={t('labor.screen.retention')}
            extra={<span className="gb-screen-panel__extra">{t('labor.screen.milestone', { months: MILESTONE })}</span>}
            testId="labor-screen-retention"
          >
            {cohorts.length ? (
              <Suspense fallback={<div className="gb-screen-chart" />}>
                <EChart option={retentionOption} className="gb-screen-chart" label={t('labor.screen.retention')} />
              </Suspense>
            ) : retention.isPending ? (
              <div className="gb-screen-chart" />
            ) : (
              <NoData why={retention.isError ? t('labor.screen.retentionWhy') : t('labor.screen.retentionNone', { months: MILESTONE })} />
            )}
          </ScreenPanel>
        </div>
      </div>
    </ScreenFrame>
  );
}
