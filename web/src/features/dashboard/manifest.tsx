import { lazy } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import type { FeatureManifest } from '../shell/manifest';
import { can } from '../auth/session';
import zhCN from './i18n/zh-CN';
import en from './i18n/en';

const DashboardPage = lazy(() => import('./DashboardPage'));
const cards = () => import('./cards');
const AdminStatsCard = lazy(() => cards().then((m) => ({ default: m.AdminStatsCard })));
const OrgKindsCard = lazy(() => cards().then((m) => ({ default: m.OrgKindsCard })));
const RecentAuditCard = lazy(() => cards().then((m) => ({ default: m.RecentAuditCard })));

/**
 * Those who administer organisations or users. Reading them is not enough: operators, buyers and suppliers read
 * organisations, a plant manager, an employer's HR and a partner officer read users, and their home is their work.
 */
const administers = (me: Parameters<typeof can>[0]) => can(me, 'org.manage') || can(me, 'user.manage');

/** 首页 (工作台): the signed-in user's cards, at `/`; the administrators' cards are the core's own. */
export const dashboard: FeatureManifest = {
  name: 'dashboard',
  routes: [{ index: true, element: <DashboardPage /> }],
  menu: [{ key: '/', icon: <HomeOutlined />, labelKey: 'nav.dashboard' }],
  i18n: { 'zh-CN': zhCN, en },
  workbench: [
    { key: 'admin-stats', order: 900, width: 'full', show: administers, element: <AdminStatsCard /> },
    { key: 'org-kinds', order: 910, width: 'half', show: (me) => administers(me) && can(me, 'org.read'), element: <OrgKindsCard /> },
    { key: 'recent-audit', order: 920, width: 'half', show: (me) => can(me, 'audit.read'), element: <RecentAuditCard /> },
  ],
};
