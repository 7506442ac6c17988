import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { App as AntApp, AutoComplete, Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined, SafetyCertificateOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../../api/errors';
import { can, useCurrentUser } from '../../auth/session';
import { PagedTable } from '../../admin/common/PagedTable';
import { RegionPicker } from '../../admin/regions/RegionPicker';
import { PageHeader } from '../../shell/PageHeader';
import { usePhone } from '../../shell/useViewport';
import { SKILL_LEVELS, WORKER_STATUSES } from '../labels';
import { OccupationPicker, useOccupationName } from '../occupations';
import { StatusTag } from '../parts';
import {
  useCertify, useClasses, useComplete, useEnrol, useJoinWorkshop, useLeaveWorkshop, useParticipants, useProviders, useSaveClass, useSaveWelfarePost, useSaveWorkshop,
  useWelfarePosts, useWorkshop, useWorkshops,
} from './api';
import type { Participant, ParticipantStatus, TrainingClass, WelfarePost, Workshop, WorkshopWorker } from './types';
import { WorkerSelect } from './WorkerSelect';
import '../labor.css';
import './placement.css';
import { FormDrawer, useSaveOutcome } from '../../shell/FormDrawer';

type WorkshopWorkerRow = WorkshopWorker;
const PARTICIPANT_COLORS: Record<ParticipantStatus, string> = { enrolled: 'blue', passed: 'green', failed: 'red', dropped: 'default' };
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const required = (t: TFunction, field: string) => [{ required: true, message: t('common.required', { field }) }];

function useToast() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  return { ok: (text: string) => void message.success(text), fail: (err: unknown) => void message.error(errorText(err, t)) };
}

/** What a create-or-edit form drawer shows: nothing (closed), a new record, or the record to edit. */
type FormTarget<T> = T | 'new' | null;
const editedOf = <T,>(target: FormTarget<T>): T | null => (target && target !== 'new' ? target : null);

/**
 * The drawer around a create-or-edit form: one set of fields for both, titled for either, saved by the form's
 * submit. Field errors of a 400 go onto their fields; a success toasts and closes.
 */
/** A class's, workshop's or post's form in the shared form drawer: "new" or the record being edited. */
function TrainingDrawer({ target, onClose, form, titles, saving, children }: {
  target: FormTarget<unknown>; onClose: () => void; form: ReturnType<typeof Form.useForm>[0]; titles: [string, string]; saving: boolean; children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormDrawer open={!!target} onClose={onClose} title={t(titles[target === 'new' ? 0 : 1])} saving={saving} onSave={() => form.submit()} saveTestId="form-save">
      {children}
    </FormDrawer>
  );
}
function useSaved(form: ReturnType<typeof Form.useForm>[0], target: FormTarget<unknown>, onClose: () => void, done: [string, string]) {
  const { t } = useTranslation();
  const outcome = useSaveOutcome(form, onClose);
  return { onSuccess: () => outcome.saved(t(done[target === 'new' ? 0 : 1])), onError: outcome.failed };
}
const EditButton = ({ onClick }: { onClick: () => void }) => {
  const { t } = useTranslation();
  return <Button size="small" icon={<EditOutlined />} onClick={onClick} data-testid="record-edit">{t('common.edit')}</Button>;
};

