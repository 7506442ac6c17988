// No zod here: the web imports these at run time (@gearbridge/contracts/labor/referral-view) without the schemas.
import type { Referral } from './referrals';
/**
 * What the employer's side sees of a worker referred to it: every field of Referral, grouped as the referral dialog
 * lists them under "the employer will see". A referral shares no record — this holds whether or not the worker
 * consented to sharing with the partner region — and the dialog lists REFERRAL_EMPLOYER_HIDDEN as what it will not see.
 */
export const REFERRAL_EMPLOYER_VIEW = {
  /** An identifier and the surname only (王**). */
  surname: ['workerId', 'workerNameMasked'],
  /** The referring bureau. */
  bureau: ['workerOrgName'],
  /** The posting and the employer. */
  posting: ['postingId', 'postingTitle', 'employerName'],
  /** The referral: its stage, dates, and the stage and reason when declined. */
  stages: ['id', 'status', 'recommendedAt', 'contactedAt', 'interviewedAt', 'hiredAt', 'startedOn', 'declinedAt', 'declinedStage', 'declinedReason'],
  /** The referring caseworker's note (as written, or the platform's own in the reader's language), and the note of the last step. */
  note: ['note', 'noteRef', 'stepNote'],
} as const satisfies Record<string, readonly (keyof Referral)[]>;
/** What the employer's side does not see of a referred worker (labels of the referral dialog). */
export const REFERRAL_EMPLOYER_HIDDEN = ['name', 'idNumber', 'phone', 'ageSex', 'home', 'registeredPoor', 'monitoring', 'ability', 'skills', 'record'] as const;
