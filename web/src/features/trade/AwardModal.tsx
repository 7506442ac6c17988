import { useEffect } from 'react';
import { App as AntApp, Divider, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { DEFAULT_ACCEPTANCE_DAYS, DEFAULT_PAYMENT_TERMS } from '@gearbridge/contracts/trade/terms';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useAward } from './api';
import { PaymentTermsFields, termsToSend, type TermValues } from './PaymentTermsFields';
import type { Quote, Rfq } from './types';

interface Values {
  quantities: Record<string, string | undefined>;
  paymentTerms: TermValues;
  acceptanceDays: number;
}

/**
 * Award the RFQ: a quantity per quote (blank: none), whole or split, and the orders' payment terms (starting from those
 * the RFQ stated, else the default 30 / 60 / 10) and acceptance period; the server writes the orders, their terms and milestones in one
 * transaction.
 */
export function AwardModal({ open, onClose, rfq, quotes }: { open: boolean; onClose: () => void; rfq: Rfq; quotes: Quote[] }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const award = useAward();
  useEffect(() => {
    if (open)
      form.setFieldsValue({
        quantities: quotes.length ? { [quotes[0].id]: rfq.quantity } : {},
        // The terms the RFQ stated, else the default 30 / 60 / 10.
        paymentTerms: (rfq.paymentTerms ?? DEFAULT_PAYMENT_TERMS).map((x) => ({ ...x })),
        acceptanceDays: DEFAULT_ACCEPTANCE_DAYS,
      });
  }, [open, quotes, rfq, form]);
  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    const q = v.quantities;
    const awards = quotes.filter((x) => q?.[x.id]?.trim()).map((x) => ({ quoteId: x.id, quantity: String(q[x.id]).trim() }));
    const paymentTerms = termsToSend(v.paymentTerms);
    award.mutate(
      { id: rfq.id, input: { awards, paymentTerms, acceptanceDays: Number(v.acceptanceDays ?? DEFAULT_ACCEPTANCE_DAYS) } },
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
        <Divider />
        <Typography.Title level={5}>{t('trade.award.terms')}</Typography.Title>
        {rfq.paymentTerms && <Typography.Paragraph type="secondary">{t('trade.payment.fromRfq')}</Typography.Paragraph>}
        <PaymentTermsFields />
        <Form.Item name="acceptanceDays" label={t('trade.payment.acceptanceDays')}>
          <InputNumber min={0} max={180} precision={0} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('trade.payment.rule')}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}
