import type { ReactNode } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { can, useCurrentUser } from '../auth/session';
import { Forbidden } from '../shell/StatusViews';
import { isAvailable, useModules } from '../shell/useModules';
import { usesFactory } from './orgKinds';

/** For a user whose organisation does not run a plant (a hospital, a school): says so instead of empty plant pages. */
export function NotForOrganisation() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Result
      status="info"
      title={t('factory.notForOrg.title')}
      subTitle={t('factory.notForOrg.body', { kind: t(`orgKind.${me.user.orgKind}`) })}
      extra={
        <Link to="/">
          <Button type="primary">{t('factory.notForOrg.home')}</Button>
        </Link>
      }
      data-testid="factory-not-for-org"
    />
  );
}

/**
 * The factory routes: their pages for users who may read plant data and whose organisation runs a plant (or follows
 * them: a park administration); a "not for your organisation" page for others who hold the permission through a
 * built-in role (a hospital's administrator); for everyone else the "coming" page while the module is not released,
 * and a no-permission page once it is. The server enforces the permission and the data scope anyway.
 */
export function FactoryGate({ coming }: { coming: ReactNode }) {
  const me = useCurrentUser();
  const { data: modules } = useModules();
  if (can(me, 'factory.read')) return usesFactory(me) ? <Outlet /> : <NotForOrganisation />;
  return isAvailable(modules, 'factory') ? <Forbidden /> : coming;
}
