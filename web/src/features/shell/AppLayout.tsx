import { Suspense, useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Typography } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser, useLogout } from '../auth/session';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';
import { LanguageSwitch } from './LanguageSwitch';
import { buildMenu, openKeys, selectedKey } from './menu';
import { useFeatures } from './manifest';
import { useModules } from './useModules';
import { PageSpinner } from './StatusViews';
import { Brand } from './Brand';

const COLLAPSE_KEY = 'gearbridge.siderCollapsed';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { data: modules } = useModules();
  const screens = Grid.useBreakpoint();
  // Until the breakpoints are measured (first render) assume a desktop; phones switch before paint settles.
  const mobile = screens.lg === false;
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSE_KEY) === '1');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const { message } = AntApp.useApp();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the mobile drawer closes on every navigation, so the effect runs on a path change it does not read.
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const features = useFeatures();
  const items = buildMenu(features, me, modules, t);
  const key = selectedKey(features, location.pathname);
  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[key]}
      // The group of the page opened directly (a link, a reload) too, not only those that start open.
      defaultOpenKeys={openKeys(features, key, me)}
      onClick={({ key: k }) => navigate(k)}
      className="gb-side-menu"
      data-testid="side-menu"
    />
  );

  const toggleCollapsed = () => {
    setCollapsed((c) => {
      localStorage.setItem(COLLAPSE_KEY, c ? '0' : '1');
      return !c;
    });
  };

  const userMenu = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('auth.changePassword')}</span> },
      { type: 'divider' as const },
      { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="menu-logout">{t('auth.logout')}</span> },
    ],
    onClick: ({ key: k }: { key: string }) => {
      if (k === 'password') setPwOpen(true);
      if (k === 'logout')
        logout.mutate(undefined, {
          onSettled: () => {
            message.success(t('auth.loggedOut'));
            navigate('/login', { replace: true });
          },
        });
    },
  };

  return (
    <Layout className="gb-shell">
      {!mobile && (
        <Layout.Sider width={232} collapsedWidth={64} collapsed={collapsed} className="gb-sider" trigger={null} collapsible>
          <Brand collapsed={collapsed} />
          {menu}
        </Layout.Sider>
      )}
      {mobile && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={264}
          closable={false}
          className="gb-menu-drawer"
          styles={{ body: { padding: 0 } }}
          data-testid="menu-drawer"
        >
          <Brand collapsed={false} />
          {menu}
        </Drawer>
      )}
      <Layout className="gb-main">
        <Layout.Header className="gb-header">
          <div className="gb-header__left">
            {mobile ? (
              <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} data-testid="menu-toggle" onClick={() => setDrawerOpen(true)} />
            ) : (
              <Button type="text" icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} aria-label={t('nav.menu')} onClick={toggleCollapsed} />
            )}
            {mobile ? (
              <Typography.Text strong className="gb-header__brand">
                {t('app.name')}
              </Typography.Text>
            ) : (
              <Typography.Text className="gb-header__org" data-testid="header-org" ellipsis>
                {me.user.orgName}
              </Typography.Text>
            )}
          </div>
          <div className="gb-header__right">
            <LanguageSwitch />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" className="gb-user-button" data-testid="user-menu">
                <Avatar size={28} className="gb-avatar">
                  {me.user.displayName.slice(0, 1).toUpperCase()}
                </Avatar>
                {!mobile && <span className="gb-user-button__name">{me.user.displayName}</span>}
                <DownOutlined className="gb-user-button__caret" />
              </Button>
            </Dropdown>
          </div>
        </Layout.Header>
        <Layout.Content className="gb-content">
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Layout>
  );
}
