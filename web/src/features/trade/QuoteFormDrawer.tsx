import { useEffect } from 'react';
import { Button, DatePicker, Divider, Form, Input, InputNumber, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { useSubmitQuote } from './api';
import type { Quote, Rfq } from './types';

interface Values {
  tiers: { minQuantity: string; unitPrice: string }[];
  leadTimeDays: number;
  validUntil: Dayjs;
  note?: string;
}

/** The own organisation's quote on an RFQ: price tiers by quantity (元 as typed, exact), lead time, validity. */
export function QuoteFormDrawer({ open, onClose, rfq, mine }: { open: boolean; onClose: () => void; rfq: Rfq; mine?: Quote }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const submit = useSubmitQuote();
  const outcome = useSaveOutcome(form, onClose);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      mine
        ? { tiers: mine.tiers, leadTimeDays: mine.leadTimeDays, validUntil: dayjs(mine.validUntil), note: mine.note ?? undefined }
        : { tiers: [{ minQuantity: '0', unitPrice: '' }], leadTimeDays: 7, validUntil: dayjs(rfq.deadline).add(30, 'day') },
    );
  }, [open, mine, rfq, form]);
  const save = async () => {
    const v = await form.validateFields();
    submit.mutate(
      {
        id: rfq.id,
        input: {
          tiers: v.tiers.map((x) => ({ minQuantity: String(x.minQuantity).trim(), unitPrice: String(x.unitPrice).trim() })),
          leadTimeDays: v.leadTimeDays,
          validUntil: v.validUntil.format('YYYY-MM-DD'),
          note: v.note || null,
        },
      },
      { onSuccess: () => outcome.saved(t('trade.quote.saved')), onError: outcome.failed },
    );
  };
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={mine ? t('trade.quote.revise') : t('trade.quote.submit')}
      saving={submit.isPending}
      onSave={() => void save()}
      saveTestId="quote-save"
    >
      <Form form={form} layout="vertical" requiredMark>
        <Divider plain titlePlacement="start">
          {t('trade.quote.tiers')}
        </Divider>
        <Form.List name="tiers">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'minQuantity']} label={`${t('trade.quote.minQuantity')}（${t(`trade.unit.${rfq.unit}`)}）`} rules={[{ required: true }]}>
                    <Input inputMode="decimal" style={{ width: 140 }} data-testid={`tier-${i}-qty`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unitPrice']} label={t('trade.quote.unitPrice')} rules={[{ required: true }]}>
                    <Input inputMode="decimal" prefix="¥" style={{ width: 170 }} data-testid={`tier-${i}-price`} />
                  </Form.Item>
                  {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ minQuantity: '', unitPrice: '' })} style={{ marginBottom: 16 }}>
                {t('trade.quote.addTier')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="leadTimeDays" label={t('trade.quote.leadTimeDays')} rules={[{ required: true }]}>
          <InputNumber min={0} max={730} precision={0} style={{ width: '100%' }} data-testid="quote-lead" />
        </Form.Item>
        <Form.Item name="validUntil" label={t('trade.quote.validUntil')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('trade.quote.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
