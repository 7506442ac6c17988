import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Statistic } from 'antd';

/**
 * A figure on a card with its icon and a line below, opening its page when `to` is set: the home page's and the
 * labour overview's key figures. A null value shows as "—".
 */
export function StatCard({
  title,
  value,
  foot,
  icon,
  color,
  loading,
  to,
  testId,
}: {
  title: string;
  value: ReactNode;
  foot?: ReactNode;
  icon: ReactNode;
  color: string;
  loading: boolean;
  to?: string;
  testId?: string;
}) {
  const body = (
    <Card className="gb-stat-card" hoverable={!!to} data-testid={testId}>
      <div className="gb-stat">
        <Statistic title={title} value={loading ? undefined : ((value ?? '—') as number | string)} loading={loading} />
        <span className="gb-stat__icon" style={{ background: `${color}14`, color }}>
          {icon}
        </span>
      </div>
      <div className="gb-stat__foot">{loading ? '' : foot}</div>
    </Card>
  );
  return to ? <Link to={to}>{body}</Link> : body;
}
