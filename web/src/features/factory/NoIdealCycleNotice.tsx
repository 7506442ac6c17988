import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { PlantOee } from '../../api/types';

export interface NoticeDevice {
  deviceId: string;
  code: string;
}

/** At most this many devices are named by a notice; the rest are counted. */
const MAX_NAMED = 8;

/** The devices one list of several plant answers names, once each, by code. */
function devicesOf(plants: (PlantOee | undefined)[], pick: (p: PlantOee) => NoticeDevice[]): NoticeDevice[] {
  const by = new Map<string, NoticeDevice>();
  for (const p of plants) for (const d of p ? pick(p) : []) by.set(d.deviceId, { deviceId: d.deviceId, code: d.code });
  return [...by.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The devices without an ideal cycle time named by several plant answers. */
export const noIdealCycleOf = (plants: (PlantOee | undefined)[]) => devicesOf(plants, (p) => p.noIdealCycle);
/** The devices whose Performance reads above 105 % in several plant answers (the server names them). */
export const overSpeedOf = (plants: (PlantOee | undefined)[]) => devicesOf(plants, (p) => p.overSpeed);

/**
 * A warning naming devices, each linked to its page where the ideal cycle time is set. `screen`: one line for the
 * 大屏, whose figures are read from across the hall.
 */
function DeviceNotice({ devices, screen, kind }: { devices: NoticeDevice[]; screen: boolean; kind: 'noIdealCycle' | 'overSpeed' }) {
  const { t } = useTranslation();
  if (!devices.length) return null;
  // A long list is cut: the first few by code, then how many more (the line pages name each of their own).
  const shown = devices.slice(0, MAX_NAMED);
  const more = devices.length - shown.length;
  const testId = kind === 'noIdealCycle' ? 'no-ideal-cycle' : 'over-speed';
  if (screen)
    return (
      <div className="gb-screen-banner" role="status" data-testid={testId}>
        {t(`factory.oee.${kind}.screen`, { codes: shown.map((d) => d.code).join('、') })}
        {more > 0 && t('factory.oee.andMore', { count: more })}
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
          {shown.map((d, i) => (
            <span key={d.deviceId}>
              {i > 0 && '，'}
              <Link to={`/factory/devices/${d.deviceId}`} className="gb-nowrap">
                {d.code}
              </Link>
            </span>
          ))}
          {more > 0 && t('factory.oee.andMore', { count: more })}
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
 * Devices whose Performance reads above 105 %: they made parts faster than their ideal cycle time allows. The figures
 * stay as measured (nothing is capped); this says which ideal cycle times to check. Not on the 大屏: its figures are
 * the lines' and the plant's, and nobody there can set a cycle time.
 */
export const OverSpeedNotice = ({ devices, screen = false }: { devices: NoticeDevice[]; screen?: boolean }) => <DeviceNotice devices={devices} screen={screen} kind="overSpeed" />;
