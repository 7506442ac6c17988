import { useState } from 'react';
import { App as AntApp, Button, Tooltip } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { revealWorker } from './api';
import type { RevealField } from './types';

/**
 * A masked value (ID number, phone, name) and, for people allowed to, an eye button that fetches the clear value.
 * Each reveal is written to the audit log by the server, so the clear value lives only in this component's state.
 */
export function PiiValue({ workerId, field, masked, canReveal }: { workerId: string; field: RevealField; masked: string | null; canReveal: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [clear, setClear] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!masked) return <span className="gb-muted">—</span>;

  const reveal = async () => {
    setBusy(true);
    try {
      const r = await revealWorker(workerId, field);
      setClear(r.value ?? masked);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="gb-phone">
      <span className={field === 'name' ? undefined : 'gb-mono'} data-testid={`pii-${field}`} data-revealed={clear ? 'true' : 'false'}>
        {clear ?? masked}
      </span>
      {canReveal &&
        (clear ? (
          <Tooltip title={t('labor.reveal.hide')}>
            <Button type="text" size="small" icon={<EyeInvisibleOutlined />} aria-label={t('labor.reveal.hide')} onClick={() => setClear(null)} />
          </Tooltip>
        ) : (
          <Tooltip title={t('labor.reveal.tooltip')}>
            <Button type="text" size="small" icon={<EyeOutlined />} aria-label={t('labor.reveal.button')} loading={busy} onClick={() => void reveal()} data-testid={`reveal-${field}`} />
          </Tooltip>
        ))}
    </span>
  );
}
