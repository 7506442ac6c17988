import { useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Descriptions, Drawer, Input, Radio, Select, Skeleton, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, LockOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Ncr, NcrDetail, NcrDisposition, NcrSource, NcrStatus } from '../../../api/types';
import { errorText } from '../../../api/errors';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { usePhone } from '../../shell/useViewport';
import { QueryError } from '../../shell/StatusViews';
import { chinaTime, drawerSize } from '../../admin/common/format';
import { PagedTable } from '../../admin/common/PagedTable';
import { SearchInput } from '../../admin/common/SearchInput';
import { useListParams } from '../../admin/common/useListParams';
import { useProducts } from '../production/api';
import { nameOf, UNIT_STATUS_COLORS } from '../production/labels';
import { ReasonModal } from '../production/ReasonModal';
import { useApproveNcr, useCancelNcr, useCloseNcr, useDispositionNcr, useNcr, useNcrs } from './api';
import { NcrCreateModal } from './NcrCreateModal';
import '../factory.css';
import '../production/production.css';

export const NCR_STATUS_COLORS: Record<NcrStatus, string> = { open: 'error', dispositioned: 'warning', closed: 'success', cancelled: 'default' };
const STATUSES: NcrStatus[] = ['open', 'dispositioned', 'closed', 'cancelled'];
const SOURCES: NcrSource[] = ['unit_nok', 'spc_signal', 'recall', 'supplier_lot', 'manual'];
const DISPOSITIONS: NcrDisposition[] = ['rework', 'scrap', 'use_as_is', 'return_to_supplier'];
const FILTERS = ['q', 'status', 'source'] as const;

export function NcrStatusTag({ n }: { n: Pick<Ncr, 'status' | 'awaitingApproval'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={NCR_STATUS_COLORS[n.status]} data-testid="ncr-status">
        {t(`factory.ncr.status.${n.status}`)}
      </Tag>
      {n.awaitingApproval && <Tag color="gold">{t('factory.ncr.awaitingApproval')}</Tag>}
    </Space>
  );
}

/** Choosing a disposition, its reason and — for a rework — the operation the units go back to. */
function DispositionForm({ n }: { n: NcrDetail }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const products = useProducts();
  const act = useDispositionNcr();
  const [disposition, setDisposition] = useState<NcrDisposition | undefined>();
  const [reason, setReason] = useState('');
  const [reworkOp, setReworkOp] = useState<string | undefined>(n.op ?? undefined);
  // Every operation of the plant's routings, once, in order.
  const ops = useMemo(() => {
    const m = new Map<string, { op: string; seq: number; nameZh: string; nameEn: string }>();
    for (const p of products.data ?? []) for (const o of p.ops) if (!m.has(o.op)) m.set(o.op, o);
    return [...m.values()].sort((a, b) => a.seq - b.seq);
  }, [products.data]);
  const allowed = DISPOSITIONS.filter((d) => (d === 'return_to_supplier' ? !!n.lot : n.units > 0));
  const ready = !!disposition && !!reason.trim() && (disposition !== 'rework' || !!reworkOp);
  const submit = () =>
    act
      .mutateAsync({ id: n.id, disposition: disposition!, reason: reason.trim(), ...(disposition === 'rework' ? { reworkOp } : {}) })
      .then(() => void message.success(t('factory.ncr.dispositioned')))
      .catch((err) => void message.error(errorText(err, t)));
  return (
    <div className="gb-ncr-form" data-testid="ncr-disposition-form">
      <Typography.Title level={5}>{t('factory.ncr.doDisposition')}</Typography.Title>
      <Radio.Group value={disposition} onChange={(e) => setDisposition(e.target.value)} className="gb-ncr-choices" data-testid="ncr-disposition">
        {allowed.map((d) => (
          <Radio key={d} value={d} data-testid={`ncr-disposition-${d}`}>
            <span className="gb-strong">{t(`factory.ncr.disposition.${d}`)}</span>
            <div className="gb-muted gb-ncr-help">{t(`factory.ncr.dispositionHelp.${d}`)}</div>
          </Radio>
        ))}
      </Radio.Group>
      {disposition === 'rework' && (
        <>
          <label className="gb-form-label" htmlFor="ncr-rework-op">
            {t('factory.ncr.fields.reworkOp')}
          </label>
          <Select
            id="ncr-rework-op"
            value={reworkOp}
            onChange={setReworkOp}
            options={ops.map((o) => ({ value: o.op, label: `${o.op} · ${nameOf(o)}` }))}
            style={{ width: '100%', marginBottom: 12 }}
            data-testid="ncr-rework-op"
          />
        </>
      )}
      <label className="gb-form-label" htmlFor="ncr-reason">
        {t('factory.ncr.fields.reason')}
      </label>
      <Input.TextArea
        id="ncr-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={1000}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('factory.ncr.reasonPlaceholder')}
        data-testid="ncr-reason"
      />
      <Button type="primary" disabled={!ready} loading={act.isPending} onClick={() => void submit()} style={{ marginTop: 12 }} data-testid="ncr-disposition-ok">
        {t('factory.ncr.doDisposition')}
      </Button>
    </div>
  );
}

