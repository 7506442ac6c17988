import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Progress, Row, Skeleton, Tag } from 'antd';
import { ClockCircleOutlined, InboxOutlined, WarningOutlined, WifiOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { IngestStats } from '../../api/types';
import { ago } from './format';
import { reasonLabel } from './labels';

function SummaryCard({ title, value, foot, icon, color, testId }: { title: string; value: ReactNode; foot: ReactNode; icon: ReactNode; color: string; testId: string }) {
  return (
    <Card className="gb-stat-card gb-fstat-card" data-testid={testId}>
      <div className="gb-stat">
        <div className="gb-fstat">
          <div className="gb-fstat__title">{title}</div>
          <div className="gb-fstat__value">{value}</div>
        </div>
        <span className="gb-stat__icon" style={{ background: `${color}14`, color }}>
          {icon}
        </span>
      </div>
      <div className="gb-fstat__foot">{foot}</div>
    </Card>
  );
}

/** Devices online, devices waiting to be placed, dead letters in the last 24 h, and when data last arrived. */
export function ConnectivitySummary({ stats, now }: { stats: IngestStats | undefined; now: number }) {
  const { t } = useTranslation();
  if (!stats) {
    return (
      <Row gutter={[16, 16]}>
        {[0, 1, 2, 3].map((i) => (
          <Col xs={12} xl={6} key={i}>
            <Card className="gb-stat-card">
              <Skeleton active paragraph={{ rows: 1 }} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  }
  const { devices, deadLetters, lastPointAt } = stats;
  const offline = devices.total - devices.online;
  const percent = devices.total ? Math.round((devices.online / devices.total) * 100) : 0;
  const reasons = Object.entries(deadLetters.byReason).sort((a, b) => b[1] - a[1]);
  // No data for a minute (the server's judgement, from its own clock): the online count is the last known one.
  const stale = !stats.feed.live;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} xl={6}>
        <SummaryCard
          testId="stat-online"
          title={t('factory.stats.online')}
          value={
            <>
              <span data-testid="stat-online-value">{devices.online}</span>
              <span className="gb-fstat__of"> / {devices.total}</span>
            </>
          }
          icon={<WifiOutlined />}
          color={stale ? '#a0a6b1' : '#1a8f5a'}
          foot={
            <>
              <Progress percent={percent} showInfo={false} size="small" strokeColor={stale ? '#a0a6b1' : offline ? '#e0a21e' : '#1a8f5a'} />
              {!devices.total
                ? t('factory.stats.noDevices')
                : stale
                  ? t('factory.stats.lastKnown', { count: devices.online })
                  : offline
                    ? t('factory.stats.offline', { count: offline })
                    : t('factory.stats.allOnline')}
            </>
          }
        />
      </Col>
      <Col xs={12} xl={6}>
        <SummaryCard
          testId="stat-discovered"
          title={t('factory.stats.discovered')}
          value={devices.discovered}
          icon={<InboxOutlined />}
          color={devices.discovered ? '#c7820a' : '#7b4fd1'}
          foot={devices.discovered ? <Link to="/factory/devices">{t('factory.stats.placeThem')}</Link> : t('factory.stats.noneDiscovered')}
        />
      </Col>
      <Col xs={12} xl={6}>
        <SummaryCard
          testId="stat-dead-letters"
          title={t('factory.stats.deadLetters24h')}
          value={deadLetters.last24h}
          icon={<WarningOutlined />}
          color={deadLetters.last24h ? '#d23f3f' : '#1f4fd1'}
          foot={
            reasons.length ? (
              <span className="gb-fstat__tags" title={t('factory.stats.byReasonTotal')}>
                {reasons.slice(0, 3).map(([r, n]) => (
                  <Tag key={r} color="red" variant="filled">
                    {reasonLabel(t, r)} {n}
                  </Tag>
                ))}
              </span>
            ) : (
              t('factory.stats.noDeadLetters')
            )
          }
        />
      </Col>
      <Col xs={12} xl={6}>
        <SummaryCard
          testId="stat-last-data"
          title={t('factory.stats.lastData')}
          value={<span className={stale ? 'gb-text-warning' : undefined}>{ago(lastPointAt, t, now)}</span>}
          icon={<ClockCircleOutlined />}
          color={stale ? '#c7820a' : '#0f9fb4'}
          foot={lastPointAt ? dayjs(lastPointAt).format('YYYY-MM-DD HH:mm:ss') : t('factory.stats.noData')}
        />
      </Col>
    </Row>
  );
}
