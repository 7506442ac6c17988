import type { ReactNode } from 'react';
import { Badge } from 'antd';
import { AlertOutlined, BookOutlined, CalendarOutlined, LineChartOutlined, PartitionOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
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
export function placementMenuItems(t: TFunction): { key: string; icon: ReactNode; label: ReactNode }[] {
  return [
    { key: '/labor/allocations', icon: <PartitionOutlined />, label: t('laborPlacement.nav.allocations') },
    { key: '/labor/followups', icon: <CalendarOutlined />, label: t('laborPlacement.nav.followups') },
    { key: '/labor/alerts', icon: <AlertOutlined />, label: <AlertsMenuLabel label={t('laborPlacement.nav.alerts')} /> },
    { key: '/labor/retention', icon: <LineChartOutlined />, label: t('laborPlacement.nav.retention') },
    { key: '/labor/training', icon: <BookOutlined />, label: t('laborPlacement.nav.training') },
  ];
}

/** Their route segments, for the menu's selected key (an allocation's page belongs to the list). */
export const PLACEMENT_PAGES = ['allocations', 'followups', 'alerts', 'retention', 'training'];
