import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MachineStateName, StopReason } from '../../api/types';
import { currentLocale } from '../../i18n';
import type { LossLabels, StopLabels } from './chartOptions';
import { STATE_ORDER } from './model';

/** The loss chart's words in the current language. */
export function useLossLabels(): LossLabels {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      planned: t('factory.oee.loss.planned'),
      breakdowns: t('factory.oee.loss.breakdowns'),
      setup: t('factory.oee.loss.setup'),
      smallStops: t('factory.oee.loss.smallStops'),
      reducedSpeed: t('factory.oee.loss.reducedSpeed'),
      defects: t('factory.oee.loss.defects'),
      productive: t('factory.oee.loss.productive'),
      runUnknownSpeed: t('factory.oee.loss.runUnknownSpeed'),
      minutes: t('factory.oee.minutes'),
      ofPlanned: t('factory.oee.ofPlanned'),
    }),
    [t],
  );
}

/** Machine state names in the current language. */
export function useStateNames(): Record<MachineStateName, string> {
  const { t } = useTranslation();
  return useMemo(() => Object.fromEntries(STATE_ORDER.map((k) => [k, t(`factory.states.${k}`)])) as Record<MachineStateName, string>, [t]);
}

/** The stop causes' words: an alarm code with the plant's name for it (in the reader's language), setup, small stops, offline. */
export function useStopLabels(): StopLabels & { other: (n: number) => string } {
  const { t } = useTranslation();
  return useMemo(() => {
    const zh = currentLocale() === 'zh-CN';
    const name = (r: StopReason) => {
      if (r.state !== 'down') return t(`factory.oee.stops.${r.state}`);
      if (r.code === null) return t('factory.oee.stops.downNoCode');
      const n = zh ? r.nameZh : r.nameEn;
      return n ? t('factory.oee.stops.downCode', { code: r.code, name: n }) : t('factory.oee.stops.downUnknown', { code: r.code });
    };
    return {
      name,
      minutes: t('factory.oee.stops.minutes'),
      cumulative: t('factory.oee.stops.cumulative'),
      count: (count: number) => t('factory.oee.stops.count', { count }),
      other: (count: number) => t('factory.oee.stops.other', { count }),
    };
  }, [t]);
}
