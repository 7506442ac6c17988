// The placement-side API shapes (matching, allocation, follow-ups, alerts, retention, training), inferred from the
// shared zod schemas in contracts/src/labor-{matching,followups,training}.ts. Type-only: no zod in the bundle.
import type { z } from 'zod';
import type * as C from '@gearbridge/contracts/labor';

export type ScoreExplanation = C.ScoreExplanation;
export type PostingRecommendation = C.PostingRecommendation;
export type WorkerRecommendation = C.WorkerRecommendation;

export type AllocationMode = z.infer<typeof C.AllocationMode>;
export type AllocationStatus = z.infer<typeof C.AllocationStatus>;
export type Allocation = C.Allocation;
export type AllocationDetail = C.AllocationDetail;
export type AllocationEntry = C.AllocationEntry;
export type AllocationPosting = C.AllocationPosting;
export type AllocationInput = z.input<typeof C.AllocationInput>;
export type AllocationQuery = Partial<z.infer<typeof C.AllocationQuery>>;

export type FollowUp = C.FollowUp;
export type FollowUpOutcome = C.FollowUpOutcome;
export type FollowUpQuery = Partial<z.infer<typeof C.FollowUpQuery>>;
export type FollowUpOutcomeInput = z.input<typeof C.FollowUpOutcomeInput>;
export type ContactMethod = z.infer<typeof C.ContactMethod>;

export type RelapseAlert = C.RelapseAlert;
export type AlertQuery = Partial<z.infer<typeof C.AlertQuery>>;

export type RetentionQuery = Partial<z.infer<typeof C.RetentionQuery>>;
export type RetentionReport = C.RetentionReport;
export type RetentionGroup = z.infer<typeof C.RetentionGroup>;
export type RetentionFigures = z.infer<typeof C.RetentionFigures>;

export type TrainingProvider = C.TrainingProvider;
export type TrainingClass = C.TrainingClass;
export type TrainingClassInput = z.input<typeof C.TrainingClassInput>;
export type TrainingClassQuery = Partial<z.infer<typeof C.TrainingClassQuery>>;
export type Participant = C.Participant;
export type ParticipantStatus = z.infer<typeof C.ParticipantStatus>;
export type EnrolInput = z.input<typeof C.EnrolInput>;
export type CompletionInput = z.input<typeof C.CompletionInput>;
export type TrainingCertificateInput = z.input<typeof C.TrainingCertificateInput>;
export type Workshop = C.Workshop;
export type WorkshopDetail = C.WorkshopDetail;
export type WorkshopWorker = C.WorkshopWorker;
export type WorkshopInput = z.input<typeof C.WorkshopInput>;
export type WorkshopQuery = Partial<z.infer<typeof C.WorkshopQuery>>;
export type WorkshopJoinInput = z.input<typeof C.WorkshopJoinInput>;
export type WorkshopLeaveInput = z.input<typeof C.WorkshopLeaveInput>;
export type WelfarePost = C.WelfarePost;
export type WelfarePostInput = z.input<typeof C.WelfarePostInput>;
export type WelfarePostQuery = Partial<z.infer<typeof C.WelfarePostQuery>>;
