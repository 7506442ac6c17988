import { useState } from 'react';
import { App as AntApp, Button, Progress, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { WorkOrder, WorkOrderActionName, WorkOrderStatus } from '../../../api/types';
import { errorText } from '../../../api/errors';
import { can, useCurrentUser } from '../../auth/session';
import { PageHeader } from '../../shell/PageHeader';
import { usePhone } from '../../shell/useViewport';
import { PagedTable } from '../../admin/common/PagedTable';
import { SearchInput } from '../../admin/common/SearchInput';
import { useListParams } from '../../admin/common/useListParams';
import { useLines } from '../api';
import { lineName } from '../model';
import { plantDay } from '../plantTime';
import { useWorkOrderAction, useWorkOrders } from './api';
import { WorkOrderDrawer } from './WorkOrderDrawer';
import { productName, WO_STATUS_COLORS, WO_STATUSES } from './labels';
import '../factory.css';
import './production.css';

const FILTERS = ['q', 'status', 'lineId'] as const;

/** What a work order in each state may do next (the server's rules; it refuses anything else with a 409). */
const NEXT: Record<WorkOrderStatus, WorkOrderActionName[]> = {
  planned: ['release', 'cancel'],
  released: ['suspend', 'complete', 'cancel'],
  completed: ['close'],
  closed: [],
  cancelled: [],
};

/** Done of qty as a bar, with the units in progress and the NOK ones beside it. */
function ProgressCell({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const p = wo.progress;
  const pct = wo.qty ? Math.min(100, Math.round((p.done / wo.qty) * 100)) : 0;
  return (
    <div className="gb-wo-progress" data-testid={`wo-progress-${wo.number}`}>
      <Progress percent={pct} size="small" showInfo={false} status={wo.status === 'cancelled' ? 'exception' : undefined} />
      <div className="gb-wo-progress__figures">
        <span className="gb-strong">
          {p.done}/{wo.qty}
        </span>
        <span className="gb-muted">{t('factory.wo.wip', { count: p.wip })}</span>
        {p.nok > 0 && <span className="gb-wo-nok">{t('factory.wo.nok', { count: p.nok })}</span>}
      </div>
    </div>
  );
}

/** 工单: every work order of the plant, filtered by status and line; planners create them and move them on. */
export default function WorkOrdersPage() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const me = useCurrentUser();
  const phone = usePhone();
  const plan = can(me, 'factory.plan');
  const { filters, page, pageSize, setFilter, setPage, resetAll, active } = useListParams(FILTERS);
  const list = useWorkOrders({ q: filters.q, status: filters.status as WorkOrderStatus | undefined, lineId: filters.lineId, page, pageSize });
  const lines = useLines();
  const act = useWorkOrderAction();
  const [creating, setCreating] = useState(false);
  const today = plantDay();

  const confirm = (wo: WorkOrder, action: WorkOrderActionName) =>
    modal.confirm({
      title: t(`factory.wo.confirm.${action}`, { number: wo.number, line: wo.lineCode }),
      okText: t(`factory.wo.actions.${action}`),
      cancelText: t('factory.wo.keep'),
      okButtonProps: { danger: action === 'cancel', 'data-testid': 'wo-confirm-ok' },
      onOk: () =>
        act
          .mutateAsync({ id: wo.id, action })
          .then((r) => void message.success(t(`factory.wo.done.${action}`, { number: r.number })))
          .catch((err) => void message.error(errorText(err, t))),
    });

  const columns: ColumnsType<WorkOrder> = [
    {
      title: t('factory.wo.number'),
      dataIndex: 'number',
      key: 'number',
      width: 140,
      fixed: phone ? undefined : 'left',
      render: (n: string) => <span className="gb-mono gb-strong">{n}</span>,
    },
    {
      title: t('factory.wo.product'),
      key: 'product',
      width: 210,
      render: (_v, wo) => (
        <span>
          <span className="gb-mono">
            {wo.partNo} {wo.revision}
          </span>{' '}
          <span className="gb-muted">{productName(wo)}</span>
        </span>
      ),
    },
    {
      title: t('factory.wo.customer'),
      key: 'customer',
      width: 120,
      render: (_v, wo) =>
        wo.customer ? (
          <span className="gb-strong" data-testid={`wo-customer-${wo.number}`}>
            {wo.customer}
          </span>
        ) : (
          <span className="gb-muted" title={t('factory.wo.ownOrderHint')}>
            {t('factory.wo.ownOrder')}
          </span>
        ),
    },
    {
      title: t('factory.wo.line'),
      key: 'line',
      width: 60,
      render: (_v, wo) => <span title={lineName({ nameZh: wo.lineNameZh, nameEn: wo.lineNameEn })}>{wo.lineCode}</span>,
    },
    { title: t('factory.wo.qty'), dataIndex: 'qty', width: 70, align: 'right' },
    {
      title: t('factory.wo.due'),
      dataIndex: 'dueDate',
      width: 120,
      render: (d: string, wo) => (
        <span className="gb-nowrap">
          {d}{' '}
          {d < today && (wo.status === 'planned' || wo.status === 'released') && (
            <Tag color="red" variant="filled">
              {t('factory.wo.overdue')}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: t('factory.wo.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: WorkOrderStatus, wo) => (
        <Tag color={WO_STATUS_COLORS[s]} data-testid={`wo-status-${wo.number}`}>
          {t(`factory.prod.status.${s}`)}
        </Tag>
      ),
    },
    { title: t('factory.wo.progress'), key: 'progress', width: 180, render: (_v, wo) => <ProgressCell wo={wo} /> },
    {
      title: t('factory.wo.fpy'),
      key: 'fpy',
      width: 90,
      align: 'right',
      render: (_v, wo) => (wo.progress.firstPassYield === null ? <span className="gb-muted">—</span> : `${(wo.progress.firstPassYield * 100).toFixed(2)}%`),
    },
  ];
  if (plan) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      fixed: phone ? undefined : 'right',
      render: (_v, wo) => (
        <Space size={4} wrap>
          {NEXT[wo.status].map((a) => (
            <Button key={a} size="small" type={a === 'release' ? 'primary' : 'default'} danger={a === 'cancel'} onClick={() => confirm(wo, a)} data-testid={`wo-${a}-${wo.number}`}>
              {t(`factory.wo.actions.${a}`)}
            </Button>
          ))}
        </Space>
      ),
    });
  }

  return (
    <div data-testid="work-orders-page">
      <PageHeader
        title={t('factory.wo.title')}
        subtitle={t('factory.wo.subtitle')}
        extra={
          plan && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="wo-create">
              {t('factory.wo.create')}
            </Button>
          )
        }
      />
      <div className="gb-panel">
        <div className="gb-toolbar">
          <SearchInput className="gb-toolbar__search" value={filters.q} onChange={(v) => setFilter('q', v)} placeholder={t('factory.wo.search')} testId="wo-search" />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('factory.wo.statusFilter')}
            value={filters.status}
            onChange={(v: string | undefined) => setFilter('status', v)}
            options={WO_STATUSES.map((s) => ({ value: s, label: t(`factory.prod.status.${s}`) }))}
            data-testid="wo-status-filter"
          />
          <Select
            className="gb-toolbar__select"
            allowClear
            placeholder={t('factory.wo.lineFilter')}
            value={filters.lineId}
            onChange={(v: string | undefined) => setFilter('lineId', v)}
            options={(lines.data ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${lineName(l)}` }))}
            data-testid="wo-line-filter"
          />
          {active && <Button onClick={resetAll}>{t('common.reset')}</Button>}
        </div>
        <PagedTable<WorkOrder>
          query={{ ...list, isFetching: list.isFetching && list.isPlaceholderData }}
          page={page}
          pageSize={pageSize}
          onPage={setPage}
          filtered={active}
          emptyHint={t('factory.wo.empty')}
          columns={columns}
          cards
          scroll={{ x: 1340 }}
          rowClassName={(wo) => (wo.status === 'released' ? 'gb-row-current' : '')}
          data-testid="wo-table"
        />
      </div>
      {plan && <WorkOrderDrawer open={creating} onClose={() => setCreating(false)} />}
    </div>
  );
}
