import type { Education, MonitoringCategory, SkillLevel, WorkerStatus } from '@gearbridge/contracts/labor';

/**
 * How people write the roll's coded values in a sheet, in either language. The first Chinese label is what the
 * template and the demo roll use; the others are accepted on import.
 */
export const STATUS_LABELS: Record<WorkerStatus, string[]> = {
  unemployed: ['未就业', '失业', 'Unemployed'],
  employed_local: ['本地就业', '县内就业', '就地就近就业', 'Employed locally'],
  employed_out_of_province: ['省外就业', '外出务工', 'Employed out of province'],
  self_employed: ['自主创业', '灵活就业', 'Self-employed'],
  public_welfare_post: ['公益性岗位', 'Public-welfare post'],
  in_training: ['参加培训', '培训中', 'In training'],
  unable_to_work: ['无法就业', '无就业能力', 'Unable to work'],
};

export const EDUCATION_LABELS: Record<Education, string[]> = {
  none: ['未上学', '文盲', 'None'],
  primary: ['小学', 'Primary'],
  junior_secondary: ['初中', 'Junior secondary'],
  senior_secondary: ['高中', 'Senior secondary'],
  secondary_vocational: ['中专', '中职', '技校', 'Secondary vocational'],
  college: ['大专', '高职', 'College'],
  bachelor: ['本科', 'Bachelor'],
  postgraduate: ['研究生', '硕士', '博士', 'Postgraduate'],
};

export const MONITORING_LABELS: Record<MonitoringCategory, string[]> = {
  unstable: ['脱贫不稳定户', 'Unstable after leaving poverty'],
  marginal: ['边缘易致贫户', 'Marginal, at risk of poverty'],
  sudden_hardship: ['突发严重困难户', 'Sudden severe hardship'],
};

export const ABILITY_LABELS: Record<'full' | 'partial' | 'unable', string[]> = {
  full: ['完全劳动能力', '完全', '全劳动力', 'Full'],
  partial: ['部分劳动能力', '部分', '弱劳动力', 'Partial'],
  unable: ['无劳动能力', '无', '丧失劳动能力', 'Unable'],
};

export const LEVEL_LABELS: Record<SkillLevel, string[]> = {
  none: ['无等级', '无', 'None'],
  level5: ['五级', '初级工', '初级', 'Level 5'],
  level4: ['四级', '中级工', '中级', 'Level 4'],
  level3: ['三级', '高级工', '高级', 'Level 3'],
  level2: ['二级', '技师', 'Level 2'],
  level1: ['一级', '高级技师', 'Level 1'],
};

const YES = ['是', '有', 'y', 'yes', 'true', '1', '√'];
const NO = ['否', '无', 'n', 'no', 'false', '0', ''];

/** The code a label stands for (the code itself is accepted too), or null. */
export function parseLabel<K extends string>(labels: Record<K, string[]>, value: string): K | null {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
  for (const [k, names] of Object.entries(labels) as [K, string[]][]) {
    if (v === k.replace(/_/g, ' ') || v === k || names.some((n) => n.toLowerCase() === v)) return k;
  }
  return null;
}

export function parseYesNo(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (YES.includes(v)) return true;
  if (NO.includes(v)) return false;
  return null;
}

/** Splits a cell of several values: 6-18-01-01；6-29-01-01, with any of ; ； , ， 、 or spaces. */
export function splitList(value: string): string[] {
  return value
    .split(/[;；,，、\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const zh = <K extends string>(labels: Record<K, string[]>, k: K) => labels[k][0];
export const options = <K extends string>(labels: Record<K, string[]>) => (Object.keys(labels) as K[]).map((k) => labels[k][0]).join(' / ');
