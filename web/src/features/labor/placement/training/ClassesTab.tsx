import { useState } from 'react';
import { Link } from 'react-router-dom';
import { AutoComplete, Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../../api/errors';
import { PagedTable } from '../../../admin/common/PagedTable';
import { usePhone } from '../../../shell/useViewport';
import { SKILL_LEVELS } from '../../labels';
import { OccupationPicker, useOccupationName } from '../../occupations';
import { StatusTag } from '../../parts';
import { useCertify, useClasses, useComplete, useEnrol, useParticipants, useProviders, useSaveClass } from '../api';
import type { Participant, ParticipantStatus, TrainingClass } from '../types';
import { AddWorkerBar } from './AddWorkerBar';
import { day, required, useToast, type FormTarget, editedOf, TrainingDrawer, useSaved, EditButton } from './TrainingForm';

const PARTICIPANT_COLORS: Record<ParticipantStatus, string> = { enrolled: 'blue', passed: 'green', failed: 'red', dropped: 'default' };

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
      {
        id: c?.id,
        input: {
          title: v.title,
          occupationCode: v.occupationCode,
          providerOrgId: p?.orgId ?? null,
          providerName: p?.orgId ? null : v.provider?.trim() || null,
          startsOn: day(v.dates[0])!,
          endsOn: day(v.dates[1])!,
          place: v.place || null,
          capacity: v.capacity,
          note: v.note || null,
        },
      },
      saved,
    );
  };
  const initial = c
    ? {
        title: c.title,
        occupationCode: c.occupationCode,
        provider: c.providerName || undefined,
        dates: [dayjs(c.startsOn), dayjs(c.endsOn)],
        place: c.place,
        capacity: c.capacity,
        note: c.note,
      }
    : { capacity: 30 };
  return (
    <TrainingDrawer target={target} onClose={onClose} form={form} titles={['laborPlacement.tr.newClass', 'laborPlacement.tr.editClass']} saving={save.isPending}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item name="title" label={t('laborPlacement.tr.classTitle')} rules={required(t, t('laborPlacement.tr.classTitle'))}>
          <Input maxLength={80} placeholder={t('laborPlacement.tr.classTitleHint')} />
        </Form.Item>
        <Form.Item name="occupationCode" label={t('laborPlacement.tr.occupation')} rules={required(t, t('laborPlacement.tr.occupation'))}>
          <OccupationPicker />
        </Form.Item>
        <Form.Item name="provider" label={t('laborPlacement.tr.provider')} extra={t('laborPlacement.tr.providerHint')}>
          <AutoComplete options={(providers.data ?? []).map((p) => ({ value: p.name }))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
        </Form.Item>
        <Form.Item name="dates" label={t('laborPlacement.tr.dates')} rules={required(t, t('laborPlacement.tr.dates'))}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('laborPlacement.tr.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="capacity" label={t('laborPlacement.tr.capacity')} rules={required(t, t('laborPlacement.tr.capacity'))}>
          <InputNumber min={1} max={1000} />
        </Form.Item>
        <Form.Item name="note" label={t('laborPlacement.tr.note')}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2 }} />
        </Form.Item>
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
    <Modal
      open={!!p}
      title={p ? t('laborPlacement.tr.certTitle', { name: p.workerNameMasked }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={certify.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: p?.classTitle ? t('laborPlacement.tr.certDefault', { title: p.classTitle }) : '', issuedOn: dayjs() }}
        onFinish={(v: { name: string; number: string; issuedOn: Dayjs; level?: string }) =>
          p &&
          certify.mutate(
            { id: p.id, input: { name: v.name, number: v.number, issuedOn: day(v.issuedOn)!, level: (v.level as never) ?? null } },
            {
              onSuccess: () => {
                toast.ok(t('laborPlacement.tr.certified'));
                onClose();
              },
              onError: (err) => {
                if (!applyFieldErrors(form, err)) toast.fail(err);
              },
            },
          )
        }
      >
        <Form.Item name="name" label={t('laborPlacement.tr.certName')} rules={required(t, t('laborPlacement.tr.certName'))}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="number" label={t('laborPlacement.tr.certNumber')} rules={required(t, t('laborPlacement.tr.certNumber'))} extra={t('laborPlacement.tr.certNumberHint')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="issuedOn" label={t('laborPlacement.tr.issuedOn')} rules={required(t, t('laborPlacement.tr.issuedOn'))}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="level" label={t('laborPlacement.tr.level')}>
          <Select allowClear options={SKILL_LEVELS.map((l) => ({ value: l, label: t(`labor.level.${l}`) }))} />
        </Form.Item>
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
  const [cert, setCert] = useState<Participant | null>(null);
  const ended = !!c && c.endsOn < dayjs().format('YYYY-MM-DD');
  const finish = (p: Participant, result: 'passed' | 'failed' | 'dropped') =>
    complete.mutateAsync({ id: p.id, input: { result } }).then(() => toast.ok(t(`laborPlacement.tr.result.${result}`)), toast.fail);

  const columns: ColumnsType<Participant> = [
    {
      title: t('laborPlacement.fu.worker'),
      key: 'w',
      render: (_, p) => (
        <span>
          <Link to={`/labor/workers/${p.workerId}`}>{p.workerNameMasked}</Link> <StatusTag status={p.workerStatus} />
        </span>
      ),
    },
    { title: t('laborPlacement.tr.enrolledOn'), dataIndex: 'enrolledOn', width: 110 },
    {
      title: t('laborPlacement.tr.pStatus'),
      key: 's',
      width: 110,
      render: (_, p) => <Tag color={PARTICIPANT_COLORS[p.status]}>{t(`laborPlacement.participant.${p.status}`)}</Tag>,
    },
    {
      title: t('laborPlacement.tr.certificate'),
      key: 'cert',
      render: (_, p) =>
        p.certificate ? (
          <span>
            <SafetyCertificateOutlined className="gb-labor-cert-icon" /> {p.certificate.name} <span className="gb-muted gb-mono">{p.certificate.number}</span>
          </span>
        ) : manage && p.status === 'passed' ? (
          <Button size="small" onClick={() => setCert(p)}>
            {t('laborPlacement.tr.addCert')}
          </Button>
        ) : (
          <span className="gb-muted">—</span>
        ),
    },
    ...(manage
      ? [
          {
            title: '',
            key: 'act',
            width: 200,
            render: (_: unknown, p: Participant) =>
              p.status === 'enrolled' ? (
                <Space size={4} wrap>
                  <Popconfirm title={t('laborPlacement.tr.passConfirm')} onConfirm={() => finish(p, 'passed')} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                    <Button size="small" type="primary">
                      {t('laborPlacement.participant.passed')}
                    </Button>
                  </Popconfirm>
                  <Popconfirm title={t('laborPlacement.tr.failConfirm')} onConfirm={() => finish(p, 'failed')} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                    <Button size="small">{t('laborPlacement.participant.failed')}</Button>
                  </Popconfirm>
                  <Popconfirm title={t('laborPlacement.tr.dropConfirm')} onConfirm={() => finish(p, 'dropped')} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                    <Button size="small" type="text" danger>
                      {t('laborPlacement.participant.dropped')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : null,
          },
        ]
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
            <AddWorkerBar
              placeholder={t('laborPlacement.tr.enrolPick')}
              label={t('laborPlacement.tr.enrol')}
              pending={enrol.isPending}
              add={(workerId, added) =>
                enrol.mutate(
                  { classId: c.id, input: { workerId } },
                  {
                    onSuccess: () => {
                      added();
                      toast.ok(t('laborPlacement.tr.enrolled_'));
                    },
                    onError: toast.fail,
                  },
                )
              }
            />
          )}
          <Table<Participant>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={participants.data ?? []}
            loading={participants.isFetching}
            pagination={false}
            scroll={{ x: 760 }}
          />
          {manage && <CertificateModal p={cert} onClose={() => setCert(null)} />}
        </>
      )}
    </Drawer>
  );
}

/** 技能培训: the bureau's training classes, a class's participants and certificates. */
export function ClassesTab({ manage }: { manage: boolean }) {
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
    {
      title: t('laborPlacement.tr.classTitle'),
      dataIndex: 'title',
      render: (v: string, c) => (
        <Button type="link" className="gb-cell-link" autoInsertSpace={false} onClick={() => setCurrent(c.id)} data-testid="class-open">
          {v}
        </Button>
      ),
    },
    { title: t('laborPlacement.tr.occupation'), key: 'occ', width: 160, render: (_, c) => occupationName(c.occupationCode, c.occupationName) },
    { title: t('laborPlacement.tr.provider'), dataIndex: 'providerName', width: 180, ellipsis: true },
    {
      title: t('laborPlacement.tr.dates'),
      key: 'dates',
      width: 210,
      render: (_, c) => (
        <span>
          {c.startsOn} ~ {c.endsOn}{' '}
          {c.startsOn <= today && c.endsOn >= today ? (
            <Tag color="blue">{t('laborPlacement.tr.running')}</Tag>
          ) : c.endsOn < today ? (
            <Tag>{t('laborPlacement.tr.ended')}</Tag>
          ) : (
            <Tag color="gold">{t('laborPlacement.tr.upcoming')}</Tag>
          )}
        </span>
      ),
    },
    { title: t('laborPlacement.tr.enrolled'), key: 'en', width: 90, render: (_, c) => `${c.enrolled}/${c.capacity}` },
    { title: t('laborPlacement.tr.passedCertified'), key: 'pc', width: 110, render: (_, c) => `${c.passed}/${c.certified}` },
  ];
  return (
    <>
      <div className="gb-toolbar">
        <Input.Search
          className="gb-toolbar__search"
          allowClear
          placeholder={t('laborPlacement.tr.searchClass')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        <span style={{ flex: 1 }} />
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget('new')}>
            {t('laborPlacement.tr.newClass')}
          </Button>
        )}
      </div>
      <PagedTable<TrainingClass>
        query={list}
        page={page}
        pageSize={pageSize}
        onPage={(p, s) => {
          setPage(p);
          setPageSize(s);
        }}
        filtered={!!q}
        columns={columns}
        scroll={{ x: 900 }}
        onRow={(c) => ({ onDoubleClick: () => setCurrent(c.id) })}
        data-testid="classes-table"
      />
      <ClassDrawer c={current} onClose={() => setCurrent(null)} onEdit={() => setFormTarget(current)} manage={manage} />
      {manage && <ClassForm target={formTarget} onClose={() => setFormTarget(null)} />}
    </>
  );
}
