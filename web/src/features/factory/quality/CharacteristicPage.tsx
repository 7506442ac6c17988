import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Card, Col, Empty, Row, Segmented, Skeleton, Table, Tag } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { CharacteristicChart, SpcCapability, SpcLimitsRevision, SpcPoint } from '@gearbridge/contracts/factory';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { NotFound, QueryError } from '../../shell/StatusViews';
import { usePhone } from '../../shell/useViewport';
import { RowCards } from '../../admin/common/PagedTable';
import { isApiError } from '../../../api/client';
import { serverText } from '../../../api/errors';
import { useCharacteristicChart, useLimitRevisions } from './api';
import { controlChart, escapeHtml, histogram } from './charts';
import { named, plantWhen } from './format';
import { DfqExportButton, ImportButton, ReviseLimitsButton, RulesEditor } from './SpcTools';
import '../factory.css';
import './quality.css';

const QualityChart = lazy(() => import('./QualityChart'));
const SIZES = [25, 50, 125] as const;

function spec(c: CharacteristicChart['characteristic']) {
  const f = (v: number) => v.toFixed(c.decimals);
  const range = c.lsl !== null && c.usl !== null ? `${f(c.lsl)} – ${f(c.usl)}` : c.lsl !== null ? `≥ ${f(c.lsl)}` : c.usl !== null ? `≤ ${f(c.usl)}` : '—';
  return `${f(c.nominal)} (${range}) ${c.unit}`;
}

/** Cp, Cpk (within σ, its estimate named) and Pp, Ppk (overall σ); "one-sided" when a limit is missing. */
function CapabilityPanel({ cap, decimals }: { cap: SpcCapability; decimals: number }) {
  const { t } = useTranslation();
  const idx = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  const color = (v: number | null) => (v === null ? undefined : v >= 1.33 ? '#1a8f5a' : v >= 1 ? '#c7820a' : '#d23f3f');
  const oneSided = (cap.lsl === null) !== (cap.usl === null);
  const cell = (label: string, v: number | null, testId: string) => (
    <div className="gb-q-cap__cell" data-testid={testId}>
      <span className="gb-q-cap__label">{label}</span>
      <span className="gb-q-cap__value" style={{ color: color(v) }}>
        {idx(v)}
      </span>
    </div>
  );
  return (
    <div data-testid="spc-capability">
      <div className="gb-q-cap__row">
        <div className="gb-q-cap__head">
          {t('factory.spc.capability')}
          <div className="gb-muted">
            {t(`factory.spc.sigma.${cap.withinMethod}`)} = {cap.withinSigma.toFixed(decimals + 1)}
          </div>
        </div>
        {cell(t('factory.spc.cp'), cap.cp, 'cap-cp')}
        {cell(t('factory.spc.cpk'), cap.cpk, 'cap-cpk')}
      </div>
      <div className="gb-q-cap__row">
        <div className="gb-q-cap__head">
          {t('factory.spc.performance')}
          <div className="gb-muted">
            {t('factory.spc.overallSigma')} = {cap.overallSigma.toFixed(decimals + 1)}
          </div>
        </div>
        {cell(t('factory.spc.pp'), cap.pp, 'cap-pp')}
        {cell(t('factory.spc.ppk'), cap.ppk, 'cap-ppk')}
      </div>
      <div className="gb-muted gb-q-cap__foot">
        {t('factory.spcPage.n')} {cap.n.toLocaleString()} · {t('factory.spcPage.mean')} {cap.mean.toFixed(decimals + 1)}
        {oneSided && (
          <Tag className="gb-q-cap__one" data-testid="cap-one-sided">
            {t('factory.spc.oneSided')}
          </Tag>
        )}
      </div>
    </div>
  );
}

/**
 * A characteristic's SPC chart (issue #13 item 4): the X̄ or I chart with its zones and the R, S or MR chart against
 * the frozen limits, violations in red with the rule's name, the subgroup's serials and time in the tooltip;
 * capability and histogram; the limits' revisions; for the quality engineer the study, the rules and the files.
 */
