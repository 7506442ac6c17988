import { PROJECT_STAGES, type ProjectStage } from '@gearbridge/contracts/park';

/**
 * The stage pipeline's rules, pure: lead → negotiating → signed → construction → production. A project moves
 * forward to any later stage on a date not before the current stage's and not in the future; stages it passes on
 * the way take the same date (a project signed and started at one ceremony). It moves back only with a reason, and
 * going back clears the dates of the stages after the one it returns to, so `signed_on` set always means "signed".
 */
export type StageDates = Record<ProjectStage, string | null>;
export const stageIndex = (s: ProjectStage) => PROJECT_STAGES.indexOf(s);

export type StageChangeOutcome =
  | { ok: true; direction: 'forward' | 'back'; dates: StageDates; effectiveOn: string }
  | { ok: false; error: 'unchanged' | 'reason_required' | 'in_future' | 'before_current'; date?: string };

export function planStageChange(current: ProjectStage, dates: StageDates, target: ProjectStage, o: { on?: string; reason?: string; today: string }): StageChangeOutcome {
  const from = stageIndex(current);
  const to = stageIndex(target);
  if (from === to) return { ok: false, error: 'unchanged' };
  const on = o.on ?? o.today;
  if (on > o.today) return { ok: false, error: 'in_future' };
  const next: StageDates = { ...dates };
  if (to > from) {
    const since = dates[current];
    if (since && on < since) return { ok: false, error: 'before_current', date: since };
    for (let i = from + 1; i <= to; i++) next[PROJECT_STAGES[i]] = on;
    return { ok: true, direction: 'forward', dates: next, effectiveOn: on };
  }
  if (!o.reason?.trim()) return { ok: false, error: 'reason_required' };
  for (let i = to + 1; i < PROJECT_STAGES.length; i++) next[PROJECT_STAGES[i]] = null;
  return { ok: true, direction: 'back', dates: next, effectiveOn: on };
}

/** The dates of a project entering the pipeline at `stage` on `on`: that stage and every one before it. */
export function initialDates(stage: ProjectStage, on: string): StageDates {
  const dates = Object.fromEntries(PROJECT_STAGES.map((s) => [s, null])) as StageDates;
  for (let i = 0; i <= stageIndex(stage); i++) dates[PROJECT_STAGES[i]] = on;
  return dates;
}

/** The stage a ceremony batch moves its projects to. */
export const BATCH_STAGE = { signing: 'signed', groundbreaking: 'construction', production: 'production' } as const satisfies Record<string, ProjectStage>;
