import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { errorText } from '../../api/errors';

export function PageSpinner({ full = false }: { full?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={full ? 'gb-spinner gb-spinner--full' : 'gb-spinner'} role="status" aria-live="polite">
      <Spin size="large" />
      <span className="gb-spinner__text">{t('app.loading')}</span>
    </div>
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('common.noPermission')}
      subTitle={t('common.noPermissionDesc')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('common.notFound')}
      subTitle={t('common.notFoundDesc')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** What a page shows when its main query failed: a no-permission page for 403, else the error and a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === 403) return <Forbidden />;
  return <Result status="warning" title={t('common.loadFailed')} subTitle={errorText(error, t)} extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>} />;
}
