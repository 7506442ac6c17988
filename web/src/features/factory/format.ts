import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

/** "12 s ago", "3 min ago", "2 h ago", else the date and time: how fresh a device's or the plant's data is. */
export function ago(iso: string | null | undefined, t: TFunction, now = Date.now()): string {
  if (!iso) return t('factory.never');
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 5) return t('factory.justNow');
  if (s < 60) return t('factory.agoSeconds', { count: s });
  if (s < 3600) return t('factory.agoMinutes', { count: Math.floor(s / 60) });
  if (s < 86_400) return t('factory.agoHours', { count: Math.floor(s / 3600) });
  return dayjs(iso).format('YYYY-MM-DD HH:mm');
}

/** A measured value with at most `digits` decimals and no trailing zeros. */
export function formatValue(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return Number(v.toFixed(digits)).toLocaleString();
}
