import { lazy } from 'react';
import { ApartmentOutlined, BankOutlined, DashboardOutlined, BuildOutlined, FundProjectionScreenOutlined, RobotOutlined, ShopOutlined } from '@ant-design/icons';
import type { FeatureManifest } from '../shell/manifest';
import { ComingModulePage } from '../modules/coming';
import { Forbidden } from '../shell/StatusViews';
import { parkMessages } from '@gearbridge/contracts/messages';
import { ParkGate } from './ParkGate';
import { can } from '../auth/session';
import zhCN from './i18n/zh-CN';
import en from './i18n/en';
import { zhPark } from './i18n/messages.zh-CN';

// Every page loads on first visit, so signing in downloads only the shell.
const ProjectsPage = lazy(() => import('./ProjectsPage'));
const EnterprisesPage = lazy(() => import('./EnterprisesPage'));
const RetrofitsPage = lazy(() => import('./RetrofitsPage'));
const SpacePage = lazy(() => import('./SpacePage'));
const ChainsPage = lazy(() => import('./ChainsPage'));
const EnterprisePage = lazy(() => import('./EnterprisePage'));
const PipelineCard = lazy(() => import('./WorkbenchCard'));
const DashboardPage = lazy(() => import('./DashboardPage'));
const ParkScreenPage = lazy(() => import('./ParkScreenPage'));

/** 园区: investment projects (kanban, list, the yearly summary) and the enterprise registry, for park.read. */
export const park: FeatureManifest = {
  name: 'park',
  // The park administration, the district and the park's enterprises.
  module: { name: 'park', icon: <BankOutlined />, labelKey: 'nav.park', gate: 'park.read', orgKinds: ['park_admin', 'government', 'enterprise'] },
  routes: [
    {
      path: 'park',
      element: <ParkGate coming={<ComingModulePage name="park" />} />,
      children: [
        { index: true, element: <ProjectsPage /> },
        { path: 'dashboard', element: <DashboardPage /> },
        { path: 'enterprises', element: <EnterprisesPage /> },
        { path: 'enterprises/:id', element: <EnterprisePage /> },
        { path: 'retrofits', element: <RetrofitsPage /> },
        { path: 'space', element: <SpacePage /> },
        { path: 'chains', element: <ChainsPage /> },
      ],
    },
  ],
  menu: [
    {
      key: 'park',
      icon: <BankOutlined />,
      labelKey: 'nav.park',
      children: [
        { key: '/park/dashboard', icon: <DashboardOutlined />, labelKey: 'park.nav.dashboard' },
        { key: '/park', icon: <FundProjectionScreenOutlined />, labelKey: 'park.nav.projects' },
        { key: '/park/enterprises', icon: <ShopOutlined />, labelKey: 'park.nav.enterprises' },
        { key: '/park/retrofits', icon: <RobotOutlined />, labelKey: 'park.nav.retrofits' },
        { key: '/park/chains', icon: <ApartmentOutlined />, labelKey: 'park.nav.chains' },
        { key: '/park/space', icon: <BuildOutlined />, labelKey: 'park.nav.space' },
      ],
    },
  ],
  // The 大屏: outside the shell, on the wall.
  screens: [{ path: 'park/screen', element: <ParkGate coming={<Forbidden />} />, children: [{ index: true, element: <ParkScreenPage /> }] }],
  i18n: { 'zh-CN': zhCN, en },
  messages: { en: parkMessages, zh: zhPark },
  // Whoever keeps the pipeline (the park officer) sees it by stage on the home page.
  workbench: [{ key: 'park-pipeline', order: 300, width: 'half', show: (me) => can(me, 'park.manage'), element: <PipelineCard /> }],
};
