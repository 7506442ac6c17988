import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Col, DatePicker, Empty, Pagination, Row, Select, Skeleton, Space, Table, Tag, Tooltip } from 'antd';
import { ExceptionOutlined } from '@ant-design/icons';
import type { ColumnType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { QualityCharacteristic, QualityOverview } from '@gearbridge/contracts/factory';
import { PageHeader } from '../../shell/PageHeader';
import { QueryError } from '../../shell/StatusViews';
import { usePhone } from '../../shell/useViewport';
import { RowCards } from '../../admin/common/PagedTable';
import { plantDay } from '../plantTime';
import { useCharacteristics, useQualityOverview } from './api';
import { pareto } from './charts';
import { named, oneIn, plantWhen, ppmColor, ppmTargetText, ppmText, yieldPct } from './format';
import { YieldFigures } from './YieldFigures';
import { useNcrs } from '../ncr/api';
import { NcrCreateModal } from '../ncr/NcrCreateModal';
import { can, useCurrentUser } from '../../auth/session';
import '../factory.css';
import './quality.css';

const QualityChart = lazy(() => import('./QualityChart'));
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type LineRow = QualityOverview['lines'][number];

/**
 * 质量: the plant's day against the lines' ppm targets (each line's record, factory_lines.ppm_target), each line's yields, the defect
 * Pareto, the latest SPC signals and every characteristic with its limits and signals (issue #13 items 3, 4, 8).
 */
export default function QualityPage() {
  const { t } = useTranslation();
  const engineer = can(useCurrentUser(), 'factory.quality');
  // The SPC signal an NCR is being raised from (its line and operation go with it).
  const [fromSignal, setFromSignal] = useState<QualityOverview['signals'][number] | null>(null);
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const today = plantDay();
  const asked = params.get('day');
  const day = asked && DAY.test(asked) && asked <= today ? asked : today;
  const overview = useQualityOverview(day, day === today);
  const characteristics = useCharacteristics();
  const [lineFilter, setLineFilter] = useState<string | null>(null);
  // On a phone the characteristics come ten at a time (cards are tall).
  const [cardPage, setCardPage] = useState(1);
  const data = overview.data;

  const defects = useMemo(
    () =>
      data
        ? pareto(
            data.defects.map((d) => ({ name: `${d.code} ${named(d)}`.trim(), count: d.count })),
            { count: t('factory.quality.count'), cumulative: t('factory.quality.cumulative'), other: (n) => t('factory.oee.stops.other', { count: n }) },
          )
        : null,
    [data, t],
  );

  const setDay = (d: string | null) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (d && d !== today) n.set('day', d);
        else n.delete('day');
        return n;
      },
      { replace: true },
    );

  const lineColumns: ColumnType<LineRow>[] = [
    { key: 'line', title: t('factory.quality.line'), render: (_, r) => <span className="gb-nowrap">{`${r.code} · ${named(r)}`}</span> },
    { key: 'good', title: t('factory.quality.good'), align: 'right', render: (_, r) => r.output.good.toLocaleString() },
    {
      key: 'nok',
      title: t('factory.quality.nok'),
      align: 'right',
      render: (_, r) => <span style={{ color: r.output.nok ? '#d23f3f' : undefined }}>{r.output.nok.toLocaleString()}</span>,
    },
    { key: 'fpy', title: t('factory.quality.fpy'), align: 'right', render: (_, r) => yieldPct(r.output.firstPassYield) },
    { key: 'rty', title: t('factory.quality.rty'), align: 'right', render: (_, r) => yieldPct(r.output.rolledThroughputYield) },
    {
      key: 'ppm',
      title: t('factory.quality.ppm'),
      align: 'right',
      render: (_, r) => (
        <Tooltip title={[oneIn(r.output.ppm, t), ppmTargetText(r.ppmTarget, t)].filter(Boolean).join(' · ')}>
          <b style={{ color: ppmColor(r.output.ppm, r.ppmTarget) }}>{ppmText(r.output.ppm)}</b>
        </Tooltip>
      ),
    },
  ];

  const chars = (characteristics.data ?? []).filter((c) => !lineFilter || c.lineCode === lineFilter);
  const lineCodes = [...new Set((characteristics.data ?? []).map((c) => c.lineCode).filter((x): x is string => !!x))].sort();
  const charColumns: ColumnType<QualityCharacteristic>[] = [
    {
      key: 'code',
      title: t('factory.quality.code'),
      render: (_, c) => (
        <Link to={`/factory/quality/characteristics/${c.id}`} data-testid={`char-${c.lineCode ?? 'x'}-${c.op}-${c.code}`}>
          <span className="gb-mono">{c.code}</span> {named(c)}
        </Link>
      ),
    },
    { key: 'line', title: t('factory.quality.line'), render: (_, c) => c.lineCode ?? '—' },
    { key: 'product', title: t('factory.quality.product'), render: (_, c) => <span className="gb-nowrap">{c.partNo}</span> },
    { key: 'op', title: t('factory.quality.op'), dataIndex: 'op' },
    { key: 'chart', title: t('factory.quality.chartKind'), render: (_, c) => t(`factory.spc.kinds.${c.chart}`) },
    {
      key: 'limits',
      title: t('factory.quality.limits'),
      render: (_, c) => (c.limitsRevision === null ? <Tag>{t('factory.quality.noStudy')}</Tag> : t('factory.quality.revision', { n: c.limitsRevision })),
    },
    { key: 'last', title: t('factory.quality.lastValue'), render: (_, c) => <span className="gb-nowrap">{plantWhen(c.lastValueAt)}</span> },
    {
      key: 'signals',
      title: t('factory.quality.signals24h'),
      align: 'right',
      render: (_, c) => (c.signals24h > 0 ? <Tag color="red">{c.signals24h}</Tag> : <span className="gb-muted">0</span>),
    },
  ];

  // Open NCRs (the count only: one row asked).
  const openNcrs = useNcrs({ status: 'open', page: 1, pageSize: 1 });
  return (
    <div data-testid="quality-page">
      <PageHeader
        title={t('factory.quality.title')}
        subtitle={t('factory.quality.subtitle')}
        extra={
          <Space wrap>
            <Link to="/factory/ncrs?status=open" data-testid="quality-ncrs">
              <Button icon={<ExceptionOutlined />} danger={!!openNcrs.data?.total}>
                {t('factory.ncr.nav')}
                {openNcrs.data ? ` · ${t('factory.ncr.openCount', { count: openNcrs.data.total })}` : ''}
              </Button>
            </Link>
            <DatePicker
              value={dayjs(day)}
              allowClear={false}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              onChange={(d) => setDay(d ? d.format('YYYY-MM-DD') : null)}
              presets={[{ label: t('factory.quality.today'), value: dayjs(today) }]}
              data-testid="quality-day"
            />
          </Space>
        }
      />
      {overview.error && !data ? (
        <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Card
            className="gb-section-card"
            title={t('factory.quality.plant')}
            extra={
              <span className="gb-muted" data-testid="quality-target">
                {ppmTargetText(data.ppmTarget, t)}
              </span>
            }
          >
            {data.plant.good + data.plant.nok === 0 && <div className="gb-muted gb-q-note">{t('factory.quality.noOutput')}</div>}
            <YieldFigures f={data.plant} target={data.ppmTarget} testId="quality-plant" />
          </Card>
          <Card className="gb-section-card gb-card-flush" title={t('factory.quality.linesTitle')}>
            {phone ? (
              <RowCards columns={lineColumns} items={data.lines} rowKey="lineId" rowClassName="" testId="quality-lines" />
            ) : (
              <Table size="small" columns={lineColumns} dataSource={data.lines} rowKey="lineId" pagination={false} data-testid="quality-lines" />
            )}
          </Card>
          <Row gutter={[16, 0]}>
            <Col xs={24} xl={12}>
              <Card className="gb-section-card" title={t('factory.quality.defectsTitle')} data-testid="quality-defects">
                {defects ? (
                  <Suspense fallback={<Skeleton active />}>
                    <QualityChart option={defects} className="gb-q-chart" testId="quality-defects-chart" label={t('factory.quality.defectsTitle')} />
                  </Suspense>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.quality.defectsEmpty')} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card className="gb-section-card" title={t('factory.quality.signalsTitle')} data-testid="quality-signals">
                {data.signals.length ? (
                  <ul className="gb-q-signals">
                    {data.signals.slice(0, phone ? 5 : 12).map((s) => (
                      <li key={s.id}>
                        <Link to={`/factory/quality/characteristics/${s.characteristicId}`} data-testid="quality-signal">
                          <span className="gb-mono">{s.code}</span> {named(s)}
                        </Link>
                        <div className="gb-muted gb-q-signals__meta">{[s.lineCode, s.deviceCode, plantWhen(s.at), s.serial].filter(Boolean).join(' · ')}</div>
                        <div className="gb-q-signals__rule">
                          <Tag color="red">{s.chart === 'location' ? t('factory.quality.chartLocation') : t('factory.quality.chartSpread')}</Tag>
                          {t(`factory.spc.rules.${s.rule}`)}
                          {engineer && (
                            <Button size="small" type="link" danger onClick={() => setFromSignal(s)} data-testid="quality-signal-ncr">
                              {t('factory.ncr.openFrom')}
                            </Button>
                          )}
                        </div>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.quality.signalsEmpty')} />
                )}
              </Card>
            </Col>
          </Row>
        </>
      )}
      <Card
        className="gb-section-card gb-card-flush"
        title={t('factory.quality.characteristicsTitle')}
        extra={
          <Select
            value={lineFilter}
            onChange={(v) => {
              setLineFilter(v);
              setCardPage(1);
            }}
            allowClear
            placeholder={t('factory.quality.allLines')}
            options={lineCodes.map((c) => ({ value: c, label: c }))}
            style={{ minWidth: 120 }}
            data-testid="quality-line-filter"
          />
        }
      >
        {characteristics.error && !characteristics.data ? (
          <QueryError error={characteristics.error} onRetry={() => void characteristics.refetch()} />
        ) : !characteristics.data ? (
          <Skeleton active className="gb-card-pad" />
        ) : !chars.length ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.quality.characteristicsEmpty')} />
        ) : phone ? (
          <>
            <RowCards columns={charColumns} items={chars.slice((cardPage - 1) * 10, cardPage * 10)} rowKey="id" rowClassName="" testId="quality-characteristics" />
            <Pagination className="gb-pcards__pager" size="small" simple current={cardPage} pageSize={10} total={chars.length} onChange={setCardPage} />
          </>
        ) : (
          <Table size="small" columns={charColumns} dataSource={chars} rowKey="id" pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="quality-characteristics" />
        )}
      </Card>
      {fromSignal && (
        <NcrCreateModal
          open
          onClose={() => setFromSignal(null)}
          source="spc_signal"
          target={{ spcSignalId: fromSignal.id }}
          detail={t('factory.ncr.createDetailSignal', { code: fromSignal.code, rule: t(`factory.spc.rules.${fromSignal.rule}`), line: fromSignal.lineCode ?? '' })}
        />
      )}
    </div>
  );
}
