import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Grid, Row, Segmented, Skeleton, Statistic, Table, Tooltip, Typography } from 'antd';
import { RowCards } from '../../admin/common/PagedTable';
import type { ColumnsType } from 'antd/es/table';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ChartOption } from '../../shell/charts/chartTheme';
import { FONT_FAMILY } from '../../../theme';
import { PageHeader } from '../../shell/PageHeader';
import { QueryError } from '../../shell/StatusViews';
import { LIGHT } from '../charts';
import { useRetention } from './api';
import type { RetentionFigures, RetentionGroup } from './types';
import '../labor.css';
import './placement.css';

const EChart = lazy(() => import('../../shell/charts/EChart'));
const MILESTONES = [1, 3, 6, 12] as const;
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** Per cohort: the rate as bars (left axis, %), and retained / lost / unknown as stacked thin bars (right axis, people). */
function cohortOption(groups: RetentionGroup[], l: { rate: string; retained: string; lost: string; unknown: string; notDue: string }): ChartOption {
  const th = LIGHT;
  const axisLabel = { color: th.muted, fontSize: th.fontSize - 1 };
  const stack = (name: string, color: string, pick: (g: RetentionGroup) => number) => ({
    type: 'bar' as const,
    name,
    stack: 'n',
    yAxisIndex: 1,
    barMaxWidth: 10,
    itemStyle: { color },
    data: groups.map(pick),
  });
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, backgroundColor: th.tooltipBg, borderColor: th.line, textStyle: { color: th.tooltipText } },
    legend: { bottom: 0, icon: 'roundRect', itemWidth: 10, itemHeight: 10, textStyle: { color: th.text } },
    grid: { left: 8, right: 8, top: 28, bottom: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: groups.map((g) => g.label),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: th.line } },
      axisLabel: { color: th.text, fontSize: th.fontSize - 1 },
    },
    yAxis: [
      { type: 'value', min: 0, max: 100, axisLabel: { ...axisLabel, formatter: '{value}%' }, splitLine: { lineStyle: { type: 'dashed', color: th.line } } },
      { type: 'value', minInterval: 1, axisLabel, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: l.rate,
        barMaxWidth: 26,
        itemStyle: { color: '#1f4fd1', borderRadius: [4, 4, 0, 0] },
        label: {
          show: true,
          position: 'top',
          color: th.text,
          fontSize: th.fontSize - 2,
          formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? `${p.value}%` : ''),
        },
        data: groups.map((g) => (g.rate === null ? null : Math.round(g.rate * 1000) / 10)),
      },
      stack(l.retained, '#1a8f5a', (g) => g.retained),
      stack(l.lost, '#d23f3f', (g) => g.lost),
      stack(l.unknown, '#bfbfbf', (g) => g.unknown),
    ],
  } as ChartOption;
}

/**
 * The labels without the part every group shares: regions all under 重庆市 城口县 show as their towns (the full name
 * in the tooltip), not as "重庆市 城口县…" cut off in every row.
 */
export function shortLabels(labels: readonly string[]): string[] {
  const parts = labels.map((l) => l.split(' '));
  if (parts.length < 2) return parts.map((p) => p[p.length - 1]);
  let common = 0;
  while (parts.every((p) => p.length > common + 1 && p[common] === parts[0][common])) common++;
  return parts.map((p) => p.slice(common).join(' '));
}

function FiguresTable({ groups, nameTitle, testId }: { groups: RetentionGroup[]; nameTitle: string; testId: string }) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md === false;
  const short = new Map(shortLabels(groups.map((g) => g.label)).map((s, i) => [groups[i].key, s]));
  const columns: ColumnsType<RetentionGroup> = [
    {
      title: nameTitle,
      dataIndex: 'label',
      ellipsis: { showTitle: false },
      render: (label: string, g) => (
        <Tooltip title={label}>
          <span data-testid="ret-label">{short.get(g.key) ?? label}</span>
        </Tooltip>
      ),
    },
    { title: t('laborPlacement.ret.placements'), dataIndex: 'placements', width: 110, align: 'right' },
    { title: t('laborPlacement.ret.notDue'), dataIndex: 'notDue', width: 100, align: 'right' },
    {
      title: (
        <Tooltip title={t('laborPlacement.ret.unknownHint')}>
          {t('laborPlacement.ret.unknown')} <InfoCircleOutlined />
        </Tooltip>
      ),
      dataIndex: 'unknown',
      width: 120,
      align: 'right',
      render: (n: number) => (n ? <span className="gb-lp-unknown">{n}</span> : 0),
    },
    {
      title: t('laborPlacement.ret.retained'),
      key: 'ret',
      width: 140,
      align: 'right',
      render: (_, g) => (
        <span>
          {g.retained} <span className="gb-muted">({t('laborPlacement.ret.sameShort', { n: g.sameEmployer })})</span>
        </span>
      ),
    },
    { title: t('laborPlacement.ret.lost'), dataIndex: 'lost', width: 140, align: 'right' },
    {
      title: t('laborPlacement.ret.rate'),
      dataIndex: 'rate',
      width: 120,
      align: 'right',
      sorter: (a, b) => (a.rate ?? -1) - (b.rate ?? -1),
      render: (r: number | null) => <b>{pct(r)}</b>,
    },
  ];
  if (phone) return <RowCards<RetentionGroup> columns={columns} items={groups} rowKey="key" rowClassName={undefined} testId={testId} />;
  return (
    <Table<RetentionGroup>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={groups}
      pagination={groups.length > 15 ? { pageSize: 15, size: 'small' } : false}
      scroll={{ x: 900 }}
      data-testid={testId}
    />
  );
}

