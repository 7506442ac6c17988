// The park dashboard's and 大屏's chart options, built from the API's figures for the light page (LIGHT) and the
// dark wall (DARK). No ECharts code here: pages load ECharts with their first chart. Amounts arrive as exact
// decimal text in 亿元; a bar's height needs a number, but every label and tooltip shows the API's text.
import type { TFunction } from 'i18next';
import type { ChartOption, ChartTheme } from '../shell/charts/chartTheme';
import { FONT_FAMILY } from '../../theme';
import type { ParkDashboard } from './types';

export const STAGE_HUES = { lead: '#8c8c8c', negotiating: '#faad14', signed: '#1677ff', construction: '#fa8c16', production: '#52c41a' } as const;
const PALETTE = ['#4d8bff', '#2bd18b', '#f0b429', '#b37feb', '#ff7a7a', '#36cfc9', '#ffa940', '#5cdbd3', '#ff85c0', '#95de64', '#adc6ff'];

const tooltip = (th: ChartTheme, trigger: 'axis' | 'item') => ({
  trigger,
  backgroundColor: th.tooltipBg,
  borderColor: th.line,
  textStyle: { color: th.tooltipText, fontSize: th.fontSize },
  confine: true,
});
const axisX = (th: ChartTheme, data: string[]) => ({
  type: 'category' as const,
  data,
  axisLabel: { color: th.text, fontSize: th.fontSize, hideOverlap: true },
  axisLine: { lineStyle: { color: th.line } },
});
const axisY = (th: ChartTheme, name?: string) => ({
  type: 'value' as const,
  name,
  nameTextStyle: { color: th.muted, fontSize: th.fontSize - 1 },
  minInterval: 1,
  axisLabel: { color: th.muted, fontSize: th.fontSize - 1 },
  splitLine: { lineStyle: { type: 'dashed' as const, color: th.line } },
});
/** Every year from the first to the last with figures, a year without any shown as nothing (not skipped: the axis is time). */
export function everyYear<T extends { year: number }>(rows: T[], empty: (year: number) => T): T[] {
  if (!rows.length) return [];
  const by = new Map(rows.map((r) => [r.year, r]));
  const out: T[] = [];
  for (let y = rows[0].year; y <= rows[rows.length - 1].year; y++) out.push(by.get(y) ?? empty(y));
  return out;
}
const base = (th: ChartTheme) => ({ textStyle: { fontFamily: FONT_FAMILY, color: th.text }, grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true } });

/** The pipeline by current stage: the projects' count a bar, the stage's amount (exact text) in its tooltip. */
export function stageChart(d: ParkDashboard, th: ChartTheme, t: TFunction): ChartOption {
  return {
    ...base(th),
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltip(th, 'axis'),
      formatter: (ps: unknown) => {
        const p = (ps as { dataIndex: number }[])[0];
        const s = d.byStage[p.dataIndex];
        return `${t(`park.stage.${s.stage}`)}<br/>${t('park.count', { count: s.count })} · ${t('park.amountYi', { amount: s.amount })}`;
      },
    },
    xAxis: axisX(
      th,
      d.byStage.map((s) => t(`park.stage.${s.stage}`)),
    ),
    yAxis: axisY(th),
    series: [
      {
        type: 'bar',
        name: t('park.dashboard.projects'),
        data: d.byStage.map((s) => ({ value: s.count, itemStyle: { color: STAGE_HUES[s.stage], borderRadius: [3, 3, 0, 0] } })),
        label: { show: true, position: 'top', color: th.text, fontSize: th.fontSize },
        barMaxWidth: 48,
      },
    ],
  };
}

