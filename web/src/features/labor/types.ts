// The labour API's shapes, inferred from the shared zod schemas (contracts/src/labor.ts): nothing is redeclared
// here. Type-only imports keep zod out of the browser bundle.
import type { z } from 'zod';
import type * as Labor from '@gearbridge/contracts/labor';

export type Occupation = Labor.Occupation;

export type Worker = Labor.Worker;
export type WorkerStatus = Labor.WorkerStatus;
export type Education = Labor.Education;
export type SkillLevel = Labor.SkillLevel;
export type MonitoringCategory = Labor.MonitoringCategory;
export type WorkAbility = z.infer<typeof Labor.WorkAbility>;
export type WorkerInput = z.input<typeof Labor.WorkerInput>;
export type WorkerPatch = z.input<typeof Labor.WorkerPatch>;
export type WorkerQuery = Partial<z.infer<typeof Labor.WorkerQuery>>;
export type StatusChangeInput = z.input<typeof Labor.StatusChangeInput>;
export type StatusHistoryEntry = z.infer<typeof Labor.StatusHistoryEntry>;
export type RevealField = z.infer<typeof Labor.WorkerRevealInput>['field'];

export type Posting = Labor.Posting;
export type PostingStatus = z.infer<typeof Labor.PostingStatus>;
export type PostingInput = z.input<typeof Labor.PostingInput>;
export type PostingPatch = z.input<typeof Labor.PostingPatch>;
export type PostingQuery = Partial<z.infer<typeof Labor.PostingQuery>>;

export type Share = Labor.Share;
export type LaborPartner = Labor.LaborPartner;
export type ShareKind = z.infer<typeof Labor.ShareKind>;
export type ShareInput = z.input<typeof Labor.ShareInput>;
export type ShareQuery = Partial<z.infer<typeof Labor.ShareQuery>>;
export type SharesCreated = z.infer<typeof Labor.SharesCreated>;

export type Referral = Labor.Referral;
export type ReferralStatus = Labor.ReferralStatus;
export type ReferralInput = z.input<typeof Labor.ReferralInput>;
export type ReferralAdvance = z.input<typeof Labor.ReferralAdvance>;
export type ReferralQuery = Partial<z.infer<typeof Labor.ReferralQuery>>;

export type RetentionReport = Labor.RetentionReport;
export type LaborStats = Labor.LaborStats;
