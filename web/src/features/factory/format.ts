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

/** A length of time for people: "45 s", "3 min 12 s", "2 h 5 min", "3 d 4 h". */
export function duration(seconds: number | null | undefined, t: TFunction): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('factory.duration.s', { s });
  if (s < 3600) return t('factory.duration.ms', { m: Math.floor(s / 60), s: s % 60 });
  if (s < 86_400) return t('factory.duration.hm', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  return t('factory.duration.dh', { d: Math.floor(s / 86_400), h: Math.floor((s % 86_400) / 3600) });
}
