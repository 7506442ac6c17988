import { Link } from 'react-router-dom';
import { WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Alarm, FactoryDevice } from '../../api/types';
import { currentLocale } from '../../i18n';
import { ago } from './format';
import { kindLabel } from './labels';
import { deviceName, KIND_ICONS } from './model';

/**
 * One machine on the line page: online, offline or without data at a glance, its kind, code and name, and its most severe open
 * alarm if it has one (what stopped it); opens the device page.
 */
export function DeviceTile({ device, now, alarm, stale = false }: { device: FactoryDevice; now: number; alarm?: Alarm; stale?: boolean }) {
  const { t } = useTranslation();
  // A device that never sent anything is not offline (nothing said so) but without data; with the plant feed
  // stopped an "online" is only the last known state.
  const state = !device.lastSeenAt ? 'nodata' : device.online ? 'online' : 'offline';
  const message = alarm ? (currentLocale() === 'zh-CN' ? alarm.messageZh : alarm.messageEn) : null;
  return (
    <Link
      to={`/factory/devices/${device.id}`}
      className={`gb-device-tile gb-device-tile--${state}${alarm ? ` gb-device-tile--alarm gb-device-tile--${alarm.severity}` : ''}`}
      data-testid={`device-tile-${device.code}`}
      data-state={state}
      data-alarm={alarm?.severity}
      title={`${device.code} · ${deviceName(device)} · ${kindLabel(t, device.kind)}${message ? ` · ${message}` : ''}`}
    >
      <span className="gb-device-tile__icon" aria-hidden>
        {KIND_ICONS[device.kind]}
      </span>
      <span className="gb-device-tile__text">
        <span className="gb-device-tile__code">{device.code}</span>
        <span className="gb-device-tile__name">{deviceName(device)}</span>
        <span className="gb-device-tile__status">
          <span className="gb-dot" />
          {state === 'nodata'
            ? t('factory.timeline.noDataState')
            : device.online
              ? stale
                ? `${t('factory.online')} · ${t('factory.feed.lastKnown')}`
                : t('factory.online')
              : `${t('factory.offline')} · ${ago(device.lastSeenAt, t, now)}`}
        </span>
        {message && (
          <span className="gb-device-tile__alarm">
            <WarningFilled /> {message}
          </span>
        )}
      </span>
    </Link>
  );
}
