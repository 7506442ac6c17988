import { Link } from 'react-router-dom';
import { Alert } from 'antd';
import { DisconnectOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { IngestStats } from '../../api/types';
import { ago } from './format';
import { plantDay, plantHms } from './plantTime';

/** Whether the plant feed runs, by the server's records (no device data for a minute: not). Unknown until loaded. */
export const feedDown = (stats: IngestStats | undefined) => !!stats && !stats.feed.live;

/** "Since 14:03:20" — with the date when it was not today (plant time). */
export function sinceText(iso: string, now: number) {
  const at = Date.parse(iso);
  return plantDay(at) === plantDay(now) ? plantHms(at) : `${plantDay(at)} ${plantHms(at)}`;
}

/**
 * Says plainly that the plant feed is not running — no device sent anything for a minute, or ever (the broker's
 * port was taken, the ingest is off, the gateways are gone) — so that last known online states and figures are not
 * read as today's. Nothing while the feed runs.
 */
export function FeedBanner({ stats, now, link = true }: { stats: IngestStats | undefined; now: number; link?: boolean }) {
  const { t } = useTranslation();
  if (!feedDown(stats)) return null;
  const last = stats!.lastPointAt;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<DisconnectOutlined />}
      className="gb-section-alert"
      role="alert"
      data-testid="feed-banner"
      title={t('factory.feed.stopped')}
      description={
        <>
          {last ? t('factory.feed.stoppedSince', { time: sinceText(last, now), ago: ago(last, t, now) }) : t('factory.feed.never')}
          {link && (
            <>
              {' '}
              <Link to="/factory/connectivity">{t('factory.feed.check')}</Link>
            </>
          )}
        </>
      }
    />
  );
}
