import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { DARK } from '../shell/charts/chartTheme';
import { ScreenFrame, ScreenPanel, useClock } from '../shell/ScreenFrame';
import { chinaYear } from '../shell/screenClock';
import { Forbidden } from '../shell/StatusViews';
import { useCollabStats, useOutcomes } from './api';
import { directionTotals, FIGURE_COLORS, HEADLINES, headline, perYear, yearColumns } from './figures';
import './talent.css';

const EChart = lazy(() => import('../shell/charts/EChart'));
/** The span the wall shows: since the order-based dispatch began (the article's "2018 年以来"). */
const FROM = 2018;

/**
 * 人才协作大屏: the collaboration's figures since 2018 on one dark 1920 × 1080 screen — Linyi's support of Chengkou
 * (dispatches, lectures, people trained, open classes, young teachers mentored), the exchanges both ways, the years,
 * and the outcomes. Every figure from GET /api/talent/stats/collab, counted from the records.
 */
export default function TalentScreenPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const clock = useClock();
  const allowed = can(me, 'talent.read');
  // To this year in China, where the records are counted, whatever zone the screen's browser is set to.
  const to = chinaYear();
  const stats = useCollabStats(FROM, to, allowed);
  const outcomes = useOutcomes({ pageSize: 8 });
  const ew = directionTotals(stats.data, 'east_to_west');
  const we = directionTotals(stats.data, 'west_to_east');
  const years = useMemo(
    () =>
      yearColumns(
        (['dispatches', 'lectures', 'openClasses', 'trained'] as const).map((k) => ({
          name: t(`talent.stats.figure.${k}`),
          color: FIGURE_COLORS[k],
          data: perYear(stats.data, 'east_to_west', k),
        })),
        DARK,
      ),
    [stats.data, t],
  );
  const exchanges = useMemo(
    () =>
      yearColumns(
        [
          { name: t('talent.direction.east_to_west'), color: '#4d8bff', data: perYear(stats.data, 'east_to_west', 'professionals') },
          { name: t('talent.direction.west_to_east'), color: '#2bd18b', data: perYear(stats.data, 'west_to_east', 'professionals') },
        ],
        DARK,
      ),
    [stats.data, t],
  );
  if (!allowed) return <Forbidden />;

  return (
    <ScreenFrame
      testId="talent-screen"
      site={t('talent.screen.site')}
      area={
        stats.data?.scope.kind === 'institution'
          ? t('talent.screen.areaOwn', { from: FROM, org: stats.data.scope.orgNames.join(t('talent.stats.scope.joiner')) })
          : t('talent.screen.area', { from: FROM })
      }
      title={t('talent.screen.title')}
      time={clock.time}
      date={clock.date}
      exitTo="/talent/stats"
      exitTestId="talent-screen-exit"
    >
      <div className="gb-screen__grid gb-talent-screen__grid">
        <div className="gb-screen__col">
          <ScreenPanel title={t('talent.screen.support')} testId="talent-screen-kpis">
            <div className="gb-talent-screen-kpis">
              {HEADLINES.slice(0, 6).map((h) => (
                <div key={h.key} className="gb-talent-screen-kpi" data-testid={`screen-${h.key}`}>
                  <span className="gb-talent-screen-kpi__label">{t(`talent.stats.headline.${h.key}`)}</span>
                  <span className="gb-talent-screen-kpi__value" style={{ color: FIGURE_COLORS[h.figure] }}>
                    {headline(stats.data, 'east_to_west', h)?.toLocaleString() ?? '—'}
                  </span>
                  <span className="gb-screen-muted">{t(`talent.stats.unit.${h.figure}`)}</span>
                </div>
              ))}
            </div>
          </ScreenPanel>
        </div>
        <div className="gb-screen__col">
          <ScreenPanel title={t('talent.screen.byYear')} testId="talent-screen-years">
            <Suspense fallback={<div className="gb-screen-chart" />}>
              <EChart option={years} className="gb-screen-chart" label={t('talent.screen.byYear')} />
            </Suspense>
          </ScreenPanel>
          <ScreenPanel title={t('talent.screen.exchanges')} testId="talent-screen-exchanges">
            <Suspense fallback={<div className="gb-screen-chart" />}>
              <EChart option={exchanges} className="gb-screen-chart" label={t('talent.screen.exchanges')} />
            </Suspense>
          </ScreenPanel>
        </div>
        <div className="gb-screen__col">
          <ScreenPanel title={t('talent.screen.both')} testId="talent-screen-both">
            <div className="gb-talent-screen-kpis">
              {(['professionals', 'cadres'] as const).flatMap((k) =>
                [
                  ['east_to_west', ew],
                  ['west_to_east', we],
                ].map(([d, v]) => (
                  <div key={`${k}-${d}`} className="gb-talent-screen-kpi">
                    <span className="gb-talent-screen-kpi__label">
                      {t(`talent.stats.figure.${k}`)} · {t(`talent.direction.${d as string}`)}
                    </span>
                    <span className="gb-talent-screen-kpi__value gb-talent-screen-kpi__value--small" style={{ color: FIGURE_COLORS[k] }}>
                      {v && typeof v === 'object' ? v[k] : '—'}
                    </span>
                  </div>
                )),
              )}
            </div>
          </ScreenPanel>
          <ScreenPanel title={t('talent.screen.outcomes')} testId="talent-screen-outcomes">
            <ul className="gb-talent-screen-outcomes">
              {(outcomes.data?.items ?? []).map((o) => (
                <li key={o.id}>
                  <span>{o.title}</span>
                  <span className="gb-screen-muted">
                    {o.orgName} · {o.achievedOn}
                  </span>
                </li>
              ))}
            </ul>
          </ScreenPanel>
        </div>
      </div>
    </ScreenFrame>
  );
}
