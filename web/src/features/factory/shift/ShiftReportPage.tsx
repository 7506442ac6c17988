import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App as AntApp, Breadcrumb, Button, Card, Col, DatePicker, Empty, Modal, Progress, Row, Segmented, Select, Skeleton, Table, Tag } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import type { ColumnType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ShiftReport } from '@gearbridge/contracts/factory';
import { currentLocale } from '../../../i18n';
import { errorText } from '../../../api/errors';
import { PageHeader } from '../../shell/PageHeader';
import { QueryError } from '../../shell/StatusViews';
import { usePhone } from '../../shell/useViewport';
import { RowCards } from '../../admin/common/PagedTable';
import { useLines } from '../api';
import { inLineTime, lossWaterfall, stopPareto } from '../chartOptions';
import { duration } from '../format';
import { lineName } from '../model';
import { OeeFiguresCard } from '../OeeFiguresCard';
import { shiftLabel } from '../oeeFormat';
import { plantDay, plantHm } from '../plantTime';
import { useLossLabels, useStopLabels } from '../useOeeLabels';
import { pareto, hourlyBars } from '../quality/charts';
import { named, ppmTargetText } from '../quality/format';
import { YieldFigures } from '../quality/YieldFigures';
import { NcrStatusTag } from '../ncr/NcrsPage';
import { can, useCurrentUser } from '../../auth/session';
import { downloadShiftReport, useCrew, useCrewPeople, useSetCrew, useShiftReport } from './api';
import '../factory.css';
import '../oee.css';
import './shift.css';

const EChart = lazy(() => import('../../shell/charts/EChart'));
const QualityChart = lazy(() => import('../quality/QualityChart'));
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Alarm = ShiftReport['alarms']['top'][number];
type WorkOrderRow = ShiftReport['workOrders'][number];
type NcrRow = ShiftReport['ncrs']['items'][number];

/** Setting the shift's crew for the report's day (planners): it holds for the later days too, until set again. */
function CrewModal({ r, onClose }: { r: ShiftReport; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const people = useCrewPeople(r.line.id, true);
  const crew = useCrew(r.line.id, r.day);
  const save = useSetCrew();
  const [ids, setIds] = useState<string[] | null>(null);
  const current = crew.data?.shifts.find((s) => s.code === r.shift.code)?.members.map((m) => m.userId) ?? [];
  const chosen = ids ?? current;
  const submit = () =>
    save
      .mutateAsync({ lineId: r.line.id, day: r.day, shiftCode: r.shift.code, userIds: chosen })
      .then(() => {
        message.success(t('factory.shiftReport.crewSaved'));
        onClose();
      })
      .catch((err) => void message.error(errorText(err, t)));
  return (
    <Modal
      open
      title={t('factory.shiftReport.crewEditTitle', { day: r.day, shift: shiftLabel(r.shift.name, r.shift.code, t) })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !people.data || !crew.data, 'data-testid': 'sr-crew-save' }}
      onCancel={onClose}
      onOk={() => void submit()}
      destroyOnHidden
    >
      <p className="gb-muted">{t('factory.shiftReport.crewEditHint')}</p>
      <Select
        mode="multiple"
        allowClear
        style={{ width: '100%' }}
        loading={people.isLoading || crew.isLoading}
        value={chosen}
        onChange={setIds}
        optionFilterProp="label"
        options={(people.data ?? []).map((p) => ({ value: p.userId, label: p.name }))}
        placeholder={t('factory.shiftReport.crewNone')}
        aria-label={t('factory.shiftReport.crew')}
        data-testid="sr-crew-select"
      />
    </Modal>
  );
}

