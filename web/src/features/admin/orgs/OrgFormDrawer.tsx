import { useEffect } from 'react';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Org, OrgInput, OrgKind } from '../../../api/types';
import { RegionPicker } from '../regions/RegionPicker';
import { ORG_KINDS, useSaveOrg } from './api';
import { FormDrawer, useSaveOutcome } from '../../shell/FormDrawer';

interface Values {
  name: string;
  kind: OrgKind;
  regionCode: string;
  uscc?: string;
  contactName?: string;
  address?: string;
}

/** Create (org = null) or edit an organisation. Server field errors land on their fields. */
export function OrgFormDrawer({ open, org, onClose }: { open: boolean; org: Org | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const outcome = useSaveOutcome(form, onClose);
  const save = useSaveOrg();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (org)
      form.setFieldsValue({
        name: org.name,
        kind: org.kind,
        regionCode: org.regionCode,
        uscc: org.uscc ?? undefined,
        contactName: org.contactName ?? undefined,
        address: org.address ?? undefined,
      });
  }, [open, org, form]);

  const submit = (v: Values) => {
    const input: OrgInput = {
      name: v.name.trim(),
      kind: v.kind,
      regionCode: v.regionCode,
      uscc: v.uscc?.trim() ? v.uscc.trim().toUpperCase() : null,
      contactName: v.contactName?.trim() || null,
      address: v.address?.trim() || null,
    };
    save.mutate(
      { id: org?.id ?? null, input },
      {
        onSuccess: () => outcome.saved(org ? t('common.saved') : t('common.created')),
        onError: outcome.failed,
      },
    );
  };

  return (
    <FormDrawer open={open} onClose={onClose} title={org ? t('org.edit') : t('org.create')} saving={save.isPending} onSave={() => form.submit()} saveTestId="org-form-submit">
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="org-form" scrollToFirstError>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('org.name') }) }, { max: 100 }]}>
          <Input placeholder={t('org.namePlaceholder')} maxLength={100} data-testid="org-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.kind') }) }]}>
          <Select
            data-testid="org-kind"
            options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
            placeholder={t('common.requiredSelect', { field: t('org.kind') })}
          />
        </Form.Item>
        <Form.Item name="regionCode" label={t('org.region')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('org.region') }) }]}>
          <RegionPicker placeholder={t('org.regionPlaceholder')} data-testid="org-region" />
        </Form.Item>
        <Form.Item name="uscc" label={t('org.uscc')} rules={[{ pattern: /^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$/, message: t('org.usccPlaceholder') }]}>
          <Input placeholder={t('org.usccPlaceholder')} maxLength={18} className="gb-mono" />
        </Form.Item>
        <Form.Item name="contactName" label={t('org.contactName')} rules={[{ max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="address" label={t('org.address')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
