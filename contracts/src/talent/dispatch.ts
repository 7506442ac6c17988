import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { Sector, Side } from './people';
import { TitleCode } from './titles';

const IsoDate = z.iso.date();

/** A host institution's demand-list item (需求人才清单): whom it needs, for which term, to what end. */
export const DemandInput = z.object({
  /** The host institution; defaults to the actor's organisation. */
  orgId: z.uuid().optional(),
  title: text(60),
  sector: Sector,
  specialties: z.array(text(30)).min(1).max(10),
  /** Minimum 职称 level, 1 初级 … 4 正高级. */
  minLevel: z.number().int().min(1).max(4).nullish(),
  headcount: z.number().int().min(1).max(100),
  startsOn: IsoDate,
  endsOn: IsoDate,
  goals: text(1000),
  programmeId: z.uuid().nullish(),
});
export type DemandInput = z.infer<typeof DemandInput>;

/** open: nothing approved yet; partial: some of the headcount approved; fulfilled: all of it. */
export const Fulfilment = z.enum(['open', 'partial', 'fulfilled']);
export type Fulfilment = z.infer<typeof Fulfilment>;

export const Demand = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  side: Side,
  access: z.enum(['own', 'partner']),
  title: z.string(),
  sector: Sector,
  specialties: z.array(z.string()),
  minLevel: z.number().int().nullable(),
  headcount: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  goals: z.string(),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  approved: z.number().int(),
  pending: z.number().int(),
  /** headcount − approved (never below 0): what is still missing. */
  missing: z.number().int(),
  fulfilment: Fulfilment,
  /** The specialties no approved or pending order covers yet. */
  missingSpecialties: z.array(z.string()),
  createdAt: z.string(),
});
export type Demand = z.infer<typeof Demand>;
export const DemandQuery = PageQuery.extend({
  fulfilment: Fulfilment.optional(),
  sector: Sector.optional(),
  orgId: z.uuid().optional(),
});
export type DemandQuery = z.infer<typeof DemandQuery>;
export const DemandPage = pageOf(Demand);

/** One factor of a match score: a stable detail code with its parameters, which the web renders (talent.match.*). */
export const MatchItem = z.object({
  factor: z.enum(['specialty', 'level', 'availability', 'history']),
  points: z.number().int(),
  max: z.number().int(),
  detail: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
});
export type MatchItem = z.infer<typeof MatchItem>;

export const DemandCandidate = z.object({
  personId: z.uuid(),
  name: z.string(),
  orgName: z.string(),
  unit: z.string(),
  titleCode: TitleCode.nullable(),
  titleLevel: z.number().int().nullable(),
  specialties: z.array(z.string()),
  pastDispatches: z.number().int(),
  score: z.number().int(),
  items: z.array(MatchItem),
  /** The actor may issue an order for this person (talent.edit over the person's organisation). */
  canIssue: z.boolean(),
});
export type DemandCandidate = z.infer<typeof DemandCandidate>;
export const CandidateQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10) });

export const DispatchInput = z.object({ personId: z.uuid(), note: z.string().trim().max(500).nullish() });
export type DispatchInput = z.infer<typeof DispatchInput>;
export const DispatchDecision = z.object({ approve: z.boolean(), note: z.string().trim().max(500).nullish() });
export type DispatchDecision = z.infer<typeof DispatchDecision>;

export const DispatchStatus = z.enum(['pending', 'approved', 'declined']);
export type DispatchStatus = z.infer<typeof DispatchStatus>;
export const Dispatch = z.object({
  id: z.uuid(),
  demandId: z.uuid(),
  demandTitle: z.string(),
  hostOrgName: z.string(),
  personId: z.uuid(),
  personName: z.string(),
  sendingOrgId: z.uuid(),
  sendingOrgName: z.string(),
  status: DispatchStatus,
  score: z.number().int(),
  items: z.array(MatchItem),
  note: z.string().nullable(),
  issuedByName: z.string().nullable(),
  issuedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** The approved term's state today (China time); null before approval. */
  termState: z.enum(['planned', 'active', 'ended']).nullable(),
  secondmentId: z.uuid().nullable(),
  /** The actor may approve or decline it (pending, talent.approve over the sending unit, not the issuer). */
  canDecide: z.boolean(),
});
export type Dispatch = z.infer<typeof Dispatch>;
export const DispatchQuery = PageQuery.extend({ demandId: z.uuid().optional(), status: DispatchStatus.optional() });
export type DispatchQuery = z.infer<typeof DispatchQuery>;
export const DispatchPage = pageOf(Dispatch);
