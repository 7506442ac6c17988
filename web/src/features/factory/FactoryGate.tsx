import type { ReactNode } from 'react';
import { Outlet } from 'react-router-dom';
import { can, useCurrentUser } from '../auth/session';
import { Forbidden } from '../shell/StatusViews';
import { isAvailable, useModules } from '../shell/useModules';

/**
 * The factory routes: their pages for users who may read plant data; for everyone else the "coming" page while the
 * module is not released, and a no-permission page once it is. The server enforces the same permission anyway.
 */
export function FactoryGate({ coming }: { coming: ReactNode }) {
  const me = useCurrentUser();
  const { data: modules } = useModules();
  if (can(me, 'factory.read')) return <Outlet />;
  return isAvailable(modules, 'factory') ? <Forbidden /> : coming;
}
