import { useState } from 'react';
import { App as AntApp, Button, Tooltip } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/errors';
import { revealPhone } from './api';

/**
 * The masked number, and for people allowed to see personal data an eye button that fetches the clear number.
 * The server audits each reveal, so the clear number is kept only in this cell's state, never cached.
 */
export function PhoneCell({ userId, masked, canReveal }: { userId: string; masked: string | null; canReveal: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [clear, setClear] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!masked) return <span className="gb-muted">—</span>;

  const reveal = async () => {
    setBusy(true);
    try {
      const r = await revealPhone(userId);
      setClear(r.value ?? masked);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="gb-phone">
      <span className="gb-mono" data-testid="phone-value">{clear ?? masked}</span>
      {canReveal &&
        (clear ? (
          <Tooltip title={t('user.hide')}>
            <Button type="text" size="small" icon={<EyeInvisibleOutlined />} aria-label={t('user.hide')} onClick={() => setClear(null)} />
          </Tooltip>
        ) : (
          <Tooltip title={`${t('user.reveal')} · ${t('user.revealAudited')}`}>
            <Button type="text" size="small" icon={<EyeOutlined />} aria-label={t('user.reveal')} loading={busy} onClick={() => void reveal()} data-testid="phone-reveal" />
          </Tooltip>
        ))}
    </span>
  );
}
