import type { Education, MonitoringCategory, ReferralStatus, SkillLevel, WorkAbility, WorkerStatus } from './types';

// Every coded value in display order; the Record types make the compiler flag a value added to contracts.
const order = <K extends string>(r: Record<K, number>) => (Object.keys(r) as K[]).sort((a, b) => r[a] - r[b]);

export const WORKER_STATUSES = order<WorkerStatus>({
  unemployed: 0,
  employed_local: 1,
  employed_out_of_province: 2,
  self_employed: 3,
  public_welfare_post: 4,
  in_training: 5,
  unable_to_work: 6,
});
export const EDUCATIONS = order<Education>({ none: 0, primary: 1, junior_secondary: 2, senior_secondary: 3, secondary_vocational: 4, college: 5, bachelor: 6, postgraduate: 7 });
export const SKILL_LEVELS = order<SkillLevel>({ none: 0, level5: 1, level4: 2, level3: 3, level2: 4, level1: 5 });
export const WORK_ABILITIES = order<WorkAbility>({ full: 0, partial: 1, unable: 2 });
export const MONITORING = order<MonitoringCategory>({ unstable: 0, marginal: 1, sudden_hardship: 2 });
/** The board's columns: the path a referral takes, then the declined ones. */
export const REFERRAL_STAGES = order<ReferralStatus>({ recommended: 0, contacted: 1, interviewed: 2, hired: 3, started: 4, declined: 5 });

/** Statuses counted as "in work" on the dashboard (the bureau's 已就业 figure includes self-employment and public-welfare posts). */
export const EMPLOYED: WorkerStatus[] = ['employed_local', 'employed_out_of_province', 'self_employed', 'public_welfare_post'];

/** antd tag colours: green for work, orange for no work yet, blue for training, grey for unable. */
export const STATUS_COLORS: Record<WorkerStatus, string> = {
  unemployed: 'orange',
  employed_local: 'green',
  employed_out_of_province: 'cyan',
  self_employed: 'geekblue',
  public_welfare_post: 'purple',
  in_training: 'blue',
  unable_to_work: 'default',
};
/** The same statuses in chart colours (hex), close to antd's tag palette. */
export const STATUS_HEX: Record<WorkerStatus, string> = {
  unemployed: '#e08a1e',
  employed_local: '#1a8f5a',
  employed_out_of_province: '#0f9fb4',
  self_employed: '#2f54eb',
  public_welfare_post: '#7b4fd1',
  in_training: '#1f7ae0',
  unable_to_work: '#8c8c8c',
};

export const REFERRAL_COLORS: Record<ReferralStatus, string> = {
  recommended: 'default',
  contacted: 'blue',
  interviewed: 'geekblue',
  hired: 'cyan',
  started: 'green',
  declined: 'red',
};

/** The next step of a referral on its path; declining is offered separately at every step before the start. */
export const NEXT_STAGE: Partial<Record<ReferralStatus, Exclude<ReferralStatus, 'recommended' | 'declined'>>> = {
  recommended: 'contacted',
  contacted: 'interviewed',
  interviewed: 'hired',
  hired: 'started',
};

/** Wage range in yuan per month: 4,500–6,500. */
export const wageRange = (min: number | null | undefined, max: number | null | undefined) =>
  min == null && max == null ? '—' : min === max ? `${(min ?? 0).toLocaleString()}` : `${(min ?? 0).toLocaleString()}–${(max ?? 0).toLocaleString()}`;
