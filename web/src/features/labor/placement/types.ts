// The placement-side API shapes (matching, allocation, follow-ups, alerts, retention, training), inferred from the
// shared zod schemas in contracts/src/labor-{matching,followups,training}.ts. Type-only: no zod in the bundle.
import type { z } from 'zod';
import type * as Labor from '@gearbridge/contracts/labor';

export type ScoreExplanation = Labor.ScoreExplanation;
export type PostingRecommendation = Labor.PostingRecommendation;
export type WorkerRecommendation = Labor.WorkerRecommendation;

export type AllocationMode = z.infer<typeof Labor.AllocationMode>;
export type AllocationStatus = z.infer<typeof Labor.AllocationStatus>;
export type Allocation = Labor.Allocation;
export type AllocationDetail = Labor.AllocationDetail;
export type AllocationEntry = Labor.AllocationEntry;
export type AllocationPosting = Labor.AllocationPosting;
export type AllocationInput = z.input<typeof Labor.AllocationInput>;
export type AllocationQuery = Partial<z.infer<typeof Labor.AllocationQuery>>;

export type FollowUp = Labor.FollowUp;
export type FollowUpOutcome = Labor.FollowUpOutcome;
export type FollowUpQuery = Partial<z.infer<typeof Labor.FollowUpQuery>>;
export type FollowUpOutcomeInput = z.input<typeof Labor.FollowUpOutcomeInput>;
export type ContactMethod = z.infer<typeof Labor.ContactMethod>;

export type RelapseAlert = Labor.RelapseAlert;
export type AlertQuery = Partial<z.infer<typeof Labor.AlertQuery>>;

export type RetentionQuery = Partial<z.infer<typeof Labor.RetentionQuery>>;
export type RetentionReport = Labor.RetentionReport;
export type RetentionGroup = z.infer<typeof Labor.RetentionGroup>;
export type RetentionFigures = z.infer<typeof Labor.RetentionFigures>;

export type TrainingProvider = Labor.TrainingProvider;
export type TrainingClass = Labor.TrainingClass;
export type TrainingClassInput = z.input<typeof Labor.TrainingClassInput>;
export type TrainingClassQuery = Partial<z.infer<typeof Labor.TrainingClassQuery>>;
export type Participant = Labor.Participant;
export type ParticipantStatus = z.infer<typeof Labor.ParticipantStatus>;
export type EnrolInput = z.input<typeof Labor.EnrolInput>;
export type CompletionInput = z.input<typeof Labor.CompletionInput>;
export type TrainingCertificateInput = z.input<typeof Labor.TrainingCertificateInput>;
export type Workshop = Labor.Workshop;
export type WorkshopDetail = Labor.WorkshopDetail;
export type WorkshopWorker = Labor.WorkshopWorker;
export type WorkshopInput = z.input<typeof Labor.WorkshopInput>;
export type WorkshopQuery = Partial<z.infer<typeof Labor.WorkshopQuery>>;
export type WorkshopJoinInput = z.input<typeof Labor.WorkshopJoinInput>;
export type WorkshopLeaveInput = z.input<typeof Labor.WorkshopLeaveInput>;
export type WelfarePost = Labor.WelfarePost;
export type WelfarePostInput = z.input<typeof Labor.WelfarePostInput>;
export type WelfarePostQuery = Partial<z.infer<typeof Labor.WelfarePostQuery>>;
