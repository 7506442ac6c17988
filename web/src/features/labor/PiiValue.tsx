import { useTranslation } from 'react-i18next';
import { RevealValue } from '../shell/RevealValue';
import { revealWorker } from './api';
import type { RevealField } from './types';

/** A worker's masked ID number, phone or name, revealed (audited) on request by people allowed to. */
export function PiiValue({ workerId, field, masked, canReveal }: { workerId: string; field: RevealField; masked: string | null; canReveal: boolean }) {
  const { t } = useTranslation();
  return (
    <RevealValue
      masked={masked}
      canReveal={canReveal}
      fetchClear={() => revealWorker(workerId, field)}
      mono={field !== 'name'}
      valueTestId={`pii-${field}`}
      revealTestId={`reveal-${field}`}
      labels={{ hide: t('labor.reveal.hide'), reveal: t('labor.reveal.button'), tooltip: t('labor.reveal.tooltip') }}
    />
  );
}
