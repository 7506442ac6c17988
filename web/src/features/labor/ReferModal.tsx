import { useEffect, useState } from 'react';
import { App as AntApp, Form, Input, Modal, Select, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmployerViewNotice } from './EmployerViewNotice';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useCreateReferral, usePostings, useWorkers } from './api';
import { wageRange } from './labels';
import { useOccupationName } from './occupations';
import type { Posting, Worker } from './types';
import { useDebounced } from './useDebounced';

interface Values {
  subjectId?: string;
  note?: string;
}

/**
 * Refers a worker to a posting: from a worker's page (pick an open posting) or from a posting's page (pick one of
 * the bureau's workers; those with the posting's occupation as a skill or a wish come first). The ranked matching
 * engine's recommendations will replace the plain lists once its endpoints exist.
 */
export function ReferModal({ open, onClose, worker, posting }: { open: boolean; onClose: () => void; worker?: Worker; posting?: Posting }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const occupationName = useOccupationName();
  const [form] = Form.useForm<Values>();
  const create = useCreateReferral();
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const postings = usePostings({ active: 'true', q: q || undefined, page: 1, pageSize: 50 }, open && !!worker);
  const workers = useWorkers({ source: 'own', occupation: q ? undefined : posting?.occupationCode, q: q || undefined, page: 1, pageSize: 50 }, open && !!posting);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const subjectId = Form.useWatch('subjectId', form);
  const chosenPosting = posting ?? postings.data?.items.find((p) => p.id === subjectId);
  const chosenWorker = worker ?? workers.data?.items.find((w) => w.id === subjectId);
  // A partner region's posting (it came by a share): the employer is across the partnership.
  const acrossRegions = chosenPosting?.access === 'partner' && chosenWorker ? { worker: chosenWorker, posting: chosenPosting } : null;

  const options = worker
    ? (postings.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.title} · ${p.orgName} · ${wageRange(p.wageMin, p.wageMax)} ${t('labor.yuan')} · ${t('labor.posting.openOf', { open: p.openHeadcount, total: p.headcount })}`,
      }))
    : (workers.data?.items ?? []).map((w) => ({
        value: w.id,
        label: `${w.nameMasked} · ${t(`labor.gender.${w.gender}`)} ${t('labor.worker.ageValue', { age: w.age })} · ${t(`labor.status.${w.status}`)} · ${w.skills.map((s) => occupationName(s.code, s.name)).join('、') || '—'}`,
      }));
  const loading = worker ? postings.isFetching : workers.isFetching;

  const submit = (v: Values) =>
    create.mutate(
      { workerId: worker ? worker.id : v.subjectId!, postingId: posting ? posting.id : v.subjectId!, note: v.note?.trim() || null },
      {
        onSuccess: () => {
          message.success(t('labor.referral.created'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
        },
      },
    );

  const field = worker ? t('labor.referral.posting') : t('labor.referral.worker');
  return (
    <Modal
      open={open}
      title={worker ? t('labor.referral.referWorker', { name: worker.nameMasked }) : t('labor.referral.referTo', { title: posting?.title ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('labor.referral.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} className="gb-modal-form" data-testid="refer-form">
        <Form.Item
          name="subjectId"
          label={field}
          rules={[{ required: true, message: t('common.requiredSelect', { field }) }]}
          extra={worker ? t('labor.referral.postingHint') : t('labor.referral.workerHint')}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setInput }}
            options={options}
            notFoundContent={loading ? <Spin size="small" /> : t('common.empty')}
            placeholder={worker ? t('labor.referral.postingPlaceholder') : t('labor.referral.workerPlaceholder')}
            popupMatchSelectWidth={false}
            styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
          />
        </Form.Item>
        <Form.Item name="note" label={t('labor.referral.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        {acrossRegions && <EmployerViewNotice {...acrossRegions} />}
      </Form>
    </Modal>
  );
}