/** Root cause and corrective action (8D D4/D5): the record closes and changes nothing more. */
function CloseForm({ n }: { n: NcrDetail }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const act = useCloseNcr();
  const [rootCause, setRootCause] = useState('');
  const [correctiveAction, setCorrectiveAction] = useState('');
  const submit = () =>
    act
      .mutateAsync({ id: n.id, rootCause: rootCause.trim(), correctiveAction: correctiveAction.trim() })
      .then(() => void message.success(t('factory.ncr.closed')))
      .catch((err) => void message.error(errorText(err, t)));
  return (
    <div className="gb-ncr-form" data-testid="ncr-close-form">
      <Typography.Title level={5}>{t('factory.ncr.closeTitle', { number: n.number })}</Typography.Title>
      <label className="gb-form-label" htmlFor="ncr-root-cause">
        {t('factory.ncr.fields.rootCause')}
      </label>
      <Input.TextArea
        id="ncr-root-cause"
        value={rootCause}
        onChange={(e) => setRootCause(e.target.value)}
        maxLength={2000}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('factory.ncr.rootCausePlaceholder')}
        style={{ marginBottom: 12 }}
        data-testid="ncr-root-cause"
      />
      <label className="gb-form-label" htmlFor="ncr-corrective">
        {t('factory.ncr.fields.correctiveAction')}
      </label>
      <Input.TextArea
        id="ncr-corrective"
        value={correctiveAction}
        onChange={(e) => setCorrectiveAction(e.target.value)}
        maxLength={2000}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('factory.ncr.correctivePlaceholder')}
        data-testid="ncr-corrective"
      />
      <Button
        type="primary"
        disabled={!rootCause.trim() || !correctiveAction.trim()}
        loading={act.isPending}
        onClick={() => void submit()}
        style={{ marginTop: 12 }}
        data-testid="ncr-close-ok"
      >
        {t('factory.ncr.close')}
      </Button>
    </div>
  );
}

