import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MachineStateName } from '../../api/types';
import type { LossLabels } from './chartOptions';
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
