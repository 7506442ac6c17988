import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** Title and one-line description on the left, the page's actions on the right (wrapping below on phones). */
export function PageHeader({ title, subtitle, extra }: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="gb-page-header">
      <div className="gb-page-header__text">
        <Typography.Title level={3} className="gb-page-header__title">
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && <div className="gb-page-header__extra">{extra}</div>}
    </div>
  );
}
