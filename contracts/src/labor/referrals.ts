import { z } from 'zod';
import { pageOf, PageQuery } from '../common';
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
  note: z.string().nullable(),
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
