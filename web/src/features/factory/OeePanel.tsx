import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Col, Collapse, DatePicker, Empty, Row, Segmented, Skeleton, Tag, Tooltip } from 'antd';
import { CalendarOutlined, InfoCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FactoryDevice, FactoryLine, OeeFigures, StopReason } from '../../api/types';
import { QueryError } from '../shell/StatusViews';
import { usePhone } from '../shell/useViewport';
import { OEE_MS, useCalendar, useLineOee } from './api';
import { inLineTime, lossWaterfall, stateRing, stopPareto } from './chartOptions';
import { LiveIndicator } from './LiveIndicator';
import { NoIdealCycleNotice, OverSpeedNotice } from './NoIdealCycleNotice';
import { useLossLabels, useStateNames, useStopLabels } from './useOeeLabels';
import { OeeDeviceTable } from './OeeDeviceTable';
import { OeeFiguresCard } from './OeeFiguresCard';
import { minutes, minutesOrDash, shiftLabel } from './oeeFormat';
import { minutesOf, plantDay, plantHm } from './plantTime';
import './oee.css';

const EChart = lazy(() => import('../shell/charts/EChart'));
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WHOLE_DAY = '__day';

function Stat({ label, value, unit, testId }: { label: string; value: string; unit?: string; testId?: string }) {
  return (
    <div className="gb-oee-stat" data-testid={testId}>
      <span className="gb-oee-stat__label">{label}</span>
      <span className="gb-oee-stat__value">
        {value}
        {unit && value !== '—' && <span className="gb-oee-stat__unit"> {unit}</span>}
      </span>
    </div>
  );
}

/** What each of the six big losses is, for the tooltip beside the chart's title. */
function LossHelp() {
  const { t } = useTranslation();
  return (
    <ul className="gb-oee-help-list">
      {(['breakdowns', 'setup', 'smallStops', 'reducedSpeed', 'defects'] as const).map((k) => (
        <li key={k}>{t(`factory.oee.lossHelp.${k}`)}</li>
      ))}
    </ul>
  );
}

