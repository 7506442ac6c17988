// The labour API's shapes, inferred from the shared zod schemas (contracts/src/labor.ts): nothing is redeclared
// here. Type-only imports keep zod out of the browser bundle.
import type { z } from 'zod';
import type * as C from '@gearbridge/contracts/labor';

export type Occupation = C.Occupation;

export type Worker = C.Worker;
export type WorkerStatus = C.WorkerStatus;
export type Education = C.Education;
export type SkillLevel = C.SkillLevel;
export type MonitoringCategory = C.MonitoringCategory;
export type WorkAbility = z.infer<typeof C.WorkAbility>;
export type WorkerInput = z.input<typeof C.WorkerInput>;
export type WorkerPatch = z.input<typeof C.WorkerPatch>;
export type WorkerQuery = Partial<z.infer<typeof C.WorkerQuery>>;
export type StatusChangeInput = z.input<typeof C.StatusChangeInput>;
export type StatusHistoryEntry = z.infer<typeof C.StatusHistoryEntry>;
export type RevealField = z.infer<typeof C.WorkerRevealInput>['field'];

export type Posting = C.Posting;
export type PostingStatus = z.infer<typeof C.PostingStatus>;
export type PostingInput = z.input<typeof C.PostingInput>;
export type PostingPatch = z.input<typeof C.PostingPatch>;
export type PostingQuery = Partial<z.infer<typeof C.PostingQuery>>;

export type Share = C.Share;
export type LaborPartner = C.LaborPartner;
export type ShareKind = z.infer<typeof C.ShareKind>;
export type ShareInput = z.input<typeof C.ShareInput>;
export type ShareQuery = Partial<z.infer<typeof C.ShareQuery>>;
export type SharesCreated = z.infer<typeof C.SharesCreated>;

export type Referral = C.Referral;
export type ReferralStatus = C.ReferralStatus;
export type ReferralInput = z.input<typeof C.ReferralInput>;
export type ReferralAdvance = z.input<typeof C.ReferralAdvance>;
export type ReferralBulkAdvance = z.input<typeof C.ReferralBulkAdvance>;
export type ReferralBulkResult = C.ReferralBulkResult;
export type ReferralBulkStep = C.ReferralBulkStep;
export type ReferralQuery = Partial<z.infer<typeof C.ReferralQuery>>;

export type RetentionReport = C.RetentionReport;
export type LaborStats = C.LaborStats;
