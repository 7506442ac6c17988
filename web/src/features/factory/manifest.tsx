import { lazy } from 'react';
import {
  AlertOutlined,
  ApiOutlined,
  BranchesOutlined,
  CalendarOutlined,
  CarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  ExceptionOutlined,
  FileTextOutlined,
  HddOutlined,
  PartitionOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScanOutlined,
  ThunderboltOutlined,
  ToolOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import type { FeatureManifest } from '../shell/manifest';
import { Forbidden } from '../shell/StatusViews';
import { ComingModulePage } from '../modules/coming';
import { FactoryGate } from './FactoryGate';
import { FACTORY_ORG_KINDS } from './orgKinds';
import zhCN from './i18n/zh-CN';
import en from './i18n/en';
import { factoryMessages } from '@gearbridge/contracts/messages';
import { zhFactory } from './i18n/messages.zh-CN';
import { factoryWorkbenchEn, factoryWorkbenchZh } from './workbench/i18n';
import { can } from '../auth/session';

// Every page loads on first visit, so signing in downloads only the shell.
const PlantOverviewPage = lazy(() => import('./PlantOverviewPage'));
const LinePage = lazy(() => import('./LinePage'));
const DevicePage = lazy(() => import('./DevicePage'));
const DevicesPage = lazy(() => import('./DevicesPage'));
const ConnectivityPage = lazy(() => import('./ConnectivityPage'));
const AndonPage = lazy(() => import('./AndonPage'));
const AlarmRulesPage = lazy(() => import('./AlarmRulesPage'));
const ShiftCalendarPage = lazy(() => import('./ShiftCalendarPage'));
const PlantScreenPage = lazy(() => import('./PlantScreenPage'));
const PlantModelPage = lazy(() => import('./PlantModelPage'));
const WorkOrdersPage = lazy(() => import('./production/WorkOrdersPage'));
const TracePage = lazy(() => import('./production/TracePage'));
const RecallPage = lazy(() => import('./production/RecallPage'));
const ToolsPage = lazy(() => import('./production/ToolsPage'));
const StationPage = lazy(() => import('./production/StationPage'));
// Quality, SPC and the shift report (issue #13 items 3, 4, 6, 8).
const QualityPage = lazy(() => import('./quality/QualityPage'));
const CharacteristicPage = lazy(() => import('./quality/CharacteristicPage'));
const NcrsPage = lazy(() => import('./ncr/NcrsPage'));
const ShiftReportPage = lazy(() => import('./shift/ShiftReportPage'));
const LogisticsPage = lazy(() => import('./logistics/LogisticsPage'));
const PlantTodayCard = lazy(() => import('./workbench/PlantTodayCard'));
const MyLineAndonCard = lazy(() => import('./workbench/MyLineAndonCard'));

/** 工厂: the plant's MES pages for factory.read (the equipment model for factory.manage), and its 大屏. */
export const factory: FeatureManifest = {
  name: 'factory',
  // The plants' people, and the park administration that follows its plants.
  module: { name: 'factory', icon: <ClusterOutlined />, labelKey: 'nav.factory', gate: 'factory.read', orgKinds: FACTORY_ORG_KINDS },
  routes: [
    {
      path: 'factory',
      element: <FactoryGate coming={<ComingModulePage name="factory" />} />,
      children: [
        { index: true, element: <PlantOverviewPage /> },
        { path: 'lines/:id', element: <LinePage /> },
        { path: 'devices', element: <DevicesPage /> },
        { path: 'devices/:id', element: <DevicePage /> },
        { path: 'connectivity', element: <ConnectivityPage /> },
        { path: 'andon', element: <AndonPage /> },
        { path: 'alarm-rules', element: <AlarmRulesPage /> },
        { path: 'calendar', element: <ShiftCalendarPage /> },
        { path: 'model', element: <PlantModelPage /> },
        { path: 'work-orders', element: <WorkOrdersPage /> },
        { path: 'trace', element: <TracePage /> },
        { path: 'trace/:code', element: <TracePage /> },
        { path: 'recall', element: <RecallPage /> },
        { path: 'tools', element: <ToolsPage /> },
        { path: 'station', element: <StationPage /> },
        { path: 'quality', element: <QualityPage /> },
        { path: 'quality/characteristics/:id', element: <CharacteristicPage /> },
        { path: 'ncrs', element: <NcrsPage /> },
        { path: 'ncrs/:id', element: <NcrsPage /> },
        { path: 'shift-report', element: <ShiftReportPage /> },
        { path: 'logistics', element: <LogisticsPage /> },
      ],
    },
  ],
  // The plant's full screen for a workshop wall: signed in, but outside the shell's menu and header.
  screens: [{ path: 'factory/screen', element: <FactoryGate coming={<Forbidden />} />, children: [{ index: true, element: <PlantScreenPage /> }] }],
  menu: [
    {
      key: 'factory',
      icon: <ClusterOutlined />,
      labelKey: 'nav.factory',
      open: true,
      // Grouped as a plant is run: a new page goes into its group (an NCR page under 质量), a new area is a group.
      children: [
        {
          key: 'factory:overview',
          group: true,
          labelKey: 'nav.factoryGroups.overview',
          children: [
            { key: '/factory', icon: <DashboardOutlined />, labelKey: 'nav.plant' },
            { key: '/factory/andon', icon: <AlertOutlined />, labelKey: 'nav.andon' },
          ],
        },
        {
          key: 'factory:production',
          group: true,
          labelKey: 'nav.factoryGroups.production',
          children: [
            { key: '/factory/work-orders', icon: <ProfileOutlined />, labelKey: 'factory.wo.nav' },
            { key: '/factory/station', icon: <ScanOutlined />, labelKey: 'factory.station.nav', gate: 'factory.station' },
            { key: '/factory/shift-report', icon: <FileTextOutlined />, labelKey: 'factory.shiftReport.nav' },
          ],
        },
        {
          key: 'factory:quality',
          group: true,
          labelKey: 'nav.factoryGroups.quality',
          children: [
            { key: '/factory/quality', icon: <SafetyCertificateOutlined />, labelKey: 'factory.quality.nav' },
            { key: '/factory/ncrs', icon: <ExceptionOutlined />, labelKey: 'factory.ncr.nav' },
            { key: '/factory/trace', icon: <BranchesOutlined />, labelKey: 'factory.trace.nav' },
            { key: '/factory/recall', icon: <UndoOutlined />, labelKey: 'factory.recall.nav' },
          ],
        },
        {
          key: 'factory:equipment',
          group: true,
          labelKey: 'nav.factoryGroups.equipment',
          children: [
            { key: '/factory/devices', icon: <HddOutlined />, labelKey: 'nav.devices' },
            { key: '/factory/connectivity', icon: <ApiOutlined />, labelKey: 'nav.connectivity' },
            { key: '/factory/alarm-rules', icon: <ThunderboltOutlined />, labelKey: 'nav.alarmRules' },
            { key: '/factory/tools', icon: <ToolOutlined />, labelKey: 'factory.tools.nav' },
          ],
        },
        {
          key: 'factory:logistics',
          group: true,
          labelKey: 'nav.factoryGroups.logistics',
          children: [{ key: '/factory/logistics', icon: <CarOutlined />, labelKey: 'factory.logistics.nav' }],
        },
        {
          key: 'factory:settings',
          group: true,
          labelKey: 'nav.factoryGroups.settings',
          children: [
            { key: '/factory/calendar', icon: <CalendarOutlined />, labelKey: 'nav.calendar' },
            { key: '/factory/model', icon: <PartitionOutlined />, labelKey: 'factory.model.nav', gate: 'factory.manage' },
          ],
        },
      ],
    },
  ],
  i18n: { 'zh-CN': { ...zhCN, ...factoryWorkbenchZh }, en: { ...en, ...factoryWorkbenchEn } },
  messages: { en: factoryMessages, zh: zhFactory },
  workbench: [
    // The operator (reads the plant, manages nothing): the andon of their line first.
    {
      key: 'factory-my-line',
      order: 100,
      width: 'half',
      show: (me) => can(me, 'factory.read') && !can(me, 'factory.manage') && me.user.orgKind === 'enterprise',
      element: <MyLineAndonCard />,
    },
    { key: 'factory-today', order: 110, width: 'half', show: (me) => can(me, 'factory.read'), element: <PlantTodayCard /> },
    // The plant's manager: every line's open alarms beside the lines.
    { key: 'factory-alarms', order: 120, width: 'half', show: (me) => can(me, 'factory.manage'), element: <MyLineAndonCard plant /> },
  ],
};
