import type { OrgKind } from '../../../api/types';

/**
 * The platform's people keep China time (UTC+8, as the server's calendar): a time is shown in it whatever the
 * browser's own zone, so a record reads the same on a laptop set to UTC and in the county office.
 */
const CHINA = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant in China time, "YYYY-MM-DD HH:mm:ss" (or "—"). */
export function chinaTime(iso: string | number | null | undefined, seconds = true): string {
  if (iso === null || iso === undefined) return '—';
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  if (!Number.isFinite(ms)) return String(iso);
  const s = CHINA.format(ms).replace('T', ' ');
  return seconds ? s : s.slice(0, 16);
}

export const formatDateTime = (iso: string | null | undefined) => chinaTime(iso, false);
export const formatDateTimeSeconds = (iso: string | null | undefined) => chinaTime(iso);

export const KIND_COLORS: Record<OrgKind, string> = {
  enterprise: 'blue',
  government: 'red',
  park_admin: 'purple',
  hospital: 'green',
  school: 'orange',
  training_provider: 'cyan',
};

/** Drawer width: a comfortable form column on desktops, the whole screen on phones. */
export const drawerSize = (mobile: boolean) => (mobile ? '100%' : 560);
