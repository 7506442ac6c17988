import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Button, DatePicker, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  BookOutlined,
  DownloadOutlined,
  FundProjectionScreenOutlined,
  ReadOutlined,
  SendOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useListParams } from '../admin/common/useListParams';
import { RowCards } from '../admin/common/PagedTable';
import { LIGHT } from '../shell/charts/chartTheme';
import { PageHeader } from '../shell/PageHeader';
import { StatCard } from '../shell/StatCard';
import { chinaDay } from '../shell/screenClock';
import { usePhone } from '../shell/useViewport';
import { exportQuarterly, useCollabStats } from './api';
import { FIGURE_COLORS, FIGURES, HEADLINES, headline, perYear, yearColumns } from './figures';
import { StatsScopeNote } from './parts';
import type { CollabStats } from './types';
import './talent.css';

const EChart = lazy(() => import('../shell/charts/EChart'));
const FILTERS = ['from', 'to'] as const;
type Cell = CollabStats['totals'][number];
const FIGURE_ICONS: Record<(typeof FIGURES)[number], ReactNode> = {
  dispatches: <SendOutlined />,
  lectures: <ReadOutlined />,
  trained: <TeamOutlined />,
  openClasses: <BookOutlined />,
  mentored: <SolutionOutlined />,
  professionals: <SwapOutlined />,
  cadres: <UserSwitchOutlined />,
};

/** 统计分析: the collaboration's figures by year, direction and sector, counted from the records; the quarterly Excel. */
export default function StatsPage() {
  const { t } = useTranslation();
  const phone = usePhone();
  const { filters, setFilters } = useListParams(FILTERS);
  // This year and quarter in China time (the server counts by it), not the browser's zone.
  const today = chinaDay();
  const thisYear = Number(today.slice(0, 4));
  const from = Number(filters.from) || 2018;
  const to = Math.max(from, Number(filters.to) || thisYear);
  const stats = useCollabStats(from, to);
  const [quarter, setQuarter] = useState<{ year: number; quarter: number }>({ year: thisYear, quarter: Math.ceil(Number(today.slice(5, 7)) / 3) });
  const option = useMemo(
    () =>
      yearColumns(
        (['dispatches', 'lectures', 'openClasses'] as const).map((k) => ({
          name: t(`talent.stats.figure.${k}`),
          color: FIGURE_COLORS[k],
          data: perYear(stats.data, 'east_to_west', k),
        })),
        LIGHT,
      ),
    [stats.data, t],
  );
  const columns: ColumnsType<Cell> = [
    {
      title: t('talent.stats.cell'),
      key: 'cell',
      fixed: phone ? undefined : 'left',
      width: 170,
      render: (_v, c) => (
        <div data-testid="stats-row">
          <strong>{t(`talent.direction.${c.direction}`)}</strong>
          <div className="gb-muted">{t(`talent.sector.${c.sector}`)}</div>
        </div>
      ),
    },
    ...FIGURES.map((k) => ({ title: t(`talent.stats.figure.${k}`), dataIndex: k, width: 100, align: 'right' as const })),
  ];

  return (
    <div data-testid="talent-stats-page">
      <PageHeader
        title={t('talent.stats.title')}
        subtitle={t('talent.stats.subtitle')}
        extra={
          <Link to="/talent/screen">
            <Button icon={<FundProjectionScreenOutlined />} data-testid="stats-screen">
              {t('talent.stats.screen')}
            </Button>
          </Link>
        }
      />
      <div className="gb-panel gb-talent-figures">
        <DatePicker.RangePicker
          picker="year"
          allowClear={false}
          value={[dayjs(`${from}-01-01`), dayjs(`${to}-01-01`)]}
          onChange={(v) => v?.[0] && v[1] && setFilters({ from: String(v[0].year()), to: String(v[1].year()) })}
          data-testid="stats-years"
        />
        <span className="gb-muted">{t('talent.stats.span', { from, to })}</span>
        {stats.data?.scope.kind !== 'institution' && <StatsScopeNote scope={stats.data?.scope} />}
        <Space wrap className="gb-talent-quarter">
          <Select
            value={quarter.year}
            onChange={(year) => setQuarter((q) => ({ ...q, year }))}
            options={Array.from({ length: thisYear - 2016 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: t('talent.stats.yearLabel', { year: y }) }))}
            style={{ width: 110 }}
          />
          <Select
            value={quarter.quarter}
            onChange={(q) => setQuarter((x) => ({ ...x, quarter: q }))}
            options={[1, 2, 3, 4].map((q) => ({ value: q, label: t('talent.stats.quarter', { quarter: q }) }))}
            style={{ width: 120 }}
          />
          <Button icon={<DownloadOutlined />} onClick={() => exportQuarterly(quarter.year, quarter.quarter)} data-testid="stats-quarterly">
            {t('talent.stats.quarterly')}
          </Button>
        </Space>
      </div>
      {stats.data?.scope.kind === 'institution' && <StatsScopeNote scope={stats.data.scope} />}
      {(['east_to_west', 'west_to_east'] as const).map((direction) => (
        <section key={direction}>
          <h3 className="gb-talent-subhead">{t(`talent.direction.${direction}`)}</h3>
          <div className="gb-talent-cards" data-testid={`stats-${direction.replaceAll('_', '-')}`}>
            {HEADLINES.map((h) => (
              <StatCard
                key={h.key}
                icon={FIGURE_ICONS[h.figure]}
                color={FIGURE_COLORS[h.figure]}
                title={t(`talent.stats.headline.${h.key}`)}
                value={headline(stats.data, direction, h) ?? '—'}
                foot={t(`talent.stats.unit.${h.figure}`)}
                loading={stats.isPending}
                testId={`stat-${direction === 'east_to_west' ? 'ew' : 'we'}-${h.key}`}
              />
            ))}
          </div>
        </section>
      ))}
      <div className="gb-panel gb-talent-chart-panel">
        <div className="gb-toolbar">
          <strong>{t('talent.stats.byYear')}</strong>
        </div>
        <Suspense fallback={<div className="gb-talent-chart" />}>
          <EChart option={option} className="gb-talent-chart" label={t('talent.stats.byYear')} testId="stats-chart" />
        </Suspense>
      </div>
      <div className="gb-panel gb-talent-chart-panel">
        <div className="gb-toolbar">
          <strong>{t('talent.stats.bySector')}</strong>
        </div>
        {phone ? (
          <RowCards<Cell> columns={columns} items={stats.data?.totals ?? []} rowKey={(c) => `${c.direction}-${c.sector}`} testId="stats-cards" rowClassName={undefined} />
        ) : (
          <Table<Cell> size="small" columns={columns} dataSource={stats.data?.totals} rowKey={(c) => `${c.direction}-${c.sector}`} pagination={false} scroll={{ x: 900 }} />
        )}
      </div>
    </div>
  );
}
