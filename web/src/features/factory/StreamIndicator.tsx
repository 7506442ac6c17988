import { useTranslation } from 'react-i18next';
import { plantHms } from './plantTime';
import type { StreamStatus } from './useAndonStream';

/** "Live feed · connected", or a warning while the event stream reconnects (the last alarms stay on screen). */
export function StreamIndicator({ status, updatedAt, className }: { status: StreamStatus; updatedAt: number; className?: string }) {
  const { t } = useTranslation();
  const live = status === 'live';
  return (
    <span className={`gb-live${live ? '' : ' gb-live--failed'} ${className ?? ''}`} role="status" data-testid="stream-indicator" data-status={status}>
      <span className="gb-live__dot" />
      {t(`factory.andon.stream.${status}`)}
      {live && updatedAt > 0 && <span className="gb-live__time">{t('factory.updatedAt', { time: plantHms(updatedAt) })}</span>}
    </span>
  );
}
