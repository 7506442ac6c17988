import { lazy, Suspense, useMemo, useState } from 'react';
import { Card, Empty, Segmented, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OeeRangePoint } from '../../api/types';
import { QueryError } from '../shell/StatusViews';
import { useLineOeeRange } from './api';
import { oeeTrend } from './chartOptions';
import { pct } from './oeeFormat';
import { useStopLabels } from './useOeeLabels';
import './oee.css';

const EChart = lazy(() => import('../shell/charts/EChart'));

/** The periods the card offers: days back from today, and whether the chart shows days or weeks. */
const PERIODS = { 30: 'day', 90: 'day', 365: 'week' } as const;
type Period = keyof typeof PERIODS;

/**
 * The line's OEE over the last 30 or 90 days or the year: the range's A × P × Q = OEE (summed on the server from
 * each day's parts, never an average of days), its top stop causes, and a trend by day (by week for the year).
 */
export function OeeTrendCard({ lineId }: { lineId: string }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<Period>(30);
  const range = useLineOeeRange(lineId, days, PERIODS[days]);
  const stopLabels = useStopLabels();
  const data = range.data;
  const option = useMemo(
    () =>
      data?.series.length
        ? oeeTrend(data.series, {
            oee: 'OEE',
            availability: t('factory.oee.availabilityShort'),
            performance: t('factory.oee.performanceShort'),
            quality: t('factory.oee.qualityShort'),
            period: (p: OeeRangePoint) => (data.group === 'week' ? t('factory.oee.trend.weekOf', { day: p.period.slice(5) }) : p.period.slice(5)),
          })
        : null,
    [data, t],
  );
  const total = data?.total;
  const stat = (label: string, value: string, testId: string, wide = false) => (
    <div className={wide ? 'gb-oee-stat gb-oee-trend__wide' : 'gb-oee-stat'} data-testid={testId}>
      <span className="gb-oee-stat__label">{label}</span>
      <span className="gb-oee-stat__value">{value}</span>
    </div>
  );
  return (
    <Card
      className="gb-oee-trend"
      data-testid="oee-trend"
      title={t('factory.oee.trend.title')}
      extra={
        <Segmented<Period>
          size="small"
          value={days}
          onChange={setDays}
          options={[
            { value: 30, label: t('factory.oee.trend.days', { n: 30 }) },
            { value: 90, label: t('factory.oee.trend.days', { n: 90 }) },
            { value: 365, label: t('factory.oee.trend.year') },
          ]}
          data-testid="oee-trend-period"
        />
      }
    >
      {range.error && !data ? (
        <QueryError error={range.error} onRetry={() => void range.refetch()} />
      ) : !data || !total ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <div className="gb-oee-stats" data-testid="oee-trend-figures">
            {stat('OEE', pct(total.oee), 'oee-trend-oee')}
            {stat(t('factory.oee.availabilityShort'), pct(total.availability), 'oee-trend-a')}
            {stat(t('factory.oee.performanceShort'), pct(total.performance), 'oee-trend-p')}
            {stat(t('factory.oee.qualityShort'), pct(total.quality), 'oee-trend-q')}
            {stat(
              t('factory.oee.trend.output'),
              t('factory.oee.trend.goodOfTotal', { good: total.good.toLocaleString(), total: total.total.toLocaleString() }),
              'oee-trend-output',
              true,
            )}
          </div>
          {option ? (
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 260 }} />}>
              <EChart option={option} className="gb-oee-trend__chart" testId="oee-trend-chart" label={t('factory.oee.trend.title')} />
            </Suspense>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.oee.trend.empty')} />
          )}
          {total.stops.length > 0 && (
            <div className="gb-oee-trend__stops" data-testid="oee-trend-stops">
              <span className="gb-muted">{t('factory.oee.trend.topStops')}</span>
              {total.stops.slice(0, 3).map((r) => (
                <Tag key={`${r.state}:${r.code ?? ''}`}>
                  {stopLabels.name(r)} · {t('factory.oee.trend.hours', { h: (r.seconds / 3600).toLocaleString(undefined, { maximumFractionDigits: 1 }) })}
                </Tag>
              ))}
            </div>
          )}
          {data.days.stale > 0 && (
            <div className="gb-muted gb-oee-trend__note" data-testid="oee-trend-stale">
              {t('factory.oee.trend.stale', { n: data.days.stale })}
            </div>
          )}
        </>
      )}
    </Card>
  );
}
