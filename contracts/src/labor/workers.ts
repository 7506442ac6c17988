import { z } from 'zod';
import { bool, pageOf, PageQuery, text } from '../common';
import { RegionCode } from '../regions';
import { Phone } from '../identity/schemas';
import { TextRef } from '../messages/core';

// ---- occupations (职业分类大典 2022, a shipped subset) -------------------------------------------------------
/** 6-18-01-01 (occupation), 6-18-01 (minor group), 6-18 (medium group) or 6 (major group). */
export const OccupationCode = z
  .string()
  .trim()
  .regex(/^\d(-\d{2}){0,3}$/, 'labor.validation.occupation_code');
export const OccupationLevel = z.enum(['major', 'medium', 'minor', 'occupation']);
export const Occupation = z.object({
  code: z.string(),
  name: z.string(),
  en: z.string(),
  level: OccupationLevel,
  /** Occupations, and the few minor groups offered where the subset has no single occupation (e.g. weaving). */
  selectable: z.boolean(),
  majorCode: z.string(),
  majorName: z.string().nullable(),
  mediumCode: z.string().nullable(),
  mediumName: z.string().nullable(),
  minorCode: z.string().nullable(),
  minorName: z.string().nullable(),
  /** Where the code was checked (see server/data/occupations/README.md). */
  ref: z.string().nullable(),
});
export type Occupation = z.infer<typeof Occupation>;
export const OccupationQuery = z.object({
  q: z.string().trim().max(50).optional(),
  /** Only entries under this group code, e.g. 6-18. */
  group: OccupationCode.optional(),
  selectable: z.enum(['true', 'false']).optional(),
});

// ---- workers (劳动力) ------------------------------------------------------------------------------------
export const WorkerStatus = z.enum(['unemployed', 'employed_local', 'employed_out_of_province', 'self_employed', 'public_welfare_post', 'in_training', 'unable_to_work']);
export type WorkerStatus = z.infer<typeof WorkerStatus>;
export const Education = z.enum(['none', 'primary', 'junior_secondary', 'senior_secondary', 'secondary_vocational', 'college', 'bachelor', 'postgraduate']);
export type Education = z.infer<typeof Education>;
/** National vocational skill levels: 五级/初级工 … 一级/高级技师; none: experience without a level. */
export const SkillLevel = z.enum(['none', 'level5', 'level4', 'level3', 'level2', 'level1']);
export type SkillLevel = z.infer<typeof SkillLevel>;
export const WorkAbility = z.enum(['full', 'partial', 'unable']);
/** 防返贫监测对象: 脱贫不稳定户, 边缘易致贫户, 突发严重困难户. */
export const MonitoringCategory = z.enum(['unstable', 'marginal', 'sudden_hardship']);
export type MonitoringCategory = z.infer<typeof MonitoringCategory>;
export const IsoDate = z.iso.date();

