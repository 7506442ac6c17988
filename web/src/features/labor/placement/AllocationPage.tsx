import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App as AntApp, Button, Card, Col, Popconfirm, Progress, Row, Segmented, Select, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined, CheckCircleOutlined, DeleteOutlined, MinusCircleOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { apiMessage, errorText, fieldText } from '../../../api/errors';
import { can, useCurrentUser } from '../../auth/session';
import { formatDateTime } from '../../admin/common/format';
import { PageHeader } from '../../shell/PageHeader';
import { QueryError } from '../../shell/StatusViews';
import { useAdjustEntry, useAllocation, useConfirmAllocation, useDiscardAllocation } from './api';
import { ALLOCATION_COLORS } from './AllocationsPage';
import { ScoreWithExplanation, WarningTags } from './explain';
import type { AllocationDetail, AllocationEntry, AllocationPosting } from './types';
import '../labor.css';
import './placement.css';

type Show = 'paired' | 'unpaired' | 'warnings' | 'all';

/** What a 409 of confirm said: the message and, per stale posting or worker, why (fields `postings.<id>`, `workers.<id>`). */
interface Stale {
  message: string;
  postings: Record<string, string>;
  workers: Record<string, string>;
  other: string[];
}

function staleOf(err: unknown): Stale | null {
  if (!isApiError(err) || err.status !== 409) return null;
  const s: Stale = { message: apiMessage(err), postings: {}, workers: {}, other: [] };
  for (const k of Object.keys(err.fields)) {
    const [kind, id] = k.split('.');
    const text = fieldText(err, k)!;
    if (kind === 'postings' && id) s.postings[id] = text;
    else if (kind === 'workers' && id) s.workers[id] = text;
    else s.other.push(text);
  }
  return s;
}

