import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PlantOee } from '../../api/types';

export interface NoticeDevice {
  deviceId: string;
  code: string;
}

/** The devices one list of several plant answers names, once each, by code. */
function devicesOf(plants: (PlantOee | undefined)[], pick: (p: PlantOee) => NoticeDevice[]): NoticeDevice[] {
  const by = new Map<string, NoticeDevice>();
  for (const p of plants) for (const d of p ? pick(p) : []) by.set(d.deviceId, { deviceId: d.deviceId, code: d.code });
  return [...by.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The devices without an ideal cycle time named by several plant answers. */
export const noIdealCycleOf = (plants: (PlantOee | undefined)[]) => devicesOf(plants, (p) => p.noIdealCycle);
/** The devices whose Performance reads above 100 % in several plant answers. */
export const overSpeedOf = (plants: (PlantOee | undefined)[]) => devicesOf(plants, (p) => p.overSpeed);

/**
 * A warning naming devices, each linked to its page where the ideal cycle time is set. `screen`: one line for the
 * 大屏, whose figures are read from across the hall.
 */
function DeviceNotice({ devices, screen, kind }: { devices: NoticeDevice[]; screen: boolean; kind: 'noIdealCycle' | 'overSpeed' }) {
  const { t } = useTranslation();
  if (!devices.length) return null;
  const testId = kind === 'noIdealCycle' ? 'no-ideal-cycle' : 'over-speed';
  if (screen)
    return (
      <div className="gb-screen-banner" role="status" data-testid={testId}>
        {t(`factory.oee.${kind}.screen`, { codes: devices.map((d) => d.code).join('、') })}
      </div>
    );
  return (
    <Alert
      type="warning"
      showIcon
      className="gb-section-card"
      data-testid={testId}
      message={t(`factory.oee.${kind}.title`, { count: devices.length })}
      description={
        <>
          {t(`factory.oee.${kind}.body`)}{' '}
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

/**
 * Devices without an ideal cycle time (one just discovered and placed on a line): the server leaves them out of the
 * line's and the plant's Performance and OEE, so that one new device does not blank them. This says so, and where
 * to set it.
 */
export const NoIdealCycleNotice = ({ devices, screen = false }: { devices: NoticeDevice[]; screen?: boolean }) => (
  <DeviceNotice devices={devices} screen={screen} kind="noIdealCycle" />
);

/**
 * Devices whose Performance reads above 100 %: they made parts faster than their ideal cycle time allows. The figures
 * stay as measured (nothing is capped); this says which ideal cycle times to check.
 */
export const OverSpeedNotice = ({ devices, screen = false }: { devices: NoticeDevice[]; screen?: boolean }) => <DeviceNotice devices={devices} screen={screen} kind="overSpeed" />;