/** One record: what was found, its units, the disposition and its signatures, and what the reader may do next. */
function NcrDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const phone = usePhone();
  const me = useCurrentUser();
  const quality = can(me, 'factory.quality');
  const q = useNcr(id);
  const approve = useApproveNcr();
  const cancel = useCancelNcr();
  const [cancelling, setCancelling] = useState(false);
  const n = q.data;
  let body: React.ReactNode;
  if (q.error) body = <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  else if (!n) body = <Skeleton active paragraph={{ rows: 10 }} />;
  else {
    const sameSigner = n.dispositionedBy?.id === me.user.id;
    body = (
      <div data-testid="ncr-detail">
        <Space wrap style={{ marginBottom: 12 }}>
          <NcrStatusTag n={n} />
          <Tag>{t(`factory.ncr.source.${n.source}`)}</Tag>
          {n.disposition && <Tag color="blue">{t(`factory.ncr.disposition.${n.disposition}`)}</Tag>}
        </Space>
        <Descriptions size="small" column={1} bordered className="gb-ncr-desc">
          <Descriptions.Item label={t('factory.ncr.fields.description')}>
            <span className="gb-prewrap">{n.description}</span>
          </Descriptions.Item>
          <Descriptions.Item label={`${t('factory.ncr.fields.line')} / ${t('factory.ncr.fields.op')}`}>
            {n.lineCode ?? '—'} / {n.op ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('factory.ncr.fields.defect')}>
            {n.defectCode ? `${n.defectCode} · ${nameOf({ nameZh: n.defectNameZh, nameEn: n.defectNameEn })}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('factory.ncr.fields.quantity')}>
            {n.quantity}
            {n.units > 0 && (
              <span className="gb-muted">
                {' '}
                {n.units !== n.quantity && <> · {t('factory.ncr.unitsCount', { count: n.units })}</>} · {t('factory.ncr.heldCount', { count: n.held })}
              </span>
            )}
          </Descriptions.Item>
          {n.lot && (
            <Descriptions.Item label={t('factory.ncr.fields.lot')}>
              <Link to={`/factory/recall?lotId=${n.lot.id}`} className="gb-mono">
                {n.lot.componentCode} {n.lot.lotNo}
              </Link>
              {n.lot.supplier && <span className="gb-muted"> · {n.lot.supplier}</span>}
              {n.lot.blocked && (
                <Tag color="volcano" style={{ marginLeft: 8 }}>
                  {t('factory.ncr.lotBlocked')}
                </Tag>
              )}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('factory.ncr.fields.createdBy')}>
            {n.createdBy?.name ?? '—'} · {chinaTime(n.createdAt, false)}
          </Descriptions.Item>
          {n.disposition && (
            <Descriptions.Item label={t('factory.ncr.fields.disposition')}>
              <div className="gb-strong">
                {t(`factory.ncr.disposition.${n.disposition}`)}
                {n.reworkOp && ` → ${n.reworkOp}`}
              </div>
              <div className="gb-prewrap">{n.dispositionReason}</div>
              <div className="gb-muted">
                {n.dispositionedBy?.name ?? '—'} · {chinaTime(n.dispositionedAt, false)}
              </div>
            </Descriptions.Item>
          )}
          {n.approvedBy && (
            <Descriptions.Item label={t('factory.ncr.fields.approvedBy')}>
              {n.approvedBy.name} · {chinaTime(n.approvedAt, false)}
            </Descriptions.Item>
          )}
          {n.rootCause && (
            <Descriptions.Item label={t('factory.ncr.fields.rootCause')}>
              <span className="gb-prewrap">{n.rootCause}</span>
            </Descriptions.Item>
          )}
          {n.correctiveAction && (
            <Descriptions.Item label={t('factory.ncr.fields.correctiveAction')}>
              <span className="gb-prewrap">{n.correctiveAction}</span>
              <div className="gb-muted">
                {n.closedBy?.name ?? '—'} · {chinaTime(n.closedAt, false)}
              </div>
            </Descriptions.Item>
          )}
          {n.cancelReason && <Descriptions.Item label={t('factory.ncr.fields.cancelReason')}>{n.cancelReason}</Descriptions.Item>}
        </Descriptions>
        {n.unitList.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('factory.ncr.fields.units')}
            </Typography.Title>
            <ul className="gb-ncr-units" data-testid="ncr-units">
              {n.unitList.map((u) => (
                <li key={u.id}>
                  <Link to={`/factory/trace/${encodeURIComponent(u.serial)}`} className="gb-mono gb-strong">
                    {u.serial}
                  </Link>
                  <Tag color={UNIT_STATUS_COLORS[u.status]}>{t(`factory.prod.unitStatus.${u.status}`)}</Tag>
                  {u.held && (
                    <Tag color="volcano" icon={<LockOutlined />}>
                      {t('factory.prod.held')}
                    </Tag>
                  )}
                  <span className="gb-muted">{u.lastOp ?? '—'}</span>
                </li>
              ))}
            </ul>
            {n.unitsTruncated && <div className="gb-muted">{t('factory.ncr.unitsTruncated')}</div>}
          </>
        )}
        {quality && n.status === 'open' && <DispositionForm n={n} />}
        {quality && n.awaitingApproval && (
          <div className="gb-ncr-form">
            <Alert type="warning" showIcon title={t('factory.ncr.awaitingApprovalHint')} style={{ marginBottom: 12 }} />
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={sameSigner}
              loading={approve.isPending}
              onClick={() =>
                approve
                  .mutateAsync(n.id)
                  .then(() => void message.success(t('factory.ncr.approved')))
                  .catch((err) => void message.error(errorText(err, t)))
              }
              data-testid="ncr-approve"
            >
              {t('factory.ncr.approve')}
            </Button>
          </div>
        )}
        {quality && n.status === 'dispositioned' && !n.awaitingApproval && <CloseForm n={n} />}
        <ReasonModal
          open={cancelling}
          title={t('factory.ncr.cancelTitle', { number: n.number })}
          detail={t('factory.ncr.cancelDetail')}
          okText={t('factory.ncr.cancel')}
          danger
          onCancel={() => setCancelling(false)}
          onOk={(reason) =>
            cancel
              .mutateAsync({ id: n.id, reason })
              .then(() => {
                message.success(t('factory.ncr.cancelled'));
                setCancelling(false);
              })
              .catch((err) => void message.error(errorText(err, t)))
          }
        />
      </div>
    );
  }
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={phone ? drawerSize(phone) : 640}
      title={<span className="gb-mono">{n?.number ?? ''}</span>}
      extra={
        quality &&
        n?.status === 'open' && (
          <Button danger icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="ncr-cancel">
            {t('factory.ncr.cancel')}
          </Button>
        )
      }
      destroyOnHidden
    >
      {body}
    </Drawer>
  );
}

/**
 * 不合格品记录: the plant's NCRs, newest first, filtered by status and source and searched by number or text; a
 * record opens in a drawer (its address `/factory/ncrs/:id`, so a link from a genealogy opens it).
 */
export default function NcrsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const { id } = useParams();
  const quality = can(me, 'factory.quality');
  const { filters, page, pageSize, setFilter, setPage } = useListParams(FILTERS, 20);
  const [creating, setCreating] = useState(false);
  const list = useNcrs({
    q: filters.q,
    status: filters.status as NcrStatus | undefined,
    source: filters.source as NcrSource | undefined,
    page,
    pageSize,
  });
  const { search } = useLocation();
  const columns: ColumnsType<Ncr> = [
    {
      title: t('factory.ncr.number'),
      dataIndex: 'number',
      width: 150,
      render: (v: string, n) => (
        <Link to={{ pathname: `/factory/ncrs/${n.id}`, search }} className="gb-mono gb-strong gb-nowrap" data-testid={`ncr-${v}`}>
          {v}
        </Link>
      ),
    },
    { title: t('factory.ncr.fields.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => <span className="gb-nowrap">{chinaTime(v, false)}</span> },
    { title: t('factory.ncr.fields.source'), dataIndex: 'source', width: 110, render: (v: NcrSource) => t(`factory.ncr.source.${v}`) },
    {
      title: `${t('factory.ncr.fields.line')} / ${t('factory.ncr.fields.op')}`,
      key: 'where',
      width: 110,
      render: (_v, n) => <span className="gb-nowrap">{[n.lineCode, n.op].filter(Boolean).join(' / ') || '—'}</span>,
    },
    {
      title: t('factory.ncr.fields.defect'),
      key: 'defect',
      width: 140,
      render: (_v, n) => (n.defectCode ? `${n.defectCode} ${nameOf({ nameZh: n.defectNameZh, nameEn: n.defectNameEn })}` : '—'),
    },
    { title: t('factory.ncr.fields.description'), dataIndex: 'description', ellipsis: true },
    { title: t('factory.ncr.fields.quantity'), dataIndex: 'quantity', width: 70, align: 'right' },
    {
      title: t('factory.ncr.fields.disposition'),
      dataIndex: 'disposition',
      width: 110,
      render: (v: NcrDisposition | null) => (v ? t(`factory.ncr.disposition.${v}`) : '—'),
    },
    { title: t('factory.ncr.fields.status'), key: 'status', width: 150, render: (_v, n) => <NcrStatusTag n={n} /> },
  ];
  return (
    <div data-testid="ncrs-page">
      <PageHeader
        title={t('factory.ncr.title')}
        subtitle={t('factory.ncr.subtitle')}
        extra={
          quality && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ncr-new">
              {t('factory.ncr.new')}
            </Button>
          )
        }
      />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <SearchInput value={filters.q ?? ''} onChange={(v) => setFilter('q', v)} placeholder={t('factory.ncr.search')} testId="ncr-search" />
          <Select
            className="gb-toolbar__select"
            value={filters.status ?? ''}
            onChange={(v) => setFilter('status', v)}
            options={[{ value: '', label: t('factory.ncr.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`factory.ncr.status.${s}`) }))]}
            data-testid="ncr-status-filter"
          />
          <Select
            className="gb-toolbar__select"
            value={filters.source ?? ''}
            onChange={(v) => setFilter('source', v)}
            options={[{ value: '', label: t('factory.ncr.allSources') }, ...SOURCES.map((s) => ({ value: s, label: t(`factory.ncr.source.${s}`) }))]}
            data-testid="ncr-source-filter"
          />
        </div>
        <PagedTable<Ncr>
          query={list}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          filtered={!!(filters.q || filters.status || filters.source)}
          emptyHint={t('factory.ncr.empty')}
          columns={columns}
          rowKey="id"
          cards
          scroll={{ x: 1100 }}
          data-testid="ncr-table"
        />
      </div>
      <NcrDrawer id={id} onClose={() => navigate({ pathname: '/factory/ncrs', search })} />
      <NcrCreateModal open={creating} onClose={() => setCreating(false)} source="manual" target={{}} />
    </div>
  );
}
