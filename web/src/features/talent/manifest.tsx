import { lazy } from 'react';
import { Navigate } from 'react-router-dom';
import {
  ApartmentOutlined,
  CarryOutOutlined,
  FlagOutlined,
  BarChartOutlined,
  IdcardOutlined,
  ReadOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { talentMessages } from '@gearbridge/contracts/messages';
import type { FeatureManifest } from '../shell/manifest';
import { ComingModulePage } from '../modules/coming';
import { can } from '../auth/session';
import { TalentGate } from './TalentGate';
import { Forbidden } from '../shell/StatusViews';
import { talentEnWithAudit, talentZhWithAudit } from './i18n/audit-fields';
import { zhTalent } from './i18n/messages.zh-CN';

// Every page loads on first visit, so signing in downloads only the shell.
const PeoplePage = lazy(() => import('./PeoplePage'));
const SecondmentsPage = lazy(() => import('./SecondmentsPage'));
const PairingsPage = lazy(() => import('./PairingsPage'));
const DemandsPage = lazy(() => import('./DemandsPage'));
const ActivitiesPage = lazy(() => import('./ActivitiesPage'));
const StatsPage = lazy(() => import('./StatsPage'));
const MentoringPage = lazy(() => import('./MentoringPage'));
const PlanPage = lazy(() => import('./PlanPage'));
const VisitsPage = lazy(() => import('./VisitsPage'));
const TalentScreenPage = lazy(() => import('./TalentScreenPage'));
const SignInPage = lazy(() => import('./SignInPage'));
const EndingCard = lazy(() => import('./workbench/EndingCard'));

/** 人才协作: people, secondments and institution pairings of the paired regions (SPEC §3), for talent.read. */
export const talent: FeatureManifest = {
  name: 'talent',
  // Organisation departments and bureaus; the hospitals and schools that host and send experts.
  module: { name: 'talent', icon: <SolutionOutlined />, labelKey: 'nav.talent', gate: 'talent.read', orgKinds: ['government', 'hospital', 'school'] },
  routes: [
    {
      path: 'talent',
      element: <TalentGate coming={<ComingModulePage name="talent" />} />,
      children: [
        { index: true, element: <Navigate to="people" replace /> },
        { path: 'people', element: <PeoplePage /> },
        { path: 'secondments', element: <SecondmentsPage /> },
        { path: 'pairings', element: <PairingsPage /> },
        { path: 'demands', element: <DemandsPage /> },
        { path: 'activities', element: <ActivitiesPage /> },
        { path: 'mentoring', element: <MentoringPage /> },
        { path: 'plan', element: <PlanPage /> },
        { path: 'visits', element: <VisitsPage /> },
        { path: 'stats', element: <StatsPage /> },
      ],
    },
  ],
  // The 大屏, signed in, outside the shell; the QR code's sign-in page, without an account.
  screens: [{ path: 'talent/screen', element: <TalentGate coming={<Forbidden />} />, children: [{ index: true, element: <TalentScreenPage /> }] }],
  publicPages: [{ path: 'signin/:token', element: <SignInPage /> }],
  menu: [
    {
      key: 'talent',
      icon: <SolutionOutlined />,
      labelKey: 'nav.talent',
      children: [
        { key: '/talent/plan', icon: <CarryOutOutlined />, labelKey: 'talent.nav.plan', gate: 'talent.read' },
        { key: '/talent/visits', icon: <FlagOutlined />, labelKey: 'talent.nav.visits', gate: 'talent.read' },
        { key: '/talent/people', icon: <IdcardOutlined />, labelKey: 'talent.nav.people', gate: 'talent.read' },
        { key: '/talent/secondments', icon: <SwapOutlined />, labelKey: 'talent.nav.secondments', gate: 'talent.read' },
        { key: '/talent/pairings', icon: <ApartmentOutlined />, labelKey: 'talent.nav.pairings', gate: 'talent.read' },
        { key: '/talent/demands', icon: <ScheduleOutlined />, labelKey: 'talent.nav.demands', gate: 'talent.read' },
        { key: '/talent/activities', icon: <ReadOutlined />, labelKey: 'talent.nav.activities', gate: 'talent.read' },
        { key: '/talent/mentoring', icon: <TeamOutlined />, labelKey: 'talent.nav.mentoring', gate: 'talent.read' },
        { key: '/talent/stats', icon: <BarChartOutlined />, labelKey: 'talent.nav.stats', gate: 'talent.read' },
      ],
    },
  ],
  i18n: { 'zh-CN': talentZhWithAudit, en: talentEnWithAudit },
  messages: { en: talentMessages, zh: zhTalent },
  // Whoever keeps secondments (the two offices, an institution's manager) sees the terms ending soon first.
  workbench: [{ key: 'talent-ending', order: 300, width: 'half', show: (me) => can(me, 'talent.edit'), element: <EndingCard /> }],
};