export const SkillInput = z.object({ code: OccupationCode, level: SkillLevel.default('none') });
export const CertificateInput = z.object({
  name: text(60),
  occupationCode: OccupationCode.nullish(),
  level: SkillLevel.nullish(),
  issuedOn: IsoDate.nullish(),
});
export const NeedsInput = z.object({
  occupations: z.array(OccupationCode).max(10).default([]),
  regions: z.array(RegionCode).max(10).default([]),
  minMonthlyWage: z.number().int().min(0).max(100_000).nullish(),
  needsHousing: z.boolean().default(false),
  availableFrom: IsoDate.nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type NeedsInput = z.infer<typeof NeedsInput>;

export const WorkerInput = z.object({
  /** The owning bureau; defaults to the signed-in user's organisation. */
  orgId: z.uuid().optional(),
  caseworkerId: z.uuid().nullish(),
  /** GB 11643 number; checked (check digit, birth date, region) by the server, which derives sex and birth date. */
  idNumber: z.string().trim().min(1).max(30),
  name: text(40),
  phone: Phone.nullish(),
  homeRegionCode: RegionCode,
  homeVillage: z.string().trim().max(50).nullish(),
  registeredPoor: z.boolean().default(false),
  monitoringCategory: MonitoringCategory.nullish(),
  education: Education.default('junior_secondary'),
  skills: z.array(SkillInput).max(20).default([]),
  certificates: z.array(CertificateInput).max(20).default([]),
  workAbility: WorkAbility.default('full'),
  disability: z.string().trim().max(200).nullish(),
  status: WorkerStatus.default('unemployed'),
  statusSince: IsoDate.optional(),
  needs: NeedsInput.default({ occupations: [], regions: [], needsHousing: false }),
  consentShare: z.boolean().default(false),
});
export type WorkerInput = z.infer<typeof WorkerInput>;
/** Status and consent have their own routes (history, who and when); everything else may change here. */
export const WorkerPatch = z.object({
  caseworkerId: z.uuid().nullable().optional(),
  idNumber: z.string().trim().min(1).max(30).optional(),
  name: text(40).optional(),
  phone: Phone.nullable().optional(),
  homeRegionCode: RegionCode.optional(),
  homeVillage: z.string().trim().max(50).nullable().optional(),
  registeredPoor: z.boolean().optional(),
  monitoringCategory: MonitoringCategory.nullable().optional(),
  education: Education.optional(),
  skills: z.array(SkillInput).max(20).optional(),
  certificates: z.array(CertificateInput).max(20).optional(),
  workAbility: WorkAbility.optional(),
  disability: z.string().trim().max(200).nullable().optional(),
  needs: NeedsInput.optional(),
});
export type WorkerPatch = z.infer<typeof WorkerPatch>;

export const Skill = z.object({ code: z.string(), name: z.string().nullable(), level: SkillLevel });
export const Certificate = z.object({ name: z.string(), occupationCode: z.string().nullable(), level: SkillLevel.nullable(), issuedOn: z.string().nullable() });
export const Needs = z.object({
  occupations: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  regions: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  minMonthlyWage: z.number().int().nullable(),
  needsHousing: z.boolean(),
  availableFrom: z.string().nullable(),
  note: z.string().nullable(),
});

/**
 * A worker as the API shows it. Personal data is always masked; the clear values only through the audited reveal.
 * `access: partner` — a record another region shared: no ID number, phone or 建档立卡 status unless the worker
 * consented, the home region only to the county, and no village, monitoring category, disability or caseworker.
 * There is no birth date: with the masked number's first and last four digits it would rebuild the number.
 */
export const Worker = z.object({
  id: z.uuid(),
  access: z.enum(['owner', 'partner']),
  orgId: z.uuid(),
  orgName: z.string(),
  caseworkerId: z.uuid().nullable(),
  caseworkerName: z.string().nullable(),
  nameMasked: z.string(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  gender: z.enum(['male', 'female']),
  age: z.number().int(),
  homeRegionCode: z.string(),
  homeRegionName: z.string().nullable(),
  homeVillage: z.string().nullable(),
  /**
   * 建档立卡 (registered-poor household): sensitive personal information. null for a partner unless the worker
   * consented to sharing; the partner's filters and figures do not count it either.
   */
  registeredPoor: z.boolean().nullable(),
  monitoringCategory: MonitoringCategory.nullable(),
  education: Education,
  skills: z.array(Skill),
  certificates: z.array(Certificate),
  workAbility: WorkAbility,
  disability: z.string().nullable(),
  status: WorkerStatus,
  statusSince: z.string(),
  needs: Needs,
  consent: z.object({ given: z.boolean(), at: z.string().nullable(), byName: z.string().nullable() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Worker = z.infer<typeof Worker>;
export const WorkerQuery = PageQuery.extend({
  status: WorkerStatus.optional(),
  /** Home region code prefix: 500229 (county), 500229106 (town). */
  region: z
    .string()
    .trim()
    .regex(/^\d{2,12}$/, 'labor.validation.region_prefix')
    .optional(),
  registeredPoor: bool.optional(),
  monitored: bool.optional(),
  /** A skill or a wanted occupation with this code (or under this group). */
  occupation: OccupationCode.optional(),
  orgId: z.uuid().optional(),
  caseworkerId: z.uuid().optional(),
  consent: bool.optional(),
  /** true: own workers with a follow-up due (within 14 days) or overdue and not recorded; false: own workers with none. */
  followUpDue: bool.optional(),
  /** own: records of the own scope; shared: records partners shared with it. Default both. */
  source: z.enum(['own', 'shared']).optional(),
});
export type WorkerQuery = z.infer<typeof WorkerQuery>;
export const WorkerPage = pageOf(Worker);

export const StatusChangeInput = z.object({
  status: WorkerStatus,
  /** Defaults to today; not in the future, not before the latest recorded change. */
  effectiveOn: IsoDate.optional(),
  reason: text(200),
});
export const StatusHistoryEntry = z.object({
  id: z.number().int(),
  status: WorkerStatus,
  previousStatus: WorkerStatus.nullable(),
  effectiveOn: z.string(),
  /** The reason a person typed, or the server's English text of reasonRef (the web renders reasonRef when present). */
  reason: z.string().nullable(),
  reasonRef: TextRef.nullable(),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
});
export const ConsentInput = z.object({ consent: z.boolean() });
export const WorkerRevealInput = z.object({ field: z.enum(['idNumber', 'phone', 'name']) });
