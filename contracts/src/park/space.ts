import { z } from 'zod';
import { pageOf, PageQuery, text } from '../common';
import { Yuan } from './enterprises';

const IsoDate = z.iso.date();

/** Plant space: buildings (厂房) and plots (地块), their condition and what they are used for now. */
export const SITE_STATUSES = ['idle', 'offered', 'leased', 'in_use'] as const;
export const SiteStatus = z.enum(SITE_STATUSES);
export type SiteStatus = z.infer<typeof SiteStatus>;
export const SiteKind = z.enum(['building', 'plot']);
export type SiteKind = z.infer<typeof SiteKind>;
export const SiteCondition = z.enum(['good', 'fair', 'poor']);
export type SiteCondition = z.infer<typeof SiteCondition>;

const siteFields = {
  /** The feature of the park's plan that draws it. */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/, 'park.validation.site_code'),
  name: text(120),
  kind: SiteKind,
  zone: z.string().trim().max(60).nullable().optional(),
  areaM2: z.number().int().min(1).max(10_000_000),
  condition: SiteCondition,
  note: z.string().trim().max(1000).nullable().optional(),
};
export const SiteInput = z.object({ orgId: z.uuid().optional(), ...siteFields, status: z.enum(['idle', 'offered', 'in_use']).default('idle') });
export type SiteInput = z.input<typeof SiteInput>;
/** A site's status moves to `leased` only with a lease, and back when it ends. */
export const SitePatch = z.object({
  name: siteFields.name.optional(),
  zone: siteFields.zone,
  areaM2: siteFields.areaM2.optional(),
  condition: SiteCondition.optional(),
  status: z.enum(['idle', 'offered', 'in_use']).optional(),
  note: siteFields.note,
});
export type SitePatch = z.infer<typeof SitePatch>;

export const Lease = z.object({
  id: z.uuid(),
  siteId: z.uuid(),
  siteName: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  areaM2: z.number().int(),
  /** Whole yuan a month. */
  rentMonth: z.string(),
  /** The site stood idle or offered when leased: its area counts as revived in the lease's first year. */
  revives: z.boolean(),
  endedOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type Lease = z.infer<typeof Lease>;
export const LeaseInput = z.object({
  enterpriseId: z.uuid(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  /** At most the site's area; the whole site when left out. */
  areaM2: z.number().int().min(1).max(10_000_000).optional(),
  rentMonth: Yuan,
  note: z.string().trim().max(1000).nullable().optional(),
});
export type LeaseInput = z.input<typeof LeaseInput>;
export const LeaseEndInput = z.object({ endedOn: IsoDate, status: z.enum(['idle', 'offered', 'in_use']).default('idle') });
export type LeaseEndInput = z.input<typeof LeaseEndInput>;

export const Site = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: SiteKind,
  zone: z.string().nullable(),
  areaM2: z.number().int(),
  condition: SiteCondition,
  status: SiteStatus,
  note: z.string().nullable(),
  /** The running lease, if any. */
  lease: Lease.nullable(),
});
export type Site = z.infer<typeof Site>;
export const SiteDetail = Site.extend({ leases: z.array(Lease) });
export type SiteDetail = z.infer<typeof SiteDetail>;
export const SiteQuery = PageQuery.extend({ status: SiteStatus.optional(), zone: z.string().trim().max(60).optional() });
export type SiteQuery = z.infer<typeof SiteQuery>;
export const SitePage = pageOf(Site);

/** The space in scope by status, and the area revived each year from the lease records. */
export const SpaceSummary = z.object({
  byStatus: z.array(z.object({ status: SiteStatus, count: z.number().int(), areaM2: z.number().int() })),
  totalAreaM2: z.number().int(),
  revivedByYear: z.array(z.object({ year: z.number().int(), areaM2: z.number().int(), leases: z.number().int() })),
});
export type SpaceSummary = z.infer<typeof SpaceSummary>;

/** The park's plan as GeoJSON (a FeatureCollection of polygons; each site's feature named by its code). */
export const ParkPlan = z.object({
  type: z.literal('FeatureCollection'),
  name: z.string(),
  description: z.string(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ name: z.string(), kind: z.enum(['zone', 'site']), label: z.string(), cp: z.tuple([z.number(), z.number()]).optional() }),
      geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) }),
    }),
  ),
});
export type ParkPlan = z.infer<typeof ParkPlan>;
