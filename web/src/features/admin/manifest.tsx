import { lazy } from 'react';
import { ApartmentOutlined, AuditOutlined, EnvironmentOutlined, SafetyCertificateOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import type { FeatureManifest } from '../shell/manifest';
import zhCN from './i18n/zh-CN';
import en from './i18n/en';
import { identityMessages } from '@gearbridge/contracts/messages';
import { zhIdentity } from './i18n/messages.zh-CN';

const OrgsPage = lazy(() => import('./orgs/OrgsPage'));
const UsersPage = lazy(() => import('./users/UsersPage'));
const RolesPage = lazy(() => import('./roles/RolesPage'));
const RegionsPage = lazy(() => import('./regions/RegionsPage'));
const AuditPage = lazy(() => import('./audit/AuditPage'));

/**
 * 系统管理: organisations, users, roles, the region tree, the audit log. Each module adds its own
 * audit actions and records to the audit log's texts through its manifest.
 */
export const admin: FeatureManifest = {
  name: 'admin',
  routes: [
    { path: 'admin/orgs', element: <OrgsPage /> },
    { path: 'admin/users', element: <UsersPage /> },
    { path: 'admin/roles', element: <RolesPage /> },
    { path: 'admin/regions', element: <RegionsPage /> },
    { path: 'admin/audit', element: <AuditPage /> },
  ],
  menu: [
    {
      key: 'admin',
      icon: <SettingOutlined />,
      labelKey: 'nav.admin',
      open: true,
      children: [
        // org.read alone (everyone's, for pickers) opens no administration: the pages are for those who manage.
        { key: '/admin/orgs', icon: <ApartmentOutlined />, labelKey: 'nav.orgs', gate: ['org.manage', 'user.read'] },
        { key: '/admin/users', icon: <UserOutlined />, labelKey: 'nav.users', gate: 'user.read' },
        { key: '/admin/roles', icon: <SafetyCertificateOutlined />, labelKey: 'nav.roles', gate: ['user.read', 'role.manage'] },
        { key: '/admin/regions', icon: <EnvironmentOutlined />, labelKey: 'nav.regions', gate: ['region.manage', 'org.manage', 'user.read'] },
        { key: '/admin/audit', icon: <AuditOutlined />, labelKey: 'nav.audit', gate: 'audit.read' },
      ],
    },
  ],
  i18n: { 'zh-CN': zhCN, en },
  messages: { en: identityMessages, zh: zhIdentity },
};
