import { useEffect } from 'react';
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { WorkOrderInput } from '../../../api/types';
import { messageText } from '../../../i18n/messages';
import { FormDrawer, useSaveOutcome } from '../../shell/FormDrawer';
import { useLines } from '../api';
import { lineName } from '../model';
import { useCreateWorkOrder, useProducts } from './api';
import { productLabel } from './labels';

interface Values {
  number?: string;
  productId?: string;
  lineId?: string;
  qty?: number;
  dueDate?: Dayjs;
  note?: string;
}

/** A new work order: the product chooses its line (changeable), a quantity, a due date; the number is optional. */
export function WorkOrderDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const outcome = useSaveOutcome(form, onClose);
  const create = useCreateWorkOrder();
  const products = useProducts();
  const lines = useLines();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = (v: Values) => {
    const input: WorkOrderInput = {
      number: v.number?.trim() || undefined,
      productId: v.productId!,
      lineId: v.lineId!,
      qty: v.qty!,
      dueDate: v.dueDate!.format('YYYY-MM-DD'),
      note: v.note?.trim() || null,
    };
    create.mutate(input, { onSuccess: (wo) => outcome.saved(t('factory.wo.created', { number: wo.number })), onError: outcome.failed });
  };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('factory.wo.createTitle')}
      saving={create.isPending}
      onSave={() => form.submit()}
      saveTestId="wo-form-submit"
      cancelTestId="wo-form-cancel"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="wo-form" scrollToFirstError initialValues={{ qty: 80, dueDate: dayjs().add(7, 'day') }}>
        <Form.Item name="productId" label={t('factory.wo.product')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('factory.wo.product') }) }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('factory.wo.productPlaceholder')}
            loading={products.isPending}
            options={(products.data ?? []).map((p) => ({ value: p.id, label: productLabel(p) }))}
            onChange={(id: string) => {
              const p = products.data?.find((x) => x.id === id);
              if (p?.lineId) form.setFieldValue('lineId', p.lineId);
            }}
            data-testid="wo-product"
          />
        </Form.Item>
        <Form.Item
          name="lineId"
          label={t('factory.wo.line')}
          extra={t('factory.wo.lineHint')}
          rules={[{ required: true, message: t('common.requiredSelect', { field: t('factory.wo.line') }) }]}
        >
          <Select
            placeholder={t('factory.wo.linePlaceholder')}
            options={(lines.data ?? []).map((l) => ({ value: l.id, label: `${l.code} · ${lineName(l)}` }))}
            data-testid="wo-line"
          />
        </Form.Item>
        <Form.Item name="qty" label={t('factory.wo.qty')} rules={[{ required: true, message: t('common.required', { field: t('factory.wo.qty') }) }]}>
          <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid="wo-qty" />
        </Form.Item>
        <Form.Item name="dueDate" label={t('factory.wo.due')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('factory.wo.due') }) }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} data-testid="wo-due" />
        </Form.Item>
        <Form.Item
          name="number"
          label={t('factory.wo.number')}
          extra={t('factory.wo.numberHint')}
          rules={[{ pattern: /^[A-Za-z0-9_-]{1,30}$/, message: messageText({ key: 'factory.validation.number_format' }, 'factory.validation.number_format') }]}
        >
          <Input maxLength={30} className="gb-mono" data-testid="wo-number" />
        </Form.Item>
        <Form.Item name="note" label={t('factory.wo.note')}>
          <Input.TextArea maxLength={500} rows={2} showCount data-testid="wo-note" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
