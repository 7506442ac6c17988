import { useEffect } from 'react';
import { App as AntApp, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { tradeKeys } from './api';
import { cancelRfq } from './files';
import type { Rfq } from './types';

/** The buyer cancels its RFQ before the award, with a reason; before the deadline the quotes stay sealed for ever. */
export function CancelRfqModal({ open, onClose, rfq }: { open: boolean; onClose: () => void; rfq: Rfq }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useMutation({ mutationFn: (reason: string) => cancelRfq(rfq.id, { reason }), onSuccess: () => void qc.invalidateQueries({ queryKey: tradeKeys.all }) });
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const save = async () => {
    const v = await form.validateFields();
    cancel.mutate(v.reason, {
      onSuccess: () => {
        onClose();
        void message.success(t('trade.cancel.done'));
      },
      onError: (e) => {
        if (!applyFieldErrors(form, e)) void message.error(errorText(e, t));
      },
    });
  };
  return (
    <Modal
      open={open}
      title={t('trade.cancel.title')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('trade.cancel.confirm')}
      okButtonProps={{ danger: true, loading: cancel.isPending, id: 'rfq-cancel-save' }}
    >
      <p>{rfq.status === 'open' ? t('trade.cancel.hintOpen') : t('trade.cancel.hintClosed')}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('trade.cancel.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="rfq-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
