import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectCategory, ProjectStage } from './types';

/** Colours of the pipeline's stages, lead to production. */
export const STAGE_COLORS: Record<ProjectStage, string> = {
  lead: 'default',
  negotiating: 'gold',
  signed: 'blue',
  construction: 'orange',
  production: 'green',
};

export function StageTag({ stage }: { stage: ProjectStage }) {
  const { t } = useTranslation();
  return <Tag color={STAGE_COLORS[stage]}>{t(`park.stage.${stage}`)}</Tag>;
}

export function CategoryTag({ category }: { category: ProjectCategory }) {
  const { t } = useTranslation();
  return <Tag bordered={false}>{t(`park.category.${category}`)}</Tag>;
}

/** Whole yuan (decimal text) in 万元 with two decimals, from the text: no floating point on the figure's way. */
export function wan(yuan: string): string {
  const v = BigInt(yuan);
  const cents = (v + 50n) / 100n; // yuan → hundredths of 万元, rounded half up
  const whole = cents / 100n;
  const frac = (cents % 100n).toString().padStart(2, '0');
  return `${whole.toLocaleString('en-US')}.${frac}`;
}