// ---- classes -------------------------------------------------------------------------------------------------
function ClassForm({ target, onClose }: { target: FormTarget<TrainingClass>; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSaveClass();
  const saved = useSaved(form, target, onClose, ['laborPlacement.tr.classCreated', 'laborPlacement.tr.classUpdated']);
  const providers = useProviders();
  const c = editedOf(target);
  const submit = (v: { title: string; occupationCode: string; provider?: string; dates: [Dayjs, Dayjs]; place?: string; capacity: number; note?: string }) => {
    // The class's own provider organisation stays when its name is kept, even before the provider list has loaded.
    const p = providers.data?.find((x) => x.name === v.provider) ?? (c && v.provider === c.providerName ? { orgId: c.providerOrgId } : undefined);
    save.mutate(
      { id: c?.id, input: { title: v.title, occupationCode: v.occupationCode, providerOrgId: p?.orgId ?? null, providerName: p?.orgId ? null : v.provider?.trim() || null, startsOn: day(v.dates[0])!, endsOn: day(v.dates[1])!, place: v.place || null, capacity: v.capacity, note: v.note || null } },
      saved,
    );
  };
  const initial = c ? { title: c.title, occupationCode: c.occupationCode, provider: c.providerName || undefined, dates: [dayjs(c.startsOn), dayjs(c.endsOn)], place: c.place, capacity: c.capacity, note: c.note } : { capacity: 30 };
  return (
    <TrainingDrawer target={target} onClose={onClose} form={form} titles={['laborPlacement.tr.newClass', 'laborPlacement.tr.editClass']} saving={save.isPending}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item name="title" label={t('laborPlacement.tr.classTitle')} rules={required(t, t('laborPlacement.tr.classTitle'))}><Input maxLength={80} placeholder={t('laborPlacement.tr.classTitleHint')} /></Form.Item>
        <Form.Item name="occupationCode" label={t('laborPlacement.tr.occupation')} rules={required(t, t('laborPlacement.tr.occupation'))}><OccupationPicker /></Form.Item>
        <Form.Item name="provider" label={t('laborPlacement.tr.provider')} extra={t('laborPlacement.tr.providerHint')}>
          <AutoComplete options={(providers.data ?? []).map((p) => ({ value: p.name }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
        </Form.Item>
        <Form.Item name="dates" label={t('laborPlacement.tr.dates')} rules={required(t, t('laborPlacement.tr.dates'))}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="place" label={t('laborPlacement.tr.place')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="capacity" label={t('laborPlacement.tr.capacity')} rules={required(t, t('laborPlacement.tr.capacity'))}><InputNumber min={1} max={1000} /></Form.Item>
        <Form.Item name="note" label={t('laborPlacement.tr.note')}><Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} /></Form.Item>
      </Form>
    </TrainingDrawer>
  );
}

function CertificateModal({ p, onClose }: { p: Participant | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [form] = Form.useForm();
  const certify = useCertify();
  return (
    <Modal open={!!p} title={p ? t('laborPlacement.tr.certTitle', { name: p.workerNameMasked }) : ''} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={certify.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: p?.classTitle ? t('laborPlacement.tr.certDefault', { title: p.classTitle }) : '', issuedOn: dayjs() }}
        onFinish={(v: { name: string; number: string; issuedOn: Dayjs; level?: string }) =>
          p &&
          certify.mutate(
            { id: p.id, input: { name: v.name, number: v.number, issuedOn: day(v.issuedOn)!, level: (v.level as never) ?? null } },
            { onSuccess: () => { toast.ok(t('laborPlacement.tr.certified')); onClose(); }, onError: (err) => { if (!applyFieldErrors(form, err)) toast.fail(err); } },
          )
        }
      >
        <Form.Item name="name" label={t('laborPlacement.tr.certName')} rules={required(t, t('laborPlacement.tr.certName'))}><Input maxLength={60} /></Form.Item>
        <Form.Item name="number" label={t('laborPlacement.tr.certNumber')} rules={required(t, t('laborPlacement.tr.certNumber'))} extra={t('laborPlacement.tr.certNumberHint')}><Input maxLength={40} /></Form.Item>
        <Form.Item name="issuedOn" label={t('laborPlacement.tr.issuedOn')} rules={required(t, t('laborPlacement.tr.issuedOn'))}><DatePicker allowClear={false} /></Form.Item>
        <Form.Item name="level" label={t('laborPlacement.tr.level')}><Select allowClear options={SKILL_LEVELS.map((l) => ({ value: l, label: t(`labor.level.${l}`) }))} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ClassDrawer({ c, onClose, onEdit, manage }: { c: TrainingClass | null; onClose: () => void; onEdit: () => void; manage: boolean }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const toast = useToast();
  const occupationName = useOccupationName();
  const participants = useParticipants(c?.id ?? null);
  const enrol = useEnrol();
  const complete = useComplete();
  const [worker, setWorker] = useState<string | null>(null);
  const [cert, setCert] = useState<Participant | null>(null);
  const ended = !!c && c.endsOn < dayjs().format('YYYY-MM-DD');
  const finish = (p: Participant, result: 'passed' | 'failed' | 'dropped') =>
    complete.mutateAsync({ id: p.id, input: { result } }).then(() => toast.ok(t(`laborPlacement.tr.result.${result}`)), toast.fail);

  const columns: ColumnsType<Participant> = [
    { title: t('laborPlacement.fu.worker'), key: 'w', render: (_, p) => <span><Link to={`/labor/workers/${p.workerId}`}>{p.workerNameMasked}</Link> <StatusTag status={p.workerStatus} /></span> },
    { title: t('laborPlacement.tr.enrolledOn'), dataIndex: 'enrolledOn', width: 110 },
    { title: t('laborPlacement.tr.pStatus'), key: 's', width: 110, render: (_, p) => <Tag color={PARTICIPANT_COLORS[p.status]}>{t(`laborPlacement.participant.${p.status}`)}</Tag> },
    {
      title: t('laborPlacement.tr.certificate'),
      key: 'cert',
      render: (_, p) =>
        p.certificate ? (
          <span><SafetyCertificateOutlined className="gb-labor-cert-icon" /> {p.certificate.name} <span className="gb-muted gb-mono">{p.certificate.number}</span></span>
        ) : manage && p.status === 'passed' ? (
          <Button size="small" onClick={() => setCert(p)}>{t('laborPlacement.tr.addCert')}</Button>
        ) : (
          <span className="gb-muted">—</span>
        ),
    },
    ...(manage
      ? [{
          title: '',
          key: 'act',
          width: 200,
          render: (_: unknown, p: Participant) =>
            p.status === 'enrolled' ? (
              <Space size={4} wrap>
                <Popconfirm title={t('laborPlacement.tr.passConfirm')} onConfirm={() => finish(p, 'passed')} okText={t('common.confirm')} cancelText={t('common.cancel')}><Button size="small" type="primary">{t('laborPlacement.participant.passed')}</Button></Popconfirm>
                <Popconfirm title={t('laborPlacement.tr.failConfirm')} onConfirm={() => finish(p, 'failed')} okText={t('common.confirm')} cancelText={t('common.cancel')}><Button size="small">{t('laborPlacement.participant.failed')}</Button></Popconfirm>
                <Popconfirm title={t('laborPlacement.tr.dropConfirm')} onConfirm={() => finish(p, 'dropped')} okText={t('common.confirm')} cancelText={t('common.cancel')}><Button size="small" type="text" danger>{t('laborPlacement.participant.dropped')}</Button></Popconfirm>
              </Space>
            ) : null,
        }]
      : []),
  ];

  return (
    <Drawer open={!!c} onClose={onClose} title={c?.title} size={phone ? '100%' : 860} destroyOnHidden extra={manage && <EditButton onClick={onEdit} />}>
      {c && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            className="gb-labor-desc gb-lp-block"
            items={[
              { key: 'occ', label: t('laborPlacement.tr.occupation'), children: occupationName(c.occupationCode, c.occupationName) },
              { key: 'prov', label: t('laborPlacement.tr.provider'), children: c.providerName },
              { key: 'dates', label: t('laborPlacement.tr.dates'), children: `${c.startsOn} ~ ${c.endsOn}` },
              { key: 'place', label: t('laborPlacement.tr.place'), children: c.place ?? '—' },
              { key: 'cap', label: t('laborPlacement.tr.enrolled'), children: `${c.enrolled} / ${c.capacity}` },
              { key: 'pass', label: t('laborPlacement.tr.passedCertified'), children: `${c.passed} / ${c.certified}` },
            ]}
          />
          {manage && !ended && (
            <Space.Compact className="gb-lp-block" style={{ width: '100%' }}>
              <div style={{ flex: 1 }}><WorkerSelect value={worker} onChange={(v) => setWorker(typeof v === 'string' ? v : null)} filter={{ status: 'unemployed' }} placeholder={t('laborPlacement.tr.enrolPick')} /></div>
              <Button
                type="primary"
                icon={<UserAddOutlined />}
                disabled={!worker}
                loading={enrol.isPending}
                onClick={() => worker && enrol.mutate({ classId: c.id, input: { workerId: worker } }, { onSuccess: () => { setWorker(null); toast.ok(t('laborPlacement.tr.enrolled_')); }, onError: toast.fail })}
              >
                {t('laborPlacement.tr.enrol')}
              </Button>
            </Space.Compact>
          )}
          <Table<Participant> size="small" rowKey="id" columns={columns} dataSource={participants.data ?? []} loading={participants.isFetching} pagination={false} scroll={{ x: 760 }} />
          {manage && <CertificateModal p={cert} onClose={() => setCert(null)} />}
        </>
      )}
    </Drawer>
  );
}

function ClassesTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const occupationName = useOccupationName();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const [currentId, setCurrent] = useState<string | null>(null);
  const [formTarget, setFormTarget] = useState<FormTarget<TrainingClass>>(null);
  const list = useClasses({ q: q || undefined, page, pageSize });
  const current = list.data?.items.find((c) => c.id === currentId) ?? null;
  const today = dayjs().format('YYYY-MM-DD');
  const columns: ColumnsType<TrainingClass> = [
    { title: t('laborPlacement.tr.classTitle'), dataIndex: 'title', render: (v: string, c) => <a onClick={() => setCurrent(c.id)} data-testid="class-open">{v}</a> },
    { title: t('laborPlacement.tr.occupation'), key: 'occ', width: 160, render: (_, c) => occupationName(c.occupationCode, c.occupationName) },
    { title: t('laborPlacement.tr.provider'), dataIndex: 'providerName', width: 180, ellipsis: true },
    { title: t('laborPlacement.tr.dates'), key: 'dates', width: 210, render: (_, c) => <span>{c.startsOn} ~ {c.endsOn} {c.startsOn <= today && c.endsOn >= today ? <Tag color="blue">{t('laborPlacement.tr.running')}</Tag> : c.endsOn < today ? <Tag>{t('laborPlacement.tr.ended')}</Tag> : <Tag color="gold">{t('laborPlacement.tr.upcoming')}</Tag>}</span> },
    { title: t('laborPlacement.tr.enrolled'), key: 'en', width: 90, render: (_, c) => `${c.enrolled}/${c.capacity}` },
    { title: t('laborPlacement.tr.passedCertified'), key: 'pc', width: 110, render: (_, c) => `${c.passed}/${c.certified}` },
  ];
  return (
    <>
      <div className="gb-toolbar">
        <Input.Search className="gb-toolbar__search" allowClear placeholder={t('laborPlacement.tr.searchClass')} onSearch={(v) => { setQ(v.trim()); setPage(1); }} />
        <span style={{ flex: 1 }} />
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget('new')}>{t('laborPlacement.tr.newClass')}</Button>}
      </div>
      <PagedTable<TrainingClass> query={list} page={page} pageSize={pageSize} onPage={(p, s) => { setPage(p); setPageSize(s); }} filtered={!!q} columns={columns} scroll={{ x: 900 }} onRow={(c) => ({ onDoubleClick: () => setCurrent(c.id) })} data-testid="classes-table" />
      <ClassDrawer c={current} onClose={() => setCurrent(null)} onEdit={() => setFormTarget(current)} manage={manage} />
      {manage && <ClassForm target={formTarget} onClose={() => setFormTarget(null)} />}
    </>
  );
}

// ---- workshops -----------------------------------------------------------------------------------------------
function WorkshopForm({ target, onClose }: { target: FormTarget<Workshop>; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSaveWorkshop();
  const saved = useSaved(form, target, onClose, ['laborPlacement.tr.workshopCreated', 'laborPlacement.tr.workshopUpdated']);
  const w = editedOf(target);
  // A workshop of an enterprise on the platform keeps it while its name is kept.
  const enterprise = (name?: string) => (w?.enterpriseOrgId && name === w.enterpriseName ? { enterpriseOrgId: w.enterpriseOrgId } : { enterpriseOrgId: null, enterpriseName: name || null });
  return (
    <TrainingDrawer target={target} onClose={onClose} form={form} titles={['laborPlacement.tr.newWorkshop', 'laborPlacement.tr.editWorkshop']} saving={save.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={w ? { name: w.name, enterpriseName: w.enterpriseName || undefined, regionCode: w.regionCode, address: w.address, products: w.products, recognisedOn: w.recognisedOn ? dayjs(w.recognisedOn) : undefined } : undefined}
        onFinish={(v: { name: string; enterpriseName?: string; regionCode: string; address?: string; products?: string; recognisedOn?: Dayjs }) =>
          save.mutate(
            { id: w?.id, input: { name: v.name, ...enterprise(v.enterpriseName), regionCode: v.regionCode, address: v.address || null, products: v.products || null, recognisedOn: day(v.recognisedOn) ?? null } },
            saved,
          )
        }
      >
        <Form.Item name="name" label={t('laborPlacement.tr.workshopName')} rules={required(t, t('laborPlacement.tr.workshopName'))}><Input maxLength={80} /></Form.Item>
        <Form.Item name="enterpriseName" label={t('laborPlacement.tr.enterprise')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="regionCode" label={t('laborPlacement.tr.region')} rules={required(t, t('laborPlacement.tr.region'))}><RegionPicker /></Form.Item>
        <Form.Item name="address" label={t('laborPlacement.tr.address')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="products" label={t('laborPlacement.tr.products')}><Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} /></Form.Item>
        <Form.Item name="recognisedOn" label={t('laborPlacement.tr.recognisedOn')}><DatePicker /></Form.Item>
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
    <Modal open={!!target} title={target ? t('laborPlacement.tr.leaveTitle', { name: target.w.workerNameMasked }) : ''} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={leave.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v: { reason: string; status?: string }) =>
          target &&
          leave.mutate(
            { id: target.workshopId, workerId: target.w.workerId, input: { reason: v.reason, status: (v.status as never) || undefined } },
            { onSuccess: () => { toast.ok(t('laborPlacement.tr.left')); onClose(); }, onError: toast.fail },
          )
        }
      >
        <Form.Item name="reason" label={t('laborPlacement.tr.leaveReason')} rules={required(t, t('laborPlacement.tr.leaveReason'))}><Input maxLength={200} /></Form.Item>
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
  const [worker, setWorker] = useState<string | null>(null);
  const [leaving, setLeaving] = useState<WorkshopWorkerRow | null>(null);
  const d = detail.data;
  const columns: ColumnsType<WorkshopWorkerRow> = [
    { title: t('laborPlacement.fu.worker'), key: 'w', render: (_, x) => <Link to={`/labor/workers/${x.workerId}`}>{x.workerNameMasked}</Link> },
    { title: t('laborPlacement.tr.joinedOn'), dataIndex: 'joinedOn', width: 110 },
    { title: t('laborPlacement.tr.leftOn'), key: 'left', render: (_, x) => (x.leftOn ? <span>{x.leftOn} <span className="gb-muted">{x.leaveReason}</span></span> : <Tag color="green">{t('laborPlacement.tr.working')}</Tag>) },
    ...(manage ? [{ title: '', key: 'act', width: 90, render: (_: unknown, x: WorkshopWorkerRow) => (!x.leftOn ? <Button size="small" onClick={() => setLeaving(x)}>{t('laborPlacement.tr.leave')}</Button> : null) }] : []),
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
            <Space.Compact className="gb-lp-block" style={{ width: '100%' }}>
              <div style={{ flex: 1 }}><WorkerSelect value={worker} onChange={(v) => setWorker(typeof v === 'string' ? v : null)} filter={{ status: 'unemployed' }} placeholder={t('laborPlacement.tr.joinPick')} /></div>
              <Button type="primary" icon={<UserAddOutlined />} disabled={!worker} loading={join.isPending} onClick={() => worker && join.mutate({ id: w.id, input: { workerId: worker } }, { onSuccess: () => { setWorker(null); toast.ok(t('laborPlacement.tr.joined')); }, onError: toast.fail })}>
                {t('laborPlacement.tr.join')}
              </Button>
            </Space.Compact>
          )}
          <Table<WorkshopWorkerRow> size="small" rowKey="id" columns={columns} dataSource={d?.workers ?? []} loading={detail.isFetching} pagination={false} />
          <LeaveModal target={leaving ? { workshopId: w.id, w: leaving } : null} onClose={() => setLeaving(null)} />
        </>
      )}
    </Drawer>
  );
}

function WorkshopsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [currentId, setCurrent] = useState<string | null>(null);
  const [formTarget, setFormTarget] = useState<FormTarget<Workshop>>(null);
  const list = useWorkshops({ page, pageSize });
  const current = list.data?.items.find((w) => w.id === currentId) ?? null;
  const columns: ColumnsType<Workshop> = [
    { title: t('laborPlacement.tr.workshopName'), dataIndex: 'name', render: (v: string, w) => <a onClick={() => setCurrent(w.id)}>{v}</a> },
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
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget('new')}>{t('laborPlacement.tr.newWorkshop')}</Button>}
      </div>
      <PagedTable<Workshop> query={list} page={page} pageSize={pageSize} onPage={(p, s) => { setPage(p); setPageSize(s); }} filtered={false} columns={columns} scroll={{ x: 800 }} data-testid="workshops-table" />
      <WorkshopDrawer w={current} onClose={() => setCurrent(null)} onEdit={() => setFormTarget(current)} manage={manage} />
      {manage && <WorkshopForm target={formTarget} onClose={() => setFormTarget(null)} />}
    </>
  );
}

