import { App as AntApp, Form, Input, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { applyFieldErrors, errorText, fieldText } from '../../../api/errors';
import type { Region } from '../../../api/types';
import { useCreateRegion } from './api';

interface Values {
  suffix: string;
  name: string;
}

/** Adds a village (12-digit code) under a town (9 digits): the person types only the last three digits. */
export function AddVillageModal({ town, onClose, onAdded }: { town: Region | null; onClose: () => void; onAdded: (r: Region) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateRegion();
  const { message } = AntApp.useApp();
  const suffix = Form.useWatch('suffix', form) ?? '';

  const submit = async () => {
    const v = await form.validateFields();
    if (!town) return;
    create.mutate(
      { code: `${town.code}${v.suffix}`, name: v.name.trim() },
      {
        onSuccess: (r) => {
          message.success(t('region.added', { name: r.name }));
          form.resetFields();
          onAdded(r);
        },
        onError: (err) => {
          // The server reports problems with the whole code; show them on the digits the person typed.
          if (isApiError(err) && err.fields.code) form.setFields([{ name: 'suffix', errors: [fieldText(err, 'code')!] }]);
          else if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
        },
      },
    );
  };

  return (
    <Modal
      open={!!town}
      title={town ? t('region.addVillageTitle', { town: town.fullName }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
      width={480}
    >
      <Form form={form} layout="vertical" className="gb-modal-form" requiredMark={false}>
        <Form.Item label={t('region.villageSuffix')} required extra={town && `${t('region.villageCode')}：${town.code}${suffix.padEnd(3, '_')}`}>
          <Space.Compact block>
            <Input value={town?.code} disabled className="gb-mono" style={{ width: '60%' }} />
            <Form.Item
              name="suffix"
              noStyle
              rules={[
                { required: true, message: t('region.suffixRule') },
                { pattern: /^\d{3}$/, message: t('region.suffixRule') },
              ]}
            >
              <Input maxLength={3} inputMode="numeric" className="gb-mono" placeholder="001" style={{ width: '40%' }} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="name"
          label={t('region.villageName')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('region.villageName') }) }, { max: 50 }]}
        >
          <Input maxLength={50} placeholder={t('region.villageNamePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