/** The top stop causes as text under the Pareto: the cause, its machine minutes and how many stops. */
function StopList({ stops }: { stops: StopReason[] }) {
  const { t } = useTranslation();
  const labels = useStopLabels();
  if (!stops.length) return null;
  return (
    <ol className="gb-stop-list" data-testid="oee-stop-list">
      {stops.slice(0, 3).map((r) => (
        <li key={`${r.state}:${r.code ?? ''}`} data-state={r.state} data-code={r.code ?? undefined}>
          <span className="gb-stop-list__name">{labels.name(r)}</span>
          <span className="gb-muted gb-nowrap">
            {minutes(r.seconds)} {t('factory.oee.minutesUnit')}
            {r.count > 0 && ` · ${labels.count(r.count)}`}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * The line's OEE for a plant day (today by default; the day sits in the address bar): the day and each shift as
 * A × P × Q = OEE, and for the one chosen the six big losses, where the time went, MTBF/MTTR and every device.
 */
export function OeePanel({ line, devices, feedDown = false }: { line: FactoryLine; devices: FactoryDevice[]; feedDown?: boolean }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const today = plantDay();
  const asked = params.get('day');
  const day = asked && DAY.test(asked) && asked <= today ? asked : today;
  const live = day === today;
  const oee = useLineOee(line.id, day, live);
  const calendar = useCalendar();
  const [picked, setPicked] = useState<string | null>(null);

  const data = oee.data?.day === day ? oee.data : undefined;
  const shifts = useMemo(() => [...(data?.shifts ?? [])].sort((a, b) => a.start.localeCompare(b.start)), [data]);
  // Today's shifts that have not begun are not in the answer; the calendar names them so the day reads whole.
  // On a phone the shifts to come are left out: they say only when they start, and push the figures down.
  const phone = usePhone();
  const upcoming = live && calendar.data && !phone ? calendar.data.shifts.filter((s) => !shifts.some((x) => x.code === s.code)) : [];
  const current = shifts.find((s) => s.inProgress);
  const scope = picked && (picked === WHOLE_DAY || shifts.some((s) => s.code === picked)) ? picked : (current?.code ?? WHOLE_DAY);
  const chosen = shifts.find((s) => s.code === scope);
  const summed: OeeFigures | undefined = chosen ? chosen.line : data?.total;
  // The line in its own time (device-seconds ÷ devices): a few minutes into a shift reads as minutes, not 1,000.
  const figures = useMemo(() => (summed ? inLineTime(summed) : undefined), [summed]);
  const rows = chosen ? chosen.devices : (data?.devices ?? []);
  // Minutes into the shift in progress, for its first hour: parts still being machined are not counted until finished.
  const inShift = shifts.find((s) => s.inProgress && (s.code === scope || scope === WHOLE_DAY));
  const sinceStart = inShift && data ? (Date.parse(data.asOf) - Date.parse(inShift.start)) / 60_000 : null;
  const young = sinceStart !== null && sinceStart < 60 ? Math.max(1, Math.floor(sinceStart)) : null;

  const setDay = (d: string | null) => {
    setPicked(null);
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (d && d !== today) n.set('day', d);
        else n.delete('day');
        return n;
      },
      { replace: true },
    );
  };

  const lossLabels = useLossLabels();
  const stateNames = useStateNames();
  const waterfall = useMemo(() => (figures ? lossWaterfall(figures, lossLabels) : null), [figures, lossLabels]);
  const ring = useMemo(() => (figures ? stateRing(figures.states, stateNames, t('factory.oee.minutes')) : null), [figures, stateNames, t]);
  const stopLabels = useStopLabels();
  // Why the line lost time, in machine minutes (the maintenance view): the causes as the server summed them.
  const pareto = useMemo(() => (summed ? stopPareto(summed.stops, stopLabels) : null), [summed, stopLabels]);

  const shiftTitle = (name: string, start: string, end: string) => (
    <>
      {name}{' '}
      <span className="gb-muted gb-oee-card__time">
        {start}–{end}
      </span>
    </>
  );
  const chartFallback = <Skeleton active paragraph={{ rows: 5 }} title={false} />;

  return (
    <Card
      className="gb-section-card"
      data-testid="oee-panel"
      title={
        <span className="gb-oee-title">
          {t('factory.oee.title')}
          <Tooltip title={t('factory.oee.formula')}>
            <InfoCircleOutlined className="gb-muted" />
          </Tooltip>
        </span>
      }
      extra={
        <div className="gb-oee-extra">
          {/* The time the server computed the figures for (it may keep them a few seconds), not when they arrived. */}
          {live && <LiveIndicator updatedAt={data ? Date.parse(data.asOf) : 0} failed={oee.isRefetchError} everySeconds={OEE_MS / 1000} feedDown={feedDown} />}
          <DatePicker
            value={dayjs(day)}
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
            onChange={(d) => setDay(d ? d.format('YYYY-MM-DD') : null)}
            presets={[{ label: t('factory.oee.today'), value: dayjs(today) }]}
            data-testid="oee-day"
          />
          <Link to="/factory/calendar" className="gb-nowrap">
            <CalendarOutlined /> {t('nav.calendar')}
          </Link>
        </div>
      }
    >
      {oee.error && !data ? (
        <QueryError error={oee.error} onRetry={() => void oee.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <NoIdealCycleNotice devices={data.noIdealCycle} />
          <OverSpeedNotice devices={data.overSpeed} />
          <Row gutter={[12, 12]} data-testid="oee-cards">
            <Col xs={24} md={12} xl={6}>
              <OeeFiguresCard
                title={live ? t('factory.oee.todaySoFar') : t('factory.oee.wholeDay')}
                figures={data.total}
                selected={scope === WHOLE_DAY}
                onSelect={() => setPicked(WHOLE_DAY)}
                testId="oee-card-day"
              />
            </Col>
            {shifts.map((s) => (
              <Col xs={24} md={12} xl={6} key={s.code}>
                <OeeFiguresCard
                  title={shiftTitle(shiftLabel(s.name, s.code, t), plantHm(s.start), plantHm(s.end))}
                  status={s.inProgress ? <Tag color="processing">{t('factory.oee.inProgress')}</Tag> : undefined}
                  figures={s.line}
                  selected={scope === s.code}
                  onSelect={() => setPicked(s.code)}
                  testId={`oee-card-${s.code}`}
                />
              </Col>
            ))}
            {upcoming
              .sort((a, b) => minutesOf(a.start) - minutesOf(b.start))
              .map((s) => (
                <Col xs={24} md={12} xl={6} key={s.code}>
                  <OeeFiguresCard
                    title={shiftTitle(shiftLabel(s.name, s.code, t), s.start, s.end)}
                    status={<Tag>{t('factory.oee.notStarted')}</Tag>}
                    figures={null}
                    notStarted={t('factory.oee.startsAt', { time: s.start })}
                    testId={`oee-card-${s.code}`}
                  />
                </Col>
              ))}
          </Row>
          {!shifts.length ? (
            <Empty className="gb-oee-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.oee.noShifts')} />
          ) : (
            figures && (
              <>
                {young !== null && (
                  <div className="gb-muted gb-oee-young" data-testid="oee-young-shift">
                    {t('factory.oee.youngShift', { minutes: young })}
                  </div>
                )}
                <div className="gb-oee-scope">
                  <Segmented
                    value={scope}
                    onChange={(v) => setPicked(String(v))}
                    options={[
                      { value: WHOLE_DAY, label: live ? t('factory.oee.todaySoFar') : t('factory.oee.wholeDay') },
                      ...shifts.map((s) => ({ value: s.code, label: shiftLabel(s.name, s.code, t) })),
                    ]}
                    data-testid="oee-scope"
                  />
                  <span className="gb-muted">{t('factory.oee.summedHint')}</span>
                </div>
                <Row gutter={[16, 16]}>
                  <Col xs={24} xl={12}>
                    <div className="gb-oee-block" data-testid="oee-stops">
                      <div className="gb-oee-block__title">
                        {t('factory.oee.stops.title')}
                        <Tooltip title={t('factory.oee.stops.hint')}>
                          <InfoCircleOutlined className="gb-muted gb-oee-block__help" />
                        </Tooltip>
                      </div>
                      {pareto ? (
                        <Suspense fallback={chartFallback}>
                          <EChart option={pareto} className="gb-oee-chart" testId="oee-stop-chart" label={t('factory.oee.stops.title')} />
                        </Suspense>
                      ) : (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.oee.stops.empty')} data-testid="oee-stops-empty" />
                      )}
                      <StopList stops={summed?.stops ?? []} />
                    </div>
                  </Col>
                  <Col xs={24} xl={12}>
                    <div className="gb-oee-block" data-testid="oee-losses">
                      <div className="gb-oee-block__title">
                        {t('factory.oee.lossesTitle')}
                        <Tooltip title={<LossHelp />}>
                          <InfoCircleOutlined className="gb-muted gb-oee-block__help" />
                        </Tooltip>
                      </div>
                      {figures.plannedS > 0 ? (
                        <>
                          <div className="gb-muted gb-oee-block__hint" data-testid="oee-losses-hint">
                            {figures.devices > 1
                              ? t('factory.oee.lossesHint', { devices: figures.devices, planned: minutes(figures.plannedS) })
                              : t('factory.oee.lossesHintOne', { planned: minutes(figures.plannedS) })}
                          </div>
                          <Suspense fallback={chartFallback}>
                            {waterfall && <EChart option={waterfall} className="gb-oee-chart" testId="oee-loss-chart" label={t('factory.oee.lossesTitle')} />}
                          </Suspense>
                        </>
                      ) : (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.oee.why.noPlan')} data-testid="oee-losses-empty" />
                      )}
                    </div>
                  </Col>
                </Row>
                <div className="gb-oee-block" data-testid="oee-states">
                  <div className="gb-oee-block__title">{t('factory.oee.statesTitle')}</div>
                  <div className="gb-oee-states-row">
                    {ring ? (
                      <Suspense fallback={chartFallback}>
                        <EChart option={ring} className="gb-oee-ring" testId="oee-state-chart" label={t('factory.oee.statesTitle')} />
                      </Suspense>
                    ) : (
                      <Empty className="gb-oee-ring" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.oee.statesEmpty')} data-testid="oee-states-empty" />
                    )}
                    <div className="gb-oee-stats">
                      <Stat label={t('factory.oee.planned')} value={minutes(figures.plannedS)} unit={t('factory.oee.minutesUnit')} />
                      <Stat label={t('factory.oee.run')} value={minutes(figures.runS)} unit={t('factory.oee.minutesUnit')} />
                      <Stat label={t('factory.oee.failures')} value={String(figures.failures)} testId="oee-failures" />
                      <Stat label={t('factory.oee.mtbf')} value={minutesOrDash(figures.mtbfMin)} unit={t('factory.oee.minutesUnit')} testId="oee-mtbf" />
                      <Stat label={t('factory.oee.mttr')} value={minutesOrDash(figures.mttrMin)} unit={t('factory.oee.minutesUnit')} testId="oee-mttr" />
                    </div>
                  </div>
                </div>
                <Collapse
                  className="gb-oee-block gb-oee-block--table"
                  ghost
                  items={[
                    {
                      key: 'devices',
                      label: <span data-testid="oee-devices-toggle">{t('factory.oee.devicesShow', { count: rows.length })}</span>,
                      children: <OeeDeviceTable rows={rows} devices={devices} />,
                    },
                  ]}
                />
              </>
            )
          )}
        </>
      )}
    </Card>
  );
}
