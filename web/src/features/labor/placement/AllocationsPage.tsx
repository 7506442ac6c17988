import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, Drawer, Form, Input, InputNumber, Radio, Segmented, Select, Space, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../../api/errors';
import { can, useCurrentUser } from '../../auth/session';
import { drawerSize, formatDateTime } from '../../admin/common/format';
import { PagedTable } from '../../admin/common/PagedTable';
import { RegionPicker } from '../../admin/regions/RegionPicker';
import { PageHeader } from '../../shell/PageHeader';
import { usePhone } from '../../shell/useViewport';
import { WORKER_STATUSES } from '../labels';
import { OccupationPicker } from '../occupations';
import { useAllocations, useCreateAllocation } from './api';
import type { Allocation, AllocationInput, AllocationStatus } from './types';
import { PostingPicker } from './PostingPicker';
import { WorkerSelect } from './WorkerSelect';
import '../labor.css';
import './placement.css';

export const ALLOCATION_COLORS: Record<AllocationStatus, string> = { draft: 'gold', confirmed: 'green', discarded: 'default' };

interface Values {
  name: string;
  mode: 'stable' | 'optimal';
  minScore: number;
  workersBy: 'filter' | 'ids';
  workerIds?: string[];
  status?: string[];
  region?: string | null;
  registeredPoor?: boolean;
  occupation?: string | null;
  postingsBy: 'filter' | 'ids';
  postingIds?: string[];
  postingRegion?: string | null;
  postingOccupation?: string | null;
  postingQ?: string;
}

/** A new job-fair allocation: which workers, which postings, stable or optimal; the server drafts it for review. */
function NewAllocationDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const phone = usePhone();
  const [form] = Form.useForm<Values>();
  const create = useCreateAllocation();
  const workersBy = Form.useWatch('workersBy', form);
  const postingsBy = Form.useWatch('postingsBy', form);

  const submit = (v: Values) => {
    const input: AllocationInput = {
      name: v.name.trim(),
      mode: v.mode,
      minScore: v.minScore,
      workers:
        v.workersBy === 'ids'
          ? { ids: v.workerIds }
          : {
              status: v.status?.length ? (v.status as NonNullable<AllocationInput['workers']>['status']) : undefined,
              region: v.region || undefined,
              registeredPoor: v.registeredPoor || undefined,
              occupation: v.occupation || undefined,
            },
      postings:
        v.postingsBy === 'ids' ? { ids: v.postingIds } : { region: v.postingRegion || undefined, occupation: v.postingOccupation || undefined, q: v.postingQ?.trim() || undefined },
    };
    create.mutate(input, {
      onSuccess: (d) => {
        message.success(t('laborPlacement.alloc.created', { pairs: d.pairCount, workers: d.workerCount }));
        onClose();
        navigate(`/labor/allocations/${d.id}`);
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
      },
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('laborPlacement.alloc.new')}
      size={drawerSize(phone)}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="alloc-submit">
            {t('laborPlacement.alloc.run')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="alloc-form"
        initialValues={{
          name: t('laborPlacement.alloc.defaultName', { date: new Date().toISOString().slice(0, 10) }),
          mode: 'stable',
          minScore: 60,
          workersBy: 'filter',
          status: ['unemployed'],
          postingsBy: 'filter',
        }}
      >
        <Form.Item
          name="name"
          label={t('laborPlacement.alloc.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('laborPlacement.alloc.name') }) }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="mode" label={t('laborPlacement.alloc.mode')} extra={t('laborPlacement.alloc.modeHint')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'stable', label: t('laborPlacement.mode.stable') },
              { value: 'optimal', label: t('laborPlacement.mode.optimal') },
            ]}
          />
        </Form.Item>
        <Form.Item name="minScore" label={t('laborPlacement.alloc.minScore')} extra={t('laborPlacement.alloc.minScoreHint')}>
          <InputNumber min={0} max={100} style={{ width: 120 }} />
        </Form.Item>
        <Typography.Title level={5}>{t('laborPlacement.alloc.workers')}</Typography.Title>
        <Form.Item name="workersBy">
          <Segmented
            options={[
              { value: 'filter', label: t('laborPlacement.alloc.byFilter') },
              { value: 'ids', label: t('laborPlacement.alloc.byPick') },
            ]}
          />
        </Form.Item>
        {workersBy === 'ids' ? (
          <Form.Item
            name="workerIds"
            label={t('laborPlacement.alloc.pickWorkers')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('laborPlacement.alloc.workers') }) }]}
          >
            <WorkerSelect multiple />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="status" label={t('labor.worker.status')}>
              <Select mode="multiple" options={WORKER_STATUSES.map((s) => ({ value: s, label: t(`labor.status.${s}`) }))} data-testid="alloc-status" />
            </Form.Item>
            <Form.Item name="region" label={t('laborPlacement.alloc.homeRegion')}>
              <RegionPicker />
            </Form.Item>
            <Form.Item name="occupation" label={t('laborPlacement.alloc.occupation')}>
              <OccupationPicker groups />
            </Form.Item>
            <Form.Item name="registeredPoor" label={t('laborPlacement.alloc.registeredPoorOnly')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </>
        )}
        <Typography.Title level={5}>{t('laborPlacement.alloc.postings')}</Typography.Title>
        <Form.Item name="postingsBy">
          <Segmented
            options={[
              { value: 'filter', label: t('laborPlacement.alloc.allActive') },
              { value: 'ids', label: t('laborPlacement.alloc.byPick') },
            ]}
          />
        </Form.Item>
        {postingsBy === 'ids' ? (
          <Form.Item
            name="postingIds"
            label={t('laborPlacement.alloc.pickPostings')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('laborPlacement.alloc.postings') }) }]}
          >
            <PostingPicker onAllMatching={(q) => form.setFieldsValue({ postingsBy: 'filter', postingQ: q, postingRegion: null, postingOccupation: null })} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="postingQ" label={t('laborPlacement.alloc.postingText')} extra={t('laborPlacement.alloc.postingTextHint')}>
              <Input allowClear maxLength={100} data-testid="alloc-postings-q" />
            </Form.Item>
            <Form.Item name="postingRegion" label={t('laborPlacement.alloc.workRegion')}>
              <RegionPicker />
            </Form.Item>
            <Form.Item name="postingOccupation" label={t('laborPlacement.alloc.occupation')}>
              <OccupationPicker groups />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}

