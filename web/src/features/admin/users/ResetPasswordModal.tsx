import { useEffect } from 'react';
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../../api/errors';
import type { User } from '../../../api/types';
import { useResetPassword } from './api';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();
  const { message } = AntApp.useApp();
  useEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const submit = async () => {
    const v = await form.validateFields();
    if (!user) return;
    reset.mutate(
      { id: user.id, password: v.password },
      {
        onSuccess: () => {
          message.success(t('user.resetDone'));
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
        },
      },
    );
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('user.resetPasswordTitle', { name: user.displayName }) : ''}
      okText={t('user.resetPassword')}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={440}
    >
      <Alert type="info" showIcon title={t('user.resetPasswordHint')} style={{ margin: '12px 0 16px' }} />
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item
          name="password"
          label={t('auth.newPassword')}
          extra={t('auth.passwordRule')}
          rules={[
            { required: true, message: t('common.required', { field: t('auth.newPassword') }) },
            { min: 10, message: t('auth.passwordTooShort') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
