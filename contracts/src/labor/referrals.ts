import { z } from 'zod';
import { pageOf, PageQuery } from '../common';
import { MessageParams, TextRef } from '../messages/core';
import { IsoDate } from './workers';

// ---- referrals (推荐就业) -----------------------------------------------------------------------------------
/** recommended → contacted → interviewed → hired → started; declined (with a reason) at any stage before the start. */
export const ReferralStatus = z.enum(['recommended', 'contacted', 'interviewed', 'hired', 'declined', 'started']);
export type ReferralStatus = z.infer<typeof ReferralStatus>;
export const ReferralInput = z.object({ workerId: z.uuid(), postingId: z.uuid(), note: z.string().trim().max(500).nullish() });
export const ReferralAdvance = z.object({
  to: ReferralStatus.exclude(['recommended']),
  /** Required when declining. */
  reason: z.string().trim().max(200).nullish(),
  /** The start date (started); defaults to today. */
  effectiveOn: IsoDate.optional(),
});
export const Referral = z.object({
  id: z.uuid(),
  workerId: z.uuid(),
  workerNameMasked: z.string(),
  workerOrgName: z.string(),
  postingId: z.uuid(),
  postingTitle: z.string(),
  employerName: z.string(),
  status: ReferralStatus,
  /** The note a person wrote, or the server's English text of noteRef (the web renders noteRef when present). */
  note: z.string().nullable(),
  noteRef: TextRef.nullable(),
  /** The note given with the latest step (a bulk step or an imported outcome). */
  stepNote: z.string().nullable(),
  declinedStage: ReferralStatus.nullable(),
  declinedReason: z.string().nullable(),
  recommendedAt: z.string(),
  contactedAt: z.string().nullable(),
  interviewedAt: z.string().nullable(),
  hiredAt: z.string().nullable(),
  startedOn: z.string().nullable(),
  declinedAt: z.string().nullable(),
});
export type Referral = z.infer<typeof Referral>;

export const ReferralQuery = PageQuery.extend({ workerId: z.uuid().optional(), postingId: z.uuid().optional(), status: ReferralStatus.optional() });
export type ReferralQuery = z.infer<typeof ReferralQuery>;
export const ReferralPage = pageOf(Referral);

// ---- bulk steps (a job fair's outcome, many referrals at once) ---------------------------------------------------
/**
 * contacted, interviewed and hired move each referral forward to that stage, through the ones between, all on the
 * date given; started needs a hired referral; hired_started hires and starts on the same day.
 */
export const ReferralBulkStep = z.enum(['contacted', 'interviewed', 'hired', 'started', 'hired_started']);
export type ReferralBulkStep = z.infer<typeof ReferralBulkStep>;
export const REFERRAL_BULK_MAX = 500;
export const ReferralBulkAdvance = z.object({
  ids: z.array(z.uuid()).min(1).max(REFERRAL_BULK_MAX),
  step: ReferralBulkStep,
  /** The day of the step (China time); not in the future, not before the referral's previous stage. */
  on: IsoDate,
  note: z.string().trim().max(200).nullish(),
});
export type ReferralBulkAdvance = z.infer<typeof ReferralBulkAdvance>;
/** One referral's outcome: moved (with its new stage), or why not (a message key and the English text). */
export const ReferralBulkRow = z.object({
  id: z.uuid(),
  workerNameMasked: z.string().nullable(),
  postingTitle: z.string().nullable(),
  ok: z.boolean(),
  status: ReferralStatus.nullable(),
  key: z.string().optional(),
  params: MessageParams.optional(),
  message: z.string().optional(),
});
export const ReferralBulkResult = z.object({ applied: z.number().int(), skipped: z.number().int(), rows: z.array(ReferralBulkRow) });
export type ReferralBulkResult = z.infer<typeof ReferralBulkResult>;
