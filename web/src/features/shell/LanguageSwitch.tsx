import { Button, Segmented } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../api/types';
import { LOCALES, currentLocale } from '../../i18n';
import { useSwitchLocale } from '../auth/session';

const SHORT: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** The language choice: a segmented control on the login page, a one-click toggle in the header. */
export function LanguageSwitch({ variant = 'menu' }: { variant?: 'menu' | 'segmented' }) {
  const { t, i18n } = useTranslation();
  const switchTo = useSwitchLocale();
  const locale = currentLocale();
  void i18n.language; // re-render on language change
  if (variant === 'segmented') {
    return (
      <Segmented<Locale>
        data-testid="lang-switch"
        aria-label={t('lang.label')}
        value={locale}
        onChange={switchTo}
        options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
      />
    );
  }
  // Two languages: one click switches to the other, the button naming the language it switches to.
  const other = LOCALES.find((l) => l !== locale) ?? locale;
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      data-testid="lang-switch"
      data-target-locale={other}
      aria-label={t('lang.label')}
      title={t('lang.label')}
      onClick={() => switchTo(other)}
    >
      {SHORT[other]}
    </Button>
  );
}
