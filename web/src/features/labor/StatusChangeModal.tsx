import { useEffect } from 'react';
import { App as AntApp, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useChangeStatus } from './api';
import { WORKER_STATUSES } from './labels';
import type { Worker, WorkerStatus } from './types';

interface Values {
  status?: WorkerStatus;
  effectiveOn?: Dayjs;
  reason?: string;
}

/** Records an employment status change with its date and reason; it is appended to the worker's history. */
export function StatusChangeModal({ worker, open, onClose, latest }: { worker: Worker; open: boolean; onClose: () => void; latest: string | null }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeStatus();
  useEffect(() => {
    if (open) form.setFieldsValue({ status: undefined, effectiveOn: dayjs(), reason: '' });
  }, [open, form]);

  const submit = (v: Values) =>
    change.mutate(
      { id: worker.id, change: { status: v.status!, effectiveOn: v.effectiveOn?.format('YYYY-MM-DD'), reason: (v.reason ?? '').trim() } },
      {
        onSuccess: () => {
          message.success(t('labor.statusChange.done'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('labor.statusChange.title', { name: worker.nameMasked })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('labor.statusChange.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'status-change-submit' }}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} className="gb-modal-form" data-testid="status-change-form">
        <Form.Item label={t('labor.statusChange.from')}>
          <span>{t(`labor.status.${worker.status}`)}</span>
          <span className="gb-muted"> · {t('labor.worker.sinceDate', { date: worker.statusSince })}</span>
        </Form.Item>
        <Form.Item name="status" label={t('labor.statusChange.to')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('labor.statusChange.to') }) }]}>
          <Select
            data-testid="status-change-to"
            options={WORKER_STATUSES.map((s) => ({ value: s, label: t(`labor.status.${s}`), disabled: s === worker.status }))}
            placeholder={t('labor.statusChange.toPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="effectiveOn"
          label={t('labor.statusChange.effectiveOn')}
          extra={latest ? t('labor.statusChange.notBefore', { date: latest }) : undefined}
          rules={[{ required: true }]}
        >
          <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!latest && d.isBefore(dayjs(latest), 'day'))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('labor.statusChange.reason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('labor.statusChange.reason') }) }, { max: 200 }]}
        >
          <Input.TextArea
            maxLength={200}
            showCount
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('labor.statusChange.reasonPlaceholder')}
            data-testid="status-change-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
