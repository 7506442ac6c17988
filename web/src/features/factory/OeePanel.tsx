import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Col, DatePicker, Empty, Row, Segmented, Skeleton, Tag, Tooltip } from 'antd';
import { CalendarOutlined, InfoCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FactoryDevice, FactoryLine, OeeFigures } from '../../api/types';
import { QueryError } from '../shell/StatusViews';
import { OEE_MS, useCalendar, useLineOee } from './api';
import { lossWaterfall, stateRing } from './chartOptions';
import { LiveIndicator } from './LiveIndicator';
import { useLossLabels, useStateNames } from './useOeeLabels';
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

/**
 * The line's OEE for a plant day (today by default; the day sits in the address bar): the day and each shift as
 * A × P × Q = OEE, and for the one chosen the six big losses, where the time went, MTBF/MTTR and every device.
 */
export function OeePanel({ line, devices }: { line: FactoryLine; devices: FactoryDevice[] }) {
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
  const upcoming = live && calendar.data ? calendar.data.shifts.filter((s) => !shifts.some((x) => x.code === s.code)) : [];
  const current = shifts.find((s) => s.inProgress);
  const scope = picked && (picked === WHOLE_DAY || shifts.some((s) => s.code === picked)) ? picked : (current?.code ?? WHOLE_DAY);
  const chosen = shifts.find((s) => s.code === scope);
  const figures: OeeFigures | undefined = chosen ? chosen.line : data?.total;
  const rows = chosen ? chosen.devices : (data?.devices ?? []);

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
          {live && <LiveIndicator updatedAt={data ? Date.parse(data.asOf) : 0} failed={oee.isRefetchError} everySeconds={OEE_MS / 1000} />}
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
          <Row gutter={[12, 12]} data-testid="oee-cards">
            <Col xs={24} md={12} xxl={6}>
              <OeeFiguresCard
                title={live ? t('factory.oee.todaySoFar') : t('factory.oee.wholeDay')}
                figures={data.total}
                selected={scope === WHOLE_DAY}
                onSelect={() => setPicked(WHOLE_DAY)}
                testId="oee-card-day"
              />
            </Col>
            {shifts.map((s) => (
              <Col xs={24} md={12} xxl={6} key={s.code}>
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
                <Col xs={24} md={12} xxl={6} key={s.code}>
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
                  <Col xs={24} xl={14}>
                    <div className="gb-oee-block" data-testid="oee-losses">
                      <div className="gb-oee-block__title">{t('factory.oee.lossesTitle')}</div>
                      <Suspense fallback={chartFallback}>
                        {waterfall && <EChart option={waterfall} className="gb-oee-chart" testId="oee-loss-chart" label={t('factory.oee.lossesTitle')} />}
                      </Suspense>
                    </div>
                  </Col>
                  <Col xs={24} xl={10}>
                    <div className="gb-oee-block" data-testid="oee-states">
                      <div className="gb-oee-block__title">{t('factory.oee.statesTitle')}</div>
                      <Suspense fallback={chartFallback}>
                        {ring && <EChart option={ring} className="gb-oee-ring" testId="oee-state-chart" label={t('factory.oee.statesTitle')} />}
                      </Suspense>
                      <div className="gb-oee-stats">
                        <Stat label={t('factory.oee.planned')} value={minutes(figures.plannedS)} unit={t('factory.oee.minutesUnit')} />
                        <Stat label={t('factory.oee.run')} value={minutes(figures.runS)} unit={t('factory.oee.minutesUnit')} />
                        <Stat label={t('factory.oee.failures')} value={String(figures.failures)} testId="oee-failures" />
                        <Stat label={t('factory.oee.mtbf')} value={minutesOrDash(figures.mtbfMin)} unit={t('factory.oee.minutesUnit')} testId="oee-mtbf" />
                        <Stat label={t('factory.oee.mttr')} value={minutesOrDash(figures.mttrMin)} unit={t('factory.oee.minutesUnit')} testId="oee-mttr" />
                      </div>
                    </div>
                  </Col>
                </Row>
                <div className="gb-oee-block gb-oee-block--table">
                  <div className="gb-oee-block__title">{t('factory.oee.devicesTitle', { count: rows.length })}</div>
                  <OeeDeviceTable rows={rows} devices={devices} />
                </div>
              </>
            )
          )}
        </>
      )}
    </Card>
  );
}
