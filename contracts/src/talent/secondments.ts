import { z } from 'zod';
import { bool, pageOf, PageQuery, text } from '../common';
import { PersonKind, Sector, Side } from './people';

const IsoDate = z.iso.date();
/** west_to_east: 城口 → 临沂; east_to_west: 临沂 → 城口. */
export const Direction = z.enum(['west_to_east', 'east_to_west']);
export type Direction = z.infer<typeof Direction>;

export const SecondmentInput = z.object({
  personId: z.uuid(),
  /** The host unit: an organisation of the directory in the paired region, or only its name. */
  hostOrgId: z.uuid().nullish(),
  hostUnit: text(80),
  post: text(60),
  startsOn: IsoDate,
  endsOn: IsoDate,
  programmeId: z.uuid().nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type SecondmentInput = z.infer<typeof SecondmentInput>;
export const SecondmentPatch = SecondmentInput.omit({ personId: true }).partial();
export type SecondmentPatch = z.infer<typeof SecondmentPatch>;

export const Secondment = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  personKind: PersonKind,
  sector: Sector,
  orgId: z.uuid(),
  homeUnit: z.string(),
  homeOrgName: z.string(),
  side: Side,
  access: z.enum(['own', 'partner']),
  direction: Direction,
  hostOrgId: z.uuid().nullable(),
  hostUnit: z.string(),
  post: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** Days from today (China time) to the end; negative once ended. */
  daysLeft: z.number().int(),
  state: z.enum(['planned', 'active', 'ended']),
  programmeId: z.uuid().nullable(),
  programmeName: z.string().nullable(),
  reportCount: z.number().int(),
  note: z.string().nullable(),
});
export type Secondment = z.infer<typeof Secondment>;
export const SecondmentQuery = PageQuery.extend({
  direction: Direction.optional(),
  kind: PersonKind.optional(),
  personId: z.uuid().optional(),
  /** Terms ending within this many days from today (active terms only). */
  endingWithin: z.coerce.number().int().min(0).max(366).optional(),
  active: bool.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type SecondmentQuery = z.infer<typeof SecondmentQuery>;
export const SecondmentPage = pageOf(Secondment);

export const ReportKind = z.enum(['monthly', 'quarterly', 'midterm', 'final', 'other']);
export const SecondmentReportInput = z.object({
  reportedOn: IsoDate,
  kind: ReportKind,
  summary: text(2000),
});
export type SecondmentReportInput = z.infer<typeof SecondmentReportInput>;
export const SecondmentReport = z.object({
  id: z.uuid(),
  secondmentId: z.uuid(),
  reportedOn: z.string(),
  kind: ReportKind,
  summary: z.string(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type SecondmentReport = z.infer<typeof SecondmentReport>;
