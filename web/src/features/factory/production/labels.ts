import type { Product, UnitStatus, WorkOrderStatus } from '../../../api/types';
import { currentLocale } from '../../../i18n';

const zh = () => currentLocale() === 'zh-CN';

/** A product, unit or work order's product name in the interface's language. */
export const productName = (p: { nameZh?: string; nameEn?: string; productNameZh?: string; productNameEn?: string }) =>
  (zh() ? (p.productNameZh ?? p.nameZh) : (p.productNameEn ?? p.nameEn)) ?? '';

/** "QJ-HSG-A01 B · 变速箱壳体 A": part number, revision and name. */
export const productLabel = (p: Pick<Product, 'partNo' | 'revision' | 'nameZh' | 'nameEn'>) => `${p.partNo} ${p.revision} · ${productName(p)}`;

/** A localised name of anything that carries both (an operation, a characteristic, a defect, a component). */
export const nameOf = (x: { nameZh: string | null; nameEn: string | null }) => (zh() ? x.nameZh : x.nameEn) ?? '';

export const WO_STATUSES: WorkOrderStatus[] = ['planned', 'released', 'completed', 'closed', 'cancelled'];
export const WO_STATUS_COLORS: Record<WorkOrderStatus, string> = { planned: 'default', released: 'processing', completed: 'success', closed: 'default', cancelled: 'error' };
export const UNIT_STATUS_COLORS: Record<UnitStatus, string> = { wip: 'processing', done: 'success', nok: 'error', scrapped: 'default' };

/** A measured value with its characteristic's decimals. */
export const fixed = (v: number | null | undefined, decimals: number) => (v === null || v === undefined ? '—' : v.toFixed(Math.max(0, Math.min(6, decimals))));

/** The tolerance as people write it: "59.990 ~ 60.010", or one-sided "≤ 0.050" / "≥ 1.000". */
export function toleranceText(c: { lsl: number | null; usl: number | null; decimals: number }): string {
  if (c.lsl !== null && c.usl !== null) return `${fixed(c.lsl, c.decimals)} ~ ${fixed(c.usl, c.decimals)}`;
  if (c.usl !== null) return `≤ ${fixed(c.usl, c.decimals)}`;
  if (c.lsl !== null) return `≥ ${fixed(c.lsl, c.decimals)}`;
  return '—';
}

/** Out of the characteristic's limits (a one-sided one has only the limit it has). */
export const outOfSpec = (v: number, c: { lsl: number | null; usl: number | null }) => (c.lsl !== null && v < c.lsl) || (c.usl !== null && v > c.usl);
