import { lazy } from 'react';
import { TeamOutlined } from '@ant-design/icons';
import type { FeatureManifest } from '../shell/manifest';
import { Forbidden } from '../shell/StatusViews';
import { ComingModulePage } from '../modules/coming';
import { LaborGate } from './LaborGate';
import { laborMenu } from './nav';
import { laborEnWithAudit, laborZhWithAudit } from './i18n/audit-fields';
import { laborMessages } from '@gearbridge/contracts/messages';
import { zhLabor } from './i18n/messages.zh-CN';
import { laborWorkbenchEn, laborWorkbenchZh } from './workbench/i18n';
import { can } from '../auth/session';

// Every page loads on first visit, so signing in downloads only the shell.
const LaborDashboardPage = lazy(() => import('./LaborDashboardPage'));
const WorkersPage = lazy(() => import('./WorkersPage'));
const WorkerPage = lazy(() => import('./WorkerPage'));
const PostingsPage = lazy(() => import('./PostingsPage'));
const PostingPage = lazy(() => import('./PostingPage'));
const ReferralsPage = lazy(() => import('./ReferralsPage'));
const SharesPage = lazy(() => import('./SharesPage'));
const LaborScreenPage = lazy(() => import('./LaborScreenPage'));
const AllocationsPage = lazy(() => import('./placement/AllocationsPage'));
const AllocationPage = lazy(() => import('./placement/AllocationPage'));
const FollowUpsPage = lazy(() => import('./placement/FollowUpsPage'));
const AlertsPage = lazy(() => import('./placement/AlertsPage'));
const RetentionPage = lazy(() => import('./placement/RetentionPage'));
const TrainingPage = lazy(() => import('./placement/training/TrainingPage'));
const cards = () => import('./workbench/cards');
const CaseworkerTodoCard = lazy(() => cards().then((m) => ({ default: m.CaseworkerTodoCard })));
const AlertsCard = lazy(() => cards().then((m) => ({ default: m.AlertsCard })));
const ReferralsCard = lazy(() => cards().then((m) => ({ default: m.ReferralsCard })));
const SharedInCard = lazy(() => cards().then((m) => ({ default: m.SharedInCard })));
const PostingsCard = lazy(() => cards().then((m) => ({ default: m.PostingsCard })));

/** 劳务协作: the labour pages for labor.read, and the labour 大屏. */
export const labor: FeatureManifest = {
  name: 'labor',
  // Bureaus, employers, the park administration and training providers (classes); not hospitals or schools.
  module: { name: 'labor', icon: <TeamOutlined />, labelKey: 'nav.labor', gate: 'labor.read', orgKinds: ['government', 'enterprise', 'park_admin', 'training_provider'] },
  routes: [
    {
      path: 'labor',
      element: <LaborGate coming={<ComingModulePage name="labor" />} />,
      children: [
        { index: true, element: <LaborDashboardPage /> },
        { path: 'workers', element: <WorkersPage /> },
        { path: 'workers/:id', element: <WorkerPage /> },
        { path: 'postings', element: <PostingsPage /> },
        { path: 'postings/:id', element: <PostingPage /> },
        { path: 'referrals', element: <ReferralsPage /> },
        { path: 'shares', element: <SharesPage /> },
        { path: 'allocations', element: <AllocationsPage /> },
        { path: 'allocations/:id', element: <AllocationPage /> },
        { path: 'followups', element: <FollowUpsPage /> },
        { path: 'alerts', element: <AlertsPage /> },
        { path: 'retention', element: <RetentionPage /> },
        { path: 'training', element: <TrainingPage /> },
      ],
    },
  ],
  screens: [{ path: 'labor/screen', element: <LaborGate coming={<Forbidden />} />, children: [{ index: true, element: <LaborScreenPage /> }] }],
  menu: [{ key: 'labor', icon: <TeamOutlined />, labelKey: 'nav.labor', children: laborMenu }],
  i18n: { 'zh-CN': { ...laborZhWithAudit, ...laborWorkbenchZh }, en: { ...laborEnWithAudit, ...laborWorkbenchEn } },
  messages: { en: laborMessages, zh: zhLabor },
  // A caseworker (manages the roll) gets the day's follow-ups and alerts; a partner officer (shares, manages no roll)
  // what was newly shared; whoever posts demand (HR, officers, the park) the postings; referrals for both sides.
  workbench: [
    { key: 'labor-todo', order: 200, width: 'half', show: (me) => can(me, 'labor.manage'), element: <CaseworkerTodoCard /> },
    { key: 'labor-alerts', order: 210, width: 'half', show: (me) => can(me, 'labor.manage'), element: <AlertsCard /> },
    { key: 'labor-shared-in', order: 220, width: 'half', show: (me) => can(me, 'labor.share') && !can(me, 'labor.manage'), element: <SharedInCard /> },
    { key: 'labor-postings', order: 230, width: 'half', show: (me) => can(me, 'labor.post') && !can(me, 'labor.manage'), element: <PostingsCard /> },
    { key: 'labor-referrals', order: 240, width: 'half', show: (me) => can(me, 'labor.read') && (can(me, 'labor.manage') || can(me, 'labor.post')), element: <ReferralsCard /> },
  ],
};
