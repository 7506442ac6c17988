import type { ReactNode } from 'react';
import type { MenuProps } from 'antd';
import { Tag } from 'antd';
import {
  AlertOutlined, ApartmentOutlined, ApiOutlined, AuditOutlined, BankOutlined, CalendarOutlined, ClusterOutlined, DashboardOutlined, EnvironmentOutlined, HddOutlined,
  HomeOutlined, PartitionOutlined, SafetyCertificateOutlined, SettingOutlined, ShopOutlined, SolutionOutlined, TeamOutlined, ThunderboltOutlined, UserOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { Me, ModuleStatus } from '../../api/types';
import { can } from '../auth/session';
import { LABOR_PAGES, laborMenuItems } from '../labor/nav';
import { isAvailable, type ProductModule } from './useModules';

export const MODULE_ICONS: Record<ProductModule, ReactNode> = {
  factory: <ClusterOutlined />,
  labor: <TeamOutlined />,
  talent: <SolutionOutlined />,
  park: <BankOutlined />,
  trade: <ShopOutlined />,
};

type Item = Required<MenuProps>['items'][number];

/** The side menu, showing only what the user may open. Keys are route paths. */
export function buildMenu(me: Me, modules: ModuleStatus[] | undefined, t: TFunction): Item[] {
  const moduleItem = (name: ProductModule): Item => ({
    key: `/${name}`,
    icon: MODULE_ICONS[name],
    label: (
      <span className="gb-menu-label">
        <span className="gb-menu-label__text">{t(`nav.${name}`)}</span>
        {!isAvailable(modules, name) && <Tag className="gb-soon-tag" variant="filled" color="gold">{t('common.soon')}</Tag>}
      </span>
    ),
  });
  // The factory's pages open for anyone who may read plant data; everyone else still sees the coming entry until
  // the module ships, and nothing once it has (they have no access to it).
  const factory: Item | null = can(me, 'factory.read')
    ? {
        key: 'factory',
        icon: MODULE_ICONS.factory,
        label: t('nav.factory'),
        children: [
          { key: '/factory', icon: <DashboardOutlined />, label: t('nav.plant') },
          { key: '/factory/andon', icon: <AlertOutlined />, label: t('nav.andon') },
          { key: '/factory/devices', icon: <HddOutlined />, label: t('nav.devices') },
          { key: '/factory/connectivity', icon: <ApiOutlined />, label: t('nav.connectivity') },
          { key: '/factory/alarm-rules', icon: <ThunderboltOutlined />, label: t('nav.alarmRules') },
          { key: '/factory/calendar', icon: <CalendarOutlined />, label: t('nav.calendar') },
          ...(can(me, 'factory.manage') ? [{ key: '/factory/model', icon: <PartitionOutlined />, label: t('factory.model.nav') }] : []),
        ],
      }
    : isAvailable(modules, 'factory')
      ? null
      : moduleItem('factory');
  // The same for labour: its pages for labor.read, whatever the module list says while it still calls it coming.
  const labor: Item | null = can(me, 'labor.read')
    ? { key: 'labor', icon: MODULE_ICONS.labor, label: t('nav.labor'), children: laborMenuItems(t) }
    : isAvailable(modules, 'labor')
      ? null
      : moduleItem('labor');
  const admin: Item[] = [];
  if (can(me, 'org.read')) admin.push({ key: '/admin/orgs', icon: <ApartmentOutlined />, label: t('nav.orgs') });
  if (can(me, 'user.read')) admin.push({ key: '/admin/users', icon: <UserOutlined />, label: t('nav.users') });
  if (can(me, 'user.read') || can(me, 'role.manage')) admin.push({ key: '/admin/roles', icon: <SafetyCertificateOutlined />, label: t('nav.roles') });
  admin.push({ key: '/admin/regions', icon: <EnvironmentOutlined />, label: t('nav.regions') });
  if (can(me, 'audit.read')) admin.push({ key: '/admin/audit', icon: <AuditOutlined />, label: t('nav.audit') });
  return [
    { key: '/', icon: <HomeOutlined />, label: t('nav.dashboard') },
    factory,
    labor,
    moduleItem('talent'),
    moduleItem('park'),
    moduleItem('trade'),
    { key: 'admin', icon: <SettingOutlined />, label: t('nav.admin'), children: admin },
  ];
}

const FACTORY_PAGES = new Set(['devices', 'connectivity', 'andon', 'alarm-rules', 'calendar', 'model']);

/**
 * The menu key of a location: the longest route prefix the menu knows. A line page belongs to the plant overview
 * it is opened from; a device page to the device list.
 */
export function selectedKey(pathname: string): string {
  if (pathname === '/' || pathname === '') return '/';
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === 'factory') return FACTORY_PAGES.has(parts[1]) ? `/factory/${parts[1]}` : '/factory';
  if (parts[0] === 'labor') return LABOR_PAGES.has(parts[1]) ? `/labor/${parts[1]}` : '/labor';
  return parts[0] === 'admin' && parts[1] ? `/admin/${parts[1]}` : `/${parts[0]}`;
}
