import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { Phone } from '../identity/schemas';
import { Sector } from './people';
import { Direction } from './secondments';

export const ActivityKind = z.enum(['lecture', 'open_class', 'training', 'consultation', 'surgery']);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const ActivityInput = z.object({
  /** The organisation keeping the record; defaults to the actor's. */
  orgId: z.uuid().optional(),
  kind: ActivityKind,
  title: text(80),
  sector: Sector,
  direction: Direction,
  venue: text(80),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  speakerId: z.uuid().nullish(),
  programmeId: z.uuid().nullish(),
  pairingId: z.uuid().nullish(),
  dispatchId: z.uuid().nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type ActivityInput = z.infer<typeof ActivityInput>;

export const Activity = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  access: z.enum(['own', 'partner']),
  kind: ActivityKind,
  title: z.string(),
  sector: Sector,
  direction: Direction,
  venue: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  speakerId: z.uuid().nullable(),
  speakerName: z.string().nullable(),
  programmeName: z.string().nullable(),
  pairingId: z.uuid().nullable(),
  dispatchId: z.uuid().nullable(),
  /** Sign-ins counted (one per phone). */
  signInCount: z.number().int(),
  /** The public sign-in page's secret (the QR code's content): only for the keeping side. */
  signInToken: z.string().nullable(),
  note: z.string().nullable(),
});
export type Activity = z.infer<typeof Activity>;
export const ActivityQuery = PageQuery.extend({
  kind: ActivityKind.optional(),
  direction: Direction.optional(),
  sector: Sector.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  pairingId: z.uuid().optional(),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;
export const ActivityPage = pageOf(Activity);

export const SignIn = z.object({ id: z.uuid(), name: z.string(), unit: z.string(), phoneMasked: z.string(), createdAt: z.string() });
export type SignIn = z.infer<typeof SignIn>;

/** The public sign-in page (no account): what the phone shows. */
export const SignInToken = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'validation.invalid') });
export const PublicActivity = z.object({
  title: z.string(),
  kind: ActivityKind,
  orgName: z.string(),
  venue: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Sign-in opens 30 minutes before the start and closes 30 minutes after the end. */
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(['not_open', 'open', 'closed']),
});
export type PublicActivity = z.infer<typeof PublicActivity>;
export const SignInInput = z.object({ name: text(30), unit: text(60), phone: Phone });
export type SignInInput = z.infer<typeof SignInInput>;
export const SignInResult = z.object({ already: z.boolean(), count: z.number().int() });
export type SignInResult = z.infer<typeof SignInResult>;

export const OutcomeKind = z.enum(['facility', 'discipline', 'award', 'other']);
export const OutcomeInput = z.object({
  orgId: z.uuid().optional(),
  kind: OutcomeKind,
  title: text(80),
  achievedOn: z.iso.date(),
  description: z.string().trim().max(1000).nullish(),
  programmeId: z.uuid().nullish(),
  pairingId: z.uuid().nullish(),
  dispatchId: z.uuid().nullish(),
  mentorshipId: z.uuid().nullish(),
});
export type OutcomeInput = z.infer<typeof OutcomeInput>;
export const Outcome = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  access: z.enum(['own', 'partner']),
  kind: OutcomeKind,
  title: z.string(),
  achievedOn: z.string(),
  description: z.string().nullable(),
  programmeName: z.string().nullable(),
  mentorName: z.string().nullable(),
});
export type Outcome = z.infer<typeof Outcome>;
export const OutcomeQuery = PageQuery.extend({ kind: OutcomeKind.optional() });
export type OutcomeQuery = z.infer<typeof OutcomeQuery>;
export const OutcomePage = pageOf(Outcome);