// ---- public-welfare posts ------------------------------------------------------------------------------------
function WelfarePostForm({ target, onClose }: { target: FormTarget<WelfarePost>; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const save = useSaveWelfarePost();
  const saved = useSaved(form, target, onClose, ['laborPlacement.tr.postCreated', 'laborPlacement.tr.postUpdated']);
  const p = editedOf(target);
  return (
    <TrainingDrawer target={target} onClose={onClose} form={form} titles={['laborPlacement.tr.newPost', 'laborPlacement.tr.editPost']} saving={save.isPending}>
      <Form
        form={form}
        layout="vertical"
        initialValues={
          p
            ? { postName: p.postName, unitName: p.unitName, regionCode: p.regionCode, fundingSource: p.fundingSource, term: [dayjs(p.termFrom), dayjs(p.termTo)], monthlySubsidy: p.monthlySubsidy, holderWorkerId: p.holderWorkerId, note: p.note }
            : { fundingSource: t('laborPlacement.tr.fundingDefault'), monthlySubsidy: 800 }
        }
        onFinish={(v: { postName: string; unitName?: string; regionCode: string; fundingSource: string; holderWorkerId?: string | null; term: [Dayjs, Dayjs]; monthlySubsidy: number; note?: string }) =>
          save.mutate(
            { id: p?.id, input: { postName: v.postName, unitName: v.unitName || null, regionCode: v.regionCode, fundingSource: v.fundingSource, holderWorkerId: v.holderWorkerId || null, termFrom: day(v.term[0])!, termTo: day(v.term[1])!, monthlySubsidy: v.monthlySubsidy, note: v.note || null } },
            saved,
          )
        }
      >
        <Form.Item name="postName" label={t('laborPlacement.tr.postName')} rules={required(t, t('laborPlacement.tr.postName'))}><Input maxLength={80} placeholder={t('laborPlacement.tr.postNameHint')} /></Form.Item>
        <Form.Item name="unitName" label={t('laborPlacement.tr.unit')}><Input maxLength={100} /></Form.Item>
        <Form.Item name="regionCode" label={t('laborPlacement.tr.region')} rules={required(t, t('laborPlacement.tr.region'))}><RegionPicker /></Form.Item>
        <Form.Item name="fundingSource" label={t('laborPlacement.tr.funding')} rules={required(t, t('laborPlacement.tr.funding'))}><Input maxLength={80} /></Form.Item>
        <Form.Item name="term" label={t('laborPlacement.tr.term')} rules={required(t, t('laborPlacement.tr.term'))}><DatePicker.RangePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="monthlySubsidy" label={t('laborPlacement.tr.subsidy')} rules={required(t, t('laborPlacement.tr.subsidy'))}><InputNumber min={0} max={100000} suffix={t('labor.yuanPerMonth')} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="holderWorkerId" label={t('laborPlacement.tr.holder')}><WorkerSelect known={p?.holderWorkerId ? { value: p.holderWorkerId, label: p.holderNameMasked ?? '' } : undefined} /></Form.Item>
        <Form.Item name="note" label={t('laborPlacement.tr.note')}><Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} /></Form.Item>
      </Form>
    </TrainingDrawer>
  );
}

