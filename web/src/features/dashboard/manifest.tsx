import { lazy } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import type { FeatureManifest } from '../shell/manifest';

const DashboardPage = lazy(() => import('./DashboardPage'));

/** 首页: the signed-in user's overview, at `/`. Its texts are the shell's (web/src/i18n). */
export const dashboard: FeatureManifest = {
  name: 'dashboard',
  routes: [{ index: true, element: <DashboardPage /> }],
  menu: [{ key: '/', icon: <HomeOutlined />, labelKey: 'nav.dashboard' }],
};
