import { Badge } from 'antd';
import { AlertOutlined, BookOutlined, CalendarOutlined, LineChartOutlined, PartitionOutlined } from '@ant-design/icons';
import type { MenuEntry } from '../../shell/manifest';
import { useAlerts } from './api';

/** The count for the menu badge: open alerts (a page of one, only the total is read). */
export function useOpenAlertCount(enabled = true) {
  const q = useAlerts({ status: 'open', page: 1, pageSize: 1 }, enabled);
  return q.data?.total ?? 0;
}

/** The menu entry's label with a red count of open alerts. */
function AlertsMenuLabel({ label }: { label: string }) {
  const n = useOpenAlertCount();
  return (
    <span className="gb-lp-menu-label">
      <span>{label}</span>
      {n > 0 && <Badge count={n} size="small" data-testid="alerts-badge" />}
    </span>
  );
}

/** The placement-side entries of the labour menu (keys are route paths). */
export const placementMenu: MenuEntry[] = [
  { key: '/labor/allocations', icon: <PartitionOutlined />, labelKey: 'laborPlacement.nav.allocations' },
  { key: '/labor/followups', icon: <CalendarOutlined />, labelKey: 'laborPlacement.nav.followups' },
  { key: '/labor/alerts', icon: <AlertOutlined />, labelKey: 'laborPlacement.nav.alerts', renderLabel: (text) => <AlertsMenuLabel label={text} /> },
  { key: '/labor/retention', icon: <LineChartOutlined />, labelKey: 'laborPlacement.nav.retention' },
  { key: '/labor/training', icon: <BookOutlined />, labelKey: 'laborPlacement.nav.training' },
];
