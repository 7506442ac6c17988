import { useTranslation } from 'react-i18next';
import { RevealValue } from '../../shell/RevealValue';
import { revealPhone } from './api';

/** A user's masked phone number, revealed (audited) on request by people allowed to see personal data. */
export function PhoneCell({ userId, masked, canReveal }: { userId: string; masked: string | null; canReveal: boolean }) {
  const { t } = useTranslation();
  return (
    <RevealValue
      masked={masked}
      canReveal={canReveal}
      fetchClear={() => revealPhone(userId)}
      valueTestId="phone-value"
      revealTestId="phone-reveal"
      labels={{ hide: t('user.hide'), reveal: t('user.reveal'), tooltip: `${t('user.reveal')} · ${t('user.revealAudited')}` }}
    />
  );
}
