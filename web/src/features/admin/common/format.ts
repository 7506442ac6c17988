import dayjs from 'dayjs';
import type { OrgKind } from '../../../api/types';

export const formatDateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatDateTimeSeconds = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

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
