import type { ReactNode } from 'react';
import { Outlet } from 'react-router-dom';
import { can, useCurrentUser } from '../auth/session';
import { Forbidden } from '../shell/StatusViews';
import { isAvailable, useModules } from '../shell/useModules';

/**
 * The trade routes: their pages for users who may read the catalogue (trade.read); for everyone else the "coming"
 * page while the module is listed as coming, and a no-permission page once it is released. The server enforces the
 * same anyway.
 */
export function TradeGate({ coming }: { coming: ReactNode }) {
  const me = useCurrentUser();
  const { data: modules } = useModules();
  if (can(me, 'trade.read')) return <Outlet />;
  return isAvailable(modules, 'trade') ? <Forbidden /> : coming;
}
