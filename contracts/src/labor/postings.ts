import { z } from 'zod';
import { bool, pageOf, PageQuery, text } from '../common';
import { RegionCode } from '../regions';
import { IsoDate, OccupationCode } from './workers';

// ---- postings (用工需求) -----------------------------------------------------------------------------------
export const PostingStatus = z.enum(['open', 'closed']);
const postingFields = {
  title: text(80),
  occupationCode: OccupationCode,
  headcount: z.number().int().min(1).max(10_000),
  wageMin: z.number().int().min(0).max(100_000),
  wageMax: z.number().int().min(0).max(100_000),
  workRegionCode: RegionCode,
  workAddress: z.string().trim().max(200).nullish(),
  requirements: z.string().trim().max(1000).nullish(),
  requiredCertificates: z.array(text(60)).max(10),
  ageMin: z.number().int().min(16).max(70).nullish(),
  ageMax: z.number().int().min(16).max(70).nullish(),
  housing: z.boolean(),
  meals: z.boolean(),
  /** 交通补贴, yuan per person. */
  transportSubsidy: z.number().int().min(0).max(10_000),
  validFrom: IsoDate,
  validTo: IsoDate,
};
export const PostingInput = z.object({
  /** The employer; defaults to the signed-in user's organisation. Officials post for employers in their regions. */
  orgId: z.uuid().optional(),
  ...postingFields,
  requiredCertificates: postingFields.requiredCertificates.default([]),
  housing: postingFields.housing.default(false),
  meals: postingFields.meals.default(false),
  transportSubsidy: postingFields.transportSubsidy.default(0),
});
export type PostingInput = z.infer<typeof PostingInput>;
export const PostingPatch = z.object({
  title: postingFields.title.optional(),
  occupationCode: postingFields.occupationCode.optional(),
  headcount: postingFields.headcount.optional(),
  wageMin: postingFields.wageMin.optional(),
  wageMax: postingFields.wageMax.optional(),
  workRegionCode: postingFields.workRegionCode.optional(),
  workAddress: z.string().trim().max(200).nullable().optional(),
  requirements: z.string().trim().max(1000).nullable().optional(),
  requiredCertificates: postingFields.requiredCertificates.optional(),
  ageMin: z.number().int().min(16).max(70).nullable().optional(),
  ageMax: z.number().int().min(16).max(70).nullable().optional(),
  housing: z.boolean().optional(),
  meals: z.boolean().optional(),
  transportSubsidy: postingFields.transportSubsidy.optional(),
  validFrom: IsoDate.optional(),
  validTo: IsoDate.optional(),
  status: PostingStatus.optional(),
});
export type PostingPatch = z.infer<typeof PostingPatch>;
export const Posting = z.object({
  id: z.uuid(),
  access: z.enum(['owner', 'partner']),
  orgId: z.uuid(),
  orgName: z.string(),
  postedByOrgId: z.uuid(),
  postedByOrgName: z.string(),
  title: z.string(),
  occupationCode: z.string(),
  occupationName: z.string().nullable(),
  headcount: z.number().int(),
  openHeadcount: z.number().int(),
  wageMin: z.number().int(),
  wageMax: z.number().int(),
  workRegionCode: z.string(),
  workRegionName: z.string().nullable(),
  workAddress: z.string().nullable(),
  requirements: z.string().nullable(),
  requiredCertificates: z.array(z.string()),
  ageMin: z.number().int().nullable(),
  ageMax: z.number().int().nullable(),
  housing: z.boolean(),
  meals: z.boolean(),
  transportSubsidy: z.number().int(),
  validFrom: z.string(),
  validTo: z.string(),
  status: PostingStatus,
  /** Open, within its validity today, and with headcount left. */
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Posting = z.infer<typeof Posting>;
export const PostingQuery = PageQuery.extend({
  status: PostingStatus.optional(),
  occupation: OccupationCode.optional(),
  /** Work region code prefix. */
  region: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, 'labor.validation.region_prefix')
    .optional(),
  orgId: z.uuid().optional(),
  active: bool.optional(),
  source: z.enum(['own', 'shared']).optional(),
});
export type PostingQuery = z.infer<typeof PostingQuery>;
export const PostingPage = pageOf(Posting);
