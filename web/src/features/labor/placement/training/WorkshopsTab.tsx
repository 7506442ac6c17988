import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PagedTable } from '../../../admin/common/PagedTable';
import { RegionPicker } from '../../../admin/regions/RegionPicker';
import { usePhone } from '../../../shell/useViewport';
import { WORKER_STATUSES } from '../../labels';
import { useJoinWorkshop, useLeaveWorkshop, useSaveWorkshop, useWorkshop, useWorkshops } from '../api';
import type { Workshop, WorkshopWorker } from '../types';
import { AddWorkerBar } from './AddWorkerBar';
import { day, required, useToast, type FormTarget, editedOf, TrainingDrawer, useSaved, EditButton } from './TrainingForm';

type WorkshopWorkerRow = WorkshopWorker;

function WorkshopForm({ target, onClose }: { target: FormTarget<Workshop>; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSaveWorkshop();
  const saved = useSaved(form, target, onClose, ['laborPlacement.tr.workshopCreated', 'laborPlacement.tr.workshopUpdated']);
  const w = editedOf(target);
  // A workshop of an enterprise on the platform keeps it while its name is kept.
  const enterprise = (name?: string) =>
    w?.enterpriseOrgId && name === w.enterpriseName ? { enterpriseOrgId: w.enterpriseOrgId } : { enterpriseOrgId: null, enterpriseName: name || null };
  return (
    <TrainingDrawer target={target} onClose={onClose} form={form} titles={['laborPlacement.tr.newWorkshop', 'laborPlacement.tr.editWorkshop']} saving={save.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={
          w
            ? {
                name: w.name,
                enterpriseName: w.enterpriseName || undefined,
                regionCode: w.regionCode,
                address: w.address,
                products: w.products,
                recognisedOn: w.recognisedOn ? dayjs(w.recognisedOn) : undefined,
              }
            : undefined
        }
        onFinish={(v: { name: string; enterpriseName?: string; regionCode: string; address?: string; products?: string; recognisedOn?: Dayjs }) =>
          save.mutate(
            {
              id: w?.id,
              input: {
                name: v.name,
                ...enterprise(v.enterpriseName),
                regionCode: v.regionCode,
                address: v.address || null,
                products: v.products || null,
                recognisedOn: day(v.recognisedOn) ?? null,
              },
            },
            saved,
          )
        }
      >
        <Form.Item name="name" label={t('laborPlacement.tr.workshopName')} rules={required(t, t('laborPlacement.tr.workshopName'))}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="enterpriseName" label={t('laborPlacement.tr.enterprise')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('laborPlacement.tr.region')} rules={required(t, t('laborPlacement.tr.region'))}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="address" label={t('laborPlacement.tr.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="products" label={t('laborPlacement.tr.products')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="recognisedOn" label={t('laborPlacement.tr.recognisedOn')}>
          <DatePicker />
        </Form.Item>
      </Form>
    </TrainingDrawer>
  );
}

function LeaveModal({ target, onClose }: { target: { workshopId: string; w: WorkshopWorkerRow } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [form] = Form.useForm();
  const leave = useLeaveWorkshop();
  return (
    <Modal
      open={!!target}
      title={target ? t('laborPlacement.tr.leaveTitle', { name: target.w.workerNameMasked }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={leave.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v: { reason: string; status?: string }) =>
          target &&
          leave.mutate(
            { id: target.workshopId, workerId: target.w.workerId, input: { reason: v.reason, status: (v.status as never) || undefined } },
            {
              onSuccess: () => {
                toast.ok(t('laborPlacement.tr.left'));
                onClose();
              },
              onError: toast.fail,
            },
          )
        }
      >
        <Form.Item name="reason" label={t('laborPlacement.tr.leaveReason')} rules={required(t, t('laborPlacement.tr.leaveReason'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="status" label={t('laborPlacement.tr.newStatus')} extra={t('laborPlacement.tr.newStatusHint')}>
          <Select allowClear options={WORKER_STATUSES.map((s) => ({ value: s, label: t(`labor.status.${s}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WorkshopDrawer({ w, onClose, onEdit, manage }: { w: Workshop | null; onClose: () => void; onEdit: () => void; manage: boolean }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const toast = useToast();
  const detail = useWorkshop(w?.id ?? null);
  const join = useJoinWorkshop();
  const [leaving, setLeaving] = useState<WorkshopWorkerRow | null>(null);
  const d = detail.data;
  const columns: ColumnsType<WorkshopWorkerRow> = [
    { title: t('laborPlacement.fu.worker'), key: 'w', render: (_, x) => <Link to={`/labor/workers/${x.workerId}`}>{x.workerNameMasked}</Link> },
    { title: t('laborPlacement.tr.joinedOn'), dataIndex: 'joinedOn', width: 110 },
    {
      title: t('laborPlacement.tr.leftOn'),
      key: 'left',
      render: (_, x) =>
        x.leftOn ? (
          <span>
            {x.leftOn} <span className="gb-muted">{x.leaveReason}</span>
          </span>
        ) : (
          <Tag color="green">{t('laborPlacement.tr.working')}</Tag>
        ),
    },
    ...(manage
      ? [
          {
            title: '',
            key: 'act',
            width: 90,
            render: (_: unknown, x: WorkshopWorkerRow) =>
              !x.leftOn ? (
                <Button size="small" onClick={() => setLeaving(x)}>
                  {t('laborPlacement.tr.leave')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Drawer open={!!w} onClose={onClose} title={w?.name} size={phone ? '100%' : 720} destroyOnHidden extra={manage && <EditButton onClick={onEdit} />}>
      {w && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            className="gb-labor-desc gb-lp-block"
            items={[
              { key: 'ent', label: t('laborPlacement.tr.enterprise'), children: w.enterpriseName },
              { key: 'reg', label: t('laborPlacement.tr.region'), children: w.regionName ?? w.regionCode },
              { key: 'prod', label: t('laborPlacement.tr.products'), children: w.products ?? '—' },
              { key: 'rec', label: t('laborPlacement.tr.recognisedOn'), children: w.recognisedOn ?? '—' },
            ]}
          />
          {manage && (
            <AddWorkerBar
              placeholder={t('laborPlacement.tr.joinPick')}
              label={t('laborPlacement.tr.join')}
              pending={join.isPending}
              add={(workerId, added) =>
                join.mutate(
                  { id: w.id, input: { workerId } },
                  {
                    onSuccess: () => {
                      added();
                      toast.ok(t('laborPlacement.tr.joined'));
                    },
                    onError: toast.fail,
                  },
                )
              }
            />
          )}
          <Table<WorkshopWorkerRow> size="small" rowKey="id" columns={columns} dataSource={d?.workers ?? []} loading={detail.isFetching} pagination={false} />
          <LeaveModal target={leaving ? { workshopId: w.id, w: leaving } : null} onClose={() => setLeaving(null)} />
        </>
      )}
    </Drawer>
  );
}

/** 就业帮扶车间: employment-assistance workshops and the workers who joined and left them. */
export function WorkshopsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [currentId, setCurrent] = useState<string | null>(null);
  const [formTarget, setFormTarget] = useState<FormTarget<Workshop>>(null);
  const list = useWorkshops({ page, pageSize });
  const current = list.data?.items.find((w) => w.id === currentId) ?? null;
  const columns: ColumnsType<Workshop> = [
    {
      title: t('laborPlacement.tr.workshopName'),
      dataIndex: 'name',
      render: (v: string, w) => (
        <Button type="link" className="gb-cell-link" autoInsertSpace={false} onClick={() => setCurrent(w.id)}>
          {v}
        </Button>
      ),
    },
    { title: t('laborPlacement.tr.enterprise'), dataIndex: 'enterpriseName', width: 200, ellipsis: true },
    { title: t('laborPlacement.tr.region'), key: 'reg', width: 160, render: (_, w) => w.regionName ?? w.regionCode },
    { title: t('laborPlacement.tr.products'), dataIndex: 'products', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('laborPlacement.tr.workerCount'), dataIndex: 'workerCount', width: 90 },
  ];
  return (
    <>
      <div className="gb-toolbar">
        <Typography.Text type="secondary">{t('laborPlacement.tr.workshopIntro')}</Typography.Text>
        <span style={{ flex: 1 }} />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget('new')}>
            {t('laborPlacement.tr.newWorkshop')}
          </Button>
        )}
      </div>
      <PagedTable<Workshop>
        query={list}
        page={page}
        pageSize={pageSize}
        onPage={(p, s) => {
          setPage(p);
          setPageSize(s);
        }}
        filtered={false}
        columns={columns}
        scroll={{ x: 800 }}
        data-testid="workshops-table"
      />
      <WorkshopDrawer w={current} onClose={() => setCurrent(null)} onEdit={() => setFormTarget(current)} manage={manage} />
      {manage && <WorkshopForm target={formTarget} onClose={() => setFormTarget(null)} />}
    </>
  );
}
