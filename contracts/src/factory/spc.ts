import { z } from 'zod';

/**
 * SPC shapes shared by the server (server/src/modules/factory/quality computes them) and the web (draws them):
 * chart kinds, the rule ids a characteristic selects, the frozen phase-I limits a chart is drawn against, a chart's
 * points and violations, and a capability study. See docs/spc.md for the formulas and their sources.
 */

/** X̄-R and X̄-S for subgroups of 2–25, individuals/moving range, p (proportion nonconforming), u (defects per unit). */
export const SpcChartKind = z.enum(['xbar_r', 'xbar_s', 'i_mr', 'p', 'u']);
export type SpcChartKind = z.infer<typeof SpcChartKind>;

/**
 * Western Electric (we1–we4) and Nelson (nelson1–nelson8) tests for special causes; a characteristic's rule set is
 * a list of these. we1 = nelson1 (beyond 3σ), we2 = nelson5 (2 of 3 beyond 2σ), we3 = nelson6 (4 of 5 beyond 1σ);
 * we4 is 8 in a row on one side where nelson2 is 9.
 */
export const SPC_RULE_IDS = ['we1', 'we2', 'we3', 'we4', 'nelson1', 'nelson2', 'nelson3', 'nelson4', 'nelson5', 'nelson6', 'nelson7', 'nelson8'] as const;
export const SpcRuleId = z.enum(SPC_RULE_IDS);
export type SpcRuleId = z.infer<typeof SpcRuleId>;
export const WESTERN_ELECTRIC_RULES: readonly SpcRuleId[] = ['we1', 'we2', 'we3', 'we4'];
export const NELSON_RULES: readonly SpcRuleId[] = ['nelson1', 'nelson2', 'nelson3', 'nelson4', 'nelson5', 'nelson6', 'nelson7', 'nelson8'];
/** A characteristic's selected rules: no duplicates, at most all twelve. */
export const SpcRuleSet = z
  .array(SpcRuleId)
  .max(SPC_RULE_IDS.length)
  .refine((ids) => new Set(ids).size === ids.length, 'factory.validation.spc_rule_twice');
export type SpcRuleSet = z.infer<typeof SpcRuleSet>;

/**
 * How the within-subgroup σ was estimated: R̄/d2 (X̄-R), S̄/c4 (X̄-S), MR̄/d2 with d2(2) = 1.128 (I-MR). p and u
 * charts have no σ of the process: their limits come from the binomial or Poisson model at each point's size.
 */
export const SigmaMethod = z.enum(['rbar_d2', 'sbar_c4', 'mrbar_d2']);
export type SigmaMethod = z.infer<typeof SigmaMethod>;

/** One chart's centre line and 3σ limits. A limit that would fall below 0 for a range, σ, p or u is 0. */
export const SpcLine = z.object({ centre: z.number(), ucl: z.number(), lcl: z.number() });
export type SpcLine = z.infer<typeof SpcLine>;

/**
 * Limits computed once from a phase-I study and then stored (frozen) by the caller: charting a new window reads
 * them and never recomputes them from that window.
 * - variables charts: `location` is the X̄ or I chart, `spread` the R, S or MR chart, `sigma` the within σ and
 *   `sigmaMethod` how it was estimated, `subgroupSize` n (1 for I-MR);
 * - p and u charts: `location.centre` is p̄ or ū; its ucl/lcl are those at the study's average size (for a legend);
 *   each point's own limits come from its size. `spread`, `sigma` and `sigmaMethod` are null.
 */
export const SpcLimits = z.object({
  kind: SpcChartKind,
  subgroupSize: z.number().int().positive().nullable(),
  location: SpcLine,
  spread: SpcLine.nullable(),
  sigma: z.number().nullable(),
  sigmaMethod: SigmaMethod.nullable(),
  /** Subgroups (or samples) in the study, and for p/u the average sample size the legend limits are drawn for. */
  studySubgroups: z.number().int().positive(),
  averageSize: z.number().positive().nullable(),
});
export type SpcLimits = z.infer<typeof SpcLimits>;

/** One plotted point with its own limits (they differ from point to point on p and u charts with varying sizes). */
export const SpcPoint = z.object({ index: z.number().int().nonnegative(), value: z.number(), centre: z.number(), ucl: z.number(), lcl: z.number() });
export type SpcPoint = z.infer<typeof SpcPoint>;

/**
 * A rule violation: the rule, the chart it is on (`location`: X̄, I, p, u; `spread`: R, S, MR — only the
 * beyond-limits test runs there), the indexes of the points that make the pattern, and the point that completed
 * it (the last of them; where the violation is reported and marked).
 */
export const SpcViolation = z.object({
  rule: SpcRuleId,
  chart: z.enum(['location', 'spread']),
  points: z.array(z.number().int().nonnegative()),
  trigger: z.number().int().nonnegative(),
});
export type SpcViolation = z.infer<typeof SpcViolation>;

/** A charted window: its points against the frozen limits, and the violations of the selected rules. */
export const SpcChart = z.object({
  kind: SpcChartKind,
  limits: SpcLimits,
  location: z.array(SpcPoint),
  /** R, S or MR points (the first I-MR point has no moving range: MR points start at index 1). Empty for p and u. */
  spread: z.array(SpcPoint),
  violations: z.array(SpcViolation),
});
export type SpcChart = z.infer<typeof SpcChart>;

/** Cp/Cpk (within σ) and Pp/Ppk (overall σ). An index that needs a missing specification limit is null. */
export const SpcCapability = z.object({
  n: z.number().int().nonnegative(),
  mean: z.number(),
  lsl: z.number().nullable(),
  usl: z.number().nullable(),
  withinSigma: z.number(),
  withinMethod: SigmaMethod,
  /** Sample standard deviation (n − 1) of all values. */
  overallSigma: z.number(),
  cp: z.number().nullable(),
  cpl: z.number().nullable(),
  cpu: z.number().nullable(),
  cpk: z.number().nullable(),
  pp: z.number().nullable(),
  ppl: z.number().nullable(),
  ppu: z.number().nullable(),
  ppk: z.number().nullable(),
});
export type SpcCapability = z.infer<typeof SpcCapability>;

/** A capability histogram: `edges` has one more entry than `counts`; the last bin includes its upper edge. */
export const SpcHistogram = z.object({ edges: z.array(z.number()), counts: z.array(z.number().int().nonnegative()), below: z.number().int(), above: z.number().int() });
export type SpcHistogram = z.infer<typeof SpcHistogram>;
