import { useLayoutEffect, useRef, useState } from 'react';
import { CheckCircleFilled, DisconnectOutlined, NotificationFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Alarm, Severity } from '../../api/types';
import { alarmMessage } from './AlarmCard';
import { duration } from './format';

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * The 大屏's bottom line: the open alarms, most severe first; when they do not fit they scroll past like a news
 * ticker (drawn twice so that the loop has no seam). A calm "all normal" when there are none.
 */
export function ScreenTicker({ alarms, now, stale = false }: { alarms: Alarm[]; now: number; stale?: boolean }) {
  const { t } = useTranslation();
  const sorted = [...alarms].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.raisedAt.localeCompare(b.raisedAt));
  const viewport = useRef<HTMLDivElement>(null);
  const run = useRef<HTMLSpanElement>(null);
  const [scroll, setScroll] = useState(false);
  const ids = sorted.map((a) => a.id).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: measures again when the alarms shown change (the run's width), which the effect reads from the DOM, not from ids.
  useLayoutEffect(() => {
    const v = viewport.current;
    const r = run.current;
    if (!v || !r) return;
    const check = () => setScroll(r.scrollWidth > v.clientWidth);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(v);
    return () => ro.disconnect();
  }, [ids]);
  const items = (copy: number) =>
    sorted.map((a) => (
      <span className={`gb-ticker__item gb-ticker__item--${a.severity}`} key={`${copy}-${a.id}`} data-testid={copy === 0 ? `ticker-${a.deviceCode}` : undefined}>
        <span className="gb-ticker__sev">{t(`factory.andon.severity.${a.severity}`)}</span>
        <b className="gb-ticker__device">{a.deviceCode}</b>
        <span>{alarmMessage(a)}</span>
        <span className="gb-ticker__meta">
          {a.lineCode ?? t('factory.andon.noLine')} · {duration((now - Date.parse(a.raisedAt)) / 1000, t)}
          {a.acknowledgedAt ? ` · ${t('factory.andon.acknowledged')}` : ''}
        </span>
      </span>
    ));
  return (
    <footer className="gb-ticker" data-testid="screen-ticker">
      <span className="gb-ticker__label">
        <NotificationFilled /> {t('factory.screen.ticker')}
      </span>
      {sorted.length ? (
        <div className="gb-ticker__viewport" ref={viewport}>
          <div className={`gb-ticker__track${scroll ? ' gb-ticker__track--scroll' : ''}`} style={scroll ? { animationDuration: `${Math.max(30, sorted.length * 9)}s` } : undefined}>
            <span className="gb-ticker__run" ref={run}>
              {items(0)}
            </span>
            {scroll && (
              <span className="gb-ticker__run" aria-hidden>
                {items(1)}
              </span>
            )}
          </div>
        </div>
      ) : stale ? (
        // No alarms known is not "every machine running normally" when no data arrives.
        <span className="gb-ticker__stale" data-testid="ticker-no-data">
          <DisconnectOutlined /> {t('factory.screen.noLive')}
        </span>
      ) : (
        <span className="gb-ticker__ok" data-testid="ticker-empty">
          <CheckCircleFilled /> {t('factory.screen.noAlarms')}
        </span>
      )}
    </footer>
  );
}
