import { useEffect, useState } from 'react';
import { Button, Checkbox, DatePicker, Divider, Form, Input, InputNumber, Radio, Select, Upload, type UploadFile } from 'antd';
import { DEFAULT_PAYMENT_TERMS } from '@gearbridge/contracts/trade/terms';
import { UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_ACCEPT, ATTACHMENT_LIMITS } from '@gearbridge/contracts/trade/drawings';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormDrawer, useSaveOutcome } from '../shell/FormDrawer';
import { useCreateRfq, useStorefronts } from './api';
import { attributesOf, useAttributeLabels } from './labels';
import { useDrawingUpload } from './RfqDrawings';
import { PaymentTermsFields, termsToSend, type TermValues } from './PaymentTermsFields';
import type { Product, Vertical } from './types';

interface Values {
  title: string;
  vertical: Vertical;
  attributes: Record<string, string | number | undefined>;
  quantity: string;
  deliveryDate: Dayjs;
  deliveryPlace: string;
  visibility: 'invited' | 'open';
  invitedOrgIds: string[];
  deadline: Dayjs;
  note?: string;
  /** The buyer states the payment terms it wants (optional). */
  statesTerms?: boolean;
  paymentTerms?: TermValues;
}

/** Post an RFQ: the specification by the vertical's attributes (any subset), quantity, delivery, who may quote, the deadline. */
export function RfqFormDrawer({ open, onClose, from, onCreated }: { open: boolean; onClose: () => void; from?: Product; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateRfq();
  const suppliers = useStorefronts(open);
  const { label, value } = useAttributeLabels();
  const vertical = Form.useWatch('vertical', form) ?? from?.vertical ?? 'gear';
  const visibility = Form.useWatch('visibility', form);
  const statesTerms = Form.useWatch('statesTerms', form);
  const outcome = useSaveOutcome(form, onClose);
  // Drawings chosen on the form: sent one by one once the RFQ is posted (the server checks each by its content).
  const [drawings, setDrawings] = useState<UploadFile[]>([]);
  const upload = useDrawingUpload();
  useEffect(() => {
    if (!open) return;
    setDrawings([]);
    form.resetFields();
    form.setFieldsValue({
      vertical: from?.vertical ?? 'gear',
      title: from?.name,
      // The product's specification, without its supplier's capacity (tonnage): the RFQ's quantity says what is wanted.
      attributes: from ? Object.fromEntries(Object.entries(from.attributes).filter(([k]) => k !== 'tonnage')) : {},
      visibility: from ? 'invited' : 'open',
      invitedOrgIds: from ? [from.orgId] : [],
      deadline: dayjs().add(7, 'day').hour(17).minute(0).second(0),
      deliveryDate: dayjs().add(30, 'day'),
      statesTerms: false,
      paymentTerms: DEFAULT_PAYMENT_TERMS.map((x) => ({ ...x })),
    });
  }, [open, from, form]);

  const save = async () => {
    const v = await form.validateFields();
    const attributes = Object.fromEntries(Object.entries(v.attributes ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== ''));
    create.mutate(
      {
        title: v.title,
        vertical: v.vertical,
        attributes: attributes as Record<string, string | number>,
        quantity: String(v.quantity ?? '').trim(),
        deliveryDate: v.deliveryDate.format('YYYY-MM-DD'),
        deliveryPlace: v.deliveryPlace,
        visibility: v.visibility,
        invitedOrgIds: v.visibility === 'invited' ? (v.invitedOrgIds ?? []) : [],
        deadline: v.deadline.toISOString(),
        note: v.note || null,
        paymentTerms: v.statesTerms ? termsToSend(form.getFieldValue('paymentTerms')) : null,
      },
      {
        onSuccess: (r) => {
          outcome.saved(t('trade.rfq.created'));
          const files = drawings.map((d) => d.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);
          if (files.length) void upload.run(r.id, files);
          onCreated(r.id);
        },
        onError: outcome.failed,
      },
    );
  };

  return (
    <FormDrawer open={open} onClose={onClose} title={t('trade.rfq.new')} saving={create.isPending} onSave={() => void save()} saveTestId="rfq-save">
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="title" label={t('trade.rfq.fields.title')} rules={[{ required: true }]}>
          <Input maxLength={120} data-testid="rfq-title" />
        </Form.Item>
        <Form.Item name="vertical" label={t('trade.rfq.fields.vertical')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={(['gear', 'nev_part', 'aluminium'] as const).map((v) => ({ value: v, label: t(`trade.vertical.${v}`) }))}
            onChange={() => form.setFieldValue('attributes', {})}
          />
        </Form.Item>
        <Divider plain titlePlacement="start">
          {t('trade.rfq.fields.spec')}
        </Divider>
        {attributesOf(vertical).map((d) => (
          <Form.Item key={d.key} name={['attributes', d.key]} label={label(d.key)}>
            {d.kind === 'enum' ? (
              <Select allowClear options={d.options.map((o) => ({ value: o, label: value(d.key, o) }))} />
            ) : d.kind === 'number' ? (
              <InputNumber min={d.min} max={d.max} step={10 ** -d.decimals} addonAfter={d.unit} style={{ width: '100%' }} />
            ) : (
              <Input maxLength={d.maxLength} />
            )}
          </Form.Item>
        ))}
        <Form.Item name="quantity" label={`${t('trade.rfq.fields.quantity')}（${t(`trade.unit.${vertical === 'aluminium' ? 't' : 'piece'}`)}）`} rules={[{ required: true }]}>
          <Input inputMode="decimal" data-testid="rfq-quantity" />
        </Form.Item>
        <Form.Item name="deliveryDate" label={t('trade.rfq.fields.deliveryDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="deliveryPlace" label={t('trade.rfq.fields.deliveryPlace')} rules={[{ required: true }]}>
          <Input maxLength={200} data-testid="rfq-place" />
        </Form.Item>
        <Form.Item name="visibility" label={t('trade.rfq.fields.visibility')} rules={[{ required: true }]}>
          <Radio.Group options={(['open', 'invited'] as const).map((v) => ({ value: v, label: t(`trade.rfq.visibility.${v}`) }))} />
        </Form.Item>
        {visibility === 'invited' && (
          <Form.Item name="invitedOrgIds" label={t('trade.rfq.fields.invited')} rules={[{ required: true }]}>
            <Select mode="multiple" loading={suppliers.isPending} options={(suppliers.data ?? []).map((s) => ({ value: s.orgId, label: s.name }))} optionFilterProp="label" />
          </Form.Item>
        )}
        <Form.Item name="deadline" label={t('trade.rfq.fields.deadline')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('trade.rfq.fields.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="statesTerms" valuePropName="checked" extra={t('trade.payment.stateHint')} style={{ marginBottom: statesTerms ? 8 : undefined }}>
          <Checkbox data-testid="rfq-states-terms">{t('trade.payment.state')}</Checkbox>
        </Form.Item>
        {statesTerms && <PaymentTermsFields />}
        <Form.Item label={t('trade.files.title')} extra={t('trade.files.hint', { mb: ATTACHMENT_LIMITS.bytes / 1048576, max: ATTACHMENT_LIMITS.perRfq })}>
          <Upload
            accept={ATTACHMENT_ACCEPT}
            multiple
            fileList={drawings}
            maxCount={ATTACHMENT_LIMITS.perRfq}
            beforeUpload={() => false}
            onChange={({ fileList }) => setDrawings(fileList.slice(0, ATTACHMENT_LIMITS.perRfq))}
          >
            <Button icon={<UploadOutlined />} data-testid="rfq-drawings">
              {t('trade.files.pick')}
            </Button>
          </Upload>
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
