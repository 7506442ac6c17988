import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { RegionCode } from '../regions';
import { IsoDate, OccupationCode, SkillLevel, WorkerStatus } from './workers';

// ---- skills training (技能培训) -------------------------------------------------------------------------------
export const TrainingProvider = z.object({ orgId: z.uuid().nullable(), name: z.string(), kind: z.string().nullable() });
export type TrainingProvider = z.infer<typeof TrainingProvider>;
const classFields = {
  title: text(80),
  occupationCode: OccupationCode,
  startsOn: IsoDate,
  endsOn: IsoDate,
  place: z.string().trim().max(200).nullish(),
  capacity: z.number().int().min(1).max(1000),
  note: z.string().trim().max(1000).nullish(),
};
export const TrainingClassInput = z.object({
  /** The bureau keeping the class; defaults to the signed-in user's organisation. */
  orgId: z.uuid().optional(),
  /** A training provider or school on the platform, or a provider's name. */
  providerOrgId: z.uuid().nullish(),
  providerName: z.string().trim().max(100).nullish(),
  ...classFields,
});
export type TrainingClassInput = z.infer<typeof TrainingClassInput>;
export const TrainingClassPatch = z.object({
  providerOrgId: z.uuid().nullable().optional(),
  providerName: z.string().trim().max(100).nullable().optional(),
  title: classFields.title.optional(),
  occupationCode: classFields.occupationCode.optional(),
  startsOn: IsoDate.optional(),
  endsOn: IsoDate.optional(),
  place: z.string().trim().max(200).nullable().optional(),
  capacity: classFields.capacity.optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type TrainingClassPatch = z.infer<typeof TrainingClassPatch>;
export const TrainingClass = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  providerOrgId: z.uuid().nullable(),
  providerName: z.string(),
  title: z.string(),
  occupationCode: z.string(),
  occupationName: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  place: z.string().nullable(),
  capacity: z.number().int(),
  note: z.string().nullable(),
  /** Participants not dropped. */
  enrolled: z.number().int(),
  passed: z.number().int(),
  certified: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TrainingClass = z.infer<typeof TrainingClass>;
export const TrainingClassQuery = PageQuery.extend({
  occupation: OccupationCode.optional(),
  /** Classes running on this day. */
  on: IsoDate.optional(),
  providerOrgId: z.uuid().optional(),
});
export type TrainingClassQuery = z.infer<typeof TrainingClassQuery>;
export const TrainingClassPage = pageOf(TrainingClass);

export const ParticipantStatus = z.enum(['enrolled', 'passed', 'failed', 'dropped']);
export const Participant = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  classTitle: z.string(),
  workerId: z.uuid(),
  workerNameMasked: z.string(),
  workerStatus: WorkerStatus,
  status: ParticipantStatus,
  enrolledOn: z.string(),
  completedOn: z.string().nullable(),
  note: z.string().nullable(),
  certificate: z.object({ name: z.string(), number: z.string(), issuedOn: z.string() }).nullable(),
});
export type Participant = z.infer<typeof Participant>;
export const EnrolInput = z.object({ workerId: z.uuid(), enrolledOn: IsoDate.optional() });
export const CompletionInput = z.object({
  result: ParticipantStatus.exclude(['enrolled']),
  /** Defaults to today (not in the future). */
  completedOn: IsoDate.optional(),
  note: z.string().trim().max(500).nullish(),
});
export const TrainingCertificateInput = z.object({
  name: text(60),
  /** The certificate's own number (not an ID number). */
  number: text(40),
  issuedOn: IsoDate,
  level: SkillLevel.nullish(),
});