function PostingTotals({ d, stale }: { d: AllocationDetail; stale: Stale | null }) {
  const { t } = useTranslation();
  const columns: ColumnsType<AllocationPosting> = [
    {
      title: t('laborPlacement.review.posting'),
      key: 'title',
      render: (_, p) => (
        <div>
          <Link to={`/labor/postings/${p.postingId}`}>{p.title}</Link>
          {!p.active && (
            <Tag color="red" className="gb-lp-inline-tag">
              {t('laborPlacement.review.inactive')}
            </Tag>
          )}
          <div className="gb-muted">{p.employerName}</div>
          {stale?.postings[p.postingId] && (
            <Typography.Text type="danger" data-testid="stale-posting">
              {stale.postings[p.postingId]}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('laborPlacement.review.allocatedOfOpen'),
      key: 'fill',
      width: 170,
      render: (_, p) => {
        const over = p.allocated > p.openHeadcount;
        return (
          <div data-testid="posting-total" data-allocated={p.allocated}>
            <span className={over ? 'gb-lp-over' : undefined}>{t('laborPlacement.review.fill', { allocated: p.allocated, open: p.openHeadcount })}</span>
            <Progress percent={p.capacity ? Math.round((p.allocated / Math.max(p.capacity, 1)) * 100) : 0} size="small" showInfo={false} status={over ? 'exception' : undefined} />
            {p.capacity !== p.openHeadcount && <div className="gb-muted">{t('laborPlacement.review.capacityThen', { n: p.capacity })}</div>}
          </div>
        );
      },
    },
  ];
  return (
    <Table<AllocationPosting>
      size="small"
      rowKey="postingId"
      columns={columns}
      dataSource={d.postings}
      pagination={d.postings.length > 12 ? { pageSize: 12, size: 'small' } : false}
      data-testid="alloc-postings-table"
    />
  );
}

/** The review screen of a job-fair allocation: every pair with its score and why, moves, totals, confirm. */
export default function AllocationPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const q = useAllocation(id);
  const d = q.data;
  const adjust = useAdjustEntry(id ?? '');
  const confirm = useConfirmAllocation();
  const discard = useDiscardAllocation();
  const [show, setShow] = useState<Show>('paired');
  const [stale, setStale] = useState<Stale | null>(null);
  const [busyWorker, setBusyWorker] = useState<string | null>(null);

  const entries = useMemo(() => {
    const all = d?.entries ?? [];
    const list =
      show === 'paired'
        ? all.filter((e) => e.postingId)
        : show === 'unpaired'
          ? all.filter((e) => !e.postingId)
          : show === 'warnings'
            ? all.filter((e) => e.warnings.length || stale?.workers[e.workerId])
            : all;
    // Stale workers first, so the reviewer sees what blocks the confirmation.
    return stale ? [...list].sort((a, b) => Number(!!stale.workers[b.workerId]) - Number(!!stale.workers[a.workerId])) : list;
  }, [d, show, stale]);

  if (q.error && !d) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!d) return <Skeleton active paragraph={{ rows: 12 }} />;

  const draft = d.status === 'draft';
  const editable = draft && can(me, 'labor.manage');
  const paired = d.entries.filter((e) => e.postingId).length;
  const warned = d.entries.filter((e) => e.warnings.length).length;
  const byPosting = new Map(d.postings.map((p) => [p.postingId, p]));

  const move = (e: AllocationEntry, postingId: string | null) => {
    setBusyWorker(e.workerId);
    adjust.mutate(
      { workerId: e.workerId, postingId },
      {
        onSuccess: () => {
          message.success(postingId ? t('laborPlacement.review.moved') : t('laborPlacement.review.removed'));
          if (stale) setStale((s) => (s ? { ...s, workers: Object.fromEntries(Object.entries(s.workers).filter(([w]) => w !== e.workerId)) } : s));
        },
        onError: (err) => void message.error(errorText(err, t)),
        onSettled: () => setBusyWorker(null),
      },
    );
  };

  const doConfirm = () =>
    confirm.mutateAsync(d.id).then(
      (r) => {
        setStale(null);
        message.success(t('laborPlacement.review.confirmed', { count: r.pairCount }));
      },
      (err: unknown) => {
        const s = staleOf(err);
        if (s && (Object.keys(s.postings).length || Object.keys(s.workers).length || s.other.length)) {
          setStale(s);
          setShow('all');
        }
        message.error(errorText(err, t));
        void q.refetch();
      },
    );

  const doDiscard = () =>
    discard.mutateAsync(d.id).then(
      () => {
        message.success(t('laborPlacement.review.discarded'));
        navigate('/labor/allocations');
      },
      (err: unknown) => void message.error(errorText(err, t)),
    );

  const moveOptions = (e: AllocationEntry) => [
    { value: '', label: <span className="gb-muted">{t('laborPlacement.review.none')}</span> },
    ...d.postings.map((p) => {
      const full = p.allocated >= p.capacity && p.postingId !== e.postingId;
      return { value: p.postingId, disabled: full, label: `${p.title} · ${p.employerName} (${p.allocated}/${p.capacity})` };
    }),
  ];

  const columns: ColumnsType<AllocationEntry> = [
    {
      title: t('laborPlacement.review.worker'),
      key: 'worker',
      width: 150,
      fixed: 'left',
      render: (_, e) => (
        <div>
          <Link to={`/labor/workers/${e.workerId}`} className="gb-labor-name">
            {e.workerNameMasked}
          </Link>
          <span className="gb-muted"> · {t('labor.worker.ageValue', { age: e.age })}</span>
          {/* The town, which tells a county's workers apart; the whole name on hover. */}
          <Tooltip title={e.homeRegionName}>
            <div className="gb-muted gb-nowrap" data-testid="entry-town">
              {e.homeRegionName?.split(' ').pop() ?? '—'}
            </div>
          </Tooltip>
          {stale?.workers[e.workerId] && (
            <Typography.Text type="danger" data-testid="stale-worker">
              {stale.workers[e.workerId]}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: t('laborPlacement.review.posting'),
      key: 'posting',
      width: 260,
      render: (_, e) =>
        editable ? (
          <Select
            className="gb-lp-move"
            value={e.postingId ?? ''}
            options={moveOptions(e)}
            onChange={(v: string) => move(e, v || null)}
            loading={busyWorker === e.workerId}
            disabled={busyWorker === e.workerId}
            popupMatchSelectWidth={false}
            styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
            aria-label={t('laborPlacement.review.moveTo')}
            data-testid="entry-move"
          />
        ) : e.postingId ? (
          <div>
            <Link to={`/labor/postings/${e.postingId}`}>{e.postingTitle}</Link>
            <div className="gb-muted">{e.employerName}</div>
          </div>
        ) : (
          <span className="gb-muted">{t('laborPlacement.review.none')}</span>
        ),
    },
    {
      title: t('laborPlacement.review.score'),
      key: 'score',
      width: 170,
      render: (_, e) =>
        e.score === null ? (
          <span className="gb-muted">—</span>
        ) : (
          <Space size={4}>
            <ScoreWithExplanation score={e.score} e={e.explanation} width={110} />
            {e.source === 'manual' && (
              <Tooltip title={t('laborPlacement.review.manualHint')}>
                <Tag variant="filled">{t('laborPlacement.review.manual')}</Tag>
              </Tooltip>
            )}
          </Space>
        ),
    },
    { title: t('laborPlacement.review.flags'), key: 'flags', width: 170, render: (_, e) => <WarningTags warnings={e.warnings} /> },
    {
      title: '',
      key: 'act',
      width: 110,
      render: (_, e) =>
        e.referralId ? (
          <Link to={`/labor/referrals?workerId=${e.workerId}`}>
            <NodeIndexOutlined /> {t('laborPlacement.review.referral')}
          </Link>
        ) : editable && e.postingId ? (
          <Popconfirm
            title={t('laborPlacement.review.removeConfirm', { name: e.workerNameMasked })}
            okText={t('laborPlacement.review.remove')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => move(e, null)}
          >
            <Button size="small" type="text" danger icon={<MinusCircleOutlined />} loading={busyWorker === e.workerId} data-testid="entry-remove">
              {t('laborPlacement.review.remove')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <div data-testid="labor-allocation-page" data-status={d.status} data-pairs={paired}>
      <PageHeader
        title={
          <span className="gb-title-with-tag">
            {d.name}{' '}
            <Tag color={ALLOCATION_COLORS[d.status]} data-testid="alloc-status">
              {t(`laborPlacement.allocStatus.${d.status}`)}
            </Tag>
          </span>
        }
        subtitle={`${t(`laborPlacement.mode.${d.mode}`)} · ${t('laborPlacement.review.minScore', { n: d.minScore })} · ${d.createdByName ?? '—'} ${formatDateTime(d.createdAt)}`}
        extra={
          <>
            <Link to="/labor/allocations">
              <Button icon={<ArrowLeftOutlined />}>{t('laborPlacement.alloc.back')}</Button>
            </Link>
            {editable && (
              <Popconfirm
                title={t('laborPlacement.review.discardConfirm')}
                okText={t('laborPlacement.review.discard')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={doDiscard}
              >
                <Button danger icon={<DeleteOutlined />} loading={discard.isPending}>
                  {t('laborPlacement.review.discard')}
                </Button>
              </Popconfirm>
            )}
            {editable && (
              <Popconfirm
                title={t('laborPlacement.review.confirmTitle')}
                description={t('laborPlacement.review.confirmHint', { count: paired })}
                styles={{ root: { maxWidth: 'min(440px, calc(100vw - 24px))' } }}
                okText={t('laborPlacement.review.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={doConfirm}
                disabled={paired === 0}
              >
                <Button type="primary" icon={<CheckCircleOutlined />} loading={confirm.isPending} disabled={paired === 0} data-testid="alloc-confirm">
                  {t('laborPlacement.review.confirm')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      {stale && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setStale(null) }}
          className="gb-lp-block"
          title={stale.message}
          description={
            <div data-testid="stale-alert">
              {t('laborPlacement.review.staleHint')}
              <ul className="gb-lp-list">
                {Object.entries(stale.postings).map(([pid, why]) => (
                  <li key={pid}>
                    {byPosting.get(pid)?.title ?? pid}：{why}
                  </li>
                ))}
                {Object.entries(stale.workers).map(([wid, why]) => (
                  <li key={wid}>
                    {d.entries.find((e) => e.workerId === wid)?.workerNameMasked ?? wid}：{why}
                  </li>
                ))}
                {stale.other.map((why) => (
                  <li key={why}>{why}</li>
                ))}
              </ul>
            </div>
          }
        />
      )}
      {d.status === 'confirmed' && (
        <Alert
          type="success"
          showIcon
          className="gb-lp-block"
          title={t('laborPlacement.review.confirmedNote', { name: d.confirmedByName ?? '—', at: formatDateTime(d.confirmedAt) })}
          action={
            <Link to="/labor/referrals">
              <Button size="small" icon={<NodeIndexOutlined />} data-testid="alloc-open-referrals">
                {t('laborPlacement.review.openReferrals')}
              </Button>
            </Link>
          }
          data-testid="alloc-confirmed"
        />
      )}
      <Row gutter={[16, 16]} className="gb-lp-block">
        <Col xs={12} md={6}>
          <Card className="gb-stat-card">
            <Statistic title={t('laborPlacement.review.workers')} value={d.workerCount} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card className="gb-stat-card">
            <Statistic title={t('laborPlacement.review.pairs')} value={paired} suffix={`/ ${d.postings.reduce((n, p) => n + p.capacity, 0)}`} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card className="gb-stat-card">
            <Statistic
              title={t('laborPlacement.alloc.meanScore')}
              value={paired ? Math.round(d.entries.reduce((n, e) => n + (e.postingId ? (e.score ?? 0) : 0), 0) / paired) : '—'}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card className="gb-stat-card">
            <Statistic title={t('laborPlacement.review.withWarnings')} value={warned} valueStyle={warned ? { color: '#e08a1e' } : undefined} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title={t('laborPlacement.review.pairsTitle')}
            extra={
              <Segmented
                size="small"
                value={show}
                onChange={(v) => setShow(v as Show)}
                options={[
                  { value: 'paired', label: `${t('laborPlacement.review.showPaired')} ${paired}` },
                  { value: 'unpaired', label: `${t('laborPlacement.review.showUnpaired')} ${d.entries.length - paired}` },
                  { value: 'warnings', label: `${t('laborPlacement.review.showWarnings')} ${warned}` },
                  { value: 'all', label: t('laborPlacement.all') },
                ]}
                data-testid="entries-filter"
              />
            }
          >
            <Table<AllocationEntry>
              size="small"
              rowKey="workerId"
              columns={columns}
              dataSource={entries}
              pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (n) => t('common.total', { count: n }) }}
              scroll={{ x: 900 }}
              rowClassName={(e) => (stale?.workers[e.workerId] ? 'gb-lp-row-stale' : '')}
              data-testid="alloc-entries"
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('laborPlacement.review.postingsTitle')}>
            <PostingTotals d={d} stale={stale} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
