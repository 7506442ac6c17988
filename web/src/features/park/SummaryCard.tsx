import { Card, Col, List, Row, Select, Space, Tag, Typography } from 'antd';
import { ExportButton } from '../admin/common/ExportButton';
import { useTranslation } from 'react-i18next';
import { exportSummary, useYearSummary } from './api';
import { CategoryTag } from './parts';

/**
 * The yearly investment summary (年度招商统计): every figure comes from the API, computed there from the project
 * records in the user's scope; the year picker offers the years with signed projects (latest by default).
 */
export function SummaryCard({ year, onYear }: { year: number | undefined; onYear: (y: number) => void }) {
  const { t } = useTranslation();
  const q = useYearSummary(year);
  const s = q.data;
  const figure = (testId: string, label: string, value: string | number, foot?: string) => (
    <div className="gb-park-figure" data-testid={testId}>
      <div className="gb-park-figure__label">{label}</div>
      <div className="gb-park-figure__value">{value}</div>
      {foot && <div className="gb-park-figure__foot">{foot}</div>}
    </div>
  );
  return (
    <Card
      className="gb-park-headwrap"
      loading={q.isPending}
      title={s ? t('park.summary.title', { year: s.year }) : ''}
      data-testid="park-summary"
      extra={
        s && (
          <Space size={4} wrap>
            <Select
              aria-label={t('park.summary.year')}
              size="small"
              value={s.year}
              onChange={onYear}
              options={(s.years.includes(s.year) ? s.years : [s.year, ...s.years]).map((y) => ({ value: y, label: y }))}
              style={{ width: 96 }}
            />
            <ExportButton run={() => exportSummary(s.year, 'export')} testId="park-summary-export" />
            <Typography.Link onClick={() => void exportSummary(s.year, 'pdf')} data-testid="park-summary-pdf">
              {t('park.summary.pdf')}
            </Typography.Link>
          </Space>
        )
      }
    >
      {s && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8} xl={{ flex: '20%' }}>
              {figure('park-summary-signed', t('park.summary.signed'), t('park.count', { count: s.signed.count }), t('park.summary.signedFoot', { amount: s.signed.amount }))}
            </Col>
            <Col xs={12} md={8} xl={{ flex: '20%' }}>
              {figure(
                'park-summary-bands',
                t('park.summary.bands'),
                `${s.over100.count} / ${s.over50.count} / ${s.over10.count}`,
                `${t('park.summary.over100')} / ${t('park.summary.over50')} / ${t('park.summary.over10')}`,
              )}
            </Col>
            <Col xs={12} md={8} xl={{ flex: '20%' }}>
              {figure(
                'park-summary-built',
                `${t('park.summary.groundbroken')} / ${t('park.summary.inProduction')}`,
                `${s.groundbroken.count} / ${s.inProduction.count}`,
                `${s.groundbroken.amount} / ${s.inProduction.amount} ${t('park.yi')}`,
              )}
            </Col>
            <Col xs={12} md={8} xl={{ flex: '20%' }}>
              {figure('park-summary-reserve', t('park.summary.reserve'), t('park.count', { count: s.reserve.count }), t('park.amountYi', { amount: s.reserve.amount }))}
            </Col>
            <Col xs={12} md={8} xl={{ flex: '20%' }}>
              {figure(
                'park-summary-revived',
                t('park.summary.revived'),
                s.areaRevived.areaM2.toLocaleString('en-US'),
                t('park.summary.revivedFoot', { count: s.areaRevived.leases }),
              )}
            </Col>
          </Row>
          {s.signed.count === 0 ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
              {t('park.summary.none')}
            </Typography.Paragraph>
          ) : (
            <Row gutter={[24, 8]} style={{ marginTop: 16 }}>
              <Col xs={24} lg={14}>
                <Typography.Text strong>{t('park.summary.largest')}</Typography.Text>
                <List
                  size="small"
                  dataSource={s.largest.slice(0, 7)}
                  renderItem={(p) => (
                    <List.Item extra={<span className="gb-park-amount">{t('park.amountYi', { amount: p.amount })}</span>}>
                      <Space size={4} wrap>
                        <span>{p.name}</span>
                        <CategoryTag category={p.category} />
                      </Space>
                    </List.Item>
                  )}
                />
              </Col>
              <Col xs={24} lg={10}>
                <Typography.Text strong>{t('park.summary.batchesTitle')}</Typography.Text>
                <List
                  size="small"
                  dataSource={s.batches}
                  renderItem={(b) => (
                    <List.Item>
                      <div>
                        <div>
                          <Tag color="purple">{t(`park.batchKind.${b.kind}`)}</Tag>
                          {b.name}
                        </div>
                        <Typography.Text type="secondary">
                          {b.heldOn} · {t('park.summary.batchLine', { count: b.projectCount, amount: b.amount })}
                        </Typography.Text>
                      </div>
                    </List.Item>
                  )}
                />
              </Col>
            </Row>
          )}
        </>
      )}
    </Card>
  );
}
