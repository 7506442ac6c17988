import { Link } from 'react-router-dom';
import { WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Alarm, FactoryDevice } from '../../api/types';
import { currentLocale } from '../../i18n';
import { ago } from './format';
import { kindLabel } from './labels';
import { deviceName, KIND_ICONS } from './model';

/**
 * One machine on the line page: online or offline at a glance, its kind, code and name, and its most severe open
 * alarm if it has one (what stopped it); opens the device page.
 */
export function DeviceTile({ device, now, alarm }: { device: FactoryDevice; now: number; alarm?: Alarm }) {
  const { t } = useTranslation();
  const state = device.online ? 'online' : 'offline';
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
          {device.online ? t('factory.online') : `${t('factory.offline')} · ${ago(device.lastSeenAt, t, now)}`}
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
