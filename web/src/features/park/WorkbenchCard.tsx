import { Link } from 'react-router-dom';
import { Card, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useStageCounts, useYearSummary } from './api';
import { STAGES } from './types';

/**
 * 招商进展 on the park officer's home page: every project in scope by its stage, each opening the list at that stage,
 * and the latest year's signed projects as the summary computes them from the records.
 */
export default function PipelineCard() {
  const { t } = useTranslation();
  const stages = useStageCounts().data;
  const summary = useYearSummary(undefined).data;
  return (
    <Card
      title={t('park.workbench.title')}
      extra={
        <Link to="/park">
          {t('dashboard.viewAll')} <RightOutlined />
        </Link>
      }
      style={{ height: '100%' }}
      data-testid="park-pipeline-card"
    >
      <div className="gb-wb-counts">
        {STAGES.map((s) => (
          <Link key={s} to={`/park?view=list&stage=${s}`} className="gb-wb-count" data-testid={`wb-park-${s}`}>
            <div className="gb-wb-count__n">{stages ? (stages.find((x) => x.stage === s)?.count ?? 0) : '…'}</div>
            <div className="gb-muted" style={{ fontSize: 13 }}>
              {t(`park.stage.${s}`)}
            </div>
          </Link>
        ))}
      </div>
      {summary && (
        <Typography.Text type="secondary">{t('park.workbench.signed', { year: summary.year, count: summary.signed.count, amount: summary.signed.amount })}</Typography.Text>
      )}
    </Card>
  );
}
