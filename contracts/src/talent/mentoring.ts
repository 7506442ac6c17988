import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { Sector } from './people';
import { Direction } from './secondments';

const IsoDate = z.iso.date();

/** 传帮带: a mentor of the talent pool with the young staff they bring on. */
export const MentorshipInput = z.object({
  /** The organisation keeping the record (the mentees' institution, usually); defaults to the actor's. */
  orgId: z.uuid().optional(),
  mentorId: z.uuid(),
  sector: Sector,
  direction: Direction,
  startsOn: IsoDate,
  endsOn: IsoDate.nullish(),
  goals: text(500),
  programmeId: z.uuid().nullish(),
  mentees: z
    .array(z.object({ name: text(30), unit: text(60) }))
    .min(1)
    .max(20),
});
export type MentorshipInput = z.infer<typeof MentorshipInput>;
export const MentoringLogInput = z.object({ loggedOn: IsoDate, summary: text(1000) });
export type MentoringLogInput = z.infer<typeof MentoringLogInput>;

export const Mentorship = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  access: z.enum(['own', 'partner']),
  mentorId: z.uuid(),
  mentorName: z.string(),
  mentorUnit: z.string(),
  sector: Sector,
  direction: Direction,
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  goals: z.string(),
  programmeName: z.string().nullable(),
  mentees: z.array(z.object({ id: z.uuid(), name: z.string(), unit: z.string() })),
  logs: z.array(z.object({ id: z.uuid(), loggedOn: z.string(), summary: z.string() })),
  outcomes: z.array(z.object({ id: z.uuid(), title: z.string(), achievedOn: z.string() })),
});
export type Mentorship = z.infer<typeof Mentorship>;
export const MentorshipQuery = PageQuery.extend({ sector: Sector.optional(), direction: Direction.optional() });
export type MentorshipQuery = z.infer<typeof MentorshipQuery>;
export const MentorshipPage = pageOf(Mentorship);
