import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { IsoDate } from './workers';
import { TextRef } from '../messages/core';

// ---- follow-ups of placements (稳岗回访) ------------------------------------------------------------------------
export const FollowUpMilestone = z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]);
export const FollowUpOutcome = z.enum(['same_employer', 'other_employer', 'not_employed']);
export type FollowUpOutcome = z.infer<typeof FollowUpOutcome>;
export const ContactMethod = z.enum(['phone', 'visit', 'wechat', 'other']);
export const FollowUp = z.object({
  id: z.uuid(),
  referralId: z.uuid(),
  workerId: z.uuid(),
  workerNameMasked: z.string(),
  registeredPoor: z.boolean(),
  caseworkerName: z.string().nullable(),
  employerName: z.string(),
  postingTitle: z.string(),
  startedOn: z.string(),
  milestone: z.number().int(),
  dueOn: z.string(),
  /** Not recorded and due in more than 14 days (pending), within 14 days or today (due), before today (overdue); or recorded. */
  state: z.enum(['pending', 'due', 'overdue', 'recorded']),
  outcome: FollowUpOutcome.nullable(),
  monthlyWage: z.number().int().nullable(),
  problems: z.string().nullable(),
  contactMethod: ContactMethod.nullable(),
  contactedOn: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string().nullable(),
});
export type FollowUp = z.infer<typeof FollowUp>;
export const FollowUpQuery = PageQuery.extend({
  /** open (default): not recorded yet; overdue: not recorded and past due; recorded; all. */
  state: z.enum(['open', 'overdue', 'recorded', 'all']).default('open'),
  /** Due-date window, inclusive. */
  dueFrom: IsoDate.optional(),
  dueTo: IsoDate.optional(),
  milestone: z.coerce
    .number()
    .int()
    .refine((m) => [1, 3, 6, 12].includes(m), 'labor.validation.milestone')
    .optional(),
  workerId: z.uuid().optional(),
  caseworkerId: z.uuid().optional(),
});
export type FollowUpQuery = z.infer<typeof FollowUpQuery>;
export const FollowUpPage = pageOf(FollowUp);
export const FollowUpOutcomeInput = z.object({
  outcome: FollowUpOutcome,
  /** Monthly wage in yuan; only for a worker still employed. */
  monthlyWage: z.number().int().min(0).max(100_000).nullish(),
  problems: z.string().trim().max(1000).nullish(),
  contactMethod: ContactMethod,
  /** Defaults to today; not in the future, not before the start date. */
  contactedOn: IsoDate.optional(),
});
export type FollowUpOutcomeInput = z.infer<typeof FollowUpOutcomeInput>;

// ---- anti-relapse alerts (防返贫预警) ---------------------------------------------------------------------------
export const AlertStatus = z.enum(['open', 'acknowledged', 'closed']);
export const RelapseAlert = z.object({
  id: z.uuid(),
  workerId: z.uuid(),
  workerNameMasked: z.string(),
  registeredPoor: z.boolean(),
  monitoringCategory: z.enum(['unstable', 'marginal', 'sudden_hardship']).nullable(),
  homeRegionName: z.string().nullable(),
  caseworkerId: z.uuid().nullable(),
  caseworkerName: z.string().nullable(),
  trigger: z.enum(['status_change', 'followup']),
  followUpId: z.uuid().nullable(),
  /** The reason as stored: English for a server-written one (its key in reasonRef), or the legacy text. */
  reason: z.string(),
  reasonRef: TextRef.nullable(),
  status: AlertStatus,
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  closeNote: z.string().nullable(),
});
export type RelapseAlert = z.infer<typeof RelapseAlert>;
export const AlertQuery = PageQuery.extend({
  /** live (default): open or acknowledged. */
  status: z.enum(['live', 'open', 'acknowledged', 'closed', 'all']).default('live'),
  caseworkerId: z.uuid().optional(),
  workerId: z.uuid().optional(),
});
export type AlertQuery = z.infer<typeof AlertQuery>;
export const AlertPage = pageOf(RelapseAlert);
export const AlertCloseInput = z.object({ note: text(1000) });

// ---- retention rate (稳岗率), docs/retention.md ----------------------------------------------------------------
export const RetentionQuery = z.object({
  by: z.enum(['cohort', 'region', 'enterprise']).default('cohort'),
  milestone: z.coerce
    .number()
    .int()
    .refine((m) => [1, 3, 6, 12].includes(m), 'labor.validation.milestone')
    .default(6),
  /** Cohorts (start months) from / to, YYYY-MM, inclusive. */
  from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'labor.validation.month')
    .optional(),
  to: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'labor.validation.month')
    .optional(),
  /** Region grouping: 6 digits (county) or 9 (town, default). */
  regionDigits: z.coerce
    .number()
    .int()
    .refine((n) => n === 6 || n === 9, 'labor.validation.region_digits')
    .default(9),
});
export type RetentionQuery = z.infer<typeof RetentionQuery>;
export const RetentionFigures = z.object({
  placements: z.number().int(),
  /** Milestone not reached yet: outside the rate. */
  notDue: z.number().int(),
  /** Milestone passed, follow-up not recorded: outside the rate, shown here. */
  unknown: z.number().int(),
  retained: z.number().int(),
  /** Of the retained: still with the employer of the placement. */
  sameEmployer: z.number().int(),
  lost: z.number().int(),
  /** retained / (retained + lost); null when nothing is recorded. */
  rate: z.number().nullable(),
});
export const RetentionGroup = RetentionFigures.extend({ key: z.string(), label: z.string() });
export const RetentionReport = z.object({
  by: z.enum(['cohort', 'region', 'enterprise']),
  milestone: z.number().int(),
  asOf: z.string(),
  groups: z.array(RetentionGroup),
  total: RetentionFigures,
});
export type RetentionReport = z.infer<typeof RetentionReport>;
