import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { PAYMENT_KINDS, formatPercent, parsePercent, type PaymentKind } from '@gearbridge/contracts/trade/terms';
import { useTranslation } from 'react-i18next';
import type { PaymentTermInput } from './types';

export type TermValues = { kind: PaymentKind; percent: string; days: number }[];

/** Terms as the form holds them, to send: percent text trimmed, days a number. */
export const termsToSend = (v: TermValues | undefined): PaymentTermInput[] =>
  (v ?? []).map((x) => ({ kind: x.kind, percent: String(x.percent ?? '').trim(), days: Number(x.days ?? 0) }));

/**
 * The payment terms' editor of a form (field `paymentTerms`): a kind, a share and days per term, one to four, with the
 * running sum — the award dialog's and the RFQ form's (the terms the buyer wants); the server checks them alike.
 */
export function PaymentTermsFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const terms = Form.useWatch('paymentTerms', form) as TermValues | undefined;
  const sum = (terms ?? []).reduce((a, x) => a + (parsePercent(String(x?.percent ?? '')) ?? 0), 0);
  return (
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
  );
}

/** Terms, one line each (kind, share, when due). */
export function TermsList({ terms }: { terms: PaymentTermInput[] }) {
  const { t } = useTranslation();
  return (
    <ul className="gb-terms" data-testid="rfq-terms">
      {terms.map((x) => (
        <li key={x.kind}>{t('trade.payment.line', { kind: t(`trade.payment.kind.${x.kind}`), percent: x.percent, when: t(`trade.payment.when.${x.kind}`, { days: x.days }) })}</li>
      ))}
    </ul>
  );
}