// ---- employment-assistance workshops (就业帮扶车间) ------------------------------------------------------------
const workshopFields = {
  name: text(80),
  enterpriseOrgId: z.uuid().nullish(),
  enterpriseName: z.string().trim().max(100).nullish(),
  regionCode: RegionCode,
  address: z.string().trim().max(200).nullish(),
  products: z.string().trim().max(500).nullish(),
  recognisedOn: IsoDate.nullish(),
  note: z.string().trim().max(1000).nullish(),
};
export const WorkshopInput = z.object({ orgId: z.uuid().optional(), ...workshopFields });
export type WorkshopInput = z.infer<typeof WorkshopInput>;
export const WorkshopPatch = z.object({
  name: workshopFields.name.optional(),
  enterpriseOrgId: z.uuid().nullable().optional(),
  enterpriseName: z.string().trim().max(100).nullable().optional(),
  regionCode: RegionCode.optional(),
  address: z.string().trim().max(200).nullable().optional(),
  products: z.string().trim().max(500).nullable().optional(),
  recognisedOn: IsoDate.nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type WorkshopPatch = z.infer<typeof WorkshopPatch>;
export const WorkshopWorker = z.object({
  id: z.uuid(),
  workerId: z.uuid(),
  workerNameMasked: z.string(),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  leaveReason: z.string().nullable(),
});
export type WorkshopWorker = z.infer<typeof WorkshopWorker>;
export const Workshop = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  enterpriseOrgId: z.uuid().nullable(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string().nullable(),
  products: z.string().nullable(),
  recognisedOn: z.string().nullable(),
  note: z.string().nullable(),
  /** Workers employed there now. */
  workerCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Workshop = z.infer<typeof Workshop>;
export const WorkshopDetail = Workshop.extend({ workers: z.array(WorkshopWorker) });
export type WorkshopDetail = z.infer<typeof WorkshopDetail>;
export const WorkshopQuery = PageQuery.extend({
  region: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, 'labor.validation.region_prefix')
    .optional(),
});
export type WorkshopQuery = z.infer<typeof WorkshopQuery>;
export const WorkshopPage = pageOf(Workshop);
export const WorkshopJoinInput = z.object({ workerId: z.uuid(), joinedOn: IsoDate.optional() });
export const WorkshopLeaveInput = z.object({
  leftOn: IsoDate.optional(),
  reason: text(200),
  /** Record the worker's new status at the same time (e.g. unemployed), with the reason. */
  status: WorkerStatus.optional(),
});
export const WorkshopWorkerParams = z.object({ id: z.uuid(), workerId: z.uuid() });

// ---- public-welfare posts (公益性岗位) -------------------------------------------------------------------------
const postFields = {
  postName: text(80),
  unitName: z.string().trim().max(100).nullish(),
  regionCode: RegionCode,
  /** e.g. 东西部协作资金. */
  fundingSource: text(80),
  holderWorkerId: z.uuid().nullish(),
  termFrom: IsoDate,
  termTo: IsoDate,
  /** Yuan per month. */
  monthlySubsidy: z.number().int().min(0).max(100_000),
  note: z.string().trim().max(1000).nullish(),
};
export const WelfarePostInput = z.object({ orgId: z.uuid().optional(), ...postFields });
export type WelfarePostInput = z.infer<typeof WelfarePostInput>;
export const WelfarePostPatch = z.object({
  postName: postFields.postName.optional(),
  unitName: z.string().trim().max(100).nullable().optional(),
  regionCode: RegionCode.optional(),
  fundingSource: postFields.fundingSource.optional(),
  holderWorkerId: z.uuid().nullable().optional(),
  termFrom: IsoDate.optional(),
  termTo: IsoDate.optional(),
  monthlySubsidy: postFields.monthlySubsidy.optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type WelfarePostPatch = z.infer<typeof WelfarePostPatch>;
export const WelfarePost = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  postName: z.string(),
  unitName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  fundingSource: z.string(),
  holderWorkerId: z.uuid().nullable(),
  holderNameMasked: z.string().nullable(),
  termFrom: z.string(),
  termTo: z.string(),
  monthlySubsidy: z.number().int(),
  /** Within its term today. */
  current: z.boolean(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WelfarePost = z.infer<typeof WelfarePost>;
export const WelfarePostQuery = PageQuery.extend({
  fundingSource: z.string().trim().max(80).optional(),
  current: z.enum(['true', 'false']).optional(),
  holderWorkerId: z.uuid().optional(),
});
export type WelfarePostQuery = z.infer<typeof WelfarePostQuery>;
export const WelfarePostPage = pageOf(WelfarePost);
