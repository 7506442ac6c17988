import { Button, Dropdown, Segmented } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../api/types';
import { LOCALES, currentLocale } from '../../i18n';
import { useSwitchLocale } from '../auth/session';

const SHORT: Record<Locale, string> = { 'zh-CN': '中文', en: 'EN' };

/** The language choice: a segmented control on the login page, a compact menu in the header. */
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
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({ key: l, label: <span data-testid={`lang-option-${l}`}>{t(`lang.${l}`)}</span> })),
        onClick: ({ key }) => switchTo(key as Locale),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} data-testid="lang-switch" aria-label={t('lang.label')}>
        {SHORT[locale]}
      </Button>
    </Dropdown>
  );
}
