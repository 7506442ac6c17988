import { lazy, Suspense, useMemo, useState } from 'react';
import { Card, Empty, Segmented, Skeleton, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Alarm, FactoryDevice, MachineStateName } from '../../api/types';
import { currentLocale } from '../../i18n';
import { QueryError } from '../shell/StatusViews';
import { CHART_MS, useDeviceStates } from './api';
import { useAlarms } from './andonApi';
import { NO_DATA_COLOR, NO_DATA_STROKE, stateTimeline, type TimelineLabels } from './chartOptions';
import { duration } from './format';
import { LiveIndicator } from './LiveIndicator';
import { minutes, minutesOrDash, pct } from './oeeFormat';
import { STATE_COLORS, STATE_ORDER } from './model';
import './oee.css';

const EChart = lazy(() => import('../shell/charts/EChart'));
const WINDOWS = [1, 8, 24];

/** Names of down reason codes from the device's own alarms ("2001" → "Tool broken"), without the "(2001)". */
function reasonNames(alarms: Alarm[] | undefined): Map<number, string> {
  const zh = currentLocale() === 'zh-CN';
  const names = new Map<number, string>();
  for (const a of alarms ?? []) {
    const code = Number(a.code);
    if (a.source !== 'device' || !Number.isInteger(code) || names.has(code)) continue;
    names.set(code, (zh ? a.messageZh : a.messageEn).replace(/\s*[（(]\d+[)）]\s*$/, ''));
  }
  return names;
}

/**
 * The device's state over the last hours as a gantt row in the state colours (a stop's reason code in the
 * tooltip), with availability, MTBF, MTTR and failures of that window and the time in each state.
 */
export function DeviceStatesCard({ device }: { device: FactoryDevice }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState(8);
  const states = useDeviceStates(device.id, hours);
  const alarms = useAlarms({ deviceId: device.id, state: 'all', pageSize: 100 }, { refetchInterval: 60_000 });
  const names = useMemo(() => reasonNames(alarms.data?.items), [alarms.data]);
  const labels = useMemo<TimelineLabels>(
    () => ({
      states: Object.fromEntries(STATE_ORDER.map((k) => [k, t(`factory.states.${k}`)])) as Record<MachineStateName, string>,
      noData: t('factory.timeline.noDataState'),
      reason: t('factory.timeline.reason'),
      reasonName: (code) => names.get(code) ?? null,
      duration: (s) => duration(s, t),
      now: t('factory.timeline.now'),
    }),
    [t, names],
  );
  const d = states.data;
  const option = useMemo(() => (d ? stateTimeline(d.intervals, d.from, d.to, labels) : null), [d, labels]);
  const total = d ? STATE_ORDER.reduce((a, k) => a + d.seconds[k], 0) : 0;
  const noFailures = t('factory.timeline.noFailures');

  return (
    <Card
      className="gb-section-card"
      data-testid="device-states"
      title={t('factory.timeline.title')}
      extra={
        <div className="gb-oee-extra">
          <LiveIndicator updatedAt={states.dataUpdatedAt} failed={states.isRefetchError} everySeconds={CHART_MS / 1000} />
          <Segmented
            size="small"
            value={hours}
            onChange={(v) => setHours(Number(v))}
            options={WINDOWS.map((h) => ({ value: h, label: t('factory.timeline.hours', { count: h }) }))}
            data-testid="timeline-window"
          />
        </div>
      }
    >
      {states.error && !d ? (
        <QueryError error={states.error} onRetry={() => void states.refetch()} />
      ) : !d ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <>
          <div className="gb-timeline-stats">
            <div className="gb-oee-stat" data-testid="timeline-availability">
              <Tooltip title={t('factory.timeline.availabilityHint')}>
                <span className="gb-oee-stat__label gb-help">{t('factory.oee.availability')}</span>
              </Tooltip>
              <span className="gb-oee-stat__value">{d.availability === null ? <Tooltip title={t('factory.oee.why.noPlan')}>—</Tooltip> : pct(d.availability)}</span>
            </div>
            <div className="gb-oee-stat" data-testid="timeline-mtbf">
              <span className="gb-oee-stat__label">{t('factory.oee.mtbf')}</span>
              <span className="gb-oee-stat__value">
                {d.mtbfMin === null ? <Tooltip title={noFailures}>—</Tooltip> : minutesOrDash(d.mtbfMin)}
                {d.mtbfMin !== null && <span className="gb-oee-stat__unit"> {t('factory.oee.minutesUnit')}</span>}
              </span>
            </div>
            <div className="gb-oee-stat" data-testid="timeline-mttr">
              <span className="gb-oee-stat__label">{t('factory.oee.mttr')}</span>
              <span className="gb-oee-stat__value">
                {d.mttrMin === null ? <Tooltip title={noFailures}>—</Tooltip> : minutesOrDash(d.mttrMin)}
                {d.mttrMin !== null && <span className="gb-oee-stat__unit"> {t('factory.oee.minutesUnit')}</span>}
              </span>
            </div>
            <div className="gb-oee-stat" data-testid="timeline-failures">
              <span className="gb-oee-stat__label">{t('factory.oee.failures')}</span>
              <span className="gb-oee-stat__value">{d.failures}</span>
            </div>
          </div>
          {!d.intervals.length ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.timeline.noData')} />
          ) : (
            <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} title={false} />}>
              {option && <EChart option={option} className="gb-timeline-chart" testId="state-timeline" label={t('factory.timeline.title')} />}
            </Suspense>
          )}
          <div className="gb-state-legend" data-testid="timeline-legend">
            {STATE_ORDER.map((k) => (
              <span className="gb-state-legend__item" key={k}>
                <span className="gb-state-legend__swatch" style={{ background: STATE_COLORS[k] }} />
                {t(`factory.states.${k}`)}
                <span className="gb-muted">
                  {minutes(d.seconds[k])} {t('factory.oee.minutesUnit')}
                  {total > 0 && ` · ${pct(d.seconds[k] / total, 0)}`}
                </span>
              </span>
            ))}
            <span className="gb-state-legend__item" data-testid="timeline-legend-no-data">
              <span className="gb-state-legend__swatch" style={{ background: NO_DATA_COLOR, border: `1px dashed ${NO_DATA_STROKE}` }} />
              {t('factory.timeline.noDataState')}
            </span>
          </div>
        </>
      )}
    </Card>
  );
}
