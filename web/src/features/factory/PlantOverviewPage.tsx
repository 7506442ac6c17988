import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Col, Empty, Progress, Row, Skeleton, Tag, Typography } from 'antd';
import { FundProjectionScreenOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FactoryLine, OeeFigures } from '../../api/types';
import { PageHeader } from '../shell/PageHeader';
import { QueryError } from '../shell/StatusViews';
import { NoIdealCycleNotice, noIdealCycleOf, OverSpeedNotice, overSpeedOf } from './NoIdealCycleNotice';
import { LIVE_MS, lineDays, useIngestStats, useLines, usePlantOees } from './api';
import { ConnectivitySummary } from './ConnectivitySummary';
import { FeedBanner, feedDown } from './FeedBanner';
import { can, useCurrentUser } from '../auth/session';
import { LiveIndicator } from './LiveIndicator';
import { RatioValue } from './OeeFiguresCard';
import { lineName } from './model';
import { plantDay } from './plantTime';
import './factory.css';
import './oee.css';

function LineCard({ line, oee, stale }: { line: FactoryLine; oee: OeeFigures | undefined; stale: boolean }) {
  const { t } = useTranslation();
  const offline = line.deviceCount - line.onlineCount;
  const percent = line.deviceCount ? Math.round((line.onlineCount / line.deviceCount) * 100) : 0;
  // With the plant feed stopped the counts are the last known ones: grey, and never "all online".
  const color = stale ? '#a0a6b1' : !line.deviceCount || line.onlineCount === 0 ? '#d23f3f' : offline ? '#e0a21e' : '#1a8f5a';
  return (
    <Link to={`/factory/lines/${line.id}`} className="gb-line-card" data-testid={`line-card-${line.code}`} data-online={line.onlineCount}>
      <div className="gb-line-card__head">
        <span className="gb-line-card__code">{line.code}</span>
        <span className="gb-line-card__name">{lineName(line)}</span>
        <RightOutlined className="gb-line-card__go" />
      </div>
      <div className="gb-line-card__product">
        <span className="gb-muted">{t('factory.line.product')}</span> {line.product ?? '—'}
      </div>
      <div className="gb-line-card__online">
        <span>
          {t('factory.line.online')} <strong data-testid="line-online-count">{line.onlineCount}</strong>
          <span className="gb-muted"> / {line.deviceCount}</span>
        </span>
        {stale ? (
          <Tag variant="filled" data-testid="line-last-known">
            {t('factory.feed.lastKnown')}
          </Tag>
        ) : offline > 0 ? (
          <Tag color="orange" variant="filled">
            {t('factory.line.offlineCount', { count: offline })}
          </Tag>
        ) : (
          line.deviceCount > 0 && (
            <Tag color="green" variant="filled">
              {t('factory.line.allOnline')}
            </Tag>
          )
        )}
      </div>
      <Progress percent={percent} showInfo={false} strokeColor={color} size="small" />
      <div className="gb-line-card__oee" data-testid="line-oee">
        <span className="gb-muted">{t('factory.overview.todayOee')}</span>
        {oee ? <RatioValue figures={oee} ratio="oee" /> : <span className="gb-muted">…</span>}
      </div>
    </Link>
  );
}

/** The plant at a glance: connectivity, every line's devices online (every 5 s) and today's OEE (every minute). */
export default function PlantOverviewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const lines = useLines(true);
  const stats = useIngestStats();
  const stale = feedDown(stats.data);
  const first = lines.data?.[0];
  const today = plantDay();
  // One plant answer per organisation owning a line (the own one, for a plant manager) carries every line's day.
  const plants = usePlantOees(
    (lines.data ?? []).map((l) => l.orgId),
    today,
  );
  const oeeOf = lineDays(plants);
  const noIdeal = noIdealCycleOf(plants);
  const fast = overSpeedOf(plants);

  return (
    <div data-testid="plant-overview-page">
      <PageHeader
        title={t('factory.overview.title')}
        subtitle={first ? `${first.siteName} · ${first.areaName}` : t('factory.overview.subtitle')}
        extra={
          <>
            <LiveIndicator
              updatedAt={Math.max(lines.dataUpdatedAt, stats.dataUpdatedAt)}
              failed={lines.isRefetchError || stats.isRefetchError}
              everySeconds={LIVE_MS / 1000}
              feedDown={stale}
            />
            <Button icon={<FundProjectionScreenOutlined />} onClick={() => navigate('/factory/screen')} data-testid="open-screen">
              {t('factory.screen.open')}
            </Button>
          </>
        }
      />
      <FeedBanner stats={stats.data} now={stats.dataUpdatedAt || Date.now()} />
      {stats.error && !stats.data ? (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <ConnectivitySummary stats={stats.data} now={stats.dataUpdatedAt || Date.now()} />
      )}
      <NoIdealCycleNotice devices={noIdeal} />
      <OverSpeedNotice devices={fast} />
      <Card
        className="gb-section-card"
        title={t('factory.overview.lines')}
        extra={
          lines.data && (
            <Typography.Text type="secondary">
              {t('factory.overview.lineCount', { count: lines.data.length, devices: lines.data.reduce((s, l) => s + l.deviceCount, 0) })}
            </Typography.Text>
          )
        }
      >
        {lines.isPending ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : lines.error && !lines.data ? (
          <QueryError error={lines.error} onRetry={() => void lines.refetch()} />
        ) : !lines.data?.length ? (
          // The way forward only for those who may take it: a manager builds the plant model, others wait for one.
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={can(me, 'factory.manage') ? t('factory.overview.noLines') : t('factory.overview.noLinesReadOnly')}>
            {can(me, 'factory.manage') && (
              <Button type="primary" onClick={() => navigate('/factory/model')} data-testid="overview-build-model">
                {t('factory.overview.buildModel')}
              </Button>
            )}
          </Empty>
        ) : (
          <Row gutter={[16, 16]} data-testid="line-cards">
            {lines.data.map((l) => (
              <Col xs={24} sm={12} lg={8} xl={6} key={l.id}>
                <LineCard line={l} oee={oeeOf.get(l.id)} stale={stale} />
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </div>
  );
}
