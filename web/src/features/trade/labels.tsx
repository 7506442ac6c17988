import { useTranslation } from 'react-i18next';
import { ATTRIBUTES, type AttributeDef } from '@gearbridge/contracts/trade/attributes';
import type { Vertical } from './types';

/** An attribute's name, and one of its values in words (option names, grades, units). */
export function useAttributeLabels() {
  const { t, i18n } = useTranslation();
  const label = (key: string) => t(`trade.attr.${key}.label`);
  const value = (key: string, v: string | number | undefined): string => {
    if (v === undefined || v === '') return '—';
    if (key === 'accuracyGrade') return t('trade.grade', { grade: v });
    const option = `trade.attr.${key}.options.${v}`;
    if (i18n.exists(option)) return t(option);
    const def = Object.values(ATTRIBUTES)
      .flat()
      .find((d) => d.key === key);
    return def?.kind === 'number' && def.unit ? `${v} ${def.unit}` : String(v);
  };
  return { label, value };
}

export const attributesOf = (vertical: Vertical): readonly AttributeDef[] => ATTRIBUTES[vertical];

/** "19650.00" → "19,650.00" (grouping only: the string stays exact). */
export function yuan(s: string | null | undefined): string {
  if (!s) return '—';
  const [int, frac] = s.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}
