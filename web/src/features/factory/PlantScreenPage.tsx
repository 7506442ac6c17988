import { lazy, Suspense, useMemo } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OeeFigures } from '../../api/types';
import { useMe } from '../auth/session';
import { ScreenFrame, ScreenPanel } from '../shell/ScreenFrame';
import { NoIdealCycleNotice, noIdealCycleOf } from './NoIdealCycleNotice';
import { lineDays, useIngestStats, useLines, usePlantOees } from './api';
import { DARK, inLineTime, lossWaterfall, ratioGauge, stateRing } from './chartOptions';
import { sinceText } from './FeedBanner';
import { DisconnectOutlined } from '@ant-design/icons';
import { ago } from './format';
import { useLossLabels, useStateNames } from './useOeeLabels';
import { pct, ratioColor, shiftLabel } from './oeeFormat';
import { plantDay, plantHm, plantHms } from './plantTime';
import { ScreenTicker } from './ScreenTicker';
import './screenState.css';
import { StreamIndicator } from './StreamIndicator';
import { useAndonStream } from './useAndonStream';
import { useNow } from './useNow';
import { lineName, SEVERITIES } from './model';

const EChart = lazy(() => import('../shell/charts/EChart'));

const FACTORS = [
  { key: 'availability', short: 'A' },
  { key: 'performance', short: 'P' },
  { key: 'quality', short: 'Q' },
] as const;

function Factors({ f }: { f: OeeFigures | null }) {
  const { t } = useTranslation();
  return (
    <div className="gb-screen-factors">
      {FACTORS.map(({ key, short }) => {
        const v = f ? f[key] : null;
        return (
          <div className="gb-screen-factor" key={key}>
            <span className="gb-screen-factor__label">
              <b>{short}</b> {t(`factory.oee.${key}`)}
            </span>
            <span className="gb-screen-factor__value" style={{ color: ratioColor(v) }}>
              {pct(v)}
            </span>
            <span className="gb-screen-factor__bar">
              <span style={{ width: `${v === null ? 0 : Math.min(100, v * 100)}%`, background: ratioColor(v) }} />
            </span>
          </div>
        );
      })}
    </div>
  );
}

/**
 * 工厂大屏: the whole plant on one dark 1920 × 1080 screen for the workshop wall, scaled to fit any window. The
 * current shift's plant OEE, devices online, open alarms by severity, the 7 lines with online counts and today's
 * OEE, the shift's losses and states, and a ticker of open alarms from the live feed. Outside the app's shell.
 */
