// The talent API's shapes, inferred from the shared zod schemas (contracts/src/talent): nothing is redeclared here.
// Type-only imports keep zod out of the browser bundle.
import type { z } from 'zod';
import type * as C from '@gearbridge/contracts/talent';

export type Person = C.Person;
export type PersonKind = C.PersonKind;
export type Sector = C.Sector;
export type Availability = C.Availability;
export type PersonInput = z.input<typeof C.PersonInput>;
export type PersonPatch = z.input<typeof C.PersonPatch>;
export type PersonQuery = Partial<z.infer<typeof C.PersonQuery>>;
export type RevealField = z.infer<typeof C.PersonRevealInput>['field'];

export type Secondment = C.Secondment;
export type Direction = C.Direction;
export type SecondmentInput = z.input<typeof C.SecondmentInput>;
export type SecondmentPatch = z.input<typeof C.SecondmentPatch>;
export type SecondmentQuery = Partial<z.infer<typeof C.SecondmentQuery>>;
export type SecondmentReport = C.SecondmentReport;

export type Pairing = C.Pairing;
export type PairingKind = C.PairingKind;
export type PairingQuery = Partial<z.infer<typeof C.PairingQuery>>;
export type PairingInput = z.input<typeof C.PairingInput>;
export type AgreementInput = z.input<typeof C.AgreementInput>;
export type Partnership = C.Partnership;
export type Programme = C.Programme;
export type ExchangeCounts = C.ExchangeCounts;
export type TalentOrg = C.TalentOrg;

export type Demand = C.Demand;
export type DemandInput = z.input<typeof C.DemandInput>;
export type DemandQuery = Partial<z.infer<typeof C.DemandQuery>>;
export type Fulfilment = C.Fulfilment;
export type DemandCandidate = C.DemandCandidate;
export type MatchItem = C.MatchItem;
export type Dispatch = C.Dispatch;
export type DispatchQuery = Partial<z.infer<typeof C.DispatchQuery>>;
export type DispatchDecision = z.input<typeof C.DispatchDecision>;

export type Activity = C.Activity;
export type ActivityKind = C.ActivityKind;
export type ActivityInput = z.input<typeof C.ActivityInput>;
export type ActivityQuery = Partial<z.infer<typeof C.ActivityQuery>>;
export type SignIn = C.SignIn;
export type PublicActivity = C.PublicActivity;
export type SignInInput = z.input<typeof C.SignInInput>;
export type SignInResult = C.SignInResult;
export type Outcome = C.Outcome;
export type OutcomeQuery = Partial<z.infer<typeof C.OutcomeQuery>>;
export type CollabStats = C.CollabStats;
export type StatsScope = C.StatsScope;
export type CollabFigures = C.CollabFigures;

export type Mentorship = C.Mentorship;
export type MentorshipQuery = Partial<z.infer<typeof C.MentorshipQuery>>;
export type MentoringLogInput = z.input<typeof C.MentoringLogInput>;
export type MentorshipInput = z.input<typeof C.MentorshipInput>;

export type Plan = C.Plan;
export type PlanInput = z.input<typeof C.PlanInput>;
export type PlanItem = C.PlanItem;
export type PlanArea = C.PlanArea;
export type PlanStatus = C.PlanStatus;
export type PlanItemInput = z.input<typeof C.PlanItemInput>;
export type PlanItemPatch = z.input<typeof C.PlanItemPatch>;
export type PlanItemQuery = Partial<z.infer<typeof C.PlanItemQuery>>;
export type PlanNoteInput = z.input<typeof C.PlanNoteInput>;
export type PlanReopenInput = z.input<typeof C.PlanReopenInput>;
export type Visit = C.Visit;
export type VisitKind = C.VisitKind;
export type VisitInput = z.input<typeof C.VisitInput>;
export type VisitPatch = z.input<typeof C.VisitPatch>;
export type FollowUpInput = z.input<typeof C.FollowUpInput>;
export type VisitQuery = Partial<z.infer<typeof C.VisitQuery>>;
