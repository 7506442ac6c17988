import { useState } from 'react';
import { Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Hold or release with a reason (the audit log keeps it): the OK button stays disabled until a reason is written,
 * and `onOk`'s promise keeps the dialog busy until the server answered.
 */
export function ReasonModal({
  open,
  title,
  detail,
  okText,
  danger,
  onCancel,
  onOk,
}: {
  open: boolean;
  title: string;
  detail?: string;
  okText: string;
  danger?: boolean;
  onCancel: () => void;
  onOk: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await onOk(reason.trim());
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !reason.trim(), danger, 'data-testid': 'reason-ok' }}
      onCancel={onCancel}
      onOk={() => void submit()}
      afterClose={() => setReason('')}
      destroyOnHidden
    >
      {detail && <Typography.Paragraph>{detail}</Typography.Paragraph>}
      <label className="gb-form-label" htmlFor="hold-reason">
        {t('factory.prod.reason')}
      </label>
      <Input.TextArea
        id="hold-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={200}
        showCount
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('factory.prod.reasonPlaceholder')}
        style={{ marginBottom: 16 }}
        data-testid="hold-reason"
      />
    </Modal>
  );
}