export default function CharacteristicPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const me = useCurrentUser();
  const phone = usePhone();
  const [subgroups, setSubgroups] = useState<number>(phone ? 25 : 50);
  const chart = useCharacteristicChart(id, subgroups);
  const revisions = useLimitRevisions(id);
  const engineer = can(me, 'factory.quality');
  const data = chart.data;
  const c = data?.characteristic;

  const options = useMemo(() => {
    if (!data?.chart || !c) return null;
    const ch = data.chart;
    const dec = c.decimals;
    const fmt = (v: number) => v.toFixed(dec + 1);
    const tip = (points: SpcPoint[], kind: 'location' | 'spread', title: string) => (i: number) => {
      const p = points[i];
      if (!p) return '';
      const meta = data.points[p.index];
      const rules = ch.violations.filter((v) => v.chart === kind && v.trigger === p.index).map((v) => t(`factory.spc.rules.${v.rule}`));
      const serials = meta?.serials ?? [];
      return [
        `<b>${escapeHtml(t('factory.spcPage.point', { n: p.index + 1 }))}</b> · ${escapeHtml(title)} <b>${fmt(p.value)}</b>`,
        meta ? `${escapeHtml(t('factory.spcPage.measuredAt'))} ${escapeHtml(plantWhen(meta.at))}` : '',
        serials.length ? `${escapeHtml(t('factory.spcPage.serials'))} ${escapeHtml(serials.slice(0, 6).join(', '))}${serials.length > 6 ? ' …' : ''}` : '',
        ...rules.map((r) => `<span style="color:#d23f3f">⚠ ${escapeHtml(r)}</span>`),
      ]
        .filter(Boolean)
        .join('<br/>');
    };
    const axis = (points: SpcPoint[]) => (i: number) => {
      const meta = points[i] && data.points[points[i].index];
      return meta ? plantWhen(meta.at).slice(6) : '';
    };
    const base = {
      centre: t('factory.spc.centre'),
      ucl: t('factory.spc.ucl'),
      lcl: t('factory.spc.lcl'),
      usl: t('factory.spc.usl'),
      lsl: t('factory.spc.lsl'),
      zone1: t('factory.spcPage.zone1'),
      zone2: t('factory.spcPage.zone2'),
    };
    const locName = t(`factory.spc.location.${ch.kind}`);
    const location = controlChart(
      ch.location,
      ch.violations.filter((v) => v.chart === 'location'),
      { ...base, tooltip: tip(ch.location, 'location', locName), axis: axis(ch.location) },
      {
        zones: ch.kind !== 'p' && ch.kind !== 'u',
        spec: ch.kind === 'i_mr' ? { lsl: c.lsl, usl: c.usl } : undefined,
        decimals: dec + 1,
        floor: ch.kind === 'p' || ch.kind === 'u' ? 0 : undefined,
      },
    );
    const spreadKind = ch.kind === 'p' || ch.kind === 'u' ? null : ch.kind;
    const spreadName = spreadKind ? t(`factory.spc.spread.${spreadKind}`) : '';
    const spread = ch.spread.length
      ? controlChart(
          ch.spread,
          ch.violations.filter((v) => v.chart === 'spread'),
          { ...base, tooltip: tip(ch.spread, 'spread', spreadName), axis: axis(ch.spread) },
          { zones: false, decimals: dec + 1 },
        )
      : null;
    return { location, spread, locName, spreadName };
  }, [data, c, t]);

  const hist = useMemo(
    () =>
      data?.histogram && c
        ? histogram(
            data.histogram,
            { lsl: c.lsl, usl: c.usl, nominal: c.nominal },
            { lsl: t('factory.spc.lsl'), usl: t('factory.spc.usl'), nominal: t('factory.spc.nominal'), count: t('factory.quality.count') },
            c.decimals,
          )
        : null,
    [data, c, t],
  );

  if (chart.error && !data) {
    if (isApiError(chart.error) && (chart.error.status === 404 || chart.error.status === 400)) return <NotFound />;
    return <QueryError error={chart.error} onRetry={() => void chart.refetch()} />;
  }

  const revColumns: ColumnType<SpcLimitsRevision>[] = [
    { key: 'rev', title: t('factory.spcPage.revisionCol'), render: (_, r) => <b>{t('factory.quality.revision', { n: r.revision })}</b> },
    { key: 'when', title: t('factory.spcPage.when'), render: (_, r) => <span className="gb-nowrap">{plantWhen(r.createdAt)}</span> },
    { key: 'who', title: t('factory.spcPage.who'), render: (_, r) => r.createdBy ?? t('factory.spcPage.system') },
    {
      key: 'why',
      title: t('factory.spcPage.why'),
      // The system's own reason (its first study) is a message key; a person's reason, their words.
      render: (_, r) => serverText(r.reasonRef, r.reason),
    },
    {
      key: 'window',
      title: t('factory.spcPage.window'),
      render: (_, r) => (
        <span>
          <span className="gb-nowrap">{plantWhen(r.studyFrom)}</span> – <span className="gb-nowrap">{plantWhen(r.studyTo)}</span>
          <span className="gb-muted"> · {t('factory.spcPage.studyValues', { count: r.studyValues })}</span>
        </span>
      ),
    },
    {
      key: 'limits',
      title: t('factory.quality.limits'),
      render: (_, r) => (
        <span className="gb-mono gb-nowrap">
          {r.limits.location.lcl.toFixed((c?.decimals ?? 3) + 1)} / {r.limits.location.centre.toFixed((c?.decimals ?? 3) + 1)} /{' '}
          {r.limits.location.ucl.toFixed((c?.decimals ?? 3) + 1)}
        </span>
      ),
    },
  ];

  const violations = data?.chart?.violations ?? [];
  const attribute = c?.chart === 'p' || c?.chart === 'u';
  // Without limits the server draws no chart: say so, and how many values are waiting for the study.
  const noChart = data && data.values > 0 ? t('factory.spcPage.noChartYet', { count: data.values }) : t('factory.spcPage.noData');
  return (
    <div data-testid="spc-page">
      <Breadcrumb className="gb-breadcrumb" items={[{ title: <Link to="/factory/quality">{t('factory.quality.title')}</Link> }, { title: c ? c.code : '…' }]} />
      <PageHeader
        title={
          c ? (
            <span data-testid="spc-title">
              {c.code} · {named(c)}
            </span>
          ) : (
            <Skeleton.Input active />
          )
        }
        subtitle={
          c &&
          [c.lineCode, `${c.partNo} ${zhOr(c.productNameZh, c.productNameEn)}`, c.op, t('factory.spcPage.spec', { spec: spec(c) }), t(`factory.spc.kinds.${c.chart}`)]
            .filter(Boolean)
            .join(' · ')
        }
        extra={
          <>
            {c && (c.limitsRevision === null ? <Tag>{t('factory.quality.noStudy')}</Tag> : <Tag color="blue">{t('factory.quality.revision', { n: c.limitsRevision })}</Tag>)}
            <Segmented value={subgroups} onChange={(v) => setSubgroups(Number(v))} options={SIZES.map((n) => ({ value: n, label: String(n) }))} data-testid="spc-size" />
            {engineer && id && <ReviseLimitsButton id={id} />}
            {engineer && id && !attribute && <DfqExportButton id={id} subgroups={subgroups} />}
            {engineer && !attribute && <ImportButton />}
          </>
        }
      />
      {!data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <>
          {!data.limits && (
            <Alert
              type="info"
              showIcon
              className="gb-q-note"
              message={data.waiting ? serverText(data.waiting, t('factory.spcPage.noStudy')) : t('factory.spcPage.noStudy')}
              description={data.waiting ? t('factory.spcPage.noStudyManual') : undefined}
              data-testid="spc-no-study"
            />
          )}
          {data.limits && (
            <div className="gb-muted gb-q-note">
              {t('factory.spc.frozen')} · {t('factory.spcPage.values', { count: data.values })}
            </div>
          )}
          {!options ? (
            <Card className="gb-section-card">
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={noChart} data-testid="spc-no-chart" />
            </Card>
          ) : (
            <>
              <Card
                className="gb-section-card"
                title={t('factory.spcPage.locationTitle', { name: options.locName })}
                extra={
                  violations.length ? (
                    <Tag color="red">{t('factory.spcPage.violationsCount', { count: violations.length })}</Tag>
                  ) : (
                    <Tag color="green">{t('factory.spcPage.noViolations')}</Tag>
                  )
                }
                data-testid="spc-location"
              >
                <Suspense fallback={<Skeleton active />}>
                  <QualityChart option={options.location} className="gb-q-chart gb-q-chart--tall" testId="spc-location-chart" label={options.locName} />
                </Suspense>
              </Card>
              {options.spread && (
                <Card className="gb-section-card" title={t('factory.spcPage.spreadTitle', { name: options.spreadName })} data-testid="spc-spread">
                  <Suspense fallback={<Skeleton active />}>
                    <QualityChart option={options.spread} className="gb-q-chart" testId="spc-spread-chart" label={options.spreadName} />
                  </Suspense>
                </Card>
              )}
              {violations.length > 0 && (
                <Card className="gb-section-card" title={t('factory.spcPage.violations')} data-testid="spc-violations">
                  <ul className="gb-q-violations">
                    {violations.map((v) => {
                      const meta = data.points[v.trigger];
                      return (
                        <li key={`${v.chart}-${v.rule}-${v.trigger}`}>
                          <Tag color="red">{v.chart === 'location' ? t('factory.quality.chartLocation') : t('factory.quality.chartSpread')}</Tag>
                          {t(`factory.spc.rules.${v.rule}`)}
                          <span className="gb-muted">
                            {' '}
                            · {t('factory.spcPage.point', { n: v.trigger + 1 })}
                            {meta && ` · ${plantWhen(meta.at)}`}
                            {meta?.serials.length ? ` · ${meta.serials.slice(0, 3).join(', ')}` : ''}
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                </Card>
              )}
            </>
          )}
          {/* Capability and the histogram are about measured values: a p or u chart counts units and defects. */}
          <Row gutter={[16, 0]} style={attribute ? { display: 'none' } : undefined}>
            <Col xs={24} xl={10}>
              <Card className="gb-section-card" title={t('factory.spcPage.capabilityTitle')}>
                {data.capability ? (
                  <CapabilityPanel cap={data.capability} decimals={data.characteristic.decimals} />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.spcPage.noData')} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card
                className="gb-section-card"
                title={t('factory.spcPage.histogramTitle')}
                extra={
                  data.histogram && data.histogram.below + data.histogram.above > 0 ? (
                    <Tag color="red">{t('factory.spc.outOfSpec', { count: data.histogram.below + data.histogram.above })}</Tag>
                  ) : undefined
                }
                data-testid="spc-histogram"
              >
                {hist ? (
                  <Suspense fallback={<Skeleton active />}>
                    <QualityChart option={hist} className="gb-q-chart" testId="spc-histogram-chart" label={t('factory.spcPage.histogramTitle')} />
                  </Suspense>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.spcPage.noData')} />
                )}
              </Card>
            </Col>
          </Row>
          <Card className="gb-section-card" title={t('factory.spcPage.rulesTitle')}>
            {!engineer && <div className="gb-muted gb-q-note">{t('factory.spcPage.readOnly')}</div>}
            <RulesEditor key={data.characteristic.rules.join()} c={data.characteristic} editable={engineer} />
          </Card>
          <Card className="gb-section-card gb-card-flush" title={t('factory.spcPage.revisionsTitle')} data-testid="spc-revisions">
            {revisions.error && !revisions.data ? (
              <QueryError error={revisions.error} onRetry={() => void revisions.refetch()} />
            ) : !revisions.data ? (
              <Skeleton active className="gb-card-pad" />
            ) : !revisions.data.length ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.spcPage.revisionsEmpty')} />
            ) : phone ? (
              <RowCards columns={revColumns} items={revisions.data} rowKey="id" rowClassName="" />
            ) : (
              <Table size="small" columns={revColumns} dataSource={revisions.data} rowKey="id" pagination={false} />
            )}
          </Card>
        </>
      )}
    </div>
  );
}

function zhOr(zhName: string, enName: string) {
  return named({ nameZh: zhName, nameEn: enName });
}
