import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PlantOee } from '../../api/types';

export interface NoIdealCycleDevice {
  deviceId: string;
  code: string;
}

/** The devices without an ideal cycle time named by several plant answers, once each, by code. */
export function noIdealCycleOf(plants: (PlantOee | undefined)[]): NoIdealCycleDevice[] {
  const by = new Map<string, NoIdealCycleDevice>();
  for (const p of plants) for (const d of p?.noIdealCycle ?? []) by.set(d.deviceId, { deviceId: d.deviceId, code: d.code });
  return [...by.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Devices without an ideal cycle time (one just discovered and placed on a line): the server leaves them out of the
 * line's and the plant's Performance and OEE, so that one new device does not blank them. This says so, and where
 * to set it. `screen`: one line for the 大屏, whose figures are read from across the hall.
 */
export function NoIdealCycleNotice({ devices, screen = false }: { devices: NoIdealCycleDevice[]; screen?: boolean }) {
  const { t } = useTranslation();
  if (!devices.length) return null;
  if (screen)
    return (
      <div className="gb-screen-banner" role="status" data-testid="no-ideal-cycle">
        {t('factory.oee.noIdealCycle.screen', { codes: devices.map((d) => d.code).join('、') })}
      </div>
    );
  return (
    <Alert
      type="warning"
      showIcon
      className="gb-section-card"
      data-testid="no-ideal-cycle"
      message={t('factory.oee.noIdealCycle.title', { count: devices.length })}
      description={
        <>
          {t('factory.oee.noIdealCycle.body')}{' '}
          {devices.map((d, i) => (
            <span key={d.deviceId}>
              {i > 0 && '，'}
              <Link to={`/factory/devices/${d.deviceId}`}>{d.code}</Link>
            </span>
          ))}
        </>
      }
    />
  );
}
