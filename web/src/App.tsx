import { Suspense, type ReactNode } from 'react';
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
import { NotFound, PageSpinner } from './features/shell/StatusViews';
import { FeaturesProvider, type FeatureRoute } from './features/shell/manifest';
import { FEATURES } from './features';
import { registerMessages, registerTranslations } from './i18n';

registerTranslations(FEATURES.flatMap((f) => (f.i18n ? [f.i18n] : [])));
registerMessages(FEATURES.flatMap((f) => (f.messages ? [f.messages] : [])));

/** A feature's routes as react-router elements (each feature's pages load on first visit, see its manifest). */
function routes(list: readonly FeatureRoute[] | undefined, wrap: (r: FeatureRoute) => FeatureRoute['element'] = (r) => r.element, prefix = '') {
  return (list ?? []).map((r) =>
    r.index ? (
      <Route key={`${prefix}index`} index element={wrap(r)} />
    ) : (
      <Route key={`${prefix}${r.path}`} path={r.path} element={wrap(r)}>
        {routes(r.children, undefined, `${prefix}${r.path}/`)}
      </Route>
    ),
  );
}

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
      <FeaturesProvider value={FEATURES}>
        <Localized>
          <BrowserRouter>
            <Suspense fallback={<PageSpinner full />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                {/* Pages without sign-in (a QR code's page on a visitor's phone). */}
                {FEATURES.map((f) =>
                  routes(
                    f.publicPages?.map((r) => ({ ...r, path: `/${r.path}` })),
                    undefined,
                    `${f.name}:public:`,
                  ),
                )}
                {/* Full screens (大屏) for a wall: signed in, but outside the shell's menu and header. */}
                {FEATURES.map((f) =>
                  routes(
                    f.screens?.map((r) => ({ ...r, path: `/${r.path}` })),
                    (r) => <RequireAuth>{r.element}</RequireAuth>,
                    `${f.name}:`,
                  ),
                )}
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  {FEATURES.map((f) => routes(f.routes, undefined, `${f.name}:`))}
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </Localized>
      </FeaturesProvider>
    </QueryClientProvider>
  );
}
