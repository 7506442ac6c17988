import { lazy } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import type { FeatureManifest } from '../shell/manifest';
import zhCN from './i18n/zh-CN';
import en from './i18n/en';

const DashboardPage = lazy(() => import('./DashboardPage'));

/** 首页: the signed-in user's overview, at `/`. */
export const dashboard: FeatureManifest = {
  name: 'dashboard',
  routes: [{ index: true, element: <DashboardPage /> }],
  menu: [{ key: '/', icon: <HomeOutlined />, labelKey: 'nav.dashboard' }],
  i18n: { 'zh-CN': zhCN, en },
};