function Totals({ f }: { f: RetentionFigures }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} className="gb-lp-block">
      <Col xs={12} md={6}>
        <Card className="gb-stat-card" data-testid="ret-rate">
          <Statistic title={t('laborPlacement.ret.rate')} value={pct(f.rate)} valueStyle={{ color: '#1f4fd1' }} />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card className="gb-stat-card">
          <Statistic title={t('laborPlacement.ret.retainedOfRecorded')} value={f.retained} suffix={`/ ${f.retained + f.lost}`} />
          <div className="gb-stat__foot">{t('laborPlacement.ret.sameEmployer', { n: f.sameEmployer })}</div>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card className="gb-stat-card">
          <Statistic title={t('laborPlacement.ret.unknown')} value={f.unknown} valueStyle={f.unknown ? { color: '#e08a1e' } : undefined} />
          <div className="gb-stat__foot">{t('laborPlacement.ret.unknownFoot')}</div>
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card className="gb-stat-card">
          <Statistic title={t('laborPlacement.ret.placements')} value={f.placements} />
          <div className="gb-stat__foot">{t('laborPlacement.ret.notDueFoot', { n: f.notDue })}</div>
        </Card>
      </Col>
    </Row>
  );
}

/** 稳岗率: by cohort (start month), by home region, by enterprise, at one milestone (docs/retention.md). */
export default function RetentionPage() {
  const { t } = useTranslation();
  const [milestone, setMilestone] = useState<number>(6);
  const [regionDigits, setRegionDigits] = useState<6 | 9>(9);
  const cohort = useRetention({ by: 'cohort', milestone });
  const region = useRetention({ by: 'region', milestone, regionDigits });
  const enterprise = useRetention({ by: 'enterprise', milestone });
  const option = useMemo(() => {
    const labels = {
      rate: t('laborPlacement.ret.rate'),
      retained: t('laborPlacement.ret.retained'),
      lost: t('laborPlacement.ret.lost'),
      unknown: t('laborPlacement.ret.unknown'),
      notDue: t('laborPlacement.ret.notDue'),
    };
    return cohortOption(cohort.data?.groups ?? [], labels);
  }, [cohort.data, t]);

  return (
    <div data-testid="labor-retention-page">
      <PageHeader
        title={t('laborPlacement.ret.title')}
        subtitle={cohort.data ? t('laborPlacement.ret.asOf', { d: cohort.data.asOf }) : t('laborPlacement.ret.subtitle')}
        extra={
          <Segmented
            value={milestone}
            onChange={(v) => setMilestone(Number(v))}
            options={MILESTONES.map((m) => ({ value: m, label: t('laborPlacement.months', { count: m }) }))}
            data-testid="ret-milestone"
          />
        }
      />
      <Alert
        type="info"
        showIcon
        className="gb-lp-block"
        title={t('laborPlacement.ret.formula')}
        description={<Typography.Text type="secondary">{t('laborPlacement.ret.formulaDetail')}</Typography.Text>}
        data-testid="ret-formula"
      />
      {cohort.error ? (
        <QueryError error={cohort.error} onRetry={() => void cohort.refetch()} />
      ) : !cohort.data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <>
          <Totals f={cohort.data.total} />
          <Card title={t('laborPlacement.ret.byCohort', { m: milestone })} className="gb-lp-block" data-testid="ret-cohort">
            {cohort.data.groups.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('laborPlacement.ret.none')} />
            ) : (
              <>
                <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
                  <EChart option={option} className="gb-chart" label={cohort.data.groups.map((g) => `${g.label} ${pct(g.rate)}`).join(', ')} />
                </Suspense>
                <FiguresTable groups={cohort.data.groups} nameTitle={t('laborPlacement.ret.cohort')} testId="ret-cohort-table" />
              </>
            )}
          </Card>
        </>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            title={t('laborPlacement.ret.byRegion')}
            extra={
              <Segmented
                size="small"
                value={regionDigits}
                onChange={(v) => setRegionDigits(v as 6 | 9)}
                options={[
                  { value: 9, label: t('laborPlacement.ret.town') },
                  { value: 6, label: t('laborPlacement.ret.county') },
                ]}
              />
            }
          >
            {region.error ? (
              <QueryError error={region.error} />
            ) : !region.data ? (
              <Skeleton active />
            ) : (
              <FiguresTable groups={region.data.groups} nameTitle={t('laborPlacement.ret.region')} testId="ret-region-table" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('laborPlacement.ret.byEnterprise')}>
            {enterprise.error ? (
              <QueryError error={enterprise.error} />
            ) : !enterprise.data ? (
              <Skeleton active />
            ) : (
              <FiguresTable groups={enterprise.data.groups} nameTitle={t('laborPlacement.ret.enterprise')} testId="ret-enterprise-table" />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
