import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/errors';

/** "Export Excel" for a list: downloads what the current filters show, with a spinner and an error toast. */
export function ExportButton({ run, testId }: { run: () => Promise<void>; testId?: string }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      await run();
      message.success(t('common.exported'));
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void onClick()} data-testid={testId}>
      {t('common.export')}
    </Button>
  );
}
