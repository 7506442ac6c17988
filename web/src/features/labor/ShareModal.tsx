import { useEffect } from 'react';
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../api/errors';
import { useCreateShares } from './api';
import { PartnerSelect } from './OrgPickers';
import type { ShareKind } from './types';

interface Values {
  toOrgId?: string;
  note?: string;
}

/** Shares the selected workers' needs (or postings) with a partner organisation: explicit, audited, revocable. */
export function ShareModal({ kind, ids, open, onClose, onShared }: { kind: ShareKind; ids: string[]; open: boolean; onClose: () => void; onShared?: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateShares();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = (v: Values) =>
    create.mutate(
      { kind, ids, toOrgId: v.toOrgId ?? '', note: v.note?.trim() || null },
      {
        onSuccess: (r) => {
          message.success(t('labor.share.done', { count: r.created.length, already: r.alreadyShared }));
          onShared?.();
          onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err)) message.error(errorText(err, t));
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t(kind === 'worker' ? 'labor.share.titleWorkers' : 'labor.share.titlePostings', { count: ids.length })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('labor.share.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'share-submit' }}
    >
      <Alert type="info" showIcon title={t(kind === 'worker' ? 'labor.share.workerHint' : 'labor.share.postingHint')} style={{ margin: '12px 0 16px' }} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} className="gb-modal-form" data-testid="share-form">
        <Form.Item name="toOrgId" label={t('labor.share.partner')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('labor.share.partner') }) }]}>
          <PartnerSelect data-testid="share-partner" />
        </Form.Item>
        <Form.Item name="note" label={t('labor.share.note')}>
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('labor.share.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
