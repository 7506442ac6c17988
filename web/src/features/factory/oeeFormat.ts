import type { TFunction } from 'i18next';
import type { OeeFigures } from '../../api/types';
import { currentLocale } from '../../i18n';

export type Ratio = 'availability' | 'performance' | 'quality' | 'oee';
export const RATIOS: Ratio[] = ['availability', 'performance', 'quality', 'oee'];

/** "85.6 %" — or "—" for a ratio the figures cannot define (never 0 % and never NaN). */
export function pct(v: number | null | undefined, digits = 1): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${(v * 100).toFixed(digits)} %`;
}

/** The warning colour of a measured ratio above 100 % (an ideal cycle time set too slow): never success green. */
export const OVER_COLOR = '#c7820a';

/** Whether a measured ratio is above 100 % (shown as a warning; 100.0 % after rounding is not). */
export const isOver = (v: number | null | undefined) => v !== null && v !== undefined && v >= 1.0005;

/** Colour of an OEE (or any of its factors): world class ≥ 85 %, acceptable ≥ 60 %, else poor; above 100 % a warning. */
export function ratioColor(v: number | null | undefined): string {
  if (v === null || v === undefined) return '#a0a6b1';
  if (isOver(v)) return OVER_COLOR;
  return v >= 0.85 ? '#1a8f5a' : v >= 0.6 ? '#c7820a' : '#d23f3f';
}

/**
 * Why a ratio is not defined, for the tooltip on its "—". The order follows the formulas: no planned time leaves
 * all four undefined; no run time leaves performance; no units made leaves quality (and a line's performance).
 */
export function whyUndefined(f: OeeFigures, ratio: Ratio, t: TFunction): string | null {
  if (f[ratio] !== null) return null;
  if (f.plannedS <= 0) return t('factory.oee.why.noPlan');
  const quality = () => (f.total <= 0 ? t('factory.oee.why.noOutput') : null);
  const performance = () => (f.runS <= 0 ? t('factory.oee.why.noRun') : f.total <= 0 ? t('factory.oee.why.noOutputSpeed') : t('factory.oee.why.noIdeal'));
  if (ratio === 'quality') return quality();
  if (ratio === 'performance') return performance();
  if (ratio === 'oee') return f.performance === null ? performance() : quality();
  return null;
}

/** Seconds as whole minutes, with thousands separators. */
export const minutes = (s: number) => Math.round(s / 60).toLocaleString();

/** Minutes (MTBF, MTTR) with one decimal, or "—" when there were no failures. */
export const minutesOrDash = (m: number | null) => (m === null ? '—' : Number(m.toFixed(1)).toLocaleString());

const CJK = /[\u3400-\u9fff]/;
/**
 * A shift's name for the interface language. The calendar keeps one name per shift (the default ones are Chinese),
 * so the English interface calls a shift with a Chinese name by its code instead.
 */
export function shiftLabel(name: string, code: string, t: TFunction): string {
  return currentLocale() !== 'zh-CN' && CJK.test(name) ? t('factory.oee.shiftCode', { code }) : name;
}
