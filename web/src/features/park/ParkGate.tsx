import type { ReactNode } from 'react';
import { Outlet } from 'react-router-dom';
import { can, useCurrentUser } from '../auth/session';
import { Forbidden } from '../shell/StatusViews';
import { isAvailable, useModules } from '../shell/useModules';

/**
 * The park routes: their pages for users who may read park data; for everyone else the "coming" page while the
 * module is listed as coming, and a no-permission page once it is released. The server enforces the same anyway.
 */
export function ParkGate({ coming }: { coming: ReactNode }) {
  const me = useCurrentUser();
  const { data: modules } = useModules();
  if (can(me, 'park.read')) return <Outlet />;
  return isAvailable(modules, 'park') ? <Forbidden /> : coming;
}
