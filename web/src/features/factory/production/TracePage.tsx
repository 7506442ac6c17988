import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Descriptions, Empty, Input, type InputRef, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ExceptionOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Genealogy, GenealogyMeasurement, GenealogyOp } from '../../../api/types';
import { errorText } from '../../../api/errors';
import { isApiError } from '../../../api/client';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { usePhone } from '../../shell/useViewport';
import { QueryError } from '../../shell/StatusViews';
import { chinaTime } from '../../admin/common/format';
import { formatValue } from '../format';
import { metricLabel } from '../labels';
import { useGenealogy, useUnitHold } from './api';
import { fixed, nameOf, productName, toleranceText, UNIT_STATUS_COLORS } from './labels';
import { ReasonModal } from './ReasonModal';
import { NcrCreateModal } from '../ncr/NcrCreateModal';
import '../factory.css';
import './production.css';

const GenealogyGraph = lazy(() => import('./GenealogyGraph'));

/** One operation's measurements: value against nominal and tolerance, out of spec in red. */
function Measurements({ rows }: { rows: GenealogyMeasurement[] }) {
  const { t } = useTranslation();
  const phone = usePhone();
  if (phone)
    return (
      <ul className="gb-trace-meas-list">
        {rows.map((m) => (
          <li key={m.characteristicId} className={m.inSpec ? '' : 'gb-trace-meas--bad'}>
            <div>{nameOf(m)}</div>
            <div>
              <span className={m.inSpec ? 'gb-strong' : 'gb-trace-bad'} data-testid={`meas-${m.code}`}>
                {fixed(m.value, m.decimals)} {m.unit}
                {!m.inSpec && <span className="gb-trace-bad__tag"> {t('factory.trace.outOfSpec')}</span>}
              </span>
              <span className="gb-muted">
                {' '}
                · {t('factory.trace.nominal')} {fixed(m.nominal, m.decimals)} · {toleranceText(m)}
              </span>
            </div>
          </li>
        ))}
      </ul>
    );
  return (
    <Table<GenealogyMeasurement>
      size="small"
      className="gb-trace-meas"
      rowKey="characteristicId"
      pagination={false}
      dataSource={rows}
      rowClassName={(m) => (m.inSpec ? '' : 'gb-trace-meas--bad')}
      columns={[
        { title: t('factory.trace.characteristic'), key: 'c', render: (_v, m) => `${nameOf(m)}` },
        {
          title: t('factory.trace.value'),
          key: 'v',
          align: 'right',
          render: (_v, m) => (
            <span className={m.inSpec ? 'gb-strong' : 'gb-trace-bad'} data-testid={`meas-${m.code}`}>
              {fixed(m.value, m.decimals)} {m.unit}
              {!m.inSpec && <span className="gb-trace-bad__tag"> {t('factory.trace.outOfSpec')}</span>}
            </span>
          ),
        },
        { title: t('factory.trace.nominal'), key: 'n', align: 'right', render: (_v, m) => fixed(m.nominal, m.decimals) },
        { title: t('factory.trace.limits'), key: 'l', align: 'right', render: (_v, m) => <span className="gb-nowrap">{toleranceText(m)}</span> },
      ]}
    />
  );
}

