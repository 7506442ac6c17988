import { useState } from 'react';
import { App as AntApp, Button, Tooltip } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';

/**
 * A masked piece of personal data and, for people allowed to see it, an eye button that fetches the clear value.
 * The server audits each reveal, so the clear value lives only in this component's state, never in a cache.
 */
export function RevealValue({
  masked,
  canReveal,
  fetchClear,
  mono = true,
  valueTestId,
  revealTestId,
  labels,
}: {
  masked: string | null;
  canReveal: boolean;
  fetchClear: () => Promise<{ value: string | null }>;
  mono?: boolean;
  valueTestId: string;
  revealTestId: string;
  /** Hide button, reveal button, and the reveal button's tooltip. */
  labels: { hide: string; reveal: string; tooltip: string };
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [clear, setClear] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!masked) return <span className="gb-muted">—</span>;

  const reveal = async () => {
    setBusy(true);
    try {
      setClear((await fetchClear()).value ?? masked);
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="gb-phone">
      <span className={mono ? 'gb-mono' : undefined} data-testid={valueTestId} data-revealed={clear ? 'true' : 'false'}>
        {clear ?? masked}
      </span>
      {canReveal &&
        (clear ? (
          <Tooltip title={labels.hide}>
            <Button type="text" size="small" icon={<EyeInvisibleOutlined />} aria-label={labels.hide} onClick={() => setClear(null)} />
          </Tooltip>
        ) : (
          <Tooltip title={labels.tooltip}>
            <Button type="text" size="small" icon={<EyeOutlined />} aria-label={labels.reveal} loading={busy} onClick={() => void reveal()} data-testid={revealTestId} />
          </Tooltip>
        ))}
    </span>
  );
}
