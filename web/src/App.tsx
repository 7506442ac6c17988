import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNAntd from 'antd/locale/zh_CN';
import enUSAntd from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import { queryClient } from './api/queryClient';
import { theme } from './theme';
import LoginPage from './features/auth/LoginPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { AppLayout } from './features/shell/AppLayout';
import { Forbidden, NotFound, PageSpinner } from './features/shell/StatusViews';
import { FactoryGate } from './features/factory/FactoryGate';
import { LaborGate } from './features/labor/LaborGate';

// Every feature's pages load on first visit, so signing in downloads only the shell.
const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const ModulePage = lazy(() => import('./features/modules/ModulePage'));
const OrgsPage = lazy(() => import('./features/admin/orgs/OrgsPage'));
const UsersPage = lazy(() => import('./features/admin/users/UsersPage'));
const RolesPage = lazy(() => import('./features/admin/roles/RolesPage'));
const RegionsPage = lazy(() => import('./features/admin/regions/RegionsPage'));
const AuditPage = lazy(() => import('./features/admin/audit/AuditPage'));
const PlantOverviewPage = lazy(() => import('./features/factory/PlantOverviewPage'));
const LinePage = lazy(() => import('./features/factory/LinePage'));
const DevicePage = lazy(() => import('./features/factory/DevicePage'));
const DevicesPage = lazy(() => import('./features/factory/DevicesPage'));
const ConnectivityPage = lazy(() => import('./features/factory/ConnectivityPage'));
const AndonPage = lazy(() => import('./features/factory/AndonPage'));
const AlarmRulesPage = lazy(() => import('./features/factory/AlarmRulesPage'));
const ShiftCalendarPage = lazy(() => import('./features/factory/ShiftCalendarPage'));
const PlantScreenPage = lazy(() => import('./features/factory/PlantScreenPage'));
const PlantModelPage = lazy(() => import('./features/factory/PlantModelPage'));
const LaborDashboardPage = lazy(() => import('./features/labor/LaborDashboardPage'));
const WorkersPage = lazy(() => import('./features/labor/WorkersPage'));
const WorkerPage = lazy(() => import('./features/labor/WorkerPage'));
const PostingsPage = lazy(() => import('./features/labor/PostingsPage'));
const PostingPage = lazy(() => import('./features/labor/PostingPage'));
const ReferralsPage = lazy(() => import('./features/labor/ReferralsPage'));
const SharesPage = lazy(() => import('./features/labor/SharesPage'));
const LaborScreenPage = lazy(() => import('./features/labor/LaborScreenPage'));
const AllocationsPage = lazy(() => import('./features/labor/placement/AllocationsPage'));
const AllocationPage = lazy(() => import('./features/labor/placement/AllocationPage'));
const FollowUpsPage = lazy(() => import('./features/labor/placement/FollowUpsPage'));
const AlertsPage = lazy(() => import('./features/labor/placement/AlertsPage'));
const RetentionPage = lazy(() => import('./features/labor/placement/RetentionPage'));
const TrainingPage = lazy(() => import('./features/labor/placement/TrainingPage'));

function Localized({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  return (
    <ConfigProvider locale={zh ? zhCNAntd : enUSAntd} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Localized>
        <BrowserRouter>
          <Suspense fallback={<PageSpinner full />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              {/* The plant's full screen (大屏) for a workshop wall: signed in, but outside the shell's menu and header. */}
              <Route path="/factory/screen" element={<RequireAuth><FactoryGate coming={<Forbidden />} /></RequireAuth>}>
                <Route index element={<PlantScreenPage />} />
              </Route>
              <Route path="/labor/screen" element={<RequireAuth><LaborGate coming={<Forbidden />} /></RequireAuth>}>
                <Route index element={<LaborScreenPage />} />
              </Route>
              <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
                <Route index element={<DashboardPage />} />
                <Route path="factory" element={<FactoryGate coming={<ModulePage name="factory" />} />}>
                  <Route index element={<PlantOverviewPage />} />
                  <Route path="lines/:id" element={<LinePage />} />
                  <Route path="devices" element={<DevicesPage />} />
                  <Route path="devices/:id" element={<DevicePage />} />
                  <Route path="connectivity" element={<ConnectivityPage />} />
                  <Route path="andon" element={<AndonPage />} />
                  <Route path="alarm-rules" element={<AlarmRulesPage />} />
                  <Route path="calendar" element={<ShiftCalendarPage />} />
                  <Route path="model" element={<PlantModelPage />} />
                </Route>
                <Route path="labor" element={<LaborGate coming={<ModulePage name="labor" />} />}>
                  <Route index element={<LaborDashboardPage />} />
                  <Route path="workers" element={<WorkersPage />} />
                  <Route path="workers/:id" element={<WorkerPage />} />
                  <Route path="postings" element={<PostingsPage />} />
                  <Route path="postings/:id" element={<PostingPage />} />
                  <Route path="referrals" element={<ReferralsPage />} />
                  <Route path="shares" element={<SharesPage />} />
                  <Route path="allocations" element={<AllocationsPage />} />
                  <Route path="allocations/:id" element={<AllocationPage />} />
                  <Route path="followups" element={<FollowUpsPage />} />
                  <Route path="alerts" element={<AlertsPage />} />
                  <Route path="retention" element={<RetentionPage />} />
                  <Route path="training" element={<TrainingPage />} />
                </Route>
                <Route path="talent" element={<ModulePage name="talent" />} />
                <Route path="park" element={<ModulePage name="park" />} />
                <Route path="trade" element={<ModulePage name="trade" />} />
                <Route path="admin/orgs" element={<OrgsPage />} />
                <Route path="admin/users" element={<UsersPage />} />
                <Route path="admin/roles" element={<RolesPage />} />
                <Route path="admin/regions" element={<RegionsPage />} />
                <Route path="admin/audit" element={<AuditPage />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </BrowserRouter>
      </Localized>
    </QueryClientProvider>
  );
}
