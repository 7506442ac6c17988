import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function Logo({ size = 32 }: { size?: number }) {
  return <img src="/favicon.svg" width={size} height={size} alt="" className="gb-logo" />;
}

/** Logo and product name at the top of the side menu. */
export function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" className={collapsed ? 'gb-brand gb-brand--collapsed' : 'gb-brand'}>
      <Logo />
      {!collapsed && (
        <span className="gb-brand__text">
          <span className="gb-brand__name">{t('app.name')}</span>
          <span className="gb-brand__sub">{t('app.shortName')}</span>
        </span>
      )}
    </Link>
  );
}
