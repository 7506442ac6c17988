import { z } from 'zod';
import { bool, pageOf, PageQuery, text } from '../common';
import { Direction } from './secondments';

const IsoDate = z.iso.date();
const Year = z.coerce.number().int().min(2000).max(2100);

/** The plan's chapters (劳务协作, 人才交流, 产业合作, 携手奔小康 …): what an item is about. */
export const PLAN_AREAS = ['organisation', 'labour', 'talent', 'industry', 'villages', 'consumption', 'other'] as const;
export const PlanArea = z.enum(PLAN_AREAS);
export type PlanArea = z.infer<typeof PlanArea>;
/** `carried_over` (结转): left open at the year's end and taken into the next year's plan; like done or cancelled, never overdue. */
export const PLAN_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled', 'carried_over'] as const;
export const PlanStatus = z.enum(PLAN_STATUSES);
export type PlanStatus = z.infer<typeof PlanStatus>;

/** 年度工作计划: one per partnership and year, kept by the organisation that drew it up. */
export const PlanInput = z.object({
  partnershipId: z.uuid(),
  year: Year,
  title: text(120),
  /** The keeping organisation; defaults to the actor's. */
  orgId: z.uuid().optional(),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const Plan = z.object({
  id: z.uuid(),
  partnershipId: z.uuid(),
  partnershipName: z.string(),
  year: z.number().int(),
  title: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  access: z.enum(['own', 'partner']),
  items: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
  /** Closed by the keeping side: the items are read-only until it is reopened. */
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  /** The actor closes or reopens it (talent.edit over the keeping organisation). */
  canClose: z.boolean(),
});
export type Plan = z.infer<typeof Plan>;
/** Reopening a closed plan says why (audited). */
export const PlanReopenInput = z.object({ reason: text(500) });
export type PlanReopenInput = z.infer<typeof PlanReopenInput>;
export const PlanQuery = z.object({ year: Year.optional() });

/** An item of the plan: what is to be done, by which units of either side, by when. The lead unit's side owns it. */
export const PlanItemInput = z.object({
  area: PlanArea,
  content: text(500),
  leadOrgId: z.uuid(),
  /** Further responsible units of either side (the lead is one of them whether listed or not). */
  orgIds: z.array(z.uuid()).max(10).default([]),
  deadline: IsoDate,
  programmeId: z.uuid().nullish(),
});
export type PlanItemInput = z.infer<typeof PlanItemInput>;
export const PlanItemPatch = z
  .object({
    area: PlanArea,
    content: text(500),
    orgIds: z.array(z.uuid()).max(10),
    deadline: IsoDate,
    status: PlanStatus,
    programmeId: z.uuid().nullable(),
  })
  .partial();
export type PlanItemPatch = z.infer<typeof PlanItemPatch>;

/** A progress note: dated; the lead side may change the status with it. */
export const PlanNoteInput = z.object({ notedOn: IsoDate, text: text(1000), status: PlanStatus.optional() });
export type PlanNoteInput = z.infer<typeof PlanNoteInput>;

export const PlanUnit = z.object({ id: z.uuid(), name: z.string(), side: z.enum(['west', 'east']), lead: z.boolean() });
export const PlanNote = z.object({
  id: z.uuid(),
  notedOn: z.string(),
  text: z.string(),
  status: PlanStatus.nullable(),
  orgName: z.string(),
  authorName: z.string().nullable(),
});
export type PlanNote = z.infer<typeof PlanNote>;
export const PlanFollowUp = z.object({
  id: z.uuid(),
  visitId: z.uuid(),
  visitTitle: z.string(),
  visitKind: z.enum(['visit', 'joint_meeting']),
  startsOn: z.string(),
  content: z.string(),
});

/** Another year's item, by its plan's year and its number there. */
export const PlanItemRef = z.object({ id: z.uuid(), year: z.number().int(), seq: z.number().int() });
export type PlanItemRef = z.infer<typeof PlanItemRef>;

export const PlanItem = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  planTitle: z.string(),
  year: z.number().int(),
  seq: z.number().int(),
  area: PlanArea,
  content: z.string(),
  leadOrgId: z.uuid(),
  leadOrgName: z.string(),
  units: z.array(PlanUnit),
  deadline: z.string(),
  status: PlanStatus,
  /** Deadline passed (China time) and neither done nor cancelled. */
  overdue: z.boolean(),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  /** The item's plan is closed: nobody edits it or notes progress until it is reopened. */
  planClosed: z.boolean(),
  /** The actor edits the item (talent.edit over the lead unit; the plan open). */
  editable: z.boolean(),
  /** The actor may add a progress note (talent.edit over a responsible unit; the plan open). */
  canNote: z.boolean(),
  notes: z.array(PlanNote),
  followUps: z.array(PlanFollowUp),
  /** The previous year's item this one carries over (结转自), written when that year was closed. */
  carriedFrom: PlanItemRef.nullable(),
  /** The next year's item that carries this one on, once written. */
  carriedTo: PlanItemRef.nullable(),
});
export type PlanItem = z.infer<typeof PlanItem>;
export const PlanItemQuery = PageQuery.extend({
  planId: z.uuid().optional(),
  year: Year.optional(),
  area: PlanArea.optional(),
  status: PlanStatus.optional(),
  overdue: bool.optional(),
  /** Items one organisation is responsible for (lead or not). */
  orgId: z.uuid().optional(),
  programmeId: z.uuid().optional(),
});
export type PlanItemQuery = z.infer<typeof PlanItemQuery>;
export const PlanItemPage = pageOf(PlanItem);

/** 高层互访 / 联席会议. The delegation is names and posts as text (people in public roles), no personal data. */
export const VisitKind = z.enum(['visit', 'joint_meeting']);
export type VisitKind = z.infer<typeof VisitKind>;
export const FollowUpInput = z.object({ planItemId: z.uuid(), content: text(500) });
export type FollowUpInput = z.infer<typeof FollowUpInput>;
export const VisitInput = z.object({
  /** The keeping organisation; defaults to the actor's. */
  orgId: z.uuid().optional(),
  partnershipId: z.uuid(),
  kind: VisitKind,
  /** A visit's way (west_to_east: Chengkou's delegation to Linyi); none for a joint meeting. */
  direction: Direction.nullish(),
  title: text(120),
  startsOn: IsoDate,
  endsOn: IsoDate,
  delegation: text(1000),
  places: text(1000),
  decisions: text(2000),
  followUps: z.array(FollowUpInput).max(20).default([]),
});
export type VisitInput = z.infer<typeof VisitInput>;
/** The keeping side corrects a visit's text and dates (the follow-ups are added one by one). */
export const VisitPatch = VisitInput.pick({ title: true, startsOn: true, endsOn: true, delegation: true, places: true, decisions: true, direction: true }).partial();
export type VisitPatch = z.infer<typeof VisitPatch>;
export const Visit = z.object({
  id: z.uuid(),
  partnershipId: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  access: z.enum(['own', 'partner']),
  /** The actor changes it and adds follow-ups (talent.edit over the keeping organisation). */
  editable: z.boolean(),
  kind: VisitKind,
  direction: Direction.nullable(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  delegation: z.string(),
  places: z.string(),
  decisions: z.string(),
  followUps: z.array(z.object({ id: z.uuid(), planItemId: z.uuid(), planItemContent: z.string(), planItemStatus: PlanStatus, content: z.string() })),
});
export type Visit = z.infer<typeof Visit>;
export const VisitQuery = PageQuery.extend({ kind: VisitKind.optional(), year: Year.optional() });
export type VisitQuery = z.infer<typeof VisitQuery>;
export const VisitPage = pageOf(Visit);