/** Who worked the shift; a crew carried forward from an earlier day says from which. Planners set it from here. */
function CrewLine({ r }: { r: ShiftReport }) {
  const { t } = useTranslation();
  const planner = can(useCurrentUser(), 'factory.plan');
  const [editing, setEditing] = useState(false);
  return (
    <div className="gb-sr-crew" data-testid="sr-crew">
      <span className="gb-muted gb-sr-crew__label">{t('factory.shiftReport.crew')}</span>
      {r.crew.members.length ? r.crew.members.join(currentLocale() === 'en' ? ', ' : '、') : t('factory.shiftReport.crewNone')}
      {r.crew.carriedForward && r.crew.fromDay && (
        <Tag className="gb-sr-crew__from" data-testid="sr-crew-carried">
          {t('factory.shiftReport.crewCarried', { day: r.crew.fromDay })}
        </Tag>
      )}
      {planner && (
        <Button size="small" type="link" className="gb-sr-noprint" onClick={() => setEditing(true)} data-testid="sr-crew-edit">
          {t('factory.shiftReport.crewEdit')}
        </Button>
      )}
      {editing && <CrewModal r={r} onClose={() => setEditing(false)} />}
    </div>
  );
}

/** Output against the target: the big figure, the bar, and for a shift in progress the pace it should be at. */
function OutputFigure({ r }: { r: ShiftReport }) {
  const { t } = useTranslation();
  const good = r.output.good;
  const goal = r.shift.inProgress ? r.targetSoFar : r.target;
  const behind = goal !== null && good < goal * 0.9;
  const color = goal === null ? '#1f4fd1' : behind ? '#d23f3f' : '#1a8f5a';
  return (
    <div className="gb-sr-output" data-testid="sr-output">
      <div className="gb-sr-output__label">{t('factory.shiftReport.output')}</div>
      <div className="gb-sr-output__big">
        <span style={{ color }} data-testid="sr-good">
          {good.toLocaleString()}
        </span>
        <span className="gb-sr-output__of"> / {r.target ?? '—'}</span>
      </div>
      {r.target !== null && (
        <Progress
          percent={Math.min(100, (good / r.target) * 100)}
          showInfo={false}
          strokeColor={color}
          success={r.targetSoFar !== null && r.shift.inProgress ? { percent: Math.min(100, (r.targetSoFar / r.target) * 100), strokeColor: 'rgba(0,0,0,0.15)' } : undefined}
        />
      )}
      <div className="gb-muted">
        {r.target === null ? t('factory.shiftReport.noTarget') : t('factory.shiftReport.ofTarget', { pct: `${Math.round((good / r.target) * 100)} %` })}
        {r.shift.inProgress && r.targetSoFar !== null && (
          <>
            {' · '}
            <span data-testid="sr-target-so-far">{t('factory.shiftReport.targetSoFar', { n: Math.round(r.targetSoFar) })}</span>{' '}
            <Tag color={behind ? 'red' : 'green'}>{behind ? t('factory.shiftReport.behind') : t('factory.shiftReport.onTrack')}</Tag>
          </>
        )}
      </div>
    </div>
  );
}

/**
 * 班次报表 (issue #13 item 6): a line's shift — output against the target (the article's 70–80 housings), units per
 * hour, yields and ppm, OEE with the six big losses and the downtime Pareto, the defect Pareto, alarms and work
 * orders; as Excel, and printable from the browser.
 */
