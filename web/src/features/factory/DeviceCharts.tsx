import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { useQueries } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { FactoryDevice } from '../../api/types';
import { errorText } from '../../api/errors';
import { CHART_MS, CHART_WINDOW_MIN, seriesQuery, useDeviceMetrics, type SeriesData } from './api';
import { formatValue } from './format';
import { metricLabel } from './labels';
import { chartsOf, type MetricDef } from './model';
import type { MetricChartLabels } from './MetricChart';
import { LiveIndicator } from './LiveIndicator';

// ECharts is large: it loads with the first chart, never with the shell.
const MetricChart = lazy(() => import('./MetricChart'));

const MINUTE = 60_000;

/** The metrics the device declared, over the last hour from the 1-minute rollups, refreshed every 10 s. */
export function DeviceCharts({ device }: { device: FactoryDevice }) {
  const { t } = useTranslation();
  const metrics = useDeviceMetrics(device.id);
  const defs = useMemo(() => chartsOf(metrics.data ?? []), [metrics.data]);
  const results = useQueries({ queries: defs.map((d) => seriesQuery(device.id, d.name)) });
  const labels = useMemo<MetricChartLabels>(
    () => ({ avg: t('factory.chart.avg'), min: t('factory.chart.min'), max: t('factory.chart.max'), value: t('factory.chart.value') }),
    [t],
  );

  // A metric this device never reported answers 404: its chart is left out rather than shown empty.
  const shown = defs.map((def, i) => ({ def, q: results[i] })).filter(({ q }) => !(isApiError(q.error) && q.error.status === 404));
  const updatedAt = Math.max(0, ...results.map((q) => q.dataUpdatedAt));
  const failed = results.some((q) => q.isRefetchError && !(isApiError(q.error) && q.error.status === 404));

  return (
    <Card
      className="gb-section-card"
      title={t('factory.device.charts', { minutes: CHART_WINDOW_MIN })}
      extra={<LiveIndicator updatedAt={updatedAt} failed={failed} everySeconds={CHART_MS / 1000} />}
      data-testid="device-charts"
    >
      {metrics.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : metrics.error && !metrics.data ? (
        <div className="gb-metric__empty gb-text-warning">{errorText(metrics.error, t)}</div>
      ) : !shown.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.device.noMetrics')} />
      ) : (
        <Row gutter={[16, 16]}>
          {shown.map(({ def, q }) => (
            <Col xs={24} xl={12} key={def.name}>
              <ChartPanel def={def} data={q.data} error={q.error} labels={labels} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

function ChartPanel({ def, data, error, labels }: { def: MetricDef; data: SeriesData | undefined; error: unknown; labels: MetricChartLabels }) {
  const { t } = useTranslation();
  const unit = data?.unit ?? def.unit;
  const last = data?.points.at(-1);
  let current: ReactNode = null;
  if (last) {
    current = (
      <span className="gb-metric-now">
        {formatValue(def.chart === 'counter' ? last.last : last.avg, def.chart === 'counter' ? 0 : 1)}
        {unit && <span className="gb-muted"> {unit}</span>}
      </span>
    );
  }
  return (
    <div className="gb-metric" data-testid={`chart-${def.name}`}>
      <div className="gb-metric__head">
        <span className="gb-metric__title">
          {metricLabel(t, def.name)}
          {unit && <span className="gb-muted"> ({unit})</span>}
          <span className="gb-muted gb-mono gb-metric__code">{def.name}</span>
        </span>
        {current}
      </div>
      {error && !data ? (
        <div className="gb-metric__empty gb-text-warning">{errorText(error, t)}</div>
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 4 }} title={false} />
      ) : !data.points.length ? (
        <div className="gb-metric__empty">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.device.noPoints', { minutes: CHART_WINDOW_MIN })} />
        </div>
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} title={false} />}>
          <MetricChart chart={def.chart} points={data.points} from={data.from} to={data.to - MINUTE} unit={unit} labels={labels} testId={`metric-chart-${def.name}`} />
        </Suspense>
      )}
    </div>
  );
}