function WelfarePostsTab({ manage }: { manage: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [current, setCurrent] = useState<'true' | 'false' | undefined>();
  const [formTarget, setFormTarget] = useState<FormTarget<WelfarePost>>(null);
  const list = useWelfarePosts({ current, page, pageSize });
  const columns: ColumnsType<WelfarePost> = [
    { title: t('laborPlacement.tr.postName'), dataIndex: 'postName', render: (v: string, p) => <div>{v}<div className="gb-muted">{p.unitName ?? '—'}</div></div> },
    { title: t('laborPlacement.tr.region'), key: 'reg', width: 150, render: (_, p) => p.regionName ?? p.regionCode },
    { title: t('laborPlacement.tr.funding'), dataIndex: 'fundingSource', width: 150 },
    { title: t('laborPlacement.tr.holder'), key: 'holder', width: 110, render: (_, p) => (p.holderWorkerId ? <Link to={`/labor/workers/${p.holderWorkerId}`}>{p.holderNameMasked}</Link> : <span className="gb-muted">{t('laborPlacement.tr.vacant')}</span>) },
    { title: t('laborPlacement.tr.term'), key: 'term', width: 230, render: (_, p) => <span>{p.termFrom} ~ {p.termTo} {p.current ? <Tag color="green">{t('laborPlacement.tr.current')}</Tag> : <Tag>{t('laborPlacement.tr.notCurrent')}</Tag>}</span> },
    { title: t('laborPlacement.tr.subsidy'), dataIndex: 'monthlySubsidy', width: 120, align: 'right', render: (n: number) => `${n.toLocaleString()} ${t('labor.yuan')}` },
    ...(manage ? [{ title: '', key: 'act', width: 90, render: (_: unknown, p: WelfarePost) => <EditButton onClick={() => setFormTarget(p)} /> }] : []),
  ];
  return (
    <>
      <div className="gb-toolbar">
        <Select className="gb-toolbar__select" allowClear placeholder={t('laborPlacement.tr.termFilter')} value={current} onChange={(v: 'true' | 'false' | undefined) => { setCurrent(v); setPage(1); }} options={[{ value: 'true', label: t('laborPlacement.tr.current') }, { value: 'false', label: t('laborPlacement.tr.notCurrent') }]} />
        <span style={{ flex: 1 }} />
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget('new')}>{t('laborPlacement.tr.newPost')}</Button>}
      </div>
      <PagedTable<WelfarePost> query={list} page={page} pageSize={pageSize} onPage={(p, s) => { setPage(p); setPageSize(s); }} filtered={!!current} columns={columns} scroll={{ x: 900 }} data-testid="welfare-table" />
      {manage && <WelfarePostForm target={formTarget} onClose={() => setFormTarget(null)} />}
    </>
  );
}

/** 技能培训, 就业帮扶车间 and 公益性岗位 of the own bureau, one tab each. */
export default function TrainingPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const manage = can(me, 'labor.manage');
  const [tab, setTab] = useState('classes');
  return (
    <div data-testid="labor-training-page">
      <PageHeader title={t('laborPlacement.tr.title')} subtitle={t('laborPlacement.tr.subtitle')} />
      <div className="gb-panel">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'classes', label: t('laborPlacement.tr.classes'), children: <ClassesTab manage={manage} /> },
            { key: 'workshops', label: t('laborPlacement.tr.workshops'), children: <WorkshopsTab manage={manage} /> },
            { key: 'posts', label: t('laborPlacement.tr.posts'), children: <WelfarePostsTab manage={manage} /> },
          ]}
        />
      </div>
    </div>
  );
}