/** The pipeline (reserve apart) by category: a ring of the projects' count; the tooltip adds the exact amount. */
export function categoryChart(d: ParkDashboard, th: ChartTheme, t: TFunction, compact = false): ChartOption {
  return {
    textStyle: { fontFamily: FONT_FAMILY, color: th.text },
    color: PALETTE,
    tooltip: {
      ...tooltip(th, 'item'),
      formatter: (p: unknown) => {
        const c = d.byCategory[(p as { dataIndex: number }).dataIndex];
        return `${t(`park.category.${c.category}`)}<br/>${t('park.count', { count: c.count })} · ${t('park.amountYi', { amount: c.amount })}`;
      },
    },
    legend: {
      type: 'scroll',
      orient: compact ? 'horizontal' : 'vertical',
      ...(compact ? { bottom: 0, left: 'center' } : { right: 0, top: 'middle' }),
      textStyle: { color: th.text, fontSize: th.fontSize },
      pageTextStyle: { color: th.muted },
    },
    series: [
      {
        type: 'pie',
        radius: ['45%', '72%'],
        center: compact ? ['50%', '42%'] : ['35%', '50%'],
        label: { show: false },
        data: d.byCategory.map((c) => ({ name: t(`park.category.${c.category}`), value: c.count })),
      },
    ],
  };
}

/**
 * Projects signed per year: the count as a line in a band of its own above, the amount in 亿元 as bars labelled with
 * the API's exact text below, on one year axis. Two grids, not two y-axes over one: with one grid a bar's label and
 * the line's point land wherever the two scales put them (2018's 9.3 亿元 under its 5 projects), however few years.
 */
export function investmentChart(d: ParkDashboard, th: ChartTheme, t: TFunction): ChartOption {
  const ys = everyYear(d.signedByYear, (year) => ({ year, count: 0, amount: '0' }));
  const years = ys.map((y) => String(y.year));
  // The grids' left edges are set, not fitted to their labels (containLabel), so a year sits at the same x in both.
  const left = th.fontSize * 4;
  return {
    ...base(th),
    grid: [
      { left, right: 16, top: 44, height: '18%' },
      { left, right: 16, top: '46%', bottom: th.fontSize * 2 + 4 },
    ],
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    tooltip: {
      ...tooltip(th, 'axis'),
      formatter: (ps: unknown) => {
        const y = ys[(ps as { dataIndex: number }[])[0].dataIndex];
        return `${t('park.dashboard.yearLabel', { year: y.year })}<br/>${t('park.dashboard.signedLine', { count: y.count, amount: y.amount })}`;
      },
    },
    legend: { top: 0, textStyle: { color: th.text, fontSize: th.fontSize } },
    xAxis: [
      { ...axisX(th, years), gridIndex: 0, axisLabel: { show: false }, axisTick: { show: false } },
      { ...axisX(th, years), gridIndex: 1 },
    ],
    yAxis: [
      // No axis names: the legend names both series with their units, and a name would crowd the short upper band.
      { ...axisY(th), gridIndex: 0, splitNumber: 1 },
      { ...axisY(th), gridIndex: 1 },
    ],
    series: [
      {
        type: 'bar',
        name: t('park.dashboard.amount'),
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: ys.map((y) => Number(y.amount)),
        itemStyle: { color: '#4d8bff', borderRadius: [3, 3, 0, 0] },
        label: {
          show: true,
          position: 'top',
          color: th.text,
          fontSize: th.fontSize,
          formatter: (p: unknown) => (ys[(p as { dataIndex: number }).dataIndex].count ? ys[(p as { dataIndex: number }).dataIndex].amount : ''),
        },
        barMaxWidth: 56,
      },
      {
        type: 'line',
        name: t('park.dashboard.signedCount'),
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: ys.map((y) => y.count),
        itemStyle: { color: '#f0b429' },
        lineStyle: { color: '#f0b429' },
        symbolSize: 8,
        label: { show: true, position: 'right', color: th.muted, fontSize: th.fontSize - 1 },
      },
    ],
  };
}

