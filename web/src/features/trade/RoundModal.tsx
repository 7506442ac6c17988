import { useEffect } from 'react';
import { App as AntApp, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useRequestRound } from './api';
import type { Quote, Rfq } from './types';

interface Values {
  deadline: Dayjs;
  supplierOrgIds: string[];
  note?: string;
}

/** The buyer asks suppliers that quoted for a revision round: every quote is sealed again until its new deadline. */
export function RoundModal({ open, onClose, rfq, quotes }: { open: boolean; onClose: () => void; rfq: Rfq; quotes: Quote[] }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const round = useRequestRound();
  useEffect(() => {
    if (open) form.setFieldsValue({ deadline: dayjs().add(2, 'day').startOf('hour'), supplierOrgIds: quotes.map((q) => q.orgId), note: undefined });
  }, [open, quotes, form]);
  const save = async () => {
    const v = await form.validateFields();
    round.mutate(
      { id: rfq.id, input: { deadline: v.deadline.toISOString(), supplierOrgIds: v.supplierOrgIds, note: v.note || null } },
      {
        onSuccess: () => {
          onClose();
          void message.success(t('trade.round.done'));
        },
        onError: (e) => {
          if (!applyFieldErrors(form, e)) void message.error(errorText(e, t));
        },
      },
    );
  };
  return (
    <Modal open={open} title={t('trade.round.title')} onCancel={onClose} onOk={() => void save()} okButtonProps={{ loading: round.isPending, id: 'round-save' }}>
      <p>{t('trade.round.hint')}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="supplierOrgIds" label={t('trade.round.suppliers')} rules={[{ required: true }]}>
          <Checkbox.Group options={quotes.map((q) => ({ value: q.orgId, label: q.supplierName }))} />
        </Form.Item>
        <Form.Item name="deadline" label={t('trade.round.deadline')} rules={[{ required: true }]}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('trade.round.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
