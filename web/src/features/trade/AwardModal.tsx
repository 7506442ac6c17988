import { useEffect } from 'react';
import { App as AntApp, Button, Divider, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DEFAULT_ACCEPTANCE_DAYS, DEFAULT_PAYMENT_TERMS, PAYMENT_KINDS, formatPercent, parsePercent, type PaymentKind } from '@gearbridge/contracts/trade/terms';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useAward } from './api';
import type { Quote, Rfq } from './types';

interface Values {
  quantities: Record<string, string | undefined>;
  paymentTerms: { kind: PaymentKind; percent: string; days: number }[];
  acceptanceDays: number;
}

/**
 * Award the RFQ: a quantity per quote (blank: none), whole or split, and the orders' payment terms (starting from the
 * default 30 / 60 / 10) and acceptance period; the server writes the orders, their terms and milestones in one
 * transaction.
 */
export function AwardModal({ open, onClose, rfq, quotes }: { open: boolean; onClose: () => void; rfq: Rfq; quotes: Quote[] }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const terms = Form.useWatch('paymentTerms', form) as Values['paymentTerms'] | undefined;
  const sum = (terms ?? []).reduce((a, x) => a + (parsePercent(String(x?.percent ?? '')) ?? 0), 0);
  const award = useAward();
  useEffect(() => {
    if (open)
      form.setFieldsValue({
        quantities: quotes.length ? { [quotes[0].id]: rfq.quantity } : {},
        paymentTerms: DEFAULT_PAYMENT_TERMS.map((x) => ({ ...x })),
        acceptanceDays: DEFAULT_ACCEPTANCE_DAYS,
      });
  }, [open, quotes, rfq, form]);
  const save = () => {
    const v = form.getFieldsValue(true) as Values;
    const q = v.quantities;
    const awards = quotes.filter((x) => q?.[x.id]?.trim()).map((x) => ({ quoteId: x.id, quantity: String(q[x.id]).trim() }));
    const paymentTerms = (v.paymentTerms ?? []).map((x) => ({ kind: x.kind, percent: String(x.percent ?? '').trim(), days: Number(x.days ?? 0) }));
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
        <Form.List name="paymentTerms">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" size={6} wrap>
                  <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                    <Select style={{ width: 116 }} options={PAYMENT_KINDS.map((k) => ({ value: k, label: t(`trade.payment.kind.${k}`) }))} data-testid="term-kind" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'percent']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                    <Input inputMode="decimal" style={{ width: 92 }} addonAfter="%" data-testid="term-percent" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'days']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                    <InputNumber min={0} max={1095} precision={0} style={{ width: 116 }} addonAfter={t('trade.payment.daysUnit')} aria-label={t('trade.payment.days')} />
                  </Form.Item>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1} aria-label="-" />
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Space wrap style={{ marginBottom: 8 }}>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: PAYMENT_KINDS.find((k) => !(terms ?? []).some((x) => x?.kind === k)) ?? 'advance', percent: '', days: 0 })}
                  disabled={fields.length >= 4}
                >
                  {t('trade.payment.add')}
                </Button>
                <Typography.Text type={sum === 10_000 ? 'success' : 'danger'} data-testid="terms-sum">
                  {t('trade.payment.sum', { total: formatPercent(sum) })}
                </Typography.Text>
              </Space>
            </>
          )}
        </Form.List>
        <Form.Item name="acceptanceDays" label={t('trade.payment.acceptanceDays')}>
          <InputNumber min={0} max={180} precision={0} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('trade.payment.rule')}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}