/** Area revived per year (m²), from the leases of sites that stood idle. */
export function revivedChart(d: ParkDashboard, th: ChartTheme, t: TFunction): ChartOption {
  const ys = everyYear(d.space.revivedByYear, (year) => ({ year, areaM2: 0, leases: 0 }));
  return {
    ...base(th),
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltip(th, 'axis'),
      formatter: (ps: unknown) => {
        const y = ys[(ps as { dataIndex: number }[])[0].dataIndex];
        return `${t('park.dashboard.yearLabel', { year: y.year })}<br/>${t('park.dashboard.revivedLine', { area: y.areaM2.toLocaleString('en-US'), count: y.leases })}`;
      },
    },
    xAxis: axisX(
      th,
      ys.map((y) => String(y.year)),
    ),
    yAxis: axisY(th),
    series: [
      {
        type: 'bar',
        name: t('park.dashboard.revived'),
        data: ys.map((y) => y.areaM2),
        itemStyle: { color: '#2bd18b', borderRadius: [3, 3, 0, 0] },
        label: {
          show: true,
          position: 'top',
          color: th.text,
          fontSize: th.fontSize,
          formatter: (p: unknown) => (ys[(p as { dataIndex: number }).dataIndex].leases ? ys[(p as { dataIndex: number }).dataIndex].areaM2.toLocaleString('en-US') : ''),
        },
        barMaxWidth: 48,
      },
    ],
  };
}

/** Each chain's links: with an enterprise, missing but targeted by a project, missing and open (stacked). */
export function coverageChart(d: ParkDashboard, th: ChartTheme, t: TFunction): ChartOption {
  const cs = [...d.chains.byChain].reverse();
  const bar = (name: string, color: string, data: number[]) => ({
    type: 'bar' as const,
    name,
    stack: 'links',
    data,
    itemStyle: { color },
    label: { show: true, color: '#fff', fontSize: th.fontSize - 1, formatter: (p: unknown) => ((p as { value: number }).value ? String((p as { value: number }).value) : '') },
    barMaxWidth: 26,
  });
  return {
    ...base(th),
    tooltip: tooltip(th, 'axis'),
    legend: { top: 0, textStyle: { color: th.text, fontSize: th.fontSize } },
    xAxis: { ...axisY(th), type: 'value' },
    yAxis: {
      ...axisX(
        th,
        cs.map((c) => c.name),
      ),
      type: 'category',
    },
    series: [
      bar(
        t('park.dashboard.covered'),
        '#2bd18b',
        cs.map((c) => c.covered),
      ),
      bar(
        t('park.dashboard.targeted'),
        '#fa8c16',
        cs.map((c) => c.targeted),
      ),
      bar(
        t('park.dashboard.open'),
        '#ff4d4f',
        cs.map((c) => c.links - c.covered - c.targeted),
      ),
    ],
  };
}

/** Certifications by kind: certified, under review or applied, rejected (stacked). */
export function certificationChart(d: ParkDashboard, th: ChartTheme, t: TFunction): ChartOption {
  const kinds = ['smart_factory', 'digital_workshop'] as const;
  const count = (kind: string, statuses: string[]) => d.certifications.filter((c) => c.kind === kind && statuses.includes(c.status)).reduce((s, c) => s + c.count, 0);
  const groups = [
    { key: 'certified', statuses: ['certified'], color: '#2bd18b' },
    { key: 'pending', statuses: ['applied', 'under_review'], color: '#4d8bff' },
    { key: 'rejected', statuses: ['rejected'], color: '#8c8c8c' },
  ];
  return {
    ...base(th),
    tooltip: tooltip(th, 'axis'),
    legend: { top: 0, textStyle: { color: th.text, fontSize: th.fontSize } },
    xAxis: { ...axisY(th), type: 'value' },
    yAxis: {
      ...axisX(
        th,
        kinds.map((k) => t(`park.certs.kind_${k}`)),
      ),
      type: 'category',
    },
    series: groups.map((g) => ({
      type: 'bar' as const,
      name: t(`park.dashboard.cert_${g.key}`),
      stack: 'certs',
      data: kinds.map((k) => count(k, g.statuses)),
      itemStyle: { color: g.color },
      label: { show: true, color: '#fff', fontSize: th.fontSize - 1, formatter: (p: unknown) => ((p as { value: number }).value ? String((p as { value: number }).value) : '') },
      barMaxWidth: 30,
    })),
  };
}
