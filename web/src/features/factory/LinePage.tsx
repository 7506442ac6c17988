import { Link, useNavigate, useParams } from 'react-router-dom';
import { Breadcrumb, Button, Empty, Skeleton, Tag } from 'antd';
import { AlertOutlined, FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Alarm, FactoryDevice } from '../../api/types';
import { PageHeader } from '../shell/PageHeader';
import { NotFound, QueryError } from '../shell/StatusViews';
import { LIVE_MS, useIngestStats, useLineDevices, useLines } from './api';
import { FeedBanner, feedDown } from './FeedBanner';
import { useAlarms } from './andonApi';
import { DeviceTile } from './DeviceTile';
import { OeePanel } from './OeePanel';
import { OeeTrendCard } from './OeeTrendCard';
import { LiveIndicator } from './LiveIndicator';
import { compareStations, lineName } from './model';
import './factory.css';

/**
 * A line for its manager: first how it does and why it lost time — the OEE for a day with the stop reasons (a
 * Pareto in machine minutes) and the six big losses in the line's own time — then its devices by station in
 * routing order, as tiles that show online/offline and any open alarm and open the device page.
 */
export default function LinePage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const lines = useLines(true);
  const line = lines.data?.find((l) => l.id === id);
  const devices = useLineDevices(line?.id);
  const stats = useIngestStats();
  // One request for the whole line: the open alarms, most severe first, so the first per device is the one to show.
  const alarms = useAlarms({ lineId: line?.id, state: 'open', pageSize: 200 }, { refetchInterval: LIVE_MS, enabled: !!line });

  if (lines.error && !lines.data) return <QueryError error={lines.error} onRetry={() => void lines.refetch()} />;
  if (lines.data && !line) return <NotFound />;

  const stations = new Map<string | null, FactoryDevice[]>();
  for (const d of devices.data?.items ?? []) {
    const list = stations.get(d.cellCode) ?? [];
    list.push(d);
    stations.set(d.cellCode, list);
  }
  const ordered = [...stations.entries()].sort(([a], [b]) => compareStations(a, b));
  const now = devices.dataUpdatedAt || Date.now();
  const alarmOf = new Map<string, Alarm>();
  for (const a of alarms.data?.items ?? []) if (!alarmOf.has(a.deviceId)) alarmOf.set(a.deviceId, a);
  const openAlarms = alarms.data?.total ?? 0;

  return (
    <div data-testid="line-page">
      <Breadcrumb className="gb-breadcrumb" items={[{ title: <Link to="/factory">{t('nav.plant')}</Link> }, { title: line ? line.code : '…' }]} />
      <PageHeader
        title={
          line ? (
            <span data-testid="line-title">
              {line.code} · {lineName(line)}
            </span>
          ) : (
            <Skeleton.Input active />
          )
        }
        subtitle={line && [line.product && t('factory.line.productIs', { product: line.product }), `${line.siteName} · ${line.areaName}`].filter(Boolean).join(' · ')}
        extra={
          <>
            {line && (
              <Tag color={line.onlineCount === line.deviceCount ? 'green' : 'orange'} className="gb-header-tag">
                {t('factory.line.onlineOf', { online: line.onlineCount, total: line.deviceCount })}
              </Tag>
            )}
            {line && (
              <Button danger={openAlarms > 0} icon={<AlertOutlined />} onClick={() => navigate(`/factory/andon?lineId=${line.id}`)} data-testid="line-alarms">
                {t('factory.line.alarms', { count: openAlarms })}
              </Button>
            )}
            {line && (
              <Button icon={<FileTextOutlined />} onClick={() => navigate(`/factory/shift-report?lineId=${line.id}`)} data-testid="line-shift-report">
                {t('factory.shiftReport.open')}
              </Button>
            )}
            <LiveIndicator updatedAt={devices.dataUpdatedAt} failed={devices.isRefetchError} everySeconds={LIVE_MS / 1000} feedDown={feedDown(stats.data)} />
          </>
        }
      />
      <FeedBanner stats={stats.data} now={stats.dataUpdatedAt || Date.now()} />
      {/* Above the fold: how the line does (OEE) and why it lost time (stops by reason); the machines below. */}
      {line && <OeePanel line={line} devices={devices.data?.items ?? []} feedDown={feedDown(stats.data)} />}
      {line && <OeeTrendCard lineId={line.id} />}
      <h2 className="gb-section-heading" data-testid="line-devices-heading">
        {t('factory.line.devicesHeading', { count: line?.deviceCount ?? 0 })}
      </h2>
      <div className="gb-legend">
        <span className="gb-legend__item gb-legend__item--online">
          <span className="gb-dot" />
          {t('factory.online')}
        </span>
        <span className="gb-legend__item gb-legend__item--offline">
          <span className="gb-dot" />
          {t('factory.offline')}
        </span>
        <span className="gb-legend__item gb-legend__item--nodata">
          <span className="gb-dot" />
          {t('factory.timeline.noDataState')}
        </span>
        <span className="gb-legend__item gb-legend__item--alarm">
          <span className="gb-dot" />
          {t('factory.line.hasAlarm')}
        </span>
      </div>
      {devices.error && !devices.data ? (
        <QueryError error={devices.error} onRetry={() => void devices.refetch()} />
      ) : !devices.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : !ordered.length ? (
        <div className="gb-panel">
          <Empty description={t('factory.line.noDevices')} style={{ padding: 32 }} />
        </div>
      ) : (
        <div className="gb-stations">
          {ordered.map(([cell, list]) => (
            <section className="gb-station" key={cell ?? '—'} data-testid={`station-${cell ?? 'none'}`}>
              <header className="gb-station__head">
                <span className="gb-station__code">{cell ?? t('factory.line.noStation')}</span>
                <span className="gb-muted">{t('factory.line.stationDevices', { count: list.length, online: list.filter((d) => d.online).length })}</span>
              </header>
              <div className="gb-tiles">
                {list.map((d) => (
                  <DeviceTile key={d.id} device={d} now={now} alarm={alarmOf.get(d.id)} stale={feedDown(stats.data)} />
                ))}
              </div>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
