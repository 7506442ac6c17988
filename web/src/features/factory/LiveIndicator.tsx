import { useTranslation } from 'react-i18next';
import { plantHms } from './plantTime';

/** "Live · every 5 s · updated 13:53:20" (plant time, as the charts), or a warning while refreshes fail (the last good data stays on screen). */
export function LiveIndicator({ updatedAt, failed, everySeconds }: { updatedAt: number; failed: boolean; everySeconds: number }) {
  const { t } = useTranslation();
  return (
    <span className={failed ? 'gb-live gb-live--failed' : 'gb-live'} role="status" data-testid="live-indicator">
      <span className="gb-live__dot" />
      {failed ? t('factory.liveFailed') : t('factory.live', { seconds: everySeconds })}
      {updatedAt > 0 && <span className="gb-live__time">{t('factory.updatedAt', { time: plantHms(updatedAt) })}</span>}
    </span>
  );
}
