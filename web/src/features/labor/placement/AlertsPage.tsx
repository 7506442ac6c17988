import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, Badge, Button, Form, Input, Modal, Popconfirm, Space, Tabs, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, CloseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText, storedText } from '../../../api/errors';
import { can, useCurrentUser } from '../../auth/session';
import { formatDateTime } from '../../admin/common/format';
import { PagedTable } from '../../admin/common/PagedTable';
import { PageHeader } from '../../shell/PageHeader';
import { useAcknowledgeAlert, useAlerts, useCloseAlert } from './api';
import { useOpenAlertCount } from './menu';
import type { AlertQuery, RelapseAlert } from './types';
import '../labor.css';
import './placement.css';

type Status = NonNullable<AlertQuery['status']>;
const ALERT_COLORS: Record<RelapseAlert['status'], string> = { open: 'red', acknowledged: 'orange', closed: 'default' };

function CloseModal({ alert, onClose }: { alert: RelapseAlert | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const close = useCloseAlert();
  return (
    <Modal
      open={!!alert}
      title={alert ? t('laborPlacement.alert.closeTitle', { name: alert.workerNameMasked }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('laborPlacement.alert.close')}
      cancelText={t('common.cancel')}
      confirmLoading={close.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          alert &&
          close.mutate(
            { id: alert.id, note: v.note.trim() },
            {
              onSuccess: () => {
                message.success(t('laborPlacement.alert.closed'));
                onClose();
              },
              onError: (err) => void message.error(errorText(err, t)),
            },
          )
        }
      >
        <Form.Item
          name="note"
          label={t('laborPlacement.alert.note')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('laborPlacement.alert.note') }) }]}
          extra={t('laborPlacement.alert.noteHint')}
        >
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 3, maxRows: 6 }} data-testid="alert-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 防返贫预警: registered-poor or monitored workers who lost their job, for the caseworker to act on. */
export default function AlertsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = AntApp.useApp();
  const manage = can(me, 'labor.manage');
  const [status, setStatus] = useState<Status>('open');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [closing, setClosing] = useState<RelapseAlert | null>(null);
  const list = useAlerts({ status, page, pageSize });
  const openCount = useOpenAlertCount();
  const ack = useAcknowledgeAlert();

  const columns: ColumnsType<RelapseAlert> = [
    {
      title: t('laborPlacement.alert.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: RelapseAlert['status']) => (
        <Tag color={ALERT_COLORS[s]} data-testid="alert-status">
          {t(`laborPlacement.alertStatus.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('laborPlacement.fu.worker'),
      key: 'worker',
      width: 200,
      render: (_, a) => (
        <div>
          <Link to={`/labor/workers/${a.workerId}`} className="gb-labor-name">
            {a.workerNameMasked}
          </Link>
          {a.registeredPoor && (
            <Tag color="red" variant="filled" className="gb-lp-inline-tag">
              {t('labor.worker.registeredPoor')}
            </Tag>
          )}
          {a.monitoringCategory && (
            <Tag color="volcano" variant="filled" className="gb-lp-inline-tag">
              {t(`labor.monitoring.${a.monitoringCategory}`)}
            </Tag>
          )}
          <div className="gb-muted">{a.homeRegionName ?? '—'}</div>
        </div>
      ),
    },
    {
      title: t('laborPlacement.alert.trigger'),
      key: 'reason',
      render: (_, a) => (
        <div>
          <Tag>{t(`laborPlacement.trigger.${a.trigger}`)}</Tag>
          {storedText(a.reasonRef, a.reason)}
        </div>
      ),
    },
    { title: t('laborPlacement.alert.raisedAt'), dataIndex: 'raisedAt', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('labor.worker.caseworker'), dataIndex: 'caseworkerName', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('laborPlacement.alert.handling'),
      key: 'handling',
      width: 240,
      render: (_, a) =>
        a.status === 'closed' ? (
          <div>
            <div>{a.closeNote}</div>
            <div className="gb-muted">
              {a.closedByName} {formatDateTime(a.closedAt)}
            </div>
          </div>
        ) : a.status === 'acknowledged' ? (
          <span className="gb-muted">{t('laborPlacement.alert.ackBy', { name: a.acknowledgedByName ?? '—', at: formatDateTime(a.acknowledgedAt) })}</span>
        ) : (
          <span className="gb-muted">—</span>
        ),
    },
    ...(manage
      ? [
          {
            title: '',
            key: 'act',
            width: 170,
            render: (_: unknown, a: RelapseAlert) =>
              a.status === 'closed' ? null : (
                <Space size={4}>
                  {a.status === 'open' && (
                    <Popconfirm
                      title={t('laborPlacement.alert.ackConfirm')}
                      okText={t('laborPlacement.alert.ack')}
                      cancelText={t('common.cancel')}
                      onConfirm={() =>
                        ack.mutateAsync(a.id).then(
                          () => void message.success(t('laborPlacement.alert.acked')),
                          (err: unknown) => void message.error(errorText(err, t)),
                        )
                      }
                    >
                      <Button size="small" icon={<CheckOutlined />} data-testid="alert-ack">
                        {t('laborPlacement.alert.ack')}
                      </Button>
                    </Popconfirm>
                  )}
                  <Tooltip title={t('laborPlacement.alert.closeHint')}>
                    <Button size="small" icon={<CloseCircleOutlined />} onClick={() => setClosing(a)} data-testid="alert-close">
                      {t('laborPlacement.alert.close')}
                    </Button>
                  </Tooltip>
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="labor-alerts-page">
      <PageHeader title={t('laborPlacement.alert.title')} subtitle={t('laborPlacement.alert.subtitle')} />
      <div className="gb-panel">
        <Tabs
          activeKey={status}
          onChange={(k) => {
            setStatus(k as Status);
            setPage(1);
          }}
          items={[
            {
              key: 'open',
              label: (
                <span>
                  {t('laborPlacement.alertStatus.open')} <Badge count={openCount} size="small" />
                </span>
              ),
            },
            { key: 'acknowledged', label: t('laborPlacement.alertStatus.acknowledged') },
            { key: 'closed', label: t('laborPlacement.alertStatus.closed') },
            { key: 'all', label: t('laborPlacement.all') },
          ]}
        />
        <PagedTable<RelapseAlert>
          cards={{ head: 'worker' }}
          query={list}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => {
            setPage(p);
            setPageSize(s);
          }}
          filtered={false}
          emptyHint={t('laborPlacement.alert.none')}
          columns={columns}
          scroll={{ x: 1100 }}
          data-testid="alerts-table"
        />
      </div>
      {manage && <CloseModal alert={closing} onClose={() => setClosing(null)} />}
    </div>
  );
}