export default function ShiftReportPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const lines = useLines();
  const today = plantDay();
  const askedDay = params.get('day');
  const day = askedDay && DAY.test(askedDay) && askedDay <= today ? askedDay : today;
  const lineId = params.get('lineId') ?? lines.data?.[0]?.id;
  const shift = params.get('shift') ?? undefined;
  const report = useShiftReport({ lineId, day, shift }, day === today);
  const r = report.data;
  const [busy, setBusy] = useState(false);
  const lossLabels = useLossLabels();
  const stopLabels = useStopLabels();

  const set = (patch: Record<string, string | null>) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (v) n.set(k, v);
          else n.delete(k);
        }
        return n;
      },
      { replace: true },
    );
  // The first line when none is asked for, so the address always names what is shown.
  const firstLine = lines.data?.[0]?.id;
  const hasLine = params.has('lineId');
  useEffect(() => {
    if (!hasLine && firstLine)
      setParams(
        (p) => {
          const n = new URLSearchParams(p);
          n.set('lineId', firstLine);
          return n;
        },
        { replace: true },
      );
  }, [hasLine, firstLine, setParams]);

  const figures = useMemo(() => (r?.oee ? inLineTime(r.oee) : null), [r]);
  const waterfall = useMemo(() => (figures && figures.plannedS > 0 ? lossWaterfall(figures, lossLabels) : null), [figures, lossLabels]);
  const stops = useMemo(() => (figures ? stopPareto(figures.stops, stopLabels) : null), [figures, stopLabels]);
  const defects = useMemo(
    () =>
      r
        ? pareto(
            r.defects.map((d) => ({ name: `${d.code} ${named(d)}`.trim(), count: d.count })),
            { count: t('factory.quality.count'), cumulative: t('factory.quality.cumulative'), other: (n) => t('factory.oee.stops.other', { count: n }) },
          )
        : null,
    [r, t],
  );
  const hourly = useMemo(
    () =>
      r
        ? hourlyBars(
            r.hourly.map((h) => ({ label: plantHm(h.start), good: h.good, nok: h.nok })),
            r.target !== null ? r.target / 8 : null,
            { good: t('factory.shiftReport.good'), nok: t('factory.shiftReport.nok'), perHour: t('factory.shiftReport.perHourTarget') },
          )
        : null,
    [r, t],
  );

  const alarmColumns: ColumnType<Alarm>[] = [
    { key: 'device', title: t('factory.shiftReport.device'), render: (_, a) => <span className="gb-mono">{a.deviceCode}</span> },
    { key: 'message', title: t('factory.shiftReport.message'), render: (_, a) => (currentLocale() === 'zh-CN' ? a.messageZh : a.messageEn) },
    { key: 'severity', title: t('factory.shiftReport.severity'), render: (_, a) => t(`factory.andon.severity.${a.severity}`, { defaultValue: a.severity }) },
    { key: 'raised', title: t('factory.shiftReport.raisedAt'), render: (_, a) => plantHm(a.raisedAt) },
    {
      key: 'resolved',
      title: t('factory.shiftReport.resolvedAt'),
      render: (_, a) => (a.resolvedAt ? plantHm(a.resolvedAt) : <Tag color="red">{t('factory.shiftReport.stillOpen')}</Tag>),
    },
    { key: 'open', title: t('factory.shiftReport.openFor'), align: 'right', render: (_, a) => duration(a.openS, t) },
  ];
  const ncrColumns: ColumnType<NcrRow>[] = [
    {
      key: 'number',
      title: t('factory.ncr.number'),
      render: (_, n) => (
        <Link to={`/factory/ncrs/${n.id}`} className="gb-mono">
          {n.number}
        </Link>
      ),
    },
    { key: 'status', title: t('factory.ncr.fields.status'), render: (_, n) => <NcrStatusTag n={n} /> },
    { key: 'description', title: t('factory.ncr.fields.description'), dataIndex: 'description', ellipsis: true },
    {
      key: 'created',
      title: t('factory.shiftReport.ncrRaised'),
      render: (_, n) => (
        <span>
          {plantDay(Date.parse(n.createdAt))} {plantHm(n.createdAt)}
          {n.raisedInShift && (
            <Tag color="red" className="gb-sr-crew__from">
              {t('factory.shiftReport.ncrInShift')}
            </Tag>
          )}
        </span>
      ),
    },
  ];
  const woColumns: ColumnType<WorkOrderRow>[] = [
    { key: 'number', title: t('factory.shiftReport.workOrder'), render: (_, w) => <span className="gb-mono">{w.number}</span> },
    { key: 'part', title: t('factory.shiftReport.partNo'), dataIndex: 'partNo' },
    { key: 'good', title: t('factory.shiftReport.good'), align: 'right', render: (_, w) => w.good.toLocaleString() },
  ];

  const excel = async () => {
    if (!r) return;
    setBusy(true);
    try {
      await downloadShiftReport({ lineId: r.line.id, day: r.day, shift: r.shift.code }, currentLocale() === 'zh-CN' ? 'zh' : 'en');
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  const chartFallback = <Skeleton active paragraph={{ rows: 4 }} title={false} />;

  return (
    <div data-testid="shift-report-page" className="gb-sr">
      <Breadcrumb
        className="gb-breadcrumb gb-sr-noprint"
        items={[
          { title: <Link to="/factory">{t('nav.plant')}</Link> },
          ...(r ? [{ title: <Link to={`/factory/lines/${r.line.id}`}>{r.line.code}</Link> }] : []),
          { title: t('factory.shiftReport.title') },
        ]}
      />
      <PageHeader
        title={
          <span data-testid="sr-title">
            {t('factory.shiftReport.title')}
            {r && ` · ${r.line.code} ${named(r.line)}`}
          </span>
        }
        subtitle={
          r && (
            <span>
              {r.day} · {shiftLabel(r.shift.name, r.shift.code, t)} {plantHm(r.shift.start)}–{plantHm(r.shift.end)}
              {r.shift.inProgress && (
                <>
                  {' '}
                  <Tag color="processing">{t('factory.shiftReport.inProgress')}</Tag>
                  {t('factory.shiftReport.asOf', { time: plantHm(r.asOf) })}
                </>
              )}
            </span>
          )
        }
        extra={
          <div className="gb-sr-tools gb-sr-noprint">
            <Select
              value={lineId}
              onChange={(v) => set({ lineId: v })}
              placeholder={t('factory.shiftReport.pickLine')}
              loading={lines.isPending}
              options={(lines.data ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${lineName(l)}` }))}
              style={{ minWidth: 160 }}
              data-testid="sr-line"
            />
            <DatePicker
              value={dayjs(day)}
              allowClear={false}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              onChange={(d) => set({ day: d && d.format('YYYY-MM-DD') !== today ? d.format('YYYY-MM-DD') : null, shift: null })}
              data-testid="sr-day"
            />
            <Button icon={<DownloadOutlined />} loading={busy} disabled={!r} onClick={() => void excel()} data-testid="sr-excel">
              {t('factory.shiftReport.excel')}
            </Button>
            {!phone && (
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="sr-print">
                {t('factory.shiftReport.print')}
              </Button>
            )}
          </div>
        }
      />
      {r && r.shifts.length > 1 && (
        <div className="gb-sr-noprint gb-sr-shifts">
          <Segmented
            value={r.shift.code}
            onChange={(v) => set({ shift: String(v) })}
            options={r.shifts.map((s) => ({ value: s.code, label: shiftLabel(s.name, s.code, t) }))}
            data-testid="sr-shift"
          />
        </div>
      )}
      {report.error && !r ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : !r ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <>
          <Row gutter={[16, 0]}>
            <Col xs={24} lg={8}>
              <Card className="gb-section-card gb-sr-card">
                <OutputFigure r={r} />
                <CrewLine r={r} />
              </Card>
            </Col>
            <Col xs={24} lg={16}>
              <Card className="gb-section-card gb-sr-card" title={t('factory.shiftReport.hourlyTitle')} data-testid="sr-hourly">
                {hourly && r.hourly.length ? (
                  <Suspense fallback={chartFallback}>
                    <QualityChart option={hourly} className="gb-sr-chart" testId="sr-hourly-chart" label={t('factory.shiftReport.hourlyTitle')} />
                  </Suspense>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.shiftReport.noOee')} />
                )}
              </Card>
            </Col>
          </Row>
          <Card className="gb-section-card gb-sr-card" title={t('factory.shiftReport.yieldsTitle')} extra={<span className="gb-muted">{ppmTargetText(r.ppmTarget, t)}</span>}>
            <YieldFigures f={r.output} target={r.ppmTarget} testId="sr-yields" />
          </Card>
          <Card className="gb-section-card gb-sr-card" title={t('factory.shiftReport.oeeTitle')} data-testid="sr-oee">
            {!r.oee || !figures ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.shiftReport.noOee')} />
            ) : (
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={8}>
                  <OeeFiguresCard title={shiftLabel(r.shift.name, r.shift.code, t)} figures={r.oee} testId="sr-oee-card" />
                </Col>
                <Col xs={24} lg={16}>
                  <div className="gb-oee-block__title">{t('factory.oee.lossesTitle')}</div>
                  {waterfall ? (
                    <Suspense fallback={chartFallback}>
                      <EChart option={waterfall} className="gb-oee-chart" testId="sr-loss-chart" label={t('factory.oee.lossesTitle')} />
                    </Suspense>
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.oee.why.noPlan')} />
                  )}
                </Col>
              </Row>
            )}
          </Card>
          <Row gutter={[16, 0]}>
            <Col xs={24} lg={12}>
              <Card className="gb-section-card gb-sr-card" title={t('factory.shiftReport.stopsTitle')} data-testid="sr-stops">
                {stops ? (
                  <Suspense fallback={chartFallback}>
                    <EChart option={stops} className="gb-oee-chart" testId="sr-stop-chart" label={t('factory.shiftReport.stopsTitle')} />
                  </Suspense>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.shiftReport.stopsEmpty')} />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card className="gb-section-card gb-sr-card" title={t('factory.shiftReport.defectsTitle')} data-testid="sr-defects">
                {defects ? (
                  <Suspense fallback={chartFallback}>
                    <QualityChart option={defects} className="gb-sr-chart" testId="sr-defect-chart" label={t('factory.shiftReport.defectsTitle')} />
                  </Suspense>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.quality.defectsEmpty')} />
                )}
              </Card>
            </Col>
          </Row>
          <Card
            className="gb-section-card gb-card-flush gb-sr-card"
            title={t('factory.shiftReport.alarmsTitle')}
            extra={<span className="gb-muted">{t('factory.shiftReport.alarmsSummary', { count: r.alarms.raised, open: duration(r.alarms.openS, t) })}</span>}
            data-testid="sr-alarms"
          >
            {!r.alarms.top.length ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.shiftReport.alarmsEmpty')} />
            ) : phone ? (
              <RowCards columns={alarmColumns} items={r.alarms.top} rowKey={(a) => `${a.deviceCode}-${a.raisedAt}`} rowClassName="" />
            ) : (
              <Table size="small" columns={alarmColumns} dataSource={r.alarms.top} rowKey={(a) => `${a.deviceCode}-${a.raisedAt}`} pagination={false} />
            )}
          </Card>
          <Card
            className="gb-section-card gb-card-flush gb-sr-card"
            title={t('factory.shiftReport.ncrsTitle')}
            extra={<span className="gb-muted">{t('factory.shiftReport.ncrsSummary', { open: r.ncrs.open, raised: r.ncrs.raised })}</span>}
            data-testid="sr-ncrs"
          >
            {!r.ncrs.items.length ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.shiftReport.ncrsEmpty')} />
            ) : phone ? (
              <RowCards columns={ncrColumns} items={r.ncrs.items} rowKey={(n) => n.id} rowClassName="" />
            ) : (
              <Table size="small" columns={ncrColumns} dataSource={r.ncrs.items} rowKey="id" pagination={false} />
            )}
          </Card>
          <Card className="gb-section-card gb-card-flush gb-sr-card" title={t('factory.shiftReport.workOrdersTitle')} data-testid="sr-work-orders">
            {!r.workOrders.length ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.shiftReport.workOrdersEmpty')} />
            ) : (
              <Table size="small" columns={woColumns} dataSource={r.workOrders} rowKey="number" pagination={false} />
            )}
          </Card>
        </>
      )}
    </div>
  );
}