/** 招聘会批量匹配: the drafts waiting for review and the confirmed ones. */
export default function AllocationsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [status, setStatus] = useState<AllocationStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState(false);
  const list = useAllocations({ status: status === 'all' ? undefined : status, page, pageSize });
  const manage = can(me, 'labor.manage');

  const columns: ColumnsType<Allocation> = [
    {
      title: t('laborPlacement.alloc.name'),
      dataIndex: 'name',
      render: (v: string, a) => (
        <Link to={`/labor/allocations/${a.id}`} data-testid="alloc-link">
          {v}
        </Link>
      ),
    },
    {
      title: t('laborPlacement.alloc.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: AllocationStatus) => <Tag color={ALLOCATION_COLORS[s]}>{t(`laborPlacement.allocStatus.${s}`)}</Tag>,
    },
    { title: t('laborPlacement.alloc.mode'), dataIndex: 'mode', width: 110, render: (m: string) => t(`laborPlacement.mode.${m}`) },
    { title: t('laborPlacement.alloc.pairs'), key: 'pairs', width: 150, render: (_, a) => t('laborPlacement.alloc.pairsOf', { pairs: a.pairCount, workers: a.workerCount }) },
    { title: t('laborPlacement.alloc.postingCount'), dataIndex: 'postingCount', width: 90 },
    { title: t('laborPlacement.alloc.meanScore'), key: 'mean', width: 100, render: (_, a) => (a.pairCount ? Math.round(a.totalScore / a.pairCount) : '—') },
    {
      title: t('laborPlacement.alloc.createdBy'),
      key: 'by',
      width: 200,
      render: (_, a) => (
        <span>
          {a.createdByName ?? '—'} <span className="gb-muted">{formatDateTime(a.createdAt)}</span>
        </span>
      ),
    },
    { title: t('laborPlacement.alloc.confirmedAt'), dataIndex: 'confirmedAt', width: 150, render: (v: string | null) => formatDateTime(v) },
  ];

  return (
    <div data-testid="labor-allocations-page">
      <PageHeader
        title={t('laborPlacement.alloc.title')}
        subtitle={t('laborPlacement.alloc.subtitle')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="alloc-new">
              {t('laborPlacement.alloc.new')}
            </Button>
          )
        }
      />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <Segmented
            value={status}
            onChange={(v) => {
              setStatus(v as AllocationStatus | 'all');
              setPage(1);
            }}
            options={(['all', 'draft', 'confirmed', 'discarded'] as const).map((s) => ({
              value: s,
              label: s === 'all' ? t('laborPlacement.all') : t(`laborPlacement.allocStatus.${s}`),
            }))}
          />
        </div>
        <PagedTable<Allocation>
          query={list}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => {
            setPage(p);
            setPageSize(s);
          }}
          filtered={status !== 'all'}
          emptyHint={t('laborPlacement.alloc.empty')}
          columns={columns}
          scroll={{ x: 1100 }}
          onRow={(a) => ({ onDoubleClick: () => navigate(`/labor/allocations/${a.id}`) })}
          data-testid="alloc-table"
        />
      </div>
      {manage && <NewAllocationDrawer open={open} onClose={() => setOpen(false)} />}
    </div>
  );
}
