import type { TFunction } from 'i18next';
import { currentLocale } from '../../../i18n';
import { plantDay, plantHm } from '../plantTime';

export const zh = () => currentLocale() === 'zh-CN';
/** A name kept in both languages, in the interface's. */
export const named = (x: { nameZh: string | null; nameEn: string | null }, fallback = '') => (zh() ? x.nameZh : x.nameEn) ?? x.nameZh ?? x.nameEn ?? fallback;

/** "12-07 08:15" in plant time. */
export const plantWhen = (iso: string | null | undefined) => (iso ? `${plantDay(Date.parse(iso)).slice(5)} ${plantHm(iso)}` : '—');

/** A yield as a percentage with two decimals: a line's ppm target (factory_lines.ppm_target) sits in the fourth nine. */
export const yieldPct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(2)} %`);

/** ppm rounded for people: "0", "96", "1,234". */
export const ppmText = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Math.round(v).toLocaleString());

/** "about 1 bad unit in 10,417" for a ppm above 0, "no bad unit" at 0. */
export function oneIn(ppm: number | null | undefined, t: TFunction): string | null {
  if (ppm === null || ppm === undefined) return null;
  if (ppm <= 0) return t('factory.quality.noneBad');
  return t('factory.quality.perUnits', { n: Math.round(1_000_000 / ppm).toLocaleString() });
}

/** Green at or below the target, red above; grey without a figure or a target. */
export const ppmColor = (ppm: number | null | undefined, target: number | null) =>
  ppm === null || ppm === undefined || target === null ? '#a0a6b1' : ppm <= target ? '#1a8f5a' : '#d23f3f';

/** "Target: at most 1 bad unit in 10,000 (100 ppm)", or "no ppm target set" (a line's target is a record). */
export function ppmTargetText(target: number | null, t: TFunction): string {
  if (target === null) return t('factory.quality.noPpmTarget');
  return t('factory.quality.target', { per: Math.round(1_000_000 / target).toLocaleString(), ppm: Math.round(target * 10) / 10 });
}
