import { Link } from 'react-router-dom';
import { Card, Empty, Skeleton, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSecondments } from '../api';
import { DirectionTag } from '../parts';

/**
 * 挂职期满提醒 on the home page of whoever keeps secondments: how many terms are under way, how many end within 30
 * days, and the soonest of those, each opening the "ending within 30 days" list.
 */
export default function EndingCard() {
  const { t } = useTranslation();
  const active = useSecondments({ active: 'true', page: 1, pageSize: 1 }).data?.total;
  const ending = useSecondments({ endingWithin: 30, page: 1, pageSize: 5 });
  const items = ending.data?.items ?? [];
  return (
    <Card
      title={t('talentWorkbench.ending')}
      extra={
        <Link to="/talent/secondments?view=ending">
          {t('dashboard.viewAll')} <RightOutlined />
        </Link>
      }
      style={{ height: '100%' }}
    >
      {ending.isPending ? (
        <Skeleton active />
      ) : (
        <>
          <div className="gb-wb-sub">
            <Tag color="blue">{t('talentWorkbench.active', { count: active ?? 0 })}</Tag>
            <Tag color={items.length ? 'orange' : 'default'}>{t('talentWorkbench.endingCount', { count: ending.data?.total ?? 0 })}</Tag>
          </div>
          {items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('talent.secondment.endingEmpty')} />
          ) : (
            <div className="gb-wb-rows">
              {items.map((s) => (
                <Link key={s.id} to="/talent/secondments?view=ending" className="gb-wb-row">
                  <span className="gb-wb-row__main">
                    <Typography.Text strong>{s.personName}</Typography.Text>
                    <div className="gb-muted" style={{ fontSize: 12 }}>
                      {s.hostUnit} · {s.post}
                    </div>
                  </span>
                  <DirectionTag direction={s.direction} />
                  <Tag color="orange">{s.daysLeft === 0 ? t('talent.secondment.endsToday') : t('talent.secondment.daysLeft', { days: s.daysLeft })}</Tag>
                </Link>
              ))}
            </div>
          )}
        </>
      )}
    </Card>
  );
}
