import { useTranslation } from 'react-i18next';
import { plantHms } from './plantTime';

/**
 * "Live · every 5 s · updated 13:53:20" (plant time, as the charts), a warning while refreshes fail (the last good
 * data stays on screen), or "No live data" when the plant feed itself is not running — the page refreshes, but
 * nothing new arrives, so it is not live.
 */
export function LiveIndicator({ updatedAt, failed, everySeconds, feedDown = false }: { updatedAt: number; failed: boolean; everySeconds: number; feedDown?: boolean }) {
  const { t } = useTranslation();
  const warn = failed || feedDown;
  return (
    <span className={warn ? 'gb-live gb-live--failed' : 'gb-live'} role="status" data-testid="live-indicator" data-feed={feedDown ? 'down' : 'live'}>
      <span className="gb-live__dot" />
      {failed ? t('factory.liveFailed') : feedDown ? t('factory.feed.indicator') : t('factory.live', { seconds: everySeconds })}
      {updatedAt > 0 && <span className="gb-live__time">{t('factory.updatedAt', { time: plantHms(updatedAt) })}</span>}
    </span>
  );
}
