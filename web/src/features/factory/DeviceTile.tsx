import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { FactoryDevice } from '../../api/types';
import { ago } from './format';
import { kindLabel } from './labels';
import { deviceName, KIND_ICONS } from './model';

/** One machine on the line page: online or offline at a glance, its kind, code and name; opens the device page. */
export function DeviceTile({ device, now }: { device: FactoryDevice; now: number }) {
  const { t } = useTranslation();
  const state = device.online ? 'online' : 'offline';
  return (
    <Link
      to={`/factory/devices/${device.id}`}
      className={`gb-device-tile gb-device-tile--${state}`}
      data-testid={`device-tile-${device.code}`}
      data-state={state}
      title={`${device.code} · ${deviceName(device)} · ${kindLabel(t, device.kind)}`}
    >
      <span className="gb-device-tile__icon" aria-hidden>{KIND_ICONS[device.kind]}</span>
      <span className="gb-device-tile__text">
        <span className="gb-device-tile__code">{device.code}</span>
        <span className="gb-device-tile__name">{deviceName(device)}</span>
        <span className="gb-device-tile__status">
          <span className="gb-dot" />
          {device.online ? t('factory.online') : `${t('factory.offline')} · ${ago(device.lastSeenAt, t, now)}`}
        </span>
      </span>
    </Link>
  );
}
