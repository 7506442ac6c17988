import type { ReactNode } from 'react';
import { DashboardOutlined, IdcardOutlined, NodeIndexOutlined, ShareAltOutlined, SolutionOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { PLACEMENT_PAGES, placementMenuItems } from './placement/menu';

/** The labour module's side-menu entries (keys are route paths), for users with labor.read. */
export function laborMenuItems(t: TFunction): { key: string; icon: ReactNode; label: ReactNode }[] {
  return [
    { key: '/labor', icon: <DashboardOutlined />, label: t('labor.nav.dashboard') },
    { key: '/labor/workers', icon: <IdcardOutlined />, label: t('labor.nav.workers') },
    { key: '/labor/postings', icon: <SolutionOutlined />, label: t('labor.nav.postings') },
    { key: '/labor/referrals', icon: <NodeIndexOutlined />, label: t('labor.nav.referrals') },
    { key: '/labor/shares', icon: <ShareAltOutlined />, label: t('labor.nav.shares') },
    ...placementMenuItems(t),
  ];
}

/** Sub-pages with their own menu entry; a worker's or a posting's page belongs to its list. */
export const LABOR_PAGES = new Set(['workers', 'postings', 'referrals', 'shares', ...PLACEMENT_PAGES]);
