import { DashboardOutlined, IdcardOutlined, NodeIndexOutlined, ShareAltOutlined, SolutionOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../shell/manifest';
import { placementMenu } from './placement/menu';

/** The labour module's side-menu entries (keys are route paths), for users with labor.read. */
export const laborMenu: MenuEntry[] = [
  { key: '/labor', icon: <DashboardOutlined />, labelKey: 'labor.nav.dashboard' },
  { key: '/labor/workers', icon: <IdcardOutlined />, labelKey: 'labor.nav.workers' },
  { key: '/labor/postings', icon: <SolutionOutlined />, labelKey: 'labor.nav.postings' },
  { key: '/labor/referrals', icon: <NodeIndexOutlined />, labelKey: 'labor.nav.referrals' },
  { key: '/labor/shares', icon: <ShareAltOutlined />, labelKey: 'labor.nav.shares' },
  ...placementMenu,
];