export default function PlantScreenPage() {
  const { t } = useTranslation();
  const now = useNow(1_000);
  const today = plantDay(now);
  const lines = useLines(true);
  const stats = useIngestStats();
  const stream = useAndonStream();
  const ownOrg = useMe().data?.user.orgId;
  // One answer per organisation: the own plant's (the headline) and those owning the lines shown, each with its lines' day.
  const answers = usePlantOees([...(ownOrg ? [ownOrg] : []), ...(lines.data ?? []).map((l) => l.orgId)], today);
  const byLine = useMemo(() => lineDays(answers), [answers]);
  const plant = answers.find((a) => a?.orgId === ownOrg);
  const noIdeal = useMemo(() => noIdealCycleOf(answers), [answers]);
  // The plant's current shift, every line combined by the server with the OEE rules (not averaged).
  const current = useMemo(() => {
    const shift = plant?.shifts.find((x) => x.inProgress);
    return shift ? { shift, figures: shift.line } : null;
  }, [plant]);

  const alarms = useMemo(() => [...stream.open.values()], [stream.open]);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, alarms.filter((a) => a.severity === s).length]));
  const unacked = alarms.filter((a) => !a.acknowledgedAt).length;
  const lineAlarms = (id: string) => alarms.filter((a) => a.lineId === id);
  const first = lines.data?.[0];
  const online = stats.data?.devices.online ?? 0;
  const total = stats.data?.devices.total ?? 0;

  const stateNames = useStateNames();
  const lossLabels = useLossLabels();
  const f = current?.figures ?? null;
  // The plant's losses and states in its own time (its devices' seconds ÷ their number), not device-minutes summed.
  const own = useMemo(() => (f ? inLineTime(f) : null), [f]);
  const gauge = useMemo(() => ratioGauge(f?.oee ?? null, ratioColor(f?.oee ?? null)), [f]);
  const losses = useMemo(() => (own && own.plannedS > 0 ? lossWaterfall(own, lossLabels, DARK) : null), [own, lossLabels]);
  const ring = useMemo(() => (own ? stateRing(own.states, stateNames, t('factory.oee.minutes'), DARK) : null), [own, stateNames, t]);

  // Two ways the wall can be wrong while it looks fine: the plant feed stopped (the server has no new device data),
  // or this screen lost the server (its last figures stay up). Either way it says so, since when; the second dims.
  const feed = stats.data?.feed;
  const feedStopped = !!feed && !feed.live;
  const lostServer = stream.status !== 'live' || stats.isRefetchError || lines.isRefetchError || (stats.isError && !stats.data);
  const lastGood = Math.max(stats.dataUpdatedAt, lines.dataUpdatedAt);
  const stale = feedStopped || lostServer;

  return (
    <ScreenFrame
      testId="plant-screen"
      site={first ? first.siteName : ''}
      area={first ? first.areaName : ''}
      title={t('factory.screen.title')}
      time={plantHms(now)}
      date={`${today} ${dayjs(today).format('dddd')}`}
      tools={<StreamIndicator status={stream.status} updatedAt={0} className="gb-screen__stream" />}
      exitTo="/factory"
      exitTestId="screen-exit"
    >
      {(lostServer || feedStopped) && (
        <div className={`gb-screen-banner${lostServer ? ' gb-screen-banner--lost' : ''}`} role="alert" data-testid={lostServer ? 'screen-disconnected' : 'screen-feed-stopped'}>
          <DisconnectOutlined />{' '}
          {lostServer
            ? t('factory.screen.disconnected', { time: lastGood ? sinceText(new Date(lastGood).toISOString(), now) : '—' })
            : stats.data?.lastPointAt
              ? t('factory.screen.feedStopped', { time: sinceText(stats.data.lastPointAt, now), ago: ago(stats.data.lastPointAt, t, now) })
              : t('factory.screen.feedNever')}
        </div>
      )}
      <NoIdealCycleNotice devices={noIdeal} screen />
      <div className={`gb-screen__grid${lostServer ? ' gb-screen__grid--stale' : ''}`} data-stale={lostServer || undefined}>
        <div className="gb-screen__col">
          <ScreenPanel
            title={t('factory.screen.shiftOee')}
            extra={
              current && (
                <span className="gb-screen-panel__extra">{`${shiftLabel(current.shift.name, current.shift.code, t)} ${plantHm(current.shift.start)}–${plantHm(current.shift.end)}`}</span>
              )
            }
            testId="screen-shift-oee"
          >
            <Suspense fallback={<div className="gb-screen-gauge" />}>
              <EChart option={gauge} className="gb-screen-gauge" label={t('factory.screen.shiftOee')} />
            </Suspense>
            {!current && <div className="gb-screen-muted gb-screen-center">{t('factory.screen.noShift')}</div>}
            <Factors f={f} />
          </ScreenPanel>
          <ScreenPanel title={t('factory.screen.devicesOnline')} testId="screen-online">
            <div className="gb-screen-big">
              <span className={`gb-screen-big__value${stale ? ' gb-screen-big__value--stale' : ''}`} data-testid="screen-online-value">
                {online}
              </span>
              <span className="gb-screen-big__of">/ {total}</span>
            </div>
            <div className="gb-screen-meter">
              <span style={{ width: `${total ? (online / total) * 100 : 0}%` }} />
            </div>
            <div className="gb-screen-muted">
              {stale ? t('factory.feed.lastKnown') : total - online > 0 ? t('factory.stats.offline', { count: total - online }) : t('factory.stats.allOnline')} ·{' '}
              {t('factory.stats.lastData')} {ago(stats.data?.lastPointAt, t, now)}
            </div>
          </ScreenPanel>
          <ScreenPanel title={t('factory.screen.openAlarms')} testId="screen-alarm-counts">
            <div className="gb-screen-sev">
              {SEVERITIES.map((s) => (
                <div className={`gb-screen-sev__item gb-screen-sev__item--${s}`} key={s}>
                  <span className="gb-screen-sev__value">{bySeverity[s]}</span>
                  <span>{t(`factory.andon.severity.${s}`)}</span>
                </div>
              ))}
              <div className="gb-screen-sev__item gb-screen-sev__item--unacked">
                <span className="gb-screen-sev__value">{unacked}</span>
                <span>{t('factory.andon.unacknowledged')}</span>
              </div>
            </div>
          </ScreenPanel>
        </div>

        <ScreenPanel
          title={t('factory.screen.lines')}
          className="gb-screen__lines"
          extra={<span className="gb-screen-panel__extra">{t('factory.screen.todayOee')}</span>}
          testId="screen-lines"
        >
          <div className="gb-screen-lines">
            {(lines.data ?? []).map((l) => {
              const o = byLine.get(l.id) ?? null;
              const la = lineAlarms(l.id);
              const crit = la.some((a) => a.severity === 'critical');
              return (
                <div className={`gb-screen-line${crit ? ' gb-screen-line--alarm' : ''}`} key={l.id} data-testid={`screen-line-${l.code}`}>
                  <span className="gb-screen-line__code">{l.code}</span>
                  <div className="gb-screen-line__name">
                    <span>{lineName(l)}</span>
                    <span className="gb-screen-muted">{l.product ?? ''}</span>
                  </div>
                  <div className="gb-screen-line__online">
                    <span>
                      <b>{l.onlineCount}</b> / {l.deviceCount} {t('factory.online')}
                    </span>
                    <div className="gb-screen-meter gb-screen-meter--small">
                      <span
                        style={{ width: `${l.deviceCount ? (l.onlineCount / l.deviceCount) * 100 : 0}%`, background: l.onlineCount === l.deviceCount ? '#2bd18b' : '#f0b429' }}
                      />
                    </div>
                  </div>
                  <div className="gb-screen-line__apq">
                    {FACTORS.map(({ key, short }) => (
                      <span key={key}>
                        {short} <b style={{ color: ratioColor(o ? o[key] : null) }}>{pct(o ? o[key] : null, 0)}</b>
                      </span>
                    ))}
                  </div>
                  <div className="gb-screen-line__oee" style={{ color: ratioColor(o?.oee ?? null) }} data-testid="screen-line-oee">
                    {pct(o?.oee ?? null)}
                  </div>
                  <div
                    className={`gb-screen-line__alarms${la.length ? ` gb-screen-line__alarms--${crit ? 'critical' : 'warning'}` : stale ? ' gb-screen-line__alarms--stale' : ''}`}
                  >
                    {la.length ? t('factory.screen.alarmCount', { count: la.length }) : stale ? t('factory.screen.noLive') : t('factory.screen.normal')}
                  </div>
                </div>
              );
            })}
          </div>
        </ScreenPanel>

        <div className="gb-screen__col">
          <ScreenPanel
            title={t('factory.screen.losses')}
            extra={
              own &&
              own.plannedS > 0 && (
                <span className="gb-screen-panel__extra">{t('factory.screen.lossesHint', { devices: Math.max(1, own.devices), planned: Math.round(own.plannedS / 60) })}</span>
              )
            }
            testId="screen-losses"
          >
            <Suspense fallback={<div className="gb-screen-chart" />}>
              {losses ? (
                <EChart option={losses} className="gb-screen-chart" label={t('factory.screen.losses')} />
              ) : (
                <div className="gb-screen-chart gb-screen-muted gb-screen-center">{current ? t('factory.oee.statesEmpty') : t('factory.screen.noShift')}</div>
              )}
            </Suspense>
          </ScreenPanel>
          <ScreenPanel title={t('factory.screen.states')} testId="screen-states">
            <Suspense fallback={<div className="gb-screen-chart" />}>
              {ring ? (
                <EChart option={ring} className="gb-screen-chart gb-screen-chart--ring" label={t('factory.screen.states')} />
              ) : (
                <div className="gb-screen-chart gb-screen-muted gb-screen-center" data-testid="screen-states-empty">
                  {current ? t('factory.oee.statesEmpty') : t('factory.screen.noShift')}
                </div>
              )}
            </Suspense>
          </ScreenPanel>
        </div>
      </div>

      <ScreenTicker alarms={alarms} now={now} stale={stale} />
    </ScreenFrame>
  );
}