/** One routing operation as the unit lived it, or greyed when it has not reached it. */
function OpCard({ op }: { op: GenealogyOp }) {
  const { t } = useTranslation();
  const head = (
    <div className="gb-trace-op__head">
      <span className="gb-mono gb-strong">{op.op}</span> <span>{nameOf(op)}</span>
      {op.reached ? (
        op.result && (
          <Tag color={op.result === 'OK' ? 'success' : 'error'} data-testid={`op-result-${op.op}`}>
            {t(`factory.prod.result.${op.result}`)}
            {op.defectCode && ` · ${op.defectCode} ${nameOf({ nameZh: op.defectNameZh, nameEn: op.defectNameEn })}`}
          </Tag>
        )
      ) : (
        <Tag>{t('factory.trace.notReached')}</Tag>
      )}
    </div>
  );
  if (!op.reached)
    return (
      <div className="gb-trace-op gb-trace-op--unreached" data-testid={`trace-op-${op.op}`} data-reached="false">
        {head}
      </div>
    );
  return (
    <div className="gb-trace-op" data-testid={`trace-op-${op.op}`} data-reached="true">
      {head}
      <dl className="gb-trace-facts">
        <div>
          <dt>{t('factory.trace.station')}</dt>
          <dd>
            {op.deviceId ? (
              <Link to={`/factory/devices/${op.deviceId}`} className="gb-mono">
                {op.deviceCode}
              </Link>
            ) : (
              '—'
            )}{' '}
            <span className="gb-muted">{nameOf({ nameZh: op.deviceNameZh, nameEn: op.deviceNameEn })}</span>
          </dd>
        </div>
        <div>
          <dt>{t('factory.trace.started')}</dt>
          <dd>{chinaTime(op.startedAt)}</dd>
        </div>
        <div>
          <dt>{t('factory.trace.completed')}</dt>
          <dd>{chinaTime(op.completedAt)}</dd>
        </div>
        <div>
          <dt>{t('factory.trace.operator')}</dt>
          <dd>
            {op.operatorName ?? '—'} {op.source && <span className="gb-muted">· {t(`factory.prod.source.${op.source}`)}</span>}
          </dd>
        </div>
      </dl>
      {op.measurements.length > 0 && (
        <div className="gb-trace-section">
          <div className="gb-trace-section__title">{t('factory.trace.measurements')}</div>
          <Measurements rows={op.measurements} />
        </div>
      )}
      {op.components.length > 0 && (
        <div className="gb-trace-section">
          <div className="gb-trace-section__title">{t('factory.trace.components')}</div>
          <ul className="gb-trace-lots">
            {op.components.map((c) => (
              <li key={c.lotId}>
                <span className="gb-mono">{c.componentCode}</span> <span className="gb-muted">{nameOf(c)}</span> ×{c.qty}{' '}
                <Link to={`/factory/recall?lotId=${c.lotId}`} className="gb-mono" data-testid={`trace-lot-${c.lotNo}`}>
                  {t('factory.trace.lot', { lot: c.lotNo })}
                </Link>
                {c.supplier && <span className="gb-muted"> · {c.supplier}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {op.tools.length > 0 && (
        <div className="gb-trace-section">
          <div className="gb-trace-section__title">{t('factory.trace.tools')}</div>
          <ul className="gb-trace-lots">
            {op.tools.map((x) => (
              <li key={x.toolId}>
                <span className="gb-muted">{t(`factory.tools.kind.${x.kind}`)}</span>{' '}
                <Link to={`/factory/recall?toolId=${x.toolId}`} className="gb-mono" data-testid={`trace-tool-${x.code}`}>
                  {x.code}
                </Link>
                {x.description && <span className="gb-muted"> · {x.description}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {op.parameters.length > 0 && (
        <div className="gb-trace-section">
          <div className="gb-trace-section__title">{t('factory.trace.parameters')}</div>
          <div className="gb-trace-params">
            {op.parameters.map((p) => (
              <span key={p.metric} className="gb-trace-param" title={chinaTime(p.at)}>
                <span className="gb-muted">{metricLabel(t, p.metric)}</span> {formatValue(p.value, 3)}
                {p.unit ? ` ${p.unit}` : ''}
              </span>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}

/** Where the unit went after the line: box, pallet, location, the AGV moves, the delivery. */
function Handoff({ h }: { h: Genealogy['handoff'] }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (
    <div className="gb-trace-handoff" data-testid="trace-handoff">
      <div className="gb-trace-section__title">{t('factory.trace.handoff')}</div>
      {!h ? (
        <Typography.Text type="secondary">{t('factory.trace.notPacked')}</Typography.Text>
      ) : (
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('factory.trace.packedAt')}>{chinaTime(h.packedAt)}</Descriptions.Item>
          {h.boxNumber && (
            <Descriptions.Item label={t('factory.trace.box')}>
              <span className="gb-mono">{h.boxNumber}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('factory.trace.pallet')}>
            <span className="gb-mono gb-break">{h.palletSscc ? `(00) ${h.palletSscc}` : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('factory.trace.location')}>{h.location ? ((zh ? h.locationNameZh : h.locationNameEn) ?? h.location) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('factory.trace.receivedAt')}>{chinaTime(h.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('factory.trace.delivery')}>
            {h.deliveryNumber ? (
              <span>
                <span className="gb-mono">{h.deliveryNumber}</span> {h.customer}
              </span>
            ) : (
              t('factory.trace.notShipped')
            )}
          </Descriptions.Item>
          {h.shippedAt && <Descriptions.Item label={t('factory.trace.shippedAt')}>{chinaTime(h.shippedAt)}</Descriptions.Item>}
          {h.transfers.length > 0 && (
            <Descriptions.Item label={t('factory.trace.transfers')}>
              <span>
                {h.transfers.map((x) => (
                  <span key={x.number} className="gb-trace-transfer">
                    <span className="gb-mono">{x.number}</span> {x.from}→{x.to} {t(`factory.logistics.orderStatus.${x.status}`)}
                  </span>
                ))}
              </span>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </div>
  );
}

/** The unit's header: identifiers, where it is, hold state, and hold/release for quality. */
function UnitHeader({ g, quality }: { g: Genealogy; quality: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const u = g.unit;
  const hold = useUnitHold();
  const [asking, setAsking] = useState<'hold' | 'release' | null>(null);
  const [opening, setOpening] = useState(false);
  const nokOp = g.ops.find((o) => o.result === 'NOK');
  return (
    <Card
      className="gb-trace-unit"
      data-testid="trace-unit"
      title={
        <Space wrap size={8}>
          <span className="gb-mono">{u.serial}</span>
          <Tag color={UNIT_STATUS_COLORS[u.status]} data-testid="trace-unit-status">
            {t(`factory.prod.unitStatus.${u.status}`)}
          </Tag>
          {u.held && (
            <Tag color="volcano" icon={<LockOutlined />} data-testid="trace-held">
              {t('factory.prod.held')}
            </Tag>
          )}
        </Space>
      }
      extra={
        quality && (
          <Space wrap size={8}>
            {u.status !== 'scrapped' && (
              <Button icon={<ExceptionOutlined />} onClick={() => setOpening(true)} data-testid="trace-ncr">
                {t('factory.ncr.openFrom')}
              </Button>
            )}
            {u.held ? (
              <Button icon={<UnlockOutlined />} onClick={() => setAsking('release')} data-testid="trace-release">
                {t('factory.trace.release')}
              </Button>
            ) : (
              <Button danger icon={<LockOutlined />} onClick={() => setAsking('hold')} data-testid="trace-hold">
                {t('factory.trace.hold')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {u.held && u.holdReason && <Alert type="warning" showIcon className="gb-section-alert" title={`${t('factory.trace.holdReason')}：${u.holdReason}`} />}
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('factory.trace.serial')}>
          <span className="gb-mono">{u.serial}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('factory.trace.productSerial')}>
          <span className="gb-mono">{u.productSerial ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('factory.trace.gs1')}>
          <span className="gb-mono gb-break">{u.gs1 ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('factory.trace.product')}>
          <span>
            <span className="gb-mono">
              {u.partNo} {u.revision}
            </span>{' '}
            {productName(u)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('factory.trace.line')}>{u.lineCode}</Descriptions.Item>
        <Descriptions.Item label={t('factory.trace.workOrder')}>
          <span className="gb-mono">{u.workOrderNumber ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('factory.trace.lastOp')}>{u.lastOp ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('factory.trace.bornAt')}>{chinaTime(u.bornAt)}</Descriptions.Item>
        <Descriptions.Item label={t('factory.trace.doneAt')}>{chinaTime(u.doneAt)}</Descriptions.Item>
      </Descriptions>
      <Handoff h={g.handoff} />
      {g.ncrs.length > 0 && (
        <div className="gb-trace-ncrs" data-testid="trace-ncrs">
          <div className="gb-form-label gb-muted">{t('factory.ncr.unitNcrs')}</div>
          <Space wrap size={[12, 4]}>
            {g.ncrs.map((n) => (
              <span key={n.id}>
                <Link to={`/factory/ncrs/${n.id}`} className="gb-mono gb-strong">
                  {n.number}
                </Link>{' '}
                <Tag color={n.status === 'closed' ? 'success' : n.status === 'cancelled' ? 'default' : n.status === 'open' ? 'error' : 'warning'}>
                  {t(`factory.ncr.status.${n.status}`)}
                  {n.disposition ? ` · ${t(`factory.ncr.disposition.${n.disposition}`)}` : ''}
                </Tag>
              </span>
            ))}
          </Space>
        </div>
      )}
      <NcrCreateModal
        open={opening}
        onClose={() => setOpening(false)}
        source={u.status === 'nok' ? 'unit_nok' : 'manual'}
        target={{ unitIds: [u.id] }}
        detail={t('factory.ncr.createDetailUnits', { count: 1 })}
        defectCode={nokOp?.defectCode}
      />
      <ReasonModal
        open={asking !== null}
        title={t(asking === 'release' ? 'factory.trace.releaseTitle' : 'factory.trace.holdTitle', { serial: u.serial })}
        okText={t(asking === 'release' ? 'factory.trace.release' : 'factory.trace.hold')}
        danger={asking === 'hold'}
        onCancel={() => setAsking(null)}
        onOk={(reason) =>
          hold
            .mutateAsync({ unitId: u.id, hold: asking === 'hold', reason })
            .then(() => {
              message.success(t(asking === 'hold' ? 'factory.trace.heldDone' : 'factory.trace.releasedDone'));
              setAsking(null);
            })
            .catch((err) => void message.error(errorText(err, t)))
        }
      />
    </Card>
  );
}

/**
 * 追溯: one unit by a typed or scanned serial, product serial or GS1 string — its header, every routing operation
 * in order (reached ones in full, the rest greyed) and a graph of the unit with its lots and work order.
 */
export default function TracePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const { code: raw } = useParams();
  const code = raw?.trim() || undefined;
  const [text, setText] = useState(code ?? '');
  const input = useRef<InputRef>(null);
  const g = useGenealogy(code);
  useEffect(() => setText(code ?? ''), [code]);
  useEffect(() => input.current?.focus(), []);
  const labels = useMemo(
    () => ({
      unit: t('factory.trace.graphUnit'),
      lot: t('factory.trace.graphLot'),
      workOrder: t('factory.trace.graphWorkOrder'),
      box: t('factory.trace.box'),
      pallet: t('factory.trace.pallet'),
      delivery: t('factory.trace.delivery'),
    }),
    [t],
  );
  const onLot = useCallback((lotId: number) => navigate(`/factory/recall?lotId=${lotId}`), [navigate]);

  const search = (v: string) => {
    const c = v.trim();
    if (!c) return;
    // A scanner types the code and presses Enter: select it so the next scan replaces it.
    input.current?.select();
    if (c === code) void g.refetch();
    else navigate(`/factory/trace/${encodeURIComponent(c)}`);
  };

  let body: React.ReactNode;
  if (!code) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('factory.trace.empty')} />;
  else if (g.error && !(isApiError(g.error) && g.error.status === 404)) body = <QueryError error={g.error} onRetry={() => void g.refetch()} />;
  else if (g.error) body = <Alert type="warning" showIcon title={errorText(g.error, t)} data-testid="trace-not-found" />;
  else if (!g.data) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else
    body = (
      <>
        <UnitHeader g={g.data} quality={can(me, 'factory.quality')} />
        <div className="gb-trace-grid">
          <Card title={t('factory.trace.timeline')} className="gb-trace-timeline" data-testid="trace-timeline">
            <Timeline
              items={[
                // Passes a rework sent the unit back through come first, as they happened.
                ...g.data.reworks.map((h, i) => ({
                  key: `rework-${i}`,
                  color: h.result === 'NOK' ? 'red' : 'gray',
                  content: (
                    <div className="gb-muted" data-testid={`trace-rework-${h.op}`}>
                      <span className="gb-strong">{h.op}</span> {h.result ? t(`factory.prod.result.${h.result}`) : ''}
                      {h.defectCode ? ` · ${h.defectCode}` : ''} · {chinaTime(h.completedAt ?? h.startedAt)}
                      <div>
                        <Tag color="orange">{t('factory.ncr.reworkedFrom', { number: h.ncrNumber })}</Tag>
                      </div>
                    </div>
                  ),
                })),
                ...g.data.ops.map((op) => ({
                  key: op.op,
                  color: !op.reached ? 'gray' : op.result === 'NOK' ? 'red' : op.result === 'OK' ? 'green' : 'blue',
                  content: <OpCard op={op} />,
                })),
              ]}
            />
          </Card>
          <Card title={t('factory.trace.graph')} className="gb-trace-graph-card">
            <Typography.Paragraph type="secondary" className="gb-trace-graph-hint">
              {t('factory.trace.graphHint')}
            </Typography.Paragraph>
            <Suspense fallback={<Skeleton active />}>
              <GenealogyGraph data={g.data} labels={labels} onLot={onLot} />
            </Suspense>
          </Card>
        </div>
      </>
    );

  return (
    <div data-testid="trace-page">
      <PageHeader title={t('factory.trace.title')} subtitle={t('factory.trace.subtitle')} />
      <div className="gb-panel gb-trace-search">
        <Input.Search
          ref={input}
          size="large"
          allowClear
          enterButton={t('factory.trace.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={search}
          placeholder={t('factory.trace.placeholder')}
          maxLength={200}
          className="gb-mono"
          data-testid="trace-input"
          loading={g.isFetching}
        />
        <div className="gb-muted gb-trace-search__hint">{t('factory.trace.hint')}</div>
      </div>
      {body}
    </div>
  );
}
