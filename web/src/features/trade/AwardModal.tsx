import { useEffect } from 'react';
import { App as AntApp, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useAward } from './api';
import type { Quote, Rfq } from './types';

/** Award the RFQ: a quantity per quote (blank: none), whole or split; the server writes the orders in one transaction. */
export function AwardModal({ open, onClose, rfq, quotes }: { open: boolean; onClose: () => void; rfq: Rfq; quotes: Quote[] }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ quantities: Record<string, string | undefined> }>();
  const award = useAward();
  useEffect(() => {
    if (open) form.setFieldsValue({ quantities: quotes.length ? { [quotes[0].id]: rfq.quantity } : {} });
  }, [open, quotes, rfq, form]);
  const save = () => {
    const q = form.getFieldValue('quantities') as Record<string, string | undefined>;
    const awards = quotes.filter((x) => q?.[x.id]?.trim()).map((x) => ({ quoteId: x.id, quantity: String(q[x.id]).trim() }));
    award.mutate(
      { id: rfq.id, input: { awards } },
      {
        onSuccess: () => {
          message.success(t('trade.award.done'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
        },
      },
    );
  };
  return (
    <Modal open={open} onCancel={onClose} onOk={save} confirmLoading={award.isPending} title={t('trade.award.title')} okText={t('trade.award.confirm')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('trade.award.hint', { quantity: `${rfq.quantity} ${t(`trade.unit.${rfq.unit}`)}` })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        {quotes.map((x) => (
          <Form.Item key={x.id} name={['quantities', x.id]} label={x.supplierName}>
            <Input inputMode="decimal" addonAfter={t(`trade.unit.${rfq.unit}`)} data-testid={`award-${x.orgId}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
